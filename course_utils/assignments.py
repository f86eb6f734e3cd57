"""Student editions of the chapters: no solutions anywhere, checks kept (``make assignments``).

An exercise's answer cell in a chapter looks like::

    answer_q1 = None  # replace None with your answer
    ### BEGIN SOLUTION
    answer_q1 = <the worked computation>
    ### END SOLUTION
    ex.q1.check(answer_q1)

The student edition drops the lines from ``### BEGIN SOLUTION`` to ``### END SOLUTION``,
clears that cell's outputs and shows its code. Every other cell, output and figure is kept.
The chapter's problem file (``chapters/problems/<chapter>.py``) is replaced by a student
version: the expectations packed (not in plain sight), the data the notebook shares with it
(``SHARED``) as literals, no ``SOLUTIONS``; its ``solution()`` says where the worked solution
is: the online book (``solutions="book"``) or nowhere (``solutions="none"``).

    python -m course_utils.assignments [OUT_DIR] [--solutions book|none] [--book-url URL]

writes one student notebook per chapter and a zip per chapter that also holds ``course_utils``,
the student problem file, the data and the pinned requirements, ready to hand out.
"""

import argparse
import copy
import re
import zipfile
from pathlib import Path

import nbformat
import numpy as np

ROOT = Path(__file__).resolve().parent.parent
BEGIN, END = "### BEGIN SOLUTION", "### END SOLUTION"
_SOLUTION = re.compile(rf"^[ \t]*{re.escape(BEGIN)}[ \t]*\n.*?^[ \t]*{re.escape(END)}[ \t]*(\n|\Z)", re.M | re.S)
_BLOCK = re.compile(rf"^[ \t]*{re.escape(BEGIN)}[ \t]*\n(.*?)^[ \t]*{re.escape(END)}", re.M | re.S)
_CHECK = re.compile(r"^ex\.(q\d+)\.check\((answer_q\d+)\)\s*$", re.M)
_HIDING_TAGS = {"hide-input", "hide-cell", "remove-input", "remove-cell", "hide-output"}
BOOK_URL = "https://dl-course.github.io/flatten-dense-conv2d"
DATA_FILES = ("mnist_5k.npz", "README.md", "SHA256SUMS", "make_digits.py")

START_HERE = """\
# {title}: student edition

You need Python 3.11, 3.12 or 3.13 on Linux (x86-64), macOS (Apple silicon) or Windows (x86-64).
TensorFlow 2.21, which the course uses, publishes nothing for Python 3.14 or for Intel Macs.
The outputs in the notebook were made with Python 3.11 on Linux.

1. Open a terminal in this folder and create an environment for the course.
   Linux and macOS:

       python3 -m venv .venv
       source .venv/bin/activate

   Windows (Command Prompt or PowerShell; `py -0` lists your Pythons, use -3.12 or -3.13 if
   that is what you have):

       py -3.11 -m venv .venv
       .venv\\Scripts\\activate

   (If PowerShell refuses to run the activation script:
   `Set-ExecutionPolicy -Scope CurrentUser RemoteSigned`, then try again.)

2. Install what this chapter needs, once (inside the environment the command is `python`
   on every system):

       python -m pip install -r requirements.txt
{torch_note}
3. Start Jupyter with `jupyter lab {notebook}` (next time: activate the environment as in
   step 1, then this).
4. Run the cells from the top. Each exercise cell starts with `answer_... = None`: replace
   `None` with your answer and run the cell; it tells you what kind of mistake you made, if any.
   Use `ex.q1.hint()` for a hint; after two wrong tries the check shows the hints itself.

Everything runs offline on a CPU; the digits are in `data/`.
"""

TORCH_NOTE = """
   This chapter also uses PyTorch. On Linux, pip's default PyTorch is the build for NVIDIA
   GPUs, about 2.7 GB more to download. The chapter runs on the CPU, so on Linux you can take
   PyTorch's CPU-only build (about 0.2 GB) instead: install it first, then the rest:

       python -m pip install torch==2.13.0 --index-url https://download.pytorch.org/whl/cpu
       python -m pip install -r requirements.txt

   On macOS and Windows, pip's default PyTorch already is the CPU build.
"""

