"""The rendered book, as a learner sees it: built with zero warnings, links resolving, and every
page of ``_toc.yml`` opened in headless Chromium.

The session builds the book itself (the same command as ``make book``) into ``_build/html`` and
serves it on 127.0.0.1. Each page is then visited once at desktop width (1366 px) and once at
phone width (390 px), each in light and then dark mode, and one visit runs every check:

- no JavaScript console errors, nothing fetched from the network; images load and have alt text;
  math is typeset (vendored MathJax), and MathJax loads only on pages with math;
- navigation: the chapter list and the page's contents open and close, by click and by keyboard;
- every dropdown and hidden cell opens when clicked; quizzes answer by keyboard and click;
- the download and launch buttons point at this page's notebook; figures keep a white backing
  in dark mode; every figure's smallest text is at least 9 px as shown at desktop width;
- axe-core (vendored in the pinned selenium-axe-python) finds no violation of the WCAG 2.0/2.1
  A and AA rules or of its best practices, in all four settings, with every dropdown open and
  the quiz answered;
- each page's total bytes (``_build/page_weights.json``); screenshots at desktop, phone and dark
  in ``_build/screenshots/``.

Search must find "Flatten" with snippets from chapter text. The external links (listed, never
fetched) go to ``_build/external_links.txt``. The browser is Debian's Chromium with its
ChromeDriver (``apt-get install -y chromium chromium-driver``); ``COURSE_CHROMIUM`` and
``COURSE_CHROMEDRIVER`` point elsewhere. Without them the browser tests are skipped, except on
CI (``CI=true``), where they fail. A copy of the book with a broken image and broken links, and
a page with an unlabelled button, prove that the checks can fail.
"""

import base64
import functools
import http.server
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml

from course_utils.notebook import _png_text
from linkcheck import check_links, toc_pages

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "_build"
HTML = BUILD / "html"
SHOTS = BUILD / "screenshots"
CHROMIUM = os.environ.get("COURSE_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("COURSE_CHROMEDRIVER", "/usr/bin/chromedriver")
ON_CI = os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}
INSTALL_HINT = "install with `apt-get install -y chromium chromium-driver` to run the browser tests"
DESKTOP, PHONE = (1366, 900), (390, 844)
TILE = 12000  # tallest slice of a full-page screenshot, in pixels

PAGES = toc_pages(ROOT)
CONFIG = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
browser = pytest.mark.browser
per_page = pytest.mark.parametrize("page", PAGES, ids=[p.docname for p in PAGES])


# ---------------------------------------------------------------- building and serving


def build_book(source_dir, student_editions=False):
    """``make book``'s build of ``source_dir`` into its ``_build/html``; returns (exit code, log).

    ``student_editions``: also write the student editions (``make assignments``) and put them
    under ``assignments/`` in the site, as ``make book`` does, so their links resolve.
    """
    source_dir = Path(source_dir)
    for stale in ("html", ".doctrees", "assignments"):
        shutil.rmtree(source_dir / "_build" / stale, ignore_errors=True)
    log = ""
    if student_editions:
        run = subprocess.run(
            [sys.executable, "-m", "course_utils.assignments", str(source_dir / "_build" / "assignments")],
            capture_output=True, text=True, cwd=source_dir, timeout=600,
        )
        log += run.stdout + run.stderr
        if run.returncode:
            return run.returncode, log
    jb = Path(sys.executable).with_name("jupyter-book")
    command = [str(jb) if jb.exists() else "jupyter-book", "build", str(source_dir)]
    run = subprocess.run(
        command + ["--warningiserror", "--nitpick", "--keep-going"],
        capture_output=True, text=True, cwd=source_dir, timeout=600,
    )
    log += run.stdout + run.stderr
    if student_editions and (source_dir / "_build" / "html").is_dir():
        shutil.copytree(source_dir / "_build" / "assignments", source_dir / "_build" / "html" / "assignments")
    return run.returncode, re.sub(r"\x1b\[[0-9;]*m", "", log)  # no colour codes


