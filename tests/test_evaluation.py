"""Tests of the derived data sets in course_utils.data, the Dense detector and regressor, predict_proba."""

import re

import numpy as np
import pytest

from course_utils.data import binary_digits, copies_found, diabetes_split, flatten_wrong_axis, fraud_like_split, imbalanced_binary, leak_into_training, permute_pixels, pixel_permutation
from course_utils.models import dense_classifier, dense_detector, dense_regressor
from course_utils.training import balanced_class_weight, predict_proba


def small_images(n=12, seed=0):
    rng = np.random.default_rng(seed)
    return rng.random((n, 4, 5)).astype(np.float32), np.arange(n) % 3


# ------------------------------------------------------------------ models
def test_binary_dense_model_shapes_and_compile():
    model = dense_detector((28, 28), hidden_units=8)
    assert model.output_shape == (None, 1)
    assert model.count_params() == 784 * 8 + 8 + 8 + 1
    assert model.loss == "binary_crossentropy"
    out = predict_proba(model, np.zeros((3, 28, 28)))
    assert out.shape == (3, 1) and np.all((out > 0) & (out < 1))


def test_binary_dense_model_is_seeded():
    a = dense_detector((6,), hidden_units=4, seed=3).get_weights()
    b = dense_detector((6,), hidden_units=4, seed=3).get_weights()
    c = dense_detector((6,), hidden_units=4, seed=4).get_weights()
    assert all(np.array_equal(x, y) for x, y in zip(a, b))
    assert not np.array_equal(a[0], c[0])


def test_binary_model_trains_on_a_few_samples():
    from course_utils.training import fit_quietly

    x = np.array([[0.0, 0.0], [0.1, 0.0], [1.0, 1.0], [0.9, 1.0]] * 4, dtype=np.float32)
    y = np.array([0, 0, 1, 1] * 4)
    model = dense_detector((2,), hidden_units=4, learning_rate=0.05)
    history = fit_quietly(model, x, y, epochs=30, batch_size=16, log=False)
    assert history["loss"][-1] < history["loss"][0]
    assert np.array_equal((predict_proba(model, x).ravel() >= 0.5).astype(int), y)


def test_regression_model():
    model = dense_regressor(10, hidden_units=4)
    assert model.output_shape == (None, 1)
    assert model.count_params() == 10 * 4 + 4 + 4 + 1
    assert model.loss == "mean_squared_error"


def test_seeded_dense_classifier_is_repeatable():
    a = dense_classifier(seed=1, hidden_units=3).get_weights()
    b = dense_classifier(seed=1, hidden_units=3).get_weights()
    assert all(np.array_equal(x, y) for x, y in zip(a, b))


@pytest.mark.parametrize("value", [0, -2, 1.5, True, "8"])
def test_models_refuse_bad_sizes(value):
    with pytest.raises((TypeError, ValueError), match=re.escape(f"hidden_units must be a positive whole number; got {value!r}")):
        dense_detector((4,), hidden_units=value)
    with pytest.raises((TypeError, ValueError), match=re.escape(f"n_features must be a positive whole number; got {value!r}")):
        dense_regressor(value)


def test_predict_proba_matches_predict_and_refuses_bad_input():
    model = dense_detector((3,), hidden_units=2)
    x = np.random.default_rng(0).random((5, 3))
    assert np.allclose(predict_proba(model, x), model.predict(x, verbose=0), atol=1e-6)
    with pytest.raises(TypeError, match=re.escape("model must be a Keras model (for example from dense_classifier()); got 'model'")):
        predict_proba("model", x)
    with pytest.raises((TypeError, ValueError), match=re.escape("x is empty (shape (0, 3)); pass at least one value")):
        predict_proba(model, np.zeros((0, 3)))


# ------------------------------------------------------------------ data
def test_diabetes_split():
    d = diabetes_split()
    assert d.x_train.shape == (353, 10) and d.x_test.shape == (89, 10)
    assert d.x_train.dtype == np.float32 and d.y_train.dtype == np.float32
    assert np.allclose(d.x_train.mean(axis=0), 0, atol=1e-5) and np.allclose(d.x_train.std(axis=0), 1, atol=1e-4)
    assert d.y_train.min() >= 25 and max(d.y_train.max(), d.y_test.max()) <= 346
    with pytest.raises((TypeError, ValueError), match=re.escape("test_fraction must be a number between 0.01 and 0.99; got 1.2")):
        diabetes_split(test_fraction=1.2)


def test_binary_digits():
    x, y = small_images()
    xb, yb = binary_digits(x, y, positive=2, negative=0)
    assert len(xb) == 8 and set(yb.tolist()) == {0, 1} and yb.sum() == 4
    assert np.array_equal(xb[yb == 1], x[y == 2])
    with pytest.raises((TypeError, ValueError), match=re.escape("positive and negative must be different classes; got 1 twice")):
        binary_digits(x, y, 1, 1)
    with pytest.raises((TypeError, ValueError), match=re.escape("negative class 7 does not occur in y")):
        binary_digits(x, y, 1, 7)
    with pytest.raises((TypeError, ValueError), match=re.escape("these must have the same number of rows: x has 12, y has 5")):
        binary_digits(x, y[:5], 1, 2)


