"""Exercises of "Flatten in PyTorch" (chapters/04_flatten_pytorch.ipynb).

How to declare an exercise: /work/coord/EXERCISES.md (and the instructors page).
"""

from course_utils.exercises import Mistake, Number, Problem, Several, Shape

q1 = Problem(
    "Exercise 1 (nn.Flatten on 16 images of 3 × 32 × 32)",
    Shape((16, 3 * 32 * 32)),
    hints=[
        "nn.Flatten keeps axis 0, the batch, and merges every other axis into one.",
        "The merged axis has 3 × 32 × 32 values.",
    ],
)

q2 = Problem(
    "Exercise 2 (nn.Flatten(start_dim=2))",
    Shape((8, 3, 28 * 28), mistakes=[
        Mistake((8, 3 * 28 * 28), "start_dim=2 leaves axes 0 and 1 alone: only the axes from 2 on are merged."),
    ]),
    hints=[
        "start_dim=2 leaves axes 0 and 1 (batch and channels) alone.",
        "Only the height and width axes are merged.",
    ],
)

q3 = Problem(
    "Exercise 3 (one value, two flattening orders)",
    Several(Number(2 * 28 * 28 + 1 * 28 + 0, integer=True), Number((1 * 28 + 0) * 3 + 2, integer=True),
            names=["the PyTorch position", "the Keras position"]),
    hints=[
        "PyTorch (C, H, W): position = channel × 28 × 28 + row × 28 + column.",
        "Keras (H, W, C): position = (row × 28 + column) × 3 + channel.",
    ],
)

### BEGIN SOLUTION
SOLUTIONS = {
    "q1": (
        "# The batch axis (16) stays; 3 × 32 × 32 = 3072 values per image.\n"
        "answer_q1 = (16, 3072)\n"
        "# or: tuple(nn.Flatten()(torch.zeros(16, 3, 32, 32)).shape)"
    ),
    "q2": (
        "# Axes 0 and 1 are kept; axes 2 and 3 merge into 28 × 28 = 784.\n"
        "answer_q2 = (8, 3, 784)\n"
        "# or: tuple(nn.Flatten(start_dim=2)(torch.zeros(8, 3, 28, 28)).shape)"
    ),
    "q3": "# PyTorch: 2 × 784 + 1 × 28 + 0 = 1596.  Keras: (1 × 28 + 0) × 3 + 2 = 86.\nanswer_q3 = (1596, 86)",
}
### END SOLUTION
