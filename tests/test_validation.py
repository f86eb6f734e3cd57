"""Every public helper checks its input at the door (issue 13).

``CALLS`` describes one valid call of every public helper and the kind of each
argument.  Hypothesis picks a helper, an argument and a bad value of that
argument's kind (None, a bool where a number is expected, zero, negative, NaN,
inf, empty, a wrong rank, a wrong dtype, probabilities where labels are
expected, a size that would exhaust memory) and checks that the call raises a
``ValueError`` or ``TypeError`` that names the argument, in a message of at most
``MAX_MESSAGE`` characters, printing no line longer than ``MAX_LINE``.
"""

import contextlib
import io
import math

import course_utils  # noqa: F401  (first: quiets TensorFlow)
import keras
import matplotlib
import numpy as np
import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st
from torch import nn

from course_utils import checks, data, metrics, models, notebook, plots, torch_tools, tracing, training

matplotlib.use("Agg")

MAX_MESSAGE = 400
MAX_LINE = 200
FAST = settings(derandomize=True, max_examples=60, deadline=None)

IMAGES = np.random.default_rng(0).random((6, 6, 6)).astype(np.float32)
LABELS = np.array([0, 1, 2, 0, 1, 2])
BINARY = np.array([0, 1, 0, 1, 1, 0])
SCORES = np.linspace(0.05, 0.95, 6)
SWEEP = {"threshold": np.array([0.3, 0.6]), "precision": np.array([0.5, 0.9]), "recall": np.array([0.9, 0.5])}
HISTORY = {"loss": [0.5, 0.4], "accuracy": [0.8, 0.9]}
KERAS = models.dense_classifier(hidden_units=2, n_classes=3, input_shape=(6, 6), seed=0)
CONV = models.conv_classifier(filters=(2,), input_shape=(8, 8))
TORCH = torch_tools.flatten_mlp(in_shape=(6, 6), hidden=2, n_classes=3)
SPLIT = data.Split(np.repeat(IMAGES, 20, axis=0), np.tile(np.arange(6) % 3, 20), np.repeat(IMAGES, 20, axis=0), np.tile(np.arange(6) % 3, 20))

# Bad values, by the kind of argument they are bad for.
NOT_A_NUMBER = st.sampled_from([None, True, "3", [1], b"1", {"a": 1}])
KINDS = {
    "size": st.one_of(NOT_A_NUMBER, st.integers(max_value=0), st.sampled_from([2.5, float("nan"), 10**12])),
    "seed": st.one_of(NOT_A_NUMBER, st.integers(max_value=-1), st.sampled_from([2.5, 2**40])),
    "fraction": st.one_of(NOT_A_NUMBER, st.sampled_from([float("nan"), float("inf"), -0.1, 1.5, -1e300])),
    "rate": st.one_of(NOT_A_NUMBER, st.sampled_from([0, -1e-3, float("nan"), float("inf")])),
    "flag": st.sampled_from([None, 1, "yes", 0.0]),
    "text": st.sampled_from([None, 3, b"x", ["a"]]),
    "array": st.sampled_from([None, "abc", [], np.zeros((0, 6, 6)), np.full((6, 6, 6), np.nan), np.full((6, 6, 6), 1 + 1j),
                              np.full((6, 6, 6), "a"), np.array([[1, 2], [3]], dtype=object), np.zeros((6, 6, 6), dtype=bool)]),
    "labels": st.sampled_from([None, "abc", [], SCORES, np.array(list("abcdef")), np.zeros((6, 2)), np.full(6, np.nan),
                               np.array([0, 1, 2, 3, 4, -1]), np.full(6, 1 + 1j)]),
    "scores": st.sampled_from([None, "abc", [], np.full(6, np.nan), np.full(6, np.inf), np.zeros((6, 2)), np.array(list("abcdef"))]),
    "shape": st.sampled_from([None, 28, (0, 6), (-1, 6), ("a", 6), (6.0, 6), (10**5, 10**5), ()]),
    "keras_model": st.sampled_from([None, "model", 3, TORCH, keras.layers.Dense(2)]),
    "torch_model": st.sampled_from([None, "model", 3, KERAS]),
    "history": st.sampled_from([None, [], {}, {"loss": "abc"}, {"loss": [1.0], "accuracy": [1.0, 2.0]}, {"loss": [np.nan]}]),
    "sweep": st.sampled_from([None, {}, {"threshold": [0.5]}, {"threshold": [0.5], "precision": [1.0], "recall": "x"}, [0.5]]),
}