def test_imbalanced_binary():
    rng = np.random.default_rng(1)
    y = rng.integers(0, 10, 2000)
    x = np.arange(2000)
    xs, ys = imbalanced_binary(x, y, positive=7, n=400, positive_fraction=0.05)
    assert len(xs) == 400 and ys.sum() == 20
    assert np.array_equal(ys, (y[xs] == 7).astype(int))      # labels follow the rows
    assert len(set(xs.tolist())) == 400                       # drawn without replacement
    again = imbalanced_binary(x, y, positive=7, n=400, positive_fraction=0.05)
    assert np.array_equal(again[0], xs)
    with pytest.raises((TypeError, ValueError), match=r"n=2000 needs 1000 rows of class 7 and 1000 others; the data has \d+ and \d+"):
        imbalanced_binary(x, y, positive=7, n=2000, positive_fraction=0.5)
    with pytest.raises((TypeError, ValueError), match=re.escape("positive_fraction must be a number strictly between 0 and 1; got 0")):
        imbalanced_binary(x, y, positive=7, n=10, positive_fraction=0)


def test_leak_into_training_and_copies_found():
    x, y = small_images(10)
    extra, y_extra = small_images(4, seed=5)
    xl, yl = leak_into_training(x, y, extra, y_extra)
    assert xl.shape == (14, 4, 5) and len(yl) == 14
    assert copies_found(extra, xl) == 4 and copies_found(extra, x) == 0
    assert copies_found(x[:3], x) == 3
    # rows keep their labels after the shuffle
    for row, label in zip(xl, yl):
        i = next(i for i, r in enumerate(np.concatenate([x, extra])) if np.array_equal(r, row))
        assert label == np.concatenate([y, y_extra])[i]
    with pytest.raises((TypeError, ValueError), match=re.escape("x_leak rows must have the shape of x_train rows, (4, 5); got (20,)")):
        leak_into_training(x, y, extra.reshape(4, 20), y_extra)
    with pytest.raises((TypeError, ValueError), match=re.escape("x_eval rows must have the shape of x_train rows, (4, 5); got (20,)")):
        copies_found(extra.reshape(4, 20), x)


def test_pixel_permutation_and_permute_pixels():
    order = pixel_permutation((4, 5), seed=0)
    assert sorted(order.tolist()) == list(range(20))
    assert np.array_equal(order, pixel_permutation((4, 5), seed=0))
    x, _ = small_images(6)
    shuffled = permute_pixels(x, order)
    assert shuffled.shape == x.shape
    assert np.array_equal(shuffled.reshape(6, -1), x.reshape(6, -1)[:, order])   # same order for every image
    assert np.array_equal(np.sort(shuffled.reshape(6, -1)), np.sort(x.reshape(6, -1)))
    with pytest.raises((TypeError, ValueError), match=re.escape("image_shape must hold at least 2 pixels; got (1, 1)")):
        pixel_permutation((1, 1))
    with pytest.raises((TypeError, ValueError), match=re.escape("images must have shape (n, height, width); got shape (6, 20)")):
        permute_pixels(x.reshape(6, 20), order)
    with pytest.raises((TypeError, ValueError), match=re.escape("permutation must be a reordering of 0..19 (one index per pixel")):
        permute_pixels(x, np.zeros(20, dtype=int))


def test_flatten_wrong_axis_mixes_samples():
    x, _ = small_images(30)
    wrong = flatten_wrong_axis(x)
    assert wrong.shape == (30, 20)
    assert np.array_equal(wrong[0], x[:20, 0, 0])          # pixel (0, 0) of images 0..19
    assert not np.array_equal(wrong, x.reshape(30, -1))
    with pytest.raises((TypeError, ValueError), match=re.escape("images must have at least 2 axes (a sample axis first); got shape (5,)")):
        flatten_wrong_axis(np.zeros(5))


def test_fraud_like_split():
    d = fraud_like_split(n=2000)
    assert d.x_train.shape == (1500, 20) and d.x_test.shape == (500, 20)
    assert d.y_test.sum() == 10 and d.y_train.sum() == 30                  # stratified, 2 % frauds
    assert d.x_train.dtype == np.float32 and d.y_train.dtype == np.int64
    with pytest.raises((TypeError, ValueError), match=re.escape("n must be a positive whole number; got 0")):
        fraud_like_split(n=0)


def test_balanced_class_weight():
    y = np.array([0] * 98 + [1] * 2)
    w = balanced_class_weight(y)
    assert w == {0: 100 / (2 * 98), 1: 25.0}
    assert np.isclose(sum(w[c] * np.sum(y == c) for c in w) / len(y), 1.0)   # total weight unchanged
    with pytest.raises((TypeError, ValueError), match=re.escape("y is empty (shape (0,)); pass at least one value")):
        balanced_class_weight([])
