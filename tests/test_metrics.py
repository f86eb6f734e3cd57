"""Tests of course_utils.metrics: agreement with scikit-learn, and every bad input refused clearly."""

import re
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.metrics import accuracy_score, confusion_matrix, f1_score, precision_score, recall_score

from course_utils.metrics import (
    OperatingPoint,
    Scores,
    UndefinedMetricWarning,
    choose_threshold,
    counts_from_labels,
    labels_from_counts,
    scores_from_counts,
    scores_from_labels,
    threshold_sweep,
)

count = st.integers(min_value=0, max_value=300)
matrices = st.tuples(count, count, count, count).filter(lambda c: sum(c) > 0)


def sklearn_scores(tp, fn, fp, tn, zero_division):
    y_true, y_pred = labels_from_counts(tp, fn, fp, tn)
    kw = dict(zero_division=zero_division, labels=[0, 1])
    return (
        accuracy_score(y_true, y_pred),
        precision_score(y_true, y_pred, **kw),
        recall_score(y_true, y_pred, **kw),
        f1_score(y_true, y_pred, **kw),
    )


# ------------------------------------------------------------------ the chapter's example
def test_chapter_example():
    s = scores_from_counts(tp=40, fn=10, fp=5, tn=45)
    assert isinstance(s, Scores)
    assert round(s.precision, 2) == 0.89 and round(s.recall, 2) == 0.80 and round(s.f1, 2) == 0.84
    assert s.accuracy == 0.85
    assert s.precision == 40 / 45 and s.recall == 0.8 and s.f1 == 80 / 95


def test_float_counts_that_are_whole_are_accepted():
    assert scores_from_counts(40.0, 10, np.float32(5), np.int64(45)) == scores_from_counts(40, 10, 5, 45)


# ------------------------------------------------------------------ property tests against scikit-learn
@settings(max_examples=300, deadline=None)
@given(matrices, st.sampled_from([0, 1]))
def test_scores_match_sklearn_on_random_matrices(counts, zero_division):
    ours = scores_from_counts(*counts, zero_division=zero_division)
    theirs = sklearn_scores(*counts, zero_division)
    assert np.allclose(ours, theirs, rtol=0, atol=1e-12), (counts, ours, theirs)


@settings(max_examples=200, deadline=None)
@given(matrices)
def test_warn_mode_matches_sklearn_default_value(counts):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ours = scores_from_counts(*counts)
        theirs = sklearn_scores(*counts, "warn")
    assert np.allclose(ours, theirs, rtol=0, atol=1e-12)


@settings(max_examples=200, deadline=None)
@given(matrices)
def test_labels_and_counts_round_trip(counts):
    y_true, y_pred = labels_from_counts(*counts)
    assert y_true.shape == y_pred.shape == (sum(counts),)
    assert counts_from_labels(y_true, y_pred) == counts
    tp, fn, fp, tn = counts
    assert confusion_matrix(y_true, y_pred, labels=[1, 0]).ravel().tolist() == [tp, fn, fp, tn]


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 3), st.integers(0, 3)), min_size=1, max_size=60), st.integers(0, 3))
def test_counts_from_multiclass_labels_match_sklearn(pairs, positive):
    y_true, y_pred = (np.array(v) for v in zip(*pairs))
    if positive not in y_true and positive not in y_pred and not (positive == 1 and max(y_true.max(), y_pred.max()) <= 1):
        with pytest.raises(ValueError, match=f"positive={positive} occurs in neither y_true nor y_pred"):
            counts_from_labels(y_true, y_pred, positive=positive)
        return
    tp, fn, fp, tn = counts_from_labels(y_true, y_pred, positive=positive)
    t, p = y_true == positive, y_pred == positive
    assert confusion_matrix(t, p, labels=[True, False]).ravel().tolist() == [tp, fn, fp, tn]
    s = scores_from_labels(y_true, y_pred, positive=positive, zero_division=0)
    assert np.isclose(s.recall, recall_score(t, p, zero_division=0))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 1), st.floats(0, 1)), min_size=1, max_size=80))
