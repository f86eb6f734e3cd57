"""Property tests (hypothesis) of the cheap, input-checking helpers of torch_tools, data, models, training, metrics and quiz.

Bad inputs (wrong shape, negative, a float where a whole number is expected,
NaN, empty) must raise ValueError or TypeError with a message naming the
argument; valid inputs must give outputs of the documented shape.  Nothing
here trains a model.
"""

import contextlib
import io
import math
import re

import course_utils  # noqa: F401  (before keras: quiets TensorFlow)
import keras
import numpy as np
import pytest
import torch
from hypothesis import example, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from torch import nn

from course_utils import plots, quiz, torch_tools
from course_utils.data import Split, binary_digits, copies_found, diabetes_split, flatten_wrong_axis, fraud_like_split, imbalanced_binary, leak_into_training, permute_pixels, pixel_permutation, rare_class_split, shifted_copies
from course_utils.metrics import choose_threshold, scores_at
from course_utils.models import conv_classifier, conv_detector, dense_detector, dense_regressor
from course_utils.tracing import feature_maps
from course_utils.training import accuracy_of, balanced_class_weight, predict_proba
from course_utils.metrics import threshold_sweep

FAST = settings(derandomize=True, max_examples=40, deadline=None)
FEW = settings(derandomize=True, max_examples=5, deadline=None)

# Values that are not a positive whole number, for arguments that must be one.
not_positive_ints = st.one_of(
    st.integers(max_value=0), st.floats(), st.booleans(), st.none(), st.text(max_size=2),
    st.just(np.float64(3.0)), st.just(np.int64(-1)),
)
not_fractions = st.one_of(  # for fractions strictly between 0 and 1
    st.floats(max_value=0), st.floats(min_value=1), st.just(float("nan")), st.booleans(), st.none(), st.text(max_size=2),
)


def quiet(function, *args, **kwargs):
    with contextlib.redirect_stdout(io.StringIO()) as out:
        result = function(*args, **kwargs)
    return result, out.getvalue()


def raises_naming(name, function, *args, errors=(ValueError, TypeError), **kwargs):
    with pytest.raises(errors) as error:
        function(*args, **kwargs)
    assert re.search(rf"\b{re.escape(name)}\b", str(error.value)), f"{name!r} not named in: {error.value}"


small_shapes = hnp.array_shapes(min_dims=1, max_dims=3, min_side=1, max_side=4)


# =============================================================== torch_tools
@FAST
@given(images=hnp.arrays(np.float32, st.tuples(st.integers(1, 4), st.integers(1, 6), st.integers(1, 6)),
                         elements=st.floats(0, 1, width=32)),
       seed=st.integers(0, 2**32))
def test_coloured_digits_shape_and_ink(images, seed):
    x = torch_tools.coloured_digits(images, seed=seed)
    assert tuple(x.shape) == (images.shape[0], 3, *images.shape[1:]) and x.dtype == torch.float32
    ink = x.numpy()
    assert np.all(ink <= images[:, None] + 1e-6) and np.all(ink >= 0.3 * images[:, None] - 1e-6)  # ink strength 0.3-1
    assert torch.equal(x, torch_tools.coloured_digits(images, seed=seed))


@FAST
@given(shape=hnp.array_shapes(min_dims=0, max_dims=5, min_side=0, max_side=3).filter(lambda s: len(s) != 3))
def test_coloured_digits_refuses_other_shapes(shape):
    raises_naming("images", torch_tools.coloured_digits, np.zeros(shape))


@FAST
@given(images=st.one_of(st.just([["a", "b"]]), st.just({"a": 1}), st.builds(object), st.text(min_size=1)))
def test_coloured_digits_refuses_non_numbers(images):
    raises_naming("images", torch_tools.coloured_digits, images)


@FAST
@given(seed=st.one_of(st.integers(max_value=-1), st.floats(), st.booleans(), st.none()))
def test_seeds_must_be_non_negative_whole_numbers(seed):
    raises_naming("seed", torch_tools.coloured_digits, np.zeros((1, 2, 2)), seed=seed)
    raises_naming("seed", torch_tools.flatten_mlp, seed=seed)
    raises_naming("seed", torch_tools.setup_torch, seed=seed)


