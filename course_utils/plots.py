"""Figures the chapters share.  Each draws, titles and labels its axes, and shows.

Every helper returns nothing, so a notebook cell ends with the figure and no
``<matplotlib...at 0x...>`` repr (which would differ between runs).
"""

import matplotlib.pyplot as plt
import numpy as np


def _image(name, image):
    image = np.asarray(image)
    if image.ndim == 3 and image.shape[-1] == 1:
        image = image[..., 0]
    if image.ndim != 2:
        raise ValueError(f"{name} must be one 2-D image (height, width); got shape {image.shape}")
    return image


def show_digit(image, title="", ax=None):
    """Draw one grayscale image of shape (H, W) or (H, W, 1), values 0-1 or 0-255."""
    image = _image("image", image)
    own = ax is None
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
    images = np.asarray(images)
    if images.ndim != 3 or len(images) != len(labels) or len(images) == 0:
        raise ValueError(f"images must be (n, H, W) with one label each; got {images.shape} and {len(labels)} labels")
    nrows = int(np.ceil(len(images) / ncols))
    fig, axes = plt.subplots(nrows, ncols, figsize=(1.1 * ncols, 1.25 * nrows), squeeze=False)
    for ax in axes.flat:
        ax.axis("off")
    for ax, image, label in zip(axes.flat, images, labels):
        ax.imshow(image, cmap="gray_r")
        ax.set_title(str(label), fontsize="small")
    if title:
        fig.suptitle(title)
    fig.tight_layout()
    plt.show()


def show_grid(grid, title="", ax=None, fmt="{:g}"):
    """Draw a small 2-D array as a table of coloured cells with its values written in."""
    grid = _image("grid", grid)
    own = ax is None
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
    vector = np.asarray(vector).ravel()
    if vector.size == 0:
        raise ValueError("vector is empty: nothing to draw")
    own = ax is None
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

    ``history`` is a dict of lists as returned by ``fit_quietly``.
    """
    missing = [m for m in metrics if m not in history]
    if missing:
        raise ValueError(f"history has no {missing}; it has {sorted(history)}")
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
    matrix = np.asarray(matrix)
    if matrix.ndim != 2 or matrix.shape[0] != matrix.shape[1] or matrix.shape[0] != len(labels):
        raise ValueError(f"matrix must be square with one label per row; got shape {matrix.shape} and {len(labels)} labels")
    if (matrix < 0).any():
        raise ValueError("matrix holds a negative count")
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
    t, p, r = sweep["threshold"], sweep["precision"], sweep["recall"]
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