@contextmanager
def serve(directory):
    """Serve ``directory`` over HTTP on 127.0.0.1 (search needs http://, not file://)."""

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    handler = functools.partial(Quiet, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def book():
    """Build the current sources, exactly as ``make book`` does; the log goes to _build/book_build.log."""
    code, log = build_book(ROOT, student_editions=True)
    BUILD.mkdir(exist_ok=True)
    (BUILD / "book_build.log").write_text(log, encoding="utf-8")
    if not (HTML / "index.html").is_file():
        pytest.fail(f"the book did not build (exit code {code}); see _build/book_build.log:\n{log[-3000:]}")
    return code, log


@pytest.fixture(scope="session")
def site(book):
    with serve(HTML) as url:
        yield url


BROKEN_PAGE = """\
# A deliberately broken page

A MyST link to a heading that does not exist: [nowhere](#no-such-heading).

![a figure whose file is missing](missing-figure.png)

<img src="../_images/missing-raw-image.png" alt="a raw image whose file is missing">

<a href="01_no_such_page.html">a raw link to a page that does not exist</a>
and <a href="index.html#no-such-anchor">one to an anchor that does not exist</a>.
"""


@pytest.fixture(scope="session")
def broken_book(tmp_path_factory):
    """A copy of the book's configuration with one page holding a broken image and broken links."""
    src = tmp_path_factory.mktemp("broken_book")
    for item in ROOT.glob("_*"):  # _config.yml, _static/, _book/: not _toc.yml, not _build/
        if item.name in {"_build", "_toc.yml"}:
            continue
        if item.is_dir():
            shutil.copytree(item, src / item.name)
        else:
            shutil.copy2(item, src / item.name)
    (src / "chapters").mkdir()
    (src / "chapters" / "index.md").write_text("# Home\n\nThe broken copy.\n", encoding="utf-8")
    (src / "chapters" / "broken.md").write_text(BROKEN_PAGE, encoding="utf-8")
    (src / "_toc.yml").write_text(
        "format: jb-book\nroot: chapters/index\nchapters:\n  - file: chapters/broken\n", encoding="utf-8"
    )
    code, log = build_book(src)
    return src / "_build" / "html", code, log


# ---------------------------------------------------------------- the browser


def _missing_browser():
    for name, path in (("Chromium", CHROMIUM), ("ChromeDriver", CHROMEDRIVER)):
        if not (Path(path).is_file() and os.access(path, os.X_OK)):
            return f"{name} not found at {path}: {INSTALL_HINT}"
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed: `pip install -r requirements.txt` to run the browser tests"
    return None


@pytest.fixture(scope="session")
def driver(tmp_path_factory):
    reason = _missing_browser()
    if reason:
        if ON_CI:
            pytest.fail(f"CI=true and the browser tests cannot run. {reason}", pytrace=False)
        pytest.skip(reason)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    os.environ.setdefault("SE_OFFLINE", "true")  # Selenium Manager must not try to download
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage", f"--window-size={DESKTOP[0]},{DESKTOP[1]}",
        f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}",
    ):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    chrome = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    chrome.set_script_timeout(30)
    chrome.set_page_load_timeout(30)
    yield chrome
    chrome.quit()


WAIT_FOR_PAGE = """
const done = arguments[arguments.length - 1];
const started = Date.now();
function settle(state) { document.fonts.ready.then(() => done(state)); }
(function poll() {
  if (document.readyState !== "complete") return setTimeout(poll, 25);
  if (!document.querySelector('script[src*="mathjax"]')) return settle("no math");
  if (window.MathJax && MathJax.startup && MathJax.startup.promise)
    return MathJax.startup.promise.then(() => settle("typeset"), e => done("MathJax failed: " + e));
  if (Date.now() - started > 20000) return done("MathJax never started");
  setTimeout(poll, 25);
})();
"""


def open_page(driver, url, size=DESKTOP, mobile=False):
    """Load ``url`` on a screen of ``size`` (width, height) and wait for the page, its fonts
    and MathJax; return MathJax's state."""
    width, height = size
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile},
    )
    driver.get_log("browser")  # forget the previous page's messages
    driver.get(url)
    return driver.execute_async_script(WAIT_FOR_PAGE)


def console_errors(driver):
    """The browser's error messages since the last call."""
    return [f"{e['level']}: {e['message']}" for e in driver.get_log("browser") if e["level"] == "SEVERE"]


IMAGES = """
const done = arguments[arguments.length - 1];
const images = [...document.images];
images.forEach(img => { img.loading = "eager"; });
Promise.all(images.map(img => img.complete ? null :
    new Promise(ok => { img.addEventListener("load", ok); img.addEventListener("error", ok); })))
  .then(() => done(images.map(img => ({
      src: img.getAttribute("src"), alt: img.getAttribute("alt"),
      loaded: img.complete && img.naturalWidth > 0 }))));
"""


def image_problems(driver):
    """One line per image of the open page that did not load or has no alt text."""
    problems = []
    for image in driver.execute_async_script(IMAGES):
        if not image["loaded"]:
            problems.append(f"image did not load: {image['src']}")
        if not (image["alt"] or "").strip():
            problems.append(f"image has no alt text: {image['src']}")
    return problems


def click(driver, element):
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", element)
    element.click()


def png_size(path):
    """(width, height) of a PNG file, read from its header."""
    header = Path(path).read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    return struct.unpack(">II", header[16:24])


def screenshot(driver, path, full_page=True):
    """Save screenshots of the open page, at the screen size it was opened with; return the files.

    ``full_page``: the whole page, in slices of at most ``TILE`` pixels (Chromium cannot
    capture taller images): ``x-desktop.png``, then ``x-desktop-2.png``, ... Otherwise the
    visible screen only, at its current scroll position.
    """
    width, height = driver.execute_script("return [window.innerWidth, window.innerHeight];")
    path.parent.mkdir(parents=True, exist_ok=True)
    for stale in path.parent.glob(f"{path.stem}-*.png"):
        stale.unlink()
    written = []
    if full_page:
        total = driver.execute_script("return Math.ceil(document.documentElement.scrollHeight);")
        for number, top in enumerate(range(0, max(total, height), TILE), start=1):
            clip = {"x": 0, "y": top, "width": width, "height": min(TILE, max(total, height) - top), "scale": 1}
            shot = driver.execute_cdp_cmd(
                "Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True, "clip": clip}
            )
            target = path if number == 1 else path.with_name(f"{path.stem}-{number}.png")
            target.write_bytes(base64.b64decode(shot["data"]))
            written.append(target)
    else:
        shot = driver.execute_cdp_cmd("Page.captureScreenshot", {"format": "png"})
        path.write_bytes(base64.b64decode(shot["data"]))
        written.append(path)
    return written


# ---------------------------------------------------------------- the build and its links


