"""Unit tests of the Conv2D side: conv models, feature maps and filter figures, rare-class data, thresholds at a score."""

import matplotlib

import course_utils  # noqa: F401  (first: it quiets TensorFlow before Keras is imported)

matplotlib.use("Agg")

import keras  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from course_utils.data import Split, load_digit_split, rare_class_split, shifted_copies  # noqa: E402
from course_utils.metrics import OperatingPoint, choose_threshold, scores_at  # noqa: E402
from course_utils.models import conv_classifier, conv_detector  # noqa: E402
from course_utils.plots import plot_feature_maps, plot_filters  # noqa: E402
from course_utils.tracing import feature_maps  # noqa: E402
from course_utils.training import accuracy_of  # noqa: E402


@pytest.fixture(scope="module")
def classifier():
    return conv_classifier()


# --- model builders ---------------------------------------------------------

def test_conv_classifier_shapes_and_parameters(classifier):
    assert classifier.output_shape == (None, 10)
    assert classifier.count_params() == 12_810
    assert classifier.get_layer("conv1").output.shape == (None, 26, 26, 16)
    assert classifier.get_layer("flatten").output.shape == (None, 800)
    assert classifier.loss == "sparse_categorical_crossentropy"


def test_conv_classifier_without_dropout_has_no_dropout_layer():
    model = conv_classifier(filters=(4,), dropout=0.0)
    assert "dropout" not in [layer.name for layer in model.layers]
    # 3*3*1*4 + 4 = 40, then 13*13*4 = 676 inputs to Dense(10): 6,770
    assert model.count_params() == 40 + 6_770


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"filters": ()}, "filters must be a non-empty tuple"),
        ({"filters": 16}, "filters must be a non-empty tuple"),
        ({"filters": (16, 0)}, "each filter count must be a positive whole number; got 0"),
        ({"kernel_size": 2.5}, "kernel_size must be a positive whole number; got 2.5"),
        ({"n_classes": 0}, "n_classes must be a positive whole number; got 0"),
        ({"dropout": 1.0}, r"dropout must be a fraction in \[0, 1\); got 1.0"),
        ({"dropout": True}, r"dropout must be a fraction in \[0, 1\); got True"),
        ({"input_shape": (28, 28, 1)}, r"input_shape must be \(height, width\) of grayscale images; got \(28, 28, 1\)"),
    ],
)
def test_conv_classifier_rejects_bad_arguments(kwargs, message):
    with pytest.raises((TypeError, ValueError), match=message):
        conv_classifier(**kwargs)


def test_conv_detector_is_binary():
    model = conv_detector()
    assert model.output_shape == (None, 1)
    assert model.count_params() == 1_649
    assert model.loss == "binary_crossentropy"


def test_conv_detector_learns_a_trivial_task():
    """Tiny data, few steps: bright images are positives."""
    keras.utils.set_random_seed(0)
    rng = np.random.default_rng(0)
    x = rng.random((64, 12, 12)).astype("float32") * 0.2
    y = np.arange(64) % 2
    x[y == 1] += 0.8
    model = conv_detector(filters=(4,), learning_rate=0.01, input_shape=(12, 12))
    model.fit(x, y, epochs=20, batch_size=16, verbose=0)
    assert accuracy_of(model, x, y) >= 0.9


# --- feature maps and figures ------------------------------------------------

def test_feature_maps_shape(classifier):
    maps = feature_maps(classifier, np.zeros((28, 28)), "conv1")
    assert maps.shape == (26, 26, 16)
    assert feature_maps(classifier, np.zeros((28, 28)), "conv2").shape == (11, 11, 32)


def test_feature_maps_are_relu_outputs(classifier):
    image = np.random.default_rng(1).random((28, 28))
    assert (feature_maps(classifier, image) >= 0).all()


