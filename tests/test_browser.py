"""The rendered book, as a learner sees it: built with zero warnings, links resolving, and every
page of ``_toc.yml`` opened in headless Chromium.

The session builds the book itself (the same command as ``make book``) into ``_build/html``,
serves it on 127.0.0.1 and, per page, checks: no JavaScript console errors; every image loads
and has alt text; math is typeset (by the vendored, offline MathJax); dropdown answers and
hidden code cells open when clicked; quizzes answer when clicked; the download and launch
buttons point at this page's notebook; figures keep a white backing in dark mode. Search must
find "Flatten". Screenshots land in ``_build/screenshots/`` and the external links (listed,
never fetched) in ``_build/external_links.txt``.

The browser is Debian's Chromium with its ChromeDriver (``apt-get install -y chromium
chromium-driver``); ``COURSE_CHROMIUM`` and ``COURSE_CHROMEDRIVER`` point elsewhere. Without
them the browser tests are skipped, except on CI (``CI=true``), where they fail.
A copy of the book with a broken image and broken links proves that the checks can fail.
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
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest
import yaml

from linkcheck import check_links, toc_pages

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "_build"
HTML = BUILD / "html"
SHOTS = BUILD / "screenshots"
CHROMIUM = os.environ.get("COURSE_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("COURSE_CHROMEDRIVER", "/usr/bin/chromedriver")
ON_CI = os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}
INSTALL_HINT = "install with `apt-get install -y chromium chromium-driver` to run the browser tests"
DESKTOP, PHONE = (1280, 900), (390, 844)
TILE = 12000  # tallest slice of a full-page screenshot, in pixels

PAGES = toc_pages(ROOT)
CONFIG = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
browser = pytest.mark.browser
per_page = pytest.mark.parametrize("page", PAGES, ids=[p.docname for p in PAGES])


# ---------------------------------------------------------------- building and serving


def build_book(source_dir):
    """``make book``'s build of ``source_dir`` into its ``_build/html``; returns (exit code, log)."""
    source_dir = Path(source_dir)
    for stale in ("html", ".doctrees"):
        shutil.rmtree(source_dir / "_build" / stale, ignore_errors=True)
    jb = Path(sys.executable).with_name("jupyter-book")
    command = [str(jb) if jb.exists() else "jupyter-book", "build", str(source_dir)]
    run = subprocess.run(
        command + ["--warningiserror", "--nitpick", "--keep-going"],
        capture_output=True, text=True, cwd=source_dir, timeout=600,
    )
    return run.returncode, re.sub(r"\x1b\[[0-9;]*m", "", run.stdout + run.stderr)  # no colour codes


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
    code, log = build_book(ROOT)
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


@browser
@per_page
def test_page_has_no_console_errors(driver, site, page):
    state = open_page(driver, site + page.html)
    assert state in {"typeset", "no math"}, state
    errors = console_errors(driver)
    assert not errors, f"{page.html} logs JavaScript errors:\n" + "\n".join(errors)
    fetched = driver.execute_script("return performance.getEntriesByType('resource').map(r => r.name);")
    remote = [url for url in fetched if not url.startswith(site)]
    assert not remote, f"{page.html} fetches from outside the book (offline learners lose it): {remote}"


@browser
@per_page
def test_images_load_and_have_alt_text(driver, site, page):
    open_page(driver, site + page.html)
    problems = image_problems(driver)
    assert not problems, f"{page.html}:\n" + "\n".join(problems)


@browser
@per_page
def test_math_is_typeset(driver, site, page):
    state = open_page(driver, site + page.html)
    found = driver.execute_script("""
        const math = [...document.querySelectorAll('.math')];
        return {math: math.length,
                containers: document.querySelectorAll('mjx-container').length,
                untypeset: math.filter(m => !m.querySelector('mjx-container')).map(m => m.textContent.slice(0, 80)),
                errors: [...document.querySelectorAll('mjx-merror')].map(e => e.getAttribute('data-mjx-error') || e.textContent)};
    """)
    if not found["math"]:
        return  # no math on this page
    assert state == "typeset", state
    assert found["containers"] >= found["math"], found
    assert not found["untypeset"], f"math left as TeX: {found['untypeset']}"
    assert not found["errors"], f"TeX errors: {found['errors']}"


