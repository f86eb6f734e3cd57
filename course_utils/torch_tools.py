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

from .checks import positive_int as _positive_int


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
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0:
        raise ValueError(f"seed must be a non-negative whole number; got {seed!r}")
    return int(seed)


def setup_torch(seed=SEED, threads=1):
    """Seed PyTorch, turn on its deterministic algorithms and fix the CPU thread count.

    One thread (the default) gives the same bits on every run and keeps two
    notebooks running side by side from fighting over cores.  Prints one line
    with the version (without a build suffix such as ``+cpu``).
    """
    seed = _seed(seed)
    threads = _positive_int("threads", threads)
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
    try:
        images = np.asarray(images, dtype=np.float32)
    except (TypeError, ValueError):
        raise TypeError(f"images must be a numeric array of shape (n, height, width); got {type(images).__name__}") from None
    if images.ndim != 3:
        raise ValueError(f"images must have shape (n, height, width); got shape {images.shape}")
    rng = np.random.default_rng(_seed(seed))
    ink = rng.uniform(0.3, 1.0, size=(len(images), 3, 1, 1)).astype(np.float32)
    return torch.from_numpy(images[:, None, :, :] * ink)


def flatten_mlp(in_shape=(3, 28, 28), hidden=64, n_classes=10, flatten=None, seed=SEED):
    """Flatten -> Linear(prod(in_shape), hidden) -> ReLU -> Linear(hidden, n_classes).

    Input: a batch (N, *in_shape); output: (N, n_classes) logits.  ``flatten``
    replaces ``nn.Flatten()`` (to study a faulty one).  The weights are drawn
    after ``torch.manual_seed(seed)``, so equal arguments give equal models.
    """
    if not isinstance(in_shape, (tuple, list)) or not in_shape:
        raise TypeError(f"in_shape must be a non-empty tuple such as (3, 28, 28); got {in_shape!r}")
    in_shape = tuple(_positive_int("in_shape entries", d) for d in in_shape)
    hidden = _positive_int("hidden", hidden)
    n_classes = _positive_int("n_classes", n_classes)
    torch.manual_seed(_seed(seed))
    return nn.Sequential(
        flatten if flatten is not None else nn.Flatten(),
        nn.Linear(math.prod(in_shape), hidden),
        nn.ReLU(),
        nn.Linear(hidden, n_classes),
    )


def count_parameters(module):
    """Number of trainable values in a module (0 for ``nn.Flatten``)."""
    return sum(p.numel() for p in module.parameters() if p.requires_grad)


def _check_xy(x, y):
    if not isinstance(x, torch.Tensor) or not isinstance(y, torch.Tensor):
        raise TypeError(f"x and y must be torch tensors; got {type(x).__name__} and {type(y).__name__}")
    if x.ndim == 0 or y.ndim != 1 or len(x) != len(y):
        raise ValueError(f"y must be 1-D with one label per row of x; got x of shape {tuple(x.shape)} and y of shape {tuple(y.shape)}")


def fit_quietly(model, x, y, *, epochs, batch_size=32, lr=1e-3, seed=SEED, log=True):
    """Train with Adam and cross-entropy on shuffled mini-batches; one rounded line per epoch.

    ``x`` (N, ...) float tensor, ``y`` (N,) integer labels.  The shuffling
    uses its own generator seeded with ``seed``.  Returns a dict of lists,
    ``loss`` (mean training loss) and ``accuracy`` (on the batches seen), one
    value per epoch.
    """
    _check_xy(x, y)
    epochs = _positive_int("epochs", epochs)
    batch_size = _positive_int("batch_size", batch_size)
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
    if not isinstance(x, torch.Tensor):
        raise TypeError(f"x must be a torch tensor; got {type(x).__name__}")
    if x.ndim == 0 or len(x) == 0:
        raise ValueError(f"x must hold at least one example (a batch (N, ...)); got shape {tuple(x.shape)}")
    step = len(x) if batch_size is None else _positive_int("batch_size", batch_size)
    model.eval()
    with torch.no_grad():
        labels = torch.cat([model(x[i:i + step]).argmax(1) for i in range(0, len(x), step)])
    model.train()
    return labels


def accuracy_of(model, x, y, batch_size=None):
    """Fraction of rows of ``x`` whose predicted class equals ``y``."""
    _check_xy(x, y)
    return int((predict_labels(model, x, batch_size) == y).sum()) / len(y)


def trace_shapes(model, x):
    """Run one batch through ``model`` and print each top-level layer's output shape.

    Returns the list of ``(layer name, output shape)``.
    """
    if not isinstance(x, torch.Tensor):
        raise TypeError(f"x must be a torch tensor; got {type(x).__name__}")
    rows = []
    hooks = [
        layer.register_forward_hook(lambda mod, inp, out, name=name: rows.append((name, tuple(out.shape))))
        for name, layer in model.named_children()
    ]
    try:
        with torch.no_grad():
            model(x)
    finally:
        for hook in hooks:
            hook.remove()
    print(f"{'input':<24} {tuple(x.shape)}")
    for name, shape in rows:
        layer = type(getattr(model, name)).__name__
        print(f"{name + ' ' + layer:<24} {shape}")
    return rows


def caught_error(function, *args, **kwargs):
    """Call ``function`` and return the error it raises as ``"Type: message"``.

    Lets a chapter show a real error message without a traceback.  Raises
    ``AssertionError`` when the call succeeds, since the chapter promised an error.
    """
    try:
        function(*args, **kwargs)
    except Exception as error:  # noqa: BLE001 - any error is what we want to show
        return f"{type(error).__name__}: {error}"
    raise AssertionError(f"{getattr(function, '__name__', 'the call')} raised no error")


def mismatch_sizes(message):
    """Read ``(rows1, cols1, rows2, cols2)`` from PyTorch's "mat1 and mat2 shapes" error."""
    found = re.search(r"\((\d+)x(\d+) and (\d+)x(\d+)\)", str(message))
    if not found:
        raise ValueError(f"not a 'mat1 and mat2 shapes cannot be multiplied' message: {message!r}")
    return tuple(int(n) for n in found.groups())


def torch_to_keras_kernel(weight, chw):
    """Turn a PyTorch Linear weight that follows a channels-first Flatten into a Keras Dense kernel.

    ``weight``: (out, C*H*W) array, its columns in PyTorch's (C, H, W) order.
    ``chw``: the image shape (C, H, W).  Returns an (H*W*C, out) array whose
    rows follow Keras' channels-last (H, W, C) order, ready for
    ``Dense.set_weights([kernel, bias])``.
    """
    weight = np.asarray(weight)
    if not isinstance(chw, (tuple, list)):
        raise TypeError(f"chw must be a tuple (channels, height, width); got {chw!r}")
    chw = tuple(_positive_int("chw entries", d) for d in chw)
    if len(chw) != 3:
        raise ValueError(f"chw must be (channels, height, width); got {chw}")
    if weight.ndim != 2 or weight.shape[1] != math.prod(chw):
        raise ValueError(f"weight must have shape (out, {math.prod(chw)}) for chw={chw}; got shape {weight.shape}")
    c, h, w = chw
    return weight.reshape(-1, c, h, w).transpose(0, 2, 3, 1).reshape(len(weight), -1).T.copy()
