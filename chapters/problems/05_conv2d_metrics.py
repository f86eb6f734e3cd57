"""Exercises of "Conv2D layers: metrics and evaluation" (chapters/05_conv2d_metrics.ipynb).

How to declare an exercise: /work/coord/EXERCISES.md (and the instructors page).
"""

import numpy as np

from course_utils.exercises import FORGOT_BIASES, SWAPPED_PRECISION_RECALL, Mistake, Number, Problem, Several

DOG_PRECISION, DOG_RECALL = 35 / (35 + 10), 35 / (35 + 5)
SCREEN = dict(tp=15, fn=5, fp=30, tn=950)
SCREEN_ACCURACY = (SCREEN["tp"] + SCREEN["tn"]) / sum(SCREEN.values())
SCREEN_PRECISION = SCREEN["tp"] / (SCREEN["tp"] + SCREEN["fp"])
SCREEN_RECALL = SCREEN["tp"] / (SCREEN["tp"] + SCREEN["fn"])

q1 = Problem(
    "Precision and recall of 'dog'",
    Several(Number(DOG_PRECISION, tol=0.0051), Number(DOG_RECALL, tol=0.0051), names=["precision", "recall"],
            mistakes=[Mistake((DOG_RECALL, DOG_PRECISION), SWAPPED_PRECISION_RECALL)]),
    hints=[
        "Now 'dog' is the positive class: true dogs called dog are the true positives.",
        "A false positive for 'dog' is a cat called dog; a false negative is a dog called cat.",
    ],
)

q2 = Problem(
    "Parameters of a third Conv2D layer",
    Number(3 * 3 * 32 * 64 + 64, integer=True, mistakes=[
        Mistake(3 * 3 * 32 * 64, FORGOT_BIASES),
        Mistake(3 * 3 * 64 + 64, "Each filter looks at every input channel: its 3 × 3 grid is repeated for each of the 32 feature maps it reads."),
        Mistake(5 * 5 * 32 * 64 + 64, "The kernel is 3 × 3 whatever the size of the feature maps: a Conv2D layer's parameters do not depend on the image size."),
    ]),
    hints=[
        "Each of the 64 filters has one 3x3 weight grid per input channel, and one bias.",
        "The layer's input has 32 channels: the 32 feature maps that pool2 passes on.",
    ],
)

q3 = Problem(
    "Scores of a tumour screen",
    Several(Number(SCREEN_ACCURACY, tol=0.0005), Number(SCREEN_PRECISION, tol=0.0051), Number(SCREEN_RECALL, tol=0.0051),
            names=["accuracy", "precision", "recall"],
            mistakes=[Mistake((SCREEN_ACCURACY, SCREEN_RECALL, SCREEN_PRECISION), SWAPPED_PRECISION_RECALL)]),
    hints=[
        "Write down the four counts first: tumours found, tumours missed, false alarms, and the rest are true negatives.",
        "True negatives: all scans minus the tumours minus the false alarms.",
    ],
)

# Exercise 4: a classifier head on (7, 7, 64) feature maps, 10 classes.
HEAD_MAPS = (7, 7, 64)
N_CLASSES = 10
_H, _W, _C = HEAD_MAPS
FLATTEN_HEAD = _H * _W * _C * N_CLASSES + N_CLASSES
POOLED_HEAD = _C * N_CLASSES + N_CLASSES

q4 = Problem(
    "Parameters of a Flatten head and a global-pooling head",
    Several(Number(FLATTEN_HEAD, integer=True), Number(POOLED_HEAD, integer=True),
            names=["Flatten head", "global-pooling head"],
            mistakes=[
                Mistake((FLATTEN_HEAD - N_CLASSES, POOLED_HEAD - N_CLASSES), FORGOT_BIASES),
                Mistake((FLATTEN_HEAD, _H * _W * N_CLASSES + N_CLASSES),
                        "Global average pooling averages over height and width, not over the channels: one value per feature map remains."),
                Mistake((FLATTEN_HEAD, FLATTEN_HEAD),
                        "Global pooling changes what reaches the Dense layer: count the values left after pooling."),
            ]),
    hints=[
        "A Dense layer has one weight per input value and output unit, plus one bias per output unit.",
        "Flatten passes on every value of every map; global average pooling passes on one average per map.",
    ],
    points=2,
)

