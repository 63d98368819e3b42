"""The issue forms (.github/ISSUE_TEMPLATE/) are well formed, list the course's notebooks, and the
version line they ask learners to run works."""

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

COURSE_ROOT = Path(__file__).resolve().parent.parent
FORMS = sorted((COURSE_ROOT / ".github" / "ISSUE_TEMPLATE").glob("[0-9]-*.yml"))
NOTEBOOKS = sorted(path.name for path in (COURSE_ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))


def form(name: str) -> dict:
    return yaml.safe_load((COURSE_ROOT / ".github" / "ISSUE_TEMPLATE" / name).read_text())


def fields(issue_form: dict) -> dict[str, dict]:
    return {item["id"]: item for item in issue_form["body"] if item["type"] != "markdown"}


def test_there_are_three_forms():
    assert [path.name for path in FORMS] == [
        "1-bug.yml", "2-clarification.yml", "3-numbers-differ.yml"]


@pytest.mark.parametrize("path", FORMS, ids=lambda path: path.name)
def test_each_form_has_a_name_a_description_and_labelled_fields(path):
    issue_form = yaml.safe_load(path.read_text())
    assert issue_form["name"] and issue_form["description"]
    ids = [item["id"] for item in issue_form["body"] if item["type"] != "markdown"]
    assert len(ids) == len(set(ids)), f"{path.name}: two fields share an id"
    for item in issue_form["body"]:
        attributes = item["attributes"]
        assert attributes.get("value" if item["type"] == "markdown" else "label"), item


@pytest.mark.parametrize("path", FORMS, ids=lambda path: path.name)
def test_the_notebook_question_lists_every_notebook(path):
    options = fields(yaml.safe_load(path.read_text()))["notebook"]["attributes"]["options"]
    assert [option for option in options if option.endswith(".ipynb")] == NOTEBOOKS, (
        f"{path.name}: the notebook list differs from notebooks/: update it"
    )


def test_the_clarification_form_asks_which_notebook_which_section_and_where():
    asked = fields(form("2-clarification.yml"))
    assert {"notebook", "section", "where", "question"} <= set(asked)
    where = " ".join(asked["where"]["attributes"]["options"])
    assert "My computer" in where and "Binder" in where and "Colab" in where


def test_the_numbers_form_asks_for_versions_and_expects_differences_on_colab():
    numbers = form("3-numbers-differ.yml")
    text = " ".join(item["attributes"].get("value", "") for item in numbers["body"])
    assert "On Google Colab small differences are expected" in text
    assert {"notebook", "section", "where", "versions", "numbers"} <= set(fields(numbers))


def test_the_version_line_of_the_numbers_form_prints_each_library_version():
    text = "\n".join(item["attributes"].get("value", "") for item in form("3-numbers-differ.yml")
                     ["body"])
    line = re.search(r"```python\n(.+)\n```", text)[1]
    printed = subprocess.run([sys.executable, "-c", line], capture_output=True, text=True,
                             check=True).stdout
    for library in ("numpy", "pandas", "sklearn", "imblearn", "xgboost"):
        assert re.search(rf"\| {library} \d+\.\d+", printed), printed
    assert printed.startswith(f"python {sys.version.split()[0]} ")
