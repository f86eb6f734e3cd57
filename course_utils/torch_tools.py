"""PyTorch helpers: set-up, data, models, quiet training and evaluation.

This is the only module of the course that imports PyTorch, and
``course_utils/__init__.py`` does not import it, so the Keras chapters never
load torch.  Its figures live in ``course_utils.plots`` (they take NumPy arrays).
Tensors follow PyTorch's channels-first layout (N, C, H, W).

    >>> setup_torch()
    PyTorch 2.13.0; seed 0; deterministic algorithms on; 1 CPU thread
    >>> x = coloured_digits(np.zeros((2, 28, 28), dtype=np.float32))
    >>> x.shape
    torch.Size([2, 3, 28, 28])
"""

import importlib.util
import math
import re
import sys

import numpy as np
import torch
from torch import nn

from . import checks as _check


# ----------------------------------------------------------------- TensorFlow and triton
# PyPI's CUDA build of torch on Linux brings triton, and triton's LLVM clashes with the LLVM
# inside TensorFlow: loading triton once TensorFlow is loaded kills the process (a segfault, or
# "LLVM ERROR: inconsistency in registered CommandLine options"). torch loads triton lazily,
# through torch._dynamo, on the first use_deterministic_algorithms() or optimizer. So once
# TensorFlow is (or gets) loaded while triton is not, triton is marked absent: torch then runs
# as its CPU build always does. The course never needs triton (it compiles GPU kernels for
# torch.compile). Triton loaded before TensorFlow is safe, and is left alone.
def _block_triton():
    if "triton" not in sys.modules and importlib.util.find_spec("triton") is not None:
        sys.modules["triton"] = None  # `import triton` now fails with ImportError; find_spec gives None


class _TritonBeforeTensorFlow:
    """Import hook: when TensorFlow is about to load and triton is not loaded, block triton."""

    def find_spec(self, name, path=None, target=None):
        if name == "tensorflow" and "tensorflow" not in sys.modules:
            _block_triton()
        return None  # never loads anything itself


def _keep_triton_from_tensorflow():
    """Make torch and TensorFlow safe in one process, whichever is imported first (runs on import)."""
    if "tensorflow" in sys.modules:
        _block_triton()
    elif not any(type(f).__name__ == _TritonBeforeTensorFlow.__name__ for f in sys.meta_path):
        sys.meta_path.insert(0, _TritonBeforeTensorFlow())


_keep_triton_from_tensorflow()

SEED = 0


def _seed(seed):
    return _check.seed("seed", seed)


def _positive_int(name, value, high=_check.MAX_ELEMENTS):
    return _check.positive_int(name, value, high=high)


def _module(name, model):
    if not isinstance(model, nn.Module):
        hint = ": for a Keras model use model.count_params()" if hasattr(model, "count_params") else ""
        raise TypeError(f"{name} must be a PyTorch nn.Module{hint}; got {_check.brief(model)}")
    return model


def _tensor(name, x, *, dtype=torch.float32):
    """``x`` as a tensor of ``dtype``: a tensor, or a NumPy array or list that converts without loss of meaning."""
    if isinstance(x, torch.Tensor):
        if x.is_complex() or x.dtype == torch.bool:
            raise TypeError(f"{name} must hold real numbers; got a tensor of dtype {x.dtype}")
        if x.ndim == 0 or len(x) == 0:
            raise ValueError(f"{name} must be a non-empty batch (N, ...); got shape {tuple(x.shape)}")
        if x.is_floating_point() and not torch.isfinite(x).all():
            raise ValueError(f"{name} holds NaN or infinite values; every value must be a finite number")
        return x.to(dtype) if x.dtype != dtype else x
    kind = "integer" if dtype == torch.int64 else "number"
    x = torch.from_numpy(np.ascontiguousarray(_check.array(name, x, min_ndim=1, kind=kind))).to(dtype)
    return _tensor(name, x, dtype=dtype)  # the tensor checks: non-empty, finite


def _classes(model):
    """The number of classes a model outputs: out_features of its last nn.Linear (None if unknown)."""
    linears = [m for m in model.modules() if isinstance(m, nn.Linear)]
    return linears[-1].out_features if linears else None


def _fits(model, x, name="x"):
    """Run one row through ``model`` (RNG state and train/eval mode restored) to check that ``x`` fits it."""
    was_training = model.training
    model.eval()
    try:
        with torch.random.fork_rng(devices=[]), torch.no_grad():
            out = model(x[:1])
    except (RuntimeError, IndexError, ValueError) as error:
        raise ValueError(f"{name} rows of shape {tuple(x.shape[1:])} do not fit the model: {_check.shorten(str(error).splitlines()[0], 200)}") from None
    finally:
        model.train(was_training)
    if not isinstance(out, torch.Tensor) or out.ndim != 2 or len(out) != 1:
        raise ValueError(
            f"{name} rows of shape {tuple(x.shape[1:])} do not fit the model: it should return (N, classes) scores "
            f"and returns {tuple(getattr(out, 'shape', ()))} for one row; is the sample axis first?"
        )
    return out


