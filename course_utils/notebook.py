"""One-call set-up for every chapter notebook."""

import random

import numpy as np

SEED = 0


def setup_notebook(seed=SEED, *, tensorflow=True):
    """Make a notebook quiet, deterministic and consistently styled.

    Seeds Python, NumPy and (when ``tensorflow=True``) TensorFlow/Keras with
    ``seed``, turns on TensorFlow's op determinism, fixes NumPy's print
    precision and the figure style (opaque white backgrounds, readable in the
    book's dark mode too), and prints the versions the outputs were made with.
    TensorFlow's C++ log lines are silenced on import of ``course_utils``.
    """
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0:
        raise ValueError(f"seed must be a non-negative whole number; got {seed!r}")
    import matplotlib
    import matplotlib.pyplot as plt

    random.seed(seed)
    np.random.seed(seed)
    np.set_printoptions(precision=3, suppress=True, linewidth=100)
    plt.rcParams.update(
        {
            "figure.facecolor": "white",
            "savefig.facecolor": "white",
            "axes.facecolor": "white",
            "figure.dpi": 90,
            "axes.titlesize": "medium",
            "axes.grid": False,
        }
    )
    versions = [f"NumPy {np.__version__}", f"Matplotlib {matplotlib.__version__}"]
    if tensorflow:
        keras, tf = _import_tensorflow()

        tf.get_logger().setLevel("ERROR")  # no retracing warnings in outputs
        keras.utils.set_random_seed(seed)
        tf.config.experimental.enable_op_determinism()
        versions = [f"TensorFlow {tf.__version__}", f"Keras {keras.__version__}"] + versions
    print(f"Seed {seed}; " + ", ".join(versions))


INSTALL_HINT = "Fix: run `make env` in the course folder (or `pip install -r requirements.txt`), then restart the kernel."


def _import_tensorflow():
    """Import Keras and TensorFlow, or say exactly what is missing and how to fix it."""
    try:
        import keras
        import tensorflow as tf
    except ModuleNotFoundError as missing:
        raise ModuleNotFoundError(f"{missing.name} is not installed in this Python environment. {INSTALL_HINT}") from None
    return keras, tf
