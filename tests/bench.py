"""Measure what the course costs to run on this machine (``make bench``).

Writes ``_build/bench.json`` and the book page ``chapters/execution_statistics.md``:
- each notebook's execution time (fresh kernel start and run, median of ``--repeats``) and
  the peak memory of its kernel;
- the wall time of one serial nbval pass over the chapters (``pytest -n 0 chapters``) and of the
  whole test suite as ``make test`` runs it (two workers), and their ratio;
- the time to build the book from the stored outputs.
"""

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable

RUN_ONE = r"""
import resource, sys, time
import nbformat
from nbclient import NotebookClient
nb = nbformat.read(sys.argv[1], as_version=4)
start = time.perf_counter()
NotebookClient(nb, timeout=600, kernel_name="python3", record_timing=False,
               resources={"metadata": {"path": sys.argv[2]}}).execute()
elapsed = time.perf_counter() - start
peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(f"{elapsed:.3f} {peak_kib}")
"""


def run_notebook(path):
    """(seconds, peak kernel memory in MiB) of one execution in a fresh kernel."""
    out = subprocess.run([PY, "-c", RUN_ONE, str(path), str(path.parent)], capture_output=True, text=True, check=True)
    seconds, peak_kib = out.stdout.split()[-2:]
    return float(seconds), int(peak_kib) / 1024


def timed(cmd):
    start = time.perf_counter()
    result = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    if result.returncode != 0:
        print(result.stdout[-3000:], result.stderr[-3000:])
        raise SystemExit(f"failed: {' '.join(cmd)}")
    return time.perf_counter() - start


def title_of(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        for line in "".join(cell["source"]).splitlines():
            if line.startswith("# "):
                return line[2:].strip()
    return path.stem


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--skip-suite", action="store_true", help="do not time the whole test suite")
    parser.add_argument("--page-only", action="store_true", help="rewrite the book page from _build/bench.json")
    args = parser.parse_args()
    if args.page_only:
        write_page(json.loads((ROOT / "_build" / "bench.json").read_text()))
        return

    notebooks = []
    for path in sorted((ROOT / "chapters").glob("*.ipynb")):
        runs = [run_notebook(path) for _ in range(args.repeats)]
        seconds = [r[0] for r in runs]
        notebooks.append({
            "notebook": path.name, "title": title_of(path),
            "median_s": round(statistics.median(seconds), 1), "min_s": round(min(seconds), 1), "max_s": round(max(seconds), 1),
            "peak_memory_mib": round(max(r[1] for r in runs)),
        })
        print(f"{path.name}: median {notebooks[-1]['median_s']} s, peak {notebooks[-1]['peak_memory_mib']} MiB", flush=True)

    book_s = timed([str(Path(PY).parent / "jupyter-book"), "build", ".", "--warningiserror", "--nitpick", "--keep-going"])
    print(f"book build: {book_s:.1f} s", flush=True)
    suite = {}
    if not args.skip_suite:
        suite["nbval"] = round(timed([PY, "-m", "pytest", "-q", "-n", "0", "chapters"]), 1)
        print(f"one serial nbval pass over the chapters: {suite['nbval']} s", flush=True)
        suite["parallel"] = round(timed([PY, "-m", "pytest", "-q", "-n", "2", "--dist", "loadscope"]), 1)
        print(f"test suite as make test runs it: {suite['parallel']} s", flush=True)

    report = {
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "processor": platform.machine()},
        "repeats": args.repeats, "notebooks": notebooks, "book_build_s": round(book_s, 1), "test_suite_s": suite,
    }
    (ROOT / "_build").mkdir(exist_ok=True)
    (ROOT / "_build" / "bench.json").write_text(json.dumps(report, indent=2) + "\n")
    write_page(report)


def write_page(report):
    rows = "\n".join(
        f"| {n['title']} | `{n['notebook']}` | {n['median_s']} s | {n['min_s']}-{n['max_s']} s | {n['peak_memory_mib']} MiB |"
        for n in report["notebooks"]
    )
    largest = max(report["notebooks"], key=lambda n: n["peak_memory_mib"])
    suite = report["test_suite_s"]
    names = {"nbval": "one serial nbval pass over the chapters (`pytest -n 0 chapters`)",
             "parallel": "`make test` (two workers)"}
    suite_rows = "\n".join(f"| {names.get(k, k)} | {v} s |" for k, v in suite.items())
    page = f"""# Execution statistics

What each chapter costs to run, measured by `make bench` on a {report['machine']['cpus']}-core
{report['machine']['processor']} machine with Python {report['machine']['python']} and no GPU,
the kind of laptop the course is written for. Each notebook ran {report['repeats']} times in a
fresh kernel; the time includes starting the kernel and importing TensorFlow or PyTorch.

| chapter | notebook | median time | range | peak memory of the kernel |
|---|---|---|---|---|
{rows}

The largest notebook, by memory, is `{largest['notebook']}` at {largest['peak_memory_mib']} MiB.

| task | wall time |
|---|---|
| build the book from the stored outputs | {report['book_build_s']} s |
{suite_rows}

`make test` runs every notebook under nbval, runs each chapter's student edition, opens every
page in a headless browser and runs the unit and property tests. The page is regenerated by
`make bench`; the raw figures are in `_build/bench.json`.

## Targets

| target | measured | met |
|---|---|---|
{{targets}}

Where the test suite's time goes: `make test` executes each chapter twice, once under nbval (the
instructor edition) and once as the student edition from its zip, so the chapters' own run times
above count double. The nbgrader test grades four submissions of the pipeline-trace chapter, each
a full run of it, and one check of the stated numbers re-runs the first cells of the deep dive
under nbval. The browser tests build the book and visit every page four times; the unit,
property and import-order tests start many short Python processes. The two workers of
`make test` share that work.
"""
    (ROOT / "chapters" / "execution_statistics.md").write_text(page.replace("{targets}", targets(report)))


def targets(report):
    """Rows of the targets table: the course's run-time targets against what was measured."""
    rows = []
    for n in report["notebooks"]:
        limit = 60 if "conv2d" in n["notebook"] else 30
        rows.append((f"`{n['notebook']}` under {limit} s", f"{n['median_s']} s", n["median_s"] < limit))
    rows.append(("book build under 30 s", f"{report['book_build_s']} s", report["book_build_s"] < 30))
    suite = report["test_suite_s"]
    if "parallel" in suite:
        rows.append(("`make test` under 90 s", f"{suite['parallel']} s", suite["parallel"] < 90))
    if "parallel" in suite and "nbval" in suite:
        ratio = suite["parallel"] / suite["nbval"]
        rows.append(("`make test` within 2.5 times one serial nbval pass over the chapters",
                     f"{ratio:.2f} times", ratio <= 2.5))
    return "\n".join(f"| {what} | {got} | {'yes' if ok else 'no'} |" for what, got, ok in rows)


if __name__ == "__main__":
    main()