# helper: (function, valid keyword arguments, {argument: kind})
CALLS = {
    "notebook.setup_notebook": (notebook.setup_notebook, dict(seed=0, tensorflow=False), {"seed": "seed", "tensorflow": "flag"}),
    "data.stratified_subset": (data.stratified_subset, dict(x=IMAGES, y=LABELS, per_class=1, seed=0),
                               {"x": "array", "y": "labels", "per_class": "size", "seed": "seed"}),
    "data.load_digit_split": (data.load_digit_split, dict(test_per_class=100, scaled=True, val_per_class=100),
                              {"test_per_class": "size", "scaled": "flag", "val_per_class": "size"}),
    "data.rare_class_split": (data.rare_class_split, dict(split=SPLIT, digit=1, fraction=0.1, seed=0),
                              {"digit": "size", "fraction": "fraction", "seed": "seed"}),
    "data.shifted_copies": (data.shifted_copies, dict(images=IMAGES, pixels=1), {"images": "array", "pixels": "size"}),
    "data.binary_digits": (data.binary_digits, dict(x=IMAGES, y=LABELS, positive=1, negative=0),
                           {"x": "array", "y": "labels", "positive": "seed", "negative": "seed"}),
    "data.imbalanced_binary": (data.imbalanced_binary, dict(x=IMAGES, y=LABELS, positive=1, n=3, positive_fraction=0.3, seed=0),
                               {"x": "array", "y": "labels", "positive": "seed", "n": "size", "positive_fraction": "fraction", "seed": "seed"}),
    "data.leak_into_training": (data.leak_into_training, dict(x_train=IMAGES, y_train=LABELS, x_leak=IMAGES, y_leak=LABELS, seed=0),
                                {"x_train": "array", "y_train": "labels", "x_leak": "array", "y_leak": "labels", "seed": "seed"}),
    "data.copies_found": (data.copies_found, dict(x_eval=IMAGES, x_train=IMAGES), {"x_eval": "array", "x_train": "array"}),
    "data.pixel_permutation": (data.pixel_permutation, dict(image_shape=(6, 6), seed=0), {"image_shape": "shape", "seed": "seed"}),
    "data.permute_pixels": (data.permute_pixels, dict(images=IMAGES, permutation=np.arange(36)), {"images": "array", "permutation": "labels"}),
    "data.flatten_wrong_axis": (data.flatten_wrong_axis, dict(images=IMAGES), {"images": "array"}),
    "data.fraud_like_split": (data.fraud_like_split, dict(n=200, positive_fraction=0.1, class_sep=1.0, test_fraction=0.25, seed=0),
                              {"n": "size", "positive_fraction": "fraction", "class_sep": "rate", "test_fraction": "fraction", "seed": "seed"}),
    "data.diabetes_split": (data.diabetes_split, dict(test_fraction=0.2, seed=0), {"test_fraction": "fraction", "seed": "seed"}),
    "models.dense_classifier": (models.dense_classifier, dict(hidden_units=2, n_classes=3, input_shape=(6, 6), learning_rate=1e-3, seed=0),
                                {"hidden_units": "size", "n_classes": "size", "input_shape": "shape", "learning_rate": "rate", "seed": "seed"}),
    "models.dense_detector": (models.dense_detector, dict(input_shape=(6, 6), hidden_units=2, learning_rate=1e-3, seed=0),
                              {"input_shape": "shape", "hidden_units": "size", "learning_rate": "rate", "seed": "seed"}),
    "models.dense_regressor": (models.dense_regressor, dict(n_features=3, hidden_units=2, learning_rate=1e-3, seed=0),
                               {"n_features": "size", "hidden_units": "size", "learning_rate": "rate", "seed": "seed"}),
    "models.conv_classifier": (models.conv_classifier, dict(filters=(2,), kernel_size=3, n_classes=3, learning_rate=1e-3, input_shape=(8, 8)),
                               {"filters": "shape", "kernel_size": "size", "n_classes": "size", "learning_rate": "rate", "input_shape": "shape"}),
    "models.conv_detector": (models.conv_detector, dict(filters=(2,), kernel_size=3, learning_rate=1e-3, input_shape=(8, 8)),
                             {"filters": "shape", "kernel_size": "size", "learning_rate": "rate", "input_shape": "shape"}),
    "training.EpochLog": (training.EpochLog, dict(digits=3, every=1), {"digits": "size", "every": "size"}),
    "training.fit_quietly": (training.fit_quietly, dict(model=KERAS, x=IMAGES, y=LABELS, epochs=1, batch_size=2, log=False),
                             {"model": "keras_model", "x": "array", "y": "labels", "epochs": "size", "batch_size": "size", "log": "flag"}),
    "training.restart": (training.restart, dict(model=models.dense_classifier(hidden_units=2, n_classes=3, input_shape=(6, 6)), seed=0),
                         {"model": "keras_model", "seed": "seed"}),
    "training.predict_proba": (training.predict_proba, dict(model=KERAS, x=IMAGES), {"model": "keras_model", "x": "array"}),
    "training.accuracy_of": (training.accuracy_of, dict(model=KERAS, x=IMAGES, y=LABELS), {"model": "keras_model", "x": "array", "y": "labels"}),
    "training.balanced_class_weight": (training.balanced_class_weight, dict(y=LABELS), {"y": "labels"}),
    "metrics.counts_from_labels": (metrics.counts_from_labels, dict(y_true=BINARY, y_pred=BINARY, positive=1),
                                   {"y_true": "labels", "y_pred": "labels", "positive": "seed"}),
    "metrics.scores_from_labels": (metrics.scores_from_labels, dict(y_true=BINARY, y_pred=BINARY, positive=1),
                                   {"y_true": "labels", "y_pred": "labels", "positive": "seed"}),
    "metrics.scores_from_counts": (metrics.scores_from_counts, dict(tp=1, fn=1, fp=1, tn=1), {"tp": "seed", "fn": "seed", "fp": "seed", "tn": "seed"}),
    "metrics.labels_from_counts": (metrics.labels_from_counts, dict(tp=1, fn=1, fp=1, tn=1), {"tp": "seed", "fn": "seed", "fp": "seed", "tn": "seed"}),
    "metrics.scores_at": (metrics.scores_at, dict(y_true=BINARY, scores=SCORES, threshold=0.5),
                          {"y_true": "labels", "scores": "scores", "threshold": "fraction"}),
    "metrics.threshold_sweep": (metrics.threshold_sweep, dict(y_true=BINARY, scores=SCORES, thresholds=[0.5]),
                                {"y_true": "labels", "scores": "scores", "thresholds": "scores"}),
    "metrics.choose_threshold": (metrics.choose_threshold, dict(sweep=SWEEP, min_recall=0.5), {"sweep": "sweep", "min_recall": "fraction"}),
    "plots.show_digit": (plots.show_digit, dict(image=IMAGES[0], title=""), {"image": "array", "title": "text"}),
    "plots.show_digits": (plots.show_digits, dict(images=IMAGES, labels=LABELS, ncols=3, title=""),
                          {"images": "array", "labels": "labels", "ncols": "size", "title": "text"}),
    "plots.show_grid": (plots.show_grid, dict(grid=IMAGES[0], title="", fmt="{:g}"), {"grid": "array", "title": "text", "fmt": "text"}),
    "plots.show_vector": (plots.show_vector, dict(vector=SCORES, title=""), {"vector": "scores", "title": "text"}),
    "plots.plot_history": (plots.plot_history, dict(history=HISTORY, metrics=("loss",), title=""), {"history": "history", "title": "text"}),
    "plots.plot_confusion_matrix": (plots.plot_confusion_matrix, dict(matrix=np.eye(2), labels=["a", "b"], title=""), {"matrix": "array", "title": "text"}),
    "plots.plot_threshold_sweep": (plots.plot_threshold_sweep, dict(sweep=SWEEP, marks=(), title=""), {"sweep": "sweep", "title": "text"}),
    "plots.plot_filters": (plots.plot_filters, dict(model=CONV, layer="conv1", title="", ncols=2),
                           {"model": "keras_model", "layer": "text", "title": "text", "ncols": "size"}),
    "plots.plot_feature_maps": (plots.plot_feature_maps, dict(model=CONV, image=np.zeros((8, 8)), layer="conv1", title="", ncols=2),
                                {"model": "keras_model", "image": "array", "layer": "text", "title": "text", "ncols": "size"}),
    "plots.show_colour_digits": (plots.show_colour_digits, dict(images=np.zeros((2, 3, 4, 4)), labels=[1, 2], title=""),
                                 {"images": "array", "labels": "labels", "title": "text"}),
    "plots.plot_shape_change": (plots.plot_shape_change, dict(image_chw=np.zeros((3, 4, 4)), title=""), {"image_chw": "array", "title": "text"}),
    "plots.plot_flatten_orders": (plots.plot_flatten_orders, dict(channels=2, height=2, width=2, title=""),
                                  {"channels": "size", "height": "size", "width": "size", "title": "text"}),
    "tracing.describe_layer": (tracing.describe_layer, dict(layer=KERAS.layers[0]), {"layer": "keras_model"}),
    "tracing.trace_layers": (tracing.trace_layers, dict(model=KERAS, batch=IMAGES, glimpse=2, digits=2, show=False),
                             {"model": "keras_model", "batch": "array", "glimpse": "size", "digits": "seed", "show": "flag"}),
    "tracing.epoch_table": (tracing.epoch_table, dict(history=HISTORY, prefix="ref", digits=3), {"history": "history", "prefix": "text", "digits": "seed"}),
    "tracing.text_chart": (tracing.text_chart, dict(values=[0.5, 0.4], label="loss", step=0.1, digits=3),
                           {"values": "scores", "label": "text", "step": "rate", "digits": "seed"}),
    "tracing.layer_table": (tracing.layer_table, dict(model=KERAS), {"model": "keras_model"}),
    "tracing.feature_maps": (tracing.feature_maps, dict(model=CONV, image=np.zeros((8, 8)), layer="conv1"),
                             {"model": "keras_model", "image": "array", "layer": "text"}),
    "checks.check_shape": (checks.check_shape, dict(name="x", actual=IMAGES, expected=(None, 6, 6)), {"actual": "keras_model"}),
    "torch_tools.setup_torch": (torch_tools.setup_torch, dict(seed=0, threads=1), {"seed": "seed", "threads": "size"}),
    "torch_tools.coloured_digits": (torch_tools.coloured_digits, dict(images=IMAGES, seed=0), {"images": "array", "seed": "seed"}),
    "torch_tools.flatten_mlp": (torch_tools.flatten_mlp, dict(in_shape=(6, 6), hidden=2, n_classes=3, seed=0),
                                {"in_shape": "shape", "hidden": "size", "n_classes": "size", "seed": "seed"}),
    "torch_tools.count_parameters": (torch_tools.count_parameters, dict(module=TORCH), {"module": "torch_model"}),
    "torch_tools.fit_quietly": (torch_tools.fit_quietly, dict(model=TORCH, x=IMAGES, y=LABELS, epochs=1, batch_size=2, lr=1e-3, seed=0, log=False),
                                {"model": "torch_model", "x": "array", "y": "labels", "epochs": "size", "batch_size": "size",
                                 "lr": "rate", "seed": "seed", "log": "flag"}),
    "torch_tools.predict_labels": (torch_tools.predict_labels, dict(model=TORCH, x=IMAGES, batch_size=2),
                                   {"model": "torch_model", "x": "array", "batch_size": "size"}),
    "torch_tools.accuracy_of": (torch_tools.accuracy_of, dict(model=TORCH, x=IMAGES, y=LABELS),
                                {"model": "torch_model", "x": "array", "y": "labels"}),
    "torch_tools.trace_shapes": (torch_tools.trace_shapes, dict(model=TORCH, x=IMAGES), {"model": "torch_model", "x": "array"}),
    "torch_tools.caught_error": (torch_tools.caught_error, dict(function=abs), {"function": "seed"}),
    "torch_tools.mismatch_sizes": (torch_tools.mismatch_sizes, dict(message="(1x2 and 3x4)"), {"message": "text"}),
    "torch_tools.torch_to_keras_kernel": (torch_tools.torch_to_keras_kernel, dict(weight=np.zeros((2, 12)), chw=(3, 2, 2)),
                                          {"weight": "array", "chw": "shape"}),
}
# Bad values a kind's strategy holds that are fine for one argument (a case where the bad value is valid).
VALID_ANYWAY = {
    ("checks.check_shape", "actual"): lambda v: isinstance(v, (tuple, list)) or hasattr(v, "shape"),
    ("torch_tools.caught_error", "function"): callable,
}
NAMED_AS = {("checks.check_shape", "actual"): "x"}  # check_shape names the value by the name it is given
NOT_CHECKED_HERE = {
    "notebook.figure_png": "helper 'book' owns it",
    "checks.stated": "the lead owns stated; see test_stated_refuses_infinity",
    "checks.strict_numbers": "reads the environment, takes no input",
    "data.load_digits": "checks a file path and its hash: tests/test_data.py",
    "data.sha256_of": "internal: hashes a file path",
}
PAIRS = [(name, arg) for name, (_, _, kinds) in CALLS.items() for arg in kinds]


