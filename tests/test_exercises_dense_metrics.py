"""The exercises of the metrics chapter accept the right answers and explain wrong ones."""

import numpy as np
import pytest

from course_utils import evaluation as ev
from course_utils.exercises import CORRECT, INCORRECT, UNATTEMPTED
from course_utils.exercises import dense_metrics as ex
from course_utils.metrics import scores_from_counts

PROBLEMS = [ex.q1, ex.q2, ex.q3]


@pytest.mark.parametrize("problem", PROBLEMS, ids=["q1", "q2", "q3"])
def test_none_is_unattempted(problem):
    feedback = problem.evaluate(None)
    assert feedback.status == UNATTEMPTED
    assert "not solved yet" in feedback.message


def test_q1_correct():
    s = scores_from_counts(tp=30, fn=20, fp=10, tn=940)
    assert ex.q1.evaluate((s.precision, s.recall, s.f1)).status == CORRECT
    assert ex.q1.evaluate([0.75, 0.6, 0.667]).status == CORRECT      # rounded by hand


@pytest.mark.parametrize(
    "answer, message",
    [
        ((0.6, 0.75, 0.667), "Value 1: Your 0.6 is too low by 0.15."),             # precision and recall swapped
        ((0.75, 0.6, 0.675), "Value 3: Your 0.675 is too high by"),               # arithmetic mean, not F1
        ((0.75, 0.6), "Expected 3 values in a tuple, got a tuple."),
        ((0.75, None, 0.667), "Value 2 is still None."),
        (0.75, "Expected 3 values in a tuple, got a float."),
    ],
)
def test_q1_wrong(answer, message):
    feedback = ex.q1.evaluate(answer)
    assert feedback.status == INCORRECT
    assert message in feedback.message


def test_q2_correct_and_matches_the_data():
    fraud = ev.fraud_like_split()
    answer = float(np.mean(fraud.y_test == 0))
    assert answer == 0.98
    assert ex.q2.evaluate(answer).status == CORRECT


@pytest.mark.parametrize(
    "answer, message",
    [
        (0.02, "Your 0.02 is too low by 0.96."),          # the share of frauds instead
        (98, "Your 98 is too high by 97.02."),            # a percentage instead of a fraction
        ("98%", "Expected a number, got text ('98%')."),
    ],
)
def test_q2_wrong(answer, message):
    feedback = ex.q2.evaluate(answer)
    assert feedback.status == INCORRECT
    assert message in feedback.message


def test_q3():
    assert ex.q3.evaluate("C").status == CORRECT
    assert ex.q3.evaluate(" c ").status == CORRECT
    wrong = ex.q3.evaluate("A")
    assert wrong.status == INCORRECT and "A is not the right option." in wrong.message
    bad = ex.q3.evaluate("recall")
    assert bad.status == INCORRECT and "Answer with one of A, B, C, D" in bad.message


@pytest.mark.parametrize("problem", PROBLEMS, ids=["q1", "q2", "q3"])
def test_hints_and_solution_print(problem, capsys):
    problem.hint()
    problem.hint(2)
    problem.solution()
    out = capsys.readouterr().out
    assert "Hint" in out and "Solution to" in out
