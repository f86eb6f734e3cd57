"""Property tests (hypothesis): no answer, however odd, makes an exercise check raise or show a traceback.

Every chapter's problem file (``chapters/problems/*.py``) is found on disk, so a new
chapter's problems are covered without editing this file.
"""

import contextlib
import io
from pathlib import Path

import course_utils  # noqa: F401  (first: quiets TensorFlow)
import numpy as np
import torch
from hypothesis import example, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from course_utils.exercises import CORRECT, INCORRECT, UNATTEMPTED, load_problems, problems_of

PROBLEM_DIR = Path(__file__).resolve().parent.parent / "chapters" / "problems"
CHAPTERS = {path.stem: load_problems(path.stem) for path in sorted(PROBLEM_DIR.glob("[0-9]*.py"))}
PROBLEMS = [
    (f"{chapter}.{name}", problem)
    for chapter, module in sorted(CHAPTERS.items())
    for name, problem in problems_of(module).items()
]


def test_every_chapter_module_is_found_and_has_problems():
    assert len(CHAPTERS) >= 5
    for chapter, module in CHAPTERS.items():
        assert problems_of(module), f"{chapter} declares no Problem"


class Weird:
    """An object that has a 'shape' and a length but is neither a shape nor an array."""

    shape = "not a shape"

    def __len__(self):
        return 2

    def __float__(self):
        raise ValueError("no float for you")


numbers = st.one_of(
    st.integers(),
    st.sampled_from([10**400, -(10**400), 2**63, -(2**63) - 1]),
    st.floats(),  # NaN and infinities included
    st.complex_numbers(),
    st.sampled_from([np.float64("nan"), np.float32("inf"), np.int64(40), np.uint8(255), np.bool_(True)]),
)
arrays = st.one_of(
    hnp.arrays(
        dtype=st.one_of(hnp.scalar_dtypes(), hnp.byte_string_dtypes(max_len=3), hnp.unicode_string_dtypes(max_len=3)),
        shape=hnp.array_shapes(min_dims=0, max_dims=4, min_side=0, max_side=4),
    ),
    st.sampled_from([(1000, 1000), (2, 1_000_000), (16, 200), (4, 28, 28, 10), (16, 3072), (8, 3, 784), (1,), (2,)]).map(np.ones),
    st.builds(lambda shape: torch.zeros(shape), hnp.array_shapes(min_dims=0, max_dims=4, max_side=4)),
    st.builds(torch.Size, st.lists(st.integers(0, 5000), max_size=4)),
)
leaves = st.one_of(
    st.none(), st.just(Ellipsis), st.booleans(), numbers, st.text(), st.binary(max_size=8),
    st.builds(object), st.builds(Weird), st.sets(st.integers(), max_size=3), arrays,
)
answers = st.recursive(
    leaves,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.lists(inner, max_size=4).map(tuple),
        st.dictionaries(st.one_of(st.text(max_size=3), st.integers()), inner, max_size=3),
    ),
    max_leaves=8,
)

ANSWER_SETTINGS = settings(derandomize=True, max_examples=150, deadline=None)


def _assert_friendly(label, feedback):
    assert feedback.status in (CORRECT, INCORRECT, UNATTEMPTED), label
    assert isinstance(feedback.message, str) and feedback.message.strip(), label
    assert "Traceback" not in feedback.message, (label, feedback.message)
    # The catch-all message is for a broken checker; the course's own checkers explain what is wrong.
    assert "could not check an answer" not in feedback.message, (label, feedback.message)


@ANSWER_SETTINGS
@given(answer=answers)
@example(answer=10**400)
@example(answer=(10**400, -(10**400), 1e308 * 10))
@example(answer=np.ones((1000, 1000)))
def test_evaluate_never_raises_and_always_explains(answer):
    for label, problem in PROBLEMS:
        _assert_friendly(label, problem.evaluate(answer))


@ANSWER_SETTINGS
@given(answer=answers)
def test_check_prints_exactly_the_feedback_once(answer):
    for label, problem in PROBLEMS:
        out = io.StringIO()
        problem.wrong_tries = 0  # the first wrong try prints the feedback (and a pointer to .hint())
        with contextlib.redirect_stdout(out):
            problem.check(answer)
        assert out.getvalue().startswith(problem.evaluate(answer).message), label
        assert len(out.getvalue()) <= 600, label


number_tuples = st.lists(st.one_of(st.integers(-10**6, 10**6), st.floats(-1e6, 1e6)), min_size=1, max_size=4).map(tuple)


@ANSWER_SETTINGS
@given(answer=st.one_of(number_tuples, st.integers(-10**7, 10**7), st.floats(allow_nan=False)))
def test_plausible_numeric_answers_get_correct_or_incorrect(answer):
    """Numbers and tuples of numbers are judged (never left 'unattempted', never a catch-all)."""
    for label, problem in PROBLEMS:
        feedback = problem.evaluate(answer)
        _assert_friendly(label, feedback)
        assert feedback.status in (CORRECT, INCORRECT), label
