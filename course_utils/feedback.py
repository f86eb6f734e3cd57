"""Judge an answer against a declared expectation, with feedback that teaches without telling.

This module is the one place that decides whether an exercise answer is right. It imports only
the standard library and NumPy and nothing from ``course_utils``, because ``make release``
embeds its source in nbgrader's hidden tests: a grade never depends on the student's copy of
the helpers.

An expectation is plain data (a ``dict``), written by the builders of
``course_utils.exercises`` (``Number``, ``Shape``, ``Values``, ``Choice``, ``Several``)::

    {"kind": "number", "value": 25120.0, "tol": 0.0, "integer": True, "mistakes": [...]}

``judge(spec, answer)`` returns ``(status, message)``; it never raises, its message is at most
``MAX_MESSAGE`` characters, and no message contains the expected value. A wrong answer is named
by the kind of mistake (from the declared ``mistakes`` and the common ones recognised here),
otherwise it is "too high" / "too low" without the distance.

    >>> judge({"kind": "number", "value": 40.0, "tol": 0.0}, 41)
    ('incorrect', 'Too high.')
"""

import math
import warnings

import numpy as np

CORRECT, INCORRECT, UNATTEMPTED = "correct", "incorrect", "unattempted"
MAX_MESSAGE = 300

# Messages for the mistakes learners make most often. Problems name them in their ``mistakes``.
FORGOT_BIASES = "It looks like the biases are missing: each neuron also has one bias."
ONE_LAYER_ONLY = "It looks like only one layer is counted: add up every layer that has weights."
SWAPPED_PRECISION_RECALL = (
    "Precision and recall look swapped: precision divides by everything predicted positive, "
    "recall by everything truly positive."
)
PERCENT_FOR_FRACTION = "That looks like a percentage: the question asks for a fraction between 0 and 1."
BATCH_AS_NUMBER = (
    "The batch axis is written as a number: a layer does not fix the batch size, so its "
    "output shape has None there."
)
FLATTENED_BATCH = "The batch axis has been flattened away: Flatten keeps axis 0, one row per sample."
MISSING_BATCH = "The batch axis is missing: shapes here start with the batch axis."
SWAPPED_VALUES = "Two values look swapped: give them in the order the question asks for."
MAX_SHAPE_SIZE = 64  # a "shape" longer than this is not a shape


class Wrong(Exception):
    """An answer is wrong, with the message the learner should see."""


def _short(text):
    text = " ".join(str(text).split())
    return text if len(text) <= MAX_MESSAGE else text[: MAX_MESSAGE - 1] + "…"


def _kind_of(answer):
    return type(answer).__name__


def _plain(answer):
    """Tensors (PyTorch, TensorFlow) become NumPy arrays; everything else is returned unchanged."""
    if isinstance(answer, (str, bytes, bool, int, float, complex, tuple, list, dict, set, np.ndarray, np.generic)):
        return answer
    detach = getattr(answer, "detach", None)
    if callable(detach):  # torch.Tensor
        try:
            answer = detach().cpu()
        except Exception:
            return answer
    to_numpy = getattr(answer, "numpy", None)
    if callable(to_numpy):
        try:
            return np.asarray(to_numpy())
        except Exception:
            return answer
    return answer


def as_number(answer):
    """One finite number from an int, float, NumPy scalar, 1-element array or tensor, else ``Wrong``."""
    answer = _plain(answer)
    if isinstance(answer, (bool, np.bool_)):
        raise Wrong("The answer is True or False; a number is asked for.")
    if isinstance(answer, (str, bytes)):
        raise Wrong("The answer is text; a number is asked for (no quotes).")
    if isinstance(answer, (tuple, list, dict, set)):
        raise Wrong(f"The answer is a {_kind_of(answer)}; one number is asked for.")
    if isinstance(answer, (np.ndarray, np.generic)):
        if answer.size != 1:
            raise Wrong("The answer is an array of several values; one number is asked for.")
        answer = answer.reshape(()).item() if isinstance(answer, np.ndarray) else answer.item()
        if isinstance(answer, bool):
            raise Wrong("The answer is True or False; a number is asked for.")
    if isinstance(answer, complex):
        raise Wrong("The answer is a complex number; a real number is asked for.")
    try:
        value = float(answer)
    except OverflowError:
        raise Wrong("The answer is too large to be a sensible number here.") from None
    except Exception:
        raise Wrong(f"The answer is a {_kind_of(answer)}; a number is asked for.") from None
    if not math.isfinite(value):
        raise Wrong("The answer is not a finite number (NaN or infinity).")
    return value


