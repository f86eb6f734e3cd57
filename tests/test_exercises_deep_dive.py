from course_utils.exercises import CORRECT, INCORRECT, UNATTEMPTED
from course_utils.exercises import deep_dive as ex


def test_q1():
    assert ex.q1.evaluate(25_120).status == CORRECT
    wrong = ex.q1.evaluate(25_088)  # forgot the biases
    assert wrong.status == INCORRECT and "too low by 32" in wrong.message
    assert ex.q1.evaluate(None).status == UNATTEMPTED


def test_q2():
    assert ex.q2.evaluate((16, 200)).status == CORRECT
    assert "Expected 2 dimensions, got 1" in ex.q2.evaluate((200,)).message
    assert ex.q2.evaluate(None).status == UNATTEMPTED


def test_q3():
    assert ex.q3.evaluate((4, 28, 28, 10)).status == CORRECT
    assert "Expected 4 dimensions, got 2" in ex.q3.evaluate((4, 10)).message
    assert ex.q3.evaluate(None).status == UNATTEMPTED
