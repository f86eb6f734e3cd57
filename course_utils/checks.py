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
        raise TypeError(f"{name}: expected a number, got {type(actual).__name__} ({brief(actual)})")
    try:
        value = float(actual)
    except OverflowError:  # a whole number beyond float's range: compare it as infinitely large
        value = math.inf if actual > 0 else -math.inf
    except (TypeError, ValueError):
        raise TypeError(f"{name}: expected a number, got {type(actual).__name__} ({brief(actual)})") from None
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
        raise TypeError(f"name: expected a short text naming the number, got {brief(name)}")
    if not isinstance(claim, str):
        raise ValueError(f"{name}: write the claim as text, as in the prose (for example '0.89'); got {brief(claim)}")
    if tol is not None:
        if isinstance(tol, bool) or not isinstance(tol, (int, float, np.integer, np.floating)) or not math.isfinite(tol) or tol < 0:
            raise ValueError(f"tol: expected a finite number >= 0 (an absolute tolerance), got {brief(tol)}")
    if claim.strip().startswith("("):
        return _stated_shape(name, actual, claim)
    match = _CLAIM.match(claim)
    if not match:
        raise ValueError(f"{name}: cannot read the claim {brief(claim)}; use forms like '40', '0.89', '>= 0.93', '95%' or '(32, 2352)'")
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
        raise TypeError(f"{name}: expected an array or a shape tuple of whole numbers, got {type(actual).__name__} ({brief(actual)})")
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


# ----------------------------------------------------------------------------
# The helpers' shared input checks.  Each returns the value in a clean form
# (``int``, ``float``, a NumPy array) or raises ``TypeError`` (wrong kind of
# thing) or ``ValueError`` (right kind, wrong value), naming the argument,
# what was expected and what was given, with a fix when it is not obvious.
# Values are shown abbreviated (``brief``), so no message grows with its input.

MAX_SHOWN = 60
MAX_ELEMENTS = 50_000_000  # a size or count above this (about 200 MB of float32) is refused


def shorten(text, limit=MAX_SHOWN):
    """``text`` cut to ``limit`` characters, ending in " ..." when cut."""
    text = str(text)
    return text if len(text) <= limit else text[: limit - 4] + " ..."


def brief(value, limit=MAX_SHOWN):
    """A short description of ``value`` for an error message: arrays by shape and dtype, the rest by repr, cut to ``limit``."""
    if isinstance(value, np.ndarray) or type(value).__module__.split(".")[0] in ("torch", "tensorflow", "keras"):
        shape = getattr(value, "shape", None)
        if shape is not None:
            return f"{type(value).__name__} of shape {tuple(shape)} and dtype {getattr(value, 'dtype', '?')}"
    try:
        text = repr(value)
    except Exception:  # noqa: BLE001 - a broken __repr__ must not hide the real error
        text = f"<{type(value).__name__}>"
    return shorten(text, limit)


def whole_number(name, value, *, low=None, high=None, wanted=None):
    """``value`` as an ``int`` when it is a whole number within [``low``, ``high``] (bools refused).

    ``TypeError`` for anything but an int (a float such as 3.0 included),
    ``ValueError`` outside the bounds; both say the same sentence.
    """
    if wanted is not None:
        pass
    elif low is not None and high is not None:
        wanted = f"a whole number from {low} to {high}"
    elif low is not None:
        wanted = f"a whole number of at least {low}"
    else:
        wanted = "a whole number" + (f" of at most {high}" if high is not None else "")
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, np.integer)):
        raise TypeError(f"{name} must be {wanted}; got {brief(value)}")
    if (low is not None and value < low) or (high is not None and value > high):
        raise ValueError(f"{name} must be {wanted}; got {brief(value)}")
    return int(value)


def positive_int(name, value, *, high=MAX_ELEMENTS):
    """``value`` as an ``int`` when it is a whole number from 1 to ``high``: the shared check for sizes, counts and epochs."""
    value = whole_number(name, value, low=1, wanted="a positive whole number")
    if value > high:
        why = ", a size that would exhaust memory" if high == MAX_ELEMENTS else ""
        raise ValueError(f"{name} must be at most {high:,}; got {value:,}{why}")
    return value


