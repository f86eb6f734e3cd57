"""Every number a chapter checks with ``stated`` is the number its prose states.

Two halves make "a wrong number in the text fails the tests" true:
- here, each ``stated(..., claim)`` claim must appear in the prose just above it;
- nbval re-runs the notebook, where ``stated`` raises if the code disagrees.
The last tests break a chapter on purpose and watch both halves fail.
"""

import copy
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from stated_claims import claims_in, problems

ROOT = Path(__file__).resolve().parent.parent
CHAPTERS = sorted((ROOT / "chapters").glob("*.ipynb"))
MODEL_CHAPTER = ROOT / "chapters" / "01_flatten_dense_deep_dive.ipynb"


def _load(path):
    return json.loads(Path(path).read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_every_checked_claim_is_in_the_prose(path):
    assert problems(_load(path)) == []


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_chapter_checks_its_numbers(path):
    nb = _load(path)
    n = sum(len(claims_in("".join(c["source"]))) for c in nb["cells"] if c["cell_type"] == "code")
    assert n >= 3, f"{path.name} checks only {n} stated numbers"


def _first_parameter_claim(nb):
    for i, cell in enumerate(nb["cells"]):
        if cell["cell_type"] == "code" and '"40"' in "".join(cell["source"]) and "stated(" in "".join(cell["source"]):
            return i
    raise AssertionError("the model chapter no longer checks its 40 parameters")


def test_wrong_number_in_prose_is_caught():
    nb = _load(MODEL_CHAPTER)
    i = _first_parameter_claim(nb)
    broken = copy.deepcopy(nb)
    k = i - 1
    while broken["cells"][k]["cell_type"] != "markdown":
        k -= 1
    text = "".join(broken["cells"][k]["source"])
    assert "40" in text
    broken["cells"][k]["source"] = text.replace("40", "41")
    assert any("does not state 40" in p for p in problems(broken))


def test_wrong_number_in_code_fails_nbval(tmp_path):
    """Prose and check both say 41: the notebook run itself must fail."""
    nb = _load(MODEL_CHAPTER)
    i = _first_parameter_claim(nb)
    broken = copy.deepcopy(nb)
    broken["cells"] = broken["cells"][: i + 1]
    cell = broken["cells"][i]
    cell["source"] = "".join(cell["source"]).replace('"40"', '"41"')
    path = tmp_path / "broken.ipynb"
    path.write_text(json.dumps(broken), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST_XDIST")}
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "--nbval", "--nbval-current-env",
         "-o", "addopts=", "-q", str(path)],
        cwd=ROOT / "chapters", capture_output=True, text=True, env=env, timeout=300,
    )
    assert result.returncode != 0
    assert "StatedNumberError" in result.stdout
