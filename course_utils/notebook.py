"""One-call set-up for every chapter notebook."""

import io
import random
import struct
import zlib

import numpy as np

from . import checks as _check

SEED = 0

# Figures are drawn at FIGURE_DPI and shown at that size; the PNG holds FIGURE_SCALE times as many
# pixels, so figures stay sharp on high-density screens and when a phone reader zooms in.
FIGURE_DPI = 90
FIGURE_SCALE = 2
# The style every chapter's figures share. Font sizes are chosen so that a figure's smallest text
# is at least 9 CSS pixels where the book shows it (tests/test_browser.py measures it): at
# FIGURE_DPI, 11 pt is 13.75 px and "small" (9.2 pt) 11.5 px, which leaves room for a figure
# up to about 10 inches wide to be shrunk to the book's text column (744 px at 1366 px).
FIGURE_STYLE = {
    "figure.facecolor": "white",
    "savefig.facecolor": "white",
    "axes.facecolor": "white",
    "figure.dpi": FIGURE_DPI,
    "font.size": 11,
    "axes.titlesize": "medium",
    "axes.grid": False,
}


def setup_notebook(seed=SEED, *, tensorflow=True):
    """Make a notebook quiet, deterministic and consistently styled.

    Seeds Python, NumPy and (when ``tensorflow=True``) TensorFlow/Keras with
    ``seed``, turns on TensorFlow's op determinism, fixes NumPy's print
    precision and the figure style (opaque white backgrounds, readable in the
    book's dark mode too; font sizes legible at the book's width; sharp 2x PNGs,
    see ``figure_png``), and prints the versions the outputs were made with.
    TensorFlow's C++ log lines are silenced on import of ``course_utils``.
    """
    seed = _check.seed("seed", seed)  # a Python int: random.seed refuses NumPy integers
    tensorflow = _check.flag("tensorflow", tensorflow)
    import matplotlib
    import matplotlib.pyplot as plt

    random.seed(seed)
    np.random.seed(seed)
    np.set_printoptions(precision=3, suppress=True, linewidth=100)
    plt.rcParams.update(FIGURE_STYLE)
    _show_figures_sharp()
    versions = [f"NumPy {np.__version__}", f"Matplotlib {matplotlib.__version__}"]
    if tensorflow:
        keras, tf = _import_tensorflow()

        tf.get_logger().setLevel("ERROR")  # no retracing warnings in outputs
        keras.utils.set_random_seed(seed)
        tf.config.experimental.enable_op_determinism()
        versions = [f"TensorFlow {tf.__version__}", f"Keras {keras.__version__}"] + versions
    print(f"Seed {seed}; " + ", ".join(versions))


def figure_png(fig, scale=FIGURE_SCALE):
    """A Matplotlib figure as a sharp PNG: ``(png bytes, {"width": w, "height": h})``.

    The PNG has ``scale`` times the pixels of the figure at its dpi, and ``width``/``height``
    (the display size Jupyter and the book use) are the figure's size at its dpi, so it shows at
    the usual size, sharp on high-density screens. The PNG also records, in text chunks, the
    font size of the smallest text drawn (``smallest text pt``, in points) and its resolution
    (``dpi``): the book's browser test computes from them how tall that text is on screen.
    """
    from matplotlib.backends.backend_agg import RendererAgg
    from matplotlib.figure import Figure

    if not isinstance(fig, Figure):
        raise TypeError(f"fig must be a matplotlib Figure; got {type(fig).__name__}")
    if isinstance(scale, bool) or not isinstance(scale, (int, float)) or not scale >= 1:
        raise ValueError(f"scale must be a number >= 1; got {scale!r}")
    sizes = []
    draw_text = RendererAgg.draw_text

    def recording(self, gc, x, y, s, prop, angle, ismath=False, mtext=None):
        if str(s).strip():
            sizes.append(prop.get_size_in_points())
        return draw_text(self, gc, x, y, s, prop, angle, ismath, mtext)

    dpi = fig.dpi * scale
    buffer = io.BytesIO()
    RendererAgg.draw_text = recording
    try:
        fig.savefig(buffer, format="png", dpi=dpi, bbox_inches="tight")
    finally:
        RendererAgg.draw_text = draw_text
    data = buffer.getvalue()
    if sizes:
        data = _png_with_text(data, {"smallest text pt": f"{min(sizes):.2f}", "dpi": f"{dpi:g}"})
    width, height = struct.unpack(">II", data[16:24])
    return data, {"width": round(width / scale), "height": round(height / scale)}


def _png_with_text(data, entries):
    """``data`` (a PNG file's bytes) with tEXt chunks for ``entries`` added before its end."""
    chunks = b""
    for key, value in entries.items():
        body = b"tEXt" + key.encode("latin-1") + b"\0" + value.encode("latin-1")
        chunks += struct.pack(">I", len(body) - 4) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)
    end = data.rindex(b"IEND") - 4  # the IEND chunk starts with its 4-byte length
    return data[:end] + chunks + data[end:]


def _png_text(data):
    """The tEXt key/value pairs of a PNG file's bytes: what ``_png_with_text`` wrote (read by the tests)."""
    found, at = {}, 8
    while at + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[at : at + 8])
        if kind == b"tEXt":
            key, _, value = data[at + 8 : at + 8 + length].partition(b"\0")
            found[key.decode("latin-1")] = value.decode("latin-1")
        if kind == b"IEND":
            break
        at += 12 + length
    return found


def _show_figures_sharp():
    """In IPython (Jupyter), show every Matplotlib figure through ``figure_png``."""
    try:
        from IPython import get_ipython
    except ImportError:
        return
    shell = get_ipython()
    if shell is None:
        return
    import matplotlib
    from matplotlib.figure import Figure

    # Resolving the backend imports it; Jupyter's inline backend registers its own PNG
    # formatter on import, which would replace this one if it came later.
    if "inline" in matplotlib.get_backend().lower():
        import matplotlib_inline.backend_inline  # noqa: F401

    shell.display_formatter.formatters["image/png"].for_type(Figure, figure_png)


INSTALL_HINT = "Fix: run `make env` in the course folder (or `pip install -r requirements.txt`), then restart the kernel."


def _import_tensorflow():
    """Import Keras and TensorFlow, or say exactly what is missing and how to fix it."""
    try:
        import keras
        import tensorflow as tf
    except ModuleNotFoundError as missing:
        raise ModuleNotFoundError(f"{missing.name} is not installed in this Python environment. {INSTALL_HINT}") from None
    return keras, tf
