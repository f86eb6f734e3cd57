"""The install (issue 19): two requirement sets, per-chapter student installs, commands that
work on Linux, macOS and Windows, the platform check's offline parts, the sanitize rule."""

import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import nbformat
import pytest

from course_utils import assignments

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
import platforms  # noqa: E402  (tests/platforms.py: make platforms)

AUTHOR_TOOLS = {"jupyter-book", "sphinx", "sphinx-exercise", "pytest", "pytest-xdist", "nbval", "hypothesis",
                "selenium", "nbgrader", "nbclient", "nbformat", "jupyterlab", "ipykernel"}
CHAPTERS = sorted((ROOT / "chapters").glob("[0-9]*.ipynb"))


def _pins_text(text):
    """{name: line} of the requirement lines of a requirements text (comments and -r lines skipped)."""
    pins = {}
    for line in text.splitlines():
        line = line.split("#")[0].strip()
        if line and not line.startswith("-"):
            pins[re.split(r"[=<>!~;\[ ]", line)[0].lower()] = line
    return pins


def _pins(path):
    return _pins_text(Path(path).read_text())


def test_learners_requirements_hold_only_what_chapters_import_pinned():
    pins = _pins(ROOT / "requirements.txt")
    assert not AUTHOR_TOOLS & set(pins), f"authoring tools in the learners' file: {AUTHOR_TOOLS & set(pins)}"
    assert "tensorflow" in pins and "tensorflow-cpu" not in pins  # tensorflow-cpu has no macOS wheels
    for name in ("keras", "numpy", "scikit-learn", "matplotlib", "torch", "jupyterquiz"):
        assert name in pins, name
    assert all("==" in line for line in pins.values()), pins


def test_authors_requirements_add_the_tools_on_top_of_the_learners():
    text = (ROOT / "requirements-dev.txt").read_text()
    assert "-r requirements.txt" in text.splitlines()
    pins = _pins(ROOT / "requirements-dev.txt")
    assert {"jupyter-book", "pytest", "nbval", "selenium", "jupyterlab", "ipykernel"} <= set(pins)
    assert all("==" in line for line in pins.values()), pins
    assert not set(pins) & set(_pins(ROOT / "requirements.txt")), "a package pinned in both files"