@FAST
@given(in_shape=st.lists(st.integers(1, 4), min_size=1, max_size=3).map(tuple),
       hidden=st.integers(1, 8), n_classes=st.integers(1, 5), n=st.integers(1, 3), batch_size=st.integers(1, 4))
def test_flatten_mlp_predict_and_trace_shapes(in_shape, hidden, n_classes, n, batch_size):
    model = torch_tools.flatten_mlp(in_shape, hidden, n_classes)
    size = math.prod(in_shape)
    assert torch_tools.count_parameters(model) == size * hidden + hidden + hidden * n_classes + n_classes
    x = torch.rand(n, *in_shape)
    assert tuple(model(x).shape) == (n, n_classes)
    labels = torch_tools.predict_labels(model, x)
    assert labels.shape == (n,) and labels.dtype == torch.int64 and bool(((labels >= 0) & (labels < n_classes)).all())
    assert torch.equal(labels, torch_tools.predict_labels(model, x, batch_size=batch_size))
    score = torch_tools.accuracy_of(model, x, labels, batch_size=batch_size)
    assert score == 1.0
    rows, printed = quiet(torch_tools.trace_shapes, model, x)
    assert [shape for _, shape in rows] == [(n, size), (n, hidden), (n, hidden), (n, n_classes)]
    assert len(printed.splitlines()) == len(rows) + 1


@FAST
@given(name=st.sampled_from(["hidden", "n_classes"]), bad=not_positive_ints)
def test_flatten_mlp_refuses_bad_sizes(name, bad):
    raises_naming(name, torch_tools.flatten_mlp, **{name: bad})


@FAST
@given(in_shape=st.one_of(
    st.lists(not_positive_ints, min_size=1, max_size=3).map(tuple), st.integers(), st.none(), st.just(()),
))
def test_flatten_mlp_refuses_bad_in_shape(in_shape):
    raises_naming("in_shape", torch_tools.flatten_mlp, in_shape)


_TORCH_MODEL = torch_tools.flatten_mlp((2, 3), hidden=4, n_classes=3)


@FAST
@given(x=st.one_of(st.none(), st.integers(), st.lists(st.floats(), max_size=3), st.just(np.zeros((2, 2, 4)))))
def test_torch_helpers_want_tensors(x):
    raises_naming("x", torch_tools.predict_labels, _TORCH_MODEL, x)
    raises_naming("x", torch_tools.trace_shapes, _TORCH_MODEL, x)
    raises_naming("x", torch_tools.accuracy_of, _TORCH_MODEL, x, torch.zeros(2, dtype=torch.long))


@FAST
@given(bad=not_positive_ints)
def test_predict_labels_refuses_bad_batch_size(bad):
    if bad is None:
        return  # None means "all at once"
    raises_naming("batch_size", torch_tools.predict_labels, _TORCH_MODEL, torch.zeros(2, 2, 3), batch_size=bad)


@FAST
@given(shape=st.sampled_from([(0, 2, 3), (), (0,)]))
def test_predict_labels_and_accuracy_refuse_empty_input(shape):
    raises_naming("x", torch_tools.predict_labels, _TORCH_MODEL, torch.zeros(shape))
    raises_naming("x", torch_tools.accuracy_of, _TORCH_MODEL, torch.zeros(shape), torch.zeros(0, dtype=torch.long))


@FAST
@given(n=st.integers(1, 4), m=st.integers(0, 4))
def test_accuracy_refuses_labels_of_another_length(n, m):
    if n == m:
        return
    raises_naming("y", torch_tools.accuracy_of, _TORCH_MODEL, torch.zeros(n, 2, 3), torch.zeros(m, dtype=torch.long))


@FAST
@given(sizes=st.tuples(*[st.integers(1, 10**6)] * 4), text=st.text(max_size=20))
def test_mismatch_sizes_reads_its_numbers_back(sizes, text):
    message = f"{text}mat1 and mat2 shapes cannot be multiplied ({sizes[0]}x{sizes[1]} and {sizes[2]}x{sizes[3]})"
    assert torch_tools.mismatch_sizes(message) == sizes
    if not re.search(r"\(\d+x\d+ and \d+x\d+\)", text):
        with pytest.raises((TypeError, ValueError), match="mat1 and mat2"):
            torch_tools.mismatch_sizes(text)


