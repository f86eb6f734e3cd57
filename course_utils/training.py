"""Training a Keras model quietly, and getting its predictions and accuracy back.

``fit_quietly`` is ``model.fit`` without the progress bar: one rounded line per
epoch (``EpochLog``), so notebook outputs are the same on every machine.  It
checks its inputs against the model before Keras sees them, so a mistake gives
a clear message and leaves the model trainable.  ``predict_proba`` and
``accuracy_of`` call the model directly, without the per-model graph that
``model.predict`` traces.  ``restart`` gives a compiled model a new random
start, so repeated runs over seeds reuse one model.  ``balanced_class_weight`` gives the
``class_weight`` that makes a rare class weigh as much as a common one.
"""

import keras
import numpy as np

from . import checks as _check

MAX_LINE = 200  # characters of one printed log line


class EpochLog(keras.callbacks.Callback):
    """Prints one rounded line per epoch (no timings, no carriage returns).

    ``digits`` decimals are printed: few enough that two CPUs agree.  Every
    ``every``-th epoch is printed.  A line is cut at 200 characters.
    """

    def __init__(self, digits=3, every=1):
        super().__init__()
        self.digits = _check.whole_number("digits", digits, low=0, high=8)
        self.every = _check.positive_int("every", every)

    def on_epoch_end(self, epoch, logs=None):
        if (epoch + 1) % self.every:
            return
        parts = [f"{k} {float(v):.{self.digits}f}" for k, v in sorted((logs or {}).items()) if k != "learning_rate"]
        line = f"epoch {epoch + 1}: " + ", ".join(parts)
        print(line if len(line) <= MAX_LINE else line[: MAX_LINE - 4] + " ...")


def _batch(model, name, x):
    """``x`` as a float32 batch whose rows have the model's input shape."""
    x = _check.array(name, x, min_ndim=1)
    expected = tuple(model.input_shape[1:])
    if x.ndim != len(expected) + 1 or any(e is not None and e != g for e, g in zip(expected, x.shape[1:])):
        wanted = "(n, " + ", ".join("any" if d is None else str(d) for d in expected) + ")"
        raise ValueError(f"{name} must have shape {wanted} to match the model's input; got {x.shape}")
    return x.astype(np.float32)


def _loss_name(model):
    loss = getattr(model, "loss", None)
    return (loss if isinstance(loss, str) else getattr(loss, "name", None) or type(loss).__name__).lower()


def _targets(model, name, y):
    """``y`` checked against the model's output units and loss (labels, 0/1 targets or numbers)."""
    units = model.output_shape[-1]
    loss = _loss_name(model)
    if "sparse_categorical" in loss:
        return _check.labels(name, y, n_classes=units)
    y = _check.array(name, y, ndim=(1, 2))
    if y.ndim == 2 and y.shape[1] != units:
        raise ValueError(f"{name} must have shape (n,) or (n, {units}) to match the model's {units} outputs; got {y.shape}")
    if y.ndim == 1 and units != 1 and "categorical" not in loss:
        raise ValueError(f"{name} must have shape (n, {units}) to match the model's {units} outputs; got {y.shape}")
    if "binary" in loss and (y.min() < 0 or y.max() > 1):
        raise ValueError(f"{name} must hold 0/1 targets (probabilities) for a binary model; got values from {y.min():g} to {y.max():g}")
    return y


def _xy_for(model, x, y, x_name="x", y_name="y"):
    x = _batch(model, x_name, x)
    y = _targets(model, y_name, y)
    _check.same_length(**{x_name: x, y_name: y})
    return x, y


