"""The book does not hand out answers: exercise cells show the starter code, the solution is in a dropdown.

Loaded through ``sphinx.local_extensions`` in _config.yml (owner of this file: issue 17, helper "homework").

- ``source-read``: in each chapter notebook, every exercise cell (a ``### BEGIN SOLUTION`` block
  and ``ex.qN.check(answer_qN)``) loses its solution block, its stored output ("correct!") and
  its hiding tags, so the page shows the code a learner starts from; a collapsed "Worked solution"
  dropdown follows it, holding the chapter's ``SOLUTIONS[qN]`` (or the cell's solution code).
- ``build-finished``: the download button's file (``_sources/chapters/<chapter>.ipynb``) is
  replaced by the student edition of the notebook, one a learner can work in.
"""

import json
import sys
from pathlib import Path

import nbformat


def _tools(srcdir):
    if str(srcdir) not in sys.path:
        sys.path.insert(0, str(srcdir))
    from course_utils import assignments
    from course_utils.exercises import load_problems

    return assignments, load_problems


def _chapter(app, docname):
    path = Path(app.srcdir) / f"{docname}.ipynb"
    if not docname.startswith("chapters/") or not path.exists():
        return None
    return path


def _dropdown(code):
    fence = "````" if "```" in code else "```"
    try:
        compile(code, "solution", "exec")
        language = "python"
    except SyntaxError:  # prose with the code: no Python highlighting (it would warn)
        language = "text"
    return f":::{{dropdown}} Worked solution\n{fence}{language}\n{code}\n{fence}\n:::\n"


def book_version(nb, chapter, srcdir):
    """The notebook as the book shows it: starter code, no answers in outputs, solutions in dropdowns."""
    assignments, load_problems = _tools(srcdir)
    try:
        solutions = getattr(load_problems(chapter), "SOLUTIONS", {}) or {}
    except ValueError:
        solutions = {}
    cells = []
    for cell in nb.cells:
        exercise = assignments.exercise_of(cell)
        if not exercise:
            cells.append(cell)
            continue
        code = solutions.get(exercise[0]) or assignments.solution_code(cell.source)
        cell.source = assignments.strip_solutions(cell.source)
        cell.outputs, cell.execution_count = [], None
        cell.metadata["tags"] = [t for t in cell.metadata.get("tags", []) if t not in assignments._HIDING_TAGS]
        cells += [cell, nbformat.v4.new_markdown_cell(_dropdown(code))]
    nb.cells = cells
    return nb


def on_source_read(app, docname, source):
    path = _chapter(app, docname)
    if path is None:
        return
    nb = nbformat.reads(source[0], as_version=4)
    source[0] = nbformat.writes(book_version(nb, path.stem, app.srcdir))


def on_build_finished(app, exception):
    if exception is not None or app.builder.format != "html":
        return
    assignments, _ = _tools(app.srcdir)
    sources = Path(app.outdir) / "_sources" / "chapters"
    for path in sorted((Path(app.srcdir) / "chapters").glob("[0-9]*.ipynb")):
        target = sources / path.name
        if target.exists():
            student = assignments.student_edition(nbformat.read(path, as_version=4), chapter=path.stem)
            target.write_text(json.dumps(student, indent=1, ensure_ascii=False) + "\n")


def setup(app):
    app.connect("source-read", on_source_read)
    app.connect("build-finished", on_build_finished)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