def seed(name, value):
    """A random seed: a whole number of at least 0, returned as a Python ``int``."""
    return whole_number(name, value, low=0, high=2**32 - 1, wanted="a non-negative whole number (below 2**32)")


def real_number(name, value, *, low=None, high=None, low_open=False, high_open=False):
    """``value`` as a finite ``float`` within the given bounds (open or closed; bools refused)."""
    if low is not None and high is not None:
        wanted = f"a number {'strictly ' if low_open or high_open else ''}between {low:g} and {high:g}"
    elif low is not None:
        wanted = f"a number {'greater than' if low_open else 'of at least'} {low:g}"
    elif high is not None:
        wanted = f"a number {'less than' if high_open else 'of at most'} {high:g}"
    else:
        wanted = "a finite number"
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, float, np.integer, np.floating)):
        raise TypeError(f"{name} must be {wanted}; got {brief(value)}")
    value = float(value)
    if not math.isfinite(value):
        raise ValueError(f"{name} must be {wanted}; got {value}")
    too_low = low is not None and (value <= low if low_open else value < low)
    too_high = high is not None and (value >= high if high_open else value > high)
    if too_low or too_high:
        raise ValueError(f"{name} must be {wanted}; got {value:g}")
    return value


def flag(name, value):
    """``value`` when it is ``True`` or ``False``."""
    if not isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{name} must be True or False; got {brief(value)}")
    return bool(value)


def text(name, value, *, empty=True):
    """``value`` when it is a ``str`` (non-empty unless ``empty``)."""
    if not isinstance(value, str):
        raise TypeError(f"{name} must be text (a str); got {brief(value)}")
    if not empty and not value.strip():
        raise ValueError(f"{name} must not be empty")
    return value


def one_of(name, value, options):
    """``value`` when it equals one of ``options``."""
    if not any(value is o or (type(value) is type(o) and value == o) for o in options):
        raise ValueError(f"{name} must be one of {', '.join(map(repr, options))}; got {brief(value)}")
    return value


def shape_tuple(name, value, *, length=None, shape=None):
    """``value`` as a tuple of positive whole numbers, such as an image shape ``(28, 28)``."""
    if isinstance(value, (int, np.integer)) and not isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{name} must be a tuple of sizes such as (28, 28); got the single number {value!r}: write ({value},)")
    if not isinstance(value, (tuple, list)):
        raise TypeError(f"{name} must be a tuple of sizes such as (28, 28); got {brief(value)}")
    if length is not None and len(value) != length and shape is not None:
        raise ValueError(f"{name} must be {shape}; got {brief(value)}")
    if not value or (length is not None and len(value) != length):
        raise ValueError(f"{name} must hold {length or 'at least one'} size{'s' if length != 1 else ''}; got {brief(value)}")
    dims = tuple(positive_int(f"each entry of {name}", d) for d in value)
    if math.prod(dims) > MAX_ELEMENTS:
        raise ValueError(f"{name} {brief(value)} is too large: {math.prod(dims):,} values, at most {MAX_ELEMENTS:,}")
    return dims


def _from_tensor(value):
    """A torch or TensorFlow tensor as a NumPy array (detached, on the CPU); other values unchanged."""
    module = type(value).__module__.split(".")[0]
    if module == "torch" and hasattr(value, "detach"):
        return value.detach().cpu().numpy()
    if module in ("tensorflow", "keras") and hasattr(value, "numpy"):
        return value.numpy()
    return value