# Exercise 5: choose a threshold on validation scores, report it on test scores.
# The notebook shows them with `val_y, val_scores, test_y, test_scores = ex.INPUTS`.
SHARED = ("INPUTS",)  # kept, as literals, in the student edition's problem file
INPUTS = tuple(np.array(v) for v in (
    [1, 0, 0, 0, 1, 1, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 1, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0],
    [0.46, 0.39, 0.25, 0.49, 0.52, 0.75, 0.61, 0.81, 0.5, 0.24, 0.7, 0.3, 0.51, 0.74, 0.34,
     0.49, 0.81, 0.84, 0.15, 0.28, 0.5, 0.67, 0.16, 0.64, 0.6, 0.37, 0.42, 0.71, 0.11, 0.13],
    [1, 0, 0, 0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 1, 0, 1, 0, 0],
    [0.87, 0.31, 0.43, 0.14, 0.36, 0.92, 0.27, 0.14, 0.66, 0.2, 0.31, 0.75, 0.16, 0.48, 0.3,
     0.82, 0.46, 0.18, 0.37, 0.7, 0.19, 0.49, 0.33, 0.41, 0.44, 0.22, 0.59, 0.7, 0.7, 0.36],
))
THRESHOLDS = np.round(np.arange(0.1, 1.0, 0.1), 1)
MIN_RECALL = 0.8


def _precision_recall(y, scores, threshold):
    said_yes = scores >= threshold
    tp = int(np.sum(said_yes & (y == 1)))
    return tp / max(int(said_yes.sum()), 1), tp / int(np.sum(y == 1))


def _chosen(y, scores):
    return float(max(t for t in THRESHOLDS if _precision_recall(y, scores, t)[1] >= MIN_RECALL))


def _report(choose_on="val", score_on="test"):
    val_y, val_scores, test_y, test_scores = INPUTS
    parts = {"val": (val_y, val_scores), "test": (test_y, test_scores)}
    t = _chosen(*parts[choose_on])
    return (t, *_precision_recall(*parts[score_on], t))


q5 = Problem(
    "A threshold chosen on validation, reported on test",
    Several(Number(lambda: _report()[0], tol=0.001), Number(lambda: _report()[1], tol=0.005),
            Number(lambda: _report()[2], tol=0.005),
            names=["threshold", "test precision", "test recall"],
            mistakes=[
                Mistake(lambda: _report(choose_on="test"),
                        "The threshold must be chosen on the validation scores; the test scores are only for the final report."),
                Mistake(lambda: _report(score_on="val"),
                        "These are the validation scores of the chosen threshold: report what it gives on the test scores."),
            ]),
    hints=[
        "First, on the validation part only: for each threshold, compute the recall of 'score >= threshold'; keep the highest threshold with recall >= 0.8.",
        "Then apply that one threshold to the test scores and compute precision and recall there.",
    ],
    points=2,
)

### BEGIN SOLUTION
SOLUTIONS = {
    "q1": (
        "dog = scores_from_counts(tp=35, fn=5, fp=10, tn=50)\n"
        "answer_q1 = (dog.precision, dog.recall)   # (0.778, 0.875)"
    ),
    "q2": (
        "answer_q2 = 3 * 3 * 32 * 64 + 64   # a 3x3 grid per input map and filter, one bias per filter"
    ),
    "q3": (
        "screen = scores_from_counts(tp=15, fn=5, fp=30, tn=950)\n"
        "answer_q3 = (screen.accuracy, screen.precision, screen.recall)   # (0.965, 0.333, 0.75)"
    ),
    "q4": (
        "flatten_head = 7 * 7 * 64 * 10 + 10   # every value of every map to each class\n"
        "pooled_head = 64 * 10 + 10            # one average per map to each class\n"
        "answer_q4 = (flatten_head, pooled_head)\n"
        "# The pooled head has about 48 times fewer weights to fit, so it has less room to memorise a small data set."
    ),
    "q5": (
        "val_y, val_scores, test_y, test_scores = ex.INPUTS\n"
        "thresholds = np.round(np.arange(0.1, 1.0, 0.1), 1)\n"
        "# choose on validation: the highest threshold that keeps recall >= 0.8\n"
        "ok = [t for t in thresholds if scores_at(val_y, val_scores, t).recall >= 0.8]\n"
        "best = max(ok)\n"
        "# report on test, once\n"
        "test = scores_at(test_y, test_scores, best)\n"
        "answer_q5 = (best, test.precision, test.recall)"
    ),
}
### END SOLUTION
