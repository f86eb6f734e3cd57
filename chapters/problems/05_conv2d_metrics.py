"""Exercises of "Conv2D layers: metrics and evaluation" (chapters/05_conv2d_metrics.ipynb).

How to declare an exercise: /work/coord/EXERCISES.md (and the instructors page).
"""

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
}
### END SOLUTION
