"""The student edition: no solution in any file handed out, checks kept, and every notebook still runs.

One test class per chapter, so ``pytest -n 2 --dist loadscope`` runs the
student notebooks on both workers, next to the nbval runs.
"""

import json
import os
import re
import sys
import zipfile
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from course_utils.assignments import (
    BEGIN, END, exercise_of, has_solution, solution_code, strip_solutions, student_edition, student_problems,
    write_assignments,
)
from course_utils.exercises import load_problems, problems_of

ROOT = Path(__file__).resolve().parent.parent
CHAPTERS = sorted((ROOT / "chapters").glob("[0-9]*.ipynb"))


def _exercise_cells(nb):
    return [c for c in nb.cells if exercise_of(c)]


def _output_text(cell):
    return "".join(o.get("text", "") for o in cell.outputs)


def _text_outside_solutions():
    """Everything the chapters show outside their solutions: sources without solution blocks, and outputs."""
    parts = []
    for path in CHAPTERS:
        for cell in nbformat.read(path, as_version=4).cells:
            parts.append(strip_solutions(cell.source))
            if cell.cell_type == "code" and not has_solution(cell.source):
                parts.append(json.dumps(cell.outputs, ensure_ascii=False))
                parts.append(nbformat.writes(nbformat.v4.new_notebook(cells=[cell])))
    return "\n".join(parts)


def solution_lines(path, elsewhere=""):
    """Lines that only the worked solutions hold: the notebook's solution blocks and the problem file's SOLUTIONS."""
    nb = nbformat.read(path, as_version=4)
    texts = [solution_code(c.source) for c in nb.cells if c.cell_type == "code" and has_solution(c.source)]
    module = load_problems(path.stem)
    texts += [t for t in (getattr(module, "SOLUTIONS", {}) or {}).values() if t]
    lines = {line.strip() for text in texts for line in text.splitlines()}
    return sorted(line for line in lines if len(line) >= 12 and line not in elsewhere and not line.startswith("#"))


def test_strip_solutions_keeps_the_starter_and_the_check():
    source = f"answer = None  # replace None\n{BEGIN}\nanswer = 42\n{END}\nex.q1.check(answer)"
    assert strip_solutions(source) == "answer = None  # replace None\nex.q1.check(answer)"
    assert solution_code(source) == "answer = 42"


def test_unbalanced_markers_are_reported():
    with pytest.raises(ValueError, match="unbalanced solution markers: 1 '### BEGIN SOLUTION' and 0"):
        strip_solutions(f"x = None\n{BEGIN}\nx = 1\n")


def test_a_notebook_without_exercises_is_refused():
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 1")])
    with pytest.raises(ValueError, match="no exercise"):
        student_edition(nb)


def test_solution_choice_is_checked():
    with pytest.raises(ValueError, match="solutions must be 'book' or 'none', got 'web'"):
        student_problems(CHAPTERS[0].stem, solutions="web")


@pytest.fixture(scope="module")
def handed_out(tmp_path_factory):
    out = tmp_path_factory.mktemp("assignments")
    return out, write_assignments(out, solutions="none")


def test_make_assignments_writes_a_notebook_and_a_zip_per_chapter(handed_out):
    _, written = handed_out
    assert [p.name for p in written] == [p.name for p in CHAPTERS]
    for path in written:
        with zipfile.ZipFile(path.with_suffix(".zip")) as archive:
            names = set(archive.namelist())
        stem = path.stem
        assert {f"{stem}/{path.name}", f"{stem}/START_HERE.md", f"{stem}/requirements.txt", f"{stem}/problems/{stem}.py",
                f"{stem}/data/mnist_5k.npz", f"{stem}/course_utils/__init__.py", f"{stem}/course_utils/feedback.py"} <= names
        assert not any("chapters/problems" in n for n in names)


def test_no_file_of_any_zip_holds_solution_text(handed_out):
    """Search every file of every zip, decompressed, for every line of every worked solution."""
    _, written = handed_out
    elsewhere = _text_outside_solutions()
    needles = {path.stem: solution_lines(path, elsewhere) for path in CHAPTERS}
    assert all(needles.values()), "every chapter has solution lines to look for"
    everything = [line for lines in needles.values() for line in lines]
    for path in written:
        with zipfile.ZipFile(path.with_suffix(".zip")) as archive:
            for name in archive.namelist():
                text = archive.read(name).decode("utf-8", errors="replace")
                if "/course_utils/" not in name:  # the tools name the markers; nothing else may hold them
                    assert BEGIN not in text and END not in text and "SOLUTIONS = {" not in text, name
                found = [line for line in everything if line in text]
                assert not found, f"{path.name}: {name} holds solution text {found[:3]}"