@FAST
@given(n=st.integers(1, 3), m=st.integers(1, 6), k=st.integers(1, 6))
def test_a_real_pytorch_mismatch_is_read_by_mismatch_sizes(n, m, k):
    if m == k:
        return
    message = torch_tools.caught_error(nn.Linear(k, 2), torch.zeros(n, m))
    assert message.startswith("RuntimeError:")
    assert torch_tools.mismatch_sizes(message) == (n, m, k, 2)


@FAST
@given(chw=st.tuples(st.integers(1, 3), st.integers(1, 4), st.integers(1, 4)), out=st.integers(1, 4), seed=st.integers(0, 99))
def test_torch_to_keras_kernel_gives_the_same_outputs(chw, out, seed):
    rng = np.random.default_rng(seed)
    weight = rng.normal(size=(out, math.prod(chw)))
    kernel = torch_tools.torch_to_keras_kernel(weight, chw)
    assert kernel.shape == (math.prod(chw), out)
    image = rng.normal(size=chw)
    torch_flat, keras_flat = image.reshape(-1), image.transpose(1, 2, 0).reshape(-1)
    np.testing.assert_allclose(keras_flat @ kernel, weight @ torch_flat, atol=1e-9)


@FAST
@given(chw=st.one_of(
    st.lists(st.integers(1, 3), min_size=0, max_size=5).filter(lambda c: len(c) != 3).map(tuple),
    st.lists(not_positive_ints, min_size=3, max_size=3).map(tuple), st.integers(), st.none(),
))
def test_torch_to_keras_kernel_refuses_bad_chw(chw):
    raises_naming("chw", torch_tools.torch_to_keras_kernel, np.zeros((2, 12)), chw)


@FAST
@given(shape=hnp.array_shapes(min_dims=0, max_dims=3, min_side=0, max_side=13).filter(lambda s: len(s) != 2 or s[1] != 12))
def test_torch_to_keras_kernel_refuses_a_weight_of_the_wrong_shape(shape):
    raises_naming("weight", torch_tools.torch_to_keras_kernel, np.zeros(shape), (3, 2, 2))


@FAST
@given(name=st.sampled_from(["channels", "height", "width"]), bad=not_positive_ints)
def test_plot_flatten_orders_refuses_bad_sizes(name, bad):
    raises_naming(name, plots.plot_flatten_orders, **{name: bad})


@FAST
@given(shape=hnp.array_shapes(min_dims=0, max_dims=5, min_side=0, max_side=4))
def test_picture_helpers_refuse_other_shapes(shape):
    if len(shape) == 3 and shape[0] == 3:
        return
    raises_naming("image_chw", plots.plot_shape_change, np.zeros(shape))
    if not (len(shape) == 4 and shape[1] == 3 and shape[0] == 2):
        raises_naming("images", plots.show_colour_digits, np.zeros(shape), [0, 1])


@FAST
@given(threads=not_positive_ints)
def test_setup_torch_refuses_bad_threads(threads):
    raises_naming("threads", torch_tools.setup_torch, threads=threads)


# =============================================================== conv
@FEW
@given(filters=st.lists(st.integers(1, 4), min_size=1, max_size=2).map(tuple), kernel_size=st.integers(1, 3),
       n_classes=st.integers(1, 5), side=st.tuples(st.integers(10, 16), st.integers(10, 16)))
def test_conv_models_have_the_documented_output_shape(filters, kernel_size, n_classes, side):
    model = conv_classifier(filters, kernel_size, n_classes, input_shape=side)
    assert model.output_shape == (None, n_classes) and model.input_shape == (None, *side)
    maps = feature_maps(model, np.zeros(side), "conv1")
    assert maps.shape == (side[0] - kernel_size + 1, side[1] - kernel_size + 1, filters[0])
    assert conv_detector(filters, kernel_size, input_shape=side).output_shape == (None, 1)