@browser
@per_page
def test_collapsible_answers_and_code_open_when_clicked(driver, site, page):
    from selenium.common.exceptions import TimeoutException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    open_page(driver, site + page.html)
    collapsibles = driver.find_elements(By.CSS_SELECTOR, "details.sd-dropdown, details.hide, details.toggle-details")
    buttons = driver.find_elements(By.CSS_SELECTOR, "button.toggle-button")
    if not collapsibles and not buttons:
        pytest.skip(f"{page.html} has no collapsible content")
    for details in collapsibles:
        summary = details.find_element(By.TAG_NAME, "summary")
        if details.get_property("open"):  # shown open by the author (`:open:`): it must close too
            click(driver, summary)
            assert not details.get_property("open"), f"clicking did not close: {details.text[:80]!r}"
        click(driver, summary)
        assert details.get_property("open"), f"clicking did not open: {details.text[:80]!r}"
        content = details.find_elements(By.CSS_SELECTOR, ":scope > :not(summary)")
        assert content, f"nothing inside: {details.text[:80]!r}"
        try:  # myst-nb fades hidden cells in over 0.3 s
            WebDriverWait(driver, 3).until(lambda d: any(c.is_displayed() and c.size["height"] > 0 for c in content))
        except TimeoutException:
            pytest.fail(f"opened but shows nothing: {details.text[:80]!r}")
    for button in buttons:  # sphinx-togglebutton's classic toggles (`:class: toggle`)
        target = driver.find_element(By.CSS_SELECTOR, button.get_attribute("data-target") or "#_")
        click(driver, button)
        assert "toggle-hidden" not in target.get_attribute("class"), "toggle button did not reveal its content"


@browser
@per_page
def test_quizzes_answer_when_clicked(driver, site, page):
    from selenium.webdriver.common.by import By

    open_page(driver, site + page.html)
    quizzes = driver.find_elements(By.CSS_SELECTOR, "div.Quiz")
    if not quizzes:
        pytest.skip(f"{page.html} has no quiz")
    answered = 0
    for quiz in quizzes:
        wrong = quiz.find_elements(By.CSS_SELECTOR, "label.MCButton[data-correct='false']")
        right = quiz.find_elements(By.CSS_SELECTOR, "label.MCButton[data-correct='true']")
        if not right:
            continue  # numeric or text question: nothing to click
        feedback = quiz.find_element(By.CSS_SELECTOR, ".Feedback")
        if wrong:
            click(driver, wrong[0])
            assert "incorrect" in feedback.get_attribute("class") and feedback.text.strip(), (
                f"no feedback after a wrong answer in {quiz.text[:80]!r}"
            )
        click(driver, right[0])
        assert "correct" in feedback.get_attribute("class").split() and feedback.text.strip(), (
            f"no feedback after the right answer in {quiz.text[:80]!r}"
        )
        answered += 1
    assert answered, f"{page.html} has quizzes but no multiple-choice question could be answered"
    assert not console_errors(driver)


@browser
@per_page
def test_download_and_launch_buttons_point_at_this_page(driver, site, page):
    from selenium.webdriver.common.by import By

    open_page(driver, site + page.html)
    source = f"{page.docname}{page.suffix}"
    download = driver.find_elements(By.CSS_SELECTOR, "a.btn-download-source-button")
    assert download, f"{page.html} has no download button"
    href = download[0].get_attribute("href")
    assert href == f"{site}_sources/{source}", f"download button gives {href}, expected _sources/{source}"
    with urllib.request.urlopen(href) as response:
        body = response.read()
    if page.is_notebook:
        assert json.loads(body)["cells"], "the downloaded notebook has no cells"
    if not page.is_notebook:
        return  # the theme shows launch buttons on notebook pages only
    repo = CONFIG["repository"]
    owner_repo = repo["url"].removeprefix("https://github.com/").strip("/")
    in_repo = f"{repo.get('path_to_book', '').strip('/')}/{source}".lstrip("/")
    expected = {
        "Colab": f"https://colab.research.google.com/github/{owner_repo}/blob/{repo['branch']}/{in_repo}",
        "Binder": f"https://mybinder.org/v2/gh/{owner_repo}/{repo['branch']}?urlpath=",
    }
    click(driver, driver.find_element(By.CSS_SELECTOR, ".dropdown-launch-buttons button"))
    for name, start in expected.items():
        links = driver.find_elements(By.CSS_SELECTOR, f"a[href^='{start.split('?')[0]}']")
        assert links, f"{page.html} has no {name} launch button"
        link = links[0].get_attribute("href")
        assert link.startswith(start) and link.endswith(in_repo), f"{name} opens {link}, not {in_repo}"
        assert links[0].is_displayed(), f"the {name} button does not show when the launch menu is opened"