def setup_torch(seed=SEED, threads=1):
    """Seed PyTorch, turn on its deterministic algorithms and fix the CPU thread count.

    One thread (the default) gives the same bits on every run and keeps two
    notebooks running side by side from fighting over cores.  Prints one line
    with the version (without a build suffix such as ``+cpu``).
    """
    seed = _seed(seed)
    threads = _positive_int("threads", threads, high=256)
    torch.manual_seed(seed)
    torch.use_deterministic_algorithms(True)
    torch.set_num_threads(threads)
    version = torch.__version__.split("+")[0]
    print(f"PyTorch {version}; seed {seed}; deterministic algorithms on; {threads} CPU thread{'s' * (threads > 1)}")


def coloured_digits(images, seed=SEED):
    """Turn grayscale digits (n, H, W) into colour images (n, 3, H, W), channels first.

    Each digit is drawn in its own random ink colour (red, green and blue
    strengths between 0.3 and 1), so the three channels hold different values
    while the label stays readable.  Returns a float32 tensor; values of
    ``images`` are expected in [0, 1].
    """
    images = _check.array("images", images, ndim=3, shape="(n, height, width)").astype(np.float32)
    if images.min() < 0 or images.max() > 1:
        raise ValueError(
            f"images must hold values in [0, 1]; got values from {images.min():g} to {images.max():g}. "
            "Scale raw pixels first: images / 255, or load_digit_split(scaled=True)"
        )
    rng = np.random.default_rng(_seed(seed))
    ink = rng.uniform(0.3, 1.0, size=(len(images), 3, 1, 1)).astype(np.float32)
    return torch.from_numpy(images[:, None, :, :] * ink)


def flatten_mlp(in_shape=(3, 28, 28), hidden=64, n_classes=10, flatten=None, seed=SEED):
    """Flatten -> Linear(prod(in_shape), hidden) -> ReLU -> Linear(hidden, n_classes).

    Input: a batch (N, *in_shape); output: (N, n_classes) logits.  ``flatten``
    replaces ``nn.Flatten()`` (to study a faulty one).  The weights are drawn
    after ``torch.manual_seed(seed)``, so equal arguments give equal models.
    """
    in_shape = _check.shape_tuple("in_shape", in_shape)
    hidden = _positive_int("hidden", hidden)
    n_classes = _positive_int("n_classes", n_classes, high=100_000)
    if flatten is not None:
        _module("flatten", flatten)
    if math.prod(in_shape) * hidden > _check.MAX_ELEMENTS:
        raise ValueError(f"in_shape {in_shape} with hidden={hidden} makes {math.prod(in_shape) * hidden:,} weights, more than {_check.MAX_ELEMENTS:,}: use fewer")
    torch.manual_seed(_seed(seed))
    return nn.Sequential(
        flatten if flatten is not None else nn.Flatten(),
        nn.Linear(math.prod(in_shape), hidden),
        nn.ReLU(),
        nn.Linear(hidden, n_classes),
    )


def count_parameters(module):
    """Number of trainable values in a module (0 for ``nn.Flatten``)."""
    _module("module", module)
    return sum(p.numel() for p in module.parameters() if p.requires_grad)


def _check_xy(model, x, y):
    """The model, ``x`` as a float tensor that fits it and ``y`` as int64 labels of its classes."""
    _module("model", model)
    x = _tensor("x", x)
    y = _tensor("y", y, dtype=torch.int64)
    if y.ndim != 1 or len(x) != len(y):
        raise ValueError(f"y must be 1-D with one label per row of x; got x of shape {tuple(x.shape)} and y of shape {tuple(y.shape)}")
    out = _fits(model, x)
    n_classes = out.shape[-1] if out.ndim == 2 else _classes(model)
    if int(y.min()) < 0 or (n_classes is not None and int(y.max()) >= n_classes):
        raise ValueError(f"y must hold class labels from 0 to {n_classes - 1} (the model's outputs); got values from {int(y.min())} to {int(y.max())}")
    return x, y