_TORCH_USE = re.compile(r"^\s*(import torch\b|from torch\b|(from|import) course_utils\.torch_tools\b)", re.M)
_TORCH_PIN = re.compile(r"^torch\s*(==|>=|<=|~=|!=|<|>|;|\[|$)")


def uses_torch(nb):
    """True when a code cell of notebook ``nb`` imports torch or the course's torch helpers."""
    return any(cell.cell_type == "code" and _TORCH_USE.search(cell.source) for cell in nb.cells)


def chapter_requirements(nb, stem):
    """The text of a student zip's requirements.txt: the learners' requirements.txt, without
    torch (and the comment above it) when the chapter does not use it, plus JupyterLab (pinned as
    in requirements-dev.txt) to open the notebook."""
    lines = (ROOT / "requirements.txt").read_text().splitlines()
    while lines and lines[0].startswith("#"):  # the header speaks of the repository
        del lines[0]
    if not uses_torch(nb):
        for i in [i for i, line in enumerate(lines) if _TORCH_PIN.match(line)][::-1]:
            start = i
            while start > 0 and lines[start - 1].startswith("#"):
                start -= 1
            del lines[start:i + 1]
    dev = ROOT / "requirements-dev.txt"
    lab = [line for line in dev.read_text().splitlines() if line.startswith("jupyterlab==")] if dev.exists() else []
    header = [f"# What {stem} needs, at the versions its outputs were made with (Linux x86-64, Python 3.11).",
              "# Install: python -m pip install -r requirements.txt (START_HERE.md says more)."]
    return "\n".join(header + lines + ["# To open the notebook", *(lab or ["jupyterlab"])]) + "\n"

STUDENT_PROBLEMS = '''\
"""Exercises of chapter {chapter}: student edition, written by `make assignments`.

The expected answers are packed below so that they are not in plain sight; the worked solutions
are not part of this edition ({where}).
"""

import numpy as np  # noqa: F401  (the shared data below may use it)

SOLUTIONS_AT = {solutions_at!r}
{shared}
ENCODED_PROBLEMS = (
{encoded}
)
'''


def has_solution(source):
    """True when a cell's source holds a complete BEGIN/END SOLUTION block."""
    return bool(_SOLUTION.search(source))


def strip_solutions(source):
    """Remove every ``### BEGIN SOLUTION`` ... ``### END SOLUTION`` block (markers included).

    Raises ``ValueError`` when the markers are unbalanced, naming what is missing.
    """
    if source.count(BEGIN) != source.count(END):
        raise ValueError(f"unbalanced solution markers: {source.count(BEGIN)} '{BEGIN}' and {source.count(END)} '{END}'")
    return _SOLUTION.sub("", source)


def solution_code(source):
    """The code between the markers of one cell (markers excluded)."""
    return "".join(_BLOCK.findall(source)).rstrip("\n")


def exercise_of(cell):
    """``("q1", "answer_q1")`` for an exercise cell (solution block + ``ex.qN.check(answer_qN)``), else None."""
    if cell.cell_type != "code" or not has_solution(cell.source):
        return None
    match = _CHECK.search(cell.source)
    return (match.group(1), match.group(2)) if match else None


def student_edition(nb, chapter=None):
    """Return a student copy of notebook ``nb`` (an nbformat node); ``nb`` is not changed.

    Raises ``ValueError`` when the notebook has no exercise with a solution.
    """
    student = copy.deepcopy(nb)
    n = 0
    for cell in student.cells:
        if cell.cell_type != "code" or BEGIN not in cell.source:
            continue
        cell.source = strip_solutions(cell.source)
        cell.outputs = []
        cell.execution_count = None
        cell.metadata["tags"] = [t for t in cell.metadata.get("tags", []) if t not in _HIDING_TAGS]
        n += 1
    if n == 0:
        raise ValueError("the notebook has no exercise with a '### BEGIN SOLUTION' block")
    student.metadata["course_edition"] = "student"
    if chapter:
        student.metadata["course_chapter"] = chapter
    return student


