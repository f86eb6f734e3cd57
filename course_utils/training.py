"""Training a Keras model quietly, and getting its predictions and accuracy back.

``fit_quietly`` is ``model.fit`` without the progress bar: one rounded line per
epoch (``EpochLog``), so notebook outputs are the same on every machine.
``predict_proba`` and ``accuracy_of`` call the model directly, without the
per-model graph that ``model.predict`` traces.  ``balanced_class_weight``
gives the ``class_weight`` that makes a rare class weigh as much as a common one.
"""

import keras
import numpy as np

from .checks import positive_int as _positive_int


class EpochLog(keras.callbacks.Callback):
    """Prints one rounded line per epoch (no timings, no carriage returns).

    ``digits`` decimals are printed: few enough that two CPUs agree.
    """

    def __init__(self, digits=3, every=1):
        super().__init__()
        self.digits = digits
        self.every = _positive_int("every", every)

    def on_epoch_end(self, epoch, logs=None):
        if (epoch + 1) % self.every:
            return
        parts = [f"{k} {v:.{self.digits}f}" for k, v in sorted((logs or {}).items()) if k != "learning_rate"]
        print(f"epoch {epoch + 1}: " + ", ".join(parts))

def fit_quietly(model, x, y, *, epochs, batch_size=32, validation_data=None, log=True, **kwargs):
    """``model.fit`` without Keras' progress bar; one rounded line per epoch if ``log``.

    Returns the history as a dict of lists, one value per epoch.
    """
    epochs = _positive_int("epochs", epochs)
    callbacks = list(kwargs.pop("callbacks", []))
    if log:
        callbacks.append(EpochLog())
    history = model.fit(
        x, y, epochs=epochs, batch_size=batch_size, validation_data=validation_data,
        verbose=0, callbacks=callbacks, **kwargs,
    )
    return history.history

def predict_proba(model, x):
    """The model's outputs for ``x`` as a NumPy array, computed in one eager call.

    Same numbers as ``model.predict(x, verbose=0)``, but without building a
    ``tf.function`` per model and batch size, so a notebook that evaluates many
    small models prints no TensorFlow "retracing" warnings.
    """
    if not hasattr(model, "layers"):
        raise TypeError(f"expected a Keras model, got {type(model).__name__}")
    try:
        x = np.asarray(x, dtype=np.float32)
    except (TypeError, ValueError):
        raise TypeError(f"x must be a numeric array (a batch with a sample axis first); got {type(x).__name__}") from None
    if x.ndim < 2 or len(x) == 0:
        raise ValueError(f"x must be a non-empty batch with a sample axis first; got shape {x.shape}")
    return np.asarray(model(x, training=False))

def accuracy_of(model, x, y):
    """Fraction of ``x`` a model labels correctly: arg-max of a softmax output, or
    probability >= 0.5 for a one-unit (sigmoid) output.  ``y``: (n,) integer labels."""
    y = np.asarray(y)
    if len(x) != len(y) or y.ndim != 1 or len(y) == 0:
        raise ValueError(f"x and y must have the same, non-zero number of rows and y must be 1-D; got {len(x)} images and labels of shape {y.shape}")
    # A direct call, not model.predict: predict traces a new graph for every new
    # model, and TensorFlow logs a "retracing" warning after a few of them.
    probs = np.concatenate([np.asarray(model(x[i : i + 1000], training=False)) for i in range(0, len(x), 1000)])
    pred = (probs[:, 0] >= 0.5).astype(np.int64) if probs.shape[-1] == 1 else probs.argmax(axis=1)
    return float(np.mean(pred == y))

def balanced_class_weight(y):
    """Keras ``class_weight`` dict that makes each class weigh as much in total: n / (k * count)."""
    y = np.asarray(y)
    if y.ndim != 1 or y.size == 0:
        raise ValueError(f"y must be a non-empty 1-D label array; got shape {y.shape}")
    if not (np.issubdtype(y.dtype, np.integer) or (np.issubdtype(y.dtype, np.floating) and np.all(np.mod(y, 1) == 0))):
        raise ValueError(f"y must hold whole-number class labels; got {y[:5]!r:.80}")
    classes, counts = np.unique(y, return_counts=True)
    return {int(c): float(len(y) / (len(classes) * k)) for c, k in zip(classes, counts)}