def test_book_builds_with_zero_warnings_in_nitpicky_mode(book):
    code, log = book
    warnings = [line for line in log.splitlines() if "WARNING" in line or "ERROR" in line]
    assert code == 0 and not warnings, (
        f"`jupyter-book build . -W -n --keep-going` exited {code} with:\n" + "\n".join(warnings[:40])
    )


def test_every_page_of_the_toc_is_built(book):
    missing = [page.html for page in PAGES if not (HTML / page.html).is_file()]
    assert not missing, f"listed in _toc.yml but not built: {missing}"


def test_math_is_served_locally_not_from_a_cdn(book):
    from bs4 import BeautifulSoup

    for page in PAGES:
        soup = BeautifulSoup((HTML / page.html).read_text(encoding="utf-8"), "html.parser")
        remote = [s["src"] for s in soup.find_all("script", src=True) if "://" in s["src"]]
        assert not remote, f"{page.html} loads scripts from the network: {remote}"
    assert (HTML / "mathjax" / "tex-chtml.js").is_file(), "the vendored MathJax was not copied into the book"


def test_internal_links_and_anchors_resolve(book):
    report = check_links(HTML)
    listing = BUILD / "external_links.txt"
    listing.write_text(
        "# External links of the built book: listed for review, never fetched by the tests.\n"
        + "".join(f"{url}\n" for url in sorted(report.external)),
        encoding="utf-8",
    )
    assert report.pages_checked >= len(PAGES) and report.links_checked > 0
    assert not report.problems, "broken internal links:\n" + "\n".join(report.problems)


def test_broken_image_and_links_are_caught(broken_book):
    html, code, log = broken_book
    # The build itself refuses MyST-level breakage...
    assert code != 0, "a -W -n build with a missing image and a missing anchor should fail"
    assert "missing-figure.png" in log and "no-such-heading" in log, log[-3000:]
    # ...and the link checker catches what Sphinx does not check (raw HTML).
    problems = "\n".join(check_links(html).problems)
    assert "missing file _images/missing-raw-image.png" in problems, problems
    assert "missing file chapters/01_no_such_page.html" in problems, problems
    assert "no anchor #no-such-anchor in chapters/index.html" in problems, problems


# ---------------------------------------------------------------- every page in Chromium
# ---------------------------------------------------------------- every page in Chromium, once
#
# Each page is opened twice, not once per check: at desktop width (light, then dark) and at phone
# width (light, then dark). One visit runs every check of that page and keeps what it found;
# the tests below then report per page and per concern. That keeps the browser tests fast.


WAIT_FOR_ANIMATIONS = """
const done = arguments[arguments.length - 1];
// Two frames first: a transition set off by a click or a class change starts on the next frame.
requestAnimationFrame(() => requestAnimationFrame(() =>
  Promise.all(document.getAnimations().map(a => a.finished.catch(() => null))).then(() => done(true))));
"""


def set_theme(driver, theme):
    """Switch the open page to ``theme`` ("light" or "dark") as the theme's button does, and
    wait until the colour transitions have finished."""
    driver.execute_script(
        "document.documentElement.dataset.theme = arguments[0]; document.documentElement.dataset.mode = arguments[0];",
        theme,
    )
    driver.execute_async_script(WAIT_FOR_ANIMATIONS)


PAGE_WEIGHT = """
return [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')]
  .map(e => [e.name, e.decodedBodySize || e.encodedBodySize || 0]);
"""


def page_weight(driver, site):
    """Bytes of everything the open page loaded (HTML, CSS, scripts, fonts, images): the files on
    disk, uncompressed, as a browser without a cache downloads them from this server."""
    items = {}
    for url, size in driver.execute_script(PAGE_WEIGHT):
        items[url.removeprefix(site).split("?")[0]] = size
    return items


# -- figures: the smallest text, in CSS pixels, at the size each figure is shown

FIGURES = """
return [...document.querySelectorAll('.bd-article .cell_output img, .bd-article figure img')]
  .filter(img => img.complete && img.naturalWidth > 0)
  .map(img => ({src: img.getAttribute('src'), url: img.currentSrc || img.src,
                shown: img.getBoundingClientRect().width, natural: img.naturalWidth,
                link: img.closest('a') ? img.closest('a').getAttribute('href') : null}));
"""


def smallest_figure_text(png_bytes, shown_width):
    """Height in CSS pixels of the smallest text of a figure shown ``shown_width`` pixels wide.

    course_utils writes each figure as a PNG that records the font size of the smallest text it
    drew (``smallest text pt``, in points) and the PNG's resolution (``dpi``). In the file, that
    text is ``pt * dpi / 72`` pixels tall; the browser shows the file's ``width`` pixels in
    ``shown_width`` CSS pixels, so the text is drawn at ``pt * dpi / 72 * shown_width / width``.
    Returns None for a PNG without the record (a figure made before course_utils wrote it).
    """
    chunks = _png_text(png_bytes)
    if "smallest text pt" not in chunks or "dpi" not in chunks:
        return None
    width = struct.unpack(">I", png_bytes[16:20])[0]
    return float(chunks["smallest text pt"]) * float(chunks["dpi"]) / 72 * shown_width / width


