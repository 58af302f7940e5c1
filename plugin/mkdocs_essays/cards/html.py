"""A card's HTML, text and links, cut out of its essay's rendered body (no MkDocs import).

Each section's Markdown is rendered once, on the essay page; a card page shows the slice of
that HTML between its heading and the next heading of the same or a higher level. Links in the
slice were written for the essay page, so :func:`rebase` points them from the card's page.
"""

from __future__ import annotations

import html as htmllib
import posixpath
import re
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

from ..model.text import first_words, html_to_text
from ..pages.urls import relative_url
from .model import Link

__all__ = [
    "PageHeading",
    "ids_in",
    "lead_of",
    "links_of",
    "page_headings",
    "rebase",
    "resolve",
    "section_of",
]

_VOID_NAMES = "area base br col embed hr img input link meta param source track wbr"
_VOID = frozenset(_VOID_NAMES.split())
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})


@dataclass(frozen=True)
class PageHeading:
    """A heading at the top level of a page body (not inside a list, admonition, ...)."""

    level: int
    id: str
    text: str
    start: int
    """Offset of ``<hN``."""
    end: int
    """Offset just after ``</hN>``."""


# A tag, a comment, or markup declaration; attribute values may hold ``>`` inside quotes.
_TOKEN = re.compile(
    r"<!--.*?(?:-->|$)"
    r"|<[!?][^>]*>"
    r"""|<(/?)([a-zA-Z][^\s/>]*)((?:[^>"']|"[^"]*"|'[^']*')*)>""",
    re.DOTALL,
)
_ID = re.compile(r"""(?:^|\s)id\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""", re.IGNORECASE)
_RAW_TEXT = frozenset({"script", "style", "textarea", "title"})


def page_headings(body: str) -> list[PageHeading]:
    """Every top-level heading of a rendered body, in order.

    One regular-expression pass over the tags, keeping a stack of open elements as an HTML
    parser does (an end tag closes up to its start tag; a stray one is ignored; void and
    self-closed elements hold nothing; script and style hold text only). A heading is top level
    when nothing is open around it.
    """
    headings: list[PageHeading] = []
    stack: list[str] = []
    opened: tuple[int, str, int] | None = None  # level, id, start
    at = 0
    while True:
        token = _TOKEN.search(body, at)
        if token is None:
            return headings
        at = token.end()
        name = token.group(2)
        if name is None:
            continue  # a comment or declaration
        tag = name.lower()
        attributes = token.group(3)
        if token.group(1):  # an end tag
            if tag not in stack:
                continue
            while stack and stack.pop() != tag:
                pass
            if not stack and opened is not None and tag in _HEADINGS:
                level, ident, start = opened
                opened = None
                inner = body[start:at]
                headings.append(PageHeading(level, ident, html_to_text(inner), start, at))
            continue
        if tag in _VOID:
            continue
        if attributes.rstrip().endswith("/"):
            continue  # <div/>: opened and closed at once
        if tag in _RAW_TEXT:
            close = re.compile(rf"</{tag}\s*>", re.IGNORECASE).search(body, at)
            at = close.end() if close else len(body)
            continue
        if tag in _HEADINGS and not stack:
            found = _ID.search(attributes)
            ident = (
                htmllib.unescape(next((g for g in found.groups() if g is not None), ""))
                if found
                else ""
            )
            opened = (int(tag[1]), ident, token.start())
        stack.append(tag)


def section_of(body: str, headings: list[PageHeading], index: int) -> str:
    """The HTML after ``headings[index]`` up to the next heading of the same or a higher level."""
    heading = headings[index]
    end = len(body)
    for later in headings[index + 1 :]:
        if later.level <= heading.level:
            end = later.start
            break
    return body[heading.end : end].strip()