@FAST
@given(name=st.sampled_from(["n_classes", "kernel_size", "filter count"]), bad=not_positive_ints)
def test_conv_models_refuse_bad_sizes(name, bad):
    kwargs = {"filters": (4, bad)} if name == "filter count" else {name: bad}
    raises_naming(name, conv_classifier, **kwargs)
    if name != "n_classes":
        raises_naming(name, conv_detector, **kwargs)


@FAST
@given(filters=st.one_of(st.just(()), st.just([]), st.integers(), st.none(), st.text(max_size=3)),
       dropout=st.one_of(st.floats(max_value=-1e-9), st.floats(min_value=1), st.just(float("nan")), st.booleans(), st.none()))
def test_conv_models_refuse_bad_filters_and_dropout(filters, dropout):
    raises_naming("filters", conv_classifier, filters)
    raises_naming("dropout", conv_classifier, dropout=dropout)


@FAST
@given(input_shape=st.one_of(
    st.lists(st.integers(1, 30), max_size=4).filter(lambda s: len(s) != 2).map(tuple),
    st.tuples(st.integers(-3, 9), st.integers(-3, 9)),  # too small for two 3x3 convolutions and poolings
    st.integers(), st.none(),
))
def test_conv_models_refuse_bad_input_shapes(input_shape):
    raises_naming("input_shape", conv_detector, input_shape=input_shape)


_CONV = conv_classifier(filters=(2, 2), input_shape=(10, 10))
_DETECTOR = conv_detector(filters=(2,), input_shape=(10, 10))


@FAST
@given(layer=st.one_of(st.text(max_size=8), st.sampled_from(["pool1", "flatten", "output", "add_channel"])))
def test_feature_maps_refuses_unknown_or_non_conv_layers(layer):
    if layer in ("conv1", "conv2"):
        return
    raises_naming("layer", feature_maps, _CONV, np.zeros((10, 10)), layer=layer)


@FAST
@given(shape=hnp.array_shapes(min_dims=0, max_dims=3, min_side=1, max_side=11).filter(lambda s: s != (10, 10)))
def test_feature_maps_refuses_an_image_of_the_wrong_shape(shape):
    raises_naming("image", feature_maps, _CONV, np.zeros(shape))


@FAST
@given(n=st.integers(1, 5), detector=st.booleans(), seed=st.integers(0, 99))
def test_accuracy_of_is_a_fraction(n, detector, seed):
    rng = np.random.default_rng(seed)
    x = rng.random((n, 10, 10)).astype(np.float32)
    y = rng.integers(0, 2 if detector else 10, n)
    score = accuracy_of(_DETECTOR if detector else _CONV, x, y)
    assert 0 <= score <= 1 and score * n == pytest.approx(round(score * n))


@FAST
@given(n=st.integers(0, 4), m=st.integers(0, 4), y_ndim=st.integers(1, 2))
def test_accuracy_of_refuses_mismatched_or_empty_input(n, m, y_ndim):
    if n == m and y_ndim == 1 and n > 0:
        return
    with pytest.raises((TypeError, ValueError), match=r"\b(x|y)\b"):
        accuracy_of(_CONV, np.zeros((n, 10, 10)), np.zeros((m,) * y_ndim))


def _split(y_train, y_test):
    return Split(np.arange(len(y_train)), np.array(y_train), np.arange(len(y_test)), np.array(y_test))


@FAST
@given(digit=st.integers(0, 9), fraction=st.floats(0.01, 0.1), seed=st.integers(0, 99))
def test_rare_class_split_makes_the_digit_rare(digit, fraction, seed):
    labels = np.repeat(np.arange(10), 40)
    split = _split(labels, labels[::2])
    rare = rare_class_split(split, digit, fraction, seed)
    for x, y, source in ((rare.x_train, rare.y_train, split.y_train), (rare.x_test, rare.y_test, split.y_test)):
        others = int(np.sum(source != digit))
        assert set(np.unique(y)) <= {0, 1} and len(x) == len(y)
        assert int(np.sum(y == 0)) == others
        assert int(np.sum(y == 1)) == int(round(fraction * others / (1 - fraction)))
        np.testing.assert_array_equal(source[x] == digit, y == 1)  # x are row indices of the source part


