"""Exercises of the chapter "Flatten and Dense layers: a deep dive"."""

from . import Problem, expect_number, expect_shape

q1 = Problem(
    "Exercise 1 (parameters of Dense(32) after Flatten)",
    expect_number(25_120, integer=True),
    hints=[
        "After Flatten a digit is 28 * 28 = 784 numbers. Each of the 32 neurons has one weight per input.",
        "Do not forget the biases: one per neuron.",
    ],
    solution_text="answer_q1 = 28 * 28 * 32 + 32   # 784 inputs x 32 neurons + 32 biases = 25,120",
)

q2 = Problem(
    "Exercise 2 (shape after Flatten)",
    expect_shape((16, 200)),
    hints=["Flatten keeps the batch axis and multiplies all the others together: 5 * 5 * 8."],
    solution_text="answer_q2 = (16, 5 * 5 * 8)   # (16, 200)",
)

q3 = Problem(
    "Exercise 3 (Dense without Flatten)",
    expect_shape((4, 28, 28, 10)),
    hints=[
        "Keras 3 applies Dense to the last axis only; every other axis is kept.",
        "The last axis has length 1 and becomes the 10 neurons' outputs.",
    ],
    solution_text="answer_q3 = (4, 28, 28, 10)   # Dense acts on the last axis: 1 -> 10",
)
