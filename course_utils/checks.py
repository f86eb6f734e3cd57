"""Checks that tie the numbers written in a chapter's prose to the code that produces them.

A chapter states a number in its text ("the layer has 40 parameters"), shows
the measured value as a result, and checks the text against it quietly::

    >>> stated("parameters", 40, "40")      # holds: prints nothing

The reader sees results, not verification.  When the value differs:

- in the course's test run (``COURSE_STRICT_NUMBERS=1``, set by ``make test``
  and ``make stability``) ``StatedNumberError`` stops the notebook, so a wrong
  number in the text fails the tests;
- anywhere else (a learner's Jupyter, Colab, other library versions) one line
  names the text's number and this run's, and the notebook goes on.

The claim is written exactly as in the prose; ``tests/test_stated_numbers.py``
verifies that the prose just above the cell really contains it.
"""

import math
import os
import re

import numpy as np

_NUMBER = r"[-+]?\d[\d,]*(?:\.\d+)?"
_CLAIM = re.compile(rf"^\s*(?P<op>>=|<=|>|<|)\s*(?P<num>{_NUMBER})\s*(?P<pct>%?)\s*$")


class StatedNumberError(AssertionError):
    """A number written in the prose does not match what the code computes."""


STRICT_ENV = "COURSE_STRICT_NUMBERS"


def strict_numbers():
    """True in the course's own test runs, where a mismatch must fail."""
    return os.environ.get(STRICT_ENV, "") == "1"


def _mismatch(name, claim, shown):
    """Raise in the test run; elsewhere print one line with both numbers and go on."""
    if strict_numbers():
        raise StatedNumberError(
            f"{name}: the text states {claim} but the code computes {shown}. "
            "Correct the number in the text, or find out why the computation changed."
        )
    print(
        f"⚠ {name}: the text says {claim}, this run gives {shown}. Other library versions "
        "or hardware can move trained numbers; the notebook goes on."
    )


def _decimals(text):
    return len(text.split(".")[1]) if "." in text else 0


def _as_float(name, actual):
    if isinstance(actual, (bool, np.bool_, str, bytes)):
        raise TypeError(f"{name}: expected a number, got {type(actual).__name__} ({_brief(actual)})")
    try:
        value = float(actual)
    except OverflowError:  # a whole number beyond float's range: compare it as infinitely large
        value = math.inf if actual > 0 else -math.inf
    except (TypeError, ValueError):
        raise TypeError(f"{name}: expected a number, got {type(actual).__name__} ({_brief(actual)})") from None
    return value