@FAST
@given(digit=st.one_of(st.integers(max_value=-1), st.integers(min_value=10), st.floats(), st.booleans(), st.none()))
def test_rare_class_split_refuses_bad_digits(digit):
    labels = np.repeat(np.arange(10), 10)
    raises_naming("digit", rare_class_split, _split(labels, labels), digit)


@FAST
@given(fraction=st.one_of(st.floats(max_value=0), st.floats(min_value=0.5), st.just(float("nan")), st.booleans(), st.none()))
def test_rare_class_split_refuses_bad_fractions(fraction):
    labels = np.repeat(np.arange(10), 10)
    raises_naming("fraction", rare_class_split, _split(labels, labels), 3, fraction)


@FAST
@given(images=hnp.arrays(np.uint8, st.tuples(st.integers(1, 3), st.integers(1, 5), st.integers(2, 6))), data=st.data())
def test_shifted_copies_move_every_column(images, data):
    pixels = data.draw(st.integers(1, images.shape[2] - 1))
    out = shifted_copies(images, pixels)
    assert out.shape == images.shape and out.dtype == images.dtype
    assert not out[:, :, :pixels].any()
    np.testing.assert_array_equal(out[:, :, pixels:], images[:, :, :-pixels])


@FAST
@given(shape=hnp.array_shapes(min_dims=0, max_dims=5, min_side=0, max_side=3).filter(lambda s: len(s) != 3),
       pixels=st.one_of(st.integers(max_value=0), st.integers(min_value=5), st.floats(), st.booleans(), st.none()))
def test_shifted_copies_refuses_bad_shapes_and_pixels(shape, pixels):
    raises_naming("images", shifted_copies, np.zeros(shape))
    raises_naming("pixels", shifted_copies, np.zeros((2, 3, 5)), pixels)


probabilities = st.lists(st.floats(0, 1), min_size=2, max_size=30)


@FAST
@given(scores=probabilities, data=st.data(), goal=st.floats(0, 1), by_recall=st.booleans())
def test_choose_threshold_meets_its_goal(scores, data, goal, by_recall):
    y = data.draw(st.lists(st.integers(0, 1), min_size=len(scores), max_size=len(scores)).filter(lambda v: 0 < sum(v) < len(v)))
    sweep = threshold_sweep(y, scores, np.linspace(0, 1, 21))
    kwargs = {"min_recall": goal} if by_recall else {"min_precision": goal}
    try:
        choice = choose_threshold(sweep, **kwargs)
    except ValueError as error:
        assert "no threshold reaches" in str(error)
        assert max(sweep["recall" if by_recall else "precision"]) < goal
    else:
        assert (choice.recall if by_recall else choice.precision) >= goal
        assert choice.threshold in list(sweep["threshold"])


@FAST
@given(sweep=st.one_of(
    st.none(), st.integers(), st.text(max_size=3), st.dictionaries(st.text(max_size=3), st.integers(), max_size=3),
    st.just({"threshold": [], "precision": [], "recall": []}),
    st.just({"threshold": [0.5, 0.6], "precision": [1.0], "recall": [0.5, 0.2, 0.1]}),
))
def test_choose_threshold_refuses_bad_sweeps(sweep):
    raises_naming("sweep", choose_threshold, sweep, min_recall=0.5)


@FAST
@given(goal=not_fractions.filter(lambda g: g not in (0, 1) or isinstance(g, bool)) | st.just(1.5), which=st.sampled_from(["min_recall", "min_precision"]))
def test_choose_threshold_refuses_bad_goals(goal, which):
    sweep = {"threshold": [0.5], "precision": [1.0], "recall": [1.0]}
    raises_naming(which, choose_threshold, sweep, **{which: goal})


@FAST
@given(scores=probabilities, data=st.data(), threshold=st.floats(0, 1))
def test_scores_at_gives_fractions(scores, data, threshold):
    y = data.draw(st.lists(st.integers(0, 1), min_size=len(scores), max_size=len(scores)))
    result = scores_at(y, scores, threshold)
    for value in result:
        assert 0 <= value <= 1