def fit_quietly(model, x, y, *, epochs, batch_size=32, validation_data=None, log=True, **kwargs):
    """``model.fit`` without Keras' progress bar; one rounded line per epoch if ``log``.

    ``model`` is a compiled Keras model; ``x`` has the model's input shape
    (n, ...); ``y`` holds n class labels 0..k-1 for a softmax model with
    sparse categorical cross-entropy, or 0/1 targets for a sigmoid one.
    ``validation_data`` is ``(x_val, y_val)``, checked the same way.  The
    inputs are checked before Keras sees them, so a mistake raises a clear
    ``ValueError`` or ``TypeError`` and leaves the model trainable.

    Returns the history as a dict of lists, one value per epoch.
    """
    model = _check.keras_model("model", model)
    if getattr(model, "optimizer", None) is None or not getattr(model, "compiled", True):
        raise ValueError("model must be compiled before training: call model.compile(optimizer=..., loss=...) first")
    x, y = _xy_for(model, x, y)
    epochs = _check.positive_int("epochs", epochs, high=10_000)
    batch_size = _check.positive_int("batch_size", batch_size)
    log = _check.flag("log", log)
    if validation_data is not None:
        if not isinstance(validation_data, (tuple, list)) or len(validation_data) != 2:
            raise TypeError(f"validation_data must be a pair (x_val, y_val); got {_check.brief(validation_data)}")
        validation_data = _xy_for(model, *validation_data, x_name="validation_data[0]", y_name="validation_data[1]")
    callbacks = kwargs.pop("callbacks", None) or []
    if not isinstance(callbacks, (list, tuple)) or not all(isinstance(c, keras.callbacks.Callback) for c in callbacks):
        raise TypeError(f"callbacks must be a list of keras.callbacks.Callback; got {_check.brief(callbacks)}")
    callbacks = list(callbacks) + ([EpochLog()] if log else [])
    try:
        history = model.fit(
            x, y, epochs=epochs, batch_size=batch_size, validation_data=validation_data,
            verbose=0, callbacks=callbacks, **kwargs,
        )
    except BaseException:
        # A call that fails inside Keras can leave a half-built training function
        # behind ("Creating variables on a non-first call ..."): rebuild it.
        model.make_train_function(force=True)
        model.make_test_function(force=True)
        raise
    return history.history


def restart(model, seed):
    """Give a compiled ``model`` new random starting weights from ``seed`` and a fresh optimizer.

    Afterwards ``fit`` trains it as it would train the same model built and
    compiled anew after ``keras.utils.set_random_seed(seed)``: the same starting
    weights (drawn layer by layer, as a new model draws them), the same order of
    batches, and an optimizer with no memory of earlier steps (its step count and
    Adam's running averages back to 0; its learning rate kept).  What it saves
    is time: Keras keeps the training step it has already prepared for this
    model instead of preparing one for every new model.  Returns ``model``.
    """
    model = _check.keras_model("model", model)
    seed = _check.seed("seed", seed)
    optimizer = getattr(model, "optimizer", None)
    if optimizer is None or not getattr(model, "compiled", True):
        raise ValueError("model must be compiled before restart: call model.compile(optimizer=..., loss=...) first")
    keras.utils.set_random_seed(seed)
    model.set_weights(keras.models.clone_model(model).get_weights())
    for variable in optimizer.variables:
        if variable.name != "learning_rate":
            variable.assign(np.zeros(variable.shape, variable.dtype))
    return model


def predict_proba(model, x):
    """The model's outputs for ``x`` as a NumPy array, computed in one eager call.

    Same numbers as ``model.predict(x, verbose=0)``, but without building a
    ``tf.function`` per model and batch size, so a notebook that evaluates many
    small models prints no TensorFlow "retracing" warnings.
    """
    model = _check.keras_model("model", model)
    x = _batch(model, "x", x)
    return np.concatenate([np.asarray(model(x[i : i + 1000], training=False)) for i in range(0, len(x), 1000)])


def accuracy_of(model, x, y):
    """Fraction of ``x`` a model labels correctly: arg-max of a softmax output, or
    probability >= 0.5 for a one-unit (sigmoid) output.  ``y``: (n,) integer labels."""
    model = _check.keras_model("model", model)
    x = _batch(model, "x", x)
    units = model.output_shape[-1]
    y = _check.labels("y", y, n_classes=max(units, 2))
    _check.same_length(x=x, y=y)
    # A direct call, not model.predict: predict traces a new graph for every new
    # model, and TensorFlow logs a "retracing" warning after a few of them.
    probs = predict_proba(model, x)
    pred = (probs[:, 0] >= 0.5).astype(np.int64) if probs.shape[-1] == 1 else probs.argmax(axis=1)
    return float(np.mean(pred == y))


def balanced_class_weight(y):
    """Keras ``class_weight`` dict that makes each class weigh as much in total: n / (k * count)."""
    y = _check.labels("y", y)
    classes, counts = np.unique(y, return_counts=True)
    return {int(c): float(len(y) / (len(classes) * k)) for c, k in zip(classes, counts)}
