"""Static checks of the built HTML book: which pages it has, and whether its links resolve.

No browser and no network: internal links, anchors and image paths are resolved on disk;
external links are only collected, never fetched.

    pages = toc_pages(Path("."))                        # [Page("chapters/index", ".md"), ...]
    report = check_links(Path("_build/html"))
    report.problems                                      # ["chapters/01...html: link ... -> missing page ..."]
    report.external                                      # {"https://colab.research.google.com/...", ...}
"""

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

import yaml
from bs4 import BeautifulSoup

SOURCE_SUFFIXES = (".ipynb", ".md", ".rst")
# Folders of the build that hold assets and copies of sources, not pages to check.
ASSET_DIRS = {"_static", "_sources", "_images", "_downloads", "mathjax"}


@dataclass(frozen=True)
class Page:
    """One page of the table of contents: ``docname`` without suffix, and its source suffix."""

    docname: str
    suffix: str

    @property
    def html(self):
        return f"{self.docname}.html"

    @property
    def slug(self):
        """A file-name-safe name for screenshots: ``chapters/index`` -> ``chapters-index``."""
        return self.docname.replace("/", "-")

    @property
    def is_notebook(self):
        return self.suffix == ".ipynb"


def toc_pages(book_dir):
    """Every page named in ``_toc.yml`` (root first, then in reading order), with its source suffix.

    Raises FileNotFoundError naming the entry when a listed file has no source.
    """
    book_dir = Path(book_dir)
    toc = yaml.safe_load((book_dir / "_toc.yml").read_text(encoding="utf-8"))
    names = [toc["root"]]

    def walk(node):
        if isinstance(node, list):
            for item in node:
                walk(item)
        elif isinstance(node, dict):
            if "file" in node:
                names.append(node["file"])
            if "glob" in node:
                names.extend(
                    p.relative_to(book_dir).with_suffix("").as_posix()
                    for suffix in SOURCE_SUFFIXES
                    for p in sorted(book_dir.glob(node["glob"] + suffix))
                )
            for key in ("parts", "chapters", "sections", "subtrees", "entries"):
                if key in node:
                    walk(node[key])

    walk({key: value for key, value in toc.items() if key != "root"})
    pages = []
    for name in names:
        stem = name
        for suffix in SOURCE_SUFFIXES:
            if name.endswith(suffix):
                stem = name[: -len(suffix)]
        found = [s for s in SOURCE_SUFFIXES if (book_dir / f"{stem}{s}").is_file()]
        if not found:
            raise FileNotFoundError(f"_toc.yml lists {name!r}, but no {stem}.ipynb/.md/.rst exists")
        pages.append(Page(stem, found[0]))
    return pages


@dataclass
class LinkReport:
    pages_checked: int = 0
    links_checked: int = 0
    problems: list = field(default_factory=list)
    external: set = field(default_factory=set)


def html_files(html_dir):
    """Every HTML page of the build, assets and copied sources excluded."""
    html_dir = Path(html_dir)
    return sorted(
        p
        for p in html_dir.rglob("*.html")
        if not ASSET_DIRS.intersection(p.relative_to(html_dir).parts[:-1])
    )


def _ids(soup):
    return {tag["id"] for tag in soup.find_all(id=True)} | {
        tag["name"] for tag in soup.find_all("a", attrs={"name": True})
    }


def _references(soup):
    """(kind, url) for every link, image, script, stylesheet and meta refresh of a page."""
    for tag in soup.find_all("a", href=True):
        yield "link", tag["href"]
    for tag in soup.find_all("img"):
        yield "image", tag.get("src", "")
    for tag in soup.find_all("script", src=True):
        yield "script", tag["src"]
    for tag in soup.find_all("link", href=True):
        yield "stylesheet", tag["href"]
    for tag in soup.find_all("meta", attrs={"http-equiv": True, "content": True}):
        if tag["http-equiv"].lower() == "refresh" and "url=" in tag["content"].lower():
            yield "redirect", tag["content"].split("=", 1)[1].strip()


def check_links(html_dir):
    """Resolve every internal link, anchor and asset of every built page; collect external links.

    A problem reads ``<page>: <kind> '<url>' -> <what is wrong>``.
    """
    html_dir = Path(html_dir).resolve()
    report = LinkReport()
    soups, ids = {}, {}

    def parsed(path):
        if path not in soups:
            soups[path] = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
            ids[path] = _ids(soups[path])
        return soups[path]

    for page in html_files(html_dir):
        report.pages_checked += 1
        where = page.relative_to(html_dir).as_posix()
        for kind, url in _references(parsed(page)):
            report.links_checked += 1
            parts = urlsplit(url)
            if parts.scheme in ("http", "https") or url.startswith("//"):
                report.external.add(url)
                continue
            if parts.scheme:  # mailto:, javascript:, data:
                continue
            if not url:
                report.problems.append(f"{where}: {kind} with an empty address")
                continue
            if parts.path:
                target = (page.parent / unquote(parts.path)).resolve()
                if target.is_dir():
                    target = target / "index.html"
                if not target.is_relative_to(html_dir):
                    report.problems.append(f"{where}: {kind} {url!r} -> leaves the book")
                    continue
                if not target.is_file():
                    shown = target.relative_to(html_dir).as_posix()
                    report.problems.append(f"{where}: {kind} {url!r} -> missing file {shown}")
                    continue
            else:
                target = page
            fragment = unquote(parts.fragment)
            if fragment and target.suffix == ".html":
                parsed(target)
                if fragment not in ids[target]:
                    shown = target.relative_to(html_dir).as_posix()
                    report.problems.append(f"{where}: {kind} {url!r} -> no anchor #{fragment} in {shown}")
    return report