def test_student_problem_files_check_and_point_to_the_chosen_place(handed_out, tmp_path):
    out, _ = handed_out
    chapter = CHAPTERS[0].stem
    source = (out / "problems" / f"{chapter}.py").read_text()
    assert "SOLUTIONS_AT = None" in source
    assert "book" in student_problems(chapter, "book") and f"chapters/{chapter}.html#exercises" in student_problems(chapter, "book")
    namespace = {}
    exec(compile(source, "student.py", "exec"), namespace)
    from course_utils.exercises import decode_problems

    student = decode_problems(namespace["ENCODED_PROBLEMS"])
    instructor = problems_of(load_problems(chapter))
    assert student.keys() == instructor.keys()
    for name, problem in instructor.items():
        assert student[name].spec() == problem.spec() and student[name].solution_text is None


def test_book_solutions_pointer(capsys, tmp_path, monkeypatch):
    chapter = CHAPTERS[0].stem
    folder = tmp_path / "problems"
    folder.mkdir()
    (folder / f"{chapter}.py").write_text(student_problems(chapter, "book", "https://example.org/course"))
    import course_utils.exercises as exercises

    monkeypatch.setattr(exercises, "PROBLEM_DIRS", (folder,))
    ex = exercises.load_problems(chapter)
    ex.q1.solution()
    assert f"online book: https://example.org/course/chapters/{chapter}.html#exercises" in capsys.readouterr().out


def _chapter_tests(path):
    class ChapterEdition:
        def test_instructor_edition_solves_every_exercise(self):
            nb = nbformat.read(path, as_version=4)
            cells = _exercise_cells(nb)
            assert len(cells) >= 2, f"{path.name} needs at least two exercises with solutions"
            declared = set(problems_of(load_problems(path.stem)))
            assert {exercise_of(c)[0] for c in cells} == declared, "every declared problem has one exercise cell"
            for cell in cells:
                assert "correct!" in _output_text(cell), f"an exercise in {path.name} is not solved: {_output_text(cell)!r}"

        def test_student_edition_has_no_solutions(self):
            student = student_edition(nbformat.read(path, as_version=4))
            text = json.dumps(student)
            assert BEGIN not in text and END not in text
            for cell in student.cells:
                if cell.cell_type == "code" and ".check(" in cell.source and "= None" in cell.source:
                    assert cell.outputs == [] and "hide-input" not in cell.metadata.get("tags", [])

        def test_student_zip_runs_top_to_bottom(self, tmp_path):
            """Unpack the zip and run its notebook with its own course_utils and problem file."""
            write_assignments(tmp_path / "out", chapters=[path], solutions="none")
            with zipfile.ZipFile(tmp_path / "out" / f"{path.stem}.zip") as archive:
                archive.extractall(tmp_path / "unzipped")
            folder = tmp_path / "unzipped" / path.stem
            student = nbformat.read(folder / path.name, as_version=4)
            n_exercises = sum(1 for c in student.cells if c.cell_type == "code" and "= None" in c.source and ".check(" in c.source)
            student.cells.append(nbformat.v4.new_code_cell("import course_utils; print(course_utils.__file__)\nex.q1.solution()"))
            env_path = os.environ.get("PYTHONPATH", "")
            os.environ["PYTHONPATH"] = os.pathsep.join([str(folder)] + [p for p in env_path.split(os.pathsep) if p and Path(p).resolve() != ROOT])
            try:
                NotebookClient(student, timeout=600, kernel_name="python3", record_timing=False,
                               resources={"metadata": {"path": str(folder)}}).execute()
            finally:
                os.environ["PYTHONPATH"] = env_path
            unsolved = sum("not solved yet" in _output_text(c) for c in student.cells if c.cell_type == "code")
            assert unsolved == n_exercises >= 2
            last = _output_text(student.cells[-1])
            assert str(folder / "course_utils") in last and "not part of this edition" in last, last

    ChapterEdition.__name__ = ChapterEdition.__qualname__ = f"TestChapter_{path.stem}"
    return ChapterEdition


for _path in CHAPTERS:
    _cls = _chapter_tests(_path)
    setattr(sys.modules[__name__], _cls.__name__, _cls)
