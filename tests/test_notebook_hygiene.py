"""What nbval does not check: stored outputs are complete, in order and free of noise."""

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHAPTERS = sorted((ROOT / "chapters").glob("*.ipynb"))
NOISE = re.compile(
    r"I0000 |W0000 |E0000 |WARNING: All log messages|oneDNN custom operations|cpu_feature_guard|cuda_|"
    r"0x[0-9a-f]{8,}|\d+/\d+ \[=+|\d+ms/step|\d+s/step|\r"
)


def _cells(path):
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def _text(output):
    return "".join(output.get("text", "")) + "".join(output.get("data", {}).get("text/plain", ""))


def test_there_are_chapters():
    assert len(CHAPTERS) >= 1


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_every_code_cell_was_executed_in_order(path):
    code = [c for c in _cells(path) if c["cell_type"] == "code" and "".join(c["source"]).strip()]
    counts = [c["execution_count"] for c in code]
    assert None not in counts, "a code cell was never executed: run `make execute`"
    assert counts == list(range(1, len(counts) + 1)), "cells were not executed top to bottom in one fresh kernel"


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_outputs_are_free_of_noise_and_errors(path):
    for i, cell in enumerate(_cells(path)):
        for output in cell.get("outputs", []):
            tags = cell["metadata"].get("tags", [])
            if output["output_type"] == "error":
                assert "raises-exception" in tags, f"cell {i} stored an error: {output['ename']}"
            if output.get("name") == "stderr":
                pytest.fail(f"cell {i} wrote to stderr (a warning or a log line): {_text(output)[:200]!r}")
            match = NOISE.search(_text(output))
            assert not match, f"cell {i} output carries noise: {match.group(0)!r}"


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_notebook_opens_with_colab_cell_then_setup(path):
    first, second = [c for c in _cells(path) if c["cell_type"] == "code"][:2]
    assert '"google.colab" in sys.modules' in "".join(first["source"]), "first code cell: the Colab set-up cell"
    assert "setup_notebook(" in "".join(second["source"]), "second code cell: setup_notebook()"


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_one_title_and_no_skipped_heading_levels(path):
    levels = []
    for cell in _cells(path):
        if cell["cell_type"] == "markdown":
            in_fence = False
            for line in "".join(cell["source"]).splitlines():
                if line.startswith("```"):
                    in_fence = not in_fence
                m = re.match(r"^(#+) ", line)
                if m and not in_fence:
                    levels.append(len(m.group(1)))
    assert levels and levels[0] == 1 and levels.count(1) == 1
    assert all(b <= a + 1 for a, b in zip(levels, levels[1:]))


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_every_figure_has_alt_text(path):
    for i, cell in enumerate(_cells(path)):
        has_image = any("image/png" in o.get("data", {}) for o in cell.get("outputs", []))
        if has_image:
            alt = cell["metadata"].get("mystnb", {}).get("image", {}).get("alt", "")
            assert len(alt) > 20, f"cell {i} draws a figure without alt text (metadata mystnb.image.alt)"


def _printed_lines(cell):
    lines = []
    for output in cell.get("outputs", []):
        if output["output_type"] == "stream" and output.get("name") == "stdout":
            lines += _text(output).splitlines()
        elif output["output_type"] in ("execute_result", "display_data") and "image/png" not in output.get("data", {}):
            lines += "".join(output.get("data", {}).get("text/plain", "")).splitlines()
    return [line for line in lines if line.strip()]


def verification_share(path):
    """(verification lines, printed lines): lines that only confirm a check (✓) against all printed lines."""
    printed = [line for cell in _cells(path) for line in _printed_lines(cell)]
    checks = [line for line in printed if "✓" in line]
    return len(checks), len(printed)



@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_the_page_shows_results_not_verification(path):
    """At most 10 % of a chapter's printed lines may be verification; the rest are results."""
    checks, printed = verification_share(path)
    assert printed > 0
    assert checks <= 0.10 * printed, f"{checks} of {printed} printed lines are verification (✓) lines"


MACHINERY = re.compile(r"\bnbval\b|\bstated\b|test suite|\bmake test\b|\btolerances?\b|source document", re.I)


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_prose_never_talks_about_the_course_machinery(path):
    """Readers never meet the test harness, and never a 'source document' they cannot see."""
    for i, cell in enumerate(_cells(path)):
        if cell["cell_type"] == "markdown":
            match = MACHINERY.search("".join(cell["source"]))
            assert not match, f"markdown cell {i} mentions {match.group(0)!r}"


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_code_lines_fit_the_text_column(path):
    """Code stays within 80 characters, so neither the book nor Jupyter cuts a line off."""
    for i, cell in enumerate(_cells(path)):
        if cell["cell_type"] == "code":
            long = [line for line in "".join(cell["source"]).splitlines() if len(line) > 80]
            assert not long, f"code cell {i} has a line of {len(long[0])} characters: {long[0][:60]!r}..."
