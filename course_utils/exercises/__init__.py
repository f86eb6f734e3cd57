"""Exercises with feedback that teaches without telling, written once for every chapter.

A chapter declares its problems in ``chapters/problems/<notebook stem>.py`` (outside this
package; see ``/work/coord/EXERCISES.md`` or the instructors page)::

    from course_utils.exercises import FORGOT_BIASES, Mistake, Number, Problem

    q1 = Problem(
        "Exercise 1 (parameters of Dense(units) on n inputs)",
        Number(lambda: N_INPUTS * UNITS + UNITS, integer=True,
               mistakes=[Mistake(lambda: N_INPUTS * UNITS, FORGOT_BIASES)]),
        hints=["Each neuron has one weight per input.", "Do not forget the biases."],
    )

    ### BEGIN SOLUTION
    SOLUTIONS = {"q1": "answer_q1 = <the worked computation, with a comment saying why>"}
    ### END SOLUTION

and the notebook loads it with ``ex = load_problems("<notebook stem>")``, then calls
``ex.q1.check(answer)``, ``ex.q1.hint()`` and ``ex.q1.solution()``. Expected values may be
callables (computed from the data or a model the first time they are needed). The answer kinds
are ``Number`` (one value, a tolerance or a range), ``Shape``, ``Values`` (a short vector),
``Choice`` (a letter) and ``Several`` (a tuple of the others). The judging itself is
``course_utils.feedback`` (also embedded in nbgrader's hidden tests by ``make release``).
"""

import base64
import importlib.util
import json
import sys
import zlib
from dataclasses import dataclass
from pathlib import Path

from .. import feedback as _feedback
from ..feedback import (  # noqa: F401  (re-exported: the common-mistake messages)
    BATCH_AS_NUMBER, CORRECT, FLATTENED_BATCH, FORGOT_BIASES, INCORRECT, MISSING_BATCH, ONE_LAYER_ONLY,
    PERCENT_FOR_FRACTION, SWAPPED_PRECISION_RECALL, SWAPPED_VALUES, UNATTEMPTED,
)

ROOT = Path(__file__).resolve().parent.parent.parent
PROBLEM_DIRS = (ROOT / "chapters" / "problems", ROOT / "problems")
WRONG_TRIES_BEFORE_HINT = 2
_MARK = {CORRECT: "✅", INCORRECT: "❌", UNATTEMPTED: "⏳"}


def _resolve(value):
    return value() if callable(value) else value


def _plain(value):
    """JSON-ready copy of a value: NumPy numbers and arrays become Python ones."""
    if hasattr(value, "tolist"):
        value = value.tolist()
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, float) or (not isinstance(value, (bool, str)) and isinstance(value, int)):
        return value
    return value


@dataclass(frozen=True)
class Mistake:
    """A wrong answer learners often give (shaped like the right one), and what to tell them.

    ``value`` may be a callable, computed when first needed. The message names the idea, never
    the expected value.
    """

    value: object
    message: str

    def spec(self):
        return {"value": _plain(_resolve(self.value)), "message": str(self.message)}


class _Answer:
    kind = ""

    def __init__(self, mistakes=()):
        self.mistakes = list(mistakes)

    def spec(self):
        spec = {"kind": self.kind, **self._fields()}
        spec["mistakes"] = [m.spec() for m in self.mistakes]
        return spec

    def _fields(self):  # pragma: no cover - every kind overrides it
        raise NotImplementedError


class Number(_Answer):
    """One number: ``value`` within ``tol``, or anything in ``[low, high]`` (values may be callables).

    ``integer=True`` for counts. ``fraction=True`` (the default when the value lies in [0, 1])
    recognises a percentage given for a fraction.
    """

    kind = "number"

    def __init__(self, value=None, *, tol=0.0, integer=False, low=None, high=None, fraction=None, mistakes=()):
        super().__init__(mistakes)
        if (value is None) == (low is None or high is None):
            raise ValueError("Number needs either value= or both low= and high=")
        self.value, self.tol, self.integer, self.low, self.high, self.fraction = value, tol, integer, low, high, fraction

    def _fields(self):
        tol = float(_resolve(self.tol))
        if not tol >= 0:
            raise ValueError(f"tol must be a number >= 0, got {tol!r}")
        if self.value is not None:
            value = float(_resolve(self.value))
            low = high = None
            lo = hi = value
        else:
            low, high = float(_resolve(self.low)), float(_resolve(self.high))
            if not low <= high:
                raise ValueError(f"low must be <= high, got low={low!r}, high={high!r}")
            value, lo, hi = (low + high) / 2, low, high
        fraction = self.fraction if self.fraction is not None else (0 <= lo and hi <= 1)
        return {"value": value, "tol": tol, "integer": bool(self.integer), "low": low, "high": high,
                "fraction": bool(fraction)}


