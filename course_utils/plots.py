"""Every figure of the course.  Each helper draws, titles and labels its axes, and shows.

Images and digits (``show_digit``, ``show_digits``, ``show_grid``,
``show_vector``), training curves (``plot_history``), evaluation
(``plot_confusion_matrix``, ``plot_threshold_sweep``), what a Conv2D layer
learned (``plot_filters``, ``plot_feature_maps``: these two take a Keras
model) and channels-first colour images and flatten orders
(``show_colour_digits``, ``plot_shape_change``, ``plot_flatten_orders``:
NumPy arrays, so the same figures serve PyTorch tensors after ``.numpy()``).

Every helper returns nothing, so a notebook cell ends with the figure and no
``<matplotlib...at 0x...>`` repr (which would differ between runs).
"""

import matplotlib.pyplot as plt
import numpy as np

from . import checks as _check

MAX_PANELS = 200  # images or cells in one figure


def _axes(ax):
    if ax is not None and not isinstance(ax, plt.Axes):
        raise TypeError(f"ax must be a Matplotlib Axes (or None for a new figure); got {_check.brief(ax)}")
    return ax


def _many(name, n):
    if n > MAX_PANELS:
        raise ValueError(f"{name} has {n:,} entries, too many for one figure (at most {MAX_PANELS}); pass a slice such as {name}[:{min(n, 50)}]")


def _image(name, image):
    image = _check.array(name, image)
    if image.ndim == 3 and image.shape[-1] == 1:
        image = image[..., 0]
    if image.ndim != 2:
        raise ValueError(f"{name} must be one 2-D image (height, width); got shape {image.shape}")
    return image


def show_digit(image, title="", ax=None):
    """Draw one grayscale image of shape (H, W) or (H, W, 1), values 0-1 or 0-255."""
    image = _image("image", image)
    _check.text("title", title)
    own = _axes(ax) is None
    if own:
        _, ax = plt.subplots(figsize=(2.6, 2.6))
    ax.imshow(image, cmap="gray_r")
    ax.set_title(title)
    ax.set_xlabel("column (pixel)")
    ax.set_ylabel("row (pixel)")
    if own:
        plt.show()


def show_digits(images, labels, ncols=10, title=""):
    """Draw a row-wise grid of images (n, H, W) with their labels (n,)."""
    images = _check.array("images", images, ndim=3, shape="(n, height, width)")
    labels = _check.array("labels", labels, ndim=1)
    _check.same_length(images=images, labels=labels)
    _many("images", len(images))
    ncols = _check.positive_int("ncols", ncols, high=50)
    _check.text("title", title)
    nrows = int(np.ceil(len(images) / ncols))
    fig, axes = plt.subplots(nrows, ncols, figsize=(1.1 * ncols, 1.25 * nrows), squeeze=False)
    for ax in axes.flat:
        ax.axis("off")
    for ax, image, label in zip(axes.flat, images, labels):
        ax.imshow(image, cmap="gray_r")
        ax.set_title(str(label))  # not "small": a row of ten is shrunk to fit the book's column
    if title:
        fig.suptitle(title)
    fig.tight_layout()
    plt.show()


def show_grid(grid, title="", ax=None, fmt="{:g}"):
    """Draw a small 2-D array as a table of coloured cells with its values written in."""
    grid = _image("grid", grid)
    _many("grid", grid.size)
    _check.text("title", title)
    _check.text("fmt", fmt)
    try:
        fmt.format(1.5)
    except (IndexError, KeyError, ValueError):
        raise ValueError(f"fmt must be a format string with one {{}} field, such as '{{:g}}' or '{{:.2f}}'; got {_check.brief(fmt)}") from None
    own = _axes(ax) is None
    if own:
        _, ax = plt.subplots(figsize=(0.6 * grid.shape[1] + 1, 0.6 * grid.shape[0] + 0.8))
    ax.imshow(grid, cmap="Blues", vmin=grid.min() - (np.ptp(grid) or 1) * 0.3, vmax=grid.max())
    for (r, c), v in np.ndenumerate(grid):
        ax.text(c, r, fmt.format(v), ha="center", va="center", fontsize="medium")
    ax.set_xticks(range(grid.shape[1]))
    ax.set_yticks(range(grid.shape[0]))
    ax.set_title(title)
    if own:
        plt.show()


