"""The built website in a real browser (`make test-site`): headless Chromium opens the home page
and a notebook page from a local web server, searches the site, and saves screenshots in
build/screenshots/ (site-home.png, site-notebook.png, site-search.png, site-phone.png) for a
person to look at. Requests to other sites are blocked and recorded: the pages must work without
them (only images, such as the Colab badge, may come from elsewhere)."""

import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tools.build_site import COURSE_ROOT, course_notebooks

SCREENSHOTS = COURSE_ROOT / "build" / "screenshots"
NOTEBOOKS = course_notebooks()
SEARCH_MS = 15_000
# Every image of a page has loaded and decoded, and none is broken (remote ones are blocked).
LOCAL_IMAGES_RENDERED = """() => Promise.all([...document.images]
  .filter((image) => image.src.startsWith(location.origin))
  .map((image) => image.decode().then(() => image.naturalWidth > 0, () => false)))"""


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


@pytest.fixture
def page(browser, server):
    """A browser page that reaches only the local server; ``page.blocked`` lists what else it
    asked for and ``page.errors`` the JavaScript errors."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
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
    yield page
    context.close()


def open_page(page, url: str) -> None:
    page.goto(url)
    page.wait_for_load_state("networkidle")
    assert page.errors == [], f"JavaScript errors on {url}: {page.errors}"
    assert {kind for kind, _url in page.blocked} <= {"image"}, (
        f"{url} needs other sites: {page.blocked}"
    )


def screenshot(page, name: str, full_page: bool = False) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / name, full_page=full_page)


def test_home_page_shows_the_course_and_the_notebooks_in_the_sidebar(page, server):
    open_page(page, f"{server}/index.html")
    sidebar = page.locator("nav.bd-docs-nav a").all_inner_texts()
    numbered = [text.split(" · ")[0] for text in sidebar if " · " in text]
    assert numbered == [path.name[:2] for path in NOTEBOOKS], sidebar
    assert page.locator("h1").first.inner_text() == "Learning from imbalanced data"
    assert page.locator("#syllabus table tr").count() == len(NOTEBOOKS) + 1
    assert all(page.evaluate(LOCAL_IMAGES_RENDERED))
    screenshot(page, "site-home.png", full_page=True)


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
    screenshot(page, "site-notebook.png")
    page.locator(".prev-next-area").scroll_into_view_if_needed()
    screenshot(page, "site-notebook-end.png")


def test_the_search_box_finds_calibration(page, server):
    open_page(page, f"{server}/notebooks/{NOTEBOOKS[0].stem}.html")
    page.locator(".bd-sidebar-primary .search-button-field").click()
    field = page.locator("#pst-search-dialog input[name='q']")
    field.fill("calibration")
    field.press("Enter")
    page.wait_for_url("**/search.html?q=calibration*")
    results = page.locator("#search-results li")
    results.first.wait_for(timeout=SEARCH_MS)
    titles = results.locator("a").first.all_inner_texts()
    assert results.count() >= 1 and titles, "no search result for calibration"
    assert page.errors == [], page.errors
    screenshot(page, "site-search.png")


def test_a_notebook_page_fits_a_phone_screen(browser, server):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True,
                                  device_scale_factor=2)
    page = context.new_page()
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(server)
               else route.abort())
    try:
        page.goto(f"{server}/notebooks/{NOTEBOOKS[0].stem}.html")
        page.wait_for_load_state("networkidle")
        width = page.evaluate("() => document.documentElement.scrollWidth")
        screenshot(page, "site-phone.png")
    finally:
        context.close()
    assert width <= 390, f"the page is {width} px wide on a 390 px phone: it scrolls sideways"
