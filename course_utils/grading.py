"""Grading with nbgrader 0.9.6, offline, no server: ``make release`` and ``make grade SUBMISSIONS=DIR``.

``release`` turns every chapter into nbgrader's course layout in ``_build/nbgrader``::

    nbgrader_config.py  gradebook.db
    source/<chapter>/<chapter>.ipynb   + course_utils/, problems/ (student edition), data/, requirements.txt
    release/<chapter>/...              what students receive (nbgrader's generate_assignment)

Each exercise cell (``### BEGIN SOLUTION`` ... ``ex.qN.check(answer_qN)``) becomes an nbgrader
solution cell followed by a locked autograded cell whose hidden test embeds the judge
(``course_utils/feedback.py``) and the expected values as literals, so nothing a student
edits changes a grade. A markdown cell tagged ``written-answer`` becomes a hand-graded answer.

``grade`` autogrades every student folder of ``SUBMISSIONS`` (one folder per student holding
the returned notebooks) in a copy of that course, one notebook at a time with a time limit,
and writes ``_build/grades/grades.csv`` and ``_build/grades/feedback/<student>/<chapter>.html``.
A notebook that raises, never finishes, damages files or is missing still gets a grade and a
reason; the others are graded.

    python -m course_utils.grading release [--out DIR] [--chapters 02 ...]
    python -m course_utils.grading grade SUBMISSIONS [--out DIR] [--course DIR] [--notebook-timeout S] [--cell-timeout S]
"""

import argparse
import base64
import copy
import csv
import hashlib
import html
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import zlib
from pathlib import Path

import nbformat

from . import assignments
from .exercises import load_problems, problems_of

ROOT = Path(__file__).resolve().parent.parent
COURSE_ID = "flatten-dense-conv2d"
WRITTEN_TAG = "written-answer"
WRITTEN_POINTS = 2
NBGRADER_CONFIG = '''\
# nbgrader configuration written by `make release` (course_utils/grading.py).
c = get_config()
c.CourseDirectory.course_id = {course_id!r}
c.CourseDirectory.ignore = [".ipynb_checkpoints", "*.pyc", "__pycache__"]
# Keep the `answer_q1 = None` starter line: the solution block becomes nothing.
c.ClearSolutions.code_stub = {{"python": ""}}
c.ClearSolutions.text_stub = "*Write your answer here.*"
# The reading's outputs stay in the release (exercise cells are cleared by `make release`).
c.ClearOutput.enabled = False
# Per-cell time limit while autograding (a cell that runs longer is interrupted).
c.ExecutePreprocessor.timeout = {cell_timeout}
# Feedback shows the course's messages, not the hidden tests' code.
c.GenerateFeedback.preprocessors = [
    "nbgrader.preprocessors.GetGrades",
    "nbgrader.preprocessors.ClearHiddenTests",
    "nbconvert.preprocessors.CSSHTMLHeaderPreprocessor",
]
'''
def _engine_literal():
    source = (ROOT / "course_utils" / "feedback.py").read_bytes()
    return base64.b64encode(zlib.compress(source, 9)).decode()


def hidden_test(name, variable, problem):
    """Source of the autograded cell of exercise ``name``: self-contained, expected values as literals."""
    engine = _engine_literal()
    chunks = "\n".join(f"    {engine[i:i + 96]!r}" for i in range(0, len(engine), 96))
    return (
        f"# Autograder test for {name} ({problem.points} point{'s' if problem.points != 1 else ''}).\n"
        "### BEGIN HIDDEN TESTS\n"
        f"# The judge (course_utils/feedback.py) and the expected answer are embedded: no file or helper is used.\n"
        "_course_grader = {}\n"
        "exec(__import__('zlib').decompress(__import__('base64').b64decode(\n"
        f"{chunks}\n"
        ")).decode(), _course_grader)\n"
        f"_course_grader['autograde']({problem.spec()!r},\n"
        f"    globals().get({variable!r}), {problem.title!r}, {float(problem.points)!r})\n"
        "### END HIDDEN TESTS"
    )


def _nbgrader_meta(grade_id, *, solution, grade, locked, points=None):
    meta = {"grade": grade, "grade_id": grade_id, "locked": locked, "schema_version": 3, "solution": solution}
    if points is not None:
        meta["points"] = points
    return meta