def Range(low, high, **kw):
    """Any number in ``[low, high]`` (e.g. a trained accuracy that varies with the machine)."""
    return Number(low=low, high=high, **kw)


class Shape(_Answer):
    """A shape. Write ``None`` first for a model's batch axis, as Keras prints it (``(None, 200)``).

    When the question fixes the batch size (``(16, 200)``), ``None`` in its place is accepted too.
    """

    kind = "shape"

    def __init__(self, value, *, mistakes=()):
        super().__init__(mistakes)
        self.value = value

    def _fields(self):
        return {"value": [None if d is None else int(d) for d in _resolve(self.value)], "none_batch": True}


class Values(_Answer):
    """A short vector of numbers (a forward pass by hand), each within ``tol``."""

    kind = "values"

    def __init__(self, value, *, tol=0.0, mistakes=()):
        super().__init__(mistakes)
        self.value, self.tol = value, tol

    def _fields(self):
        return {"value": [float(v) for v in _plain(_resolve(self.value))], "tol": float(_resolve(self.tol))}


class Choice(_Answer):
    """One letter out of ``options``. ``mistakes`` may map a wrong letter to its own message."""

    kind = "choice"

    def __init__(self, value, options, *, mistakes=()):
        if isinstance(mistakes, dict):
            mistakes = [Mistake(letter, message) for letter, message in mistakes.items()]
        super().__init__(mistakes)
        self.value, self.options = value, list(options)

    def _fields(self):
        return {"value": str(_resolve(self.value)).upper(), "options": [str(o).upper() for o in self.options]}


class Several(_Answer):
    """A tuple of answers, in order; ``names`` label the parts in messages (e.g. "precision")."""

    kind = "several"

    def __init__(self, *parts, names=None, mistakes=()):
        super().__init__(mistakes)
        self.parts, self.names = list(parts), list(names) if names else None
        if self.names is not None and len(self.names) != len(self.parts):
            raise ValueError(f"names must have one entry per part ({len(self.parts)}), got {len(self.names)}")

    def _fields(self):
        fields = {"parts": [p.spec() for p in self.parts]}
        if self.names:
            fields["names"] = [n[:1].upper() + n[1:] for n in self.names]
        return fields


@dataclass(frozen=True)
class Feedback:
    status: str
    message: str

    def __str__(self):
        return self.message