def _public(module):
    return [f"{module.__name__.split('.')[-1]}.{n}" for n, o in vars(module).items()
            if not n.startswith("_") and callable(o) and getattr(o, "__module__", None) == module.__name__
            and not isinstance(o, type)]


def test_every_public_helper_is_fuzzed():
    vocabulary = {n for n in _public(checks) if n.split(".")[1] in checks.__dict__ and n.split(".")[1] not in ("stated", "check_shape", "strict_numbers")}
    helpers = [n for m in (notebook, data, models, training, metrics, plots, tracing, checks, torch_tools) for n in _public(m)]
    missing = [n for n in helpers if n not in CALLS and n not in NOT_CHECKED_HERE and n not in vocabulary]
    assert not missing, f"add these public helpers to CALLS: {missing}"


def _call(function, kwargs):
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        try:
            function(**kwargs)
        finally:
            matplotlib.pyplot.close("all")
    return out.getvalue()


@pytest.mark.parametrize("name", sorted(CALLS))
def test_the_valid_call_works(name):
    function, kwargs, _ = CALLS[name]
    printed = _call(function, kwargs)
    assert all(len(line) <= MAX_LINE for line in printed.splitlines())


@FAST
@given(pair=st.sampled_from(PAIRS), data_=st.data())
def test_bad_input_raises_a_clear_error_naming_the_argument(pair, data_):
    name, arg = pair
    function, kwargs, kinds = CALLS[name]
    bad = data_.draw(KINDS[kinds[arg]], label=f"{name}({arg}=...)")
    if (name, arg) in VALID_ANYWAY and VALID_ANYWAY[(name, arg)](bad):
        return
    out = io.StringIO()
    with contextlib.redirect_stdout(out), pytest.raises((TypeError, ValueError)) as error:
        try:
            function(**dict(kwargs, **{arg: bad}))
        finally:
            matplotlib.pyplot.close("all")
    message = str(error.value)
    assert type(error.value) in (TypeError, ValueError), f"{name}: a {type(error.value).__name__}, not a plain ValueError/TypeError"
    named = NAMED_AS.get((name, arg), arg)
    assert named.split("_")[0] in message or named in message, f"{name}({arg}={checks.brief(bad)}): the argument is not named in: {message}"
    assert len(message) <= MAX_MESSAGE, f"{name}: a {len(message)}-character message"
    assert all(len(line) <= MAX_LINE for line in out.getvalue().splitlines())


