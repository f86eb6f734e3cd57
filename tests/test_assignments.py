"""The student edition: solutions gone, checks kept, and every notebook still runs.

One test class per chapter, so ``pytest -n 2 --dist loadscope`` runs the
student notebooks on both workers, next to the nbval runs.
"""

import json
import sys
import zipfile
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from course_utils import assignments
from course_utils.assignments import BEGIN, END, has_solution, strip_solutions, student_edition, write_assignments

ROOT = Path(__file__).resolve().parent.parent
CHAPTERS = sorted((ROOT / "chapters").glob("*.ipynb"))


def _exercise_cells(nb):
    return [c for c in nb.cells if c.cell_type == "code" and has_solution(c.source)]


def _output_text(cell):
    return "".join(o.get("text", "") for o in cell.outputs)


def test_strip_solutions_keeps_the_starter_and_the_check():
    source = f"answer = None  # replace None\n{BEGIN}\nanswer = 42\n{END}\nex.q1.check(answer)"
    assert strip_solutions(source) == "answer = None  # replace None\nex.q1.check(answer)"


def test_unbalanced_markers_are_reported():
    with pytest.raises(ValueError, match="unbalanced solution markers: 1 '### BEGIN SOLUTION' and 0"):
        strip_solutions(f"x = None\n{BEGIN}\nx = 1\n")


def test_a_notebook_without_exercises_is_refused():
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 1")])
    with pytest.raises(ValueError, match="no exercise"):
        student_edition(nb)


def test_make_assignments_writes_a_notebook_and_a_zip_per_chapter(tmp_path):
    written = write_assignments(tmp_path)
    assert [p.name for p in written] == [p.name for p in CHAPTERS]
    for path in written:
        with zipfile.ZipFile(path.with_suffix(".zip")) as archive:
            names = set(archive.namelist())
        stem = path.stem
        assert {f"{stem}/{path.name}", f"{stem}/START_HERE.md", f"{stem}/requirements.txt",
                f"{stem}/data/mnist_5k.npz", f"{stem}/course_utils/__init__.py"} <= names


def _chapter_tests(path):
    class ChapterEdition:
        def test_instructor_edition_solves_every_exercise(self):
            nb = nbformat.read(path, as_version=4)
            cells = _exercise_cells(nb)
            assert len(cells) >= 2, f"{path.name} needs at least two exercises with solutions"
            for cell in cells:
                assert "correct!" in _output_text(cell), f"an exercise in {path.name} is not solved: {_output_text(cell)!r}"

        def test_student_edition_has_no_solutions(self):
            student = student_edition(nbformat.read(path, as_version=4))
            text = json.dumps(student)
            assert BEGIN not in text and END not in text
            for cell in student.cells:
                if cell.cell_type == "code" and ".check(" in cell.source and "= None" in cell.source:
                    assert cell.outputs == [] and "hide-input" not in cell.metadata.get("tags", [])

        def test_student_edition_runs_top_to_bottom(self, tmp_path):
            student = student_edition(nbformat.read(path, as_version=4))
            n_exercises = sum(1 for c in student.cells if c.cell_type == "code" and "= None" in c.source and ".check(" in c.source)
            NotebookClient(student, timeout=600, kernel_name="python3", record_timing=False,
                           resources={"metadata": {"path": str(tmp_path)}}).execute()
            unsolved = sum("not solved yet" in _output_text(c) for c in student.cells if c.cell_type == "code")
            assert unsolved == n_exercises >= 2

    ChapterEdition.__name__ = ChapterEdition.__qualname__ = f"TestChapter_{path.stem}"
    return ChapterEdition


for _path in CHAPTERS:
    _cls = _chapter_tests(_path)
    setattr(sys.modules[__name__], _cls.__name__, _cls)