class Problem:
    """One exercise: a title, the expected answer, hints, and (instructor edition) a solution.

    ``answer`` is one of ``Number``, ``Shape``, ``Values``, ``Choice``, ``Several`` (or an
    already-resolved spec ``dict``). ``points`` is its weight in nbgrader.
    """

    def __init__(self, title, answer, *, hints=(), points=1):
        if not isinstance(title, str) or not title.strip():
            raise TypeError(f"title must be a non-empty str, got {title!r}")
        if not isinstance(answer, (_Answer, dict)):
            raise TypeError(f"answer must be Number, Shape, Values, Choice or Several, got {type(answer).__name__}")
        self.title, self.answer, self.hints, self.points = title, answer, list(hints), points
        self.name = None  # "q1": set by load_problems
        self.solution_text = None  # set by load_problems from the chapter's SOLUTIONS
        self.solution_where = None  # student edition: where the worked solution is
        self.wrong_tries = 0
        self._spec = answer if isinstance(answer, dict) else None

    def spec(self):
        """The expectation as plain data (computed once; callables are evaluated here)."""
        if self._spec is None:
            self._spec = self.answer.spec()
        return self._spec

    def evaluate(self, answer=None):
        """Return ``Feedback`` for ``answer`` without printing; never raises."""
        try:
            spec = self.spec()
        except Exception as exc:  # a broken declaration must not show the learner a traceback
            return Feedback(INCORRECT, f"❌ {self.title}: this exercise could not be prepared ({type(exc).__name__}); "
                                       "re-run the chapter's cells from the top.")
        status, message = _feedback.judge(spec, answer)
        if status == CORRECT:
            return Feedback(status, f"✅ {self.title}: correct!")
        if status == UNATTEMPTED:
            return Feedback(status, f"⏳ {self.title}: not solved yet. Replace None with your answer, then run the cell again.")
        return Feedback(status, f"❌ {self.title}: not quite. {message}")

    def check(self, answer=None):
        """Print whether ``answer`` is right; after two wrong tries, the hint comes with it."""
        feedback = self.evaluate(answer)
        message = feedback.message
        if feedback.status == INCORRECT:
            self.wrong_tries += 1
            if self.wrong_tries >= WRONG_TRIES_BEFORE_HINT and self.hints:
                n = min(self.wrong_tries - WRONG_TRIES_BEFORE_HINT, len(self.hints) - 1)
                message += f"\n💡 Hint: {self.hints[n]}"
            elif self.hints:
                message += " Try `.hint()` for a nudge."
        print(message)

    def hint(self, n=1):
        """Print hint number ``n`` (1-based)."""
        if not self.hints:
            print(f"💡 {self.title}: no hint for this one; re-read the section above.")
            return
        if isinstance(n, bool) or not isinstance(n, int) or not 1 <= n <= len(self.hints):
            n = 1
        extra = f" (hint {n} of {len(self.hints)})" if len(self.hints) > 1 else ""
        print(f"💡 Hint{extra}: {self.hints[n - 1]}")

    def solution(self):
        """Print the worked solution, or (student edition) where to find it."""
        if self.solution_text:
            print(f"Solution to {self.title}:\n{self.solution_text}")
        elif self.solution_where:
            print(f"The worked solution to {self.title} is in the online book: {self.solution_where}")
        else:
            print(f"The worked solution to {self.title} is not part of this edition; ask your instructor.")

    def to_data(self):
        """Everything the student edition needs (no solution)."""
        return {"title": self.title, "spec": self.spec(), "hints": self.hints, "points": self.points}

    @classmethod
    def from_data(cls, data):
        return cls(data["title"], data["spec"], hints=data.get("hints", ()), points=data.get("points", 1))


def encode_problems(problems):
    """Pack ``{name: Problem}`` into a short text (the student edition's problem file)."""
    raw = json.dumps({name: p.to_data() for name, p in problems.items()}, sort_keys=True).encode()
    return base64.b64encode(zlib.compress(raw, 9)).decode()


def decode_problems(text):
    """Inverse of ``encode_problems``: ``{name: Problem}``."""
    data = json.loads(zlib.decompress(base64.b64decode(text)))
    return {name: Problem.from_data(d) for name, d in data.items()}


def problems_of(module):
    """``{name: Problem}`` declared by a problem module (``q1``, ``q2``, ... in order)."""
    found = {name: value for name, value in vars(module).items() if isinstance(value, Problem)}
    return dict(sorted(found.items(), key=lambda item: (len(item[0]), item[0])))


def problem_file(chapter):
    """Path of chapter ``chapter``'s problem file (``chapters/problems/<chapter>.py``)."""
    if not isinstance(chapter, str) or not chapter or "/" in chapter or "\\" in chapter:
        raise ValueError(f"chapter must be a notebook's name without .ipynb, e.g. '01_flatten_dense_deep_dive', got {chapter!r}")
    chapter = chapter.removesuffix(".ipynb")
    for folder in PROBLEM_DIRS:
        path = folder / f"{chapter}.py"
        if path.exists():
            return path
    known = sorted(p.stem for d in PROBLEM_DIRS if d.is_dir() for p in d.glob("[0-9]*.py"))
    raise ValueError(f"no problems for chapter {chapter!r}: expected {PROBLEM_DIRS[0] / (chapter + '.py')}; known: {known}")


def load_problems(chapter):
    """Load a chapter's problems: ``ex = load_problems("01_flatten_dense_deep_dive")``, then ``ex.q1.check(...)``.

    Returns the problem module; each ``Problem`` in it knows its name and, in the instructor
    edition, its worked solution (the module's ``SOLUTIONS``).
    """
    path = problem_file(chapter)
    name = f"course_problems_{path.stem}"
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    encoded = getattr(module, "ENCODED_PROBLEMS", None)
    if encoded:
        for key, problem in decode_problems(encoded).items():
            setattr(module, key, problem)
    solutions = getattr(module, "SOLUTIONS", {}) or {}
    where = getattr(module, "SOLUTIONS_AT", None)
    for key, problem in problems_of(module).items():
        problem.name = key
        problem.solution_text = solutions.get(key)
        problem.solution_where = where
    return module

