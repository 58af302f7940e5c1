"""Markdown -> card sections, with the ids MkDocs gives their headings (no MkDocs import).

The rules are Python-Markdown's (what MkDocs renders with), not CommonMark's:

- a line starting with ``#`` is a heading wherever it is in a paragraph (``#hashtag`` too), its
  closing ``#``s dropped; ``Text`` over ``---``/``===`` is a setext heading when ``Text`` opens
  a block;
- lines inside fenced code (`````` ``` `````` or ``~~~``, closed by the same fence: same
  character, same length, as fenced_code and superfences read it), HTML comments and raw
  HTML blocks are not headings; ``> ## x`` is a heading inside a blockquote (it takes an id
  but starts no card); a fence that is never closed is no fence (Python-Markdown shows it as
  text, and the headings after it as headings);
- ids are the ``toc`` extension's: ``{#id}`` (``attr_list``) wins; every other heading gets
  ``slugify(text)``, made unique with ``_1``, ``_2``... against every id already used on the
  page, explicit ids included, in document order.

The text a heading is slugified from is what the page shows (``Use `x` *now*`` -> "Use x now").
A *namer* turns a heading's Markdown into that text and its slug: :class:`PlainNamer` reads
inline Markdown itself; the plugin passes one that asks the site's own Markdown (see
:mod:`mkdocs_essays.cards.naming`). The build checks every anchor against the rendered page.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Protocol

from markdown.blockprocessors import HashHeaderProcessor
from markdown.extensions.attr_list import get_attrs_and_remainder
from markdown.extensions.toc import slugify as toc_slugify

from ..model.text import markdown_inline_to_text
from .model import Heading, Section

__all__ = [
    "Namer",
    "PlainNamer",
    "SameId",
    "assign_ids",
    "card_mark",
    "drop_footnote_refs",
    "explicit_id",
    "extract_sections",
    "find_headings",
]

Slugify = Callable[[str, str], str]

_HASH = HashHeaderProcessor.RE
_SETEXT_UNDERLINE = re.compile(r"^(?:=+|-+)[ ]*$")
# A code fence, also right after a list marker or a footnote label (``- ```py``, ``[^1]: ```):
# its closing line is then no opening fence.
_FENCE = re.compile(
    r"^(?P<indent>[ \t]*)(?P<marker>(?:[-*+]|\d{1,9}[.)])[ \t]+|\[\^[^\]\s]+\]:[ \t]*)?"
    r"(?P<fence>`{3,}|~{3,})"
)
# A list item or a footnote opening at the margin: the blocks under it are indented by 4.
_CONTAINER = re.compile(r"^[ ]{0,3}(?:(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)|\[\^[^\]\s]+\]:)")
# attr_list's HEADER_RE (``[ ]+\{\:?[ ]*([^\}\n ][^\n]*)\}[ ]*$``, searched in a heading) is
# applied by :func:`_header_attrs`; this is where its list may start after the ``{``.
_ATTRS_START = re.compile(r"\{\:?[ ]*[^\}\n ]")
# attr_list's BLOCK_RE, applied to one line.
_LINE_ATTRS = re.compile(r"^[ ]*\{\:?[ ]*([^\}\n ][^\n]*)\}[ ]*$")
_HTML_OPEN = re.compile(r"^<(?P<tag>[a-zA-Z][a-zA-Z0-9]*)\b(?P<attrs>[^>]*)>?")
_MARKDOWN_ATTR = re.compile(r"\bmarkdown(?:\s*=\s*[\"']?(?:1|block|span)\b|(?=[\s>/]|$))")
_RUN = re.compile(r"[^\]\s]+")
# Python-Markdown's block-level elements: a raw HTML block opens with one of them.
_BLOCK_NAMES = (
    "address article aside blockquote details div dl fieldset figcaption figure footer form "
    "h1 h2 h3 h4 h5 h6 header hgroup hr main menu nav ol p pre section table ul canvas "
    "colgroup dd body dt group html iframe li legend math map noscript output object option "
    "progress script style summary tbody td textarea tfoot th thead tr video center"
)
_BLOCK_TAGS = frozenset(_BLOCK_NAMES.split())
_VOID_TAGS = frozenset({"hr", "br", "img", "input", "meta", "link", "col", "area", "embed"})


@dataclass(frozen=True)
class SameId:
    """A heading given the ``{#id}`` an earlier heading of the page has (both keep it)."""

    id: str
    first_line: int
    """1-based line of the earlier heading in the Markdown body."""
    first_title: str
    line: int
    title: str


class Namer(Protocol):
    def __call__(self, source: str) -> tuple[str, str]:
        """``(text, id)`` of a heading whose Markdown is ``source`` on a page of its own:
        its text as the page shows it, and the id ``toc`` gives it (before de-duplication)."""
        ...


def _header_attrs(source: str) -> tuple[int, str] | None:
    """Where attr_list's ``HEADER_RE`` match starts in a heading, and its list: the first
    `` {`` (white space before it) whose list runs to a last ``}``. One pass: searched
    with ``re``, that regex rescanned the rest of the heading from every `` {``."""
    text = source.rstrip(" ")
    if not text.endswith("}"):
        return None
    close = len(text) - 1
    at = text.find(" {", 0, close)
    while at >= 0:
        found = _ATTRS_START.match(text, at + 1)
        if found and found.end() <= close:
            return len(text[: at + 1].rstrip(" ")), text[found.end() - 1 : close]
        at = text.find(" {", at + 1, close)
    return None


def drop_footnote_refs(text: str) -> str:
    r"""``text`` without footnote references (``[^1]``): ``re.sub(r"\[\^[^\]\s]+\]", "", text)``
    in one pass over its runs of characters other than ``]`` and white space (the regex
    rescanned a run from every ``[^`` in it)."""
    out: list[str] = []
    done = 0
    for run in _RUN.finditer(text):
        if text[run.end() : run.end() + 1] != "]":
            continue
        opened = text.find("[^", run.start(), run.end())
        if opened < 0 or opened + 2 >= run.end():
            continue
        out.append(text[done:opened])
        done = run.end() + 1
    out.append(text[done:])
    return "".join(out)


def _quote_end(line: str) -> int:
    """Where the ``>`` marks of a blockquote line end (``^(?:[ ]{0,3}>[ ]?)+``), or 0."""
    at = end = 0
    while True:
        spaces = len(line[at : at + 3]) - len(line[at : at + 3].lstrip(" "))
        if line[at + spaces : at + spaces + 1] != ">":
            return end
        at += spaces + 1
        if line[at : at + 1] == " ":
            at += 1
        end = at


def card_mark(source: str) -> str | None:
    """The ``data-card`` attribute an attribute list gives a heading (``Title { data-card }``:
    ``""``; ``{ data-card="false" }``: ``"false"``), or None. Like ``attr_list``, an
    unparsable list is text, and the last value given wins."""
    found = _header_attrs(source)
    if not found:
        return None
    attrs, remainder = get_attrs_and_remainder(found[1])
    if remainder:
        return None
    marks = [value or "" for key, value in attrs if key == "data-card"]
    return marks[-1] if marks else None


def explicit_id(source: str) -> tuple[str, str | None]:
    """``attr_list`` on a heading: ``("Title", "id")`` for ``Title {#id}``, else
    ``(source, None)``. Like ``attr_list``, an unparsable list is left as text."""
    found = _header_attrs(source)
    if not found:
        return source, None
    start, listed = found
    attrs, remainder = get_attrs_and_remainder(listed)
    if remainder:
        return source, None
    text = source[:start].rstrip("#").rstrip()
    ids = [value for key, value in attrs if key in ("#", "id") and value]
    return text, (ids[-1] if ids else None)


@dataclass(frozen=True)
class PlainNamer:
    """Reads inline Markdown with regular expressions: right for everyday headings (plain
    words, ``code``, *emphasis*, [links](...)), and fast."""

    slugify: Slugify = toc_slugify
    separator: str = "-"
    attr_list: bool = True

    def __call__(self, source: str) -> tuple[str, str]:
        text, given = explicit_id(source) if self.attr_list else (source, None)
        name = markdown_inline_to_text(drop_footnote_refs(text))
        if given is not None:
            return name, given
        return name, self.slugify(name, self.separator)


def _block_attr_ids(line: str) -> list[str]:
    found = _LINE_ATTRS.match(line)
    if not found:
        return []
    attrs, remainder = get_attrs_and_remainder(found.group(1))
    if remainder:
        return []
    return [value for key, value in attrs if key in ("#", "id") and value]


def _depth(name: str, line: str) -> int:
    opened = len(re.findall(rf"<{name}\b", line, re.I))
    return opened - len(re.findall(rf"</{name}\s*>", line, re.I))


def _closers(lines: list[str]) -> dict[str, int]:
    """Each fence (```` ``` ````, ``~~~~``...) -> the last line that is that fence alone: a
    fence opened on line ``i`` is closed only if that line comes after ``i``."""
    last: dict[str, int] = {}
    for index, line in enumerate(lines):
        stripped = line.strip()
        if len(stripped) >= 3 and stripped[0] in "`~" and set(stripped) == {stripped[0]}:
            last[stripped] = index
    return last


def find_headings(
    markdown: str,
    *,
    attr_list: bool = True,
    md_in_html: bool = False,
    unclosed: list[int] | None = None,
) -> tuple[list[Heading], set[str]]:
    """Every heading of a Markdown body, in order, and the ids attribute lists give to other
    blocks (``{: #id }`` on a paragraph's last line).

    With ``md_in_html``, a block like ``<div markdown>`` is Markdown: its headings take ids but
    are nested (no card); without it, like every raw HTML block, it hides them. The 1-based
    lines of code fences that are never closed are appended to ``unclosed``."""
    lines = markdown.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    closers = _closers(lines)
    headings: list[Heading] = []
    block_ids: set[str] = set()
    fence: tuple[str, int] | None = None
    in_comment = False
    html: tuple[str, int] | None = None  # a raw HTML block: skipped
    wrapper: tuple[str, int] | None = None  # an HTML block holding Markdown (md_in_html)
    block_start = True
    candidate: int | None = None  # a line that opens a block: setext heading text?
    container = False  # inside a list item or a footnote: its code blocks are indented by 8
    indented: int | None = None  # inside an indented code block: the indent it needs

    def add(level: int, source: str, index: int, *, nested: bool = False) -> None:
        given = explicit_id(source)[1] if attr_list else None
        nested = nested or wrapper is not None
        headings.append(Heading(level, source, index + 1, nested=nested, explicit_id=given))

    for index, raw in enumerate(lines):
        line = raw.expandtabs(4)
        stripped = line.strip()
        if fence is not None:
            closing = stripped.rstrip()
            char, length = fence
            if closing and set(closing) == {char} and len(closing) == length:
                fence = None
                block_start = True
            continue
        if in_comment:
            if "-->" in line:
                in_comment = False
                block_start = True
            continue
        if html is not None:
            tag, depth = html
            depth += _depth(tag, line)
            html = (tag, depth) if depth > 0 else None
            if html is None:
                block_start = True
            continue
        if not stripped:
            block_start = True
            candidate = None
            continue
        width = len(line) - len(line.lstrip(" "))
        if indented is not None:
            if width >= indented:
                continue  # code: a fence in it is text
            indented = None
            block_start = True
        if _CONTAINER.match(line):
            container = True
        elif block_start and not width:
            container = False
        if block_start and width >= (8 if container else 4):
            # An indented code block (after a blank line, indented by 4, or by 8 in a list
            # item or a footnote): its lines are code, a fence among them included.
            indented = 8 if container else 4
            candidate = None
            continue
        opened = _FENCE.match(line)
        if opened:
            char, length = opened.group("fence")[0], len(opened.group("fence"))
            if closers.get(opened.group("fence"), -1) > index:
                fence = (char, length)
                candidate = None
                continue
            if unclosed is not None:
                unclosed.append(index + 1)  # never closed: the line is text
        if block_start and line.startswith("<!--"):
            if "-->" not in line[4:]:
                in_comment = True
            candidate = None
            continue
        if wrapper is not None:
            tag, depth = wrapper
            depth += _depth(tag, line)
            wrapper = (tag, depth) if depth > 0 else None
            if wrapper is None:
                block_start, candidate = True, None
                continue
        if block_start:
            opening = _HTML_OPEN.match(line)
            name = opening.group("tag").lower() if opening else ""
            if opening and name in _BLOCK_TAGS:
                depth = 0 if name in _VOID_TAGS else _depth(name, line)
                if md_in_html and _MARKDOWN_ATTR.search(opening.group("attrs")):
                    if depth > 0 and wrapper is None:
                        wrapper = (name, depth)
                elif depth > 0:
                    html = (name, depth)
                candidate = None
                block_start = html is None
                continue
        hashed = _HASH.match(line) if line.startswith("#") else None
        if hashed:
            add(len(hashed.group("level")), hashed.group("header").strip(), index)
            block_start = True
            candidate = None
            continue
        if candidate is not None and _SETEXT_UNDERLINE.match(line):
            level = 1 if line.startswith("=") else 2
            add(level, lines[candidate].expandtabs(4).strip(), candidate)
            block_start = True
            candidate = None
            continue
        quoted = _quote_end(line)
        if quoted:
            inner = line[quoted:]
            nested = _HASH.match(inner) if inner.startswith("#") else None
            if nested:
                add(len(nested.group("level")), nested.group("header").strip(), index, nested=True)
        if attr_list and not block_start:
            block_ids.update(_block_attr_ids(line))
        candidate = index if block_start and not line.startswith("    ") else None
        block_start = False
    return headings, block_ids


_ID_COUNT = re.compile(r"(.*)_([0-9]+)")


def _unique(id: str, ids: set[str], counters: dict[str, int]) -> str:
    """``toc``'s ``unique``: ``id``, else ``id_1``, ``id_2``... (``x_2`` goes on to ``x_3``),
    the first not in ``ids``, added to them. ``counters`` remembers, per base, the last suffix
    up to which every one is taken, so 2,000 headings with one title are not quadratic (as
    ``counters`` does in Python-Markdown 3.10 and later; same ids)."""
    if id in ids or not id:
        found = _ID_COUNT.fullmatch(id)
        base, count = (found.group(1), int(found.group(2))) if found else (id, 0)
        known = counters.get(base, 0)
        skip = count <= known or id == f"{base}_{known + 1}"
        if skip:
            count = max(count, known)
        count += 1
        while f"{base}_{count}" in ids:
            count += 1
        id = f"{base}_{count}"
        if skip:
            counters[base] = count
    ids.add(id)
    return id


def assign_ids(
    headings: Iterable[Heading], namer: Namer, *, used: Iterable[str] = ()
) -> list[tuple[str, str]]:
    """``(text, id)`` of every heading, de-duplicated as ``toc`` does: explicit ids first
    (they are never changed), then every other heading in order, ``_1``, ``_2``... appended."""
    headings = list(headings)
    taken = set(used) | {h.explicit_id for h in headings if h.explicit_id}
    counters: dict[str, int] = {}
    out: list[tuple[str, str]] = []
    for heading in headings:
        text, slug = namer(heading.source)
        if heading.explicit_id:
            out.append((text, heading.explicit_id))
            continue
        out.append((text, _unique(slug, taken, counters)))
    return out


def extract_sections(
    markdown: str,
    *,
    level: int = 2,
    namer: Namer | None = None,
    attr_list: bool = True,
    md_in_html: bool = False,
    unclosed: list[int] | None = None,
    same_ids: list[SameId] | None = None,
) -> list[Section]:
    """One :class:`Section` for every heading of ``level`` outside blockquotes, HTML blocks
    and code (``unclosed``: see :func:`find_headings`). Every heading (of any level) that
    gives itself the ``{#id}`` an earlier heading has is appended to ``same_ids``."""
    namer = namer or PlainNamer(attr_list=attr_list)
    headings, block_ids = find_headings(
        markdown, attr_list=attr_list, md_in_html=md_in_html, unclosed=unclosed
    )
    named = assign_ids(headings, namer, used=block_ids)
    if same_ids is not None:
        first: dict[str, int] = {}
        for i, heading in enumerate(headings):
            if heading.explicit_id is None:
                continue
            j = first.setdefault(heading.explicit_id, i)
            if j != i:
                earlier = headings[j]
                same_ids.append(
                    SameId(
                        heading.explicit_id, earlier.line, named[j][0], heading.line, named[i][0]
                    )
                )
    lines = markdown.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    sections: list[Section] = []
    top = [(h, n) for h, n in zip(headings, named, strict=True) if not h.nested]
    for i, (heading, (text, anchor)) in enumerate(top):
        if heading.level != level:
            continue
        end = len(lines)
        for later, _ in top[i + 1 :]:
            if later.level <= level:
                end = later.line - 1  # (a setext heading's line is its text line)
                break
        # The body starts after the heading line (and a setext underline).
        start = heading.line
        if not lines[heading.line - 1].lstrip().startswith("#"):
            start += 1
        body = "\n".join(lines[start:end]).strip("\n")
        sections.append(
            Section(
                title=text,
                anchor=anchor,
                level=level,
                line=heading.line,
                markdown=body,
                position=len(sections),
                mark=card_mark(heading.source) if attr_list else None,
            )
        )
    return sections