def test_make_env_installs_learners_authors_and_instructors_files(tmp_path):
    result = subprocess.run(["make", "-n", "env", f"VENV={tmp_path / 'venv'}"], cwd=ROOT, capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    others = sorted(p.name for p in ROOT.glob("requirements-*.txt"))
    assert "requirements-dev.txt" in others
    expected = " ".join(f"-r {name}" for name in ["requirements.txt", *others])
    assert expected in result.stdout, result.stdout


def test_project_dependencies_are_met_by_the_pins():
    requirements = pytest.importorskip("packaging.requirements")
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    pins = _pins(ROOT / "requirements.txt")
    for dependency in project["dependencies"]:
        req = requirements.Requirement(dependency)
        pinned = pins[req.name.lower()].split("==")[1].split(";")[0].strip()
        assert req.specifier.contains(pinned), f"{dependency} is not met by the pinned {pinned}"
    spec = requirements.Requirement(f"python{project['requires-python']}").specifier
    assert [v for v in ("3.10", "3.11", "3.12", "3.13", "3.14") if spec.contains(v)] == ["3.11", "3.12", "3.13"]


def test_course_utils_is_found_from_the_chapters_folder():
    """What `pip install -e .` gives a clone: a kernel started in chapters/ imports the helpers."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    result = subprocess.run([sys.executable, "-c", "import course_utils; print(course_utils.__file__)"],
                            cwd=ROOT / "chapters", env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert Path(result.stdout.strip()).parent.name == "course_utils"


# ----------------------------------------------------------------- student zips
@pytest.mark.parametrize("path", CHAPTERS, ids=[p.stem for p in CHAPTERS])
def test_each_chapter_installs_only_what_it_needs(path):
    nb = nbformat.read(path, as_version=4)
    text = assignments.chapter_requirements(nb, path.stem)
    pins = _pins_text(text)
    learners = _pins(ROOT / "requirements.txt")
    uses_torch = assignments.uses_torch(nb)
    assert ("torch" in pins) == uses_torch
    assert "torch" not in text.lower() or uses_torch, text
    for name, line in learners.items():
        if name != "torch":
            assert pins[name] == line
    assert pins["jupyterlab"] == _pins(ROOT / "requirements-dev.txt")["jupyterlab"]
    assert not (set(pins) - set(learners) - {"jupyterlab"}), text



def test_only_the_pytorch_chapter_uses_torch():
    users = [p.stem for p in CHAPTERS if assignments.uses_torch(nbformat.read(p, as_version=4))]
    assert users == ["04_flatten_pytorch"]


@pytest.mark.parametrize("torch_note", ["", assignments.TORCH_NOTE])
def test_start_here_commands_work_on_linux_macos_and_windows(torch_note):
    text = assignments.START_HERE.format(title="T", notebook="n.ipynb", torch_note=torch_note)
    assert "python3 -m venv .venv" in text  # Debian and Ubuntu have no `python`
    assert "py -3.11 -m venv .venv" in text and ".venv\\Scripts\\activate" in text  # Windows
    assert "source .venv/bin/activate" in text
    assert "python -m pip install -r requirements.txt" in text
    assert "3.11, 3.12 or 3.13" in text
    assert not re.search(r"^\s*python -m venv", text, re.M), "`python` is not a command on stock Debian/Ubuntu"
    assert ("download.pytorch.org/whl/cpu" in text) == bool(torch_note)


def test_zips_carry_their_chapters_requirements_and_start_here(tmp_path):
    chapters = [ROOT / "chapters" / "01_flatten_dense_deep_dive.ipynb", ROOT / "chapters" / "04_flatten_pytorch.ipynb"]
    assignments.write_assignments(tmp_path, chapters=chapters)
    for path in chapters:
        with zipfile.ZipFile(tmp_path / f"{path.stem}.zip") as archive:
            names = archive.namelist()
            requirements = archive.read(f"{path.stem}/requirements.txt").decode()
            start_here = archive.read(f"{path.stem}/START_HERE.md").decode()
        assert names.count(f"{path.stem}/requirements.txt") == 1
        torch_chapter = path.stem == "04_flatten_pytorch"
        assert ("torch==" in requirements) == torch_chapter
        assert ("--index-url https://download.pytorch.org/whl/cpu" in start_here) == torch_chapter
        assert "tensorflow==" in requirements and "jupyterlab==" in requirements


def test_readme_install_commands_name_python3_and_py():
    readme = (ROOT / "README.md").read_text()
    assert "python3 -m venv .venv" in readme and "py -3.11 -m venv .venv" in readme
    assert "python -m pip install -r requirements.txt -e . jupyterlab" in readme
    assert not re.search(r"^\s*python -m venv", readme, re.M)


# ----------------------------------------------------------------- make platforms (offline parts)
def test_platform_markers_describe_the_target_not_this_machine():
    mac = platforms.marker_environment("macOS arm64", "3.13")
    assert (mac["sys_platform"], mac["platform_system"], mac["platform_machine"], mac["python_version"]) == \
        ("darwin", "Darwin", "arm64", "3.13")
    win = platforms.marker_environment("Windows x86-64", "3.12")
    assert (win["sys_platform"], win["platform_system"], win["os_name"]) == ("win32", "Windows", "nt")


def test_platform_check_is_a_binary_only_dry_run_per_platform(tmp_path):
    args = platforms.pip_command("Linux x86-64", "3.12", "requirements.txt", tmp_path)
    assert args[:2] == ["install", "--dry-run"] and "--only-binary=:all:" in args
    assert args[args.index("--python-version") + 1] == "3.12"
    tags = [args[i + 1] for i, a in enumerate(args) if a == "--platform"]
    assert "manylinux_2_28_x86_64" in tags and "manylinux2014_x86_64" in tags
    assert platforms.PYTHONS == ("3.11", "3.12", "3.13")


@pytest.mark.parametrize(("platform", "python"), [("Solaris", "3.12"), ("Linux x86-64", "3")])
def test_platform_check_rejects_unknown_targets(platform, python):
    with pytest.raises(ValueError, match="platform must be one of|python must look like"):
        platforms.marker_environment(platform, python)


# ----------------------------------------------------------------- PyTorch's two wordings
def _sanitize(text):
    lines = [line.rstrip("\n") for line in (ROOT / "tests" / "sanitize.cfg").read_text().splitlines()]
    rules = [(lines[i][len("regex: "):], lines[i + 1][len("replace: "):])
             for i in range(len(lines) - 1) if lines[i].startswith("regex: ") and lines[i + 1].startswith("replace: ")]
    for regex, replace in rules:
        text = re.sub(regex, replace, text)
    return text


def test_sanitize_makes_both_pytorch_shape_errors_compare_equal():
    old = "RuntimeError: mat1 and mat2 shapes cannot be multiplied (32x2352 and 1000x10)\n"
    new = "RuntimeError: addmm: mat1 and mat2 shapes cannot be multiplied (32x2352 and 1000x10)\n"
    assert _sanitize(old) == _sanitize(new) == old
    assert _sanitize(new.replace("32x", "64x")) != _sanitize(old)  # the sizes are still compared
