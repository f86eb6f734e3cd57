import hashlib
import shutil

import numpy as np
import pytest

from course_utils import data
from course_utils.data import DataFileError, load_digit_split, load_digits, stratified_subset


def test_shipped_file_matches_its_hash():
    assert hashlib.sha256(data.DIGITS_FILE.read_bytes()).hexdigest() == data.DIGITS_SHA256


def test_load_digits_shapes_types_and_balance():
    images, labels = load_digits()
    assert images.shape == (5000, 28, 28) and images.dtype == np.uint8
    assert labels.shape == (5000,)
    assert np.bincount(labels).tolist() == [500] * 10
    assert images.max() == 255 and images.min() == 0


def test_split_is_fixed_disjoint_and_stratified():
    a, b = load_digit_split(), load_digit_split()
    for x, y in zip(a, b):
        np.testing.assert_array_equal(x, y)
    assert a.x_train.shape == (3000, 28, 28) and a.x_val.shape == (1000, 28, 28) and a.x_test.shape == (1000, 28, 28)
    assert np.bincount(a.y_train).tolist() == [300] * 10
    assert np.bincount(a.y_val).tolist() == [100] * 10
    assert np.bincount(a.y_test).tolist() == [100] * 10
    assert a.x_train.dtype == np.float32 and 0 <= a.x_train.min() and a.x_train.max() <= 1
    # no image is in two parts (the 5,000 digits are all distinct)
    raw = load_digit_split(scaled=False)
    parts = [{row.tobytes() for row in x} for x in (raw.x_train, raw.x_val, raw.x_test)]
    assert [len(p) for p in parts] == [3000, 1000, 1000]
    assert not (parts[0] & parts[1]) and not (parts[0] & parts[2]) and not (parts[1] & parts[2])


def test_unscaled_split_keeps_uint8():
    split = load_digit_split(scaled=False)
    assert split.x_train.dtype == np.uint8


def test_missing_file_says_how_to_restore(tmp_path):
    with pytest.raises(DataFileError, match=r"missing\. Restore it with `git checkout -- data/mnist_5k.npz`"):
        load_digits(tmp_path / "nope.npz")


def test_corrupted_file_names_file_and_both_hashes(tmp_path):
    broken = tmp_path / "mnist_5k.npz"
    shutil.copy(data.DIGITS_FILE, broken)
    raw = bytearray(broken.read_bytes())
    raw[1000] ^= 0xFF
    broken.write_bytes(bytes(raw))
    actual = hashlib.sha256(bytes(raw)).hexdigest()
    with pytest.raises(DataFileError) as info:
        load_digits(broken)
    message = str(info.value)
    assert str(broken) in message and actual in message and data.DIGITS_SHA256 in message
    assert "make_digits.py" in message


def test_truncated_file_is_reported(tmp_path):
    broken = tmp_path / "mnist_5k.npz"
    broken.write_bytes(data.DIGITS_FILE.read_bytes()[:5000])
    with pytest.raises(DataFileError, match="corrupted or truncated"):
        load_digits(broken)


@pytest.mark.parametrize("bad", [0, 500, -1, 2.5, True, "100"])
def test_split_rejects_bad_test_size(bad):
    with pytest.raises((TypeError, ValueError), match="test_per_class must be a whole number from 1 to 499"):
        load_digit_split(test_per_class=bad)


@pytest.mark.parametrize("bad", [0, 400, -1, 2.5, True, "100"])
def test_split_rejects_bad_validation_size(bad):
    with pytest.raises((TypeError, ValueError), match="val_per_class must be a whole number from 1 to 399"):
        load_digit_split(val_per_class=bad)


def test_stratified_subset_balances_classes():
    split = load_digit_split()
    x, y = stratified_subset(split.x_train, split.y_train, 30)
    assert x.shape == (300, 28, 28) and np.bincount(y).tolist() == [30] * 10
    x2, _ = stratified_subset(split.x_train, split.y_train, 30)
    np.testing.assert_array_equal(x, x2)


@pytest.mark.parametrize("per_class, message", [(0, "positive whole number"), (1.5, "positive whole number"), (301, "has only 300 examples")])
def test_stratified_subset_bad_counts(per_class, message):
    split = load_digit_split()
    with pytest.raises((TypeError, ValueError), match=message):
        stratified_subset(split.x_train, split.y_train, per_class)


def test_stratified_subset_length_mismatch():
    with pytest.raises((TypeError, ValueError), match="same number of rows"):
        stratified_subset(np.zeros((5, 2)), np.zeros(4), 1)
