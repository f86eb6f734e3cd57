"""Every Keras model the course builds, compiled and ready to train.

Dense models (Flatten -> Dense -> Dense) and Conv2D models, each as a
classifier (softmax over the classes), a detector (one sigmoid probability:
"is it the class we look for?") or, for the Dense one, a regressor::

    >>> dense_classifier(hidden_units=16).count_params()
    12730
    >>> conv_classifier().count_params()   # Conv2D -> pool -> Conv2D -> pool -> Flatten -> Dense
    12810
    >>> conv_detector().output_shape
    (None, 1)

Builders that take a ``seed`` seed Keras themselves, so a model gives the same
numbers wherever it is built in a notebook.
"""

import keras
import numpy as np

from . import checks as _check


def _dense_arguments(hidden_units, input_shape, learning_rate, seed):
    """The checked arguments every Dense builder shares; refuses a first layer too large for memory."""
    hidden_units = _check.positive_int("hidden_units", hidden_units)
    input_shape = _check.shape_tuple("input_shape", input_shape)
    learning_rate = _check.real_number("learning_rate", learning_rate, low=0, high=10, low_open=True)
    if seed is not None:
        seed = _check.seed("seed", seed)
    weights = int(np.prod(input_shape)) * hidden_units
    if weights > _check.MAX_ELEMENTS:
        raise ValueError(
            f"hidden_units={hidden_units} with input_shape={input_shape} makes {weights:,} weights in the first Dense "
            f"layer, more than {_check.MAX_ELEMENTS:,}: that would exhaust memory; use fewer hidden units"
        )
    return hidden_units, input_shape, learning_rate, seed


def _compiled(layers, name, learning_rate, loss, metric):
    """A ``keras.Sequential`` of ``layers`` compiled with Adam(``learning_rate``), ``loss`` and one ``metric``."""
    model = keras.Sequential(layers, name=name)
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=learning_rate), loss=loss, metrics=[metric])
    return model


def dense_classifier(hidden_units=128, n_classes=10, input_shape=(28, 28), learning_rate=1e-3, seed=None):
    """Flatten -> Dense(hidden_units, ReLU) -> Dense(n_classes, softmax), compiled.

    Input: a batch of images of shape (batch, *input_shape).  Output: (batch,
    n_classes) class probabilities.  Compiled with Adam, sparse categorical
    cross-entropy (integer labels) and accuracy.  Parameters:
    ``prod(input_shape) * hidden_units + hidden_units + hidden_units * n_classes + n_classes``.
    With a ``seed``, Keras is seeded with it first, so equal arguments give equal weights.
    """
    hidden_units, input_shape, learning_rate, seed = _dense_arguments(hidden_units, input_shape, learning_rate, seed)
    n_classes = _check.positive_int("n_classes", n_classes, high=100_000)
    if seed is not None:
        keras.utils.set_random_seed(seed)
    layers = [
        keras.Input(shape=input_shape),
        keras.layers.Flatten(name="flatten"),
        keras.layers.Dense(hidden_units, activation="relu", name="hidden"),
        keras.layers.Dense(n_classes, activation="softmax", name="output"),
    ]
    return _compiled(layers, f"dense_{hidden_units}", learning_rate, "sparse_categorical_crossentropy", "accuracy")


def dense_detector(input_shape, hidden_units=16, learning_rate=1e-3, seed=0):
    """Flatten -> Dense(hidden_units, ReLU) -> Dense(1, sigmoid), compiled.

    Input (batch, *input_shape); output (batch, 1), the predicted probability of
    class 1.  Compiled with Adam, binary cross-entropy and accuracy.
    """
    hidden_units, input_shape, learning_rate, seed = _dense_arguments(hidden_units, input_shape, learning_rate, seed)
    keras.utils.set_random_seed(seed)
    layers = [
        keras.Input(shape=input_shape),
        keras.layers.Flatten(name="flatten"),
        keras.layers.Dense(hidden_units, activation="relu", name="hidden"),
        keras.layers.Dense(1, activation="sigmoid", name="output"),
    ]
    return _compiled(layers, f"dense_detector_{hidden_units}", learning_rate, "binary_crossentropy", "accuracy")


def dense_regressor(n_features, hidden_units=32, learning_rate=1e-2, seed=0):
    """Dense(hidden_units, ReLU) -> Dense(1), compiled with mean squared error.

    Input (batch, n_features); output (batch, 1), one predicted number.
    Reports MSE as the loss and mean absolute error as a metric.
    """
    n_features = _check.positive_int("n_features", n_features)
    hidden_units, _, learning_rate, seed = _dense_arguments(hidden_units, (n_features,), learning_rate, seed)
    keras.utils.set_random_seed(seed)
    layers = [
        keras.Input(shape=(n_features,)),
        keras.layers.Dense(hidden_units, activation="relu", name="hidden"),
        keras.layers.Dense(1, name="output"),
    ]
    return _compiled(layers, f"dense_regressor_{hidden_units}", learning_rate, "mean_squared_error", "mean_absolute_error")


