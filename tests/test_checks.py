import numpy as np
import pytest

from course_utils.checks import StatedNumberError, check_shape, stated


@pytest.mark.parametrize(
    "actual, claim, shown",
    [
        (40, "40", "parameters = 40 ✓ (stated: 40)"),
        (0.8888, "0.89", "parameters = 0.89 ✓ (stated: 0.89)"),
        (2352, "2,352", "parameters = 2352 ✓ (stated: 2,352)"),
        (0.951, ">= 0.93", "parameters = 0.95 ✓ (stated: >= 0.93)"),
        (0.2, "<= 0.25", "parameters = 0.20 ✓ (stated: <= 0.25)"),
        (0.95, "95%", "parameters = 95.0% ✓ (stated: 95%)"),
        (np.int64(7), "< 30", "parameters = 7 ✓ (stated: < 30)"),
        ((32, 2352), "(32, 2352)", "parameters = (32, 2352) ✓ (stated: (32, 2352))"),
        ((None, 10), "(None, 10)", "parameters = (None, 10) ✓ (stated: (None, 10))"),
        (np.zeros((3, 4)), "(3, 4)", "parameters = (3, 4) ✓ (stated: (3, 4))"),
    ],
)
def test_true_claims_print_one_confirmation(capsys, actual, claim, shown):
    stated("parameters", actual, claim)
    assert capsys.readouterr().out.strip() == shown


@pytest.mark.parametrize(
    "actual, claim",
    [(41, "40"), (0.895, "0.89"), (0.92, ">= 0.93"), (0.3, "<= 0.25"), (0.94, "95%"), ((32, 2351), "(32, 2352)"), (30, "< 30")],
)
def test_false_claims_raise(actual, claim):
    with pytest.raises(StatedNumberError, match=r"the text states .* but the code"):
        stated("x", actual, claim)


def test_tolerance_overrides_rounding(capsys):
    stated("loss", 0.27, "0.25", tol=0.03)
    assert capsys.readouterr().out.strip() == "loss ≈ 0.25 ✓ (computed value within ±0.03)"
    with pytest.raises(StatedNumberError):
        stated("loss", 0.29, "0.25", tol=0.03)


@pytest.mark.parametrize("claim", ["about forty", 40, "== 4", "(a, b)"])
def test_unreadable_claims(claim):
    with pytest.raises(ValueError, match="claim|shape"):
        stated("x", 40, claim)


@pytest.mark.parametrize("actual", ["40", None, True, [1, 2]])
def test_non_numeric_values(actual):
    with pytest.raises(TypeError, match="expected a number"):
        stated("x", actual, "40")


def test_nan_never_matches():
    with pytest.raises(StatedNumberError, match="NaN"):
        stated("x", float("nan"), "0.5")


def test_check_shape(capsys):
    check_shape("out", np.zeros((2, 3)), (None, 3))
    assert capsys.readouterr().out.strip() == "out: shape (2, 3) ✓"
    with pytest.raises(ValueError, match=r"out: expected shape \(2, 4\), got \(2, 3\)"):
        check_shape("out", np.zeros((2, 3)), (2, 4))
    with pytest.raises(TypeError, match="expected an array or a shape tuple"):
        check_shape("out", 3, (3,))