@FAST
@given(threshold=not_fractions.filter(lambda t: not isinstance(t, float) or not 0 <= t <= 1))
def test_scores_at_refuses_bad_thresholds(threshold):
    raises_naming("threshold", scores_at, [0, 1], [0.2, 0.8], threshold)


@FAST
@given(scores=st.one_of(
    st.lists(st.floats(0, 1), min_size=2, max_size=2).map(lambda s: s[:1] + [float("nan")]),
    st.just([0.5, float("inf")]), st.just(["a", "b"]), st.just([None, 0.5]),
))
def test_scores_at_refuses_scores_that_are_not_probabilities(scores):
    raises_naming("scores", scores_at, [0, 1], scores)


# =============================================================== evaluation
@FAST
@given(name=st.sampled_from(["hidden_units", "n_features"]), bad=not_positive_ints)
def test_model_builders_refuse_bad_sizes(name, bad):
    if name == "hidden_units":
        raises_naming(name, dense_detector, (2, 2), hidden_units=bad)
    raises_naming(name, dense_regressor, **({"n_features": 2} | {name: bad}))


@FEW
@given(input_shape=st.lists(st.integers(1, 4), min_size=1, max_size=3).map(tuple), hidden=st.integers(1, 6))
def test_model_builders_have_the_documented_output_shape(input_shape, hidden):
    assert dense_detector(input_shape, hidden).output_shape == (None, 1)
    model = dense_regressor(input_shape[0], hidden)
    assert model.output_shape == (None, 1)
    x = np.zeros((3, input_shape[0]))
    assert predict_proba(model, x).shape == (3, 1)


labels = st.lists(st.integers(0, 3), min_size=1, max_size=40).map(np.array)


@FAST
@given(y=labels, data=st.data())
def test_binary_digits_keeps_two_classes(y, data):
    present = sorted(set(y.tolist()))
    if len(present) < 2:
        return
    positive, negative = data.draw(st.permutations(present))[:2]
    x = np.arange(len(y))
    x_pair, y_pair = binary_digits(x, y, positive, negative)
    np.testing.assert_array_equal(y_pair, (y[x_pair] == positive).astype(np.int64))
    assert len(x_pair) == int(np.sum((y == positive) | (y == negative)))
    raises_naming("positive", binary_digits, x, y, positive, positive)
    raises_naming("negative", binary_digits, x, y, positive, 99)


@FAST
@given(n=st.integers(1, 30), fraction=st.floats(0.01, 0.99), seed=st.integers(0, 99))
def test_imbalanced_binary_has_the_asked_size_and_fraction(n, fraction, seed):
    y = np.repeat(np.arange(4), 30)
    x_s, y_s = imbalanced_binary(np.arange(len(y)), y, 2, n, fraction, seed)
    assert x_s.shape == (n,) and y_s.shape == (n,)
    assert int(y_s.sum()) == int(round(n * fraction))
    np.testing.assert_array_equal(y_s, (y[x_s] == 2).astype(np.int64))
    assert len(set(x_s.tolist())) == n


@FAST
@given(n=not_positive_ints, fraction=not_fractions)
def test_imbalanced_binary_refuses_bad_n_and_fraction(n, fraction):
    y = np.repeat(np.arange(4), 5)
    raises_naming("n", imbalanced_binary, np.arange(20), y, 1, n, 0.5)
    raises_naming("positive_fraction", imbalanced_binary, np.arange(20), y, 1, 4, fraction)


@FAST
@given(n=st.integers(0, 10), m=st.integers(0, 10), ndim=st.integers(0, 2))
def test_xy_helpers_refuse_mismatched_rows(n, m, ndim):
    if ndim == 1 and n == m:
        return
    y = np.zeros((m,) * ndim)
    with pytest.raises((TypeError, ValueError), match=r"\b(x|y)\b"):
        binary_digits(np.zeros((n, 2)), y, 1, 0)
    with pytest.raises((TypeError, ValueError), match=r"\b(x_train|y_train)\b"):
        leak_into_training(np.zeros((n, 2)), y, np.zeros((1, 2)), np.zeros(1))


