"""The book does not hand out answers (issue 17, point 1).

The book's version of each chapter (``_book/extensions/course_exercises.py``) shows every
exercise cell as starter code with no output, followed by a collapsed worked solution; and no
visible output or prose of the chapter states an exercise's distinctive answer (a whole number
of 100 or more, or a shape, with any batch size).
"""

import re
import sys
from pathlib import Path

import nbformat
import pytest

from course_utils.assignments import BEGIN, exercise_of
from course_utils.exercises import load_problems, problems_of

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "_book" / "extensions"))
from course_exercises import book_version  # noqa: E402

CHAPTERS = sorted((ROOT / "chapters").glob("[0-9]*.ipynb"))
# Answers a chapter still shows before it is reworked: {(chapter, problem): why}. Keep empty.
KNOWN = {}


def _book(path):
    return book_version(nbformat.read(path, as_version=4), path.stem, ROOT)


@pytest.mark.parametrize("path", CHAPTERS, ids=[p.stem for p in CHAPTERS])
def test_exercise_cells_show_starter_code_and_a_closed_solution(path):
    original = nbformat.read(path, as_version=4)
    n = sum(1 for c in original.cells if exercise_of(c))
    book = _book(path)
    cells = book.cells
    seen = 0
    for i, cell in enumerate(cells):
        if cell.cell_type == "code" and ".check(answer_q" in cell.source:
            seen += 1
            assert BEGIN not in cell.source and cell.outputs == [], cell.source
            assert not {"hide-input", "remove-input", "hide-cell"} & set(cell.metadata.get("tags", []))
            assert "= None" in cell.source
            follower = cells[i + 1]
            assert follower.cell_type == "markdown" and follower.source.startswith(":::{dropdown} Worked solution")
    assert seen == n >= 2
    assert "correct!" not in nbformat.writes(book)


def _answer_patterns(spec):
    kind = spec["kind"]
    if kind == "several":
        return [p for part in spec["parts"] for p in _answer_patterns(part)]
    if kind == "number" and spec.get("low") is None and float(spec["value"]).is_integer() and abs(spec["value"]) >= 100:
        v = int(spec["value"])
        return [rf"(?<![\d,.]){v}(?![\d])", rf"(?<![\d,.]){v:,}(?![\d]|,\d)"]
    if kind == "shape" and len(spec["value"]) > 1:
        rest = ", ".join(str(d) for d in spec["value"][1:])
        return [rf"\(\s*(None|\d+),\s*{re.escape(rest)}\s*\)"]
    return []


def _visible_text(cell):
    if cell.cell_type == "markdown":
        return "" if cell.source.startswith(":::{dropdown} Worked solution") else cell.source
    if {"remove-output", "remove-cell"} & set(cell.metadata.get("tags", [])):
        return ""
    text = ""
    for output in cell.get("outputs", []):
        text += output.get("text", "")
        data = output.get("data", {})
        text += str(data.get("text/plain", "")) + str(data.get("text/html", ""))
    return text


@pytest.mark.parametrize("path", CHAPTERS, ids=[p.stem for p in CHAPTERS])
def test_no_visible_output_or_prose_states_an_answer(path):
    book = _book(path)
    leaks = []
    for name, problem in problems_of(load_problems(path.stem)).items():
        if (path.stem, name) in KNOWN:
            continue
        for pattern in _answer_patterns(problem.spec()):
            for i, cell in enumerate(book.cells):
                match = re.search(pattern, _visible_text(cell))
                if match:
                    leaks.append(f"{name}: cell {i} ({cell.cell_type}) shows {match.group(0)!r}")
    assert not leaks, leaks


def test_known_leaks_are_still_real():
    """Remove an entry from KNOWN as soon as its chapter no longer shows the answer."""
    for (chapter, name), _ in KNOWN.items():
        path = ROOT / "chapters" / f"{chapter}.ipynb"
        problem = problems_of(load_problems(chapter)).get(name)
        if problem is None:
            continue
        book = _book(path)
        assert any(re.search(p, _visible_text(c)) for p in _answer_patterns(problem.spec()) for c in book.cells), (
            f"{chapter} {name} no longer shows its answer: delete it from KNOWN in tests/test_book_exercises.py")


def test_download_button_gives_the_student_edition(tmp_path):
    """build-finished replaces _sources/chapters/<chapter>.ipynb (the download button's file)."""
    from types import SimpleNamespace

    from course_exercises import on_build_finished

    sources = tmp_path / "_sources" / "chapters"
    sources.mkdir(parents=True)
    for path in CHAPTERS:
        (sources / path.name).write_bytes(path.read_bytes())
    app = SimpleNamespace(srcdir=str(ROOT), outdir=str(tmp_path), builder=SimpleNamespace(format="html"))
    on_build_finished(app, None)
    for path in CHAPTERS:
        nb = nbformat.read(sources / path.name, as_version=4)
        assert nb.metadata["course_edition"] == "student" and BEGIN not in nbformat.writes(nb)
        assert sum(1 for c in nb.cells if c.cell_type == "code") == sum(
            1 for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code")
