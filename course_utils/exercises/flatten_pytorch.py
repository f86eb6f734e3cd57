"""Exercises of the chapter "Flatten in PyTorch" (``chapters/04_flatten_pytorch.ipynb``)."""

from . import Problem, expect_all, expect_number, expect_shape

q1 = Problem(
    "Exercise 1 (nn.Flatten on 16 images of 3 × 32 × 32)",
    expect_shape((16, 3072)),
    hints=[
        "nn.Flatten keeps axis 0, the batch, and merges every other axis into one.",
        "The merged axis has 3 × 32 × 32 values.",
    ],
    solution_text=(
        "The batch axis (16) stays; 3 × 32 × 32 = 3072 values per image.\n"
        "answer_q1 = (16, 3072)\n"
        "# or: tuple(nn.Flatten()(torch.zeros(16, 3, 32, 32)).shape)"
    ),
)

q2 = Problem(
    "Exercise 2 (nn.Flatten(start_dim=2))",
    expect_shape((8, 3, 784)),
    hints=[
        "start_dim=2 leaves axes 0 and 1 (batch and channels) alone.",
        "Only the height and width axes are merged: 28 × 28 values.",
    ],
    solution_text=(
        "Axes 0 and 1 are kept; axes 2 and 3 merge into 28 × 28 = 784.\n"
        "answer_q2 = (8, 3, 784)\n"
        "# or: tuple(nn.Flatten(start_dim=2)(torch.zeros(8, 3, 28, 28)).shape)"
    ),
)

q3 = Problem(
    "Exercise 3 (one value, two flattening orders)",
    expect_all(expect_number(1596, integer=True), expect_number(86, integer=True)),
    hints=[
        "PyTorch (C, H, W): position = channel × 28 × 28 + row × 28 + column.",
        "Keras (H, W, C): position = (row × 28 + column) × 3 + channel.",
    ],
    solution_text=(
        "PyTorch: 2 × 784 + 1 × 28 + 0 = 1596.  Keras: (1 × 28 + 0) × 3 + 2 = 86.\n"
        "answer_q3 = (1596, 86)"
    ),
)