def source_notebook(nb, chapter):
    """nbgrader's source version of a chapter notebook (``nb`` is not changed)."""
    problems = problems_of(load_problems(chapter))
    out = copy.deepcopy(nb)
    cells, seen, n_written = [], set(), 0
    for cell in out.cells:
        cell.metadata.pop("nbgrader", None)
        exercise = assignments.exercise_of(cell)
        if cell.cell_type == "code" and assignments.BEGIN in cell.source:
            cell.outputs, cell.execution_count = [], None
            cell.metadata["tags"] = [t for t in cell.metadata.get("tags", []) if t not in assignments._HIDING_TAGS]
            grade_id = f"{exercise[0]}-answer" if exercise else f"solution-{len(cells)}"
            cell.metadata["nbgrader"] = _nbgrader_meta(grade_id, solution=True, grade=False, locked=False)
            cells.append(cell)
            if exercise:
                name, variable = exercise
                if name not in problems:
                    raise ValueError(f"{chapter}: the exercise cell checks {name}, which chapters/problems/{chapter}.py does not declare")
                seen.add(name)
                test = nbformat.v4.new_code_cell(hidden_test(name, variable, problems[name]))
                test.metadata["nbgrader"] = _nbgrader_meta(name, solution=False, grade=True, locked=True, points=float(problems[name].points))
                cells.append(test)
            continue
        if cell.cell_type == "markdown" and WRITTEN_TAG in cell.metadata.get("tags", []):
            n_written += 1
            cell.metadata["nbgrader"] = _nbgrader_meta(f"written-{n_written}", solution=True, grade=True, locked=False,
                                                       points=float(WRITTEN_POINTS))
        cells.append(cell)
    missing = sorted(set(problems) - seen)
    if missing:
        raise ValueError(f"{chapter}: problems {missing} have no exercise cell (`ex.qN.check(answer_qN)` after a solution block)")
    out.cells = cells
    out.metadata.pop("course_edition", None)
    out.metadata["course_chapter"] = chapter
    out.metadata["kernelspec"] = {"display_name": "Python 3", "language": "python", "name": "python3"}
    return out


def _environment(folder=None):
    """The grading environment: this Python's bin first on PATH (nbgrader runs `alembic` from there), and
    ``folder`` (the assignment folder being graded) first on PYTHONPATH, so the kernel imports that folder's
    fresh copy of course_utils and its problems, never another copy."""
    bin_dir = str(Path(sys.executable).parent)
    paths = [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p and not (Path(p) / "course_utils").is_dir()]
    env = {**os.environ, "PATH": os.pathsep.join([bin_dir, os.environ.get("PATH", "")]), "PYTHONHASHSEED": "0"}
    env["PYTHONPATH"] = os.pathsep.join(([str(folder)] if folder else []) + paths)
    return env


def _nbgrader(course, *args, timeout=None, folder=None):
    """Run the nbgrader command line in ``course``; returns (returncode, output). Kills the whole group on timeout."""
    exe = Path(sys.executable).with_name("nbgrader")
    return run([str(exe) if exe.exists() else "nbgrader", *args], course, timeout, _environment(folder))


def run(command, cwd, timeout=None, env=None):
    """Run ``command``; returns (returncode, output), or (None, output) after killing its whole process group at ``timeout``."""
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                               start_new_session=True, env=env or _environment())
    try:
        output, _ = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        output, _ = process.communicate()
        return None, output
    return process.returncode, output


def release(out=ROOT / "_build" / "nbgrader", chapters=None, cell_timeout=120):
    """Write nbgrader's source and release layout for every chapter into ``out``; returns the chapter names."""
    out = Path(out)
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    (out / "nbgrader_config.py").write_text(NBGRADER_CONFIG.format(course_id=COURSE_ID, cell_timeout=int(cell_timeout)))
    paths = _chapters(chapters)
    with tempfile.TemporaryDirectory() as scratch:
        for path in paths:
            chapter = path.stem
            nb = nbformat.read(path, as_version=4)
            folder = out / "source" / chapter
            folder.mkdir(parents=True)
            nbformat.write(source_notebook(nb, chapter), folder / path.name)
            problems = Path(scratch) / f"{chapter}.py"
            problems.write_text(assignments.student_problems(chapter, solutions="none"))
            for inside, source in assignments.bundle_files(folder / path.name, problems).items():
                if inside != path.name:
                    (folder / inside).parent.mkdir(parents=True, exist_ok=True)
                    shutil.copy2(source, folder / inside)
            code, output = _nbgrader(out, "generate_assignment", chapter, "--force")
            if code != 0:
                raise RuntimeError(f"nbgrader generate_assignment {chapter} failed:\n{output[-2000:]}")
            _keep_reading_outputs(folder / path.name, out / "release" / chapter / path.name)
    return [p.stem for p in paths]


