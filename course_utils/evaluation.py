"""Builders for the evaluation chapter's demonstrations: small models and the data they need.

Each model builder seeds Keras itself (``seed``), so a demonstration gives the
same numbers wherever it sits in a notebook::

    >>> model = binary_dense_model((28, 28), hidden_units=16)
    >>> model.output_shape
    (None, 1)

Data builders take arrays and return new arrays; they never change their inputs.
"""

from typing import NamedTuple

import keras
import numpy as np

from .checks import positive_int as _positive_int


class Split(NamedTuple):
    """A train/test split: ``x_*`` of shape (n, ...) and ``y_*`` of shape (n,)."""

    x_train: np.ndarray
    y_train: np.ndarray
    x_test: np.ndarray
    y_test: np.ndarray


def _fraction(name, value):
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)) or not 0 < value < 1:
        raise ValueError(f"{name} must be a fraction strictly between 0 and 1; got {value!r}")
    return float(value)


def _xy(x, y):
    x, y = np.asarray(x), np.asarray(y)
    if y.ndim != 1 or len(x) != len(y):
        raise ValueError(f"x and y must have the same number of rows and y must be 1-D; got x of shape {x.shape} and y of shape {y.shape}")
    return x, y


# --------------------------------------------------------------------- models
def binary_dense_model(input_shape, hidden_units=16, learning_rate=1e-3, seed=0):
    """Flatten -> Dense(hidden_units, ReLU) -> Dense(1, sigmoid), compiled.

    Input (batch, *input_shape); output (batch, 1), the predicted probability of
    class 1.  Compiled with Adam, binary cross-entropy and accuracy.
    """
    hidden_units = _positive_int("hidden_units", hidden_units)
    keras.utils.set_random_seed(seed)
    model = keras.Sequential(
        [
            keras.Input(shape=tuple(input_shape)),
            keras.layers.Flatten(name="flatten"),
            keras.layers.Dense(hidden_units, activation="relu", name="hidden"),
            keras.layers.Dense(1, activation="sigmoid", name="output"),
        ],
        name=f"binary_dense_{hidden_units}",
    )
    model.compile(
        optimizer=keras.optimizers.Adam(learning_rate=learning_rate),
        loss="binary_crossentropy",
        metrics=["accuracy"],
    )
    return model


def regression_model(n_features, hidden_units=32, learning_rate=1e-2, seed=0):
    """Dense(hidden_units, ReLU) -> Dense(1), compiled with mean squared error.

    Input (batch, n_features); output (batch, 1), one predicted number.
    Reports MSE as the loss and mean absolute error as a metric.
    """
    n_features = _positive_int("n_features", n_features)
    hidden_units = _positive_int("hidden_units", hidden_units)
    keras.utils.set_random_seed(seed)
    model = keras.Sequential(
        [
            keras.Input(shape=(n_features,)),
            keras.layers.Dense(hidden_units, activation="relu", name="hidden"),
            keras.layers.Dense(1, name="output"),
        ],
        name=f"regression_{hidden_units}",
    )
    model.compile(
        optimizer=keras.optimizers.Adam(learning_rate=learning_rate),
        loss="mean_squared_error",
        metrics=["mean_absolute_error"],
    )
    return model


def seeded_dense_classifier(seed=0, **kwargs):
    """``course_utils.models.dense_classifier(**kwargs)`` built right after seeding Keras."""
    from .models import dense_classifier

    keras.utils.set_random_seed(seed)
    return dense_classifier(**kwargs)


# ----------------------------------------------------------------------- data
def diabetes_split(test_fraction=0.2, seed=0):
    """scikit-learn's diabetes data (442 patients, 10 features; ships with it).

    The target is disease progression one year later (a number from 25 to 346).
    Features are standardised with the training part's mean and spread.
    Returns a ``Split`` with float32 ``x`` of shape (n, 10) and float32 ``y``.
    """
    from sklearn.datasets import load_diabetes
    from sklearn.model_selection import train_test_split

    test_fraction = _fraction("test_fraction", test_fraction)
    x, y = load_diabetes(return_X_y=True, scaled=False)
    x_tr, x_te, y_tr, y_te = train_test_split(x, y, test_size=test_fraction, random_state=seed)
    mean, std = x_tr.mean(axis=0), x_tr.std(axis=0)
    f32 = np.float32
    return Split(((x_tr - mean) / std).astype(f32), y_tr.astype(f32), ((x_te - mean) / std).astype(f32), y_te.astype(f32))


def binary_digits(x, y, positive, negative):
    """Keep only the digits ``positive`` and ``negative``; relabel them 1 and 0.

    Returns ``(x_pair, y_pair)`` in the original order, ``y_pair`` int64 0/1.
    """
    x, y = _xy(x, y)
    if positive == negative:
        raise ValueError(f"positive and negative must be different digits; got {positive} twice")
    for name, digit in (("positive", positive), ("negative", negative)):
        if not np.any(y == digit):
            raise ValueError(f"{name} digit {digit!r} does not occur in y")
    keep = (y == positive) | (y == negative)
    return x[keep], (y[keep] == positive).astype(np.int64)


def imbalanced_binary(x, y, positive, n, positive_fraction, seed=0):
    """A sample of ``n`` rows where a fraction ``positive_fraction`` is the class ``positive``.

    Labels become 1 (``positive``) and 0 (every other class).  Rows are drawn
    without replacement and shuffled.  Raises ``ValueError`` when the data has
    too few rows of either kind.
    """
    x, y = _xy(x, y)
    n = _positive_int("n", n)
    positive_fraction = _fraction("positive_fraction", positive_fraction)
    n_pos = int(round(n * positive_fraction))
    pos, neg = np.flatnonzero(y == positive), np.flatnonzero(y != positive)
    if n_pos > len(pos) or n - n_pos > len(neg):
        raise ValueError(f"need {n_pos} positive and {n - n_pos} other rows; the data has {len(pos)} and {len(neg)}")
    rng = np.random.default_rng(seed)
    rows = rng.permutation(np.concatenate([rng.choice(pos, n_pos, replace=False), rng.choice(neg, n - n_pos, replace=False)]))
    return x[rows], (y[rows] == positive).astype(np.int64)


