"""Property tests (hypothesis) of course_utils.data and course_utils.checks.

Every test is derandomized, so a run is repeatable; examples are few where a
call loads the digits file.
"""

import operator
import re

import course_utils  # noqa: F401  (first: quiets TensorFlow, as in the notebooks)
import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from course_utils.checks import StatedNumberError, check_shape, stated
from course_utils.data import N_CLASSES, load_digit_split, stratified_subset

FAST = settings(derandomize=True, max_examples=60, deadline=None)
SLOW = settings(derandomize=True, max_examples=10, deadline=None)


# ------------------------------------------------------------------ data.load_digit_split
@SLOW
@given(test_per_class=st.integers(min_value=1, max_value=498), data=st.data())
def test_split_is_disjoint_stratified_and_fixed(test_per_class, data):
    val_per_class = data.draw(st.integers(min_value=1, max_value=499 - test_per_class))
    a = load_digit_split(test_per_class, scaled=False, val_per_class=val_per_class)
    b = load_digit_split(test_per_class, scaled=False, val_per_class=val_per_class)
    for x, y in zip(a, b):
        np.testing.assert_array_equal(x, y)
    assert len(a.x_train) + len(a.x_val) + len(a.x_test) == 5000
    rows = [{row.tobytes() for row in x} for x in (a.x_train, a.x_val, a.x_test)]
    assert sum(map(len, rows)) == 5000, "an image is in two parts"
    assert np.bincount(a.y_test, minlength=N_CLASSES).tolist() == [test_per_class] * N_CLASSES
    assert np.bincount(a.y_val, minlength=N_CLASSES).tolist() == [val_per_class] * N_CLASSES
    assert np.bincount(a.y_train, minlength=N_CLASSES).tolist() == [500 - test_per_class - val_per_class] * N_CLASSES


@FAST
@given(bad=st.one_of(
    st.integers(max_value=0), st.integers(min_value=500), st.floats(), st.booleans(),
    st.text(max_size=3), st.none(), st.lists(st.integers(1, 5), max_size=2),
))
def test_split_refuses_bad_test_per_class(bad):
    with pytest.raises((TypeError, ValueError), match="test_per_class"):
        load_digit_split(bad)


# ------------------------------------------------------------------ data.stratified_subset
label_arrays = st.lists(st.integers(min_value=0, max_value=4), min_size=1, max_size=60).map(np.array)


@FAST
@given(y=label_arrays, data=st.data())
def test_stratified_subset_takes_per_class_of_each_label(y, data):
    per_class = data.draw(st.integers(min_value=1, max_value=int(np.bincount(y)[np.unique(y)].min())))
    x = np.arange(len(y))  # row i of x is its index, so the rows can be traced back
    x_sub, y_sub = stratified_subset(x, y, per_class)
    labels, counts = np.unique(y_sub, return_counts=True)
    assert labels.tolist() == np.unique(y).tolist()
    assert counts.tolist() == [per_class] * len(labels)
    assert len(set(x_sub.tolist())) == len(x_sub), "a row was picked twice"
    np.testing.assert_array_equal(y[x_sub], y_sub)  # every label still belongs to its row
    x_again, y_again = stratified_subset(x, y, per_class)
    np.testing.assert_array_equal(x_sub, x_again)
    np.testing.assert_array_equal(y_sub, y_again)


@FAST
@given(y=label_arrays, data=st.data())
def test_stratified_subset_refuses_bad_per_class(y, data):
    too_many = int(np.bincount(y)[np.unique(y)].min()) + data.draw(st.integers(1, 50))
    bad = data.draw(st.one_of(
        st.just(0), st.integers(max_value=-1), st.floats(), st.booleans(), st.just(too_many),
        st.text(max_size=3), st.none(),
    ))
    with pytest.raises((TypeError, ValueError), match="per_class") as error:
        stratified_subset(np.arange(len(y)), y, bad)
    assert repr(bad) in str(error.value) or str(bad) in str(error.value)


@FAST
@given(n=st.integers(0, 20), m=st.integers(0, 20), ndim=st.integers(0, 2))
@example(n=0, m=0, ndim=1)  # empty arrays: nothing to pick from
def test_stratified_subset_refuses_mismatched_or_empty_arrays(n, m, ndim):
    y = np.zeros((m,) * ndim, dtype=int)
    if ndim == 1 and n == m and m > 0:
        return  # valid input
    with pytest.raises((TypeError, ValueError), match=r"\b(x|y)\b"):
        stratified_subset(np.zeros((n, 2)), y, 1)


# ------------------------------------------------------------------ checks.stated
values = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False)
decimals = st.integers(min_value=0, max_value=6)


def _decimal_text(units, d):
    """The exact decimal ``units * 10**-d`` as text, built from integers (no float rounding)."""
    sign, digits = ("-" if units < 0 else ""), str(abs(units)).rjust(d + 1, "0")
    return sign + (digits[:-d] + "." + digits[-d:] if d else digits)


@FAST
@given(value=values, d=decimals, commas=st.booleans())
def test_a_claim_formatted_from_the_value_holds(value, d, commas):
    claim = f"{value:,.{d}f}" if commas else f"{value:.{d}f}"
    stated("x", value, claim)  # must not raise