# ------------------------------------------------------------------ a failed fit_quietly leaves the model trainable
@settings(derandomize=True, max_examples=8, deadline=None)
@given(bad=st.sampled_from([
    dict(x=np.zeros((6, 5, 5))), dict(y=LABELS + 5), dict(y=SCORES), dict(batch_size=0), dict(x=np.full((6, 6, 6), np.nan)),
    dict(validation_data=(np.zeros((2, 5, 5)), LABELS[:2])), dict(epochs=0), dict(callbacks=["not a callback"]),
]))
def test_a_failed_fit_quietly_leaves_the_model_trainable(bad):
    model = models.dense_classifier(hidden_units=2, n_classes=3, input_shape=(6, 6), seed=0)
    good = dict(x=IMAGES, y=LABELS, epochs=1, batch_size=3, log=False)
    with pytest.raises((TypeError, ValueError)):
        training.fit_quietly(model, **dict(good, **bad))
    history = training.fit_quietly(model, **good)
    assert math.isfinite(history["loss"][0])


class _FailingCallback(keras.callbacks.Callback):
    def on_train_batch_end(self, batch, logs=None):
        raise RuntimeError("stopped on purpose")


def test_a_fit_that_fails_inside_keras_leaves_the_model_trainable():
    model = models.dense_classifier(hidden_units=2, n_classes=3, input_shape=(6, 6), seed=0)
    with pytest.raises(RuntimeError, match="stopped on purpose"):
        training.fit_quietly(model, IMAGES, LABELS, epochs=1, log=False, callbacks=[_FailingCallback()])
    assert math.isfinite(training.fit_quietly(model, IMAGES, LABELS, epochs=1, log=False)["loss"][0])


