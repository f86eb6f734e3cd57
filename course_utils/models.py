"""Small Keras models the chapters train, and quiet training with a readable log."""

import keras
import numpy as np

from .checks import positive_int as _positive_int


def dense_classifier(hidden_units=128, n_classes=10, input_shape=(28, 28), learning_rate=1e-3):
    """Flatten -> Dense(hidden_units, ReLU) -> Dense(n_classes, softmax), compiled.

    Input: a batch of images of shape (batch, *input_shape).  Output: (batch,
    n_classes) class probabilities.  Compiled with Adam, sparse categorical
    cross-entropy (integer labels) and accuracy.  Parameters:
    ``prod(input_shape) * hidden_units + hidden_units + hidden_units * n_classes + n_classes``.
    """
    hidden_units = _positive_int("hidden_units", hidden_units)
    n_classes = _positive_int("n_classes", n_classes)
    model = keras.Sequential(
        [
            keras.Input(shape=tuple(input_shape)),
            keras.layers.Flatten(name="flatten"),
            keras.layers.Dense(hidden_units, activation="relu", name="hidden"),
            keras.layers.Dense(n_classes, activation="softmax", name="output"),
        ],
        name=f"dense_{hidden_units}",
    )
    model.compile(
        optimizer=keras.optimizers.Adam(learning_rate=learning_rate),
        loss="sparse_categorical_crossentropy",
        metrics=["accuracy"],
    )
    return model


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


def layer_table(model):
    """Print one line per layer: name, output shape (batch axis as None) and parameter count.

    A plain-text stand-in for ``model.summary()`` whose output is the same on every machine.
    """
    if not hasattr(model, "layers"):
        raise TypeError(f"expected a Keras model, got {type(model).__name__}")
    rows = [(layer.name, str(tuple(layer.output.shape)), f"{layer.count_params():,}") for layer in model.layers]
    rows.append(("total", "", f"{model.count_params():,}"))
    widths = [max(len(r[i]) for r in rows + [("layer", "output shape", "parameters")]) for i in range(3)]
    header = ("layer", "output shape", "parameters")
    for i, row in enumerate([header] + rows):
        if i == len(rows):
            print("-" * (sum(widths) + 4))
        print(f"{row[0]:<{widths[0]}}  {row[1]:<{widths[1]}}  {row[2]:>{widths[2]}}")