def figure_text_sizes(driver):
    """[(src, smallest text in CSS px or None, shown width, natural width, enlarge link)] of the open page."""
    sizes = []
    for figure in driver.execute_script(FIGURES):
        path = HTML / urllib.parse.urlsplit(figure["url"]).path.lstrip("/")
        data = path.read_bytes() if path.suffix == ".png" and path.is_file() else b""
        px = smallest_figure_text(data, figure["shown"]) if data else None
        sizes.append((figure["src"], px, figure["shown"], figure["natural"], figure["link"]))
    return sizes


# -- navigation: the chapter list and the page's contents, opened and closed

NAV_STATE = """
const shown = el => {  // laid out, visible, and on the screen horizontally (off-canvas sidebars are not)
  if (!el || !el.getClientRects().length || getComputedStyle(el).visibility === 'hidden') return false;
  const r = el.getBoundingClientRect();
  return r.width > 0 && r.height > 0 && r.right > 1 && r.left < window.innerWidth - 1;
};
const links = sel => [...document.querySelectorAll(sel)].filter(shown).length;
const primary = document.querySelector('.bd-header-article .primary-toggle');
return {chapters: links('nav.bd-docs-nav a'), headings: links('nav.page-toc > ul > li > a'),
        primaryDialog: document.getElementById('pst-primary-sidebar-modal').open,
        secondaryDialog: (document.getElementById('pst-secondary-sidebar-modal') || {}).open || false,
        expanded: primary ? primary.getAttribute('aria-expanded') : null,
        primaryToggle: shown(primary),
        secondaryToggle: shown(document.querySelector('.bd-header-article .secondary-toggle')),
        tocItems: document.querySelectorAll('nav.page-toc > ul > li > a').length};
"""


def navigation_problems(driver, phone):
    """Open and close the chapter list and the page's contents by click and by keyboard."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    def state():
        driver.execute_async_script(WAIT_FOR_ANIMATIONS)
        return driver.execute_script(NAV_STATE)

    problems, chapters = [], len(PAGES)
    start = state()
    if not start["primaryToggle"]:
        return ["the chapter-list button (☰) is not visible"]
    primary = driver.find_element(By.CSS_SELECTOR, ".bd-header-article .primary-toggle")
    driver.execute_script("window.scrollTo(0, 0);")
    if not phone:  # desktop: the sidebar is shown; the button hides it and shows it again
        if start["chapters"] < chapters:
            problems.append(f"desktop: the chapter list shows {start['chapters']} of {chapters} chapters")
        primary.click()
        hidden = state()
        if hidden["chapters"] or hidden["expanded"] != "false":
            problems.append(f"desktop: clicking ☰ did not hide the chapter list: {hidden}")
        primary.send_keys(Keys.ENTER)  # the keyboard brings it back
        shown = state()
        if shown["chapters"] < chapters or shown["expanded"] != "true":
            problems.append(f"desktop: Enter on ☰ did not show the chapter list again: {shown}")
        if start["tocItems"] and shown["headings"] < start["tocItems"]:
            problems.append(f"desktop: the page's contents show {shown['headings']} of {start['tocItems']} headings")
        return problems
    # phone: both open as dialogs over the page
    if start["chapters"]:
        problems.append("phone: the chapter list shows before ☰ is tapped")
    primary.click()
    opened = state()
    if not opened["primaryDialog"] or opened["chapters"] < chapters or opened["expanded"] != "true":
        problems.append(f"phone: tapping ☰ did not show the chapter list: {opened}")
    driver.switch_to.active_element.send_keys(Keys.ESCAPE)
    closed = state()
    if closed["primaryDialog"] or closed["chapters"] or closed["expanded"] != "false":
        problems.append(f"phone: Escape did not close the chapter list: {closed}")
    if not start["tocItems"]:
        return problems
    if not start["secondaryToggle"]:
        return problems + ["phone: no button opens the page's contents"]
    secondary = driver.find_element(By.CSS_SELECTOR, ".bd-header-article .secondary-toggle")
    secondary.send_keys(Keys.ENTER)
    opened = state()
    if not opened["secondaryDialog"] or opened["headings"] < start["tocItems"]:
        problems.append(f"phone: Enter on the contents button did not show the page's headings: {opened}")
    close = driver.find_elements(By.CSS_SELECTOR, "#pst-secondary-sidebar-modal .course-dialog-close")
    if close:
        close[0].click()
    closed = state()
    if closed["secondaryDialog"] or closed["headings"]:
        problems.append(f"phone: the Close button did not close the page's contents: {closed}")
    return problems


# -- dropdowns and hidden cells

def collapsible_problems(driver):
    """Open every dropdown and hidden cell of the open page by clicking it; return what failed."""
    from selenium.common.exceptions import TimeoutException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    problems = []
    for details in driver.find_elements(By.CSS_SELECTOR, "details.sd-dropdown, details.hide, details.toggle-details"):
        summary = details.find_element(By.TAG_NAME, "summary")
        if details.get_property("open"):  # shown open by the author (`:open:`): it must close too
            click(driver, summary)
            if details.get_property("open"):
                problems.append(f"clicking did not close: {details.text[:80]!r}")
        click(driver, summary)
        if not details.get_property("open"):
            problems.append(f"clicking did not open: {details.text[:80]!r}")
            continue
        content = details.find_elements(By.CSS_SELECTOR, ":scope > :not(summary)")
        try:  # myst-nb fades hidden cells in over 0.3 s
            WebDriverWait(driver, 3).until(lambda d: any(c.is_displayed() and c.size["height"] > 0 for c in content))
        except TimeoutException:
            problems.append(f"opened but shows nothing: {details.text[:80]!r}")
    for button in driver.find_elements(By.CSS_SELECTOR, "button.toggle-button"):
        target = driver.find_element(By.CSS_SELECTOR, button.get_attribute("data-target") or "#_")
        click(driver, button)
        if "toggle-hidden" in target.get_attribute("class"):
            problems.append("a toggle button did not reveal its content")
    return problems


OPEN_EVERYTHING = """
document.querySelectorAll('details').forEach(d => { d.open = true; });
document.querySelectorAll('button.toggle-button:not(.toggle-button-hidden)').forEach(b => {
  const target = document.querySelector(b.dataset.target);
  if (target && target.classList.contains('toggle-hidden')) b.click(); });
