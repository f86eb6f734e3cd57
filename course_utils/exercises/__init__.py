"""Exercises with automatic feedback, written once for every chapter.

A chapter's module declares its problems and nothing else::

    q1 = Problem(
        "Parameters of Dense(32) on 784 inputs",
        expect_number(25_120, integer=True),
        hints=["Each neuron has one weight per input and one bias."],
        solution_text="params = 784 * 32 + 32",
    )

and the notebook calls ``ex.q1.check(answer)``, ``ex.q1.hint()`` or
``ex.q1.solution()``.  Feedback is one short printed message; unexpected input
(``None``, text, NaN, huge arrays) gets a friendly message, never a traceback.

In a notebook, an answer cell keeps its solution between the lines
``### BEGIN SOLUTION`` and ``### END SOLUTION``; the student edition
(``make assignments``) removes them, leaving the ``= None`` starter line, so
an unsolved exercise reports "not solved yet".
"""

import math
from dataclasses import dataclass, field
from typing import Callable

import numpy as np

CORRECT, INCORRECT, UNATTEMPTED = "correct", "incorrect", "unattempted"


class Incorrect(Exception):
    """Raised by a checker with the message the learner should see."""


@dataclass(frozen=True)
class Feedback:
    status: str
    message: str

    def __str__(self):
        return self.message


@dataclass
class Problem:
    """One exercise: a title, a checker, hints and a solution.

    ``checker(answer)`` returns nothing when the answer is right and raises
    ``Incorrect("what is wrong")`` otherwise.
    """

    title: str
    checker: Callable
    hints: list = field(default_factory=list)
    solution_text: str = ""

    def evaluate(self, answer=None):
        """Return ``Feedback`` for ``answer`` without printing; never raises."""
        if answer is None or answer is Ellipsis:
            return Feedback(UNATTEMPTED, f"⏳ {self.title}: not solved yet. Replace None with your answer, then run the cell again.")
        try:
            self.checker(answer)
        except Incorrect as wrong:
            return Feedback(INCORRECT, f"❌ {self.title}: not quite. {wrong} Try `.hint()` for a nudge.")
        except Exception as exc:  # a checker must never show a learner a traceback
            kind = type(answer).__name__
            return Feedback(INCORRECT, f"❌ {self.title}: could not check an answer of type {kind} ({type(exc).__name__}). Check what you assigned.")
        return Feedback(CORRECT, f"✅ {self.title}: correct!")

    def check(self, answer=None):
        """Print whether ``answer`` is right, and what is wrong when it is not."""
        print(self.evaluate(answer).message)

    def hint(self, n=1):
        """Print hint number ``n`` (1-based)."""
        if not self.hints:
            print(f"💡 {self.title}: no hint for this one; re-read the section above.")
            return
        if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or not 1 <= n <= len(self.hints):
            n = 1
        extra = f" (hint {n} of {len(self.hints)})" if len(self.hints) > 1 else ""
        print(f"💡 Hint{extra}: {self.hints[n - 1]}")

    def solution(self):
        """Print a worked solution."""
        print(f"Solution to {self.title}:\n{self.solution_text}")


def _describe(answer):
    if isinstance(answer, str):
        return f"text ({answer[:30]!r})"
    shape = getattr(answer, "shape", None)
    if shape is not None:
        return f"an array of shape {tuple(shape)}"
    return f"a {type(answer).__name__}"


def _to_number(answer):
    if isinstance(answer, (bool, np.bool_)) or isinstance(answer, str):
        raise Incorrect(f"Expected a number, got {_describe(answer)}.")
    if getattr(answer, "shape", ()) not in ((), (1,)) or isinstance(answer, (list, tuple, dict, set)):
        raise Incorrect(f"Expected a single number, got {_describe(answer)}.")
    try:
        value = float(np.asarray(answer).ravel()[0]) if getattr(answer, "shape", None) == (1,) else float(answer)
    except (TypeError, ValueError):
        raise Incorrect(f"Expected a number, got {_describe(answer)}.") from None
    except OverflowError:  # a whole number too large for a float
        raise Incorrect("Expected a finite number, got a number too large to use.") from None
    if math.isnan(value) or math.isinf(value):
        raise Incorrect(f"Expected a finite number, got {value}.")
    return value


def expect_number(expected, *, tol=0.0, integer=False):
    """Checker for one number within ``tol`` of ``expected`` (whole if ``integer``)."""

    def checker(answer):
        value = _to_number(answer)
        if integer and not float(value).is_integer():
            raise Incorrect(f"Expected a whole number, got {value}.")
        off = value - expected
        if abs(off) > tol:
            direction = "too high" if off > 0 else "too low"
            raise Incorrect(f"Your {value:g} is {direction} by {abs(off):g}.")

    return checker


def expect_range(low, high):
    """Checker for one number in the closed interval [low, high]."""

    def checker(answer):
        value = _to_number(answer)
        if not low <= value <= high:
            raise Incorrect(f"Your {value:g} is outside the expected range {low:g} to {high:g}.")

    return checker


def expect_shape(expected):
    """Checker for a shape tuple (an array is accepted and its shape used)."""
    expected = tuple(expected)

    def checker(answer):
        shape = getattr(answer, "shape", answer)
        if not isinstance(shape, (tuple, list)) or not all(isinstance(d, (int, np.integer)) and not isinstance(d, bool) for d in shape):
            raise Incorrect(f"Expected a shape such as {expected}, got {_describe(answer)}.")
        shape = tuple(int(d) for d in shape)
        if len(shape) != len(expected):
            raise Incorrect(f"Expected {len(expected)} dimensions, got {len(shape)}: {shape}.")
        if shape != expected:
            raise Incorrect(f"Shape {shape} is not right; check each dimension.")

    return checker


def expect_choice(correct, options):
    """Checker for one option out of ``options`` (letters, case-insensitive)."""
    options = [o.upper() for o in options]

    def checker(answer):
        if not isinstance(answer, str) or answer.strip().upper() not in options:
            raise Incorrect(f"Answer with one of {', '.join(options)}; got {_describe(answer)}.")
        if answer.strip().upper() != correct.upper():
            raise Incorrect(f"{answer.strip().upper()} is not the right option.")

    return checker


def expect_all(*checkers):
    """Checker for a tuple of answers, one checker each, in order."""

    def checker(answer):
        if not isinstance(answer, (tuple, list)) or len(answer) != len(checkers):
            raise Incorrect(f"Expected {len(checkers)} values in a tuple, got {_describe(answer)}.")
        for i, (part, check) in enumerate(zip(answer, checkers), start=1):
            if part is None:
                raise Incorrect(f"Value {i} is still None.")
            try:
                check(part)
            except Incorrect as wrong:
                raise Incorrect(f"Value {i}: {wrong}") from None

    return checker
