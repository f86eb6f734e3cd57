"""Student editions of the chapters: solutions removed, checks kept (``make assignments``).

An exercise's answer cell in a chapter looks like::

    answer_q1 = None  # replace None with your answer
    ### BEGIN SOLUTION
    answer_q1 = 28 * 28 * 32 + 32
    ### END SOLUTION
    ex.q1.check(answer_q1)

The student edition drops the lines from ``### BEGIN SOLUTION`` to
``### END SOLUTION``, clears that cell's outputs and shows its code (the
instructor edition folds it away in the book).  Every other cell, output and
figure is kept, so students can compare their run with the reference.

    python -m course_utils.assignments [OUT_DIR]   # default _build/assignments

writes one student notebook per chapter and a zip per chapter that also holds
``course_utils``, the data and the pinned requirements, ready to hand out.
"""

import copy
import re
import sys
import zipfile
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
BEGIN, END = "### BEGIN SOLUTION", "### END SOLUTION"
_SOLUTION = re.compile(rf"^[ \t]*{re.escape(BEGIN)}[ \t]*\n.*?^[ \t]*{re.escape(END)}[ \t]*(\n|\Z)", re.M | re.S)
_HIDING_TAGS = {"hide-input", "hide-cell", "remove-input", "remove-cell"}

START_HERE = """\
# {title}: student edition

1. Install Python 3.11 or newer, then in this folder run:

       python -m venv .venv && . .venv/bin/activate      # Windows: .venv\\Scripts\\activate
       pip install -r requirements.txt

2. Start Jupyter with `jupyter lab` and open `{notebook}`.
3. Run the cells from the top. Each exercise cell starts with `answer_... = None`: replace
   `None` with your answer and run the cell; it tells you whether you are right. Use
   `ex.q1.hint()` for a hint.

Everything runs offline on a CPU; the digits are in `data/`.
"""


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


def student_edition(nb):
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
        tags = [t for t in cell.metadata.get("tags", []) if t not in _HIDING_TAGS]
        cell.metadata["tags"] = tags
        n += 1
    if n == 0:
        raise ValueError("the notebook has no exercise with a '### BEGIN SOLUTION' block")
    student.metadata["course_edition"] = "student"
    return student


def _title(nb):
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return "Chapter"


def write_assignments(out_dir=ROOT / "_build" / "assignments", chapters=None):
    """Write ``<chapter>.ipynb`` and ``<chapter>.zip`` for every chapter into ``out_dir``.

    Returns the list of notebook paths written.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    chapters = sorted(chapters or (ROOT / "chapters").glob("*.ipynb"))
    written = []
    for path in chapters:
        path = Path(path)
        student = student_edition(nbformat.read(path, as_version=4))
        target = out_dir / path.name
        nbformat.write(student, target)
        _zip(out_dir / f"{path.stem}.zip", path.stem, target, _title(student))
        written.append(target)
    return written


def _zip(zip_path, stem, notebook, title):
    package = ROOT / "course_utils"
    with zipfile.ZipFile(zip_path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.write(notebook, f"{stem}/{notebook.name}")
        archive.writestr(f"{stem}/START_HERE.md", START_HERE.format(title=title, notebook=notebook.name))
        archive.write(ROOT / "requirements.txt", f"{stem}/requirements.txt")
        for name in ("mnist_5k.npz", "README.md", "SHA256SUMS", "make_digits.py"):
            archive.write(ROOT / "data" / name, f"{stem}/data/{name}")
        for source in sorted(package.rglob("*.py")):
            archive.write(source, f"{stem}/{source.relative_to(ROOT)}")


def main(argv):
    out = Path(argv[0]) if argv else ROOT / "_build" / "assignments"
    for path in write_assignments(out):
        print(f"wrote {path} and {path.with_suffix('.zip').name}")


if __name__ == "__main__":
    main(sys.argv[1:])
