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

from . import checks as _check


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
        raise TypeError(f"{name} must be a whole-number count, got {type(value).__name__} ({_check.brief(value)})")
    if value < 0:
        raise ValueError(f"{name} must be zero or more, got {_check.brief(value)}; a count of samples cannot be negative")
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
    if tp + fn + fp + tn > _check.MAX_ELEMENTS:
        raise ValueError(f"tp + fn + fp + tn must be at most {_check.MAX_ELEMENTS:,} labels; got {tp + fn + fp + tn:,}, which would exhaust memory")
    y_true = np.array([1] * tp + [1] * fn + [0] * fp + [0] * tn, dtype=np.int64)
    y_pred = np.array([1] * tp + [0] * fn + [1] * fp + [0] * tn, dtype=np.int64)
    return y_true, y_pred


def _binary_labels(name, value):
    y = _check.labels(name, value)
    if y.max() > 1:
        raise ValueError(f"{name} must hold the labels 0 and 1 (1 = the positive class); got values up to {y.max()}")
    return y


def counts_from_labels(y_true, y_pred, positive=1):
    """The four counts ``(tp, fn, fp, tn)`` for class ``positive``.

    ``y_true`` and ``y_pred`` are 1-D arrays of whole-number class labels of
    the same length (probabilities are refused: threshold them first).
    ``positive`` must occur in one of them.
    """
    y_true = _check.labels("y_true", y_true)
    y_pred = _check.labels("y_pred", y_pred)
    _check.same_length(y_true=y_true, y_pred=y_pred)
    positive = _check.whole_number("positive", positive, low=0)
    binary = positive == 1 and y_true.max() <= 1 and y_pred.max() <= 1  # 0/1 labels: the positive class may be absent
    if not binary and not (np.any(y_true == positive) or np.any(y_pred == positive)):
        classes = np.union1d(y_true, y_pred).tolist()
        raise ValueError(f"positive={positive} occurs in neither y_true nor y_pred (their classes are {_check.brief(classes)}); choose one of those")
    t, p = y_true == positive, y_pred == positive
    return int(np.sum(t & p)), int(np.sum(t & ~p)), int(np.sum(~t & p)), int(np.sum(~t & ~p))


def threshold_sweep(y_true, scores, thresholds):
    """Precision and recall of the rule ``score >= threshold`` at each threshold.

    ``y_true``: (n,) labels 0/1; ``scores``: (n,) predicted probabilities of
    class 1; ``thresholds``: 1-D values (at most 10,000).  Returns a dict of arrays
    ``threshold``, ``precision``, ``recall`` (precision is 1.0 where nothing is
    predicted positive: no false alarm was raised).
    """
    y_true = _binary_labels("y_true", y_true)
    scores = _scores("scores", scores)
    _check.same_length(y_true=y_true, scores=scores)
    thresholds = _check.array("thresholds", thresholds, ndim=1).astype(float)
    if len(thresholds) > 10_000:
        raise ValueError(f"thresholds must hold at most 10,000 values; got {len(thresholds):,}")
    precision, recall = [], []
    positives = int(y_true.sum())
    for t in thresholds:
        called = scores >= t
        tp, fp = int(np.sum(called & (y_true == 1))), int(np.sum(called & (y_true == 0)))
        precision.append(tp / (tp + fp) if tp + fp else 1.0)
        recall.append(tp / positives if positives else 0.0)
    return {"threshold": thresholds, "precision": np.array(precision), "recall": np.array(recall)}


def _scores(name, value):
    """Predicted probabilities of class 1: a 1-D array of finite numbers."""
    scores = _check.array(name, value, ndim=(1, 2))
    if scores.ndim == 2:
        fix = f"pass {name}.ravel()" if scores.shape[1] == 1 else f"pass {name}[:, 1], the probability of class 1"
        raise ValueError(f"{name} must be 1-D, one probability of class 1 per sample; got shape {scores.shape}: {fix}")
    return scores.astype(float)


def _sweep_arrays(sweep):
    """The threshold, precision and recall arrays of a ``threshold_sweep`` result, checked."""
    if not isinstance(sweep, dict):
        raise TypeError(f"sweep must be the dict from threshold_sweep; got {_check.brief(sweep)}")
    missing = {"threshold", "precision", "recall"} - set(sweep)
    if missing:
        raise ValueError(f"sweep must be the dict from threshold_sweep; it lacks {sorted(missing)}")
    t, p, r = (_check.array(f"sweep[{k!r}]", sweep[k], ndim=1).astype(float) for k in ("threshold", "precision", "recall"))
    if p.shape != t.shape or r.shape != t.shape:
        raise ValueError(f"sweep must hold threshold, precision and recall of one length; got {len(t)}, {len(p)} and {len(r)}")
    return t, p, r


def _target(name, value):
    if value is None:
        return None
    return _check.real_number(name, value, low=0, high=1)


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
    t, p, r = _sweep_arrays(sweep)
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
    y_true = _binary_labels("y_true", y_true)
    scores = _scores("scores", scores)
    _check.same_length(y_true=y_true, scores=scores)
    threshold = _check.real_number("threshold", threshold, low=0, high=1)
    y_pred = (scores >= threshold).astype(np.int64)
    tp, fn = int(np.sum((y_true == 1) & (y_pred == 1))), int(np.sum((y_true == 1) & (y_pred == 0)))
    fp, tn = int(np.sum((y_true == 0) & (y_pred == 1))), int(np.sum((y_true == 0) & (y_pred == 0)))
    return scores_from_counts(tp, fn, fp, tn, zero_division=0)
