"""The Glossary page defines every term the chapters rely on and links to each chapter's first use."""

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GLOSSARY = ROOT / "chapters" / "glossary.md"
TERMS = ["relu", "softmax", "sigmoid", "logits", "cross-entropy", "adam", "learning-rate", "epoch", "batch",
         "dropout", "pooling", "padding", "stride", "macro-average", "weighted-average", "operating-point",
         "autograd"]
LABEL = re.compile(r"^\((ch(\d)-([a-z-]+))\)=\s*$", re.M)


def _chapter_labels():
    """{label: (chapter number, slug)} of every definition target in the chapters' prose."""
    found = {}
    for path in sorted((ROOT / "chapters").glob("0*.ipynb")):
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            if cell["cell_type"] == "markdown":
                for m in LABEL.finditer("".join(cell["source"])):
                    assert m.group(2) == path.name[1], f"{m.group(1)} sits in {path.name}"
                    found[m.group(1)] = (int(m.group(2)), m.group(3))
    return found


def _entries():
    """{slug: glossary text of that entry}."""
    text = GLOSSARY.read_text(encoding="utf-8")
    parts = re.split(r"^\(glossary-([a-z-]+)\)=\s*$", text, flags=re.M)
    return dict(zip(parts[1::2], parts[2::2]))


def test_the_glossary_is_in_the_book():
    assert "chapters/glossary" in (ROOT / "_toc.yml").read_text()


@pytest.mark.parametrize("slug", TERMS)
def test_every_term_is_defined_and_linked_to_a_first_use(slug):
    entry = _entries().get(slug)
    assert entry, f"the glossary has no entry for {slug}"
    links = re.findall(r"\]\((ch\d-[a-z-]+)\)", entry)
    assert links, f"the glossary entry for {slug} links to no chapter"
    labels = _chapter_labels()
    for link in links:
        assert link in labels and labels[link][1] == slug, f"{link} is not a definition of {slug} in a chapter"


def test_every_definition_in_a_chapter_is_linked_from_the_glossary():
    text = GLOSSARY.read_text(encoding="utf-8")
    unlinked = [label for label in _chapter_labels() if f"]({label})" not in text]
    assert not unlinked, f"defined in a chapter but not linked from the glossary: {unlinked}"
