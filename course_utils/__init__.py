"""Helpers shared by the chapters of *Flatten, Dense and Conv2D layers, hands-on*.

Importing this package quiets TensorFlow's C++ log lines before TensorFlow is
ever imported, so notebooks stay free of log noise.

Public API, one module per concern (none belongs to a chapter):

- ``course_utils.notebook``  ``setup_notebook`` (seeds, determinism, quiet logs, plot style)
- ``course_utils.data``      the digits and the data sets made from them: ``load_digits``, ``load_digit_split``
  (train/validation/test), ``Split``, ``stratified_subset``, ``DataFileError``, ``rare_class_split``,
  ``imbalanced_binary``, ``binary_digits``, ``shifted_copies``, ``leak_into_training``, ``copies_found``,
  ``pixel_permutation``, ``permute_pixels``, ``flatten_wrong_axis``, ``fraud_like_split``, ``diabetes_split``
  (and, until every chapter has moved, the former two-part ``load_legacy_split``)
- ``course_utils.models``    every Keras builder: ``dense_classifier``, ``dense_detector``, ``dense_regressor``,
  ``conv_classifier``, ``conv_detector``
- ``course_utils.training``  ``fit_quietly``, ``EpochLog``, ``predict_proba``, ``accuracy_of``, ``balanced_class_weight``
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

MIN_PYTHON = (3, 11)
if _sys.version_info < MIN_PYTHON:
    raise RuntimeError(
        f"This course needs Python {MIN_PYTHON[0]}.{MIN_PYTHON[1]} or newer; this is Python "
        f"{_sys.version_info[0]}.{_sys.version_info[1]}. Fix: install Python 3.11, then run `make env` "
        "(it creates .venv with it) and choose that environment's kernel."
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

from .checks import StatedNumberError, check_shape, stated  # noqa: E402
from .data import DataFileError, load_digit_split, load_digits, load_legacy_split, stratified_subset  # noqa: E402
from .notebook import setup_notebook  # noqa: E402

__all__ = [
    "DataFileError",
    "StatedNumberError",
    "check_shape",
    "load_digit_split",
    "load_digits",
    "load_legacy_split",
    "setup_notebook",
    "stated",
    "stratified_subset",
]
