"""Classification metrics from confusion-matrix counts, validated like scikit-learn's.

    >>> scores_from_counts(tp=40, fn=10, fp=5, tn=45)
    Scores(accuracy=0.85, precision=0.888..., recall=0.8, f1=0.842...)

From labels (``counts_from_labels``, ``scores_from_labels``), from predicted
probabilities at a threshold (``scores_at``), and across thresholds:
``threshold_sweep`` scores every threshold and ``choose_threshold`` picks the
one that meets a goal (choose it on validation data, never on the test part).

When a denominator is zero (no predicted positives, say), the score is
undefined; as in scikit-learn, it is set to ``zero_division`` (0.0 by
default) and an ``UndefinedMetricWarning`` says so, instead of crashing.
"""

import warnings
from typing import NamedTuple

import numpy as np


class UndefinedMetricWarning(UserWarning):
    """A score had a zero denominator and was set to ``zero_division``."""


class Scores(NamedTuple):
    """Scores of the positive class, each a fraction in [0, 1]."""

    accuracy: float
    precision: float
    recall: float
    f1: float


def _count(name, value):
    if isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{name} must be a whole-number count, got a bool ({value!r})")
    if isinstance(value, (float, np.floating)):
        if value != value:
            raise ValueError(f"{name} must be a whole-number count, got NaN")
        if not float(value).is_integer():
            raise ValueError(f"{name} must be a whole-number count, got {value!r}; counts of samples cannot be fractional")
        value = int(value)
    if not isinstance(value, (int, np.integer)):
        raise TypeError(f"{name} must be a whole-number count, got {type(value).__name__} ({value!r})")
    if value < 0:
        raise ValueError(f"{name} must be zero or more, got {value}; a count of samples cannot be negative")
    return int(value)


def _ratio(numerator, denominator, what, zero_division):
    if denominator == 0:
        if zero_division == "warn":
            warnings.warn(f"{what} is undefined (its denominator is 0); it is set to 0.0", UndefinedMetricWarning, stacklevel=3)
            return 0.0
        return float(zero_division)
    return numerator / denominator


def scores_from_counts(tp, fn, fp, tn, *, zero_division="warn"):
    """Accuracy, precision, recall and F1 of the positive class from the four counts.

    Parameters are whole, non-negative counts of true positives, false
    negatives, false positives and true negatives (a float such as 40.0 is
    accepted).  ``zero_division``: the value of an undefined score, or
    ``"warn"`` for 0.0 with an ``UndefinedMetricWarning``.

    Raises ``TypeError`` for a non-number, ``ValueError`` for a negative or
    fractional count, or when all four counts are zero (nothing to score).
    """
    tp, fn, fp, tn = (_count(n, v) for n, v in zip(("tp", "fn", "fp", "tn"), (tp, fn, fp, tn)))
    if zero_division != "warn" and zero_division not in (0, 1, 0.0, 1.0):
        raise ValueError(f"zero_division must be 'warn', 0 or 1; got {zero_division!r}")
    total = tp + fn + fp + tn
    if total == 0:
        raise ValueError("all four counts are zero: there are no samples to score")
    return Scores(
        accuracy=(tp + tn) / total,
        precision=_ratio(tp, tp + fp, "precision", zero_division),
        recall=_ratio(tp, tp + fn, "recall", zero_division),
        f1=_ratio(2 * tp, 2 * tp + fp + fn, "F1", zero_division),
    )


def labels_from_counts(tp, fn, fp, tn):
    """Label arrays ``(y_true, y_pred)`` of 1s and 0s that have exactly these counts.

    Useful to cross-check a confusion matrix with scikit-learn.  Both arrays have
    shape (tp + fn + fp + tn,), positive class 1.
    """
    tp, fn, fp, tn = (_count(n, v) for n, v in zip(("tp", "fn", "fp", "tn"), (tp, fn, fp, tn)))
    y_true = np.array([1] * tp + [1] * fn + [0] * fp + [0] * tn, dtype=np.int64)
    y_pred = np.array([1] * tp + [0] * fn + [1] * fp + [0] * tn, dtype=np.int64)
    return y_true, y_pred


def counts_from_labels(y_true, y_pred, positive=1):
    """The four counts ``(tp, fn, fp, tn)`` for class ``positive``.

    ``y_true`` and ``y_pred`` are 1-D label arrays of the same length.
    """
    y_true, y_pred = np.asarray(y_true), np.asarray(y_pred)
    if y_true.ndim != 1 or y_pred.shape != y_true.shape:
        raise ValueError(f"y_true and y_pred must be 1-D and of the same length; got shapes {y_true.shape} and {y_pred.shape}")
    if y_true.size == 0:
        raise ValueError("y_true is empty: there are no samples to count")
    t, p = y_true == positive, y_pred == positive
    return int(np.sum(t & p)), int(np.sum(t & ~p)), int(np.sum(~t & p)), int(np.sum(~t & ~p))