def test_threshold_sweep_matches_sklearn(rows):
    y, scores = (np.array(v) for v in zip(*rows))
    thresholds = np.linspace(0, 1, 11)
    sweep = threshold_sweep(y, scores, thresholds)
    for i, t in enumerate(thresholds):
        pred = (scores >= t).astype(int)
        assert np.isclose(sweep["precision"][i], precision_score(y, pred, zero_division=1, labels=[0, 1]))
        assert np.isclose(sweep["recall"][i], recall_score(y, pred, zero_division=0, labels=[0, 1]))


# ------------------------------------------------------------------ zero denominators
def test_zero_denominator_warns_and_gives_zero():
    with pytest.warns(UndefinedMetricWarning, match=re.escape("precision is undefined (its denominator is 0); it is set to 0.0")):
        s = scores_from_counts(tp=0, fn=5, fp=0, tn=95)
    assert s.precision == 0.0 and s.recall == 0.0 and s.accuracy == 0.95


def test_zero_denominator_with_explicit_value_is_silent():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert scores_from_counts(0, 0, 0, 10, zero_division=1) == Scores(1.0, 1.0, 1.0, 1.0)
        assert scores_from_counts(0, 0, 0, 10, zero_division=0) == Scores(1.0, 0.0, 0.0, 0.0)


@pytest.mark.parametrize("value", [0.5, "yes", -1, 2])
def test_bad_zero_division(value):
    with pytest.raises((TypeError, ValueError), match=re.escape(f"zero_division must be 'warn', 0 or 1; got {value!r}")):
        scores_from_counts(1, 1, 1, 1, zero_division=value)


# ------------------------------------------------------------------ bad counts
@pytest.mark.parametrize(
    "counts, error, message",
    [
        ((40, -10, 5, 45), ValueError, "fn must be zero or more, got -10; a count of samples cannot be negative"),
        ((40.5, 10, 5, 45), ValueError, "tp must be a whole-number count, got 40.5; counts of samples cannot be fractional"),
        ((40, 10, float("nan"), 45), ValueError, "fp must be a whole-number count, got NaN"),
        ((40, 10, 5, np.float64("nan")), ValueError, "tn must be a whole-number count, got NaN"),
        ((True, 10, 5, 45), TypeError, "tp must be a whole-number count, got a bool (True)"),
        ((40, np.bool_(False), 5, 45), TypeError, "fn must be a whole-number count, got a bool (np.False_)"),
        ((40, 10, "5", 45), TypeError, "fp must be a whole-number count, got str ('5')"),
        ((40, 10, 5, None), TypeError, "tn must be a whole-number count, got NoneType (None)"),
        ((40, 10, 5, [45]), TypeError, "tn must be a whole-number count, got list ([45])"),
        ((0, 0, 0, 0), ValueError, "all four counts are zero: there are no samples to score"),
    ],
)
def test_bad_counts_are_refused(counts, error, message):
    with pytest.raises(error, match=re.escape(message)):
        scores_from_counts(*counts)


def test_labels_from_counts_validates_too():
    with pytest.raises((TypeError, ValueError), match="tp must be zero or more, got -1"):
        labels_from_counts(-1, 0, 0, 1)
    y_true, y_pred = labels_from_counts(0, 0, 0, 0)
    assert y_true.shape == (0,) and y_pred.shape == (0,)


def test_counts_from_labels_bad_input():
    with pytest.raises((TypeError, ValueError), match=re.escape("y_true is empty (shape (0,)); pass at least one value")):
        counts_from_labels([], [])
    with pytest.raises((TypeError, ValueError), match=re.escape("these must have the same number of rows: y_true has 3, y_pred has 2")):
        counts_from_labels([1, 0, 1], [1, 0])
    with pytest.raises((TypeError, ValueError), match=re.escape("y_true must have 1 axis; got shape (2, 2)")):
        counts_from_labels([[1, 0], [1, 0]], [[1, 0], [1, 0]])


