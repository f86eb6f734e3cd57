"""Environment guards: an old Python or a missing TensorFlow gets a message with the fix."""

import builtins
import subprocess
import sys
from pathlib import Path

import pytest

from course_utils import notebook

ROOT = Path(__file__).resolve().parent.parent


def test_old_python_is_refused_with_the_fix():
    code = (
        "import sys\n"
        "class V(tuple):\n"
        "    major, minor = 3, 9\n"
        "sys.version_info = V((3, 9, 0, 'final', 0))\n"
        "import course_utils\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert result.returncode != 0
    assert "needs Python 3.11 or newer; this is Python 3.9" in result.stderr
    assert "make env" in result.stderr


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
    with pytest.raises(ValueError, match="seed must be a non-negative whole number"):
        notebook.setup_notebook(seed)
