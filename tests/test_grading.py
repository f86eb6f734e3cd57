"""nbgrader, offline: release one small chapter, grade four prepared submissions, get exactly the expected grades.

The four students (tests/grading/make_submissions.py): all correct; all blank; one whose second
answer cell raises and whose last answer cell never finishes (stopped by the per-cell limit).
A fifth deletes the course's files and overwrites its own judge (graded first, so the others
show the damage was undone); a sixth folder holds no notebook (missing). Also: the hidden tests are self-contained (no
course_utils, no ``ex``), and feedback never shows the hidden tests or an expected value.
"""

import csv
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

pytest.importorskip("nbgrader", reason="instructors' requirements (requirements-instructors.txt) are not installed")

from course_utils import grading  # noqa: E402
from course_utils.exercises import load_problems, problems_of  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent / "grading"))
from make_submissions import write_submissions  # noqa: E402

CHAPTER = "02_flatten_dense_pipeline_trace"  # the quickest chapter to run


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    root = tmp_path_factory.mktemp("grading")
    grading.release(root / "course", chapters=[CHAPTER], cell_timeout=15)  # its slowest cell: ~3 s
    expected = write_submissions(root / "course", CHAPTER, root / "submissions")
    (root / "submissions" / "missing").mkdir()
    (root / "submissions" / "missing" / "notes.txt").write_text("forgot to attach the notebook")
    grading.grade(root / "submissions", root / "grades", root / "course", notebook_timeout=400, log=lambda _: None)
    with open(root / "grades" / "grades.csv") as handle:
        rows = {row["student"]: row for row in csv.DictReader(handle)}
    return root, expected, rows


def test_release_layout(graded):
    root, _, _ = graded
    for part in ("source", "release"):
        folder = root / "course" / part / CHAPTER
        assert (folder / f"{CHAPTER}.ipynb").exists() and (folder / "course_utils" / "feedback.py").exists()
        assert (folder / "problems" / f"{CHAPTER}.py").exists() and (folder / "data" / "mnist_5k.npz").exists()
    released = nbformat.read(root / "course" / "release" / CHAPTER / f"{CHAPTER}.ipynb", as_version=4)
    text = nbformat.writes(released)
    assert "BEGIN SOLUTION" not in text and "BEGIN HIDDEN TESTS" not in text and "_course_grader" not in text
    tests = [c for c in released.cells if c.metadata.get("nbgrader", {}).get("grade")]
    assert [c.metadata.nbgrader.grade_id for c in tests] == list(problems_of(load_problems(CHAPTER)))
    assert any(c.outputs for c in released.cells if c.cell_type == "code"), "the reading keeps its outputs"


def test_four_submissions_get_exactly_the_expected_grades(graded):
    _, expected, rows = graded
    assert set(rows) == set(expected) | {"missing"}
    for student, grades in expected.items():
        got = {k.split(":")[1]: float(v) for k, v in rows[student].items() if ":" in k}
        assert got == grades, (student, rows[student])
        assert float(rows[student]["total"]) == sum(grades.values())
    assert float(rows["missing"]["total"]) == 0


def test_bad_submissions_get_a_reason(graded):
    _, _, rows = graded
    assert rows["all_correct"]["notes"] == "" and rows["all_blank"]["notes"] == ""
    assert "the answer cell of q2 raised NameError" in rows["broken"]["notes"]
    last = list(problems_of(load_problems(CHAPTER)))[-1]
    assert f"the answer cell of {last} ran past the per-cell time limit" in rows["broken"]["notes"]
    assert "notebook missing" in rows["missing"]["notes"]
    assert "deleted or changed files outside its folder" in rows["a_vandal"]["notes"] and "restored" in rows["a_vandal"]["notes"]


def test_feedback_pages_hold_the_course_messages_and_no_answers(graded):
    root, expected, _ = graded
    for student in list(expected) + ["missing"]:
        page = root / "grades" / "feedback" / student / f"{CHAPTER}.html"
        assert page.exists(), page
    blank = (root / "grades" / "feedback" / "all_blank" / f"{CHAPTER}.html").read_text()
    assert "not solved yet" in blank.lower() and "_course_grader" not in blank and "HIDDEN TESTS" not in blank
    correct = (root / "grades" / "feedback" / "all_correct" / f"{CHAPTER}.html").read_text()
    assert correct.count("Correct!") >= len(expected["all_correct"])


def test_hidden_tests_need_no_course_utils_and_ignore_a_redefined_check(tmp_path):
    """Run one hidden test where course_utils cannot be imported and ex.q1.check always says correct."""
    problem = problems_of(load_problems(CHAPTER))["q1"]
    source = grading.hidden_test("q1", "answer_q1", problem)
    assert "course_utils" not in source.split("# The judge")[1].split("\n", 1)[1] and "ex." not in source
    script = tmp_path / "run.py"
    script.write_text(
        "import sys\nsys.modules['course_utils'] = None  # the student's helpers are gone or edited\n"
        "class Always:\n    def check(self, answer):\n        print('correct!')\n"
        "ex = type('Ex', (), {'q1': Always()})()\n"
        f"spec = {problem.spec()!r}\n"
        f"for answer_q1 in [(1, 2), (spec['parts'][0]['value'], spec['parts'][1]['value'])]:\n"
        f"    exec({source!r})\n"
    )
    out = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, cwd=tmp_path, timeout=60)
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert lines[0].startswith("❌") and lines[1].startswith("✅"), lines


def test_a_process_past_its_time_limit_is_stopped():
    code, _ = grading.run([sys.executable, "-c", "import time; time.sleep(60)"], cwd=".", timeout=2)
    assert code is None


def test_grade_refuses_bad_input_clearly(tmp_path):
    with pytest.raises(ValueError, match="SUBMISSIONS must be a folder"):
        grading.grade(tmp_path / "nope", tmp_path / "out", tmp_path)
    with pytest.raises(ValueError, match="run `make release` first"):
        grading.grade(tmp_path, tmp_path / "out", tmp_path / "course")


def test_a_kernel_that_imports_another_course_utils_is_refused(tmp_path):
    """Without the assignment's own course_utils the kernel would grade every notebook 0: say so loudly."""
    with pytest.raises(RuntimeError, match="grading kernel"):
        grading.check_kernel(tmp_path)
