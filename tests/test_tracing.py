"""Unit tests of course_utils.tracing: the layer-by-layer trace and the training-trace printouts."""

from course_utils.models import dense_classifier  # first: course_utils quiets TensorFlow before it loads
from course_utils.tracing import Stage, describe_layer, epoch_table, text_chart, trace_layers

import keras
import numpy as np
import pytest


@pytest.fixture(scope="module")
def model():
    keras.utils.set_random_seed(0)
    return dense_classifier(hidden_units=8, input_shape=(4, 4), n_classes=3)


@pytest.fixture
def batch():
    return np.random.default_rng(0).random((5, 4, 4)).astype(np.float32)


def test_one_stage_per_layer_plus_the_input(model, batch, capsys):
    stages = trace_layers(model, batch)
    assert [s.index for s in stages] == [1, 2, 3, 4]
    assert [s.name for s in stages] == ["input", "flatten", "hidden", "output"]
    assert [s.output_shape for s in stages] == [(5, 4, 4), (5, 16), (5, 8), (5, 3)]
    assert [s.input_shape for s in stages] == [None, (5, 4, 4), (5, 16), (5, 8)]
    assert all(isinstance(s, Stage) and s.output.shape == s.output_shape for s in stages)
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 5
    assert lines[0].split()[:2] == ["stage", "layer"]
    assert "hidden: Dense(8, relu)" in lines[3] and "(5, 16)" in lines[3] and "(5, 8)" in lines[3]


def test_stages_compute_what_the_model_computes(model, batch):
    stages = trace_layers(model, batch, show=False)
    np.testing.assert_array_equal(stages[1].output, batch.reshape(5, 16))
    kernel, bias = model.get_layer("hidden").get_weights()
    np.testing.assert_allclose(stages[2].output, np.maximum(batch.reshape(5, 16) @ kernel + bias, 0), atol=1e-6)
    np.testing.assert_allclose(stages[3].output, model.predict(batch, verbose=0), atol=1e-6)
    np.testing.assert_allclose(stages[3].output.sum(axis=1), 1, atol=1e-6)


def test_batch_of_one_and_integer_pixels_are_accepted(model):
    stages = trace_layers(model, np.ones((1, 4, 4), dtype=np.uint8), show=False)
    assert stages[0].output.dtype == np.float32
    assert stages[-1].output_shape == (1, 3)


def test_show_false_prints_nothing(model, batch, capsys):
    trace_layers(model, batch, show=False)
    assert capsys.readouterr().out == ""


def test_glimpse_and_digits_shape_the_printout(model, batch, capsys):
    trace_layers(model, batch, glimpse=2, digits=1)
    first_row = capsys.readouterr().out.splitlines()[1]
    values = first_row.split()[-2:]
    assert values == [f"{v:.1f}" for v in batch[0].ravel()[:2]]


def test_rounded_negative_zero_prints_as_zero(capsys):
    layer_model = keras.Sequential([keras.Input(shape=(2,)), keras.layers.Identity()])
    trace_layers(layer_model, np.array([[-0.001, 0.5]]), show=True)
    assert "-0.00" not in capsys.readouterr().out


def test_describe_layer():
    assert describe_layer(keras.layers.Flatten()) == "Flatten"
    assert describe_layer(keras.layers.Dense(10, activation="softmax")) == "Dense(10, softmax)"
    assert describe_layer(keras.layers.Dense(4)) == "Dense(4, linear)"


def test_rejects_a_model_that_is_not_sequential(batch):
    inputs = keras.Input(shape=(4, 4))
    functional = keras.Model(inputs, keras.layers.Flatten()(inputs))
    with pytest.raises(TypeError, match=r"model must be a keras.Sequential \(a chain of layers\); got Functional"):
        trace_layers(functional, batch)
    with pytest.raises(TypeError, match="got list"):
        trace_layers([keras.layers.Flatten()], batch)


def test_rejects_a_model_without_layers_or_input(batch):
    with pytest.raises((TypeError, ValueError), match="model has no layers to trace"):
        trace_layers(keras.Sequential([]), batch)
    with pytest.raises((TypeError, ValueError), match=r"model has no known input shape; start it with keras.Input\(shape=...\)"):
        trace_layers(keras.Sequential([keras.layers.Dense(3)]), batch)