@FAST
@given(n=st.integers(1, 6), k=st.integers(1, 6), row=hnp.array_shapes(min_dims=0, max_dims=2, min_side=1, max_side=3), seed=st.integers(0, 99))
def test_leak_into_training_and_copies_found(n, k, row, seed):
    rng = np.random.default_rng(seed)
    x_train, x_leak = rng.random((n, *row)), rng.random((k, *row))
    x, y = leak_into_training(x_train, np.zeros(n), x_leak, np.ones(k), seed)
    assert x.shape == (n + k, *row) and y.shape == (n + k,) and int(y.sum()) == k
    if math.prod(row) > 0:
        assert copies_found(x_leak, x) == k
        assert copies_found(x_leak, x_train) == 0 or math.prod(row) < 2


@FAST
@given(row=hnp.array_shapes(min_dims=0, max_dims=2, min_side=1, max_side=3), other=hnp.array_shapes(min_dims=0, max_dims=2, min_side=1, max_side=3))
def test_row_shape_mismatches_are_refused(row, other):
    if row == other:
        return
    raises_naming("x_leak", leak_into_training, np.zeros((2, *row)), np.zeros(2), np.zeros((1, *other)), np.zeros(1))
    with pytest.raises((TypeError, ValueError), match="x_eval rows must have the shape of x_train rows"):
        copies_found(np.zeros((2, *row)), np.zeros((1, *other)))


@FAST
@given(shape=st.tuples(st.integers(1, 6), st.integers(1, 6)).filter(lambda s: s[0] * s[1] >= 2), n=st.integers(1, 3), seed=st.integers(0, 99))
def test_pixel_permutation_and_permute_pixels(shape, n, seed):
    perm = pixel_permutation(shape, seed)
    assert perm.shape == (math.prod(shape),) and sorted(perm.tolist()) == list(range(math.prod(shape)))
    images = np.random.default_rng(seed).random((n, *shape))
    shuffled = permute_pixels(images, perm)
    assert shuffled.shape == images.shape
    np.testing.assert_array_equal(np.sort(shuffled.reshape(n, perm.size), axis=1), np.sort(images.reshape(n, perm.size), axis=1))


@FAST
@given(image_shape=st.one_of(
    st.tuples(st.integers(-5, 1), st.integers(-5, 1)),
    st.tuples(st.integers(-5, 5), st.integers(-5, -1)),
    st.tuples(st.floats(0.1, 5).filter(lambda f: not f.is_integer()), st.integers(1, 5)),
    st.none(), st.text(max_size=2),
))
def test_pixel_permutation_refuses_bad_image_shapes(image_shape):
    raises_naming("image_shape", pixel_permutation, image_shape)


@FAST
@given(permutation=st.one_of(
    st.lists(st.integers(-2, 5), max_size=6).filter(lambda p: sorted(p) != [0, 1, 2, 3]).map(np.array),
    st.permutations([0.0, 1.0, 2.0, 3.0]).map(np.array),
    st.just(np.array([0, 1, 2, np.nan])),
))
def test_permute_pixels_refuses_anything_but_a_permutation(permutation):
    raises_naming("permutation", permute_pixels, np.zeros((2, 2, 2)), permutation)


@FAST
@given(shape=hnp.array_shapes(min_dims=2, max_dims=4, min_side=1, max_side=3))
def test_flatten_wrong_axis_gives_one_row_per_image(shape):
    flat = flatten_wrong_axis(np.zeros(shape))
    assert flat.shape == (shape[0], math.prod(shape[1:]))


@FAST
@given(y=st.lists(st.integers(0, 5), min_size=1, max_size=40).map(np.array))
def test_balanced_class_weight_balances(y):
    weights = balanced_class_weight(y)
    classes, counts = np.unique(y, return_counts=True)
    assert sorted(weights) == classes.tolist()
    for c, k in zip(classes, counts):
        assert weights[int(c)] * k == pytest.approx(len(y) / len(classes))


