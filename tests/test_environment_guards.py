"""Environment guards: an old Python or a missing TensorFlow gets a message with the fix."""

import builtins
import subprocess
import sys
from pathlib import Path

import pytest

from course_utils import notebook

ROOT = Path(__file__).resolve().parent.parent


def _import_as_python(minor, before=""):
    """Import course_utils in a child process that reports Python 3.<minor>."""
    code = (
        "import sys\n"
        "import numpy  # loaded with the real version: NumPy reads sys.version_info too\n"
        "class V(tuple):\n"
        f"    major, minor = 3, {minor}\n"
        f"sys.version_info = V((3, {minor}, 0, 'final', 0))\n"
        f"{before}"
        "import course_utils\n"
    )
    return subprocess.run([sys.executable, "-W", "always", "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)


def test_old_python_is_refused_with_the_fix():
    result = _import_as_python(9)
    assert result.returncode != 0
    assert "This course runs on Python 3.11, 3.12 or 3.13; this is Python 3.9, which is too old." in result.stderr
    assert "make env PYTHON=python3.11" in result.stderr


def test_too_new_python_without_tensorflow_is_refused_with_the_reason():
    # TensorFlow 2.21 has no wheels for 3.14, so there it is simply not installed
    result = _import_as_python(14, before="sys.modules['tensorflow'] = None\n")
    assert result.returncode != 0
    assert "this is Python 3.14, which is too new: TensorFlow 2.21, which the course uses, publishes no wheels" in result.stderr
    assert "make env PYTHON=python3.11" in result.stderr


def test_too_new_python_with_tensorflow_only_warns():
    result = _import_as_python(14)
    assert result.returncode == 0, result.stderr
    assert "This course is tested on Python 3.11 to 3.13; this is Python 3.14." in result.stderr


def test_this_python_imports_without_a_version_message():
    # the suite itself runs on 3.11, 3.12 and 3.13 (README); faking those versions would break NumPy
    result = _import_as_python(sys.version_info.minor)
    assert result.returncode == 0 and "this is Python" not in result.stderr, result.stderr


def test_missing_tensorflow_names_the_fix(monkeypatch):
    real_import = builtins.__import__

    def no_tensorflow(name, *args, **kwargs):
        if name in ("tensorflow", "keras"):
            raise ModuleNotFoundError(f"No module named '{name}'", name=name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_tensorflow)
    with pytest.raises(ModuleNotFoundError, match=r"keras is not installed in this Python environment\. Fix: run `make env`"):
        notebook.setup_notebook()


def test_tensorflow_imported_first_is_reported():
    code = "import os; os.environ.pop('TF_CPP_MIN_LOG_LEVEL', None)\nimport tensorflow\nimport course_utils\n"
    env = {"PATH": "/usr/bin:/bin", "TF_ENABLE_ONEDNN_OPTS": "0"}
    result = subprocess.run([sys.executable, "-W", "always", "-c", code], capture_output=True, text=True, cwd=ROOT, env=env, timeout=120)
    assert "TensorFlow was imported before course_utils" in result.stderr


@pytest.mark.parametrize("seed", [-1, 1.5, True, "0"])
def test_setup_rejects_bad_seeds(seed):
    with pytest.raises((TypeError, ValueError), match="seed must be a non-negative whole number"):
        notebook.setup_notebook(seed)
