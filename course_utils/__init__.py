"""Helpers shared by the chapters of *Flatten, Dense and Conv2D layers, hands-on*.

Importing this package quiets TensorFlow's C++ log lines before TensorFlow is
ever imported, so notebooks stay free of log noise.

Public API, one module per concern (none belongs to a chapter):

- ``course_utils.notebook``  ``setup_notebook`` (seeds, determinism, quiet logs, plot style)
- ``course_utils.data``      the digits and the data sets made from them: ``load_digits``, ``load_digit_split``
  (train/validation/test), ``Split``, ``stratified_subset``, ``DataFileError``, ``rare_class_split``,
  ``imbalanced_binary``, ``binary_digits``, ``shifted_copies``, ``leak_into_training``, ``copies_found``,
  ``pixel_permutation``, ``permute_pixels``, ``flatten_wrong_axis``, ``fraud_like_split``, ``diabetes_split``
- ``course_utils.models``    every Keras builder: ``dense_classifier``, ``dense_detector``, ``dense_regressor``,
  ``conv_classifier``, ``conv_detector``
- ``course_utils.training``  ``fit_quietly``, ``EpochLog``, ``restart``, ``predict_proba``, ``accuracy_of``,
  ``balanced_class_weight``
- ``course_utils.metrics``   ``Scores``, ``scores_from_counts``, ``scores_from_labels``, ``counts_from_labels``,
  ``labels_from_counts``, ``scores_at``, ``threshold_sweep``, ``choose_threshold``, ``OperatingPoint``, ``UndefinedMetricWarning``
- ``course_utils.plots``     every figure: ``show_digit``, ``show_digits``, ``show_grid``, ``show_vector``,
  ``plot_history``, ``plot_confusion_matrix``, ``plot_threshold_sweep``, ``plot_filters``, ``plot_feature_maps``,
  ``show_colour_digits``, ``plot_shape_change``, ``plot_flatten_orders``
- ``course_utils.tracing``   ``trace_layers``, ``Stage``, ``describe_layer``, ``layer_table``, ``feature_maps``,
  ``epoch_table``, ``text_chart``
- ``course_utils.checks``    ``stated``, ``StatedNumberError``, ``check_shape``, ``positive_int``
- ``course_utils.quiz``      ``QUIZZES``, ``show_quiz``, ``answer_quiz``, ``get_quiz``, ``correct_letters``
- ``course_utils.exercises`` ``Problem``, ``Number``, ``Shape``, ``Values``, ``Choice``, ``Several``, ``Mistake``, ``load_problems``
  (each chapter's problems are declared in ``chapters/problems/<notebook>.py``)
- ``course_utils.feedback``  ``judge`` (the answer judge, standalone: also embedded in nbgrader's hidden tests)
- ``course_utils.assignments`` ``student_edition``, ``write_assignments`` (``make assignments``)
- ``course_utils.grading``   ``release``, ``grade`` (nbgrader, offline: ``make release``, ``make grade SUBMISSIONS=DIR``)
- ``course_utils.torch_tools`` the one module tied to PyTorch (imported on demand: needs torch): ``setup_torch``,
  ``coloured_digits``, ``flatten_mlp``, ``count_parameters``, ``fit_quietly``, ``predict_labels``, ``accuracy_of``,
  ``trace_shapes``, ``caught_error``, ``mismatch_sizes``, ``torch_to_keras_kernel``
"""

import os as _os
import sys as _sys
import warnings as _warnings

# Supported Python versions: TensorFlow's wheels set the ceiling (TensorFlow 2.21 has none for
# 3.14); 3.11 is where the stored outputs are made. The first cell of every chapter imports this
# package, so an unsupported Python is named there instead of failing at some later import.
MIN_PYTHON, MAX_PYTHON = (3, 11), (3, 13)
_FIX = (
    "Fix: install Python 3.11 (the book's outputs were made with it; 3.12 and 3.13 work too), create the "
    "course environment with it (`make env PYTHON=python3.11`, or see START_HERE.md / the README), and "
    "choose that environment's kernel."
)
_version = tuple(_sys.version_info[:2])
if _version < MIN_PYTHON:
    raise RuntimeError(
        f"This course runs on Python 3.11, 3.12 or 3.13; this is Python {_version[0]}.{_version[1]}, which is too old. {_FIX}"
    )
