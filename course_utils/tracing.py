"""Look inside a Keras model: its layers, the data flowing through them, and its training, epoch by epoch.

``layer_table`` prints a model's layers with their output shapes and
parameter counts; ``feature_maps`` returns what one Conv2D layer makes of an
image.

``trace_layers`` runs a batch through a ``keras.Sequential`` one layer at a
time and prints, per stage, the input and output shapes and a glimpse of the
values; it returns every stage's output for a closer look::

    >>> stages = trace_layers(model, images[:1000])
    stage  layer                 input shape     output shape    min   max  example 0, first values
    1      input                 -               (1000, 28, 28)  0.00  1.00  0.00 0.00 0.00 0.00
    2      flatten: Flatten      (1000, 28, 28)  (1000, 784)     0.00  1.00  0.00 0.00 0.00 0.00
    ...
    >>> stages[-1].output.shape
    (1000, 10)

``epoch_table`` and ``text_chart`` print a training history (the dict of
lists returned by ``course_utils.training.fit_quietly``) as a table, optionally
beside a reference trace, and as a bar chart made of text.
"""

from typing import NamedTuple

import keras
import numpy as np

from . import checks as _check

MAX_ROWS = 40  # rows printed by epoch_table and text_chart before the middle is elided
MAX_BAR = 60  # stars in one bar of text_chart
MAX_NAME = 24  # characters of a layer or column name


class Stage(NamedTuple):
    """One stage of a layer-by-layer trace.

    ``index`` counts from 1 (stage 1 is the input itself); ``input_shape`` is
    ``None`` for the input stage; ``output`` is the stage's NumPy output.
    """

    index: int
    name: str
    description: str
    input_shape: tuple | None
    output_shape: tuple
    output: np.ndarray


def _whole(name, value, low, high):
    return _check.whole_number(name, value, low=low, high=high)


def _short(name):
    name = "".join(c if c.isprintable() else "?" for c in str(name))
    return name if len(name) <= MAX_NAME else name[: MAX_NAME - 3] + "..."


def _rows_shown(n):
    """Indices of the rows to print: all of them, or the first and last MAX_ROWS // 2 with None for the gap."""
    if n <= MAX_ROWS:
        return list(range(n))
    half = MAX_ROWS // 2
    return list(range(half)) + [None] + list(range(n - half, n))


def _fmt(value, digits):
    """Round for printing; ``+ 0.0`` turns a rounded -0.0 into 0.0."""
    if abs(float(value)) >= 1e6:  # a diverged loss: three significant digits, not thirty
        return f"{float(value):.3g}"
    return f"{round(float(value), digits) + 0.0:.{digits}f}"


def describe_layer(layer):
    """Short text for a layer: ``"Flatten"``, ``"Dense(128, relu)"``, else its class name."""
    if not isinstance(layer, keras.layers.Layer):
        raise TypeError(f"layer must be a Keras layer, such as model.layers[0]; got {_check.brief(layer)}")
    kind = type(layer).__name__
    if isinstance(layer, keras.layers.Dense):
        activation = getattr(layer.activation, "__name__", str(layer.activation))
        return f"{kind}({layer.units}, {activation})"
    return kind


def _check_batch(model, batch):
    batch = _check.array("batch", batch, min_ndim=1)
    expected = tuple(model.input_shape[1:])
    if batch.shape[1:] != expected:
        wanted = "(n, " + ", ".join(str(d) for d in expected) + ")"
        raise ValueError(f"batch must have shape {wanted} to match the model's input; got {batch.shape}")
    if len(batch) > 100_000:
        raise ValueError(f"batch must hold at most 100,000 examples to trace; got {len(batch):,}: pass a slice such as batch[:1000]")
    return batch.astype(np.float32)


def trace_layers(model, batch, *, glimpse=4, digits=2, show=True):
    """Run ``batch`` through ``model`` one layer at a time and report every stage.

    Parameters
    ----------
    model : keras.Sequential
        A built sequential model (a plain chain of layers).
    batch : array of shape (n, *model input shape)
        The examples to trace, n >= 1, finite numbers.
    glimpse : int
        How many leading values of example 0 (flattened) to print per stage.
    digits : int
        Decimals printed; 2 keeps the printout identical across CPUs.
    show : bool
        Print the table (default) or only return the stages.

    Returns
    -------
    list of Stage
        Stage 1 is the input; then one stage per layer, in order.

    Raises ``TypeError`` for a model that is not a ``keras.Sequential`` or a
    non-numeric batch, and ``ValueError`` for a model without layers or
    input, an empty batch, a batch whose shape does not fit the model, or
    NaN/infinite values.
    """
    if not isinstance(model, keras.Sequential):
        raise TypeError(f"model must be a keras.Sequential (a chain of layers); got {type(model).__name__}")
    if not model.layers:
        raise ValueError("model has no layers to trace")
    try:
        model.input_shape
    except (AttributeError, ValueError):
        raise ValueError("model has no known input shape; start it with keras.Input(shape=...)") from None
    glimpse = _whole("glimpse", glimpse, 1, 20)
    digits = _whole("digits", digits, 0, 6)
    show = _check.flag("show", show)
    x = _check_batch(model, batch)

    stages = [Stage(1, "input", "-", None, x.shape, x)]
    for layer in model.layers:
        y = keras.ops.convert_to_numpy(layer(x))
        stages.append(Stage(len(stages) + 1, layer.name, describe_layer(layer), x.shape, y.shape, y))
        x = y
    if show:
        _print_stages(stages, glimpse, digits)
    return stages