def test_feature_maps_rejects_unknown_layer(classifier):
    with pytest.raises((TypeError, ValueError), match=r"the model has no layer named 'conv9'; its Conv2D layers are \['conv1', 'conv2'\]"):
        feature_maps(classifier, np.zeros((28, 28)), "conv9")


def test_feature_maps_rejects_non_conv_layer(classifier):
    with pytest.raises((TypeError, ValueError), match="layer 'pool1' is a MaxPooling2D, not a Conv2D layer"):
        feature_maps(classifier, np.zeros((28, 28)), "pool1")


def test_feature_maps_rejects_wrong_image_shape(classifier):
    with pytest.raises((TypeError, ValueError), match=r"image must have the model's input shape \(28, 28\); got \(28, 28, 1\)"):
        feature_maps(classifier, np.zeros((28, 28, 1)))


def test_figure_helpers_draw_and_return_nothing(classifier, monkeypatch):
    shown = []
    monkeypatch.setattr(plt, "show", lambda: shown.append(plt.gcf()))
    assert plot_filters(classifier, "conv1") is None
    assert plot_feature_maps(classifier, np.zeros((28, 28)), "conv1", title="maps") is None
    assert len(shown) == 2
    filters_fig, maps_fig = shown
    assert sum(ax.get_visible() and bool(ax.images) for ax in filters_fig.axes) == 16
    assert sum(ax.get_visible() and bool(ax.images) for ax in maps_fig.axes) == 17  # input + 16 maps
    assert maps_fig._suptitle.get_text() == "maps"
    plt.close("all")


def test_plot_filters_rejects_non_conv_layer(classifier):
    with pytest.raises((TypeError, ValueError), match="layer 'output' is a Dense, not a Conv2D layer"):
        plot_filters(classifier, "output")


# --- rare-class data ----------------------------------------------------------

def test_rare_class_split_of_three_parts():
    rare = rare_class_split(load_digit_split(), digit=9, fraction=0.02)
    assert (rare.y_train.sum(), len(rare.y_train) - rare.y_train.sum()) == (55, 2700)
    assert (rare.y_val.sum(), len(rare.y_val) - rare.y_val.sum()) == (18, 900)
    assert (rare.y_test.sum(), len(rare.y_test) - rare.y_test.sum()) == (18, 900)
    again = rare_class_split(load_digit_split(), digit=9, fraction=0.02)
    np.testing.assert_array_equal(rare.x_val, again.x_val)
    np.testing.assert_array_equal(rare.x_test, again.x_test)


def _toy_split(n_per_digit=10):
    y = np.repeat(np.arange(10), n_per_digit)
    x = y[:, None, None] * np.ones((1, 2, 2))
    return Split(x, y, x.copy(), y.copy())


def test_rare_class_split_keeps_images_with_their_labels():
    rare = rare_class_split(_toy_split(), digit=3, fraction=0.1)
    np.testing.assert_array_equal(rare.y_train, (rare.x_train[:, 0, 0] == 3).astype(int))
    assert rare.y_train.sum() == 10  # 0.1 * 90 / 0.9


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"digit": 10}, "digit must be a whole number from 0 to 9; got 10"),
        ({"digit": True}, "digit must be a whole number from 0 to 9; got True"),
        ({"digit": 3, "fraction": 0.5}, "fraction must be a number strictly between 0 and 0.5"),
        ({"digit": 3, "fraction": 0}, "fraction must be a number strictly between 0 and 0.5"),
        ({"digit": 3, "fraction": 0.3}, r"fraction=0.3 cannot be met in split.y_train: digit 3 would need 39 images and 10 exist"),
        ({"digit": 3, "fraction": 0.001}, r"fraction=0.001 cannot be met in split.y_train: digit 3 would need 0 images"),
    ],
)
def test_rare_class_split_rejects_bad_arguments(kwargs, message):
    with pytest.raises((TypeError, ValueError), match=message):
        rare_class_split(_toy_split(), **kwargs)


# --- leakage helper -----------------------------------------------------------