if _version > MAX_PYTHON:
    import importlib.util as _importlib_util

    if _importlib_util.find_spec("tensorflow") is None:
        raise RuntimeError(
            f"This course runs on Python 3.11, 3.12 or 3.13; this is Python {_version[0]}.{_version[1]}, which is "
            f"too new: TensorFlow 2.21, which the course uses, publishes no wheels for it, so it cannot be installed "
            f"here. {_FIX}"
        )
    _warnings.warn(
        f"This course is tested on Python 3.11 to 3.13; this is Python {_version[0]}.{_version[1]}. It may work, "
        "but numbers can differ from the book's. For the book's results use Python 3.11.",
        stacklevel=2,
    )

if "tensorflow" in _sys.modules and "TF_CPP_MIN_LOG_LEVEL" not in _os.environ:
    _warnings.warn(
        "TensorFlow was imported before course_utils, so its log lines are not silenced. "
        "Put `from course_utils import ...` above `import keras` / `import tensorflow`, then restart the kernel.",
        stacklevel=2,
    )

# Before TensorFlow is first imported (see shared TECH_NOTES): level 3 hides the
# ERROR line of the first predict(); the oneDNN flag hides the oneDNN notice and
# fixes the numeric path.  setdefault lets a test run choose the other path.
_os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
_os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")


class _QuietTensorFlowImport:
    """Import hook: TensorFlow's wheel for Linux (``tensorflow``, which can use a GPU) writes
    "Could not find cuda drivers on your machine, GPU will not be used." to stderr while it loads
    on a machine without one, before any log level applies. Only while TensorFlow itself loads, what C
    code writes to stderr is dropped; Python errors still propagate as usual."""

    def find_spec(self, name, path=None, target=None):
        # Libraries probe with importlib.util.find_spec("tensorflow") without importing it, so
        # the hook stays until TensorFlow is really loaded.
        if name != "tensorflow" or "tensorflow" in _sys.modules:
            return None
        import importlib.machinery

        spec = importlib.machinery.PathFinder.find_spec(name, path)
        if spec is not None and spec.loader is not None and hasattr(spec.loader, "exec_module"):
            spec.loader = _QuietLoader(spec.loader)
        return spec


class _QuietLoader:
    def __init__(self, loader):
        self._loader = loader

    def __getattr__(self, name):
        return getattr(self._loader, name)

    def create_module(self, spec):
        return self._loader.create_module(spec)

    def exec_module(self, module):
        _sys.stderr.flush()
        saved, devnull = _os.dup(2), _os.open(_os.devnull, _os.O_WRONLY)
        _os.dup2(devnull, 2)
        try:
            self._loader.exec_module(module)
        finally:
            _os.dup2(saved, 2)
            _os.close(saved)
            _os.close(devnull)
            module.__loader__ = module.__spec__.loader = self._loader


if "tensorflow" not in _sys.modules and not any(type(f).__name__ == "_QuietTensorFlowImport" for f in _sys.meta_path):
    _sys.meta_path.insert(0, _QuietTensorFlowImport())

from .checks import StatedNumberError, check_shape, stated  # noqa: E402
from .data import DataFileError, load_digit_split, load_digits, stratified_subset  # noqa: E402
from .notebook import setup_notebook  # noqa: E402

__all__ = [
    "DataFileError",
    "StatedNumberError",
    "check_shape",
    "load_digit_split",
    "load_digits",
    "setup_notebook",
    "stated",
    "stratified_subset",
]