def show_vector(vector, title="", ax=None, xlabel="position in the vector", ylabel="value"):
    """Draw a 1-D vector as a bar (or, when long, line) chart of value against position."""
    vector = _check.array("vector", vector).ravel()
    for name, value in (("title", title), ("xlabel", xlabel), ("ylabel", ylabel)):
        _check.text(name, value)
    own = _axes(ax) is None
    if own:
        _, ax = plt.subplots(figsize=(8, 2.2))
    if vector.size <= 40:
        ax.bar(range(vector.size), vector, color="tab:blue")
        ax.set_xticks(range(vector.size))
    else:
        ax.plot(vector, color="tab:blue", linewidth=0.9)
        ax.set_xlim(0, vector.size - 1)
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    if own:
        plt.tight_layout()
        plt.show()


def plot_history(history, metrics=("loss", "accuracy"), title=""):
    """Plot training (and validation, when present) curves per epoch.

    ``history`` is a dict of lists as returned by ``fit_quietly`` (a Keras
    ``History`` object is accepted too); ``metrics`` a name or a tuple of names.
    """
    history = _check.training_history("history", history)
    if isinstance(metrics, str):
        metrics = (metrics,)
    if not isinstance(metrics, (tuple, list)) or not metrics or not all(isinstance(m, str) for m in metrics) or len(metrics) > 6:
        raise TypeError(f"metrics must be a name such as 'loss' or a tuple of up to 6 names; got {_check.brief(metrics)}")
    _check.text("title", title)
    missing = [m for m in metrics if m not in history]
    if missing:
        raise ValueError(f"history has no {_check.brief(missing)}; it has {_check.brief(sorted(history))}")
    fig, axes = plt.subplots(1, len(metrics), figsize=(4.2 * len(metrics), 3), squeeze=False)
    for ax, metric in zip(axes.flat, metrics):
        epochs = np.arange(1, len(history[metric]) + 1)
        ax.plot(epochs, history[metric], marker="o", label=f"training {metric}")
        if f"val_{metric}" in history:
            ax.plot(epochs, history[f"val_{metric}"], marker="s", linestyle="--", label=f"validation {metric}")
        ax.set_xlabel("epoch")
        ax.set_ylabel(metric)
        ax.set_xticks(epochs if len(epochs) <= 12 else epochs[:: max(1, len(epochs) // 10)])
        ax.legend()
    if title:
        fig.suptitle(title)
    fig.tight_layout()
    plt.show()


def plot_confusion_matrix(matrix, labels, title="", xlabel="predicted label", ylabel="true label"):
    """Draw a confusion matrix (rows: true class, columns: predicted) with counts written in.

    ``matrix`` is a square array of non-negative counts, ``labels`` one name per row.
    """
    matrix = _check.array("matrix", matrix, ndim=2)
    if not isinstance(labels, (list, tuple, np.ndarray, range)):
        raise TypeError(f"labels must be a list of class names, one per row of matrix; got {_check.brief(labels)}")
    if matrix.shape[0] != matrix.shape[1] or matrix.shape[0] != len(labels):
        raise ValueError(f"matrix must be square with one label per row; got shape {matrix.shape} and {len(labels)} labels")
    _many("matrix", matrix.size)
    if (matrix < 0).any():
        raise ValueError("matrix holds a negative count; a confusion matrix counts samples")
    for name, value in (("title", title), ("xlabel", xlabel), ("ylabel", ylabel)):
        _check.text(name, value)
    size = 1.2 + 0.45 * len(labels) if len(labels) > 3 else 3.6
    fig, ax = plt.subplots(figsize=(size + 0.8, size))
    image = ax.imshow(matrix, cmap="Blues")
    threshold = matrix.max() / 2
    for (r, c), v in np.ndenumerate(matrix):
        ax.text(c, r, f"{v:g}", ha="center", va="center", color="white" if v > threshold else "black")
    ax.set_xticks(range(len(labels)), labels)
    ax.set_yticks(range(len(labels)), labels)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.set_title(title)
    fig.colorbar(image, ax=ax, label="number of samples")
    fig.tight_layout()
    plt.show()


def plot_threshold_sweep(sweep, marks=(), title=""):
    """Plot precision and recall against the decision threshold, and precision against recall.

    ``sweep`` is the dict from ``course_utils.metrics.threshold_sweep``;
    ``marks`` is a sequence of ``(label, threshold)`` to highlight chosen thresholds.
    """
    from .metrics import _sweep_arrays

    t, p, r = _sweep_arrays(sweep)
    if not isinstance(marks, (list, tuple)) or not all(
        isinstance(m, (list, tuple)) and len(m) == 2 and isinstance(m[0], str) for m in marks
    ):
        raise TypeError(f"marks must be a list of (label, threshold) pairs; got {_check.brief(marks)}")
    marks = [(label, _check.real_number("each mark's threshold", value)) for label, value in marks]
    _check.text("title", title)
    fig, (left, right) = plt.subplots(1, 2, figsize=(9, 3.3))
    left.plot(t, p, label="precision")
    left.plot(t, r, label="recall", linestyle="--")
    left.set_xlabel("decision threshold (predicted probability)")
    left.set_ylabel("score")
    right.plot(r, p, color="tab:purple")
    right.set_xlabel("recall")
    right.set_ylabel("precision")
    right.set_title("precision-recall curve")
    for label, threshold in marks:
        i = int(np.argmin(np.abs(t - threshold)))
        left.axvline(t[i], color="gray", linewidth=0.8)
        right.plot(r[i], p[i], "o", label=f"{label} (threshold {t[i]:.2f})")
    left.legend()
    if marks:
        right.legend(fontsize="small")
    if title:
        fig.suptitle(title)
    fig.tight_layout()
    plt.show()


def _grid(n, ncols):
    nrows = int(np.ceil(n / ncols))
    fig, axes = plt.subplots(nrows, ncols, figsize=(1.25 * ncols + 0.9, 1.35 * nrows + 0.5), squeeze=False)
    for ax in axes.flat:
        ax.set_xticks([])
        ax.set_yticks([])
        ax.set_visible(False)
    return fig, axes


def plot_filters(model, layer="conv1", title="", ncols=8):
    """Draw every 3x3 (k x k) kernel of a Conv2D layer as a small image (input channel 0).

    Red weights brighten the feature map where the image has ink, blue ones
    darken it; one colour scale for all kernels, with a colour bar.
    """
    from .tracing import _conv_layer  # imported here: plots itself needs no Keras

    conv = _conv_layer(_check.keras_model("model", model), layer)
    ncols = _check.positive_int("ncols", ncols, high=64)
    _check.text("title", title)
    kernels = np.asarray(conv.kernel)[:, :, 0, :]  # (k, k, filters)
    limit = float(np.abs(kernels).max()) or 1.0
    fig, axes = _grid(kernels.shape[-1], ncols)
    for i, ax in enumerate(axes.flat[: kernels.shape[-1]]):
        ax.set_visible(True)
        image = ax.imshow(kernels[:, :, i], cmap="RdBu_r", vmin=-limit, vmax=limit)
        ax.set_title(f"filter {i}", fontsize="small")
    for ax in axes[-1]:
        ax.set_xlabel("column (pixel)", fontsize="small")
    for ax in axes[:, 0]:
        ax.set_ylabel("row (pixel)", fontsize="small")
    fig.colorbar(image, ax=axes, label="weight", shrink=0.8)
    fig.suptitle(title or f"The {kernels.shape[-1]} learned {kernels.shape[0]}x{kernels.shape[1]} filters of {layer}")
    plt.show()


def plot_feature_maps(model, image, layer="conv1", title="", ncols=8):
    """Draw the input image and the feature map each filter of ``layer`` makes from it."""
    from .tracing import feature_maps  # imported here: plots itself needs no Keras

    ncols = _check.positive_int("ncols", ncols, high=64)
    _check.text("title", title)
    maps = feature_maps(model, image, layer)
    image = _image("image", image)
    fig, axes = _grid(maps.shape[-1] + 1, ncols + 1)
    first = axes.flat[0]
    first.set_visible(True)
    first.imshow(np.asarray(image), cmap="gray_r")
    first.set_title("input", fontsize="small")
    for i in range(maps.shape[-1]):
        ax = axes.flat[i + 1]
        ax.set_visible(True)
        ax.imshow(maps[:, :, i], cmap="magma")
        ax.set_title(f"filter {i}", fontsize="small")
    for ax in axes[:, 0]:
        ax.set_ylabel("row (pixel)", fontsize="small")
    for ax in axes[-1]:
        ax.set_xlabel("column (pixel)", fontsize="small")
    fig.suptitle(title or f"Feature maps of {layer} ({maps.shape[0]}x{maps.shape[1]} pixels each; bright = strong response)")
    plt.show()


_CHANNEL_COLOURS = ("tab:red", "tab:green", "tab:blue")


def show_colour_digits(images, labels, title="Colour digits"):
    """Draw a row of channels-first colour images (n, 3, H, W), values 0-1, with their labels."""
    images = _check.array("images", images, ndim=4, shape="(n, 3, height, width)").astype(float)
    labels = _check.array("labels", labels, ndim=1)
    if images.shape[1] != 3:
        raise ValueError(f"images must be (n, 3, height, width), channels first; got shape {images.shape}")
    _check.same_length(images=images, labels=labels)
    _many("images", len(images))
    _check.text("title", title)
    fig, axes = plt.subplots(1, len(images), figsize=(1.15 * len(images), 1.6), squeeze=False)
    for ax, image, label in zip(axes.flat, images, labels):
        ax.imshow(np.clip(image.transpose(1, 2, 0), 0, 1))
        ax.set_title(f"label {int(label)}")  # not "small": a row of ten is shrunk to fit the book's column
        ax.set_xticks([])
        ax.set_yticks([])
    fig.suptitle(title)
    fig.supxlabel(f"each image: {images.shape[2]}×{images.shape[3]} pixels, shown as RGB")
    fig.tight_layout()
    plt.show()


def plot_shape_change(image_chw, title="One colour digit before and after Flatten"):
    """Draw a (3, H, W) image as its three channels and, below, as the flat vector Flatten makes."""
    image = _check.array("image_chw", image_chw, ndim=3, shape="(3, height, width)").astype(float)
    _check.text("title", title)
    if image.shape[0] != 3:
        raise ValueError(f"image_chw must have shape (3, height, width); got shape {image.shape}")
    size = image[0].size
    fig = plt.figure(figsize=(9, 4.6))
    grid = fig.add_gridspec(2, 3, height_ratios=[1.5, 1])
    for c, name in enumerate(("red", "green", "blue")):
        ax = fig.add_subplot(grid[0, c])
        ax.imshow(image[c], cmap="gray_r", vmin=0, vmax=1)
        ax.set_title(f"channel {c} ({name}): {image.shape[1]}×{image.shape[2]}")
        ax.set_xlabel("column (pixel)")
        ax.set_ylabel("row (pixel)")
    ax = fig.add_subplot(grid[1, :])
    flat = image.reshape(-1)
    for c in range(3):
        span = np.arange(c * size, (c + 1) * size)
        ax.plot(span, flat[span], color=_CHANNEL_COLOURS[c], linewidth=0.7, label=f"channel {c}: positions {c * size}-{(c + 1) * size - 1}")
    ax.set_xlim(0, flat.size - 1)
    ax.set_xlabel(f"position in the flattened vector (0 to {flat.size - 1})")
    ax.set_ylabel("pixel value (0-1)")
    ax.legend(loc="upper right", fontsize="small")
    fig.suptitle(title)
    fig.tight_layout()
    plt.show()


def plot_flatten_orders(channels=3, height=2, width=2, title="The same image flattened in two orders"):
    """Draw which (channel, row, column) each position holds after a channels-first and a channels-last flatten."""
    channels, height, width = (_check.positive_int(n, v, high=64) for n, v in (("channels", channels), ("height", height), ("width", width)))
    _check.text("title", title)
    if channels * height * width > 64:
        raise ValueError(f"channels * height * width must be at most 64 cells to draw; got {channels * height * width}")
    if channels > len(_CHANNEL_COLOURS):
        raise ValueError(f"channels must be at most {len(_CHANNEL_COLOURS)}; got {channels}")
    c, r, k = np.meshgrid(np.arange(channels), np.arange(height), np.arange(width), indexing="ij")
    orders = {
        "PyTorch nn.Flatten on (C, H, W)": (c.ravel(), r.ravel(), k.ravel()),
        "Keras Flatten on (H, W, C)": tuple(a.transpose(1, 2, 0).ravel() for a in (c, r, k)),
    }
    n = channels * height * width
    fig, axes = plt.subplots(2, 1, figsize=(max(6, 0.62 * n), 2.9))
    for ax, (label, (cc, rr, kk)) in zip(axes, orders.items()):
        for pos in range(n):
            ax.add_patch(plt.Rectangle((pos, 0), 0.95, 1, color=_CHANNEL_COLOURS[cc[pos]], alpha=0.35))
            ax.text(pos + 0.47, 0.5, f"c{cc[pos]}\n{rr[pos]},{kk[pos]}", ha="center", va="center", fontsize="small")
        ax.set_xlim(0, n)
        ax.set_ylim(0, 1)
        ax.set_yticks([])
        ax.set_xticks(np.arange(n) + 0.47, range(n), fontsize="small")
        ax.set_title(label, fontsize="medium")
        ax.set_xlabel("position in the flat vector (index)")
    fig.suptitle(title + " (cell text: channel, then row,column)")
    fig.tight_layout()
    plt.show()