def array(name, value, *, ndim=None, min_ndim=None, kind="number", empty=False, finite=True, shape=None):
    """``value`` as a NumPy array of numbers, checked at the door.

    Accepts lists, NumPy arrays and CPU torch or TensorFlow tensors (converted).
    ``ndim``: the exact number of axes (an int or a tuple of allowed ones);
    ``min_ndim``: the least.  ``kind``: ``"number"`` (integers or floats) or
    ``"integer"`` (whole numbers; floats holding whole values are accepted).
    ``shape``: how to describe the expected shape in a message, e.g. ``"(n, height, width)"``.
    Refuses None, text, objects, complex numbers, True/False arrays, ragged
    lists, empty arrays (unless ``empty``) and NaN or infinite values (unless
    not ``finite``).
    """
    if value is None:
        raise TypeError(f"{name} must be an array of numbers; got None")
    if isinstance(value, (str, bytes, dict, set)):
        raise TypeError(f"{name} must be an array of numbers; got {brief(value)}")
    value = _from_tensor(value)
    try:
        arr = np.asarray(value)
    except (TypeError, ValueError):
        raise TypeError(f"{name} must be a rectangular array of numbers (every row the same length); got {brief(value)}") from None
    if arr.dtype.kind in "OUSVMm" or arr.dtype.kind == "c" or arr.dtype.kind == "b":
        what = {"b": "True/False values", "c": "complex numbers"}.get(arr.dtype.kind, f"values of dtype {arr.dtype}")
        raise TypeError(f"{name} must hold real numbers; got {what} ({brief(arr)})")
    allowed = (ndim,) if isinstance(ndim, int) else ndim
    if allowed is not None and arr.ndim not in allowed and shape is not None:
        raise ValueError(f"{name} must have shape {shape}; got shape {arr.shape}")
    if allowed is not None and arr.ndim not in allowed:
        wanted = " or ".join(str(n) for n in allowed)
        raise ValueError(f"{name} must have {wanted} ax{'is' if allowed == (1,) else 'es'}; got shape {arr.shape}")
    if min_ndim is not None and arr.ndim < min_ndim:
        raise ValueError(f"{name} must have at least {min_ndim} ax{'is' if min_ndim == 1 else 'es'} (a sample axis first); got shape {arr.shape}")
    if arr.size == 0 and not empty:
        raise ValueError(f"{name} is empty (shape {arr.shape}); pass at least one value")
    if finite and arr.dtype.kind == "f" and not np.isfinite(arr).all():
        raise ValueError(f"{name} holds NaN or infinite values; every value must be a finite number")
    if kind == "integer" and arr.dtype.kind == "f":
        if not np.all(np.mod(arr, 1) == 0):
            raise ValueError(
                f"{name} must hold whole-number class labels; it holds fractions such as {arr[np.mod(arr, 1) != 0].flat[0]:.3g}. "
                "These look like probabilities: turn them into labels first, e.g. (p >= 0.5).astype(int) or p.argmax(axis=1)"
            )
        arr = arr.astype(np.int64)
    return arr


def labels(name, value, *, n_classes=None):
    """``value`` as a 1-D int64 array of class labels 0, 1, ... (``n_classes`` bounds them)."""
    arr = array(name, value, ndim=1, kind="integer")
    if arr.min() < 0 or (n_classes is not None and arr.max() >= n_classes):
        top = f"from 0 to {n_classes - 1}" if n_classes is not None else "of 0 or more"
        raise ValueError(f"{name} must hold class labels {top}; got values from {arr.min()} to {arr.max()}")
    return arr.astype(np.int64)


def same_length(**arrays):
    """Check that every named array has the same number of rows."""
    lengths = {k: len(v) for k, v in arrays.items()}
    if len(set(lengths.values())) > 1:
        raise ValueError("these must have the same number of rows: " + ", ".join(f"{k} has {n}" for k, n in lengths.items()))


def keras_model(name, model):
    """``model`` when it is a built Keras model with a known input shape."""
    import keras

    if not isinstance(model, keras.Model):
        raise TypeError(f"{name} must be a Keras model (for example from dense_classifier()); got {brief(model)}")
    try:
        model.input_shape
    except (AttributeError, ValueError):
        raise ValueError(f"{name} has no known input shape; start it with keras.Input(shape=...)") from None
    return model


def training_history(name, history):
    """A training history as a dict of equally long lists of numbers (a Keras ``History`` is unwrapped)."""
    history = getattr(history, "history", history)
    if not isinstance(history, dict) or not history:
        raise TypeError(f"{name} must be the dict returned by fit_quietly (or a Keras History); got {brief(history)}")
    lengths = set()
    for key, values in history.items():
        if not isinstance(key, str):
            raise TypeError(f"{name} keys must be metric names (str); got {brief(key)}")
        lengths.add(len(array(f"{name}[{key!r}]", values, ndim=1)))
    if len(lengths) != 1:
        raise ValueError(f"every list in {name} must have one value per epoch, all of one length; got lengths {sorted(lengths)}")
    return history
