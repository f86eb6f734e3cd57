"""Re-execute chapter notebooks in place, top to bottom, in a fresh kernel (``make execute``).

Stored outputs are what nbval later compares, so they must come from a real,
clean run.  Timing metadata is not recorded, keeping diffs to real changes.

    python tests/execute_notebooks.py                 # every chapter
    python tests/execute_notebooks.py chapters/01_*.ipynb
"""

import os
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent


def execute(path):
    path = Path(path)
    # As in the test run: a number in the prose that this run contradicts stops the notebook,
    # so a notebook is never stored with a mismatch (the kernel inherits the variable).
    os.environ["COURSE_STRICT_NUMBERS"] = "1"
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb, timeout=600, kernel_name="python3", record_timing=False,
        resources={"metadata": {"path": str(path.parent)}},
    )
    start = time.perf_counter()
    client.execute()
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
    nb.metadata.pop("widgets", None)
    nbformat.write(nb, path)
    return time.perf_counter() - start


def main(paths):
    paths = paths or sorted(str(p) for p in (ROOT / "chapters").glob("*.ipynb"))
    for path in paths:
        print(f"executing {path} ...", flush=True)
        print(f"  done in {execute(path):.1f} s", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