def _keep_reading_outputs(source_path, release_path):
    """nbgrader clears outputs it does not own; put the reading's outputs back (exercise cells stay empty)."""
    source, released = nbformat.read(source_path, as_version=4), nbformat.read(release_path, as_version=4)
    for cell_s, cell_r in zip(source.cells, released.cells):
        if cell_r.cell_type == "code" and "nbgrader" not in cell_s.metadata and cell_s.get("outputs"):
            cell_r.outputs, cell_r.execution_count = cell_s.outputs, cell_s.execution_count
    nbformat.write(released, release_path)


def _chapters(chapters):
    paths = sorted((ROOT / "chapters").glob("[0-9]*.ipynb"))
    if chapters:
        wanted = [str(c) for c in chapters]
        paths = [p for p in paths if any(p.stem.startswith(w) or p.stem == w for w in wanted)]
        if not paths:
            raise ValueError(f"chapters {wanted} match no notebook in chapters/")
    return paths


# ------------------------------------------------------------------ grading

def _safe_id(name):
    return re.sub(r"[^A-Za-z0-9_-]", "_", name) or "student"


def _find_notebook(folder, chapter):
    """The student's notebook for ``chapter``: by the metadata the release wrote, else by file name."""
    candidates = sorted(folder.rglob("*.ipynb"))
    for path in candidates:
        if ".ipynb_checkpoints" in path.parts:
            continue
        try:
            nb = nbformat.read(path, as_version=4)
        except Exception:
            continue
        if nb.metadata.get("course_chapter") == chapter:
            return path
    by_name = [p for p in candidates if chapter in p.name or p.name.startswith(chapter[:3])]
    return by_name[0] if by_name else None


def _manifest(paths):
    digest = {}
    for root in paths:
        root = Path(root)
        if root.is_file():
            digest[root] = hashlib.sha256(root.read_bytes()).hexdigest()
        elif root.is_dir():
            for p in root.rglob("*"):
                if p.is_file():
                    digest[p] = hashlib.sha256(p.read_bytes()).hexdigest()
    return digest


def check_kernel(folder):
    """Fail loudly unless the grading kernel, started in an assignment folder, imports that folder's course_utils.

    If it cannot, every notebook would stop at its first cell and silently score 0.
    """
    from nbclient import NotebookClient

    probe = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(
        "import course_utils, numpy, keras\nprint(course_utils.__file__)")])
    probe.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    saved = os.environ.get("PYTHONPATH")
    os.environ["PYTHONPATH"] = _environment(folder)["PYTHONPATH"]
    try:
        NotebookClient(probe, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(folder)}}).execute()
    except Exception as exc:
        raise RuntimeError(f"the grading kernel 'python3' cannot run the course's imports ({type(exc).__name__}: {exc}). "
                           "Install the requirements into the environment that runs nbgrader, then retry.") from None
    finally:
        if saved is None:
            os.environ.pop("PYTHONPATH", None)
        else:
            os.environ["PYTHONPATH"] = saved
    printed = "".join(o.get("text", "") for o in probe.cells[0].outputs).strip()
    if not printed.startswith(str(Path(folder).resolve())):
        raise RuntimeError(f"the grading kernel imports course_utils from {printed!r}, not from the assignment folder {folder}")
    return printed


def _feedback_page(student, chapter, reason):
    return (f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>Feedback: {html.escape(chapter)}</title></head>"
            f"<body><h1>Feedback for {html.escape(student)}: {html.escape(chapter)}</h1>"
            f"<p>This notebook could not be graded automatically: {html.escape(reason)}. It scores 0.</p></body></html>")


def _errors(nb, most=3):
    """Where the notebook raised (at most ``most`` places), in the student's terms (an exercise's
    answer cell, or code cell N), joined by "; "; None if it raised nowhere."""
    found = []
    n_code = 0
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("grade") and cell.cell_type == "code":
            continue  # the autograder's own cells
        if cell.cell_type != "code":
            continue
        n_code += 1
        grade_id = meta.get("grade_id", "")
        where = f"the answer cell of {grade_id.removesuffix('-answer')}" if grade_id.endswith("-answer") else f"code cell {n_code}"
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                ename = output.get("ename", "Error")
                if ename in ("CellTimeoutError", "KeyboardInterrupt"):
                    found.append(f"{where} ran past the per-cell time limit and was stopped")
                else:
                    value = " ".join(str(output.get("evalue", "")).split())[:120]
                    found.append(f"{where} raised {ename}: {value}" if value else f"{where} raised {ename}")
                break
    if len(found) > most:
        found = found[:most] + [f"and {len(found) - most} more"]
    return "; ".join(found) or None


