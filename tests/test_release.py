"""The course can be reused and cited: its licence files, CITATION.cff and CHANGELOG.md agree with
the one version and repository in pyproject.toml.

CITATION.cff is read with PyYAML, which the pinned environment has through JupyterLab
(jupyter-events needs it): no package is added for this test.
"""

import re
import tomllib
from datetime import date
from pathlib import Path

import yaml

COURSE_ROOT = Path(__file__).resolve().parent.parent
COURSE = tomllib.loads((COURSE_ROOT / "pyproject.toml").read_text())["tool"]["course"]
HOLDER = "The imbalanced-learning course authors"
LICENSE_TEXTS = {"CC-BY-4.0": "LICENSES/CC-BY-4.0.txt", "BSD-3-Clause": "LICENSES/BSD-3-Clause.txt"}
CHANGELOG_ENTRY = re.compile(r"^## (\d+\.\d+\.\d+) \((\d{4}-\d{2}-\d{2})\)$", flags=re.MULTILINE)


def citation() -> dict:
    return yaml.safe_load((COURSE_ROOT / "CITATION.cff").read_text())


def newest_changelog_entry() -> tuple[str, str]:
    entries = CHANGELOG_ENTRY.findall((COURSE_ROOT / "CHANGELOG.md").read_text())
    assert entries, 'CHANGELOG.md has no entry headed "## X.Y.Z (YYYY-MM-DD)"'
    return entries[0]


def test_the_version_is_a_release_number():
    assert re.fullmatch(r"\d+\.\d+\.\d+", COURSE["version"]), (
        'pyproject.toml needs `version = "X.Y.Z"` under [tool.course]'
    )


def test_citation_and_newest_changelog_entry_carry_the_version():
    version, released = newest_changelog_entry()
    assert version == COURSE["version"], (
        f"the newest CHANGELOG.md entry is {version}, pyproject.toml says {COURSE['version']}"
    )
    cff = citation()
    assert cff["version"] == COURSE["version"], "CITATION.cff's version differs from pyproject's"
    assert cff["date-released"] == date.fromisoformat(released), (
        "CITATION.cff's date-released differs from the newest CHANGELOG.md entry's date"
    )


def test_citation_names_the_repository_the_authors_and_the_licence():
    cff = citation()
    assert cff["cff-version"] == "1.2.0"
    assert cff["repository-code"] == COURSE["repository"], (
        "CITATION.cff's repository-code differs from pyproject.toml's repository: run "
        "`.venv/bin/python tools/set_repository.py`"
    )
    assert cff["authors"] == [{"name": HOLDER}]
    assert cff["title"] and cff["message"]
    assert cff["license"] in LICENSE_TEXTS


def test_the_licence_texts_are_complete():
    cc_by = (COURSE_ROOT / LICENSE_TEXTS["CC-BY-4.0"]).read_text()
    assert cc_by.startswith("Attribution 4.0 International")
    sections = re.findall(r"^Section (\d) -- ", cc_by, flags=re.MULTILINE)
    assert sections == [str(number) for number in range(1, 9)], "CC BY 4.0: Sections 1 to 8"
    assert cc_by.rstrip().endswith("Creative Commons may be contacted at creativecommons.org.")
    bsd = (COURSE_ROOT / LICENSE_TEXTS["BSD-3-Clause"]).read_text()
    assert f"Copyright (c) 2026, {HOLDER}" in bsd
    assert len(re.findall(r"^\d\. ", bsd, flags=re.MULTILINE)) == 3
    assert "EVEN IF ADVISED OF THE POSSIBILITY OF SUCH DAMAGE." in bsd


def test_license_says_which_licence_covers_what_and_leaves_the_data_to_its_note():
    license_text = (COURSE_ROOT / "LICENSE").read_text()
    assert f"Copyright (c) 2026 {HOLDER}" in license_text
    for path in LICENSE_TEXTS.values():
        assert path in license_text, f"LICENSE does not point to {path}"
    assert "data/README.md" in license_text and (COURSE_ROOT / "data" / "README.md").is_file()


def test_the_readme_points_to_the_licence_and_the_contributing_guide():
    readme = (COURSE_ROOT / "README.md").read_text()
    assert "## License" in readme and "(LICENSE)" in readme
    assert "(CONTRIBUTING.md)" in readme and (COURSE_ROOT / "CONTRIBUTING.md").is_file()
