"""Exercises of "Flatten and Dense layers: a deep dive" (chapters/01_flatten_dense_deep_dive.ipynb).

How to declare an exercise: /work/coord/EXERCISES.md (and the instructors page).
"""

import numpy as np

from course_utils.exercises import FORGOT_BIASES, Mistake, Number, Problem, Several, Shape, Values

# Data the notebook reads from this module (kept, as literals, in the student edition).
SHARED = ("INPUTS", "VAL_LOSS")

q1 = Problem(
    "Exercise 1 (parameters of Dense(32) after Flatten)",
    Number(28 * 28 * 32 + 32, integer=True, mistakes=[Mistake(28 * 28 * 32, FORGOT_BIASES)]),
    hints=[
        "After Flatten a digit is 28 * 28 = 784 numbers. Each of the 32 neurons has one weight per input.",
        "Do not forget the biases: one per neuron.",
    ],
)

q2 = Problem(
    "Exercise 2 (shape after Flatten)",
    Shape((16, 5 * 5 * 8)),
    hints=["Flatten keeps the batch axis and multiplies all the others together."],
)

q3 = Problem(
    "Exercise 3 (Dense without Flatten on colour images)",
    Shape((4, 32, 32, 10), mistakes=[
        Mistake((4, 10), "Dense does not flatten: it acts on the last axis only and keeps every other axis."),
        Mistake((4, 32, 32, 3), "Dense replaces the last axis: its length becomes the number of neurons."),
    ]),
    hints=[
        "Dense works along the last axis of its input; every other axis is kept as it is.",
        "Here the last axis holds the 3 colour values of one pixel; it becomes the 10 neurons' outputs.",
    ],
)

# Exercise 4's inputs: the notebook shows them with `x, W, b = ex.INPUTS`.
INPUTS = (
    np.array([1.0, 2.0]),
    np.array([[0.5, -1.0, 0.0], [0.25, 0.5, -1.0]]),
    np.array([0.0, 0.5, 1.0]),
)


def _forward(relu=True, bias=True):
    x, W, b = INPUTS
    z = x @ W + (b if bias else 0)
    return np.maximum(z, 0) if relu else z


q4 = Problem(
    "Exercise 4 (a Dense(3, activation='relu') forward pass by hand)",
    Values(_forward, tol=0.01, mistakes=[
        Mistake(lambda: _forward(bias=False), FORGOT_BIASES),
        Mistake(lambda: _forward(relu=False), "The activation is missing: ReLU turns every negative sum into 0."),
    ]),
    hints=[
        "Each output is one column of W: x[0] * W[0, j] + x[1] * W[1, j] + b[j].",
        "Then apply ReLU: max(0, sum).",
    ],
    points=2,
)

# Exercise 5's inputs: validation losses of one training run, epoch 1 first.
VAL_LOSS = (0.92, 0.61, 0.50, 0.45, 0.43, 0.44, 0.42, 0.43, 0.45, 0.47, 0.50, 0.52)
PATIENCE = 3


def _early_stopping():
    """(epoch after which training stops, epoch whose weights are kept), counted from 1.

    Keras' rule: a new best is a strictly lower loss, and it restarts the wait; training
    stops once ``PATIENCE`` epochs in a row bring no new best.
    """
    best, best_epoch, wait = np.inf, 0, 0
    for epoch, loss in enumerate(VAL_LOSS, start=1):
        if loss < best:
            best, best_epoch, wait = loss, epoch, 0
        else:
            wait += 1
            if wait >= PATIENCE:
                return epoch, best_epoch
    return len(VAL_LOSS), best_epoch


q5 = Problem(
    "Exercise 5 (read a validation-loss curve: where early stopping stops)",
    Several(
        Number(lambda: _early_stopping()[0], integer=True),
        Number(lambda: _early_stopping()[1], integer=True),
        names=["epoch after which training stops", "epoch whose weights are kept"],
        mistakes=[
            Mistake(lambda: (len(VAL_LOSS), _early_stopping()[1]),
                    "Training does not run to the end: it stops once the loss has not improved for `patience` epochs."),
            Mistake(lambda: (_early_stopping()[0], _early_stopping()[0]),
                    "With restore_best_weights=True the model goes back to its best epoch, not its last one."),
            Mistake(lambda: (5 + PATIENCE, 5),
                    "The loss reaches a new low after epoch 5: every new best restarts the patience count."),
        ],
    ),
    hints=[
        "Find the epoch with the lowest validation loss; a new best must be strictly lower than the old one.",
        "Count the epochs after that best one without a new best; training stops after the third of them.",
    ],
    points=2,
)

### BEGIN SOLUTION
SOLUTIONS = {
    "q1": "answer_q1 = 28 * 28 * 32 + 32   # 784 inputs x 32 neurons + 32 biases = 25,120",
    "q2": "answer_q2 = (16, 5 * 5 * 8)   # (16, 200): the batch axis stays, 5 x 5 x 8 values per sample",
    "q3": "answer_q3 = (4, 32, 32, 10)   # Dense acts on the last axis: 3 colour values -> 10; the other axes stay",
    "q4": "x, W, b = ex.INPUTS\nz = x @ W + b                  # one weighted sum per neuron, plus its bias\n"
          "answer_q4 = np.maximum(z, 0)   # ReLU",
    "q5": "# lowest loss 0.42 at epoch 7; epochs 8, 9 and 10 bring no new best: the wait reaches 3\n"
          "answer_q5 = (10, 7)   # stops after epoch 10, keeps the weights of epoch 7",
}
### END SOLUTION
