"""Every exercise of every chapter: each correct form accepted, each listed mistake named, no answer given away.

The problems are found in ``chapters/problems/*.py``, so a chapter's new exercise is covered
without editing this file. Correct forms are generated from each problem's own expectation:
a tuple, a list, a NumPy array, a ``TensorShape``, a ``torch.Size``, a tensor, and ``None``
as the batch axis where the question fixes the batch size.
"""

import contextlib
import io
import math
import re
from pathlib import Path

import course_utils  # noqa: F401  (first: quiets TensorFlow)
import numpy as np
import pytest
import tensorflow as tf
import torch

from course_utils import feedback
from course_utils.exercises import (
    CORRECT, INCORRECT, UNATTEMPTED, Choice, Mistake, Number, Problem, Range, Several, Shape, Values,
    decode_problems, encode_problems, load_problems, problems_of,
)

ROOT = Path(__file__).resolve().parent.parent
CHAPTERS = sorted(p.stem for p in (ROOT / "chapters" / "problems").glob("[0-9]*.py"))
PROBLEMS = [(f"{c}.{n}", p) for c in CHAPTERS for n, p in problems_of(load_problems(c)).items()]
IDS = [label for label, _ in PROBLEMS]


def test_every_chapter_notebook_has_a_problem_file_with_problems():
    notebooks = sorted(p.stem for p in (ROOT / "chapters").glob("[0-9]*.ipynb"))
    assert CHAPTERS == notebooks
    for chapter in CHAPTERS:
        assert problems_of(load_problems(chapter)), f"{chapter} declares no Problem"


# ------------------------------------------------------------------ correct forms, generated from the spec
def _number_forms(value, integer):
    forms = [value, float(value), np.float64(value), np.array([value]), np.array(value), torch.tensor(value),
             tf.constant(value)]
    if integer:
        forms += [int(value), np.int64(value), torch.tensor(int(value))]
    return forms


def _shape_forms(shape):
    forms = [tuple(shape), list(shape)]
    if None not in shape:
        forms += [np.array(shape), torch.Size(shape), tf.TensorShape(shape), tf.constant(shape)]
        if math.prod(shape) <= 200_000:
            forms += [np.zeros(shape, dtype="float32"), torch.zeros(shape)]
        forms.append((None, *shape[1:]))  # the chapter's notation for the batch axis
    else:
        forms += [tf.TensorShape(shape)]
    return forms


def _forms(spec):
    kind = spec["kind"]
    if kind == "number":
        value = spec["value"] if spec.get("low") is None else (spec["low"] + spec["high"]) / 2
        return _number_forms(value, spec.get("integer"))
    if kind == "shape":
        return _shape_forms(tuple(spec["value"]))
    if kind == "values":
        v = spec["value"]
        return [tuple(v), list(v), np.array(v), torch.tensor(v), tf.constant(v)]
    if kind == "choice":
        letter = spec["value"]
        return [letter, letter.lower(), f" {letter} "]
    if kind == "several":
        part_forms = [_forms(p) for p in spec["parts"]]
        n = max(len(f) for f in part_forms)
        tuples = [tuple(f[i % len(f)] for f in part_forms) for i in range(n)]
        forms = tuples + [list(tuples[0])]
        if all(p["kind"] == "number" for p in spec["parts"]):
            forms += [np.array(tuples[0], dtype=float), torch.tensor([float(x) for x in tuples[0]])]
        return forms
    raise AssertionError(kind)


@pytest.mark.parametrize("problem", [p for _, p in PROBLEMS], ids=IDS)
def test_every_correct_form_is_accepted(problem):
    for form in _forms(problem.spec()):
        feedback_ = problem.evaluate(form)
        assert feedback_.status == CORRECT, (type(form).__name__, form, feedback_.message)