def as_shape(answer):
    """A shape (tuple of ints, None allowed) from a tuple, list, TensorShape, torch.Size, array or tensor."""
    if answer is None:
        raise Wrong("The answer is still None.")
    as_list = getattr(answer, "as_list", None)
    if callable(as_list) and not isinstance(answer, (list, tuple)):  # tf.TensorShape
        try:
            answer = as_list()
        except Exception:
            raise Wrong("The answer is a shape of unknown length; give each axis.") from None
    elif not isinstance(answer, (tuple, list, str, bytes, dict, set)):
        plain = _plain(answer)
        if isinstance(plain, np.ndarray) and plain.ndim == 1 and plain.dtype.kind in "iu" and 1 <= plain.size <= 6:
            answer = plain.tolist()  # an array holding the shape's values
        elif hasattr(answer, "shape"):
            answer = getattr(answer, "shape")  # the array or tensor itself: its shape
            as_list = getattr(answer, "as_list", None)
            if callable(as_list) and not isinstance(answer, (list, tuple)):
                try:
                    answer = as_list()
                except Exception:
                    raise Wrong("The answer is a shape of unknown length; give each axis.") from None
    if isinstance(answer, (str, bytes)):
        raise Wrong("The answer is text; a shape is a tuple of whole numbers, such as (2, 3), without quotes.")
    if not isinstance(answer, (tuple, list)):
        raise Wrong(f"The answer is a {_kind_of(answer)}; a shape is a tuple of whole numbers, such as (2, 3).")
    if len(answer) > MAX_SHAPE_SIZE:
        raise Wrong("The answer has far too many entries to be a shape.")
    shape = []
    for axis in answer:
        if axis is None:
            shape.append(None)
            continue
        if isinstance(axis, (bool, np.bool_)) or not isinstance(axis, (int, np.integer)):
            try:
                axis = as_number(axis)
            except Wrong:
                raise Wrong("Each axis of a shape is a whole number (or None for the batch axis).") from None
            if not float(axis).is_integer():
                raise Wrong("Each axis of a shape is a whole number (or None for the batch axis).")
        if int(axis) < 0:
            raise Wrong("An axis of a shape cannot be negative.")
        shape.append(int(axis))
    return tuple(shape)


def as_values(answer, length=None):
    """A 1-D float array from a tuple, list, array or tensor."""
    answer = _plain(answer)
    if isinstance(answer, (str, bytes, dict, set)) or isinstance(answer, (bool, np.bool_)):
        raise Wrong(f"The answer is a {_kind_of(answer)}; a list of numbers is asked for.")
    if isinstance(answer, (tuple, list)) and len(answer) > 10_000:
        raise Wrong("The answer has far too many values.")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            values = np.asarray(answer, dtype=float)
    except Exception:
        raise Wrong("The answer could not be read as a list of numbers; give plain numbers.") from None
    values = values.reshape(-1) if values.ndim > 1 and values.size == (length or -1) else values
    if values.ndim != 1:
        raise Wrong("The answer should be one flat list of numbers.")
    if length is not None and values.size != length:
        raise Wrong("The answer does not have the number of values asked for.")
    if not np.all(np.isfinite(values)):
        raise Wrong("The answer holds NaN or infinity.")
    return values


def _near(a, b, tol):
    return abs(a - b) <= tol + 1e-12 * max(1.0, abs(b))