def leak_into_training(x_train, y_train, x_leak, y_leak, seed=0):
    """Training data with ``x_leak`` (for example the test images) mixed in: the leakage mistake.

    Returns ``(x, y)`` with ``len(x_train) + len(x_leak)`` rows in a shuffled order.
    """
    x_train, y_train = _xy(x_train, y_train)
    x_leak, y_leak = _xy(x_leak, y_leak)
    if x_train.shape[1:] != x_leak.shape[1:]:
        raise ValueError(f"x_train rows have shape {x_train.shape[1:]} but x_leak rows have {x_leak.shape[1:]}")
    order = np.random.default_rng(seed).permutation(len(x_train) + len(x_leak))
    return np.concatenate([x_train, x_leak])[order], np.concatenate([y_train, y_leak])[order]


def copies_found(x_eval, x_train):
    """How many rows of ``x_eval`` appear exactly (every pixel) among the rows of ``x_train``."""
    x_eval, x_train = np.asarray(x_eval), np.asarray(x_train)
    if x_eval.shape[1:] != x_train.shape[1:]:
        raise ValueError(f"rows must have the same shape; got {x_eval.shape[1:]} and {x_train.shape[1:]}")
    seen = {row.tobytes() for row in np.ascontiguousarray(x_train)}
    return int(sum(row.tobytes() in seen for row in np.ascontiguousarray(x_eval)))


def pixel_permutation(image_shape=(28, 28), seed=0):
    """One fixed random order of an image's pixels: an int array of ``prod(image_shape)`` indices."""
    if not isinstance(image_shape, (tuple, list)) or not all(
        isinstance(d, (int, np.integer)) and not isinstance(d, bool) and d >= 1 for d in image_shape
    ):
        raise ValueError(f"image_shape must be a tuple of positive whole numbers such as (28, 28); got {image_shape!r}")
    size = int(np.prod(image_shape))
    if size < 2:
        raise ValueError(f"image_shape must hold at least 2 pixels; got {image_shape}")
    return np.random.default_rng(seed).permutation(size)


def permute_pixels(images, permutation):
    """Shuffle every image's pixels with the same ``permutation``; shape is kept.

    ``images``: (n, H, W); ``permutation``: the H*W indices from ``pixel_permutation``.
    """
    images = np.asarray(images)
    permutation = np.asarray(permutation)
    if images.ndim != 3:
        raise ValueError(f"images must have shape (n, height, width); got {images.shape}")
    size = images.shape[1] * images.shape[2]
    if permutation.shape != (size,) or not np.issubdtype(permutation.dtype, np.integer) or not np.array_equal(np.sort(permutation), np.arange(size)):
        raise ValueError(f"permutation must be a reordering of 0..{size - 1} (one index per pixel)")
    return images.reshape(len(images), size)[:, permutation].reshape(images.shape)


def flatten_wrong_axis(images):
    """A flatten with the axes in the wrong order: the sample axis is moved last first.

    Returns shape (n, H*W) like a correct flatten, but row ``i`` now holds pixels
    taken from many different images.  Shown to demonstrate the mistake.
    """
    images = np.asarray(images)
    if images.ndim < 2:
        raise ValueError(f"images must have a sample axis and at least one more; got shape {images.shape}")
    return np.moveaxis(images, 0, -1).reshape(len(images), int(np.prod(images.shape[1:])))


def fraud_like_split(n=12_000, positive_fraction=0.02, class_sep=1.0, test_fraction=0.25, seed=0):
    """A synthetic, fraud-like table: 20 features, few positives, hard to separate.

    Made with scikit-learn's ``make_classification`` (nothing downloaded).
    Returns a stratified ``Split``: float32 ``x`` of shape (rows, 20), int64 ``y``.
    """
    from sklearn.datasets import make_classification
    from sklearn.model_selection import train_test_split

    n = _positive_int("n", n)
    positive_fraction = _fraction("positive_fraction", positive_fraction)
    test_fraction = _fraction("test_fraction", test_fraction)
    x, y = make_classification(
        n_samples=n, n_features=20, n_informative=6, n_redundant=4, weights=[1 - positive_fraction],
        class_sep=class_sep, flip_y=0, random_state=seed,
    )
    x_tr, x_te, y_tr, y_te = train_test_split(x, y, test_size=test_fraction, stratify=y, random_state=seed)
    return Split(x_tr.astype(np.float32), y_tr.astype(np.int64), x_te.astype(np.float32), y_te.astype(np.int64))


def balanced_class_weight(y):
    """Keras ``class_weight`` dict that makes each class weigh as much in total: n / (k * count)."""
    y = np.asarray(y)
    if y.ndim != 1 or y.size == 0:
        raise ValueError(f"y must be a non-empty 1-D label array; got shape {y.shape}")
    if not (np.issubdtype(y.dtype, np.integer) or (np.issubdtype(y.dtype, np.floating) and np.all(np.mod(y, 1) == 0))):
        raise ValueError(f"y must hold whole-number class labels; got {y[:5]!r:.80}")
    classes, counts = np.unique(y, return_counts=True)
    return {int(c): float(len(y) / (len(classes) * k)) for c, k in zip(classes, counts)}


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
