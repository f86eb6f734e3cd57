"""Exercises of the chapter "Flatten and Dense layers: tracing the model pipeline"."""

from . import Problem, expect_all, expect_number, expect_range

q1 = Problem(
    "Parameters of the model with 32 and with 512 hidden neurons",
    expect_all(expect_number(25_450, integer=True), expect_number(407_050, integer=True)),
    hints=[
        "A Dense layer with n inputs and u neurons has n * u weights and u biases.",
        "Add both Dense layers: 784 -> width, then width -> 10. Flatten has no parameters.",
    ],
    solution_text=(
        "answer_q1 = (784 * 32 + 32 + 32 * 10 + 10, 784 * 512 + 512 + 512 * 10 + 10)  # (25450, 407050)\n"
        "or: (dense_classifier(32).count_params(), dense_classifier(512).count_params())"
    ),
)

q2 = Problem(
    "Held-out accuracy with 32 and with 512 hidden neurons",
    expect_all(expect_range(0.70, 0.95), expect_range(0.75, 0.97)),
    hints=[
        "Build each model with dense_classifier(width) and train it with fit_quietly(..., epochs=5, log=False).",
        "Score it with model.evaluate(split.x_test, split.y_test, verbose=0)[1]: a fraction such as 0.87, not 87.",
    ],
    solution_text=(
        "accuracies = []\n"
        "for width in (32, 512):\n"
        "    keras.utils.set_random_seed(0)\n"
        "    model = dense_classifier(width)\n"
        "    fit_quietly(model, x_train, y_train, epochs=5, log=False)\n"
        "    accuracies.append(model.evaluate(split.x_test, split.y_test, verbose=0)[1])\n"
        "answer_q2 = tuple(accuracies)  # about (0.86, 0.89): 16 times the parameters buys a few points"
    ),
)

q3 = Problem(
    "Weights and biases of Dense(128) after flattening a 32 x 32 image",
    expect_number(131_200, integer=True),
    hints=[
        "Flatten turns a 32 x 32 image into 32 * 32 = 1024 numbers.",
        "Each of the 128 neurons has one weight per input and one bias.",
    ],
    solution_text="answer_q3 = 32 * 32 * 128 + 128  # 131200: the input size, not the layer, sets the weight count",
)