def _matches(spec, answer, target):
    """Does ``answer`` equal ``target`` (a value shaped like the expected one) under ``spec``'s tolerance?"""
    kind = spec["kind"]
    try:
        if kind == "number":
            return _near(as_number(answer), float(target), spec.get("tol", 0.0))
        if kind == "shape":
            return as_shape(answer) == tuple(target)
        if kind == "values":
            v = as_values(answer, len(target))
            return bool(np.all(np.abs(v - np.asarray(target, float)) <= spec.get("tol", 0.0) + 1e-12))
        if kind == "choice":
            return isinstance(answer, str) and answer.strip().upper() == str(target).upper()
        if kind == "several":
            parts = _parts(answer, len(spec["parts"]))
            return len(target) == len(parts) and all(
                _matches(p, a, t) for p, a, t in zip(spec["parts"], parts, target)
            )
    except Wrong:
        return False
    return False


def _declared_mistake(spec, answer):
    for mistake in spec.get("mistakes", ()):
        if _matches(spec, answer, mistake["value"]):
            return mistake["message"]
    return None


def _judge_number(spec, answer):
    value = as_number(answer)
    low, high = spec.get("low"), spec.get("high")
    if low is None:
        low = high = spec["value"]
    tol = spec.get("tol", 0.0)
    if spec.get("integer") and not value.is_integer():
        raise Wrong("This is a count, so the answer is a whole number.")
    if low - tol - 1e-12 * max(1.0, abs(low)) <= value <= high + tol + 1e-12 * max(1.0, abs(high)):
        return
    message = _declared_mistake(spec, answer)
    if message:
        raise Wrong(message)
    if spec.get("fraction") and 0 <= low and high <= 1 and 1 < value <= 100 and low - tol <= value / 100 <= high + tol:
        raise Wrong(PERCENT_FOR_FRACTION)
    raise Wrong("Too high." if value > high else "Too low.")


def _judge_shape(spec, answer):
    shape = as_shape(answer)
    expected = tuple(spec["value"])
    batch_given = expected and expected[0] is not None
    if len(shape) == len(expected) and all(
        a == e or (i == 0 and a is None and spec.get("none_batch", True) and batch_given)
        for i, (a, e) in enumerate(zip(shape, expected))
    ):
        return
    message = _declared_mistake(spec, answer)
    if message:
        raise Wrong(message)
    if any(a is None for a in shape[1:]):
        raise Wrong("Only the batch axis (the first) can be None; every other axis has a size.")
    rest = expected[1:]
    if len(shape) == len(expected) and shape[0] is not None and not batch_given and shape[1:] == rest:
        raise Wrong(BATCH_AS_NUMBER)
    if shape == rest:
        raise Wrong(MISSING_BATCH)
    n_rest = math.prod(d for d in rest if d is not None)
    if len(shape) < len(expected) and shape and shape[-1] is not None and batch_given and (
        shape[-1] == expected[0] * n_rest or (len(shape) == 1 and shape[0] == expected[0] * n_rest)
    ):
        raise Wrong(FLATTENED_BATCH)
    if len(shape) != len(expected):
        raise Wrong("The number of axes is not right: which axes does the layer keep, and which does it merge?")
    for i, (a, e) in enumerate(zip(shape, expected)):
        if a != e and a is not None and e is not None:
            where = "The batch axis (axis 0)" if i == 0 else f"Axis {i}"
            raise Wrong(f"{where} is too {'high' if a > e else 'low'}.")
    raise Wrong("One axis is not right; check each axis in turn.")


def _judge_values(spec, answer):
    expected = np.asarray(spec["value"], float)
    values = as_values(answer, expected.size)
    off = values - expected
    if np.all(np.abs(off) <= spec.get("tol", 0.0) + 1e-12):
        return
    message = _declared_mistake(spec, answer)
    if message:
        raise Wrong(message)
    i = int(np.argmax(np.abs(off) > spec.get("tol", 0.0) + 1e-12))
    raise Wrong(f"Value {i + 1} is too {'high' if off[i] > 0 else 'low'}.")


