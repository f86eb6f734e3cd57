"""Convolutional models, what their filters see, and data for the rare-class lessons.

The Conv2D metrics chapter trains two small Keras models on the course's digits:

    >>> model = conv_classifier()          # Conv2D -> pool -> Conv2D -> pool -> Flatten -> Dense
    >>> model.count_params()
    12810
    >>> conv_detector().output_shape       # one probability: "is it the digit we look for?"
    (None, 1)

and looks inside them with ``plot_filters`` and ``plot_feature_maps``.  For
the metrics lessons it builds a data set where one digit is rare
(``rare_class_split``), near-copies of images that leak into a test set
(``shifted_copies``), and picks a decision threshold for a goal
(``choose_threshold``).  ``accuracy_of`` and ``scores_at`` score a trained
model or detector in one call.  Figure helpers return nothing.
"""

from typing import NamedTuple

import keras
import matplotlib.pyplot as plt
import numpy as np

from .checks import positive_int as _positive_int
from .data import DigitSplit
from .metrics import Scores, counts_from_labels, scores_from_counts


def _conv_stack(filters, kernel_size, input_shape):
    if not isinstance(filters, (tuple, list)) or len(filters) == 0:
        raise ValueError(f"filters must be a non-empty tuple of filter counts, one per Conv2D layer; got {filters!r}")
    filters = [_positive_int("each filter count", f) for f in filters]
    kernel_size = _positive_int("kernel_size", kernel_size)
    if not isinstance(input_shape, (tuple, list)) or len(input_shape) != 2:
        raise ValueError(f"input_shape must be (height, width) of grayscale images; got {input_shape!r}")
    input_shape = tuple(_positive_int("each input_shape entry", d) for d in input_shape)
    side = min(input_shape)
    for _ in filters:  # each valid convolution loses kernel_size - 1 pixels, each pooling halves
        side = (side - kernel_size + 1) // 2
    if side < 1:
        raise ValueError(
            f"input_shape {input_shape} is too small for {len(filters)} Conv2D layers with kernel_size "
            f"{kernel_size} and 2x2 pooling: the feature maps would shrink to nothing"
        )
    layers = [keras.Input(shape=input_shape), keras.layers.Reshape(input_shape + (1,), name="add_channel")]
    for i, n in enumerate(filters, start=1):
        layers.append(keras.layers.Conv2D(n, kernel_size, activation="relu", name=f"conv{i}"))
        layers.append(keras.layers.MaxPooling2D(2, name=f"pool{i}"))
    layers.append(keras.layers.Flatten(name="flatten"))
    return layers


def conv_classifier(filters=(16, 32), kernel_size=3, n_classes=10, dropout=0.25, learning_rate=2e-3, input_shape=(28, 28)):
    """Reshape -> [Conv2D(ReLU) -> MaxPooling2D(2)] per entry of ``filters`` -> Flatten -> Dropout -> Dense(softmax).

    Input: a batch of grayscale images (batch, height, width); a channel axis
    is added inside the model, so the same arrays feed a Flatten -> Dense model.
    Output: (batch, n_classes) class probabilities.  Convolutions use no
    padding ("valid").  Compiled with Adam(``learning_rate``), sparse
    categorical cross-entropy (integer labels) and accuracy.

    With the defaults the shapes are 28x28x1 -> 26x26x16 -> 13x13x16 ->
    11x11x32 -> 5x5x32 -> 800 -> 10, and the parameters
    (3*3*1*16 + 16) + (3*3*16*32 + 32) + (800*10 + 10) = 12,810.
    """
    n_classes = _positive_int("n_classes", n_classes)
    if isinstance(dropout, bool) or not isinstance(dropout, (int, float)) or not 0 <= dropout < 1:
        raise ValueError(f"dropout must be a fraction in [0, 1); got {dropout!r}")
    layers = _conv_stack(filters, kernel_size, input_shape)
    if dropout:
        layers.append(keras.layers.Dropout(dropout, name="dropout"))
    layers.append(keras.layers.Dense(n_classes, activation="softmax", name="output"))
    model = keras.Sequential(layers, name="conv_classifier")
    model.compile(
        optimizer=keras.optimizers.Adam(learning_rate=learning_rate),
        loss="sparse_categorical_crossentropy",
        metrics=["accuracy"],
    )
    return model


def conv_detector(filters=(8, 16), kernel_size=3, learning_rate=1e-3, input_shape=(28, 28)):
    """A binary Conv2D detector: the same convolution stack -> Flatten -> Dense(1, sigmoid).

    Input: (batch, height, width) images.  Output: (batch, 1), the probability
    that an image shows the positive class (label 1).  Compiled with Adam,
    binary cross-entropy and accuracy (at the threshold 0.5).  With the
    defaults: (3*3*1*8 + 8) + (3*3*8*16 + 16) + (400 + 1) = 1,649 parameters.
    """
    layers = _conv_stack(filters, kernel_size, input_shape)
    layers.append(keras.layers.Dense(1, activation="sigmoid", name="output"))
    model = keras.Sequential(layers, name="conv_detector")
    model.compile(
        optimizer=keras.optimizers.Adam(learning_rate=learning_rate),
        loss="binary_crossentropy",
        metrics=["accuracy"],
    )
    return model


