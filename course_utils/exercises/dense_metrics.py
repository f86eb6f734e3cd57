"""Exercises of the chapter "Flatten and Dense: metrics and evaluation"."""

from . import Problem, expect_all, expect_choice, expect_number

q1 = Problem(
    "Exercise 1 (precision, recall and F1 from counts)",
    expect_all(expect_number(0.75, tol=0.005), expect_number(0.60, tol=0.005), expect_number(2 / 3, tol=0.005)),
    hints=[
        "Precision divides the true positives by everything predicted positive: TP / (TP + FP).",
        "Recall divides them by everything truly positive: TP / (TP + FN); F1 = 2PR / (P + R).",
    ],
    solution_text=(
        "precision = 30 / (30 + 10)                            # 0.75\n"
        "recall = 30 / (30 + 20)                               # 0.60\n"
        "f1 = 2 * precision * recall / (precision + recall)    # 0.667\n"
        "answer_q1 = (precision, recall, f1)\n"
        "# or: s = scores_from_counts(tp=30, fn=20, fp=10, tn=940); (s.precision, s.recall, s.f1)"
    ),
)

q2 = Problem(
    "Exercise 2 (accuracy of never flagging fraud)",
    expect_number(0.98, tol=0.0005),
    hints=[
        "A model that always answers 'not fraud' is right exactly on the rows whose label is 0.",
        "So its accuracy is the fraction of zeros in fraud.y_test: np.mean(fraud.y_test == 0).",
    ],
    solution_text="answer_q2 = float(np.mean(fraud.y_test == 0))   # 2,940 of 3,000 rows: 0.98",
)

q3 = Problem(
    "Exercise 3 (which number to watch for fraud)",
    expect_choice("C", ["A", "B", "C", "D"]),
    hints=[
        "Ask which mistake is expensive: a fraud the model lets through, or a genuine payment it flags for review.",
        "The metric that counts missed positives is the one that divides by TP + FN.",
    ],
    solution_text=(
        "answer_q3 = 'C'   # recall: a missed fraud is the costly mistake, and accuracy hides it\n"
        "# (the always-'not fraud' model of Exercise 2 already scores 98 % accuracy with recall 0)"
    ),
)
