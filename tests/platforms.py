"""`make platforms`: do the learners' requirements resolve to wheels on every supported platform?

For each platform and Python version this runs

    pip install --dry-run --only-binary=:all: --platform TAG --python-version X.Y \
        --ignore-installed --target TMP -r requirements.txt

and prints a table. It asks the package registry (PyPI), so it is not part of the offline
test suite. Exit status 0 when every supported platform and Python resolves.

pip evaluates environment markers (``sys_platform``, ``python_version``, ...) with the
interpreter that runs it, even under ``--platform`` and ``--python-version``: a Linux machine
would ask for torch's Linux-only CUDA libraries on behalf of a Mac. So each pip run happens in
a child process whose marker environment is that of the target platform.

The run ignores pip's configuration files and the PIP_FIND_LINKS, PIP_EXTRA_INDEX_URL and
PIP_CONSTRAINT variables, so local wheel folders and caps of this machine do not count: it
answers for a learner who installs from the registry.

    python tests/platforms.py                 # supported platforms x Pythons (exit 1 on a failure)
    python tests/platforms.py --unsupported   # also the combinations the course does not support
    python tests/platforms.py -r other.txt
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHONS = ("3.11", "3.12", "3.13")

# Wheel tags each platform accepts. Linux: glibc 2.28 or newer (Debian 10, Ubuntu 20.04, RHEL 8),
# which is what torch's wheels need; pip does not widen a manylinux_2_NN tag to older ones itself.
_LINUX_TAGS = [f"manylinux_2_{minor}_x86_64" for minor in range(28, 16, -1)] + [
    "manylinux2014_x86_64", "manylinux2010_x86_64", "manylinux1_x86_64", "linux_x86_64"]

PLATFORMS = {
    "Linux x86-64": {
        "tags": _LINUX_TAGS,
        "markers": {"sys_platform": "linux", "platform_system": "Linux", "platform_machine": "x86_64", "os_name": "posix"},
    },
    "macOS arm64": {
        # pip widens this to every older macOS 11+ tag and to universal2
        "tags": ["macosx_14_0_arm64"],
        "markers": {"sys_platform": "darwin", "platform_system": "Darwin", "platform_machine": "arm64", "os_name": "posix"},
    },
    "Windows x86-64": {
        "tags": ["win_amd64"],
        "markers": {"sys_platform": "win32", "platform_system": "Windows", "platform_machine": "AMD64", "os_name": "nt"},
    },
}
# Shown with --unsupported, to document why they are not supported.
UNSUPPORTED = [
    ("Linux x86-64", "3.14"),
    ("macOS x86-64 (Intel)", "3.13"),
]
PLATFORMS["macOS x86-64 (Intel)"] = {
    "tags": ["macosx_14_0_x86_64"],
    "markers": {"sys_platform": "darwin", "platform_system": "Darwin", "platform_machine": "x86_64", "os_name": "posix"},
}

# Runs in the child: patch pip's marker environment, then run pip itself.
_CHILD = """
import json, sys
import pip._vendor.packaging.markers as markers
target = json.loads(sys.argv[1])
real = markers.default_environment
def default_environment():
    env = real()
    env.update(target)
    return env
markers.default_environment = default_environment
from pip._internal.cli.main import main
sys.exit(main(sys.argv[2:]))
"""

_DROPPED_VARIABLES = ("PIP_FIND_LINKS", "PIP_EXTRA_INDEX_URL", "PIP_CONSTRAINT", "PIP_REQUIRE_VIRTUALENV")


def marker_environment(platform, python):
    """The environment-marker values of ``platform`` (a key of PLATFORMS) running CPython ``python`` ("3.12")."""
    if platform not in PLATFORMS:
        raise ValueError(f"platform must be one of {sorted(PLATFORMS)}; got {platform!r}")
    parts = python.split(".")
    if len(parts) != 2 or not all(p.isdigit() for p in parts):
        raise ValueError(f"python must look like '3.12'; got {python!r}")
    env = dict(PLATFORMS[platform]["markers"])
    env.update({"python_version": python, "python_full_version": f"{python}.0",
                "implementation_name": "cpython", "platform_python_implementation": "CPython",
                "implementation_version": f"{python}.0"})
    return env


def pip_command(platform, python, requirements, target):
    """The pip arguments of one dry run (without the interpreter)."""
    args = ["install", "--dry-run", "--quiet", "--ignore-installed", "--only-binary=:all:",
            "--python-version", python, "--implementation", "cp", "--target", str(target),
            "--report", "-", "-r", str(requirements)]
    for tag in PLATFORMS[platform]["tags"]:
        args += ["--platform", tag]
    return args


def check(platform, python, requirements, python_exe=sys.executable):
    """Dry-run the install; return (ok, summary) where summary names torch/tensorflow or the error."""
    env = {k: v for k, v in os.environ.items() if k not in _DROPPED_VARIABLES}
    env["PIP_CONFIG_FILE"] = os.devnull
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    with tempfile.TemporaryDirectory() as target:
        args = pip_command(platform, python, requirements, target)
        result = subprocess.run([python_exe, "-c", _CHILD, json.dumps(marker_environment(platform, python)), *args],
                                capture_output=True, text=True, env=env, timeout=900)
    if result.returncode != 0:
        errors = [line for line in result.stderr.splitlines() if line.startswith("ERROR: No matching distribution")]
        return False, (errors or result.stderr.strip().splitlines() or ["pip failed"])[-1].removeprefix("ERROR: ")
    report = json.loads(result.stdout)
    versions = {item["metadata"]["name"].lower(): item["metadata"]["version"] for item in report["install"]}
    shown = ", ".join(f"{name} {versions[name]}" for name in ("tensorflow", "torch") if name in versions)
    return True, f"{len(versions)} wheels ({shown})"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-r", "--requirements", default=str(ROOT / "requirements.txt"))
    parser.add_argument("--unsupported", action="store_true", help="also show unsupported combinations (expected to fail)")
    args = parser.parse_args(argv)
    rows = [(p, py, True) for p in ("Linux x86-64", "macOS arm64", "Windows x86-64") for py in PYTHONS]
    if args.unsupported:
        rows += [(p, py, False) for p, py in UNSUPPORTED]
    print(f"Learner requirements: {args.requirements}")
    print(f"{'platform':<22} {'Python':<7} {'resolves':<9} details")
    failed = 0
    for platform, python, supported in rows:
        ok, summary = check(platform, python, args.requirements)
        label = "yes" if ok else "NO"
        if not supported:
            label += "*"
        failed += supported and not ok
        print(f"{platform:<22} {python:<7} {label:<9} {summary}", flush=True)
    if args.unsupported:
        print("* not supported by the course (TensorFlow 2.21 publishes no wheel there); shown for the record")
    print("every supported platform and Python resolves" if not failed else f"{failed} supported combination(s) do NOT resolve")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
