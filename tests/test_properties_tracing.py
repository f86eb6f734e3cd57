"""Property tests (hypothesis) of course_utils.tracing.trace_layers on random small Keras stacks."""

import contextlib
import io
import math

import course_utils  # noqa: F401  (before keras: quiets TensorFlow)
import keras
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from course_utils.tracing import trace_layers

FEW = settings(derandomize=True, max_examples=15, deadline=None)


@st.composite
def stacks(draw):
    """Plan of a keras.Sequential: Input -> [Flatten] -> 1-3 Dense -> [Reshape], with random sizes.

    The strategy draws plain data; ``build`` makes the model inside the test
    (Keras draws initial weights with ``random``, which strategies must not use).
    """
    in_shape = tuple(draw(st.lists(st.integers(1, 5), min_size=1, max_size=3)))
    flatten = draw(st.booleans())
    inner = (math.prod(in_shape),) if flatten else in_shape
    dense = [(draw(st.integers(1, 8)), draw(st.sampled_from([None, "relu", "sigmoid"]))) for _ in range(draw(st.integers(1, 3)))]
    size = math.prod(inner[:-1]) * dense[-1][0]
    reshape = draw(st.sampled_from([None, (size,), (size, 1), (1, size)]))
    return in_shape, flatten, dense, reshape


def build(plan):
    in_shape, flatten, dense, reshape = plan
    layers = [keras.Input(shape=in_shape)] + ([keras.layers.Flatten()] if flatten else [])
    layers += [keras.layers.Dense(width, activation=activation) for width, activation in dense]
    layers += [keras.layers.Reshape(reshape)] if reshape else []
    return keras.Sequential(layers)


@FEW
@given(plan=stacks(), n=st.integers(1, 4), seed=st.integers(0, 2**16))
def test_stage_shapes_are_the_layers_output_shapes(plan, n, seed):
    model = build(plan)
    batch = np.random.default_rng(seed).normal(size=(n, *model.input_shape[1:])).astype(np.float32)
    stages = trace_layers(model, batch, show=False)
    assert len(stages) == len(model.layers) + 1
    assert stages[0].output_shape == batch.shape and stages[0].input_shape is None
    for stage, previous, layer in zip(stages[1:], stages, model.layers):
        assert stage.output_shape == (n, *layer.output.shape[1:])
        assert stage.output.shape == stage.output_shape
        assert stage.input_shape == previous.output_shape
        assert np.isfinite(stage.output).all()
    assert stages[-1].output_shape == (n, *model.output_shape[1:])


@FEW
@given(plan=stacks(), n=st.integers(1, 3))
def test_printed_table_has_one_row_per_stage(plan, n):
    model = build(plan)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        stages = trace_layers(model, np.zeros((n, *model.input_shape[1:])))
    lines = out.getvalue().splitlines()
    assert len(lines) == len(stages) + 1 and lines[0].startswith("stage")


_MODEL = keras.Sequential([keras.Input(shape=(2, 3)), keras.layers.Flatten(), keras.layers.Dense(4)])


@settings(derandomize=True, max_examples=40, deadline=None)
@given(shape=st.lists(st.integers(0, 4), min_size=0, max_size=4).map(tuple))
def test_a_batch_of_the_wrong_shape_is_refused(shape):
    if len(shape) == 3 and shape[1:] == (2, 3) and shape[0] > 0:
        return  # a valid batch
    with pytest.raises((TypeError, ValueError), match="batch"):
        trace_layers(_MODEL, np.zeros(shape), show=False)


@settings(derandomize=True, max_examples=40, deadline=None)
@given(bad=st.sampled_from([np.nan, np.inf, -np.inf]), n=st.integers(1, 3), where=st.integers(0, 5))
def test_non_finite_batches_are_refused(bad, n, where):
    batch = np.zeros((n, 2, 3))
    batch.flat[where] = bad
    with pytest.raises((TypeError, ValueError), match="batch holds NaN or infinite"):
        trace_layers(_MODEL, batch, show=False)


@settings(derandomize=True, max_examples=40, deadline=None)
@given(batch=st.one_of(st.none(), st.text(), st.booleans(), st.builds(object), st.just(np.full((1, 2, 3), "a")),
                       st.just(np.zeros((1, 2, 3), dtype=bool)), st.dictionaries(st.text(), st.integers())))
def test_non_numeric_batches_are_refused(batch):
    with pytest.raises((TypeError, ValueError), match="batch"):
        trace_layers(_MODEL, batch, show=False)


@settings(derandomize=True, max_examples=40, deadline=None)
@given(name=st.sampled_from(["glimpse", "digits"]),
       value=st.one_of(st.integers(max_value=-1), st.integers(min_value=21), st.floats(), st.booleans(), st.text(max_size=2)))
def test_bad_glimpse_and_digits_name_the_argument(name, value):
    if name == "digits" and isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 6:
        return
    with pytest.raises((TypeError, ValueError), match=name):
        trace_layers(_MODEL, np.zeros((1, 2, 3)), show=False, **{name: value})
