import matplotlib

matplotlib.use("Agg")
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from course_utils import plots  # noqa: E402


@pytest.fixture(autouse=True)
def _no_windows(monkeypatch):
    monkeypatch.setattr(plots.plt, "show", lambda: plots.plt.close("all"))


def test_helpers_draw_and_return_nothing():
    assert plots.show_digit(np.zeros((28, 28))) is None
    assert plots.show_digit(np.zeros((28, 28, 1))) is None
    assert plots.show_digits(np.zeros((3, 28, 28)), [1, 2, 3]) is None
    assert plots.show_grid(np.arange(9).reshape(3, 3)) is None
    assert plots.show_vector(np.arange(9)) is None
    assert plots.show_vector(np.arange(784)) is None
    assert plots.plot_history({"loss": [1, 0.5], "val_loss": [1.1, 0.7], "accuracy": [0.5, 0.7]}) is None
    assert plots.plot_confusion_matrix([[40, 10], [5, 45]], ["positive", "negative"]) is None
    sweep = {"threshold": np.linspace(0, 1, 5), "precision": np.linspace(0.5, 1, 5), "recall": np.linspace(1, 0, 5)}
    assert plots.plot_threshold_sweep(sweep, marks=[("spam", 0.5)]) is None


@pytest.mark.parametrize("bad", [np.zeros(5), np.zeros((2, 28, 28)), np.zeros((28, 28, 3))])
def test_show_digit_rejects_non_images(bad):
    with pytest.raises((TypeError, ValueError), match=r"image must be one 2-D image \(height, width\)"):
        plots.show_digit(bad)


def test_bad_inputs_are_named():
    with pytest.raises((TypeError, ValueError), match="these must have the same number of rows: images has 3, labels has 1"):
        plots.show_digits(np.zeros((3, 28, 28)), [1])
    with pytest.raises((TypeError, ValueError), match="vector is empty"):
        plots.show_vector([])
    with pytest.raises((TypeError, ValueError), match=r"history has no \['accuracy'\]"):
        plots.plot_history({"loss": [1.0]})
    with pytest.raises((TypeError, ValueError), match="square"):
        plots.plot_confusion_matrix([[1, 2, 3]], ["a"])
    with pytest.raises((TypeError, ValueError), match="negative count"):
        plots.plot_confusion_matrix([[1, -2], [3, 4]], ["a", "b"])
