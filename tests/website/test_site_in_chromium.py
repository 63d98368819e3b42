"""The built website in a real browser (`make test-site`): headless Chromium opens every page from
a local web server at a desktop's width (1280 px) and a phone's (390 px) and checks what a reader
sees: no page wider than the screen, no fold with myst-nb's generic "Show code cell source"
label, figures in their proportions and, at 1280 px, every figure shown at the size it was drawn
and every visible code line inside its box (on a phone, figures shrink to the screen's width).
It also searches the site, and saves screenshots in build/screenshots/ for a person to look at
(CI keeps the folder): site-home-{1280,390}.png (the whole home page), site-notebook-{1280,390}.png
(the top of notebook 03), site-notebook-figure-{1280,390}.png (its widest figure),
site-notebook-exercise-{1280,390}.png (an exercise, its hint open), site-notebook-end.png and
site-search.png. Requests to other sites are blocked and recorded: the pages must work without
them (only images, such as the Colab badge, may come from elsewhere)."""

import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tools.build_site import COURSE_ROOT, course_notebooks

SCREENSHOTS = COURSE_ROOT / "build" / "screenshots"
NOTEBOOKS = course_notebooks()
NOTEBOOK_PAGES = [f"notebooks/{path.stem}.html" for path in NOTEBOOKS]
PAGES = ["index.html", "glossary.html", "references.html", *NOTEBOOK_PAGES] + (
    ["instructors.html"] if (COURSE_ROOT / "INSTRUCTORS.md").is_file() else [])
DESKTOP, PHONE = 1280, 390
# The notebook page of the screenshots: folded checks, many figures, exercises.
SHOWN = NOTEBOOK_PAGES[min(2, len(NOTEBOOK_PAGES) - 1)]
SEARCH_MS = 15_000
# Every image of a page has loaded and decoded, and none is broken (remote ones are blocked).
LOCAL_IMAGES_RENDERED = """() => Promise.all([...document.images]
  .filter((image) => image.src.startsWith(location.origin))
  .map((image) => image.decode().then(() => image.naturalWidth > 0, () => false)))"""
# What a reader sees of a page: how wide it is, the elements that stick out of the screen (not
# those in a box that scrolls), the figures' drawn and shown widths, the visible code boxes
# that scroll sideways, and the folds' labels.
LOOK = """async () => {
  await Promise.all([...document.images].map((image) => image.decode().catch(() => null)));
  const screen = document.documentElement.clientWidth;
  const scrolls = (element) => {
    for (let box = element.parentElement; box; box = box.parentElement) {
      if (["auto", "scroll", "hidden"].includes(getComputedStyle(box).overflowX)) return true;
    }
    return false;
  };
  const sticking_out = [...document.querySelectorAll("body *")]
    .filter((element) => element.getBoundingClientRect().right > screen + 1 && !scrolls(element))
    .slice(0, 5)
    .map((element) => `<${element.tagName.toLowerCase()} class="${element.className}">`
         + ` ${(element.textContent || "").trim().slice(0, 60)}`);
  const figures = [...document.querySelectorAll(".cell_output img")].map((image) => {
    const drawn = Number(image.getAttribute("width")) || image.naturalWidth;
    const box = image.getBoundingClientRect();
    return {drawn, natural: image.naturalWidth, shown: box.width,
            natural_shape: image.naturalWidth / image.naturalHeight,
            shown_shape: box.width / box.height};
  });
  const cells = [...document.querySelectorAll("div.cell")];
  const scrolling_code = cells
    .map((cell, index) => [index + 1, cell.querySelector(".cell_input pre")])
    .filter(([, pre]) => pre && !pre.closest("details:not([open])")
            && pre.scrollWidth > pre.clientWidth + 1)
    .map(([number]) => number);
  const labels = [...document.querySelectorAll("summary")].map((summary) => summary.innerText);
  return {width: document.documentElement.scrollWidth, screen, sticking_out, figures,
          scrolling_code, labels};
}"""


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 (the base class's name)
        pass


@pytest.fixture(scope="module")
def server(site):
    """The site served on 127.0.0.1 (a free port); yields its base URL."""
    handler = functools.partial(QuietHandler, directory=str(site))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()
    thread.join()


def new_page(browser, server, width: int):
    """A browser page ``width`` pixels wide (a phone's, with its touch screen and two device
    pixels per pixel, when narrow) that reaches only the local server; ``page.blocked`` lists
    what else it asked for and ``page.errors`` the JavaScript errors."""
    phone = width < 600
    context = browser.new_context(viewport={"width": width, "height": 900 if phone else 1000},
                                  is_mobile=phone, device_scale_factor=2 if phone else 1)
    page = context.new_page()
    page.blocked, page.errors = [], []

    def only_local(route):
        if route.request.url.startswith(server):
            route.continue_()
        else:
            page.blocked.append((route.request.resource_type, route.request.url))
            route.abort()

    page.route("**/*", only_local)
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    return page


@pytest.fixture
def page(browser, server):
    """A desktop browser page (see :func:`new_page`)."""
    page = new_page(browser, server, DESKTOP)
    yield page
    page.context.close()


def open_page(page, url: str) -> None:
    page.goto(url)
    page.wait_for_load_state("networkidle")
    assert page.errors == [], f"JavaScript errors on {url}: {page.errors}"
    assert {kind for kind, _url in page.blocked} <= {"image"}, (
        f"{url} needs other sites: {page.blocked}"
    )


@pytest.fixture(scope="module")
def look(browser, server):
    """``look(path, width)``: what a reader sees of the page at ``path`` (see LOOK), once."""
    seen = {}

    def look(path: str, width: int) -> dict:
        if (path, width) not in seen:
            page = new_page(browser, server, width)
            try:
                open_page(page, f"{server}/{path}")
                seen[path, width] = page.evaluate(LOOK)
            finally:
                page.context.close()
        return seen[path, width]

    return look


def screenshot(page, name: str, full_page: bool = False) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / name, full_page=full_page)