def test_the_issue_example_model_recovers():
    model = models.dense_classifier(4, 3, (4, 4))
    y = np.zeros(16, dtype=int)
    with pytest.raises(ValueError, match=r"x must have shape \(n, 4, 4\)"):
        training.fit_quietly(model, np.zeros((16, 5, 5)), y, epochs=1, batch_size=8, log=False)
    assert "loss" in training.fit_quietly(model, np.zeros((16, 4, 4)), y, epochs=1, batch_size=8, log=False)


# ------------------------------------------------------------------ no output line is longer than MAX_LINE
@FAST
@given(values=st.lists(st.floats(0, 1e300), min_size=1, max_size=80), step=st.floats(1e-9, 10), label=st.text(max_size=500))
def test_text_chart_lines_are_bounded(values, step, label):
    printed = _call(tracing.text_chart, dict(values=values, step=step, label=label))
    lines = printed.splitlines()
    assert all(len(line) <= MAX_LINE for line in lines) and len(lines) <= tracing.MAX_ROWS + 2


@FAST
@given(epochs=st.integers(1, 300), key=st.text(min_size=1, max_size=300))
def test_epoch_table_lines_are_bounded(epochs, key):
    printed = _call(tracing.epoch_table, dict(history={"loss": [0.5] * epochs, key: [1e30] * epochs}))
    lines = printed.splitlines()
    assert all(len(line) <= MAX_LINE for line in lines) and len(lines) <= tracing.MAX_ROWS + 2