def _literal(value):
    """Python source for a value of the shared data (numbers, text, tuples, lists, dicts, NumPy arrays)."""
    if isinstance(value, np.ndarray):
        return f"np.array({value.tolist()!r}, dtype={str(value.dtype)!r})"
    if isinstance(value, np.generic):
        return repr(value.item())
    if isinstance(value, tuple):
        return "(" + "".join(_literal(v) + ", " for v in value) + ")"
    if isinstance(value, list):
        return "[" + ", ".join(_literal(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_literal(k)}: {_literal(v)}" for k, v in value.items()) + "}"
    if value is None or isinstance(value, (bool, int, float, str)):
        return repr(value)
    raise TypeError(f"shared data must be numbers, text, tuples, lists, dicts or NumPy arrays, got {type(value).__name__}")


def student_problems(chapter, solutions="book", book_url=BOOK_URL):
    """Source of the student edition of ``chapters/problems/<chapter>.py`` (no solutions, packed checks)."""
    from .exercises import encode_problems, load_problems, problems_of

    if solutions not in ("book", "none"):
        raise ValueError(f"solutions must be 'book' or 'none', got {solutions!r}")
    module = load_problems(chapter)
    where = f"{book_url.rstrip('/')}/chapters/{chapter}.html#exercises" if solutions == "book" else None
    shared = "".join(f"{name} = {_literal(getattr(module, name))}\n" for name in getattr(module, "SHARED", ()))
    encoded = encode_problems(problems_of(module))
    lines = "\n".join(f"    {encoded[i:i + 88]!r}" for i in range(0, len(encoded), 88))
    return STUDENT_PROBLEMS.format(
        chapter=chapter, solutions_at=where, shared=shared, encoded=lines,
        where=f"they are in the online book, under each exercise: {where}" if where else "ask your instructor",
    )


def _title(nb):
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return "Chapter"


def write_assignments(out_dir=ROOT / "_build" / "assignments", chapters=None, solutions="book", book_url=BOOK_URL):
    """Write ``<chapter>.ipynb``, ``problems/<chapter>.py`` and ``<chapter>.zip`` for every chapter.

    Returns the list of notebook paths written.
    """
    out_dir = Path(out_dir)
    (out_dir / "problems").mkdir(parents=True, exist_ok=True)
    chapters = sorted(chapters or (ROOT / "chapters").glob("[0-9]*.ipynb"))
    written = []
    for path in chapters:
        path = Path(path)
        student = student_edition(nbformat.read(path, as_version=4), chapter=path.stem)
        target = out_dir / path.name
        nbformat.write(student, target)
        problems = out_dir / "problems" / f"{path.stem}.py"
        problems.write_text(student_problems(path.stem, solutions, book_url))
        write_bundle(out_dir / f"{path.stem}.zip", path.stem, target, problems, _title(student))
        written.append(target)
    return written


def bundle_files(notebook, problems):
    """``{path inside the bundle: source path}`` of a student bundle (also nbgrader's source folder)."""
    files = {notebook.name: notebook, f"problems/{problems.name}": problems,
             "requirements.txt": ROOT / "requirements.txt"}
    files.update({f"data/{name}": ROOT / "data" / name for name in DATA_FILES})
    package = ROOT / "course_utils"
    files.update({str(p.relative_to(ROOT)): p for p in sorted(package.rglob("*.py"))})
    return files


def write_bundle(zip_path, stem, notebook, problems, title):
    with zipfile.ZipFile(zip_path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for inside, source in bundle_files(notebook, problems).items():
            if inside != "requirements.txt":
                archive.write(source, f"{stem}/{inside}")
        nb = nbformat.read(notebook, as_version=4)
        archive.writestr(f"{stem}/requirements.txt", chapter_requirements(nb, stem))  # replaces the full one
        archive.writestr(f"{stem}/START_HERE.md", START_HERE.format(
            title=title, notebook=notebook.name, torch_note=TORCH_NOTE if uses_torch(nb) else ""))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?", default=ROOT / "_build" / "assignments", type=Path)
    parser.add_argument("--solutions", choices=["book", "none"], default="book",
                        help="where a student's solution() points: the online book, or nowhere")
    parser.add_argument("--book-url", default=BOOK_URL)
    args = parser.parse_args(argv)
    for path in write_assignments(args.out, solutions=args.solutions, book_url=args.book_url):
        print(f"wrote {path} and {path.with_suffix('.zip').name}")


if __name__ == "__main__":
    main()