def _conv_layer(model, layer):
    try:
        found = model.get_layer(layer)
    except ValueError:
        names = [lay.name for lay in model.layers if isinstance(lay, keras.layers.Conv2D)]
        raise ValueError(f"the model has no layer named {layer!r}; its Conv2D layers are {names}") from None
    if not isinstance(found, keras.layers.Conv2D):
        raise ValueError(f"layer {layer!r} is a {type(found).__name__}, not a Conv2D layer")
    return found


def feature_maps(model, image, layer="conv1"):
    """The output of Conv2D layer ``layer`` for one image: an array (height', width', filters).

    ``image`` has the model's input shape, (28, 28) for the course's digits.
    """
    conv = _conv_layer(model, layer)
    image = np.asarray(image, dtype="float32")
    expected = tuple(model.input_shape[1:])
    if image.shape != expected:
        raise ValueError(f"image must have the model's input shape {expected}; got {image.shape}")
    probe = keras.Model(inputs=model.inputs[0], outputs=conv.output)
    return np.asarray(probe(image[None], training=False))[0]


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
    conv = _conv_layer(model, layer)
    kernels = np.asarray(conv.kernel)[:, :, 0, :]  # (k, k, filters)
    limit = float(np.abs(kernels).max()) or 1.0
    fig, axes = _grid(kernels.shape[-1], ncols)
    for i, ax in enumerate(axes.flat[: kernels.shape[-1]]):
        ax.set_visible(True)
        image = ax.imshow(kernels[:, :, i], cmap="RdBu_r", vmin=-limit, vmax=limit)
        ax.set_title(f"filter {i}", fontsize="small")
    for ax in axes[-1]:
        ax.set_xlabel("column (pixel)", fontsize="x-small")
    for ax in axes[:, 0]:
        ax.set_ylabel("row (pixel)", fontsize="x-small")
    fig.colorbar(image, ax=axes, label="weight", shrink=0.8)
    fig.suptitle(title or f"The {kernels.shape[-1]} learned {kernels.shape[0]}x{kernels.shape[1]} filters of {layer}")
    plt.show()


def plot_feature_maps(model, image, layer="conv1", title="", ncols=8):
    """Draw the input image and the feature map each filter of ``layer`` makes from it."""
    maps = feature_maps(model, image, layer)
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
        ax.set_ylabel("row (pixel)", fontsize="x-small")
    for ax in axes[-1]:
        ax.set_xlabel("column (pixel)", fontsize="x-small")
    fig.suptitle(title or f"Feature maps of {layer} ({maps.shape[0]}x{maps.shape[1]} pixels each; bright = strong response)")
    plt.show()


def rare_class_split(split, digit, fraction=0.02, seed=0):
    """Binary data where ``digit`` (label 1) makes up ``fraction`` of each part.

    Every image of another digit is kept (label 0); of ``digit`` only
    ``round(fraction * n_other / (1 - fraction))`` are drawn at random, in
    the training part and the test part alike.  ``split`` is a
    ``DigitSplit``; returns a ``DigitSplit`` with 0/1 labels, shuffled with
    ``seed``.  On the course's split with the defaults: 3,600 + 73 training
    and 900 + 18 test images.
    """
    if isinstance(digit, bool) or not isinstance(digit, (int, np.integer)) or not 0 <= digit <= 9:
        raise ValueError(f"digit must be a whole number from 0 to 9; got {digit!r}")
    if isinstance(fraction, bool) or not isinstance(fraction, (int, float)) or not 0 < fraction < 0.5:
        raise ValueError(f"fraction must be between 0 and 0.5 (a rare class); got {fraction!r}")
    rng = np.random.default_rng(seed)
    parts = []
    for x, y in ((split.x_train, split.y_train), (split.x_test, split.y_test)):
        y = np.asarray(y)
        others, members = np.flatnonzero(y != digit), np.flatnonzero(y == digit)
        n_rare = int(round(fraction * len(others) / (1 - fraction)))
        if n_rare < 1 or n_rare > len(members):
            raise ValueError(f"cannot make digit {digit} {fraction:.1%} of the data: it needs {n_rare} images and {len(members)} exist")
        keep = rng.permutation(np.concatenate([others, rng.permutation(members)[:n_rare]]))
        parts += [x[keep], (y[keep] == digit).astype(np.int64)]
    return DigitSplit(*parts)


