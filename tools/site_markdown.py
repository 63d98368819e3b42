"""Markdown helpers for the course website (tools/build_site.py): links, headings and the
anchors MyST gives headings, and the notebooks' text cut into sections.

Standard library only, so that the tests can use these without the site's environment.
"""

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

# [text](target) or [text](target "title"); an image ![alt](src) is left alone.
INLINE_LINK = re.compile(r"(?<!!)(\[[^\]]*\]\()(?P<target>[^)\s]+)((?:\s+\"[^\"]*\")?\))")
FENCE = re.compile(r"^\s*(```|~~~)")
ATX_HEADING = re.compile(r"^(?P<hashes>#{1,6})\s+(?P<title>.+?)\s*#*\s*$")
CODE_SPAN = re.compile(r"(`+)(?P<code>.+?)\1")
LINK_TEXT = re.compile(r"!?\[(?P<text>[^\]]*)\]\([^)]*\)")
EMPHASIS = re.compile(r"\*+|(?<!\w)_+|_+(?!\w)")
# What GitHub-style slugs keep (MyST's myst_parser.slugs.github_slugify).
NOT_IN_SLUG = re.compile(r"[^\w\u4e00-\u9fff\- ]")
# MyST gives anchors to headings of these levels (conf.py: myst_heading_anchors).
ANCHOR_LEVELS = 3


def rewrite_links(markdown: str, new_target: Callable[[str], str]) -> str:
    """``markdown`` with every inline link's target replaced by ``new_target(target)``; code
    (fenced blocks and `code spans`) is left as it is.

    >>> rewrite_links("[a](x.md), ![b](y.png) and `[c](z.md)`", str.upper)
    '[a](X.MD), ![b](y.png) and `[c](z.md)`'
    """
    def relink(text: str) -> str:
        return INLINE_LINK.sub(lambda m: m[1] + new_target(m["target"]) + m[3], text)

    return "".join(piece if is_code else relink(piece) for piece, is_code in code_split(markdown))


def code_split(markdown: str) -> Iterator[tuple[str, bool]]:
    """``markdown`` cut into pieces, each with whether it is code (a fenced block or a span)."""
    block: list[str] = []
    for line in markdown.splitlines(keepends=True):
        if block or FENCE.match(line):
            block.append(line)
            if len(block) > 1 and FENCE.match(line):
                yield "".join(block), True
                block = []
            continue
        start = 0
        for span in CODE_SPAN.finditer(line):
            yield line[start:span.start()], False
            yield span[0], True
            start = span.end()
        yield line[start:], False
    if block:
        yield "".join(block), True


def link_targets(markdown: str) -> list[str]:
    """The targets of the inline links in ``markdown``, in order."""
    return [match["target"] for match in INLINE_LINK.finditer(markdown)]


def headings(markdown: str) -> Iterator[tuple[int, str]]:
    """(level, title) of each ATX heading (``## Title``), skipping fenced code blocks."""
    in_fence = False
    for line in markdown.splitlines():
        if FENCE.match(line):
            in_fence = not in_fence
        elif not in_fence and (match := ATX_HEADING.match(line)):
            yield len(match["hashes"]), match["title"]


def plain_title(title: str) -> str:
    """A heading's text as MyST reads it for its anchor: code kept, links and emphasis dropped.

    >>> plain_title("What `k_neighbors` means, **really**: [docs](x.html)")
    'What k_neighbors means, really: docs'
    """
    parts = []
    for index, piece in enumerate(CODE_SPAN.split(title)):
        if index % 3 == 2:  # the text of a code span
            parts.append(piece)
        elif index % 3 == 0:
            parts.append(EMPHASIS.sub("", LINK_TEXT.sub(lambda m: m["text"], piece)))
    return "".join(parts)


def slugify(title: str) -> str:
    """The anchor MyST gives a heading (GitHub style).

    >>> slugify("3. Reading the confusion matrix")
    '3-reading-the-confusion-matrix'
    >>> slugify("What `k_neighbors` means, and when it breaks")
    'what-k_neighbors-means-and-when-it-breaks'
    """
    return NOT_IN_SLUG.sub("", plain_title(title).lower().replace(" ", "-"))


def unique_slug(slug: str, taken: set[str]) -> str:
    """``slug``, or ``slug-1``, ``slug-2``, ... if taken, as MyST numbers repeated headings."""
    unique, number = slug, 1
    while unique in taken:
        unique, number = f"{slug}-{number}", number + 1
    taken.add(unique)
    return unique


def heading_anchors(markdown_texts: list[str]) -> list[tuple[str, str]]:
    """(title, anchor) of each heading MyST anchors, in a page made of ``markdown_texts``."""
    taken: set[str] = set()
    return [
        (title, unique_slug(slugify(title), taken))
        for text in markdown_texts
        for level, title in headings(text)
        if level <= ANCHOR_LEVELS and slugify(title)
    ]


@dataclass(frozen=True)
class Section:
    """A stretch of a notebook's text under one heading (the title cell's text has none)."""

    title: str
    anchor: str
    text: str


def notebook_markdown(cell: dict) -> tuple[str, list[str]]:
    """A cell's Markdown source (or "") and the Markdown its outputs show."""
    source = cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])
    outputs = []
    for output in cell.get("outputs", []):
        shown = output.get("data", {}).get("text/markdown")
        if shown is not None:
            outputs.append(shown if isinstance(shown, str) else "".join(shown))
    return (source if cell["cell_type"] == "markdown" else ""), outputs


def notebook_sections(notebook: dict) -> Iterator[Section]:
    """The notebook's Markdown, from its cells and from the Markdown its cells print, cut at
    every anchored heading; each piece comes with the heading it stands under."""
    taken: set[str] = set()
    title, anchor = "", ""
    for cell in notebook["cells"]:
        source, outputs = notebook_markdown(cell)
        piece: list[str] = []
        for line in source.splitlines():
            heading = list(headings(line)) if not piece or not in_fence(piece) else []
            if heading and heading[0][0] <= ANCHOR_LEVELS and slugify(heading[0][1]):
                if piece:
                    yield Section(title, anchor, "\n".join(piece))
                title = heading[0][1]
                anchor, piece = unique_slug(slugify(title), taken), []
            piece.append(line)
        if piece:
            yield Section(title, anchor, "\n".join(piece))
        for text in outputs:
            yield Section(title, anchor, text)


def in_fence(lines: list[str]) -> bool:
    """True when ``lines`` leave a fenced code block open."""
    return sum(bool(FENCE.match(line)) for line in lines) % 2 == 1
