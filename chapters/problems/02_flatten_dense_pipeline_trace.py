"""Exercises of "Flatten and Dense layers: tracing the model pipeline" (chapters/02_flatten_dense_pipeline_trace.ipynb).

How to declare an exercise: /work/coord/EXERCISES.md (and the instructors page).
"""

from course_utils.exercises import FORGOT_BIASES, ONE_LAYER_ONLY, Mistake, Number, Problem, Range, Several


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
    "Parameters of the model with 32 and with 512 hidden neurons",
    Several(_count(32), _count(512), names=["the count with 32", "the count with 512"]),
    hints=[
        "A Dense layer with n inputs and u neurons has n * u weights and u biases.",
        "Add both Dense layers: 784 -> width, then width -> 10. Flatten has no parameters.",
    ],
)

q2 = Problem(
    "Held-out accuracy with 32 and with 512 hidden neurons",
    Several(Range(0.70, 0.95), Range(0.75, 0.97), names=["the accuracy with 32", "the accuracy with 512"]),
    hints=[
        "Build each model with dense_classifier(width) and train it with fit_quietly(..., epochs=5, log=False).",
        "Score it with model.evaluate(x_val, y_val, verbose=0)[1]: a fraction, not a percentage.",
    ],
)

q3 = Problem(
    "Weights and biases of Dense(128) after flattening a 32 x 32 image",
    Number(32 * 32 * 128 + 128, integer=True, mistakes=[Mistake(32 * 32 * 128, FORGOT_BIASES)]),
    hints=[
        "Flatten turns a 32 x 32 image into 32 * 32 numbers.",
        "Each of the 128 neurons has one weight per input and one bias.",
    ],
)

### BEGIN SOLUTION
SOLUTIONS = {
    "q1": (
        "answer_q1 = (784 * 32 + 32 + 32 * 10 + 10, 784 * 512 + 512 + 512 * 10 + 10)  # (25450, 407050)\n"
        "# or: (dense_classifier(32).count_params(), dense_classifier(512).count_params())"
    ),
    "q2": (
        "scores = []\n"
        "for width in (32, 512):\n"
        "    keras.utils.set_random_seed(0)\n"
        "    model = dense_classifier(width)\n"
        "    fit_quietly(model, x_train, y_train, epochs=5, log=False)\n"
        "    scores.append(model.evaluate(x_val, y_val, verbose=0)[1])\n"
        "answer_q2 = tuple(scores)  # about (0.86, 0.89): 16 times the parameters buys a few points"
    ),
    "q3": "answer_q3 = 32 * 32 * 128 + 128  # 131200: the input size, not the layer, sets the weight count",
}
### END SOLUTION
