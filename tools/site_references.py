"""The references page of the course website: every work and page the notebooks cite.

tools/build_site.py calls `references_page`. It finds, in the notebooks' Markdown and in the
Markdown their cells print:
- author-year citations: "Chawla et al. 2002", "Davis & Goadrich, ICML 2006",
  "Chen, Liaw & Breiman 2004", "(Elkan, IJCAI 2001)";
- pull requests and issues: "scikit-learn pull request 31529", "imbalanced-learn issue #1101";
- DOIs and arXiv identifiers, in links or in the text;
- every other web page they link to (documentation, mostly).
Each citation must match a work in website/references.toml (its `key`, or its `link` for a DOI or
an arXiv identifier); the page lists each work with the sections that cite it. A citation with no
work, or a work no notebook cites, stops the build with a message that says what to add or remove.
Standard library only, so that the tests can use it without the site's environment.
"""

import re
import tomllib
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from tools.site_markdown import Section, link_targets

PARTICLE = r"(?:(?:van|von|de|den|der|du|da|di|la|le)\s+)*"
NAME = r"[A-Z][A-Za-z'’\-]+"
VENUE = r"(?:,?\s+[A-Z][\w\-]*(?:\s+(?:in|of|on|for|and|[A-Z][\w\-]*))*)?"
YEAR = r"\(?(?P<year>(?:19|20)\d\d)\b"
# Several authors: "A et al.", "A & B", "A, B & C"; then an optional venue and the year.
SEVERAL_AUTHORS = re.compile(
    rf"(?P<first>{PARTICLE}{NAME})(?:(?:,\s+{PARTICLE}{NAME})*\s+&\s+{PARTICLE}{NAME}"
    rf"|\s+et\s+al\.),?{VENUE}\s+{YEAR}"
)
# One author, only as a whole item of a parenthesis: "(Elkan 2001)", "(Elkan, IJCAI 2001)",
# "(King & Zeng 2001; Elkan 2001)".
ONE_AUTHOR = re.compile(
    rf"(?:\(|;\s)(?P<first>{PARTICLE}{NAME}){VENUE}\s+(?P<year>(?:19|20)\d\d)(?=[);])"
)
MONTHS = {"January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"}
PULL_REQUEST = re.compile(
    r"(?P<project>[A-Za-z][\w.\-]*)(?:'s)?\s+(?P<kind>pull request|PR|issue)\s+#?(?P<number>\d+)"
)
DOI = re.compile(r"\b10\.\d{4,9}/[^\s\"<>)\]]+")
ARXIV = re.compile(r"arxiv(?:\.org/abs/|:)\s*(?P<id>\d{4}\.\d{4,5})", re.IGNORECASE)
NOT_CITATIONS = re.compile(r"https://(?:colab\.research\.google\.com|mybinder\.org)/")


class CitationError(ValueError):
    """A citation in the notebooks and website/references.toml do not agree."""


@dataclass(frozen=True)
class Citation:
    """One citation: the work's key (or a link for a web page), as written, and where."""

    key: str
    written: str
    page: str
    section: Section


def work_key(first_author: str, year: str) -> str:
    """The key of a work: its first author's surname and its year, lower case.

    >>> work_key("van den Goorbergh", "2022")
    'van-den-goorbergh-2022'
    """
    return "-".join([*first_author.lower().replace("’", "'").split(), year])


def pull_request_key(project: str, kind: str, number: str) -> str:
    """``scikit-learn-pr-31529`` or ``imbalanced-learn-issue-1101``."""
    return f"{project.lower()}-{'issue' if kind == 'issue' else 'pr'}-{number}"


def cited_works(text: str) -> list[tuple[str, str]]:
    """(key, citation as written) of the works ``text`` cites, DOIs and arXiv ids included.

    >>> cited_works("(Davis & Goadrich,\\nICML 2006) and SMOTE (Chawla et al. 2002)")
    [('davis-2006', 'Davis & Goadrich, ICML 2006'), ('chawla-2002', 'Chawla et al. 2002')]
    >>> cited_works("(prior correction: King & Zeng 2001; Elkan 2001)")
    [('king-2001', 'King & Zeng 2001'), ('elkan-2001', 'Elkan 2001')]
    """
    flat = " ".join(text.split())
    found = [(work_key(m["first"], m["year"]), m[0]) for m in SEVERAL_AUTHORS.finditer(flat)]
    found += [
        (work_key(m["first"], m["year"]), m[0].strip("(; "))
        for m in ONE_AUTHOR.finditer(flat)
        if m["first"] not in MONTHS
    ]
    found += [(pull_request_key(m["project"], m["kind"], m["number"]), m[0])
              for m in PULL_REQUEST.finditer(flat)]
    found += [(f"doi:{m[0].rstrip('.,;:').lower()}", m[0]) for m in DOI.finditer(flat)]
    found += [(f"arxiv:{m['id']}", m[0]) for m in ARXIV.finditer(flat)]
    return found


