"""Exercises of "Flatten and Dense layers: tracing the model pipeline" (chapters/02_flatten_dense_pipeline_trace.ipynb).

How to declare an exercise: /work/coord/EXERCISES.md (and the instructors page).
"""

import numpy as np

from course_utils.exercises import (
    FORGOT_BIASES, ONE_LAYER_ONLY, Choice, Mistake, Number, Problem, Range, Several,
)


def _params(width, biases=True, layers=2):
    hidden = 784 * width + (width if biases else 0)
    output = width * 10 + (10 if biases else 0)
    return hidden + (output if layers == 2 else 0)


def _count(width):
    return Number(_params(width), integer=True, mistakes=[
        Mistake(_params(width, biases=False), FORGOT_BIASES),
        Mistake(_params(width, layers=1), ONE_LAYER_ONLY),
    ])


q1 = Problem(
    "Exercise 1 (parameters of the model with 32 and with 512 hidden neurons)",
    Several(_count(32), _count(512), names=["the count with 32", "the count with 512"]),
    hints=[
        "A Dense layer with n inputs and u neurons has n * u weights and u biases.",
        "Add both Dense layers: 784 -> width, then width -> 10. Flatten has no parameters.",
    ],
)

q2 = Problem(
    "Exercise 2 (validation accuracy with 32 hidden neurons)",
    Range(0.80, 0.97),
    hints=[
        "Build the model with dense_classifier(32, seed=0) and train it with "
        "fit_quietly(model, x_train, y_train, epochs=5, log=False).",
        "Score it with accuracy_of(model, x_val, y_val): a fraction, not a percentage.",
    ],
)

q3 = Problem(
    "Exercise 3 (weights and biases of Dense(128) after flattening a 32 x 32 image)",
    Number(32 * 32 * 128 + 128, integer=True, mistakes=[Mistake(32 * 32 * 128, FORGOT_BIASES)]),
    hints=[
        "Flatten turns a 32 x 32 image into 32 * 32 numbers.",
        "Each of the 128 neurons has one weight per input and one bias.",
    ],
)

# Two recorded training runs of a Flatten -> Dense(128, ReLU) -> Dense(10, softmax) model on
# 1,000 training digits, scored on 1,000 validation digits after every epoch (20 epochs).
# The notebook plots them with `ex.RUNS`; each list holds one value per epoch, epoch 1 first.
SHARED = ("RUNS",)  # kept, as literals, in the student edition's problem file
RUNS = {
    "A": {
        "loss": [0.842, 0.299, 0.146, 0.082, 0.034, 0.024, 0.011, 0.014, 0.006, 0.003,
                 0.001, 0.001, 0.001, 0.001, 0.001, 0.001, 0.001, 0.001, 0.000, 0.000],
        "val_loss": [0.413, 0.366, 0.379, 0.397, 0.359, 0.380, 0.350, 0.364, 0.390, 0.373,
                     0.374, 0.379, 0.382, 0.386, 0.389, 0.392, 0.395, 0.397, 0.399, 0.402],
    },
    "B": {
        "loss": [378.556, 4.079, 2.958, 2.245, 2.270, 2.285, 2.269, 2.265, 2.268, 2.270,
                 2.272, 2.273, 2.274, 2.275, 2.276, 2.277, 2.277, 2.278, 2.278, 2.278],
        "val_loss": [3.883, 2.350, 2.425, 2.397, 2.274, 2.280, 2.339, 2.345, 2.348, 2.349,
                     2.349, 2.350, 2.351, 2.351, 2.351, 2.351, 2.351, 2.351, 2.351, 2.351],
    },
}


def _stop_epoch():
    return int(np.argmin(RUNS["A"]["val_loss"])) + 1


q4 = Problem(
    "Exercise 4 (the epoch early stopping keeps, read from run A's curves)",
    Number(_stop_epoch, integer=True, mistakes=[
        Mistake(lambda: _stop_epoch() - 1,
                "Epochs are counted from 1, but NumPy positions from 0: add 1 to a position."),
        Mistake(len(RUNS["A"]["loss"]),
                "That is where the training loss is lowest. Early stopping judges the "
                "validation loss, which the training digits cannot flatter."),
        Mistake(5, "That is a dip, not the lowest point of the validation curve: look further along."),
    ]),
    hints=[
        "Look only at the validation loss: early stopping keeps the weights of the epoch where it is lowest.",
        "np.argmin gives the position of the smallest value, counted from 0.",
    ],
    points=2,
)

q5 = Problem(
    "Exercise 5 (what went wrong in run B)",
    Choice("C", "ABCD", mistakes={
        "A": "Overfitting shows as a training loss that keeps falling while the validation loss "
             "rises. In run B the training loss itself stays high.",
        "B": "The loss has hardly moved for more than fifteen epochs: more epochs of the same "
             "will not help.",
        "D": "A flat loss means training has stopped changing the model, not that it has "
             "learned: compare the level where run B settles with run A's losses.",
    }),
    hints=[
        "Look at epoch 1 of run B: how large is its loss, compared with any loss in run A?",
        "A loss that explodes in the first epoch and then freezes at a high level points to "
        "steps that were far too big.",
    ],
    points=2,
)

### BEGIN SOLUTION
# How the runs were recorded (this course's machine, seed 0, dense_classifier(128, seed=0),
# the 1,000 training digits of the chapter, fit_quietly(..., epochs=20, validation_data=
# (x_val, y_val))): run A with learning_rate=0.01, run B with learning_rate=1.0. In run B,
# 124 of the 128 hidden ReLUs output 0 for every validation digit after training.
SOLUTIONS = {
    "q1": (
        "answer_q1 = (784 * 32 + 32 + 32 * 10 + 10, 784 * 512 + 512 + 512 * 10 + 10)  # (25450, 407050)\n"
        "# or: (dense_classifier(32).count_params(), dense_classifier(512).count_params())"
    ),
    "q2": (
        "narrow = dense_classifier(32, seed=0)\n"
        "fit_quietly(narrow, x_train, y_train, epochs=5, log=False)\n"
        "answer_q2 = accuracy_of(narrow, x_val, y_val)\n"
        "# One run: set it beside the spread of the 128-neuron runs over seeds. A difference\n"
        "# of a point or two is within that spread, so one seed per width cannot rank the\n"
        "# widths; you would need several seeds of each. The narrower layer has a quarter\n"
        "# of the parameters: if it trailed by about a point over several seeds, that\n"
        "# saving could well be worth it."
    ),
    "q3": "answer_q3 = 32 * 32 * 128 + 128  # 131200: the input size, not the layer, sets the weight count",
    "q4": (
        "val_loss = np.array(ex.RUNS['A']['val_loss'])\n"
        "answer_q4 = int(np.argmin(val_loss)) + 1  # lowest validation loss; epochs count from 1\n"
        "# After it the training loss keeps falling towards 0 while the validation loss rises:\n"
        "# the model learns its 1,000 training digits by heart (overfitting)."
    ),
    "q5": (
        "answer_q5 = 'C'\n"
        "# Epoch 1 ends at a loss of several hundred: the first steps were so large that the\n"
        "# weights were thrown far off. The loss then freezes near the level of a model that\n"
        "# spreads its bets evenly over the ten digits: almost every hidden ReLU now outputs 0\n"
        "# for every image, so no gradient reaches their weights and nothing more is learned."
    ),
}
### END SOLUTION