def test_rejects_a_batch_of_the_wrong_shape(model):
    with pytest.raises((TypeError, ValueError), match=r"batch must have shape \(n, 4, 4\) to match the model's input; got \(5, 16\)"):
        trace_layers(model, np.zeros((5, 16)))
    with pytest.raises((TypeError, ValueError), match=r"got \(4, 4\)"):
        trace_layers(model, np.zeros((4, 4)))  # one image without its batch axis


def test_rejects_empty_non_numeric_and_non_finite_batches(model):
    with pytest.raises((TypeError, ValueError), match=r"batch is empty \(shape \(0, 4, 4\)\); pass at least one value"):
        trace_layers(model, np.zeros((0, 4, 4)))
    with pytest.raises((TypeError, ValueError), match=r"batch must have at least 1 axis \(a sample axis first\); got shape \(\)"):
        trace_layers(model, 3.0)
    with pytest.raises(TypeError, match="batch must hold real numbers; got values of dtype <U1"):
        trace_layers(model, np.full((1, 4, 4), "a"))
    with pytest.raises(TypeError, match="batch must hold real numbers; got True/False values"):
        trace_layers(model, np.ones((1, 4, 4), dtype=bool))
    bad = np.zeros((2, 4, 4))
    bad[1, 2, 3] = np.nan
    with pytest.raises((TypeError, ValueError), match="batch holds NaN or infinite values"):
        trace_layers(model, bad)


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"glimpse": 0}, "glimpse must be a whole number from 1 to 20; got 0"),
        ({"glimpse": 2.5}, "glimpse must be a whole number from 1 to 20; got 2.5"),
        ({"digits": True}, "digits must be a whole number from 0 to 6; got True"),
        ({"digits": 7}, "digits must be a whole number from 0 to 6; got 7"),
    ],
)
def test_rejects_bad_glimpse_and_digits(model, batch, kwargs, message):
    with pytest.raises((TypeError, ValueError), match=message):
        trace_layers(model, batch, **kwargs)


HISTORY = {"accuracy": [0.5, 0.9], "loss": [1.5, 0.5], "val_loss": [0.8, 0.6], "val_accuracy": [0.7, 0.8]}


def test_epoch_table_puts_reference_beside_history(capsys):
    epoch_table(HISTORY, {"loss": [1.2, 0.8]}, prefix="doc")
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["epoch", "loss", "accuracy", "val_loss", "val_accuracy", "doc", "loss"]
    assert lines[1].split() == ["1", "1.500", "0.500", "0.800", "0.700", "1.200"]
    assert lines[2].split() == ["2", "0.500", "0.900", "0.600", "0.800", "0.800"]


def test_epoch_table_without_reference_and_with_fewer_digits(capsys):
    epoch_table({"loss": [0.25]}, digits=1)
    assert capsys.readouterr().out.splitlines()[1].split() == ["1", "0.2"]


def test_epoch_table_rejects_bad_input():
    with pytest.raises((TypeError, ValueError), match=r"history must be the dict returned by fit_quietly \(or a Keras History\); got \[1, 2\]"):
        epoch_table([1, 2])
    with pytest.raises((TypeError, ValueError), match="history must be the dict returned by fit_quietly"):
        epoch_table({})
    with pytest.raises((TypeError, ValueError), match=r"every list in history must have one value per epoch, all of one length; got lengths \[1, 2\]"):
        epoch_table({"loss": [1, 2], "accuracy": [0.5]})
    with pytest.raises((TypeError, ValueError), match="reference must have 2 values per list, like history; got 3"):
        epoch_table(HISTORY, {"loss": [1, 2, 3]})


def test_text_chart_draws_one_star_per_step(capsys):
    text_chart([1.2, 0.25, 0.0], label="loss")
    assert capsys.readouterr().out.splitlines() == [
        "loss per epoch (one * per 0.1)",
        "epoch 1 | ************ 1.200",
        "epoch 2 | ** 0.250",
        "epoch 3 |  0.000",
    ]


@pytest.mark.parametrize(
    "values, step, message",
    [
        ([], 0.1, "values is empty"),
        ([0.5, -0.1], 0.1, r"values must be non-negative \(a loss or an accuracy per epoch\); got a minimum of -0.1"),
        ([float("nan")], 0.1, "values holds NaN or infinite values"),
        ([0.5], 0, "step must be a number greater than 0; got 0"),
        ([0.5], "0.1", "step must be a number greater than 0; got '0.1'"),
    ],
)
def test_text_chart_rejects_bad_input(values, step, message):
    with pytest.raises((TypeError, ValueError), match=message):
        text_chart(values, step=step)