# ------------------------------------------------------------------ mistakes: declared and common
def _mistakes(spec):
    """(wrong answer, message it must contain) pairs: declared mistakes and the common ones."""
    kind = spec["kind"]
    pairs = [(m["value"] if kind != "several" else tuple(m["value"]), m["message"]) for m in spec.get("mistakes", [])]
    if kind == "number" and spec.get("fraction") and spec.get("low") is None and 0.01 < spec["value"] <= 1:
        pairs.append((spec["value"] * 100, feedback.PERCENT_FOR_FRACTION))
    if kind == "shape":
        shape = tuple(spec["value"])
        if shape[0] is None:
            pairs.append(((32, *shape[1:]), feedback.BATCH_AS_NUMBER))
        else:
            pairs.append(((math.prod(shape),), feedback.FLATTENED_BATCH))
        if len(shape) > 1:
            pairs.append((shape[1:], feedback.MISSING_BATCH))
    if kind == "several":
        for i, part in enumerate(spec["parts"]):
            right = [p["value"] if p.get("low") is None else (p["low"] + p["high"]) / 2 for p in spec["parts"]]
            for wrong, message in _mistakes(part):
                answer = list(right)
                answer[i] = wrong
                pairs.append((tuple(answer), message))
    return pairs


@pytest.mark.parametrize("problem", [p for _, p in PROBLEMS], ids=IDS)
def test_every_listed_mistake_gets_its_own_message(problem):
    for wrong, message in _mistakes(problem.spec()):
        got = problem.evaluate(wrong)
        assert got.status == INCORRECT and message[:40].lower() in got.message.lower(), (wrong, got.message)


def _expected_texts(spec):
    kind = spec["kind"]
    if kind == "several":
        return [t for p in spec["parts"] for t in _expected_texts(p)]
    if kind == "number":
        values = [spec["value"]] if spec.get("low") is None else [spec["low"], spec["high"]]
        texts = []
        for v in values:
            texts += [f"{v:g}", f"{v:,.0f}" if abs(v) >= 1000 else f"{v:.2f}", f"{v:.3f}"]
        return [t for t in texts if len(t.strip("0.,")) >= 2]
    if kind in ("shape", "values"):
        return [str(tuple(spec["value"])), str(list(spec["value"]))]
    return []


def _wrong_answers(spec):
    kind = spec["kind"]
    if kind == "number":
        v = spec["value"] if spec.get("low") is None else spec["high"]
        return [v + 1, v * 2 + 3, -v - 1, v / 2 - 1]
    if kind == "shape":
        shape = [1 if d is None else d for d in spec["value"]]
        return [tuple(d + 1 for d in shape), (7,), tuple(shape) + (3,)]
    if kind == "values":
        return [tuple(v + 1 for v in spec["value"])]
    if kind == "choice":
        return [o for o in spec["options"] if o != spec["value"]]
    if kind == "several":
        return [tuple(w) for w in zip(*[_wrong_answers(p)[:1] for p in spec["parts"]])] + [(1,) * len(spec["parts"])]
    return []


@pytest.mark.parametrize("problem", [p for _, p in PROBLEMS], ids=IDS)
def test_no_message_gives_the_answer_away(problem):
    spec = problem.spec()
    texts = _expected_texts(spec)
    answers = _wrong_answers(spec) + [wrong for wrong, _ in _mistakes(spec)]
    for answer in answers:
        message = problem.evaluate(answer).message.removeprefix("❌ " + problem.title)
        for text in texts:
            assert not re.search(rf"(?<![\d.]){re.escape(text)}(?![\d])", message), (answer, text, message)
        assert len(problem.evaluate(answer).message) <= 400


@pytest.mark.parametrize("problem", [p for _, p in PROBLEMS], ids=IDS)
def test_none_is_unattempted_and_hints_exist(problem):
    assert problem.evaluate(None).status == UNATTEMPTED
    assert problem.hints, "every exercise needs at least one hint"


# ------------------------------------------------------------------ the machinery
def test_too_high_and_too_low_without_the_distance():
    p = Problem("Q", Number(40, integer=True), hints=["h"])
    assert p.evaluate(41).message.endswith("Too high.")
    assert p.evaluate(36).message.endswith("Too low.")
    assert "whole number" in p.evaluate(40.5).message