def test_layer_table_and_trace_layers_lines_are_bounded():
    long = keras.Sequential([keras.Input((3,)), keras.layers.Dense(2, name="n" * 300)])
    printed = _call(tracing.layer_table, dict(model=long)) + _call(tracing.trace_layers, dict(model=long, batch=np.zeros((1, 3))))
    assert all(len(line) <= MAX_LINE for line in printed.splitlines())


def test_epoch_log_lines_are_bounded(capsys):
    log = training.EpochLog()
    log.on_epoch_end(0, {f"metric_{i}": 0.5 for i in range(100)})
    assert all(len(line) <= MAX_LINE for line in capsys.readouterr().out.splitlines())


def test_caught_error_is_bounded():
    assert len(torch_tools.caught_error(lambda: (_ for _ in ()).throw(ValueError("x" * 10_000)))) <= 300


# ------------------------------------------------------------------ the examples of issue 13
def test_copies_found_across_dtypes():
    x = (np.random.default_rng(0).random((10, 4, 4)) * 255).astype(np.uint8)
    assert data.copies_found(x, x.astype(np.float64)) == 10
    with pytest.raises(ValueError, match="scale both the same way"):
        data.copies_found(x / 255.0, x)


def test_label_metrics_refuse_what_is_not_labels():
    y, p = np.array([0, 1, 0, 1, 1, 0]), np.array([0.1, 0.8, 0.3, 0.6, 0.9, 0.2])
    with pytest.raises(ValueError, match="look like probabilities"):
        metrics.counts_from_labels(y, p)
    with pytest.raises(ValueError, match="look like probabilities"):
        metrics.scores_from_labels(y, p)
    with pytest.raises(ValueError, match="positive=5 occurs in neither"):
        metrics.scores_from_labels(y, y, positive=5)
    with pytest.raises(TypeError, match="y_true must hold real numbers"):
        metrics.counts_from_labels(np.array(list("abcabc")), np.array(list("abcabc")))