def _conv_stack(filters, kernel_size, input_shape):
    if isinstance(filters, (int, np.integer)) and not isinstance(filters, bool):
        raise TypeError(f"filters must be a non-empty tuple of filter counts, one per Conv2D layer, such as (16, 32); got {filters!r}: write ({filters},)")
    if not isinstance(filters, (tuple, list)) or len(filters) == 0:
        raise TypeError(f"filters must be a non-empty tuple of filter counts, one per Conv2D layer, such as (16, 32); got {_check.brief(filters)}")
    filters = [_check.positive_int("each filter count", f, high=4096) for f in filters]
    kernel_size = _check.positive_int("kernel_size", kernel_size, high=64)
    if not isinstance(input_shape, (tuple, list)) or len(input_shape) != 2:
        raise ValueError(f"input_shape must be (height, width) of grayscale images; got {_check.brief(input_shape)}")
    input_shape = _check.shape_tuple("input_shape", input_shape, length=2)
    side = min(input_shape)
    for _ in filters:  # each valid convolution loses kernel_size - 1 pixels, each pooling halves
        side = (side - kernel_size + 1) // 2
    if side < 1:
        raise ValueError(
            f"input_shape {input_shape} is too small for {len(filters)} Conv2D layers with kernel_size "
            f"{kernel_size} and 2x2 pooling: the feature maps would shrink to nothing"
        )
    layers = [keras.Input(shape=input_shape), keras.layers.Reshape(input_shape + (1,), name="add_channel")]
    for i, n in enumerate(filters, start=1):
        layers.append(keras.layers.Conv2D(n, kernel_size, activation="relu", name=f"conv{i}"))
        layers.append(keras.layers.MaxPooling2D(2, name=f"pool{i}"))
    layers.append(keras.layers.Flatten(name="flatten"))
    return layers


def conv_classifier(filters=(16, 32), kernel_size=3, n_classes=10, dropout=0.25, learning_rate=2e-3, input_shape=(28, 28)):
    """Reshape -> [Conv2D(ReLU) -> MaxPooling2D(2)] per entry of ``filters`` -> Flatten -> Dropout -> Dense(softmax).

    Input: a batch of grayscale images (batch, height, width); a channel axis
    is added inside the model, so the same arrays feed a Flatten -> Dense model.
    Output: (batch, n_classes) class probabilities.  Convolutions use no
    padding ("valid").  Compiled with Adam(``learning_rate``), sparse
    categorical cross-entropy (integer labels) and accuracy.

    With the defaults the shapes are 28x28x1 -> 26x26x16 -> 13x13x16 ->
    11x11x32 -> 5x5x32 -> 800 -> 10, and the parameters
    (3*3*1*16 + 16) + (3*3*16*32 + 32) + (800*10 + 10) = 12,810.
    """
    n_classes = _check.positive_int("n_classes", n_classes, high=100_000)
    if isinstance(dropout, bool) or not isinstance(dropout, (int, float, np.floating)) or not 0 <= dropout < 1:
        raise ValueError(f"dropout must be a fraction in [0, 1); got {_check.brief(dropout)}")
    learning_rate = _check.real_number("learning_rate", learning_rate, low=0, high=10, low_open=True)
    layers = _conv_stack(filters, kernel_size, input_shape)
    if dropout:
        layers.append(keras.layers.Dropout(dropout, name="dropout"))
    layers.append(keras.layers.Dense(n_classes, activation="softmax", name="output"))
    return _compiled(layers, "conv_classifier", learning_rate, "sparse_categorical_crossentropy", "accuracy")


def conv_detector(filters=(8, 16), kernel_size=3, learning_rate=1e-3, input_shape=(28, 28)):
    """A binary Conv2D detector: the same convolution stack -> Flatten -> Dense(1, sigmoid).

    Input: (batch, height, width) images.  Output: (batch, 1), the probability
    that an image shows the positive class (label 1).  Compiled with Adam,
    binary cross-entropy and accuracy (at the threshold 0.5).  With the
    defaults: (3*3*1*8 + 8) + (3*3*8*16 + 16) + (400 + 1) = 1,649 parameters.
    """
    learning_rate = _check.real_number("learning_rate", learning_rate, low=0, high=10, low_open=True)
    layers = _conv_stack(filters, kernel_size, input_shape)
    layers.append(keras.layers.Dense(1, activation="sigmoid", name="output"))
    return _compiled(layers, "conv_detector", learning_rate, "binary_crossentropy", "accuracy")
