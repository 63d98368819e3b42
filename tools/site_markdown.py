"""Markdown helpers for the course website (tools/build_site.py): links, headings and the
anchors MyST gives headings, and the notebooks' text cut into sections.

Standard library only, so that the tests can use these without the site's environment.
"""

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import groupby

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


# The glossary (website/glossary.md): its entries, linked from a notebook page's first use of
# each term, and indexed at the sections that teach them, so that a search for a term leads there.
GLOSSARY_BLOCK = re.compile(r"^```\{glossary\}\n(?P<body>.*?)^```[ \t]*$",
                            re.MULTILINE | re.DOTALL)
TAUGHT_IN = re.compile(r"\]\(notebooks/(?P<notebook>[^)#\s]+\.ipynb)#(?P<anchor>[^)\s]+)\)")
# Prose that stays as it is: links and images, HTML, math, bare addresses, a role's name.
WORD_GAP = r"(?:[ \t]+|[ \t]*\n[ \t]*)"  # between the words of a term: spaces, or one line break
NOT_PROSE = re.compile(r"!?\[[^\]]*\]\([^)]*\)|<[^>\n]+>|\$[^$\n]+\$|https?://\S+|\{[\w:-]+\}$")


@dataclass(frozen=True)
class GlossaryEntry:
    """A term of the glossary with its other names, and the sections that teach it."""

    terms: tuple[str, ...]
    sections: tuple[tuple[str, str], ...]  # (notebook file, anchor)


def glossary_entries(glossary: str) -> list[GlossaryEntry]:
    """The entries of the ``{glossary}`` block of ``glossary`` (MyST Markdown): each entry's
    terms (lines at the margin) and the notebook sections its definition links to.

    >>> glossary_entries("```{glossary}\\n:sorted:\\nAP\\naverage precision\\n  Area. Taught in "
    ...                  "[01](notebooks/01_a.ipynb#2-x).\\n```\\n")
    [GlossaryEntry(terms=('AP', 'average precision'), sections=(('01_a.ipynb', '2-x'),))]
    """
    block = GLOSSARY_BLOCK.search(glossary)
    entries: list[GlossaryEntry] = []
    terms: list[str] = []
    definition: list[str] = []
    for line in (block["body"] if block else "").splitlines() + ["end"]:
        if line.startswith(":") and not entries and not terms:
            continue  # an option of the directive, such as :sorted:
        if line and not line[0].isspace():
            if definition:
                sections = tuple(dict.fromkeys(
                    (m["notebook"], m["anchor"]) for m in TAUGHT_IN.finditer(" ".join(definition))))
                entries.append(GlossaryEntry(tuple(terms), sections))
                terms, definition = [], []
            terms.append(line.strip())
        elif line.strip():
            definition.append(line.strip())
    return entries


def term_pattern(entries: list[GlossaryEntry]) -> re.Pattern:
    """A term of the glossary as a whole word (or followed by an s), longest first; a term
    written in lower case matches in any case, one with capitals only as written; its words
    may be split over two lines."""
    variants = sorted({term for entry in entries for term in entry.terms if "," not in term},
                      key=len, reverse=True)
    spelled = [WORD_GAP.join(map(re.escape, term.split())) for term in variants]
    alternatives = [f"(?i:{written})" if term == term.lower() else written
                    for term, written in zip(variants, spelled, strict=True)]
    return re.compile(rf"(?<![\w-])(?:{'|'.join(alternatives)})s?(?![\w-])")


def glossary_term(text: str, entries: list[GlossaryEntry]) -> tuple[int, str] | None:
    """(index of the entry, the term as the glossary writes it) for ``text`` as a page writes it
    ("Calibrated", "leaks", "ROC-AUC"); None if no term is written so."""
    for candidate in (text, text[:-1]):
        for index, entry in enumerate(entries):
            for term in entry.terms:
                if candidate == term or (term == term.lower() and candidate.lower() == term):
                    return index, term
    return None


def link_first_uses(markdown: str, entries: list[GlossaryEntry], linked: set[int]) -> str:
    """``markdown`` with the first use of each glossary entry not yet in ``linked`` written as
    a link to the glossary (MyST's ``{term}`` role); ``linked`` gains the entries linked.
    Headings, code, links, math and HTML are left as they are.

    >>> entries = glossary_entries("```{glossary}\\nrecall\\n  R.\\nF1\\n  F.\\n```\\n")
    >>> link_first_uses("# Recall\\nRecall and `recall`, then recall and F1.", entries, set())
    '# Recall\\n{term}`Recall <recall>` and `recall`, then recall and {term}`F1 <F1>`.'
    """
    pattern = term_pattern(entries)

    def link(match: re.Match) -> str:
        written = " ".join(match[0].split())
        found = glossary_term(written, entries)
        if found is None or found[0] in linked:
            return match[0]
        linked.add(found[0])
        return f"{{term}}`{written} <{found[1]}>`"

    def link_prose(text: str) -> str:
        pieces = NOT_PROSE.split(text)
        kept = NOT_PROSE.findall(text)
        return "".join(pattern.sub(link, piece) + (kept[i] if i < len(kept) else "")
                       for i, piece in enumerate(pieces))

    return "".join(
        piece if is_code else link_prose(piece)
        for chunk, is_heading in heading_split(markdown)
        for piece, is_code in ([(chunk, True)] if is_heading else joined(code_split(chunk)))
    )


def joined(pieces: Iterable[tuple[str, bool]]) -> Iterator[tuple[str, bool]]:
    """Neighbouring pieces of the same kind (code or not) as one piece."""
    for is_code, group in groupby(pieces, key=lambda piece: piece[1]):
        yield "".join(text for text, _ in group), is_code


def heading_split(markdown: str) -> Iterator[tuple[str, bool]]:
    """``markdown`` cut into headings (outside fenced code) and the stretches between them."""
    stretch: list[str] = []
    fenced = False
    for line in markdown.splitlines(keepends=True):
        if FENCE.match(line):
            fenced = not fenced
        if not fenced and ATX_HEADING.match(line.rstrip("\n")):
            if stretch:
                yield "".join(stretch), False
                stretch = []
            yield line, True
        else:
            stretch.append(line)
    if stretch:
        yield "".join(stretch), False


def with_index_entries(markdown: str, terms_at: dict[str, list[str]], taken: set[str]) -> str:
    """``markdown`` with a main index entry (MyST's ``{index}`` directive) for each term of
    ``terms_at[anchor]`` just after the heading whose anchor that is, so that a search for the
    term leads to that section. ``taken`` holds the anchors of the page's earlier headings, as
    for :func:`unique_slug`, and gains this text's.

    >>> with_index_entries("Intro.\\n## 2. Recall\\nText.", {"2-recall": ["recall"]}, set())
    'Intro.\\n## 2. Recall\\n```{index} !single: recall\\n```\\nText.'
    """
    lines: list[str] = []
    for chunk, is_heading in heading_split(markdown):
        lines.append(chunk)
        for level, text in headings(chunk) if is_heading else ():
            if level <= ANCHOR_LEVELS and slugify(text):
                terms = terms_at.get(unique_slug(slugify(text), taken), [])
                if terms and not chunk.endswith("\n"):
                    lines.append("\n")
                lines += [f"```{{index}} !single: {term}\n```\n" for term in terms]
    return "".join(lines)
