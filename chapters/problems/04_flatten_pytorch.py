"""Exercises of "Flatten in PyTorch" (chapters/04_flatten_pytorch.ipynb).

How to declare an exercise: /work/coord/EXERCISES.md (and the instructors page).
"""

from course_utils.exercises import Mistake, Number, Problem, Several, Shape, Values

q1 = Problem(
    "Exercise 1 (nn.Flatten on 16 images of 3 × 32 × 32)",
    Shape((16, 3 * 32 * 32)),
    hints=[
        "nn.Flatten keeps axis 0, the batch, and merges every other axis into one.",
        "The merged axis has 3 × 32 × 32 values.",
    ],
)

q2 = Problem(
    "Exercise 2 (nn.Flatten(start_dim=1, end_dim=2))",
    Shape((8, 3 * 28, 28), mistakes=[
        Mistake((8, 3 * 28 * 28), "end_dim=2 stops the merge at axis 2: the last axis is left alone."),
        Mistake((8, 3, 28 * 28), "That merges axes 2 and 3; here the merge starts at axis 1 and ends at axis 2."),
    ]),
    hints=[
        "start_dim and end_dim are both included in the merge; the axes outside it are kept.",
        "Axes 1 and 2 (channels and rows) become one axis; the batch and the columns stay.",
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


def _faulty_row_sources(batch=10, row=7):
    """Images whose values land in ``row`` after SwappedFlatten, for a batch of ``batch`` images."""
    # transpose(0, 1) gives (3, batch, 28, 28): blocks of 784 values ordered (channel, image);
    # row r of the reshape holds blocks 3r, 3r + 1 and 3r + 2 of that order.
    return sorted({block % batch for block in range(3 * row, 3 * row + 3)})


q4 = Problem(
    "Exercise 4 (the images in one row of a faulty flatten)",
    Values(_faulty_row_sources, tol=0, mistakes=[
        Mistake([7, 7, 7], "Row 7 of a correct flatten holds only image 7. SwappedFlatten moves the channel "
                           "axis first, so a row is made of channel blocks taken across the batch."),
        Mistake([21, 22, 23], "Those are the block numbers; a block number counts channels times images, "
                              "so reduce it to an image index within the batch of 10."),
    ]),
    hints=[
        "After transpose(0, 1) the values are ordered as (channel, image, row, column): "
        "blocks of 784 values, one per (channel, image) pair.",
        "Row r of the (10, 2352) result holds 3 consecutive blocks, starting at block 3r; "
        "block k belongs to image k modulo 10.",
    ],
    points=2,
)

### BEGIN SOLUTION
SOLUTIONS = {
    "q1": (
        "# The batch axis (16) stays; 3 × 32 × 32 = 3072 values per image.\n"
        "answer_q1 = (16, 3072)\n"
        "# or: tuple(nn.Flatten()(torch.zeros(16, 3, 32, 32)).shape)"
    ),
    "q2": (
        "# Axes 1 and 2 (3 channels x 28 rows) merge into 84; the batch and the 28 columns stay.\n"
        "answer_q2 = (8, 84, 28)\n"
        "# or: tuple(nn.Flatten(start_dim=1, end_dim=2)(torch.zeros(8, 3, 28, 28)).shape)"
    ),
    "q4": (
        "# Number each value by its image, then read row 7 of the faulty flatten.\n"
        "ids = torch.arange(10.0).view(10, 1, 1, 1).expand(10, 3, 28, 28)\n"
        "answer_q4 = SwappedFlatten()(ids)[7].unique().int().tolist()   # [1, 2, 3]\n"
        "# By reasoning: row 7 holds blocks 21, 22, 23 of the (channel, image) order,\n"
        "# i.e. blue channel of images 1, 2, 3. The rows a block lands in depend on the\n"
        "# batch size, so the mix (and the model's accuracy) changes with it."
    ),
    "q3": "# PyTorch: 2 × 784 + 1 × 28 + 0 = 1596.  Keras: (1 × 28 + 0) × 3 + 2 = 86.\nanswer_q3 = (1596, 86)",
}
### END SOLUTION