def _print_stages(stages, glimpse, digits):
    rows = [("stage", "layer", "input shape", "output shape", "min", "max", "example 0, first values")]
    for s in stages:
        layer = _short(s.name) if s.description == "-" else f"{_short(s.name)}: {s.description}"
        first = " ".join(_fmt(v, digits) for v in s.output[0].ravel()[:glimpse])
        rows.append((str(s.index), layer, "-" if s.input_shape is None else str(s.input_shape),
                     str(s.output_shape), _fmt(s.output.min(), digits), _fmt(s.output.max(), digits), first))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]) - 1)]
    for r in rows:
        print("  ".join(c.ljust(w) for c, w in zip(r, widths)) + "  " + r[-1])


def epoch_table(history, reference=None, *, prefix="ref", digits=3):
    """Print one row per epoch: the measured metrics, then a reference trace beside them.

    ``history``: dict of per-epoch lists (``loss``, ``accuracy``, optionally
    ``val_loss``, ``val_accuracy``), or a Keras ``History``.  ``reference``:
    optional dict of lists of the same length, printed in columns named
    ``prefix`` + key (for example the values a textbook reports, with
    ``prefix="doc"``).  Raises ``ValueError`` when the lists differ in
    length.  At most 8 columns and 40 rows are printed (the middle epochs are
    elided), so the table stays readable.
    """
    history = _check.training_history("history", history)
    epochs = len(next(iter(history.values())))
    digits = _whole("digits", digits, 0, 6)
    prefix = _check.text("prefix", prefix)
    order = [k for k in ("loss", "accuracy", "val_loss", "val_accuracy") if k in history]
    order += sorted(k for k in history if k not in order and k != "learning_rate")
    columns = [(k, history[k]) for k in order]
    if reference is not None:
        reference = _check.training_history("reference", reference)
        if len(next(iter(reference.values()))) != epochs:
            raise ValueError(f"reference must have {epochs} values per list, like history; got {len(next(iter(reference.values())))}")
        columns += [(f"{prefix} {k}", v) for k, v in reference.items()]
    if len(columns) > 8:
        raise ValueError(f"history and reference hold {len(columns)} lists; at most 8 fit in a table: pass fewer")
    columns = [(_short(name), v) for name, v in columns]
    width = max(max(len(name) for name, _ in columns), digits + 3)
    print("epoch  " + "  ".join(name.rjust(width) for name, _ in columns))
    for e in _rows_shown(epochs):
        if e is None:
            print("  ...")
            continue
        print(f"{e + 1:>5}  " + "  ".join(_fmt(v[e], digits).rjust(width) for _, v in columns))


def text_chart(values, *, label="loss", step=0.1, digits=3):
    """Print a horizontal bar chart made of ``*``: one row per epoch, one star per ``step``.

    ``values`` are non-negative, finite numbers (one per epoch).  A bar longer
    than 60 stars is cut and ends in ``>``; more than 40 rows are elided in
    the middle.  Raises ``ValueError`` for an empty list, a negative or
    non-finite value, or a ``step`` that is not positive.
    """
    values = _check.array("values", values, ndim=1).astype(float)
    if (values < 0).any():
        raise ValueError(f"values must be non-negative (a loss or an accuracy per epoch); got a minimum of {values.min():g}")
    step = _check.real_number("step", step, low=0, low_open=True)
    label = _check.text("label", label)
    digits = _whole("digits", digits, 0, 6)
    print(f"{_short(label)} per epoch (one * per {step:g})")
    for e in _rows_shown(len(values)):
        if e is None:
            print("  ...")
            continue
        v = float(values[e])  # a Python float: v / step overflows to inf without a warning
        n = min(v / step, MAX_BAR + 1)  # computed before int(): v / step may be far beyond any int
        stars = "*" * MAX_BAR + ">" if n > MAX_BAR else "*" * int(round(n, 6))
        print(f"epoch {e + 1} | {stars} {_fmt(v, digits)}")


def layer_table(model):
    """Print one line per layer: name, output shape (batch axis as None) and parameter count.

    A plain-text stand-in for ``model.summary()`` whose output is the same on every machine.
    """
    model = _check.keras_model("model", model)
    if len(model.layers) > MAX_ROWS:
        raise ValueError(f"model has {len(model.layers)} layers; layer_table prints at most {MAX_ROWS}: use model.summary()")
    rows = [(_short(layer.name), str(tuple(layer.output.shape)), f"{layer.count_params():,}") for layer in model.layers]
    rows.append(("total", "", f"{model.count_params():,}"))
    widths = [max(len(r[i]) for r in rows + [("layer", "output shape", "parameters")]) for i in range(3)]
    header = ("layer", "output shape", "parameters")
    for i, row in enumerate([header] + rows):
        if i == len(rows):
            print("-" * (sum(widths) + 4))
        print(f"{row[0]:<{widths[0]}}  {row[1]:<{widths[1]}}  {row[2]:>{widths[2]}}")


def _conv_layer(model, layer):
    _check.text("layer", layer, empty=False)
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
    conv = _conv_layer(_check.keras_model("model", model), layer)
    image = _check.array("image", image).astype(np.float32)
    expected = tuple(model.input_shape[1:])
    if image.shape != expected:
        raise ValueError(f"image must have the model's input shape {expected}; got {image.shape}")
    probe = keras.Model(inputs=model.inputs[0], outputs=conv.output)
    return np.asarray(probe(image[None], training=False))[0]
