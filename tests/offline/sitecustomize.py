"""Network guard for the test run: any connection off this machine raises at once.

Python imports this file at start-up when ``tests/offline`` is on ``PYTHONPATH``
(``tests/conftest.py`` puts it there, so every notebook kernel nbval starts has
it too).  With ``COURSE_OFFLINE=1`` an audit hook refuses DNS look-ups of other
hosts and connections to addresses outside the loopback range, and records each
attempt in the file named by ``COURSE_OFFLINE_LOG`` so that a ``try/except``
in the code under test cannot hide it.  Loopback stays open: Jupyter kernels
talk to pytest over it.
"""

import ipaddress
import os
import socket
import sys

LOCAL_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost", ""}


class OfflineError(ConnectionError):
    """Code tried to reach the network during an offline test run."""


def is_local(host):
    if host is None:
        return True
    if isinstance(host, bytes):
        host = host.decode(errors="replace")
    host = str(host).strip("[]")
    if host.lower() in LOCAL_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.split("%")[0]).is_loopback
    except ValueError:
        return False


def _refuse(what):
    log = os.environ.get("COURSE_OFFLINE_LOG")
    if log:
        with open(log, "a", encoding="utf-8") as handle:
            handle.write(f"{what} (process {os.getpid()}: {' '.join(sys.argv)[:120]})\n")
    raise OfflineError(f"the course must run offline, but this code tried to {what}")


def _audit(event, args):
    if event == "socket.getaddrinfo" and not is_local(args[0]):
        _refuse(f"look up the host {args[0]!r}")
    elif event == "socket.connect":
        sock, address = args
        if sock.family in (socket.AF_INET, socket.AF_INET6) and not is_local(address[0]):
            _refuse(f"connect to {address[0]}:{address[1]}")


def install():
    """Install the guard in this process (once)."""
    if not getattr(sys, "_course_offline_guard", False):
        sys.addaudithook(_audit)
        sys._course_offline_guard = True


if os.environ.get("COURSE_OFFLINE") == "1":
    install()
