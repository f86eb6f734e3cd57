"""Shared pytest set-up: the offline guard, strict stated numbers, and the browser-test marker.

Offline guard: every process of the test run, the notebook kernels nbval
starts included, refuses connections off this machine (``tests/offline``).
An attempt fails the code that made it and is also logged, so the session
fails even when that code swallowed the error.
"""

import importlib.util
import os
import tempfile
from pathlib import Path

_GUARD_DIR = Path(__file__).resolve().parent / "offline"

# Set before xdist starts its workers and before nbval starts kernels: they inherit it.
os.environ["COURSE_OFFLINE"] = "1"
# In the test run a number in the prose that the code contradicts fails the notebook;
# on a learner's machine (variable unset) `stated` only prints both numbers.
os.environ["COURSE_STRICT_NUMBERS"] = "1"
if str(_GUARD_DIR) not in os.environ.get("PYTHONPATH", "").split(os.pathsep):
    os.environ["PYTHONPATH"] = os.pathsep.join(p for p in (str(_GUARD_DIR), os.environ.get("PYTHONPATH", "")) if p)
if "COURSE_OFFLINE_LOG" not in os.environ:
    os.environ["COURSE_OFFLINE_LOG"] = os.path.join(tempfile.mkdtemp(prefix="course-offline-"), "attempts.log")
_spec = importlib.util.spec_from_file_location("course_offline_guard", _GUARD_DIR / "sitecustomize.py")
_guard = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_guard)
_guard.install()


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "browser: opens the built book in headless Chromium (tests/test_browser.py)"
    )


def pytest_sessionfinish(session, exitstatus):
    """Fail the run (in the controlling process) if any code tried to reach the network."""
    if hasattr(session.config, "workerinput"):
        return
    log = Path(os.environ["COURSE_OFFLINE_LOG"])
    if log.exists() and log.read_text().strip():
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        if reporter:
            reporter.write_sep("=", "network access during an offline run", red=True)
            reporter.write_line(log.read_text())
        session.exitstatus = 1


def pytest_terminal_summary(terminalreporter):
    """Say plainly when the browser tests were skipped and why (pytest hides skip reasons by default)."""
    skipped = [
        report
        for report in terminalreporter.stats.get("skipped", [])
        if "browser" in getattr(report, "keywords", {})
        and "to run the browser tests" in str(getattr(report, "longrepr", ""))
    ]
    if skipped:
        reason = str(skipped[0].longrepr[-1]).removeprefix("Skipped: ")
        terminalreporter.write_sep("=", "browser tests skipped", yellow=True)
        terminalreporter.write_line(f"{len(skipped)} browser tests were skipped: {reason}")
