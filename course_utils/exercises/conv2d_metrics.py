"""Exercises of the chapter *Conv2D layers: metrics and evaluation on a real convolutional model*."""

from . import Problem, expect_all, expect_number

q1 = Problem(
    "Precision and recall of 'dog'",
    expect_all(expect_number(35 / 45, tol=0.0051), expect_number(35 / 40, tol=0.0051)),
    hints=[
        "Now 'dog' is the positive class: true dogs called dog are the true positives (35).",
        "A false positive for 'dog' is a cat called dog (10); a false negative is a dog called cat (5).",
    ],
    solution_text=(
        "dog = scores_from_counts(tp=35, fn=5, fp=10, tn=50)\n"
        "answer_q1 = (dog.precision, dog.recall)   # (0.778, 0.875)"
    ),
)

q2 = Problem(
    "Parameters of the second Conv2D layer",
    expect_number(4640, integer=True),
    hints=[
        "Each of the 32 filters has one 3x3 weight grid per input channel, and one bias.",
        "The layer's input has 16 channels: the 16 feature maps of conv1.",
    ],
    solution_text=(
        "answer_q2 = 3 * 3 * 16 * 32 + 32   # 4,640\n"
        "# or: conv_model.get_layer('conv2').count_params()"
    ),
)

q3 = Problem(
    "Scores of a tumour screen",
    expect_all(expect_number(0.965, tol=0.0005), expect_number(15 / 45, tol=0.0051), expect_number(0.75, tol=0.0051)),
    hints=[
        "Write down the four counts first: 15 tumours found, 5 missed, 30 false alarms, and the rest are true negatives.",
        "True negatives: 1,000 - 20 tumours - 30 false alarms = 950.",
    ],
    solution_text=(
        "screen = scores_from_counts(tp=15, fn=5, fp=30, tn=950)\n"
        "answer_q3 = (screen.accuracy, screen.precision, screen.recall)   # (0.965, 0.333, 0.75)"
    ),
)