def test_ranges_values_choices_and_several():
    assert Problem("Q", Range(0.7, 0.9)).evaluate(0.8).status == CORRECT
    assert Problem("Q", Range(0.7, 0.9)).evaluate(0.95).message.endswith("Too high.")
    v = Problem("Q", Values([1.0, 0.0, 2.5], tol=0.01))
    assert v.evaluate(np.array([1.0, 0.0, 2.5])).status == CORRECT
    assert v.evaluate([1.0, 0.5, 2.5]).message.endswith("Value 2 is too high.")
    c = Problem("Q", Choice("B", "ABCD", mistakes={"A": "A is about something else."}))
    assert c.evaluate("b").status == CORRECT and c.evaluate("a").message.endswith("A is about something else.")
    assert "one of the letters" in c.evaluate(2).message
    s = Problem("Q", Several(Number(1), Number(2), names=["first", "second"]))
    assert s.evaluate((2, 1)).message.endswith(feedback.SWAPPED_VALUES)
    assert s.evaluate((1, None)).message.endswith("Second is still None.")
    assert s.evaluate((1, 3)).message.endswith("Second: too high.")


def test_model_notation_shapes():
    p = Problem("Q", Shape((None, 200)))
    assert p.evaluate((None, 200)).status == CORRECT
    assert p.evaluate(tf.TensorShape([None, 200])).status == CORRECT
    assert p.evaluate((32, 200)).message.endswith(feedback.BATCH_AS_NUMBER)
    assert "Only the batch axis" in p.evaluate((None, None)).message


def test_two_wrong_tries_bring_the_hint(capsys):
    p = Problem("Q", Number(1), hints=["first hint", "second hint"])
    p.check(3)
    assert "Try `.hint()`" in capsys.readouterr().out
    p.check(3)
    assert "💡 Hint: first hint" in capsys.readouterr().out
    p.check(3)
    assert "💡 Hint: second hint" in capsys.readouterr().out
    p.check(1)
    assert capsys.readouterr().out == "✅ Q: correct!\n"


def test_solution_instructor_and_student_editions(capsys):
    p = Problem("Q", Number(1))
    p.solution_text = "answer = 1"
    p.solution()
    assert "Solution to Q:\nanswer = 1" in capsys.readouterr().out
    student = decode_problems(encode_problems({"q1": p}))["q1"]
    student.solution()
    assert "not part of this edition" in capsys.readouterr().out
    student.solution_where = "https://example.org/book/chapter.html#exercises"
    student.solution()
    assert "online book: https://example.org/book/chapter.html#exercises" in capsys.readouterr().out
    assert student.evaluate(1).status == CORRECT


def test_expected_values_can_be_computed_when_first_needed():
    calls = []

    def expected():
        calls.append(1)
        return 0.25

    p = Problem("Q", Number(expected, tol=0.01, mistakes=[Mistake(lambda: 0.75, "Complement.")]))
    assert calls == []
    assert p.evaluate(0.25).status == CORRECT and p.evaluate(0.75).message.endswith("Complement.")
    assert calls == [1]


def test_bad_declarations_are_refused_clearly():
    with pytest.raises(ValueError, match="either value= or both low= and high="):
        Number()
    with pytest.raises(TypeError, match="answer must be Number"):
        Problem("Q", 3)
    with pytest.raises(ValueError, match="no problems for chapter 'nope'"):
        load_problems("nope")
    broken = Problem("Q", Number(lambda: 1 / 0))
    assert "could not be prepared (ZeroDivisionError)" in broken.evaluate(1).message


def test_judge_output_is_bounded_and_never_raises():
    spec = Problem("Q", Several(Number(1), Number(2))).spec()
    for answer in ([0] * 1_000_000, "x" * 10_000, {"a": 1}, object(), float("nan"), 10**400, b"x", np.zeros((1000, 1000))):
        status, message = feedback.judge(spec, answer)
        assert status == INCORRECT and len(message) <= feedback.MAX_MESSAGE


def test_autograde_prints_the_course_message_and_returns_the_points():
    spec = Problem("Q", Number(1)).spec()
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert feedback.autograde(spec, 1, "Exercise 1", points=2) == 2.0
        assert feedback.autograde(spec, 5, "Exercise 1", points=2) == 0.0
        assert feedback.autograde(spec, None, "Exercise 1", points=2) == 0.0
    assert out.getvalue().splitlines() == ["✅ Exercise 1: Correct!", "❌ Exercise 1: Too high.",
                                           "⏳ Exercise 1: Not solved yet: replace None with your answer, then run the cell again."]