@pytest.mark.parametrize("width", [DESKTOP, PHONE])
@pytest.mark.parametrize("path", PAGES)
def test_no_page_is_wider_than_the_screen(look, path, width):
    seen = look(path, width)
    assert seen["width"] <= seen["screen"], (
        f"{path} is {seen['width']} px wide on a {seen['screen']} px screen: it scrolls "
        f"sideways. Sticking out: {seen['sticking_out']}. Let it wrap, or scroll in its own box "
        "(website/_static/course.css)."
    )


@pytest.mark.parametrize("width", [DESKTOP, PHONE])
@pytest.mark.parametrize("path", PAGES)
def test_no_fold_says_show_code_cell_source(look, path, width):
    generic = [label for label in look(path, width)["labels"] if "code cell" in label]
    assert not generic, f"{path}: folds with myst-nb's generic label: {generic}"


@pytest.mark.parametrize("path", NOTEBOOK_PAGES)
def test_figures_are_shown_at_the_size_they_were_drawn(look, path):
    """At 1280 px, where the text column is 688 px: a figure drawn wider is shrunk, and its
    text with it. A figure's drawn size is its image's width over its density (the width its
    notebook output gives: half the pixels for a sharp, "retina" image)."""
    figures = look(path, DESKTOP)["figures"]
    assert figures, f"{path} shows no figure"
    shrunk = [f"figure {number}: drawn {figure['drawn']} px wide ({figure['natural']} image "
              f"pixels), shown at {figure['shown']:.0f} px"
              for number, figure in enumerate(figures, start=1)
              if figure["shown"] < figure["drawn"] - 0.5]
    assert not shrunk, (
        f"{path} shrinks {len(shrunk)} of {len(figures)} figures (draw them at most 688 px wide: "
        "figsize=(6.6, ...), then re-run the notebook):\n" + "\n".join(shrunk)
    )


@pytest.mark.parametrize("width", [DESKTOP, PHONE])
@pytest.mark.parametrize("path", NOTEBOOK_PAGES)
def test_figures_keep_their_proportions(look, path, width):
    figures = look(path, width)["figures"]
    distorted = [number for number, figure in enumerate(figures, start=1)
                 if abs(figure["shown_shape"] / figure["natural_shape"] - 1) > 0.02]
    assert not distorted, f"{path} at {width} px: figures {distorted} are stretched or squeezed"


@pytest.mark.parametrize("path", NOTEBOOK_PAGES)
def test_visible_code_fits_its_box_at_desktop_width(look, path):
    scrolling = look(path, DESKTOP)["scrolling_code"]
    assert not scrolling, (
        f"{path}: the code of cells {scrolling} (counted among the page's cells, from 1) scrolls "
        "sideways at 1280 px: wrap its lines at 79 characters (tests/test_readability.py)"
    )


def test_home_page_shows_the_course_and_the_notebooks_in_the_sidebar(page, server):
    open_page(page, f"{server}/index.html")
    sidebar = page.locator("nav.bd-docs-nav a").all_inner_texts()
    numbered = [text.split(" · ")[0] for text in sidebar if " · " in text]
    assert numbered == [path.name[:2] for path in NOTEBOOKS], sidebar
    assert page.locator("h1").first.inner_text() == "Learning from imbalanced data"
    assert page.locator("#syllabus table tr").count() == len(NOTEBOOKS) + 1
    assert all(page.evaluate(LOCAL_IMAGES_RENDERED))