document.querySelectorAll('.course-quiz__question').forEach(q => q.querySelector('.course-quiz__option').click());
setTimeout(arguments[arguments.length - 1], 600);  // what opened settles (fades, scroll boxes measured)
"""


# -- quizzes

QUIZ_STATE = """
const question = arguments[0];
const feedback = question.querySelector('.course-quiz__feedback');
return {focused: [...question.querySelectorAll('.course-quiz__option')].indexOf(document.activeElement),
        outline: getComputedStyle(document.activeElement).outlineStyle,
        feedback: feedback.textContent.trim(), cls: feedback.className,
        live: feedback.getAttribute('aria-live'),
        label: document.getElementById(question.getAttribute('aria-labelledby') || '_')?.textContent || ''};
"""


def quiz_problems(driver):
    """Answer every quiz question of the open page with the keyboard and by clicking; return problems."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    problems = []
    for quiz in driver.find_elements(By.CSS_SELECTOR, "div.course-quiz"):
        data = json.loads(quiz.find_element(By.CSS_SELECTOR, "script[type='application/json']").get_attribute("textContent"))
        for q, question in enumerate(quiz.find_elements(By.CSS_SELECTOR, ".course-quiz__question")):
            options = question.find_elements(By.CSS_SELECTOR, ".course-quiz__option")
            right = next(i for i, answer in enumerate(data[q]) if answer["correct"])
            wrong = next(i for i, answer in enumerate(data[q]) if not answer["correct"])
            where = f"quiz question {q + 1}"
            # Keyboard: the arrow keys move the focus and answer nothing; Enter answers.
            driver.execute_script("arguments[0].scrollIntoView({block: 'center'}); arguments[0].focus();", options[0])
            options[0].send_keys(Keys.ARROW_DOWN)
            state = driver.execute_script(QUIZ_STATE, question)
            if state["focused"] != 1 or state["feedback"]:
                problems.append(f"{where}: ArrowDown should move the focus to option B without answering: {state}")
            if state["outline"] in ("none", ""):
                problems.append(f"{where}: the focused option shows no focus ring")
            if state["live"] != "polite" or not state["label"].startswith(f"Question {q + 1}."):
                problems.append(f"{where}: feedback not in a live region or question not labelled: {state}")
            driver.switch_to.active_element.send_keys(Keys.ARROW_UP)
            for _ in range(wrong):
                driver.switch_to.active_element.send_keys(Keys.ARROW_DOWN)
            driver.switch_to.active_element.send_keys(Keys.ENTER)
            state = driver.execute_script(QUIZ_STATE, question)
            if "is-wrong" not in state["cls"] or not state["feedback"].startswith("✗"):
                problems.append(f"{where}: Enter on a wrong option gave {state}")
            # Space answers too, and a click (or tap) on the right option answers it.
            driver.switch_to.active_element.send_keys(Keys.SPACE)
            click(driver, options[right])
            state = driver.execute_script(QUIZ_STATE, question)
            if "is-right" not in state["cls"] or not state["feedback"].startswith("✓"):
                problems.append(f"{where}: clicking the right option gave {state}")
    return problems


# -- axe-core

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]

AXE_RUN = """
const [tags, done] = [arguments[0], arguments[arguments.length - 1]];
// color-contrast checks every element, except that in highlighted code it checks each distinct
// (token class, code block kind) once: those colours come from one style sheet per theme, and
// checking each of the thousands of code spans again would take many seconds per page.
const seen = new Set();
document.querySelectorAll('.highlight span').forEach(span => {
  const block = span.closest('div[class*="highlight-"]');
  const key = [span.className, block ? block.className : '', !!span.closest('.cell_output')].join('|');
  if (seen.has(key)) span.setAttribute('data-axe-same-style', ''); else seen.add(key);
});
axe.configure({rules: [{id: 'color-contrast', selector: '*:not([data-axe-same-style])'}]});
// Every rule with these tags, the experimental ones too (label-content-name-mismatch is one).
const rules = axe.getRules(tags).map(r => r.ruleId);
axe.run(document, {runOnly: {type: 'rule', values: rules}, resultTypes: ['violations']})
  .then(result => done(result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => n.target.join(' ') + ': ' + (n.failureSummary || '').replace(/\\s+/g, ' ').slice(0, 200))}))),
  error => done([{id: 'axe-error', impact: 'critical', help: String(error), nodes: []}]));
"""


def axe_source():
    """axe-core's script, as bundled (vendored) in the pinned selenium-axe-python: no network."""
    import selenium_axe_python

    return (Path(selenium_axe_python.__file__).parent / "axe-core" / "axe.min.js").read_text(encoding="utf-8")