# ------------------------------------------------------------------ threshold sweep and choice
def test_threshold_sweep_bad_input():
    with pytest.raises((TypeError, ValueError), match=re.escape("these must have the same number of rows: y_true has 2, scores has 3")):
        threshold_sweep([0, 1], [0.1, 0.2, 0.3], [0.5])
    with pytest.raises((TypeError, ValueError), match=re.escape("thresholds is empty (shape (0,)); pass at least one value")):
        threshold_sweep([0, 1], [0.1, 0.9], [])
    with pytest.raises((TypeError, ValueError), match=re.escape("y_true must hold the labels 0 and 1")):
        threshold_sweep([0, 2], [0.1, 0.9], [0.5])
    with pytest.raises((TypeError, ValueError), match=re.escape("scores holds NaN or infinite values")):
        threshold_sweep([0, 1], [0.1, np.nan], [0.5])


SWEEP = {
    "threshold": np.array([0.1, 0.3, 0.5, 0.7, 0.9]),
    "precision": np.array([0.50, 0.70, 0.90, 0.95, 1.00]),
    "recall": np.array([1.00, 0.98, 0.80, 0.60, 0.20]),
}


def test_choose_threshold_for_each_goal():
    assert choose_threshold(SWEEP, min_precision=0.9) == OperatingPoint(0.5, 0.9, 0.8)
    assert choose_threshold(SWEEP, min_recall=0.95) == OperatingPoint(0.3, 0.7, 0.98)
    assert choose_threshold(SWEEP, min_recall=0).threshold == 0.9   # every threshold qualifies: best precision


def test_choose_threshold_ties_prefer_better_goal_then_lower_threshold():
    sweep = {"threshold": np.array([0.2, 0.4, 0.6]), "precision": np.array([0.9, 0.95, 0.95]), "recall": np.array([0.8, 0.8, 0.8])}
    assert choose_threshold(sweep, min_precision=0.9).threshold == 0.4
    assert choose_threshold(sweep, min_recall=0.8).threshold == 0.4


def test_choose_threshold_on_a_real_sweep():
    rng = np.random.default_rng(0)
    y = rng.integers(0, 2, 500)
    scores = np.clip(0.35 * y + rng.normal(0.3, 0.2, 500), 0, 1)
    sweep = threshold_sweep(y, scores, np.linspace(0.05, 0.95, 19))
    spam = choose_threshold(sweep, min_precision=0.9)
    screen = choose_threshold(sweep, min_recall=0.9)
    assert spam.precision >= 0.9 and screen.recall >= 0.9
    assert spam.threshold > screen.threshold


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({}, "give exactly one goal: min_precision=... or min_recall=..."),
        ({"min_precision": 0.9, "min_recall": 0.9}, "give exactly one goal"),
        ({"min_precision": 1.5}, "min_precision must be a number between 0 and 1; got 1.5"),
        ({"min_recall": "high"}, "min_recall must be a number between 0 and 1; got 'high'"),
        ({"min_recall": True}, "min_recall must be a number between 0 and 1; got True"),
    ],
)
def test_choose_threshold_bad_input(kwargs, message):
    with pytest.raises((TypeError, ValueError), match=re.escape(message)):
        choose_threshold(SWEEP, **kwargs)


def test_choose_threshold_unreachable_goal():
    sweep = dict(SWEEP, recall=np.array([0.99, 0.98, 0.80, 0.60, 0.20]))
    with pytest.raises((TypeError, ValueError), match=re.escape("no threshold reaches recall 1; the best in the sweep is 0.99")):
        choose_threshold(sweep, min_recall=1.0)


def test_choose_threshold_needs_a_sweep():
    with pytest.raises((TypeError, ValueError), match=re.escape("sweep must be the dict from threshold_sweep; it lacks ['recall']")):
        choose_threshold({"threshold": [0.5], "precision": [1.0]}, min_precision=0.5)
