"""keras, tensorflow, torch and course_utils import with each library first and each pair in both
orders, then both libraries work (issue 19).

PyPI's CUDA build of torch (what pip gives on Linux for Python 3.12 and 3.13, and for 3.11 on a
machine without a local CPU wheel) brings triton. Loading triton after TensorFlow used to kill
the process at torch's first ``use_deterministic_algorithms`` or optimizer (a segfault, or
``LLVM ERROR: inconsistency in registered CommandLine options``); ``course_utils.torch_tools``
now prevents it. Three orders of the three libraries each run in a fresh process, as a
script, with whatever torch build is installed (the test reports which). One order also runs
as a notebook, in a kernel.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NAMES = ("keras", "tensorflow", "torch", "course_utils")


def _orders():
    """``import keras`` loads TensorFlow, so the later of keras/tensorflow loads nothing new: what
    matters is the order of three groups (TensorFlow, torch, course_utils). Their 3 rotations put
    each group first once and each pair of groups in both orders; keras comes before tensorflow
    in two of them and after it in the third."""
    orders = []
    rotations = [("tf", "torch", "course_utils"), ("torch", "course_utils", "tf"), ("course_utils", "tf", "torch")]
    for i, groups in enumerate(rotations):
        pair = ("keras", "tensorflow") if i % 2 == 0 else ("tensorflow", "keras")
        orders.append(tuple(name for g in groups for name in (pair if g == "tf" else (g,))))
    return orders


ORDERS = _orders()

IMPORTS = {
    "keras": "import keras",
    "tensorflow": "import tensorflow as tf",
    "torch": "import torch",
    # as the PyTorch chapter does: the package, then its torch helpers
    "course_utils": "import course_utils\nfrom course_utils.torch_tools import setup_torch",
}

# After the imports: what crashed before (deterministic algorithms, an optimizer step), then
# one Keras layer, so both libraries are shown to work in the same process.
WORK = """
import sys
import keras
import tensorflow as tf
import torch
from course_utils.torch_tools import setup_torch
setup_torch()
model = torch.nn.Sequential(torch.nn.Flatten(), torch.nn.Linear(12, 2))
optimizer = torch.optim.Adam(model.parameters(), lr=0.01)
loss = torch.nn.functional.cross_entropy(model(torch.ones(4, 3, 2, 2)), torch.tensor([0, 1, 0, 1]))
loss.backward()
optimizer.step()
dense = keras.layers.Dense(2)(tf.ones((1, 3)))
print("OK", torch.__version__, "triton", "loaded" if sys.modules.get("triton") else "not loaded", tuple(dense.shape))
"""


def _script(order):
    return "\n".join(IMPORTS[name] for name in order) + "\n" + WORK


def _env():
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH", "")) if p)
    # TensorFlow quiet whatever comes first (course_utils sets these only when it is first)
    env.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    env.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")
    return env


@pytest.mark.parametrize("order", ORDERS, ids=["-".join(o) for o in ORDERS])
def test_imports_in_any_order_then_torch_and_keras_work(order):
    result = subprocess.run([sys.executable, "-X", "faulthandler", "-c", _script(order)], capture_output=True,
                            text=True, cwd=ROOT, env=_env(), timeout=300)
    assert result.returncode == 0, (
        f"imports in the order {', '.join(order)} ended with exit code {result.returncode}:\n{result.stderr[-3000:]}")
    assert result.stdout.splitlines()[-1].startswith("OK "), result.stdout


def test_tensorflow_first_in_a_notebook_kernel(tmp_path):
    """The order that killed the kernel (Keras first, then the PyTorch chapter's imports), in Jupyter."""
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    cells = [IMPORTS[name] for name in ("keras", "tensorflow", "torch", "course_utils")] + [WORK]
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    old = dict(os.environ)
    os.environ.update(_env())
    try:
        nbclient.NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}).execute()
    finally:
        os.environ.clear()
        os.environ.update(old)
    last = "".join(out.get("text", "") for out in nb.cells[-1].outputs if out.output_type == "stream")
    assert "OK " in last, last


def test_tensorflow_loads_silently_after_course_utils():
    """TensorFlow's Linux wheel says "Could not find cuda drivers ..." on stderr while it loads,
    before any log level applies; course_utils drops that (chapters import it first)."""
    code = "import course_utils\nimport keras\nprint(keras.layers.Dense(2)(keras.ops.ones((1, 3))).shape)"
    env = {k: v for k, v in _env().items() if not k.startswith("TF_")}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env=env, timeout=300)
    assert result.returncode == 0 and result.stdout.strip() == "(1, 2)", result.stderr[-3000:]
    assert result.stderr == "", result.stderr[-3000:]


def test_tensorflow_loads_silently_even_after_a_probe():
    """Libraries ask importlib.util.find_spec("tensorflow") before anyone imports it; the
    silencing must still apply to the real import that follows."""
    code = ("import course_utils, importlib.util\nassert importlib.util.find_spec('tensorflow') is not None\n"
            "import keras\nprint(keras.layers.Dense(2)(keras.ops.ones((1, 3))).shape)")
    env = {k: v for k, v in _env().items() if not k.startswith("TF_")}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env=env, timeout=300)
    assert result.returncode == 0 and result.stdout.strip() == "(1, 2)", result.stderr[-3000:]
    assert result.stderr == "", result.stderr[-3000:]