def axe_violations(driver):
    """axe-core's violations of the WCAG 2.0/2.1 A and AA rules and its best practices on the open page."""
    if not driver.execute_script("return !!window.axe;"):
        driver.execute_script(axe_source())
    violations = driver.execute_async_script(AXE_RUN, AXE_TAGS)
    driver.get_log("browser")  # axe's own requests: its style-sheet preload asks for a wrong basic.css URL
    return violations


# -- one visit per page

@dataclass
class Visit:
    """What one page showed: every finding, per check, as a list of problems (empty: fine)."""

    page: object
    console: list = field(default_factory=list)
    remote: list = field(default_factory=list)
    images: list = field(default_factory=list)
    math: dict = field(default_factory=dict)
    math_state: str = ""
    weight: dict = field(default_factory=dict)
    figures: list = field(default_factory=list)
    navigation: list = field(default_factory=list)
    buttons: list = field(default_factory=list)
    collapsibles: list = field(default_factory=list)
    quizzes: list = field(default_factory=list)
    has_quiz: bool = False
    has_collapsible: bool = False
    dark: list = field(default_factory=list)
    axe: dict = field(default_factory=dict)
    screenshots: dict = field(default_factory=dict)
    seconds: float = 0.0
    timings: dict = field(default_factory=dict)


MATH_STATE = """
const math = [...document.querySelectorAll('.math')];
return {math: math.length,
        containers: document.querySelectorAll('mjx-container').length,
        untypeset: math.filter(m => !m.querySelector('mjx-container')).map(m => m.textContent.slice(0, 80)),
        errors: [...document.querySelectorAll('mjx-merror')].map(e => e.getAttribute('data-mjx-error') || e.textContent),
        mathjax: !!document.querySelector('script[src*="mathjax"]')};
"""

DARK_FIGURES = """
const first = document.querySelector('.bd-article .cell_output img, .bd-article figure img');
if (first) first.scrollIntoView({block: 'center', behavior: 'instant'});
const figures = [...document.querySelectorAll('.bd-article .cell_output img, .bd-article figure img')];
return {page: getComputedStyle(document.body).backgroundColor,
        figures: figures.map(f => [f.getAttribute('src'), getComputedStyle(f).backgroundColor])};
"""


def launch_button_problems(driver, site, page):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    problems = []
    source = f"{page.docname}{page.suffix}"
    download = driver.find_elements(By.CSS_SELECTOR, "a.btn-download-source-button")
    if not download:
        return [f"{page.html} has no download button"]
    href = download[0].get_attribute("href")
    if href != f"{site}_sources/{source}":
        problems.append(f"download button gives {href}, expected _sources/{source}")
    with urllib.request.urlopen(href) as response:
        body = response.read()
    if page.is_notebook and not json.loads(body)["cells"]:
        problems.append("the downloaded notebook has no cells")
    if not page.is_notebook:
        return problems  # the theme shows launch buttons on notebook pages only
    repo = CONFIG["repository"]
    owner_repo = repo["url"].removeprefix("https://github.com/").strip("/")
    in_repo = f"{repo.get('path_to_book', '').strip('/')}/{source}".lstrip("/")
    expected = {
        "Colab": f"https://colab.research.google.com/github/{owner_repo}/blob/{repo['branch']}/{in_repo}",
        "Binder": f"https://mybinder.org/v2/gh/{owner_repo}/{repo['branch']}?urlpath=",
    }
    menu = driver.find_element(By.CSS_SELECTOR, ".dropdown-launch-buttons button")
    click(driver, menu)
    for name, start in expected.items():
        links = driver.find_elements(By.CSS_SELECTOR, f"a[href^='{start.split('?')[0]}']")
        if not links:
            problems.append(f"no {name} launch button")
            continue
        link = links[0].get_attribute("href")
        if not (link.startswith(start) and link.endswith(in_repo)):
            problems.append(f"{name} opens {link}, not {in_repo}")
        if not links[0].is_displayed():
            problems.append(f"the {name} button does not show when the launch menu is opened")
    menu.send_keys(Keys.ESCAPE)
    return problems