def grade(submissions, out=ROOT / "_build" / "grades", course=ROOT / "_build" / "nbgrader",
          notebook_timeout=900, cell_timeout=None, chapters=None, log=print):
    """Autograde every student folder in ``submissions``; write grades.csv and feedback pages into ``out``.

    Returns the rows written (one dict per student).
    """
    submissions, out, course = Path(submissions), Path(out), Path(course)
    if not submissions.is_dir():
        raise ValueError(f"SUBMISSIONS must be a folder with one folder per student, got {submissions}")
    if not (course / "gradebook.db").exists():
        raise ValueError(f"no released course in {course}: run `make release` first")
    students = sorted(p for p in submissions.iterdir() if p.is_dir() and not p.name.startswith("."))
    if not students:
        raise ValueError(f"{submissions} holds no student folder")
    released = sorted(p.name for p in (course / "source").iterdir() if p.is_dir())
    if chapters:
        released = [c for c in released if any(c.startswith(str(w)) for w in chapters)]
    wanted = [c for c in released if any(_find_notebook(s, c) for s in students)] or released
    if out.exists():
        shutil.rmtree(out)
    work = out / "nbgrader"
    shutil.copytree(course, work, ignore=shutil.ignore_patterns("submitted", "autograded", "feedback", "release"))
    if cell_timeout is not None:
        config = work / "nbgrader_config.py"
        config.write_text(re.sub(r"ExecutePreprocessor\.timeout = \d+", f"ExecutePreprocessor.timeout = {int(cell_timeout)}", config.read_text()))
    check_kernel(work / "source" / wanted[0])

    exercises = {c: _grade_ids(work, c) for c in wanted}
    ids = {}
    for s in students:  # nbgrader ids: letters, digits, _ and -; distinct even when two folder names map alike
        base = candidate = _safe_id(s.name)
        n = 1
        while candidate in ids.values():
            n += 1
            candidate = f"{base}-{n}"
        ids[s.name] = candidate
    for student in students:
        for chapter in wanted:
            found = _find_notebook(student, chapter)
            if found:
                target = work / "submitted" / ids[student.name] / chapter / f"{chapter}.ipynb"
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(found, target)
    pristine = Path(tempfile.mkdtemp(prefix="course-grading-"))
    shutil.copytree(work, pristine / "work")

    rows = []
    for student in students:
        sid = ids[student.name]
        row = {"student": student.name}
        notes = []
        for chapter in wanted:
            scores, reason = _grade_one(work, pristine / "work", sid, chapter, notebook_timeout, log)
            for grade_id, score in scores.items():
                row[f"{chapter}:{grade_id}"] = score
            page = out / "feedback" / student.name / f"{chapter}.html"
            page.parent.mkdir(parents=True, exist_ok=True)
            generated = work / "feedback" / sid / chapter / f"{chapter}.html"
            if generated.exists():
                shutil.copy2(generated, page)
            else:
                page.write_text(_feedback_page(student.name, chapter, reason or "no feedback was produced"))
            if reason:
                notes.append(f"{chapter}: {reason}")
        row["total"] = sum(v for k, v in row.items() if ":" in k and isinstance(v, (int, float)))
        row["notes"] = "; ".join(notes)
        rows.append(row)
    shutil.rmtree(pristine, ignore_errors=True)
    columns = ["student"] + [f"{c}:{g}" for c in wanted for g in exercises[c]] + ["total", "notes"]
    with open(out / "grades.csv", "w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: _cell(row.get(k, 0 if ":" in k else "")) for k in columns})
    return rows


def _cell(value):
    if isinstance(value, float):
        return f"{value:g}"
    return value


def _grade_ids(work, chapter):
    nb = nbformat.read(work / "source" / chapter / f"{chapter}.ipynb", as_version=4)
    return [c.metadata["nbgrader"]["grade_id"] for c in nb.cells
            if c.metadata.get("nbgrader", {}).get("grade")]


def _grade_one(work, pristine, sid, chapter, notebook_timeout, log):
    """Autograde one student's notebook of one chapter; returns ({grade_id: score}, reason or None)."""
    zeros = {g: 0.0 for g in _grade_ids(work, chapter)}
    submitted = work / "submitted" / sid / chapter / f"{chapter}.ipynb"
    if not submitted.exists():
        return zeros, "notebook missing (not in the student's folder)"
    try:
        nbformat.read(submitted, as_version=4)
    except Exception as exc:
        return zeros, f"not a readable notebook ({type(exc).__name__})"
    protected = [work / "source", work / "nbgrader_config.py", work / "submitted"]
    before = _manifest(protected)
    backup = work.parent / "gradebook.backup.db"
    shutil.copy2(work / "gradebook.db", backup)
    started = time.monotonic()
    code, output = _nbgrader(work, "autograde", chapter, "--student", sid, "--force", timeout=notebook_timeout,
                             folder=work / "autograded" / sid / chapter)
    seconds = time.monotonic() - started
    log(f"graded {sid} / {chapter} in {seconds:.0f} s")
    reason = None
    damaged = sorted(str(p.relative_to(work)) for p, h in before.items()
                     if not p.exists() or hashlib.sha256(p.read_bytes()).hexdigest() != h)
    damaged += [str(p.relative_to(work)) for p in _manifest(protected) if p not in before]
    if damaged:
        for rel in damaged:
            target, original = work / rel, pristine / rel
            if original.exists():
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(original, target)
            elif target.exists():
                target.unlink()
        reason = f"the notebook deleted or changed files outside its folder ({', '.join(damaged[:3])}); they were restored"
    if code is None:
        shutil.copy2(backup, work / "gradebook.db")
        return zeros, f"did not finish within the {notebook_timeout} s time limit per notebook"
    scores, db_ok = _scores(work, sid, chapter)
    if code != 0 or not db_ok:
        shutil.copy2(backup, work / "gradebook.db")
        last = [line for line in output.splitlines() if "ERROR" in line or "Error" in line][-1:] or ["nbgrader failed"]
        return zeros, f"could not be autograded ({' '.join(last[0].split())[:160]})"
    autograded = work / "autograded" / sid / chapter / f"{chapter}.ipynb"
    if autograded.exists():
        error = _errors(nbformat.read(autograded, as_version=4))
        reason = "; ".join(r for r in (reason, error) if r) or None
    fb_code, fb_output = _nbgrader(work, "generate_feedback", chapter, "--student", sid, "--force", timeout=300)
    if fb_code != 0:
        log(f"feedback for {sid} / {chapter} failed: {fb_output[-500:]}")
    return scores, reason


def _scores(work, sid, chapter):
    from nbgrader.api import Gradebook, MissingEntry

    try:
        with Gradebook(f"sqlite:///{work / 'gradebook.db'}", COURSE_ID) as gb:
            notebook = gb.find_submission_notebook(chapter, chapter, sid)
            scores = {}
            for g in notebook.grades:
                score = g.score
                scores[g.name] = "needs hand grading" if score is None else float(score)
            return scores, True
    except (MissingEntry, Exception):
        return {}, False


def main(argv=None):
    parser = argparse.ArgumentParser(description="nbgrader release and grading for the course")
    sub = parser.add_subparsers(dest="command", required=True)
    rel = sub.add_parser("release", help="write nbgrader's source and release layout (default _build/nbgrader)")
    rel.add_argument("--out", type=Path, default=ROOT / "_build" / "nbgrader")
    rel.add_argument("--chapters", nargs="*")
    gr = sub.add_parser("grade", help="autograde DIR (one folder per student); write _build/grades")
    gr.add_argument("submissions", type=Path)
    gr.add_argument("--out", type=Path, default=ROOT / "_build" / "grades")
    gr.add_argument("--course", type=Path, default=ROOT / "_build" / "nbgrader")
    gr.add_argument("--notebook-timeout", type=int, default=900)
    gr.add_argument("--cell-timeout", type=int, default=None)
    gr.add_argument("--chapters", nargs="*")
    args = parser.parse_args(argv)
    started = time.monotonic()
    if args.command == "release":
        names = release(args.out, args.chapters)
        print(f"released {len(names)} chapters into {args.out} in {time.monotonic() - started:.0f} s")
    else:
        rows = grade(args.submissions, args.out, args.course, args.notebook_timeout, args.cell_timeout, args.chapters)
        print(f"graded {len(rows)} students in {time.monotonic() - started:.0f} s: {args.out / 'grades.csv'}")


if __name__ == "__main__":
    main()