def test_on_a_phone_the_syllabus_shows_each_notebook_and_its_times(browser, server):
    page = new_page(browser, server, PHONE)
    try:
        open_page(page, f"{server}/index.html")
        rows = page.locator("#syllabus tbody tr")
        assert rows.count() == len(NOTEBOOKS)
        for row in rows.all():
            for time in row.locator("td").all()[-2:]:
                box = time.bounding_box()
                assert time.inner_text().endswith("min") and box["x"] + box["width"] <= PHONE, (
                    f"a syllabus time is off a phone's screen: {row.inner_text()!r}")
    finally:
        page.context.close()


def test_a_notebook_page_has_its_figures_launch_buttons_and_previous_and_next(page, server):
    second = NOTEBOOKS[1]
    open_page(page, f"{server}/notebooks/{second.stem}.html")
    rendered = page.evaluate(LOCAL_IMAGES_RENDERED)
    figures = page.locator(".cell_output img").count()
    assert figures > 0 and len(rendered) >= figures and all(rendered)
    launch = page.locator(".dropdown-launch-buttons a").evaluate_all(
        "(links) => links.map((link) => link.href)")
    assert any("colab.research.google.com" in url for url in launch), launch
    assert any("mybinder.org" in url for url in launch), launch
    assert NOTEBOOKS[0].stem in page.locator("a.left-prev").get_attribute("href")
    assert NOTEBOOKS[2].stem in page.locator("a.right-next").get_attribute("href")
    page.locator(".prev-next-area").scroll_into_view_if_needed()
    screenshot(page, "site-notebook-end.png")


def test_a_hint_opens_under_its_exercise(page, server):
    open_page(page, f"{server}/{SHOWN}")
    hint = page.locator("details.course-details", has_text="Hint").first
    assert not hint.locator("p").first.is_visible()
    hint.locator("summary").click()
    assert "Hint:" in hint.inner_text() and hint.locator("p").first.is_visible()


def test_the_search_box_finds_calibration_and_the_sections_that_teach_it(page, server):
    open_page(page, f"{server}/notebooks/{NOTEBOOKS[0].stem}.html")
    page.locator(".bd-sidebar-primary .search-button-field").click()
    field = page.locator("#pst-search-dialog input[name='q']")
    field.fill("calibration")
    field.press("Enter")
    page.wait_for_url("**/search.html?q=calibration*")
    results = page.locator("#search-results li")
    results.first.wait_for(timeout=SEARCH_MS)
    page.get_by_text("Search finished").wait_for(timeout=SEARCH_MS)
    into_sections = [result for result in results.all()
                     if "notebooks/" in (result.locator("a").first.get_attribute("href") or "")
                     and "#" in result.locator("a").first.get_attribute("href")]
    assert into_sections, "no search result leads into a notebook's section"
    first = results.first.inner_text().lower()
    assert first == into_sections[0].inner_text().lower() and "calibrat" in first, (
        f"the first result should be a section that teaches calibration, shown: {first!r}")
    assert page.errors == [], page.errors
    screenshot(page, "site-search.png")


@pytest.mark.parametrize("width", [DESKTOP, PHONE])
def test_screenshots_for_a_person_to_look_at(browser, server, width):
    page = new_page(browser, server, width)
    try:
        open_page(page, f"{server}/index.html")
        screenshot(page, f"site-home-{width}.png", full_page=True)
        open_page(page, f"{server}/{SHOWN}")
        screenshot(page, f"site-notebook-{width}.png")
        widest = page.evaluate("""() => {
          const images = [...document.querySelectorAll('.cell_output img')];
          const drawn = images.map((image) => Number(image.getAttribute('width'))
                                              || image.naturalWidth);
          return drawn.indexOf(Math.max(...drawn));
        }""")
        figure = page.locator(".cell_output img").nth(widest)
        figure.scroll_into_view_if_needed()
        screenshot(page, f"site-notebook-figure-{width}.png")
        hint = page.locator("details.course-details", has_text="Hint").first
        hint.locator("summary").click()
        hint.scroll_into_view_if_needed()
        page.mouse.wheel(0, -350)  # the exercise's cell above its hint
        page.wait_for_timeout(300)
        screenshot(page, f"site-notebook-exercise-{width}.png")
    finally:
        page.context.close()
    names = [f"site-home-{width}.png", f"site-notebook-{width}.png",
             f"site-notebook-figure-{width}.png", f"site-notebook-exercise-{width}.png"]
    assert all((SCREENSHOTS / name).stat().st_size > 10_000 for name in names)