_ID_ATTR = re.compile(r"""\bid\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_TAG = re.compile(r"<[a-zA-Z][^>]*>")
_URL_ATTR = re.compile(r"""(\s(?:href|src)\s*=\s*)(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)
_ANCHOR = re.compile(r"<a\b([^>]*)>(.*?)</a\s*>", re.IGNORECASE | re.DOTALL)
_HREF = re.compile(r"""\bhref\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)
_CLASS = re.compile(r"""\bclass\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)


def ids_in(fragment: str) -> set[str]:
    """The ids of the elements of an HTML fragment."""
    ids: set[str] = set()
    for tag in _TAG.finditer(fragment):
        for found in _ID_ATTR.finditer(tag.group(0)):
            ids.add(htmllib.unescape(found.group(1) or found.group(2) or ""))
    return ids


def _directory(url: str) -> str:
    if url in ("", ".", "./"):
        return ""
    return url.rstrip("/") if url.endswith("/") else posixpath.dirname(url)


def resolve(url: str, page_url: str) -> str | None:
    """A link written on the page at ``page_url`` as a site-relative URL, or None when it
    leaves the site (another scheme or host, or an absolute path)."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or url.startswith("/"):
        return None
    if not parts.path:
        path = page_url
    else:
        joined = posixpath.join(_directory(page_url), parts.path)
        path = posixpath.normpath(joined)
        if path == ".":
            path = ""
        if path.startswith(".."):
            return None
        if parts.path.endswith("/") and path:
            path += "/"
    return urlunsplit(("", "", path or "./", parts.query, parts.fragment))


def rebase(fragment: str, essay_url: str, card_url: str, *, local_ids: set[str]) -> str:
    """Point the links of a fragment written for ``essay_url`` from ``card_url`` instead.

    ``#x`` stays when ``x`` is inside the fragment, else it goes to ``essay_url#x``.
    """

    def move(url: str) -> str:
        if url.startswith("#"):
            if htmllib.unescape(url[1:]) in local_ids:
                return url
            return relative_url(essay_url, card_url) + url
        target = resolve(url, essay_url)
        if target is None:
            return url
        return relative_url(target, card_url)

    def attribute(found: re.Match[str]) -> str:
        value = found.group(2) if found.group(2) is not None else found.group(3)
        moved = move(htmllib.unescape(value))
        return f'{found.group(1)}"{htmllib.escape(moved)}"'

    return _TAG.sub(lambda tag: _URL_ATTR.sub(attribute, tag.group(0)), fragment)


def links_of(fragment: str, page_url: str, *, local_ids: set[str]) -> tuple[Link, ...]:
    """The outbound links of a fragment written for ``page_url`` (permalinks and links to ids
    inside the fragment are not outbound)."""
    links: list[Link] = []
    seen: set[str] = set()
    for anchor in _ANCHOR.finditer(fragment):
        attrs = anchor.group(1)
        classes = _CLASS.search(attrs)
        if classes and "headerlink" in (classes.group(1) or classes.group(2) or "").split():
            continue
        href = _HREF.search(attrs)
        if href is None:
            continue
        url = htmllib.unescape(href.group(1) if href.group(1) is not None else href.group(2))
        if not url or (url.startswith("#") and url[1:] in local_ids):
            continue
        target = resolve(url, page_url)
        internal = target is not None
        shown = target if target is not None else url
        if shown in seen:
            continue
        seen.add(shown)
        links.append(Link(html_to_text(anchor.group(2)), shown, internal))
    return tuple(links)


_BLOCK = re.compile(
    r"<(p|li|blockquote|dd|dt|td|th|figcaption|h[1-6]|pre)\b[^>]*>(.*?)</\1\s*>",
    re.IGNORECASE | re.DOTALL,
)
_NOT_PROSE = re.compile(r"<(h[1-6]|pre)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_ABBREVIATION_NAMES = "e.g i.e etc vs cf dr mr mrs ms prof st no fig approx al inc ltd jr sr"
_ABBREVIATIONS = frozenset(_ABBREVIATION_NAMES.split())
_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s)|[。！？]+")


def first_sentence(text: str) -> str:
    """The first sentence of a plain text ("e.g." and the like do not end one)."""
    for end in _SENTENCE_END.finditer(text):
        before = text[: end.start()].rsplit(None, 1)
        word = before[-1].lower().rstrip(".") if before else ""
        if end.group(0) == "." and word in _ABBREVIATIONS:
            continue
        if end.group(0) == "." and len(word) == 1 and word.isalpha():
            continue  # an initial: "J. Smith"
        rest = text[end.end() :].lstrip()
        if rest and rest[0].islower():
            continue
        return text[: end.end()].strip()
    return text.strip()


def lead_of(fragment: str, *, limit: int = 40) -> str:
    """The first sentence of a section's first block of prose, at most ``limit`` words."""
    for block in _BLOCK.finditer(fragment):
        name = block.group(1).lower()
        opening = block.group(0)[: block.group(0).find(">") + 1]
        if name == "pre" or name.startswith("h") or "admonition-title" in opening:
            continue
        text = html_to_text(block.group(2))
        if text:
            return first_words(first_sentence(text), limit)
    text = html_to_text(_NOT_PROSE.sub(" ", fragment))  # prose outside blocks, if any
    return first_words(first_sentence(text), limit) if text else ""
