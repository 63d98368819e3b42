"""The built course website (`make site`), read once per session."""

from pathlib import Path

import pytest

from tests.chromium import browser  # noqa: F401 (the headless Chromium fixture)
from tests.website.html_page import Page, read_page

COURSE_ROOT = Path(__file__).resolve().parents[2]
SITE = COURSE_ROOT / "build" / "site"


@pytest.fixture(scope="session")
def site() -> Path:
    """The folder `make site` built; a clear failure if there is none."""
    if not (SITE / "index.html").is_file():
        pytest.fail(f"No website in {SITE}: run `make test-site`, which builds it first")
    return SITE


@pytest.fixture(scope="session")
def pages(site) -> dict[str, Page]:
    """Every page of the site, parsed, by its path relative to the site's folder (the theme's
    template files in _static/ are no pages)."""
    return {path.relative_to(site).as_posix(): read_page(path)
            for path in sorted(site.rglob("*.html")) if "_static" not in path.parts}
