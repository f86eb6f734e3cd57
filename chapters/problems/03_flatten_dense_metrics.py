"""Exercises of "Flatten and Dense: metrics and evaluation" (chapters/03_flatten_dense_metrics.ipynb).

How to declare an exercise: /work/coord/EXERCISES.md (and the instructors page).
"""

from course_utils.exercises import SWAPPED_PRECISION_RECALL, Choice, Mistake, Number, Problem, Several

TP, FN, FP, TN = 30, 20, 10, 940
PRECISION, RECALL = TP / (TP + FP), TP / (TP + FN)
F1 = 2 * PRECISION * RECALL / (PRECISION + RECALL)

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
    Number(0.98, tol=0.0005),
    hints=[
        "A model that always answers 'not fraud' is right exactly on the rows whose label is 0.",
        "So its accuracy is the fraction of zeros in fraud.y_test.",
    ],
)

q3 = Problem(
    "Exercise 3 (which number to watch for fraud)",
    Choice("C", "ABCD", mistakes={
        "A": "Accuracy is what Exercise 2 measured: it stays high while frauds slip through.",
        "B": "Precision counts false alarms among the flagged payments, not the frauds that were missed.",
        "D": "The training loss says how well the model fits its training data, not which mistakes it makes.",
    }),
    hints=[
        "Ask which mistake is expensive: a fraud the model lets through, or a genuine payment it flags for review.",
        "The metric that counts missed positives is the one that divides by TP + FN.",
    ],
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
        "answer_q3 = 'C'   # recall: a missed fraud is the costly mistake, and accuracy hides it\n"
        "# (the always-'not fraud' model of Exercise 2 already scores 98 % accuracy with recall 0)"
    ),
}
### END SOLUTION