def test_shifted_copies_moves_right_and_fills_with_zero():
    images = np.arange(1, 10).reshape(1, 3, 3)
    shifted = shifted_copies(images, pixels=1)
    np.testing.assert_array_equal(shifted[0], [[0, 1, 2], [0, 4, 5], [0, 7, 8]])
    np.testing.assert_array_equal(images[0, 0], [1, 2, 3])  # the input is not changed


@pytest.mark.parametrize(
    "images, pixels, message",
    [
        (np.zeros((3, 3)), 1, r"images must have shape \(n, height, width\); got shape \(3, 3\)"),
        (np.zeros((1, 3, 3)), 0, "pixels must be a whole number from 1 to 2; got 0"),
        (np.zeros((1, 3, 3)), 3, "pixels must be a whole number from 1 to 2; got 3"),
        (np.zeros((1, 3, 3)), 1.0, "pixels must be a whole number from 1 to 2; got 1.0"),
    ],
)
def test_shifted_copies_rejects_bad_input(images, pixels, message):
    with pytest.raises((TypeError, ValueError), match=message):
        shifted_copies(images, pixels)


# --- thresholds and scores ----------------------------------------------------

SWEEP = {
    "threshold": np.array([0.1, 0.3, 0.5, 0.7, 0.9]),
    "precision": np.array([0.50, 0.60, 0.80, 0.95, 1.00]),
    "recall": np.array([1.00, 0.95, 0.90, 0.60, 0.20]),
}


def test_choose_threshold_recall_first_takes_the_best_precision():
    assert choose_threshold(SWEEP, min_recall=0.9) == OperatingPoint(0.5, 0.8, 0.9)


def test_choose_threshold_precision_first_takes_the_best_recall():
    assert choose_threshold(SWEEP, min_precision=0.9) == OperatingPoint(0.7, 0.95, 0.6)


def test_scores_at_threshold():
    s = scores_at([1, 1, 0, 0], [0.9, 0.4, 0.6, 0.1], threshold=0.5)
    assert s == (0.5, 0.5, 0.5, 0.5)
    assert scores_at([1, 1, 0, 0], [0.9, 0.4, 0.6, 0.1], threshold=0.3).recall == 1.0


def test_scores_at_no_positive_prediction_is_zero_without_warning(recwarn):
    s = scores_at([1, 0, 0], [0.1, 0.2, 0.3])
    assert (s.precision, s.recall, s.f1) == (0.0, 0.0, 0.0)
    assert len(recwarn) == 0


@pytest.mark.parametrize("threshold", [-0.1, 1.5, "0.5", True])
def test_scores_at_rejects_bad_threshold(threshold):
    with pytest.raises((TypeError, ValueError), match="threshold must be a number between 0 and 1"):
        scores_at([1, 0], [0.9, 0.1], threshold=threshold)


def _fixed_model(probs):
    """A Keras model whose output for the one-hot row i is probs[i]."""
    probs = np.asarray(probs, dtype="float32")
    model = keras.Sequential([keras.Input((len(probs),)), keras.layers.Dense(probs.shape[1], use_bias=False)])
    model.layers[0].set_weights([probs])
    return model


def test_accuracy_of_softmax_and_sigmoid_outputs():
    x = np.eye(4)
    softmax = _fixed_model([[0.9, 0.1], [0.2, 0.8], [0.6, 0.4], [0.3, 0.7]])
    assert accuracy_of(softmax, x, [0, 1, 1, 1]) == 0.75
    sigmoid = _fixed_model([[0.9], [0.2], [0.5], [0.49]])
    assert accuracy_of(sigmoid, x, [1, 0, 1, 0]) == 1.0


def test_accuracy_of_rejects_mismatched_labels():
    with pytest.raises(ValueError, match="these must have the same number of rows: x has 4, y has 3"):
        accuracy_of(_fixed_model([[1.0]] * 4), np.eye(4), [0, 1, 0])
