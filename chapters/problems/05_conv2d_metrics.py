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
    "Parameters of the second Conv2D layer",
    Number(3 * 3 * 16 * 32 + 32, integer=True, mistakes=[
        Mistake(3 * 3 * 16 * 32, FORGOT_BIASES),
        Mistake(3 * 3 * 32 + 32, "Each filter looks at every input channel: its 3 × 3 grid is repeated for each of conv1's feature maps."),
    ]),
    hints=[
        "Each of the 32 filters has one 3x3 weight grid per input channel, and one bias.",
        "The layer's input has 16 channels: the 16 feature maps of conv1.",
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

### BEGIN SOLUTION
SOLUTIONS = {
    "q1": (
        "dog = scores_from_counts(tp=35, fn=5, fp=10, tn=50)\n"
        "answer_q1 = (dog.precision, dog.recall)   # (0.778, 0.875)"
    ),
    "q2": (
        "answer_q2 = 3 * 3 * 16 * 32 + 32   # 4,640\n"
        "# or: conv_model.get_layer('conv2').count_params()"
    ),
    "q3": (
        "screen = scores_from_counts(tp=15, fn=5, fp=30, tn=950)\n"
        "answer_q3 = (screen.accuracy, screen.precision, screen.recall)   # (0.965, 0.333, 0.75)"
    ),
}
### END SOLUTION