def threshold_sweep(y_true, scores, thresholds):
    """Precision and recall of the rule ``score >= threshold`` at each threshold.

    ``y_true``: (n,) labels 0/1; ``scores``: (n,) predicted probabilities of
    class 1; ``thresholds``: 1-D increasing values.  Returns a dict of arrays
    ``threshold``, ``precision``, ``recall`` (precision is 1.0 where nothing is
    predicted positive: no false alarm was raised).
    """
    y_true, scores, thresholds = np.asarray(y_true), np.asarray(scores, dtype=float), np.asarray(thresholds, dtype=float)
    if y_true.ndim != 1 or scores.shape != y_true.shape:
        raise ValueError(f"y_true and scores must be 1-D and of the same length; got {y_true.shape} and {scores.shape}")
    if thresholds.ndim != 1 or thresholds.size == 0:
        raise ValueError(f"thresholds must be a non-empty 1-D array; got shape {thresholds.shape}")
    if not set(np.unique(y_true)) <= {0, 1}:
        raise ValueError("y_true must hold only 0 and 1")
    if np.isnan(scores).any():
        raise ValueError("scores contain NaN")
    precision, recall = [], []
    for t in thresholds:
        tp, fn, fp, tn = counts_from_labels(y_true, (scores >= t).astype(int))
        precision.append(tp / (tp + fp) if tp + fp else 1.0)
        recall.append(tp / (tp + fn) if tp + fn else 0.0)
    return {"threshold": thresholds, "precision": np.array(precision), "recall": np.array(recall)}


def _target(name, value):
    if value is None:
        return None
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, float, np.integer, np.floating)) or not 0 <= value <= 1:
        raise ValueError(f"{name} must be a number from 0 to 1; got {value!r}")
    return float(value)


class OperatingPoint(NamedTuple):
    """An operating point: a decision threshold and the precision and recall it gives."""

    threshold: float
    precision: float
    recall: float


def choose_threshold(sweep, *, min_recall=None, min_precision=None):
    """The threshold of a ``threshold_sweep`` that meets one goal best.

    Give exactly one goal.  ``min_precision``: among thresholds whose precision
    is at least this (few false alarms, as in spam filtering), the one with the
    highest recall.  ``min_recall``: among thresholds whose recall is at least
    this (few misses, as in disease screening), the one with the highest
    precision.  Ties go to the better-met goal, then to the lower threshold.

    Returns a ``OperatingPoint(threshold, precision, recall)`` of floats.  Raises
    ``ValueError`` when no threshold of the sweep meets the goal.
    """
    min_precision = _target("min_precision", min_precision)
    min_recall = _target("min_recall", min_recall)
    if (min_precision is None) == (min_recall is None):
        raise ValueError("give exactly one goal: min_precision=... or min_recall=...")
    if not isinstance(sweep, dict):
        raise TypeError(f"sweep must be the dict from threshold_sweep; got {type(sweep).__name__}")
    missing = {"threshold", "precision", "recall"} - set(sweep)
    if missing:
        raise ValueError(f"sweep must be the dict from threshold_sweep; it lacks {sorted(missing)}")
    t, p, r = (np.asarray(sweep[k], dtype=float) for k in ("threshold", "precision", "recall"))
    if t.ndim != 1 or t.size == 0 or p.shape != t.shape or r.shape != t.shape:
        raise ValueError(f"sweep must hold non-empty 1-D threshold, precision and recall of one length; got shapes {t.shape}, {p.shape}, {r.shape}")
    if min_precision is not None:
        goal, met_by, other, what = min_precision, p, r, "precision"
    else:
        goal, met_by, other, what = min_recall, r, p, "recall"
    ok = np.flatnonzero(met_by >= goal)
    if ok.size == 0:
        raise ValueError(f"no threshold reaches {what} {goal:g}; the best in the sweep is {met_by.max():g}")
    # lexsort: the last key is the primary one; negate to prefer higher values, then lower thresholds
    best = ok[np.lexsort((t[ok], -met_by[ok], -other[ok]))[0]]
    return OperatingPoint(float(t[best]), float(p[best]), float(r[best]))


def scores_from_labels(y_true, y_pred, positive=1, *, zero_division="warn"):
    """``scores_from_counts`` applied to label arrays: ``Scores`` of class ``positive``."""
    return scores_from_counts(*counts_from_labels(y_true, y_pred, positive), zero_division=zero_division)


def scores_at(y_true, scores, threshold=0.5) -> Scores:
    """Accuracy, precision, recall and F1 of the rule ``score >= threshold``.

    ``y_true``: (n,) labels 0/1; ``scores``: (n,) predicted probabilities of class 1.
    An undefined score (no image called positive) is 0.0, without a warning.
    """
    if isinstance(threshold, bool) or not isinstance(threshold, (int, float, np.floating)) or not 0 <= threshold <= 1:
        raise ValueError(f"threshold must be a probability between 0 and 1; got {threshold!r}")
    try:
        scores = np.asarray(scores, dtype=float)
    except (TypeError, ValueError):
        raise TypeError(f"scores must be numbers (probabilities of class 1); got {scores!r:.60}") from None
    if not np.isfinite(scores).all():
        raise ValueError("scores hold NaN or infinite values; they must be probabilities of class 1")
    y_pred = (scores >= threshold).astype(np.int64)
    return scores_from_counts(*counts_from_labels(y_true, y_pred), zero_division=0)