def test_scores_at_messages():
    y = np.array([0, 1, 0, 1])
    with pytest.raises(ValueError, match=r"scores must be 1-D.*pass scores.ravel\(\)"):
        metrics.scores_at(y, np.zeros((4, 1)))
    with pytest.raises(TypeError, match="scores must be an array of numbers; got None"):
        metrics.scores_at(y, None)


def test_setup_notebook_takes_a_numpy_seed(capsys):
    notebook.setup_notebook(seed=np.int64(3), tensorflow=False)
    assert capsys.readouterr().out.startswith("Seed 3;")


def test_torch_tools_refuse_with_clear_errors():
    with pytest.raises(ValueError, match="divide|/ 255"):
        torch_tools.coloured_digits(np.full((2, 4, 4), 255, dtype=np.uint8))
    with pytest.raises(ValueError, match="x must be a non-empty batch"):
        torch_tools.fit_quietly(TORCH, torch.zeros(0, 6, 6), torch.zeros(0, dtype=torch.long), epochs=1)
    with pytest.raises(ValueError, match="y must hold class labels from 0 to 2"):
        torch_tools.fit_quietly(TORCH, IMAGES, LABELS + 3, epochs=1, log=False)
    with pytest.raises(TypeError, match="model.count_params"):
        torch_tools.count_parameters(KERAS)


def test_plot_history_takes_a_name_and_a_keras_history():
    history = keras.callbacks.History()
    history.history = dict(HISTORY)
    _call(plots.plot_history, dict(history=history, metrics="loss"))
    with pytest.raises(ValueError, match=r"ncols must be a positive whole number"):
        plots.show_digits(IMAGES, LABELS, ncols=0)


def test_text_chart_extremes():
    assert "*" * 60 + ">" in _call(tracing.text_chart, dict(values=[0.5, 1e6]))
    assert "1e+20" in _call(tracing.text_chart, dict(values=[1e20]))


def test_stated_refuses_infinity():
    with pytest.raises((checks.StatedNumberError, ValueError)):
        checks.stated("p", float("inf"), "> 0.5")


def test_torch_modules_are_refused_where_keras_is_expected():
    with pytest.raises(TypeError, match="model must be a Keras model"):
        training.predict_proba(nn.Linear(2, 2), np.zeros((1, 2)))