def _judge_choice(spec, answer):
    options = [str(o).upper() for o in spec["options"]]
    if not isinstance(answer, str) or answer.strip().upper() not in options:
        raise Wrong(f"Answer with one of the letters {', '.join(options)}, as text in quotes.")
    if answer.strip().upper() == str(spec["value"]).upper():
        return
    message = _declared_mistake(spec, answer)
    raise Wrong(message or "That is not the best option: weigh each one against the section above.")


def _parts(answer, n):
    answer = _plain(answer)
    if isinstance(answer, np.ndarray) and answer.ndim == 1:
        answer = answer.tolist()
    if isinstance(answer, dict) or not isinstance(answer, (tuple, list)):
        raise Wrong(f"Give {n} values as a tuple, in the order the question asks for.")
    if len(answer) != n:
        raise Wrong(f"Give {n} values as a tuple, in the order the question asks for.")
    return list(answer)


def _is_reordering(part_specs, parts):
    """True when plain-number ``parts`` are the expected values in another order."""
    if len(parts) < 2 or any(p["kind"] != "number" or p.get("low") is not None for p in part_specs):
        return False
    try:
        given = [as_number(p) for p in parts]
    except Wrong:
        return False
    used, order = set(), []
    for g in given:
        j = next((j for j, p in enumerate(part_specs) if j not in used and _near(g, p["value"], p.get("tol", 0.0))), None)
        if j is None:
            return False
        used.add(j)
        order.append(j)
    return order != list(range(len(parts)))


def _judge_several(spec, answer):
    parts = _parts(answer, len(spec["parts"]))
    names = spec.get("names") or [f"Value {i + 1}" for i in range(len(parts))]
    verdicts = []
    for part_spec, part in zip(spec["parts"], parts):
        if part is None or part is Ellipsis:
            verdicts.append("is still None.")
            continue
        try:
            _judge(part_spec, part)
            verdicts.append(None)
        except Wrong as wrong:
            verdicts.append(str(wrong))
    if not any(verdicts):
        return
    message = _declared_mistake(spec, answer)
    if message:
        raise Wrong(message)
    if _is_reordering(spec["parts"], parts):
        raise Wrong(SWAPPED_VALUES)
    i = next(i for i, v in enumerate(verdicts) if v)
    verdict = verdicts[i]
    if verdict.startswith("is still"):
        raise Wrong(f"{names[i]} {verdict}")
    raise Wrong(f"{names[i]}: {verdict[:1].lower() + verdict[1:]}")


_JUDGES = {
    "number": _judge_number,
    "shape": _judge_shape,
    "values": _judge_values,
    "choice": _judge_choice,
    "several": _judge_several,
}


def _judge(spec, answer):
    _JUDGES[spec["kind"]](spec, answer)


def judge(spec, answer):
    """Return ``(status, message)`` for ``answer``; never raises, message bounded.

    ``status`` is ``CORRECT``, ``INCORRECT`` or ``UNATTEMPTED`` (``answer`` is None or ``...``).
    """
    if answer is None or answer is Ellipsis:
        return UNATTEMPTED, "Not solved yet: replace None with your answer, then run the cell again."
    try:
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            _judge(spec, answer)
    except Wrong as wrong:
        return INCORRECT, _short(wrong)
    except RecursionError:
        return INCORRECT, "The answer is nested too deeply to check; give plain numbers."
    except Exception as exc:  # the judge must never show a learner a traceback
        return INCORRECT, _short(f"Could not check an answer of type {_kind_of(answer)} ({type(exc).__name__}); check what you assigned.")
    return CORRECT, "Correct!"


def autograde(spec, answer, title="Exercise", points=1.0):
    """nbgrader's hidden test: print the course's message and return the points earned.

    The returned number is the cell's result, which nbgrader reads as the (partial) credit.
    """
    status, message = judge(spec, answer)
    marks = {CORRECT: "✅", INCORRECT: "❌", UNATTEMPTED: "⏳"}
    print(_short(f"{marks[status]} {title}: {message}"))
    return float(points) if status == CORRECT else 0.0
