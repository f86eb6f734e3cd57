"""Unit tests of course_utils.torch_tools: fast, a tiny model on a few samples at most."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
import torch  # noqa: E402
from torch import nn  # noqa: E402

from course_utils import plots  # noqa: E402
from course_utils import torch_tools as tt  # noqa: E402


@pytest.fixture(autouse=True)
def _close_figures(monkeypatch):
    monkeypatch.setattr(plt, "show", lambda: None)
    yield
    plt.close("all")


@pytest.fixture()
def restore_threads():
    threads = torch.get_num_threads()
    yield
    torch.set_num_threads(threads)
    torch.use_deterministic_algorithms(False)


def _tiny_data(n=40, seed=0):
    gen = torch.Generator().manual_seed(seed)
    x = torch.rand(n, 3, 4, 4, generator=gen)
    y = (x[:, 0].mean(dim=(1, 2)) > 0.5).long()  # learnable from the red channel
    return x, y


# ----------------------------------------------------------------- set-up
def test_setup_torch_prints_version_without_build_suffix(capsys, restore_threads):
    tt.setup_torch(seed=3, threads=1)
    out = capsys.readouterr().out
    assert out == f"PyTorch {torch.__version__.split('+')[0]}; seed 3; deterministic algorithms on; 1 CPU thread\n"
    assert torch.are_deterministic_algorithms_enabled()
    assert torch.get_num_threads() == 1


def test_setup_torch_seeds(restore_threads, capsys):
    tt.setup_torch(seed=5)
    a = torch.rand(3)
    tt.setup_torch(seed=5)
    assert torch.equal(a, torch.rand(3))


@pytest.mark.parametrize("seed", [-1, 1.5, True, "0"])
def test_setup_torch_rejects_bad_seed(seed):
    with pytest.raises((TypeError, ValueError), match="seed must be a non-negative whole number"):
        tt.setup_torch(seed=seed)


def test_setup_torch_rejects_bad_threads():
    with pytest.raises((TypeError, ValueError), match="threads must be a positive whole number; got 0"):
        tt.setup_torch(threads=0)


# ----------------------------------------------------------------- data
def test_coloured_digits_shape_dtype_and_ink():
    images = np.ones((5, 28, 28), dtype=np.float32)
    x = tt.coloured_digits(images, seed=0)
    assert x.shape == (5, 3, 28, 28) and x.dtype == torch.float32
    ink = x[:, :, 0, 0]
    assert torch.all((ink >= 0.3) & (ink <= 1.0))
    assert torch.equal(x, tt.coloured_digits(images, seed=0))
    assert not torch.equal(x, tt.coloured_digits(images, seed=1))
    # every channel is the same drawing scaled by one ink strength
    assert torch.allclose(x[:, 1] / ink[:, 1, None, None], torch.ones(5, 28, 28))


def test_coloured_digits_rejects_wrong_rank():
    with pytest.raises((TypeError, ValueError), match=r"images must have shape \(n, height, width\); got shape \(28, 28\)"):
        tt.coloured_digits(np.zeros((28, 28)))


# ----------------------------------------------------------------- models
def test_flatten_mlp_layers_and_parameter_count():
    model = tt.flatten_mlp(in_shape=(3, 4, 4), hidden=5, n_classes=2)
    assert [type(m).__name__ for m in model] == ["Flatten", "Linear", "ReLU", "Linear"]
    assert tt.count_parameters(model) == 48 * 5 + 5 + 5 * 2 + 2
    assert model(torch.zeros(7, 3, 4, 4)).shape == (7, 2)


def test_flatten_mlp_same_seed_same_weights():
    a, b = tt.flatten_mlp(seed=1), tt.flatten_mlp(seed=1)
    assert all(torch.equal(p, q) for p, q in zip(a.parameters(), b.parameters()))
    c = tt.flatten_mlp(seed=2)
    assert not torch.equal(a[1].weight, c[1].weight)


def test_flatten_mlp_accepts_custom_flatten():
    custom = nn.Flatten(start_dim=1)
    assert tt.flatten_mlp(in_shape=(2, 2), flatten=custom)[0] is custom


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"hidden": 0}, "hidden must be a positive whole number; got 0"),
        ({"n_classes": 2.0}, "n_classes must be a positive whole number; got 2.0"),
        ({"in_shape": (3, 0, 28)}, "each entry of in_shape must be a positive whole number; got 0"),
    ],
)
def test_flatten_mlp_rejects_bad_sizes(kwargs, message):
    with pytest.raises((TypeError, ValueError), match=message):
        tt.flatten_mlp(**kwargs)


def test_count_parameters_of_flatten_and_frozen_layers():
    assert tt.count_parameters(nn.Flatten()) == 0
    layer = nn.Linear(4, 3)
    assert tt.count_parameters(layer) == 15
    layer.bias.requires_grad_(False)
    assert tt.count_parameters(layer) == 12


# ----------------------------------------------------------------- training
def test_train_quietly_logs_one_rounded_line_per_epoch_and_learns(capsys):
    x, y = _tiny_data()
    model = tt.flatten_mlp(in_shape=(3, 4, 4), hidden=8, n_classes=2)
    history = tt.fit_quietly(model, x, y, epochs=3, batch_size=8, lr=0.05)
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 3
    assert lines[0].startswith("epoch 1: loss ") and ", accuracy " in lines[0]
    assert all(len(part.split()[-1].split(".")[1]) == 3 for part in lines[0].split(","))
    assert sorted(history) == ["accuracy", "loss"] and len(history["loss"]) == 3
    assert history["loss"][-1] < history["loss"][0]


def test_train_quietly_is_deterministic_and_silent_without_log(capsys):
    x, y = _tiny_data()
    runs = []
    for _ in range(2):
        model = tt.flatten_mlp(in_shape=(3, 4, 4), hidden=8, n_classes=2)
        runs.append(tt.fit_quietly(model, x, y, epochs=2, batch_size=8, log=False))
    assert runs[0] == runs[1]
    assert capsys.readouterr().out == ""


def test_train_quietly_rejects_mismatched_labels():
    x, y = _tiny_data()
    with pytest.raises((TypeError, ValueError), match=r"y must be 1-D with one label per row of x; got x of shape \(40, 3, 4, 4\) and y of shape \(39,\)"):
        tt.fit_quietly(tt.flatten_mlp(in_shape=(3, 4, 4)), x, y[:39], epochs=1)


def test_fit_quietly_accepts_numpy_and_rejects_bad_epochs():
    x, y = _tiny_data()
    from_numpy = tt.fit_quietly(tt.flatten_mlp(in_shape=(3, 4, 4)), x.numpy(), y.numpy(), epochs=1, log=False)
    assert from_numpy == tt.fit_quietly(tt.flatten_mlp(in_shape=(3, 4, 4)), x, y, epochs=1, log=False)
    with pytest.raises((TypeError, ValueError), match="epochs must be a positive whole number; got 0"):
        tt.fit_quietly(tt.flatten_mlp(in_shape=(3, 4, 4)), x, y, epochs=0)


def test_predict_labels_and_accuracy_match_by_hand():
    model = nn.Sequential(nn.Flatten(), nn.Linear(2, 2, bias=False))
    with torch.no_grad():
        model[1].weight.copy_(torch.eye(2))
    x = torch.tensor([[[1.0, 0.0]], [[0.0, 1.0]], [[2.0, 3.0]], [[5.0, 1.0]]])
    assert tt.predict_labels(model, x).tolist() == [0, 1, 1, 0]
    assert tt.predict_labels(model, x, batch_size=3).tolist() == [0, 1, 1, 0]
    assert tt.accuracy_of(model, x, torch.tensor([0, 1, 0, 0])) == 0.75
    assert model.training  # put back in training mode


def test_predict_labels_rejects_bad_input():
    model = nn.Sequential(nn.Flatten(), nn.Linear(2, 2))
    assert tt.predict_labels(model, [[1.0, 2.0]]).shape == (1,)  # a list converts safely
    with pytest.raises(TypeError, match="x must hold real numbers"):
        tt.predict_labels(model, [["a", "b"]])
    with pytest.raises((TypeError, ValueError), match="batch_size must be a positive whole number; got -1"):
        tt.predict_labels(model, torch.zeros(2, 2), batch_size=-1)


# ----------------------------------------------------------------- inspection
def test_trace_shapes_prints_every_layer_and_removes_hooks(capsys):
    model = tt.flatten_mlp(in_shape=(3, 4, 4), hidden=5, n_classes=2)
    rows = tt.trace_shapes(model, torch.zeros(6, 3, 4, 4))
    assert rows == [("0", (6, 48)), ("1", (6, 5)), ("2", (6, 5)), ("3", (6, 2))]
    out = capsys.readouterr().out.splitlines()
    assert out[0].split() == ["input", "(6,", "3,", "4,", "4)"]
    assert out[1].split() == ["0", "Flatten", "(6,", "48)"]
    assert all(not layer._forward_hooks for layer in model)


def test_trace_shapes_rejects_non_numbers():
    with pytest.raises(TypeError, match="x must be an array of numbers; got None"):
        tt.trace_shapes(nn.Sequential(nn.Flatten()), None)


def test_caught_error_reports_type_and_message():
    layer = nn.Sequential(nn.Flatten(), nn.Linear(1000, 10))
    message = tt.caught_error(layer, torch.zeros(32, 3, 28, 28))
    # torch 2.15 and newer name the operation first: "addmm: mat1 and mat2 ..."; both are right
    assert message in (f"RuntimeError: {prefix}mat1 and mat2 shapes cannot be multiplied (32x2352 and 1000x10)"
                       for prefix in ("", "addmm: "))


def test_caught_error_insists_on_an_error():
    with pytest.raises(AssertionError, match="abs raised no error"):
        tt.caught_error(abs, -1)


def test_mismatch_sizes_reads_pytorch_message():
    assert tt.mismatch_sizes("RuntimeError: mat1 and mat2 shapes cannot be multiplied (32x2352 and 1000x10)") == (32, 2352, 1000, 10)
    assert tt.mismatch_sizes("RuntimeError: addmm: mat1 and mat2 shapes cannot be multiplied (32x2352 and 1000x10)") == (32, 2352, 1000, 10)
    with pytest.raises((TypeError, ValueError), match="message must be a 'mat1 and mat2 shapes cannot be multiplied' error message"):
        tt.mismatch_sizes("RuntimeError: something else")


# ----------------------------------------------------------------- PyTorch -> Keras
def test_torch_to_keras_kernel_reproduces_the_linear_layer():
    rng = np.random.default_rng(0)
    c, h, w, out = 3, 2, 4, 5
    weight = rng.normal(size=(out, c * h * w))
    image_chw = rng.normal(size=(c, h, w))
    kernel = tt.torch_to_keras_kernel(weight, (c, h, w))
    assert kernel.shape == (h * w * c, out)
    torch_out = weight @ image_chw.reshape(-1)
    keras_out = image_chw.transpose(1, 2, 0).reshape(-1) @ kernel
    np.testing.assert_allclose(keras_out, torch_out)


def test_torch_to_keras_kernel_known_small_case():
    weight = np.arange(12).reshape(1, 12)  # column j holds j; layout (3, 2, 2)
    kernel = tt.torch_to_keras_kernel(weight, (3, 2, 2))
    assert kernel[:, 0].tolist() == [0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11]


def test_torch_to_keras_kernel_rejects_bad_shapes():
    with pytest.raises((TypeError, ValueError), match=r"weight must have shape \(out, 12\) for chw=\(3, 2, 2\); got shape \(4, 10\)"):
        tt.torch_to_keras_kernel(np.zeros((4, 10)), (3, 2, 2))
    with pytest.raises((TypeError, ValueError), match=r"chw must be \(channels, height, width\); got \(3, 4\)"):
        tt.torch_to_keras_kernel(np.zeros((4, 12)), (3, 4))


# ----------------------------------------------------------------- figures
def test_plots_draw_and_return_nothing():
    assert plots.show_colour_digits(np.zeros((2, 3, 5, 5)), [1, 2]) is None
    assert plots.plot_shape_change(np.zeros((3, 5, 5))) is None
    assert plots.plot_flatten_orders(2, 2, 3) is None
    ax = plt.gcf().axes[0]
    assert ax.get_xlabel() == "position in the flat vector (index)"
    assert ax.get_title() == "PyTorch nn.Flatten on (C, H, W)"


def test_plot_helpers_reject_bad_input():
    with pytest.raises((TypeError, ValueError), match=r"images must have shape \(n, 3, height, width\); got shape \(2, 5, 5\)"):
        plots.show_colour_digits(np.zeros((2, 5, 5)), [1, 2])
    with pytest.raises((TypeError, ValueError), match=r"image_chw must have shape \(3, height, width\); got shape \(1, 5, 5\)"):
        plots.plot_shape_change(np.zeros((1, 5, 5)))
    with pytest.raises((TypeError, ValueError), match="channels must be at most 3; got 4"):
        plots.plot_flatten_orders(4, 2, 2)
    with pytest.raises((TypeError, ValueError), match="width must be a positive whole number; got 0"):
        plots.plot_flatten_orders(3, 2, 0)
