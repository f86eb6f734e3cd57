"""Exercises of "Flatten and Dense: metrics and evaluation" (chapters/03_flatten_dense_metrics.ipynb).

How to declare an exercise: /work/coord/EXERCISES.md (and the instructors page).
"""

import numpy as np

from course_utils.exercises import SWAPPED_PRECISION_RECALL, Mistake, Number, Problem, Several

TP, FN, FP, TN = 30, 20, 10, 940
PRECISION, RECALL = TP / (TP + FP), TP / (TP + FN)
F1 = 2 * PRECISION * RECALL / (PRECISION + RECALL)

# Exercise 2 and 3: the fraud-like test set of the chapter has 60 frauds among 3,000 rows.
FRAUD_TEST_ROWS, FRAUD_TEST_FRAUDS = 3000, 60

# Exercise 4's inputs: a detector's scores (predicted probabilities of class 1) and the true
# labels, on 40 validation and 40 test samples. The notebook shows them with
# `val_scores, val_labels, test_scores, test_labels = ex.INPUTS`.
INPUTS = (
    np.array([0.09, 0.62, 0.6, 0.39, 0.4, 0.94, 0.65, 0.89, 0.52, 0.32, 0.28, 0.65, 0.82, 0.23,
              0.58, 0.49, 0.31, 0.18, 0.29, 0.25, 0.92, 0.11, 0.89, 0.73, 0.9, 0.49, 0.84, 0.73,
              0.45, 0.02, 0.96, 0.9, 0.78, 0.17, 0.83, 0.21, 0.43, 0.95, 0.51, 0.24]),
    np.array([0, 1, 0, 0, 0, 1, 1, 1, 1, 0, 0, 1, 1, 0, 1, 1, 0, 0, 0, 0,
              1, 0, 1, 1, 1, 0, 1, 1, 0, 0, 1, 1, 1, 0, 1, 0, 0, 1, 0, 0]),
    np.array([0.64, 0.22, 0.64, 0.95, 0.67, 0.8, 0.42, 0.54, 0.48, 0.59, 0.89, 0.58, 0.41, 0.01,
              0.37, 0.78, 0.67, 0.51, 0.06, 0.83, 0.05, 0.32, 0.31, 0.75, 0.6, 0.63, 0.34, 0.38,
              0.23, 0.42, 0.45, 0.79, 0.63, 0.15, 0.42, 0.14, 0.2, 0.12, 0.25, 0.9]),
    np.array([1, 0, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 0, 0, 0, 1, 1, 0, 0, 1,
              0, 0, 0, 1, 1, 1, 0, 1, 0, 0, 0, 1, 0, 0, 1, 0, 0, 0, 0, 1]),
)
SHARED = ("INPUTS",)   # kept in the student edition: the notebook shows them
THRESHOLDS = np.round(np.arange(0.05, 1, 0.05), 2)
MIN_RECALL = 0.95


def _precision_recall(scores, labels, threshold):
    flagged = scores >= threshold
    tp = np.sum(flagged & (labels == 1))
    fp = np.sum(flagged & (labels == 0))
    fn = np.sum(~flagged & (labels == 1))
    return (tp / (tp + fp) if tp + fp else 1.0), tp / (tp + fn)


def _choose(scores, labels):
    """Among the thresholds reaching recall >= MIN_RECALL, the one with the highest precision."""
    ok = [t for t in THRESHOLDS if _precision_recall(scores, labels, t)[1] >= MIN_RECALL]
    return max(ok, key=lambda t: (_precision_recall(scores, labels, t)[0], -t))


def _answer_q4(choose_on="val", report_on="test"):
    val_s, val_y, test_s, test_y = INPUTS
    parts = {"val": (val_s, val_y), "test": (test_s, test_y)}
    threshold = _choose(*parts[choose_on])
    return float(threshold), float(_precision_recall(*parts[report_on], threshold)[0])


