"""Exercises of "Flatten and Dense layers: a deep dive" (chapters/01_flatten_dense_deep_dive.ipynb).

How to declare an exercise: /work/coord/EXERCISES.md (and the instructors page).
"""

from course_utils.exercises import FORGOT_BIASES, Mistake, Number, Problem, Shape

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
    "Exercise 3 (Dense without Flatten)",
    Shape((4, 28, 28, 10), mistakes=[Mistake((4, 10), "In Keras 3, Dense does not flatten: it acts on the last axis only and keeps every other axis.")]),
    hints=[
        "Keras 3 applies Dense to the last axis only; every other axis is kept.",
        "The last axis has length 1 and becomes the 10 neurons' outputs.",
    ],
)

### BEGIN SOLUTION
SOLUTIONS = {
    "q1": "answer_q1 = 28 * 28 * 32 + 32   # 784 inputs x 32 neurons + 32 biases = 25,120",
    "q2": "answer_q2 = (16, 5 * 5 * 8)   # (16, 200): the batch axis stays, 5 x 5 x 8 values per sample",
    "q3": "answer_q3 = (4, 28, 28, 10)   # Dense acts on the last axis: 1 -> 10; the other axes stay",
}
### END SOLUTION