def fit_quietly(model, x, y, *, epochs, batch_size=32, lr=1e-3, seed=SEED, log=True):
    """Train with Adam and cross-entropy on shuffled mini-batches; one rounded line per epoch.

    ``x`` (N, ...) float tensor, ``y`` (N,) integer labels.  The shuffling
    uses its own generator seeded with ``seed``.  Returns a dict of lists,
    ``loss`` (mean training loss) and ``accuracy`` (on the batches seen), one
    value per epoch.
    """
    x, y = _check_xy(model, x, y)
    epochs = _positive_int("epochs", epochs, high=10_000)
    batch_size = _positive_int("batch_size", batch_size)
    lr = _check.real_number("lr", lr, low=0, high=10, low_open=True)
    log = _check.flag("log", log)
    generator = torch.Generator().manual_seed(_seed(seed))
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    loss_fn = nn.CrossEntropyLoss()
    history = {"loss": [], "accuracy": []}
    model.train()
    for epoch in range(epochs):
        order = torch.randperm(len(x), generator=generator)
        total_loss, correct = 0.0, 0
        for start in range(0, len(x), batch_size):
            idx = order[start:start + batch_size]
            logits = model(x[idx])
            loss = loss_fn(logits, y[idx])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            total_loss += loss.item() * len(idx)
            correct += int((logits.argmax(1) == y[idx]).sum())
        history["loss"].append(total_loss / len(x))
        history["accuracy"].append(correct / len(x))
        if log:
            print(f"epoch {epoch + 1}: loss {history['loss'][-1]:.3f}, accuracy {history['accuracy'][-1]:.3f}")
    return history


def predict_labels(model, x, batch_size=None):
    """Predicted class of every row of ``x`` (a (N,) int64 tensor), in eval mode, without gradients.

    ``batch_size`` feeds ``x`` in chunks of that size (the default: all at once).
    """
    _module("model", model)
    x = _tensor("x", x)
    step = len(x) if batch_size is None else _positive_int("batch_size", batch_size)
    _fits(model, x)
    model.eval()
    with torch.no_grad():
        labels = torch.cat([model(x[i:i + step]).argmax(1) for i in range(0, len(x), step)])
    model.train()
    return labels


def accuracy_of(model, x, y, batch_size=None):
    """Fraction of rows of ``x`` whose predicted class equals ``y``."""
    x, y = _check_xy(model, x, y)
    return int((predict_labels(model, x, batch_size) == y).sum()) / len(y)


def trace_shapes(model, x):
    """Run one batch through ``model`` and print each top-level layer's output shape.

    Returns the list of ``(layer name, output shape)``.
    """
    _module("model", model)
    x = _tensor("x", x)
    if len(model._modules) > 40:
        raise ValueError(f"model has {len(model._modules)} top-level layers; trace_shapes prints at most 40")
    rows = []
    hooks = [
        layer.register_forward_hook(lambda mod, inp, out, name=name: rows.append((name, tuple(out.shape))))
        for name, layer in model.named_children()
    ]
    try:
        with torch.no_grad():
            model(x)
    except (RuntimeError, IndexError, ValueError) as error:
        raise ValueError(f"x of shape {tuple(x.shape)} does not fit the model: {_check.shorten(str(error).splitlines()[0], 200)}") from None
    finally:
        for hook in hooks:
            hook.remove()
    print(f"{'input':<24} {tuple(x.shape)}")
    for name, shape in rows:
        layer = type(getattr(model, name)).__name__
        print(f"{_check.shorten(name + ' ' + layer, 40):<24} {shape}")
    return rows


def caught_error(function, *args, **kwargs):
    """Call ``function`` and return the error it raises as ``"Type: message"``.

    Lets a chapter show a real error message without a traceback.  Raises
    ``AssertionError`` when the call succeeds, since the chapter promised an error.
    The message is cut at 300 characters.
    """
    if not callable(function):
        raise TypeError(f"function must be callable (a function or method); got {_check.brief(function)}")
    try:
        function(*args, **kwargs)
    except Exception as error:  # noqa: BLE001 - any error is what we want to show
        return _check.shorten(f"{type(error).__name__}: {error}", 300)
    raise AssertionError(f"{getattr(function, '__name__', 'the call')} raised no error")


def mismatch_sizes(message):
    """Read ``(rows1, cols1, rows2, cols2)`` from PyTorch's "mat1 and mat2 shapes" error."""
    _check.text("message", message)
    found = re.search(r"\((\d+)x(\d+) and (\d+)x(\d+)\)", message)
    if not found:
        raise ValueError(f"message must be a 'mat1 and mat2 shapes cannot be multiplied' error message; got {_check.brief(message)}")
    return tuple(int(n) for n in found.groups())


def torch_to_keras_kernel(weight, chw):
    """Turn a PyTorch Linear weight that follows a channels-first Flatten into a Keras Dense kernel.

    ``weight``: (out, C*H*W) array, its columns in PyTorch's (C, H, W) order.
    ``chw``: the image shape (C, H, W).  Returns an (H*W*C, out) array whose
    rows follow Keras' channels-last (H, W, C) order, ready for
    ``Dense.set_weights([kernel, bias])``.
    """
    weight = _check.array("weight", weight, ndim=2)
    chw = _check.shape_tuple("chw", chw, length=3, shape="(channels, height, width)")
    if weight.ndim != 2 or weight.shape[1] != math.prod(chw):
        raise ValueError(f"weight must have shape (out, {math.prod(chw)}) for chw={chw}; got shape {weight.shape}")
    c, h, w = chw
    return weight.reshape(-1, c, h, w).transpose(0, 2, 3, 1).reshape(len(weight), -1).T.copy()
