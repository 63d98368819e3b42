"""A built page of the course website, read with the standard library's HTML parser: its ids,
links, images, text, folds (<details>) with their summaries, and notebook cells (code, whether
it is folded and under which label, outputs)."""

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}
NOT_TEXT = {"script", "style", "template"}


@dataclass
class Link:
    tag: str
    url: str
    classes: set[str]
    in_sidebar: bool  # in the site's navigation (the primary sidebar's `nav.bd-docs-nav`)


@dataclass
class Image:
    src: str
    alt: str | None
    in_output: bool


@dataclass
class Cell:
    """One notebook code cell as myst-nb renders it (a `div.cell`)."""

    classes: set[str]
    code: str = ""
    code_folded: bool = False
    has_code: bool = False
    output_text: str = ""
    fold_label: str = ""  # what the closed fold says (myst-nb's `p.collapsed` in its summary)


@dataclass
class Fold:
    """A <details> element: its classes and the text of its <summary>."""

    classes: set[str]
    summary: str = ""


@dataclass
class Page:
    path: Path
    ids: set[str] = field(default_factory=set)
    links: list[Link] = field(default_factory=list)
    resources: list[tuple[str, str, str]] = field(default_factory=list)  # (tag, rel, URL)
    images: list[Image] = field(default_factory=list)
    cells: list[Cell] = field(default_factory=list)
    folds: list[Fold] = field(default_factory=list)
    text: str = ""


class _Reader(HTMLParser):
    def __init__(self, page: Page):
        super().__init__(convert_charrefs=True)
        self.page = page
        self.open: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def inside(self, tag: str, css_class: str | None = None) -> bool:
        return any(t == tag and (css_class is None or css_class in classes(a))
                   for t, a in self.open)

    def folded(self) -> bool:
        """Inside a <details> element that is closed."""
        return any(t == "details" and "open" not in a for t, a in self.open)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if attributes.get("id"):
            self.page.ids.add(attributes["id"])
        if tag == "a" and attributes.get("name"):
            self.page.ids.add(attributes["name"])
        url = attributes.get("src" if tag in ("img", "script", "source", "iframe") else "href")
        if url is not None and tag in ("a", "img", "script", "source", "iframe", "link"):
            self.page.links.append(
                Link(tag, url, classes(attributes), self.inside("nav", "bd-docs-nav")))
            if tag != "a":
                self.page.resources.append((tag, attributes.get("rel") or "", url))
        if tag == "img":
            self.page.images.append(Image(attributes.get("src", ""), attributes.get("alt"),
                                          self.inside("div", "cell_output")))
        if tag == "div" and "cell" in classes(attributes):
            self.page.cells.append(Cell(classes(attributes)))
        if tag == "details":
            self.page.folds.append(Fold(classes(attributes)))
        if tag == "div" and "cell_input" in classes(attributes) and self.page.cells:
            self.page.cells[-1].has_code = True
            self.page.cells[-1].code_folded = self.folded()
        if tag not in VOID:
            self.open.append((tag, attributes))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        for index in range(len(self.open) - 1, -1, -1):
            if self.open[index][0] == tag:
                del self.open[index:]
                return

    def handle_data(self, data):
        if any(t in NOT_TEXT for t, _ in self.open):
            return
        self.text.append(data)
        if self.inside("summary") and self.page.folds:
            self.page.folds[-1].summary += data
            if self.page.cells and self.inside("div", "cell") and self.inside("p", "collapsed"):
                self.page.cells[-1].fold_label += data.strip()
        if self.page.cells and self.inside("div", "cell"):
            if self.inside("div", "cell_input"):
                self.page.cells[-1].code += data
            elif self.inside("div", "cell_output"):
                self.page.cells[-1].output_text += data


def classes(attributes: dict[str, str | None]) -> set[str]:
    return set((attributes.get("class") or "").split())


def parse(html: str, path: Path) -> Page:
    """``html`` parsed, as the page at ``path``."""
    page = Page(path)
    reader = _Reader(page)
    reader.feed(html)
    reader.close()
    page.text = "".join(reader.text)
    return page


def read_page(path: Path) -> Page:
    """The page at ``path``, parsed."""
    return parse(path.read_text(encoding="utf-8"), path)
