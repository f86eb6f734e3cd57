import os
import subprocess
import sys

import numpy as np
import pytest

from course_utils.checks import STRICT_ENV, StatedNumberError, check_shape, stated, strict_numbers


@pytest.mark.parametrize(
    "actual, claim",
    [
        (40, "40"), (0.8888, "0.89"), (2352, "2,352"), (0.951, ">= 0.93"), (0.2, "<= 0.25"),
        (0.95, "95%"), (np.int64(7), "< 30"), ((32, 2352), "(32, 2352)"), ((None, 10), "(None, 10)"),
        (np.zeros((3, 4)), "(3, 4)"),
    ],
)
def test_true_claims_print_nothing(capsys, actual, claim):
    """The page shows the result; a claim that holds adds no line to it."""
    stated("parameters", actual, claim)
    assert capsys.readouterr().out == ""


@pytest.mark.parametrize(
    "actual, claim",
    [(41, "40"), (0.895, "0.89"), (0.92, ">= 0.93"), (0.3, "<= 0.25"), (0.94, "95%"), ((32, 2351), "(32, 2352)"), (30, "< 30")],
)
def test_false_claims_raise_in_the_test_run(actual, claim):
    assert strict_numbers(), "tests/conftest.py sets COURSE_STRICT_NUMBERS=1 for the whole run"
    with pytest.raises(StatedNumberError, match=r"the text states .* but the code"):
        stated("x", actual, claim)


@pytest.mark.parametrize(
    "actual, claim, both",
    [(41, "40", ("40", "41")), (0.5, "0.6", ("0.6", "0.50")), ((32, 2351), "(32, 2352)", ("(32, 2352)", "(32, 2351)"))],
)
def test_false_claims_warn_and_go_on_outside_the_test_run(monkeypatch, capsys, actual, claim, both):
    monkeypatch.delenv(STRICT_ENV)
    stated("x", actual, claim)  # must not raise
    out = capsys.readouterr().out
    assert out.count("\n") == 1 and out.startswith("⚠ x: the text says")
    assert all(number in out for number in both)
    assert "library versions or hardware" in out


def test_a_plain_python_run_exits_0_and_prints_both_numbers():
    """Outside any test environment (a learner's machine), a mismatch never stops the run."""
    env = {k: v for k, v in os.environ.items() if k not in (STRICT_ENV, "PYTEST_CURRENT_TEST")}
    code = 'from course_utils import stated; stated("x", 0.5, "0.6")'
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 0, result.stderr[-500:]
    assert "0.6" in result.stdout and "0.5" in result.stdout


def test_tolerance_overrides_rounding(capsys):
    stated("loss", 0.27, "0.25", tol=0.03)
    assert capsys.readouterr().out == ""
    with pytest.raises(StatedNumberError):
        stated("loss", 0.29, "0.25", tol=0.03)


@pytest.mark.parametrize("tol", [-0.1, float("nan"), float("inf"), "0.1", True])
def test_bad_tolerances_are_refused(tol):
    with pytest.raises(ValueError, match="tol: expected a finite number >= 0"):
        stated("x", 0.5, "0.5", tol=tol)


@pytest.mark.parametrize("value, claim", [(float("inf"), "> 0.5"), (float("-inf"), "< 0.5"), (float("inf"), "0.5")])
def test_infinite_values_never_hold(value, claim):
    with pytest.raises(StatedNumberError):
        stated("p", value, claim)


@pytest.mark.parametrize("claim", ["about forty", 40, "== 4", "(a, b)"])
def test_unreadable_claims(claim):
    with pytest.raises(ValueError, match="claim|shape"):
        stated("x", 40, claim)


@pytest.mark.parametrize("actual", ["40", None, True, [1, 2]])
def test_non_numeric_values(actual):
    with pytest.raises(TypeError, match="expected a number"):
        stated("x", actual, "40")


def test_nan_never_matches():
    with pytest.raises(StatedNumberError, match="nan"):
        stated("x", float("nan"), "0.5")


def test_check_shape(capsys):
    check_shape("out", np.zeros((2, 3)), (None, 3))
    assert capsys.readouterr().out.strip() == "out: shape (2, 3) ✓"
    with pytest.raises(ValueError, match=r"out: expected shape \(2, 4\), got \(2, 3\)"):
        check_shape("out", np.zeros((2, 3)), (2, 4))
    with pytest.raises(TypeError, match="expected an array or a shape tuple"):
        check_shape("out", 3, (3,))
