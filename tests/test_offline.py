"""The offline guard works: off-machine connections fail, loopback stays open.

``tests/conftest.py`` turns the guard on for the whole run, including every
notebook kernel, so the nbval run of every chapter is also the offline test.
"""

import os
import socket
import subprocess
import sys
from pathlib import Path

GUARD = Path(__file__).resolve().parent / "offline"


def _run(code, tmp_path):
    log = tmp_path / "attempts.log"
    env = dict(os.environ, COURSE_OFFLINE="1", COURSE_OFFLINE_LOG=str(log), PYTHONPATH=str(GUARD))
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)
    return result, (log.read_text() if log.exists() else "")


def test_guard_is_active_in_this_run():
    assert os.environ.get("COURSE_OFFLINE") == "1"
    assert getattr(sys, "_course_offline_guard", False), "tests/conftest.py must install the offline guard"
    assert str(GUARD) in os.environ.get("PYTHONPATH", "").split(os.pathsep)


def test_connection_off_the_machine_fails_and_is_logged(tmp_path):
    result, log = _run("import socket; socket.socket().connect(('203.0.113.7', 80))", tmp_path)
    assert result.returncode != 0
    assert "OfflineError: the course must run offline, but this code tried to connect to 203.0.113.7:80" in result.stderr
    assert "connect to 203.0.113.7:80" in log


def test_dns_lookup_fails_even_when_the_error_is_swallowed(tmp_path):
    code = "import socket\ntry:\n    socket.getaddrinfo('pypi.org', 443)\nexcept Exception:\n    pass\n"
    result, log = _run(code, tmp_path)
    assert result.returncode == 0  # the code hid the error...
    assert "look up the host 'pypi.org'" in log  # ...but the attempt was recorded


def test_loopback_stays_open(tmp_path):
    code = (
        "import socket\n"
        "server = socket.socket(); server.bind(('127.0.0.1', 0)); server.listen(1)\n"
        "client = socket.create_connection(server.getsockname(), timeout=5)\n"
        "print('connected')\n"
    )
    result, log = _run(code, tmp_path)
    assert result.returncode == 0 and "connected" in result.stdout and log == ""


def test_guard_refuses_in_process(monkeypatch, tmp_path):
    monkeypatch.setenv("COURSE_OFFLINE_LOG", str(tmp_path / "expected.log"))  # keep the session log clean
    try:
        socket.create_connection(("198.51.100.1", 443), timeout=1)
    except ConnectionError as error:
        assert "must run offline" in str(error)
    else:  # pragma: no cover - reached only if the guard is off
        raise AssertionError("the connection was not refused")