def web_pages(text: str) -> list[str]:
    """The web pages ``text`` links to, other than Colab, Binder, DOIs and arXiv."""
    return [
        target for target in link_targets(text)
        if target.startswith(("http://", "https://"))
        and not NOT_CITATIONS.match(target) and not DOI.search(target) and not ARXIV.search(target)
    ]


def find_citations(pages: dict[str, list[Section]]) -> list[Citation]:
    """Every citation in the sections of each page ({page path: sections})."""
    return [
        Citation(key, written, page, section)
        for page, sections in pages.items()
        for section in sections
        for key, written in cited_works(section.text) + [(u, u) for u in web_pages(section.text)]
    ]


def load_works(path: Path) -> dict[str, dict]:
    """The works of website/references.toml, by key."""
    works = tomllib.loads(path.read_text())["work"]
    missing = [work for work in works if not {"key", "cited_as", "reference"} <= work.keys()]
    if missing:
        raise CitationError(f"{path}: every [[work]] needs key, cited_as and reference: {missing}")
    return {work["key"]: work for work in works}


def identifier_keys(work: dict) -> set[str]:
    """The DOI and arXiv keys a work's link carries (``doi:10...``, ``arxiv:2404.19494``)."""
    keys = (key for key, _written in cited_works(work.get("link", "")))
    return {key for key in keys if key.startswith(("doi:", "arxiv:"))}


def works_cited(citations: list[Citation], works: dict[str, dict]) -> dict[str, list[Citation]]:
    """{work key: its citations}; raises CitationError on a citation no work matches, or on a
    work nothing cites."""
    by_identifier = {ident: key for key, work in works.items() for ident in identifier_keys(work)}
    cited: dict[str, list[Citation]] = defaultdict(list)
    unknown = []
    for citation in citations:
        if citation.key.startswith("http"):
            continue
        key = by_identifier.get(citation.key, citation.key)
        if key in works:
            cited[key].append(citation)
        else:
            unknown.append(citation)
    problems = [
        f"{c.page} ({c.section.title or 'title cell'}) cites {c.written!r}: add a [[work]] with "
        + (f'a link that contains {c.key[c.key.index(":") + 1:]!r}' if ":" in c.key
           else f'key = "{c.key}"')
        for c in unknown
    ]
    problems += [f'no notebook cites the [[work]] with key = "{key}" any more: remove it'
                 for key in works if key not in cited]
    if problems:
        raise CitationError("website/references.toml:\n- " + "\n- ".join(problems))
    return dict(cited)


def where(citations: list[Citation], titles: dict[str, str]) -> str:
    """Markdown links to the sections that hold ``citations``, each once, in course order."""
    seen = dict.fromkeys((c.page, c.section.anchor, c.section.title) for c in citations)
    return "; ".join(
        f"[{titles[page]} › {title or 'introduction'}]({page}{'#' + anchor if anchor else ''})"
        for page, anchor, title in seen
    )


def references_page(intro: str, pages: dict[str, list[Section]], titles: dict[str, str],
                    works_file: Path) -> str:
    """The references page: ``intro``, the cited works, then the other pages linked to.

    ``pages`` maps a notebook's path on the site to its sections, ``titles`` to its short title.
    """
    citations = find_citations(pages)
    works = load_works(works_file)
    cited = works_cited(citations, works)
    lines = [intro.rstrip(), "", "## Works cited", ""]
    for key in sorted(works):
        work = works[key]
        link = f" [{work['link']}]({work['link']})" if work.get("link") else ""
        lines += [f"(ref-{key})=", f"**{work['cited_as']}.** {work['reference']}{link}  ",
                  f"Cited in {where(cited[key], titles)}.", ""]
    links: dict[str, list[Citation]] = defaultdict(list)
    for citation in citations:
        if citation.key.startswith("http"):
            links[citation.key].append(citation)
    if links:
        lines += ["## Documentation and other pages", ""]
        lines += [f"- <{url}>: {where(found, titles)}" for url, found in sorted(links.items())]
    return "\n".join(lines) + "\n"