@browser
@per_page
def test_figures_keep_a_white_backing_in_dark_mode(driver, site, page):
    open_page(driver, site + page.html)
    found = driver.execute_script("""
        const first = document.querySelector('.bd-article .cell_output img, .bd-article figure img');
        if (first) first.scrollIntoView({block: 'center', behavior: 'instant'});
        document.documentElement.dataset.theme = 'dark';
        document.documentElement.dataset.mode = 'dark';
        const figures = [...document.querySelectorAll('.bd-article .cell_output img, .bd-article figure img')];
        return {page: getComputedStyle(document.body).backgroundColor,
                figures: figures.map(f => [f.getAttribute('src'), getComputedStyle(f).backgroundColor])};
    """)
    screenshot(driver, SHOTS / f"{page.slug}-dark.png", full_page=False)
    red, green, blue = (int(v) for v in found["page"].removeprefix("rgb(").rstrip(")").split(",")[:3])
    assert red + green + blue < 200, f"dark mode did not switch on: body background {found['page']}"
    not_white = [src for src, colour in found["figures"] if colour != "rgb(255, 255, 255)"]
    assert not not_white, f"figures without a white backing in dark mode: {not_white}"


@browser
@per_page
def test_screenshots_at_desktop_and_phone_widths(driver, site, page):
    for name, size, mobile in (("desktop", DESKTOP, False), ("phone", PHONE, True)):
        open_page(driver, site + page.html, size, mobile)
        files = screenshot(driver, SHOTS / f"{page.slug}-{name}.png")
        sizes = [png_size(path) for path in files]
        assert all(width == size[0] for width, _ in sizes), f"{name} screenshots of {page.html}: {sizes}"
        assert sum(height for _, height in sizes) >= size[1], f"{name} screenshots of {page.html}: {sizes}"


@browser
def test_search_finds_flatten(driver, site):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import WebDriverWait

    open_page(driver, site + PAGES[0].html)
    buttons = [b for b in driver.find_elements(By.CSS_SELECTOR, "button.search-button__button") if b.is_displayed()]
    assert buttons, "no visible search button"
    click(driver, buttons[0])
    field = driver.find_element(By.CSS_SELECTOR, "#pst-search-dialog input[type=search]")
    WebDriverWait(driver, 5).until(lambda d: field.is_displayed())
    field.send_keys("Flatten", Keys.ENTER)
    WebDriverWait(driver, 15).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#search-results ul.search li a"))
    hits = [a.get_attribute("href") for a in driver.find_elements(By.CSS_SELECTOR, "#search-results ul.search li a")]
    assert "search.html?q=Flatten" in driver.current_url
    assert any(page.html in hit for hit in hits for page in PAGES), f"no chapter among the hits: {hits}"
    assert not console_errors(driver)


@browser
def test_browser_checks_catch_a_broken_page(driver, broken_book):
    html, _, _ = broken_book
    with serve(html) as url:
        open_page(driver, url + "chapters/broken.html")
        problems = "\n".join(image_problems(driver))
        errors = "\n".join(console_errors(driver))
    assert "image did not load: ../_images/missing-raw-image.png" in problems, problems
    assert "missing-raw-image.png" in errors and "404" in errors, errors

