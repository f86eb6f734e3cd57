"""The chapter's exercises accept the right answers and explain wrong ones."""

import pytest

from course_utils.exercises import CORRECT, INCORRECT, UNATTEMPTED
from course_utils.exercises import conv2d_metrics as ex
from course_utils.metrics import scores_from_counts


def test_q1_dog_precision_and_recall():
    dog = scores_from_counts(tp=35, fn=5, fp=10, tn=50)
    assert ex.q1.evaluate((dog.precision, dog.recall)).status == CORRECT
    assert ex.q1.evaluate((0.78, 0.88)).status == CORRECT  # rounded by hand
    swapped = ex.q1.evaluate((dog.recall, dog.precision))
    assert swapped.status == INCORRECT
    assert "Value 1: Your 0.875 is too high" in swapped.message
    cat = ex.q1.evaluate((0.91, 0.83))
    assert cat.status == INCORRECT and "Value 1" in cat.message
    assert "Expected 2 values in a tuple" in ex.q1.evaluate(0.78).message
    assert ex.q1.evaluate(None).status == UNATTEMPTED


def test_q2_conv2_parameters():
    assert ex.q2.evaluate(3 * 3 * 16 * 32 + 32).status == CORRECT
    no_bias = ex.q2.evaluate(3 * 3 * 16 * 32)
    assert no_bias.status == INCORRECT and "too low by 32" in no_bias.message
    one_channel = ex.q2.evaluate(3 * 3 * 32 + 32)
    assert one_channel.status == INCORRECT and "too low" in one_channel.message
    assert "Expected a number" in ex.q2.evaluate("4640").message
    assert ex.q2.evaluate(None).status == UNATTEMPTED


def test_q3_tumour_screen():
    screen = scores_from_counts(tp=15, fn=5, fp=30, tn=950)
    assert ex.q3.evaluate((screen.accuracy, screen.precision, screen.recall)).status == CORRECT
    wrong_tn = ex.q3.evaluate((0.985, screen.precision, screen.recall))  # forgot to remove the false alarms
    assert wrong_tn.status == INCORRECT and "Value 1: Your 0.985 is too high" in wrong_tn.message
    swapped = ex.q3.evaluate((screen.accuracy, screen.recall, screen.precision))
    assert swapped.status == INCORRECT and "Value 2" in swapped.message
    assert "Value 3 is still None" in ex.q3.evaluate((0.965, 0.333, None)).message
    assert ex.q3.evaluate(None).status == UNATTEMPTED


@pytest.mark.parametrize("problem", [ex.q1, ex.q2, ex.q3])
def test_every_problem_has_hints_and_a_solution(problem, capsys):
    assert problem.hints and problem.solution_text
    problem.hint()
    problem.solution()
    out = capsys.readouterr().out
    assert out.startswith("💡") and "Solution to" in out
