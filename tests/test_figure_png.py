"""course_utils.notebook.figure_png: the sharp PNGs every chapter figure is shown as."""

import struct

import matplotlib
import pytest

matplotlib.use("Agg")
from matplotlib.figure import Figure  # noqa: E402

from course_utils.notebook import FIGURE_STYLE, _png_text, figure_png  # noqa: E402


def _figure(fontsizes, dpi=90):
    fig = Figure(figsize=(4, 2.5), dpi=dpi)
    ax = fig.add_subplot()
    ax.set_axis_off()  # no tick labels: only the texts below are drawn
    for n, size in enumerate(fontsizes):
        ax.text(0.1, 0.2 * n, f"text {n}", fontsize=size)
    return fig


def test_png_has_twice_the_pixels_and_is_shown_at_the_figure_size():
    data, meta = figure_png(_figure([10]))
    width, height = struct.unpack(">II", data[16:24])
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert abs(meta["width"] - width / 2) <= 0.5 and abs(meta["height"] - height / 2) <= 0.5
    assert 150 <= meta["width"] <= 400  # at most 4 inches at 90 dpi, trimmed to what is drawn


def test_png_records_the_smallest_text_drawn_and_its_resolution():
    data, _ = figure_png(_figure([14, 7.5, 12]))
    chunks = _png_text(data)
    assert chunks["smallest text pt"] == "7.50"
    assert chunks["dpi"] == "180"


def test_text_that_is_not_drawn_does_not_count():
    fig = _figure([12])
    hidden = fig.axes[0].text(0.5, 0.5, "hidden", fontsize=3)
    hidden.set_visible(False)
    assert _png_text(figure_png(fig)[0])["smallest text pt"] == "12.00"


def test_the_png_is_still_a_valid_image():
    import io

    import matplotlib.image

    data, _ = figure_png(_figure([10]))
    assert matplotlib.image.imread(io.BytesIO(data)).ndim == 3


def test_style_sets_a_legible_base_font():
    assert FIGURE_STYLE["font.size"] >= 11 and FIGURE_STYLE["figure.dpi"] == 90


@pytest.mark.parametrize(
    "fig, scale, error, message",
    [
        ("not a figure", 2, TypeError, "fig must be a matplotlib Figure; got str"),
        (None, 2, TypeError, "fig must be a matplotlib Figure; got NoneType"),
        ("figure", 0.5, ValueError, "scale must be a number >= 1; got 0.5"),
        ("figure", True, ValueError, "scale must be a number >= 1; got True"),
    ],
)
def test_bad_input_is_named(fig, scale, error, message):
    with pytest.raises(error, match=message):
        figure_png(_figure([10]) if fig == "figure" else fig, scale)