@FAST
@given(value=st.floats(min_value=0, max_value=1), d=st.integers(0, 3))
def test_a_percentage_formatted_from_the_value_holds(value, d):
    stated("x", value, f"{value * 100:.{d}f}%")


@FAST
@given(value=values, d=decimals, off=st.integers(min_value=2, max_value=10**6), sign=st.sampled_from([-1, 1]))
def test_a_claim_off_by_more_than_one_unit_fails(value, d, off, sign):
    units = round(value * 10**d) + sign * off  # at least 1.5 units away from value
    claim = _decimal_text(units, d)
    assert abs(value - float(claim)) > 10**-d
    with pytest.raises(StatedNumberError, match="x: the text states"):
        stated("x", value, claim)


@FAST
@given(value=values, target=values, d=decimals, op=st.sampled_from([">=", "<=", ">", "<"]))
def test_inequality_claims_agree_with_python(value, target, d, op):
    number = f"{target:.{d}f}"
    holds = {">=": operator.ge, "<=": operator.le, ">": operator.gt, "<": operator.lt}[op](value, float(number))
    if holds:
        stated("x", value, f"{op} {number}")
    else:
        with pytest.raises(StatedNumberError):
            stated("x", value, f"{op} {number}")


@FAST
@given(
    value=st.one_of(st.integers(), st.integers(min_value=10**400), st.integers(max_value=-10**400)),
    target=st.integers(-10**6, 10**6),
    op=st.sampled_from([">=", "<=", ">", "<", ""]),
)
def test_whole_numbers_of_any_size_are_compared_not_crashed(value, target, op):
    holds = {">=": operator.ge, "<=": operator.le, ">": operator.gt, "<": operator.lt, "": operator.eq}[op](value, target)
    if holds:
        stated("x", value, f"{op} {target}")
    else:
        with pytest.raises(StatedNumberError):
            stated("x", value, f"{op} {target}")


non_numbers = st.one_of(
    st.none(), st.text(), st.binary(max_size=5), st.booleans(), st.just(float("nan")), st.just(np.float32("nan")),
    st.lists(st.integers(), max_size=3), st.dictionaries(st.text(max_size=2), st.integers(), max_size=2),
    st.complex_numbers(allow_nan=False).filter(lambda z: z.imag != 0), st.builds(object),
)


@FAST
@given(actual=non_numbers, claim=st.sampled_from(["40", "0.89", ">= 0.93", "< 30", "95%"]))
def test_non_numbers_raise_type_or_stated_error_naming_the_value(actual, claim):
    with pytest.raises((TypeError, StatedNumberError)) as error:
        stated("the count", actual, claim)
    assert str(error.value).startswith("the count:")


# ------------------------------------------------------------------ shapes: stated and check_shape
shapes = st.lists(st.integers(min_value=0, max_value=10**6), min_size=1, max_size=5).map(tuple)


@FAST
@given(shape=shapes, data=st.data())
def test_shapes_round_trip(shape, data):
    stated("x", shape, str(shape))
    check_shape("x", shape, shape)
    batchless = tuple(None if data.draw(st.booleans()) else d for d in shape)
    check_shape("x", shape, batchless)  # None matches any size
    if np.prod(shape, dtype=float) <= 1000:
        check_shape("x", np.zeros(shape), shape)
        stated("x", np.zeros(shape), str(shape))


@FAST
@given(shape=shapes, data=st.data())
def test_a_different_shape_fails(shape, data):
    i = data.draw(st.integers(0, len(shape) - 1))
    other = shape[:i] + (shape[i] + data.draw(st.integers(1, 5)),) + shape[i + 1:]
    with pytest.raises((TypeError, ValueError), match=re.escape(f"expected shape {other}")):
        check_shape("x", shape, other)
    with pytest.raises((TypeError, ValueError), match="expected shape"):
        check_shape("x", shape, shape + (1,))
    with pytest.raises(StatedNumberError, match="x: the text states shape"):
        stated("x", shape, str(other))


not_shapes = st.one_of(
    st.none(), st.text(min_size=1), st.floats(), st.booleans(), st.builds(object),
    st.lists(st.one_of(st.text(min_size=1), st.floats(), st.booleans(), st.none().map(lambda _: object())), min_size=1, max_size=3),
)


@FAST
@given(actual=not_shapes)
def test_non_shapes_raise_an_error_naming_the_value(actual):
    with pytest.raises((TypeError, ValueError)) as error:
        check_shape("the batch", actual, (2,))
    assert str(error.value).startswith("the batch:")
    with pytest.raises((TypeError, StatedNumberError)) as error:
        stated("the batch", actual, "(2,)")
    assert str(error.value).startswith("the batch:")


@FAST
@given(value=st.one_of(values, st.integers()), claim=st.one_of(st.text(), st.none(), st.integers(), st.floats()))
def test_stated_raises_only_its_documented_errors(value, claim):
    try:
        stated("x", value, claim)
    except (StatedNumberError, ValueError, TypeError) as error:
        assert str(error).startswith("x:")