def visit_page(driver, site, page):
    """Run every browser check of one page: desktop light and dark, then phone light and dark."""
    from selenium.webdriver.common.by import By

    started = time.perf_counter()
    found = Visit(page)
    clock = [started]

    def lap(name):
        now = time.perf_counter()
        found.timings[name] = round(found.timings.get(name, 0) + now - clock[0], 2)
        clock[0] = now

    # Desktop, light
    found.math_state = open_page(driver, site + page.html, DESKTOP)
    found.console += console_errors(driver)
    found.images = image_problems(driver)  # also loads every (lazy) image
    found.weight = page_weight(driver, site)
    found.remote = [url for url in found.weight if "://" in url]
    found.math = driver.execute_script(MATH_STATE)
    found.figures = figure_text_sizes(driver)
    lap("load")
    found.screenshots["desktop"] = screenshot(driver, SHOTS / f"{page.slug}-desktop.png")
    lap("screenshots")
    found.navigation += navigation_problems(driver, phone=False)
    lap("navigation")
    found.buttons = launch_button_problems(driver, site, page)
    lap("buttons")
    found.has_collapsible = bool(driver.find_elements(By.CSS_SELECTOR, "details, button.toggle-button"))
    found.collapsibles = collapsible_problems(driver)
    lap("collapsibles")
    found.has_quiz = bool(driver.find_elements(By.CSS_SELECTOR, "div.course-quiz"))
    found.quizzes = quiz_problems(driver)
    lap("quiz")
    driver.execute_async_script(OPEN_EVERYTHING)
    found.console += console_errors(driver)
    found.axe["light, 1366 px"] = axe_violations(driver)
    lap("axe")
    # Desktop, dark
    set_theme(driver, "dark")
    dark = driver.execute_script(DARK_FIGURES)
    red, green, blue = (int(v) for v in dark["page"].removeprefix("rgb(").rstrip(")").split(",")[:3])
    if red + green + blue >= 200:
        found.dark.append(f"dark mode did not switch on: body background {dark['page']}")
    found.dark += [f"figure without a white backing in dark mode: {src}" for src, colour in dark["figures"]
                   if colour != "rgb(255, 255, 255)"]
    found.screenshots["dark"] = screenshot(driver, SHOTS / f"{page.slug}-dark.png", full_page=False)
    lap("screenshots")
    found.console += console_errors(driver)
    found.axe["dark, 1366 px"] = axe_violations(driver)
    lap("axe")
    # Phone, light then dark
    open_page(driver, site + page.html, PHONE, mobile=True)
    lap("load")
    found.screenshots["phone"] = screenshot(driver, SHOTS / f"{page.slug}-phone.png")
    lap("screenshots")
    found.navigation += navigation_problems(driver, phone=True)
    lap("navigation")
    driver.execute_async_script(OPEN_EVERYTHING)
    found.console += console_errors(driver)
    found.axe["light, 390 px"] = axe_violations(driver)
    lap("axe")
    set_theme(driver, "dark")
    found.console += console_errors(driver)
    found.axe["dark, 390 px"] = axe_violations(driver)
    lap("axe")
    found.seconds = time.perf_counter() - started
    return found


@pytest.fixture(scope="session")
def visits(driver, site):
    """Every page's visit, made on first use and kept for the session."""
    done = {}

    def visit(page):
        if page.docname not in done:
            done[page.docname] = visit_page(driver, site, page)
        return done[page.docname]

    yield visit
    if done:  # the measured page weights, for the record
        report = {name: {"bytes": sum(v.weight.values()), "seconds": round(v.seconds, 1), "timings": v.timings,
                         "largest": sorted(v.weight.items(), key=lambda kv: -kv[1])[:5]} for name, v in done.items()}
        (BUILD / "page_weights.json").write_text(json.dumps(report, indent=1), encoding="utf-8")


# ---------------------------------------------------------------- the tests, per page


@browser
@per_page
def test_page_has_no_console_errors_and_fetches_nothing_remote(visits, page):
    found = visits(page)
    assert found.math_state in {"typeset", "no math"}, found.math_state
    assert not found.console, f"{page.html} logs JavaScript errors:\n" + "\n".join(found.console)
    assert not found.remote, f"{page.html} fetches from outside the book (offline learners lose it): {found.remote}"


@browser
@per_page
def test_images_load_and_have_alt_text(visits, page):
    problems = visits(page).images
    assert not problems, f"{page.html}:\n" + "\n".join(problems)


@browser
@per_page
def test_math_is_typeset_and_mathjax_loads_only_where_there_is_math(visits, page):
    found = visits(page)
    math = found.math
    assert math["mathjax"] == bool(math["math"]), (
        f"{page.html} has {math['math']} math elements but {'loads' if math['mathjax'] else 'does not load'} MathJax"
    )
    if not math["math"]:
        return
    assert found.math_state == "typeset", found.math_state
    assert math["containers"] >= math["math"], math
    assert not math["untypeset"], f"math left as TeX: {math['untypeset']}"
    assert not math["errors"], f"TeX errors: {math['errors']}"


@browser
@per_page
def test_navigation_opens_and_closes_on_phone_and_desktop(visits, page):
    problems = visits(page).navigation
    assert not problems, f"{page.html}:\n" + "\n".join(problems)


@browser
@per_page
def test_collapsible_answers_and_code_open_when_clicked(visits, page):
    found = visits(page)
    if not found.has_collapsible:
        pytest.skip(f"{page.html} has no collapsible content")
    assert not found.collapsibles, f"{page.html}:\n" + "\n".join(found.collapsibles)


@browser
@per_page
def test_quizzes_answer_by_keyboard_and_click(visits, page):
    found = visits(page)
    if not found.has_quiz:
        pytest.skip(f"{page.html} has no quiz")
    assert not found.quizzes, f"{page.html}:\n" + "\n".join(found.quizzes)


@browser
@per_page
def test_download_and_launch_buttons_point_at_this_page(visits, page):
    problems = visits(page).buttons
    assert not problems, f"{page.html}:\n" + "\n".join(problems)


@browser
@per_page
def test_figures_keep_a_white_backing_in_dark_mode(visits, page):
    problems = visits(page).dark
    assert not problems, f"{page.html}:\n" + "\n".join(problems)


MIN_FIGURE_TEXT_PX = 9