def shifted_copies(images, pixels=1):
    """Copies of ``images`` (n, height, width) moved ``pixels`` to the right, blank columns filled with 0.

    Such near-duplicates of training images, put in a test set, are one way data leaks.
    """
    images = np.asarray(images)
    if images.ndim != 3:
        raise ValueError(f"images must have shape (n, height, width); got {images.shape}")
    if isinstance(pixels, bool) or not isinstance(pixels, (int, np.integer)) or not 0 < pixels < images.shape[2]:
        raise ValueError(f"pixels must be a whole number from 1 to {images.shape[2] - 1}; got {pixels!r}")
    out = np.zeros_like(images)
    out[:, :, pixels:] = images[:, :, :-pixels]
    return out


class Choice(NamedTuple):
    """A decision threshold and the precision and recall it gives."""

    threshold: float
    precision: float
    recall: float


def choose_threshold(sweep, *, min_recall=None, min_precision=None):
    """Pick a threshold from a ``threshold_sweep`` result for one goal.

    ``min_recall``: the highest threshold whose recall is at least this (catch
    enough positives, with as few false alarms as possible).
    ``min_precision``: the lowest threshold whose precision is at least this
    (be sure enough, while catching as many as possible).  Give exactly one.
    Returns a ``Choice``; raises ``ValueError`` when no threshold reaches the goal.
    """
    if (min_recall is None) == (min_precision is None):
        raise ValueError("give exactly one goal: min_recall=... or min_precision=...")
    if not isinstance(sweep, dict):
        raise TypeError(f"sweep must be the dict from threshold_sweep; got {type(sweep).__name__}")
    if not {"threshold", "precision", "recall"} <= set(sweep):
        raise ValueError(f"sweep must be the dict from threshold_sweep (keys threshold, precision, recall); got keys {sorted(map(str, sweep))}")
    t, p, r = (np.asarray(sweep[k], dtype=float) for k in ("threshold", "precision", "recall"))
    if t.ndim != 1 or t.size == 0 or p.shape != t.shape or r.shape != t.shape:
        raise ValueError(f"sweep must hold non-empty 1-D threshold, precision and recall of one length; got shapes {t.shape}, {p.shape}, {r.shape}")
    metric, goal = ("recall", min_recall) if min_recall is not None else ("precision", min_precision)
    if isinstance(goal, bool) or not isinstance(goal, (int, float)) or not 0 <= goal <= 1:
        raise ValueError(f"min_{metric} must be a fraction between 0 and 1; got {goal!r}")
    ok = np.flatnonzero((r if metric == "recall" else p) >= goal)
    if ok.size == 0:
        best = (r if metric == "recall" else p).max()
        raise ValueError(f"no threshold reaches {metric} {goal}; the best in the sweep is {best:.3f}")
    i = ok[-1] if metric == "recall" else ok[0]
    return Choice(float(t[i]), float(p[i]), float(r[i]))


def accuracy_of(model, x, y):
    """Fraction of ``x`` a model labels correctly: arg-max of a softmax output, or
    probability >= 0.5 for a one-unit (sigmoid) output.  ``y``: (n,) integer labels."""
    y = np.asarray(y)
    if len(x) != len(y) or y.ndim != 1 or len(y) == 0:
        raise ValueError(f"x and y must have the same, non-zero number of rows and y must be 1-D; got {len(x)} images and labels of shape {y.shape}")
    # A direct call, not model.predict: predict traces a new graph for every new
    # model, and TensorFlow logs a "retracing" warning after a few of them.
    probs = np.concatenate([np.asarray(model(x[i : i + 1000], training=False)) for i in range(0, len(x), 1000)])
    pred = (probs[:, 0] >= 0.5).astype(np.int64) if probs.shape[-1] == 1 else probs.argmax(axis=1)
    return float(np.mean(pred == y))


def scores_at(y_true, scores, threshold=0.5) -> Scores:
    """Accuracy, precision, recall and F1 of the rule ``score >= threshold``.

    ``y_true``: (n,) labels 0/1; ``scores``: (n,) predicted probabilities of class 1.
    An undefined score (no image called positive) is 0.0, without a warning.
    """
    if isinstance(threshold, bool) or not isinstance(threshold, (int, float, np.floating)) or not 0 <= threshold <= 1:
        raise ValueError(f"threshold must be a probability between 0 and 1; got {threshold!r}")
    try:
        scores = np.asarray(scores, dtype=float)
    except (TypeError, ValueError):
        raise TypeError(f"scores must be numbers (probabilities of class 1); got {scores!r:.60}") from None
    if not np.isfinite(scores).all():
        raise ValueError("scores hold NaN or infinite values; they must be probabilities of class 1")
    y_pred = (scores >= threshold).astype(np.int64)
    return scores_from_counts(*counts_from_labels(y_true, y_pred), zero_division=0)
