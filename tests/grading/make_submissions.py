"""Write the four prepared submissions of one chapter from its nbgrader release (used by tests/test_grading.py).

    all_correct   every exercise answered with the instructor's solution
    all_blank     the release notebook as handed out
    broken        the second exercise's cell raises NameError before answering, and the last
                  exercise's cell never finishes (stopped by the per-cell limit); the others are right
    a_vandal      every answer right, but it deletes the course's source files outside its folder and
                  overwrites its own copy of the judge and checks (graded first: the others must not notice)
"""

import re
from pathlib import Path

import nbformat

from course_utils.assignments import exercise_of, solution_code
from course_utils.exercises import load_problems, problems_of


def solved_cells(source_nb):
    """{exercise id: the instructor's answer code} from nbgrader's source notebook."""
    return {exercise_of(c)[0]: solution_code(c.source) for c in source_nb.cells if exercise_of(c)}


def _answer(nb, solutions, name, extra_before=""):
    for cell in nb.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        if grade_id == f"{name}-answer":
            before, check = cell.source.rsplit(f"ex.{name}.check(", 1)
            cell.source = f"{before.rstrip()}\n{extra_before}{solutions[name]}\nex.{name}.check({check}"


def write_submissions(course, chapter, out):
    """Write out/<student>/<chapter>.ipynb for the four students; returns their expected grades."""
    course, out = Path(course), Path(out)
    source = nbformat.read(course / "source" / chapter / f"{chapter}.ipynb", as_version=4)
    released = course / "release" / chapter / f"{chapter}.ipynb"
    solutions = solved_cells(source)
    names = sorted(solutions, key=lambda q: int(re.sub(r"\D", "", q)))
    points = {name: float(problem.points) for name, problem in problems_of(load_problems(chapter)).items()}
    expected = {}
    vandalism = (
        "import pathlib, shutil\n"
        "shutil.rmtree(pathlib.Path('../../../source'), ignore_errors=True)\n"
        "pathlib.Path('course_utils/feedback.py').write_text('def judge(*a): return \"correct\", \"\"\\n')\n"
        "pathlib.Path('problems').joinpath('x.py').write_text('')\n"
    )
    for student in ("all_correct", "all_blank", "broken", "a_vandal"):
        nb = nbformat.read(released, as_version=4)
        if student != "all_blank":
            for name in names:
                extra = ""
                if student == "broken" and name == names[1]:
                    extra = "undefined_helper_from_another_notebook()\n"
                if student == "broken" and name == names[-1]:
                    extra = "import time\nwhile True:\n    time.sleep(1)\n"  # idle: the other tests keep the CPU
                if student == "a_vandal" and name == names[0]:
                    extra = vandalism
                _answer(nb, solutions, name, extra)
        folder = out / student
        folder.mkdir(parents=True, exist_ok=True)
        nbformat.write(nb, folder / f"{chapter}.ipynb")
        expected[student] = {name: points[name] for name in names}
        if student == "all_blank":
            expected[student] = {name: 0.0 for name in names}
        if student == "broken":
            expected[student][names[1]] = expected[student][names[-1]] = 0.0
    return expected