@browser
@per_page
def test_figure_text_is_at_least_9_px_at_desktop_width(visits, page):
    figures = visits(page).figures
    if not figures:
        pytest.skip(f"{page.html} has no figures")
    unknown = [src for src, px, *_ in figures if px is None]
    small = [f"{src}: {px:.1f} px (shown {shown:.0f} px wide of {natural})" for src, px, shown, natural, _ in figures
             if px is not None and px < MIN_FIGURE_TEXT_PX]
    assert not small, f"{page.html}: figure text below {MIN_FIGURE_TEXT_PX} px at 1366 px:\n" + "\n".join(small)
    assert not unknown, f"{page.html}: {len(unknown)} figures carry no record of their text size: re-execute the notebook"
    not_linked = [src for src, px, shown, natural, link in figures if natural > shown * 1.05 and not link]
    assert not not_linked, f"{page.html}: shrunk figures that cannot be opened at full size: {not_linked}"


@browser
@per_page
def test_axe_finds_no_violations_light_dark_desktop_phone(visits, page):
    report = []
    for where, violations in visits(page).axe.items():
        for v in violations:
            report.append(f"[{where}] {v['id']} ({v['impact']}): {v['help']}\n    " + "\n    ".join(v["nodes"][:5]))
    assert not report, f"{page.html}: axe-core found\n" + "\n".join(report)


@browser
@per_page
def test_screenshots_at_desktop_phone_and_dark(visits, page):
    found = visits(page)
    for name, size in (("desktop", DESKTOP), ("phone", PHONE), ("dark", DESKTOP)):
        sizes = [png_size(path) for path in found.screenshots[name]]
        assert sizes and all(width == size[0] for width, _ in sizes), f"{name} screenshots of {page.html}: {sizes}"
        assert sum(height for _, height in sizes) >= size[1], f"{name} screenshots of {page.html}: {sizes}"


@browser
@per_page
def test_page_weight_is_reported(visits, page, record_property):
    weight = visits(page).weight
    total = sum(weight.values())
    record_property("page_bytes", total)
    largest = ", ".join(f"{name} {size // 1000} kB" for name, size in sorted(weight.items(), key=lambda kv: -kv[1])[:3])
    print(f"{page.html}: {total / 1e6:.2f} MB ({largest})")
    assert total > 0
    assert not any(name.endswith("fontawesome.js") for name in weight), "fontawesome.js is back"


# ---------------------------------------------------------------- search, and the checks can fail


@browser
def test_search_has_one_box_and_snippets_from_chapter_text(driver, site):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import WebDriverWait

    open_page(driver, site + PAGES[0].html, DESKTOP)
    buttons = [b for b in driver.find_elements(By.CSS_SELECTOR, "button.search-button__button") if b.is_displayed()]
    assert len(buttons) == 1, f"expected one visible search box, found {len(buttons)}"
    click(driver, buttons[0])
    field = driver.find_element(By.CSS_SELECTOR, "#pst-search-dialog input[type=search]")
    WebDriverWait(driver, 5).until(lambda d: field.is_displayed())
    field.send_keys("Flatten", Keys.ENTER)
    WebDriverWait(driver, 15).until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#search-results ul.search li p.context")) >= 3)
    hits = [a.get_attribute("href") for a in driver.find_elements(By.CSS_SELECTOR, "#search-results ul.search li a")]
    assert "search.html?q=Flatten" in driver.current_url
    assert any(page.html in hit for hit in hits for page in PAGES), f"no chapter among the hits: {hits}"
    snippets = [p.text for p in driver.find_elements(By.CSS_SELECTOR, "#search-results ul.search li p.context")]
    # The theme's download menu (".ipynb .pdf") and the page-contents title were what showed.
    noise = [s for s in snippets if re.search(r"\.pdf\b|Print to PDF|\bContents\b", s)]
    assert not noise, "search snippets show buttons or menus instead of chapter text:\n" + "\n".join(noise)
    assert not console_errors(driver)


UNLABELLED_BUTTON = """<!DOCTYPE html><html lang="en"><head><title>An unlabelled button</title></head>
<body><main><h1>A page with one problem</h1><button><svg width="16" height="16"></svg></button></main></body></html>
"""


@browser
def test_axe_catches_an_unlabelled_button(driver, tmp_path):
    (tmp_path / "unlabelled.html").write_text(UNLABELLED_BUTTON, encoding="utf-8")
    with serve(tmp_path) as url:
        open_page(driver, url + "unlabelled.html")
        violations = axe_violations(driver)
    assert [v["id"] for v in violations] == ["button-name"], violations


@browser
def test_browser_checks_catch_a_broken_page(driver, broken_book):
    html, _, _ = broken_book
    with serve(html) as url:
        open_page(driver, url + "chapters/broken.html")
        problems = "\n".join(image_problems(driver))
        errors = "\n".join(console_errors(driver))
    assert "image did not load: ../_images/missing-raw-image.png" in problems, problems
    assert "missing-raw-image.png" in errors and "404" in errors, errors


def test_figure_text_size_is_computed_from_the_png_record():
    from matplotlib.figure import Figure

    from course_utils.notebook import figure_png

    fig = Figure(figsize=(4, 2), dpi=90)
    ax = fig.add_subplot()
    ax.set_title("title", fontsize=12)
    ax.set_xlabel("small label", fontsize=6)
    data, meta = figure_png(fig)
    width = struct.unpack(">I", data[16:20])[0]
    assert abs(meta["width"] - width / 2) <= 0.5  # shown at half its pixels: a 2x image
    # 6 pt at 180 dpi is 15 px in the file; shown at half its width, 7.5 px.
    assert smallest_figure_text(data, width / 2) == pytest.approx(7.5)
    assert smallest_figure_text(b"", 100) is None  # no record: unknown, not zero