@FAST
@given(y=st.one_of(
    st.just(np.array([])), hnp.arrays(np.int64, hnp.array_shapes(min_dims=2, max_dims=3, max_side=3)),
    st.just(np.array([0.0, np.nan])), st.just(np.array([0.5, 1.0])), st.just(np.array(["a", "b"])),
))
def test_balanced_class_weight_refuses_bad_labels(y):
    raises_naming("y", balanced_class_weight, y)


@FAST
@given(name=st.sampled_from(["test_fraction", "positive_fraction"]), bad=not_fractions, n=not_positive_ints)
def test_data_builders_refuse_bad_arguments_before_building(name, bad, n):
    raises_naming(name, fraud_like_split, **{name: bad})
    raises_naming("n", fraud_like_split, n=n)
    if name == "test_fraction":
        raises_naming(name, diabetes_split, bad)


_KERAS = keras.Sequential([keras.Input(shape=(3,)), keras.layers.Dense(2)])


@FAST
@given(x=st.one_of(st.just(np.zeros((0, 3))), st.just(np.zeros(3)), st.just(np.array(1.0)), st.just([["a", "b", "c"]])))
def test_predict_proba_refuses_bad_batches(x):
    raises_naming("x", predict_proba, _KERAS, x)


# =============================================================== quiz
letters = st.sampled_from("ABCD")


@st.composite
def quizzes(draw):
    questions = []
    for _ in range(draw(st.integers(1, 4))):
        n = draw(st.integers(2, 4))
        correct = draw(st.integers(0, n - 1))
        questions.append(quiz._mc(draw(st.text(min_size=1)), [f"option {i}" for i in range(n)], "ABCD"[correct],
                                  [f"why {i}" for i in range(n)]))
    return questions


@FAST
@given(questions=quizzes(), data=st.data())
def test_answering_a_valid_quiz(questions, data):
    assert quiz.get_quiz(questions) is questions
    right = quiz.correct_letters(questions)
    assert len(right) == len(questions)
    number = data.draw(st.integers(1, len(questions)))
    n_answers = len(questions[number - 1]["answers"])
    letter = data.draw(st.sampled_from("ABCD"[:n_answers]))
    _, printed = quiet(quiz.answer_quiz, questions, number, data.draw(st.sampled_from([letter, letter.lower(), f" {letter} "])))
    assert printed.startswith("✅" if letter == right[number - 1] else "❌")
    assert len(printed.splitlines()) == 2


@FAST
@given(number=st.one_of(st.integers(max_value=0), st.integers(min_value=4), st.floats(), st.booleans(), st.none(), st.text(max_size=2)))
def test_answer_quiz_refuses_bad_question_numbers(number):
    raises_naming("number", quiz.answer_quiz, "pipeline_trace", number, "A")


@FAST
@given(letter=st.one_of(st.text(max_size=3).filter(lambda t: t.strip().upper() not in ("A", "B", "C", "D")), st.none(), st.integers()))
def test_answer_quiz_refuses_bad_letters(letter):
    raises_naming("letter", quiz.answer_quiz, "pipeline_trace", 1, letter)


@FAST
@given(name=st.text(max_size=10).filter(lambda t: t not in quiz.QUIZZES))
def test_unknown_quiz_names_are_refused(name):
    with pytest.raises(KeyError, match="no quiz named"):
        quiz.get_quiz(name)


malformed = st.recursive(
    st.one_of(st.none(), st.text(max_size=3), st.integers(), st.booleans()),
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(
        st.sampled_from(["question", "type", "answers", "answer", "correct", "feedback"]), inner, max_size=4)),
    max_leaves=10,
)


@FAST
@given(questions=st.one_of(malformed, st.lists(malformed, min_size=1, max_size=3)))
@example(questions=[{"question": "q", "type": "multiple_choice", "answers": ["A", "B"]}])
@example(questions=[{"question": "q", "type": "multiple_choice", "answers": [None, {"correct": True}]}])
def test_malformed_quizzes_raise_value_error_only(questions):
    if isinstance(questions, str):
        return  # a quiz name: covered above
    try:
        quiz.get_quiz(questions)
    except ValueError as error:
        assert "question" in str(error) or "quiz" in str(error)
