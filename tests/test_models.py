import numpy as np
import pytest

import course_utils  # noqa: F401  (quiets TensorFlow first)
from course_utils.models import dense_classifier
from course_utils.tracing import layer_table
from course_utils.training import EpochLog, fit_quietly, restart


def test_dense_classifier_shapes_and_parameters():
    model = dense_classifier(hidden_units=32)
    assert model.output_shape == (None, 10)
    assert model.count_params() == 784 * 32 + 32 + 32 * 10 + 10


@pytest.mark.parametrize("bad", [0, -3, 2.5, True, "128"])
def test_dense_classifier_rejects_bad_width(bad):
    with pytest.raises((TypeError, ValueError), match="hidden_units must be a positive whole number"):
        dense_classifier(hidden_units=bad)


def test_fit_quietly_prints_one_rounded_line_per_epoch(capsys):
    rng = np.random.default_rng(0)
    x, y = rng.random((20, 28, 28), dtype=np.float32), rng.integers(0, 10, 20)
    history = fit_quietly(dense_classifier(8), x, y, epochs=2, batch_size=10)
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == 2 and lines[0].startswith("epoch 1: accuracy ")
    assert all("\r" not in line and "ms/step" not in line for line in lines)
    assert len(history["loss"]) == 2


def test_fit_quietly_rejects_zero_epochs():
    with pytest.raises((TypeError, ValueError), match="epochs must be a positive whole number"):
        fit_quietly(dense_classifier(8), np.zeros((2, 28, 28)), np.zeros(2), epochs=0)


def test_restart_trains_as_a_model_built_anew_from_the_seed():
    rng = np.random.default_rng(0)
    x, y = rng.random((20, 28, 28), dtype=np.float32), rng.integers(0, 10, 20)
    reused = dense_classifier(8, seed=5)
    fit_quietly(reused, x, y, epochs=2, batch_size=8, log=False)
    restart(reused, 3)
    assert int(reused.optimizer.iterations) == 0
    assert float(reused.optimizer.learning_rate) == pytest.approx(1e-3)
    fresh = dense_classifier(8, seed=3)
    for a, b in zip(reused.get_weights(), fresh.get_weights()):
        np.testing.assert_array_equal(a, b)
    losses = [fit_quietly(m, x, y, epochs=2, batch_size=8, log=False)["loss"]
                    for m in (restart(reused, 3), dense_classifier(8, seed=3))]
    assert losses[0] == losses[1]


def test_restart_refuses_an_uncompiled_model():
    import keras

    plain = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(2)])
    with pytest.raises(ValueError, match="model must be compiled"):
        restart(plain, 0)


def test_epoch_log_every():
    with pytest.raises((TypeError, ValueError), match="every"):
        EpochLog(every=0)


def test_layer_table(capsys):
    layer_table(dense_classifier(8))
    out = capsys.readouterr().out
    assert "flatten  (None, 784)" in out and out.strip().endswith("6,370")
    with pytest.raises(TypeError, match="model must be a Keras model"):
        layer_table("model")