def stated(name, actual, claim, *, tol=None):
    """Check ``actual`` against the number the prose states; print nothing when it holds.

    Parameters
    ----------
    name : str
        What the number is, as the reader knows it ("parameters", "precision").
    actual : number or shape tuple
        The value the code computed (or an array, for a shape claim).
    claim : str
        The claim as written in the text: ``"40"`` (equal; for a decimal such as
        ``"0.89"`` equal once rounded to the claim's decimals), ``">= 0.93"``,
        ``"<= 0.25"``, ``"> 0.5"``, ``"< 30"``, a percentage such as ``"95%"``
        (``actual`` is then a fraction, 0.95), or a shape such as ``"(1000, 784)"``.
    tol : float, optional
        Absolute tolerance for an equality claim, instead of rounding: for a
        trained number that can move in its last digits on another CPU.

    A claim that does not hold raises ``StatedNumberError`` in the test run and
    prints one line naming both numbers elsewhere (see the module docstring).
    A NaN or infinite value never holds.  Raises ``ValueError`` for a claim it
    cannot read and ``TypeError`` for a non-numeric ``actual``.
    """
    if not isinstance(name, str) or not name.strip():
        raise TypeError(f"name: expected a short text naming the number, got {_brief(name)}")
    if not isinstance(claim, str):
        raise ValueError(f"{name}: write the claim as text, as in the prose (for example '0.89'); got {_brief(claim)}")
    if tol is not None:
        if isinstance(tol, bool) or not isinstance(tol, (int, float, np.integer, np.floating)) or not math.isfinite(tol) or tol < 0:
            raise ValueError(f"tol: expected a finite number >= 0 (an absolute tolerance), got {_brief(tol)}")
    if claim.strip().startswith("("):
        return _stated_shape(name, actual, claim)
    match = _CLAIM.match(claim)
    if not match:
        raise ValueError(f"{name}: cannot read the claim {_brief(claim)}; use forms like '40', '0.89', '>= 0.93', '95%' or '(32, 2352)'")
    op, number, pct = match["op"], match["num"].replace(",", ""), match["pct"]
    target = float(number) / (100 if pct else 1)
    value = _as_float(name, actual)
    decimals = _decimals(number) + (2 if pct else 0)
    # NaN never holds; an infinite float never holds either (a whole number too
    # large for a float still compares, as infinitely large, in an inequality).
    overflowed = isinstance(actual, (int, np.integer)) and math.isinf(value)
    if math.isnan(value) or (math.isinf(value) and not (overflowed and op)):
        holds = False
    elif op == "":
        if tol is not None:
            holds = abs(value - target) <= tol
        else:  # equal once rounded to the claim's decimals, exactly as it is printed
            holds = f"{value:.{decimals}f}" == f"{target:.{decimals}f}"
    else:
        holds = {">=": value >= target, "<=": value <= target, ">": value > target, "<": value < target}[op]
    if not holds:
        _mismatch(name, claim.strip(), _show(value, max(decimals, 3 if tol else decimals), pct))


def _brief(value, limit=60):
    """``repr(value)`` cut to ``limit`` characters, so messages stay short."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _show(value, decimals, pct):
    if not math.isfinite(value):
        return str(value)
    if pct:
        return f"{value * 100:.{max(decimals - 2, 1)}f}%"
    if decimals == 0 and float(value).is_integer():
        return f"{int(value):,}".replace(",", "") if abs(value) < 10000 else f"{int(value):,}"
    return f"{value:.{max(decimals, 2)}f}"


def _stated_shape(name, actual, claim):
    tokens = [t.strip() for t in claim.strip().strip("()").split(",") if t.strip()]
    if not tokens or not all(t == "None" or re.fullmatch(r"\d[\d_]*", t) for t in tokens):
        raise ValueError(f"{name}: cannot read the shape {claim!r}; write it like '(32, 2352)' or '(None, 10)'")
    expected = tuple(None if t == "None" else int(t) for t in tokens)
    got = _shape_of(name, actual)
    if got != expected:
        _mismatch(name, f"shape {claim.strip()}", f"shape {got}")


def _shape_of(name, actual):
    shape = getattr(actual, "shape", actual)
    try:
        dims = None if isinstance(shape, (str, bytes)) else tuple(shape)
    except TypeError:
        dims = None
    if dims is None or not all(d is None or (isinstance(d, (int, np.integer)) and not isinstance(d, bool)) for d in dims):
        raise TypeError(f"{name}: expected an array or a shape tuple of whole numbers, got {type(actual).__name__} ({_brief(actual)})")
    return tuple(None if d is None else int(d) for d in dims)


def check_shape(name, actual, expected):
    """Check that an array (or shape) has the ``expected`` shape; print it.

    ``expected`` is a tuple; ``None`` in it matches any size (a batch axis).
    Raises ``ValueError`` naming both shapes when they differ.
    """
    got = _shape_of(name, actual)
    expected = tuple(expected)
    if len(got) != len(expected) or any(e is not None and e != g for e, g in zip(expected, got)):
        raise ValueError(f"{name}: expected shape {expected}, got {got}")
    print(f"{name}: shape {got} ✓")


def positive_int(name, value):
    """``value`` as an ``int`` when it is a whole number of at least 1 (bools refused).

    Raises ``ValueError`` naming the argument otherwise; the helpers' shared check
    for sizes, counts and epochs.
    """
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 1:
        raise ValueError(f"{name} must be a positive whole number; got {value!r}")
    return int(value)
