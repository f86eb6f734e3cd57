"""The exercise machinery: friendly feedback, never a traceback."""

import math

import numpy as np
import pytest

from course_utils.exercises import (
    CORRECT, INCORRECT, UNATTEMPTED, Problem, expect_all, expect_choice, expect_number, expect_range, expect_shape,
)

ODD_INPUTS = [None, "forty", float("nan"), math.inf, [1, 2], {"a": 1}, np.zeros((1000, 1000)), True, object(), (1,), b"x"]


def test_number_checker_messages():
    p = Problem("Q", expect_number(40, integer=True), hints=["h1", "h2"], solution_text="40")
    assert p.evaluate(40).status == CORRECT
    assert p.evaluate(np.int64(40)).status == CORRECT
    low = p.evaluate(36)
    assert low.status == INCORRECT and "too low by 4" in low.message
    assert "too high by 1" in p.evaluate(41).message
    assert "whole number" in p.evaluate(40.5).message
    assert p.evaluate(None).status == UNATTEMPTED and "not solved yet" in p.evaluate(None).message


@pytest.mark.parametrize("answer", ODD_INPUTS)
@pytest.mark.parametrize(
    "checker",
    [expect_number(1.0, tol=0.1), expect_range(0, 1), expect_shape((2, 3)), expect_choice("B", "ABCD"), expect_all(expect_number(5), expect_number(6))],
)
def test_checkers_never_raise(answer, checker):
    feedback = Problem("Q", checker).evaluate(answer)
    assert feedback.status in (INCORRECT, UNATTEMPTED)
    assert feedback.message and "Traceback" not in feedback.message


def test_a_buggy_checker_still_gives_a_message():
    def broken(answer):
        raise ZeroDivisionError

    feedback = Problem("Q", broken).evaluate(3)
    assert feedback.status == INCORRECT and "could not check an answer of type int" in feedback.message


def test_shape_choice_range_and_tuple_checkers():
    assert Problem("Q", expect_shape((2, 3))).evaluate((2, 3)).status == CORRECT
    assert Problem("Q", expect_shape((2, 3))).evaluate(np.zeros((2, 3))).status == CORRECT
    assert "Expected 2 dimensions, got 3" in Problem("Q", expect_shape((2, 3))).evaluate((2, 3, 1)).message
    assert Problem("Q", expect_choice("b", "ABCD")).evaluate(" B ").status == CORRECT
    assert "C is not the right option" in Problem("Q", expect_choice("B", "ABCD")).evaluate("c").message
    assert "outside the expected range 0 to 1" in Problem("Q", expect_range(0, 1)).evaluate(2).message
    both = Problem("Q", expect_all(expect_number(1), expect_number(2)))
    assert both.evaluate((1, 2)).status == CORRECT
    assert "Value 2: Your 3 is too high by 1" in both.evaluate((1, 3)).message
    assert "Value 1 is still None" in both.evaluate((None, 2)).message


def test_check_hint_and_solution_print(capsys):
    p = Problem("Q", expect_number(1), hints=["first", "second"], solution_text="x = 1")
    p.check(1)
    p.hint()
    p.hint(2)
    p.hint(99)
    p.solution()
    out = capsys.readouterr().out
    assert "✅ Q: correct!" in out and "💡 Hint (hint 1 of 2): first" in out and "(hint 2 of 2): second" in out
    assert "Solution to Q:\nx = 1" in out
    Problem("Q", expect_number(1)).hint()
    assert "no hint" in capsys.readouterr().out