q1 = Problem(
    "Exercise 1 (precision, recall and F1 from counts)",
    Several(Number(PRECISION, tol=0.005), Number(RECALL, tol=0.005), Number(F1, tol=0.005),
            names=["precision", "recall", "F1"],
            mistakes=[Mistake((RECALL, PRECISION, F1), SWAPPED_PRECISION_RECALL)]),
    hints=[
        "Precision divides the true positives by everything predicted positive: TP / (TP + FP).",
        "Recall divides them by everything truly positive: TP / (TP + FN); F1 = 2PR / (P + R).",
    ],
)

q2 = Problem(
    "Exercise 2 (accuracy of never flagging fraud)",
    Number(lambda: (FRAUD_TEST_ROWS - FRAUD_TEST_FRAUDS) / FRAUD_TEST_ROWS, tol=0.0005),
    hints=[
        "A model that always answers 'not fraud' is right exactly on the rows whose label is 0.",
        "So its accuracy is the fraction of zeros in fraud.y_test.",
    ],
)

q3 = Problem(
    "Exercise 3 (recall and precision of flagging everything)",
    Several(Number(1.0, tol=0.0005), Number(FRAUD_TEST_FRAUDS / FRAUD_TEST_ROWS, tol=0.0005),
            names=["recall", "precision"],
            mistakes=[Mistake((1.0, (FRAUD_TEST_ROWS - FRAUD_TEST_FRAUDS) / FRAUD_TEST_ROWS),
                              "Precision counts the frauds among the flagged rows, not the ordinary ones.")]),
    hints=[
        "Flagging every row misses no fraud: think about what that does to the false negatives.",
        "Every row is flagged, so precision is the number of frauds divided by the number of rows.",
    ],
)

q4 = Problem(
    "Exercise 4 (choose a threshold on validation, report it on test)",
    Several(Number(lambda: _answer_q4()[0], tol=0.001), Number(lambda: _answer_q4()[1], tol=0.005),
            names=["threshold", "test precision"],
            mistakes=[
                Mistake(lambda: _answer_q4(choose_on="test"),
                        "That threshold was chosen on the test scores. Choose on the validation scores; "
                        "the test scores only report the choice."),
                Mistake(lambda: _answer_q4(report_on="val"),
                        "That precision is measured on the validation scores, where the threshold was chosen. "
                        "Report the precision on the test scores."),
            ]),
    hints=[
        "For each threshold, compute recall and precision of `val_scores >= threshold` against `val_labels`; "
        "keep the thresholds whose recall is at least 0.95.",
        "Of those, take the one with the highest validation precision, then compute the precision of "
        "`test_scores >= threshold` against `test_labels`.",
    ],
    points=2,
)

### BEGIN SOLUTION
SOLUTIONS = {
    "q1": (
        "precision = 30 / (30 + 10)                            # 0.75\n"
        "recall = 30 / (30 + 20)                               # 0.60\n"
        "f1 = 2 * precision * recall / (precision + recall)    # 0.667\n"
        "answer_q1 = (precision, recall, f1)\n"
        "# or: s = scores_from_counts(tp=30, fn=20, fp=10, tn=940); (s.precision, s.recall, s.f1)"
    ),
    "q2": "answer_q2 = float(np.mean(fraud.y_test == 0))   # 2,940 of 3,000 rows: 0.98",
    "q3": (
        "flag_all = np.ones_like(fraud.y_test)           # every row called fraud\n"
        "s = scores_from_labels(fraud.y_test, flag_all)  # no fraud missed: FN = 0\n"
        "answer_q3 = (s.recall, s.precision)             # 1.0 and 60 / 3,000 = 0.02"
    ),
    "q4": (
        "val_scores, val_labels, test_scores, test_labels = ex.INPUTS\n"
        "thresholds = np.round(np.arange(0.05, 1, 0.05), 2)\n"
        "sweep = threshold_sweep(val_labels, val_scores, thresholds)   # chosen on validation\n"
        "choice = choose_threshold(sweep, min_recall=0.95)\n"
        "on_test = scores_at(test_labels, test_scores, choice.threshold)  # reported on test\n"
        "answer_q4 = (choice.threshold, on_test.precision)   # 0.5 and 0.84"
    ),
}
### END SOLUTION
