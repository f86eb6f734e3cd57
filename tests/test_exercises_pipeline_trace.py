"""Each exercise of the pipeline-trace chapter: right, wrong and missing answers."""

import numpy as np
import pytest

from course_utils.exercises import CORRECT, INCORRECT, UNATTEMPTED
from course_utils.exercises import pipeline_trace as ex


@pytest.mark.parametrize(
    "problem, answer",
    [
        (ex.q1, (25_450, 407_050)),
        (ex.q1, [np.int64(25_450), 407_050.0]),
        (ex.q2, (0.856, 0.892)),
        (ex.q3, 131_200),
        (ex.q3, np.int64(131_200)),
    ],
)
def test_correct_answers(problem, answer):
    assert problem.evaluate(answer).status == CORRECT


@pytest.mark.parametrize(
    "problem, answer, message",
    [
        (ex.q1, (101_770, 407_050), "Value 1: Your 101770 is too high by 76320."),
        (ex.q1, (25_450, 401_408), "Value 2: Your 401408 is too low by 5642."),
        (ex.q1, 25_450, "Expected 2 values in a tuple, got a int."),
        (ex.q1, (25_450, None), "Value 2 is still None."),
        (ex.q2, (85.6, 89.2), "Value 1: Your 85.6 is outside the expected range 0.7 to 0.95."),
        (ex.q2, (0.856, 0.1), "Value 2: Your 0.1 is outside the expected range 0.75 to 0.97."),
        (ex.q2, ("0.86", 0.89), "Value 1: Expected a number, got text ('0.86')."),
        (ex.q3, 100_480, "Your 100480 is too low by 30720."),
        (ex.q3, 131_072, "Your 131072 is too low by 128."),
        (ex.q3, 131_200.5, "Expected a whole number, got 131200.5."),
    ],
)
def test_wrong_answers_get_a_specific_message(problem, answer, message):
    feedback = problem.evaluate(answer)
    assert feedback.status == INCORRECT
    assert message in feedback.message


@pytest.mark.parametrize("problem", [ex.q1, ex.q2, ex.q3])
def test_none_is_unattempted(problem):
    assert problem.evaluate(None).status == UNATTEMPTED


@pytest.mark.parametrize("problem", [ex.q1, ex.q2, ex.q3])
def test_every_problem_has_hints_and_a_solution(problem, capsys):
    assert len(problem.hints) == 2 and problem.solution_text
    problem.hint(2)
    problem.solution()
    out = capsys.readouterr().out
    assert "Hint (hint 2 of 2)" in out and "Solution to" in out


def test_q1_solution_matches_the_models_own_count():
    from course_utils.models import dense_classifier

    assert ex.q1.evaluate((dense_classifier(32).count_params(), dense_classifier(512).count_params())).status == CORRECT
