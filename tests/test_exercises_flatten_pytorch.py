"""The Flatten-in-PyTorch exercises accept right answers, explain wrong ones, and wait for None."""

import numpy as np
import pytest
import torch
from torch import nn

from course_utils.exercises import CORRECT, INCORRECT, UNATTEMPTED
from course_utils.exercises import flatten_pytorch as ex


@pytest.mark.parametrize("problem", [ex.q1, ex.q2, ex.q3], ids=["q1", "q2", "q3"])
def test_none_is_unattempted(problem):
    feedback = problem.evaluate(None)
    assert feedback.status == UNATTEMPTED
    assert "not solved yet" in feedback.message


@pytest.mark.parametrize("problem", [ex.q1, ex.q2, ex.q3], ids=["q1", "q2", "q3"])
def test_every_problem_has_hints_and_a_solution(problem, capsys):
    assert len(problem.hints) >= 1
    problem.hint()
    problem.solution()
    out = capsys.readouterr().out
    assert "Hint" in out and "Solution to" in out


# ----------------------------------------------------------------- q1
@pytest.mark.parametrize("answer", [(16, 3072), [16, 3072], torch.Size([16, 3072])])
def test_q1_correct(answer):
    assert ex.q1.evaluate(answer).status == CORRECT


def test_q1_accepts_the_flattened_tensor_itself():
    assert ex.q1.evaluate(nn.Flatten()(torch.zeros(16, 3, 32, 32))).status == CORRECT


def test_q1_batch_axis_merged_is_incorrect():
    feedback = ex.q1.evaluate((49152,))
    assert feedback.status == INCORRECT
    assert "Expected 2 dimensions, got 1: (49152,)." in feedback.message


def test_q1_wrong_size_is_incorrect():
    feedback = ex.q1.evaluate((16, 1024))
    assert feedback.status == INCORRECT
    assert "Shape (16, 1024) is not right; check each dimension." in feedback.message


def test_q1_text_is_incorrect_not_a_crash():
    feedback = ex.q1.evaluate("(16, 3072)")
    assert feedback.status == INCORRECT
    assert "Expected a shape such as (16, 3072), got text" in feedback.message


# ----------------------------------------------------------------- q2
def test_q2_correct():
    assert ex.q2.evaluate((8, 3, 784)).status == CORRECT
    assert ex.q2.evaluate(nn.Flatten(start_dim=2)(torch.zeros(8, 3, 28, 28))).status == CORRECT


def test_q2_default_flatten_is_incorrect():
    feedback = ex.q2.evaluate((8, 2352))
    assert feedback.status == INCORRECT
    assert "Expected 3 dimensions, got 2: (8, 2352)." in feedback.message


def test_q2_wrong_axis_is_incorrect():
    feedback = ex.q2.evaluate((8, 84, 28))
    assert feedback.status == INCORRECT
    assert "Shape (8, 84, 28) is not right" in feedback.message


# ----------------------------------------------------------------- q3
@pytest.mark.parametrize("answer", [(1596, 86), [1596, 86], (np.int64(1596), 86.0)])
def test_q3_correct(answer):
    assert ex.q3.evaluate(answer).status == CORRECT


def test_q3_swapped_positions_are_incorrect():
    feedback = ex.q3.evaluate((86, 1596))
    assert feedback.status == INCORRECT
    assert "Value 1: Your 86 is too low by 1510." in feedback.message


def test_q3_keras_position_off_is_incorrect():
    feedback = ex.q3.evaluate((1596, 30))  # the channel added without multiplying the pixel index by 3
    assert feedback.status == INCORRECT
    assert "Value 2: Your 30 is too low by 56." in feedback.message


def test_q3_single_number_is_incorrect():
    feedback = ex.q3.evaluate(1596)
    assert feedback.status == INCORRECT
    assert "Expected 2 values in a tuple" in feedback.message


def test_q3_partly_none_is_incorrect():
    feedback = ex.q3.evaluate((1596, None))
    assert feedback.status == INCORRECT
    assert "Value 2 is still None." in feedback.message
