"""Every file in data/ is listed in data/SHA256SUMS, and every listed hash is right."""

import hashlib
from pathlib import Path

from course_utils import data

DATA = Path(data.__file__).resolve().parent.parent / "data"
MANIFEST = DATA / "SHA256SUMS"


def _manifest():
    entries = {}
    for line in MANIFEST.read_text().splitlines():
        digest, name = line.split(maxsplit=1)
        entries[name.lstrip("*")] = digest
    return entries


def test_every_data_file_is_listed():
    files = {p.name for p in DATA.iterdir() if p.is_file() and p.name != "SHA256SUMS"}
    assert files == set(_manifest()), "update data/SHA256SUMS: (cd data && sha256sum README.md make_digits.py mnist_5k.npz > SHA256SUMS)"


def test_every_listed_hash_matches():
    wrong = []
    for name, expected in _manifest().items():
        actual = hashlib.sha256((DATA / name).read_bytes()).hexdigest()
        if actual != expected:
            wrong.append(f"data/{name}: expected SHA-256 {expected}, found {actual}; restore it with `git checkout -- data/{name}`")
    assert not wrong, "\n".join(wrong)


def test_loader_and_manifest_agree():
    assert _manifest()["mnist_5k.npz"] == data.DIGITS_SHA256
