"""What Hugo's content rules need to know about Markdown source, without rendering it.

Where code is (fenced and indented blocks, code spans, ``<pre>``), so shortcodes and links
inside code stay untouched; the ids of a page's headings (for ``ref "x.md#id"``: the headings
come from the one Markdown scanner, :mod:`mkdocs_essays.parsing.markdown`); Hugo's
``<!--more-->`` divider written inside a heading. No MkDocs import.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Callable

from ..model.text import markdown_inline_to_text
from ..parsing.ids import Namer, assign_ids
from ..parsing.markdown import explicit_id, scan

__all__ = [
    "CodeMap",
    "heading_ids",
    "hugo_anchor",
    "line_starts",
    "may_have_root_links",
    "more_out_of_headings",
    "rewrite_root_links",
]

_PRE_OPEN = re.compile(r"<pre\b", re.IGNORECASE)
_PRE_CLOSE = re.compile(r"</pre\s*>", re.IGNORECASE)
_BACKTICKS = re.compile(r"`+")
_PARAGRAPH_END = re.compile(r"(?=\n\n)")


def _pre_elements(text: str) -> list[tuple[int, int]]:
    """Each ``<pre`` to the first ``</pre>`` after it, as ``<pre\\b.*?</pre\\s*>`` found them,
    in one pass: an opener with no closer after it means no later opener has one either."""
    closers = [(m.start(), m.end()) for m in _PRE_CLOSE.finditer(text)]
    closer_starts = [start for start, _ in closers]
    out: list[tuple[int, int]] = []
    position = 0
    for opener in _PRE_OPEN.finditer(text):
        if opener.start() < position:
            continue
        at = bisect_left(closer_starts, opener.end())
        if at == len(closers):
            break
        out.append((opener.start(), closers[at][1]))
        position = closers[at][1]
    return out


def line_starts(text: str) -> list[int]:
    """Offset of the first character of every line."""
    starts = [0]
    starts.extend(m.end() for m in re.finditer("\n", text))
    return starts


class CodeMap:
    """The code of a Markdown text as sorted, disjoint ``(start, end)`` offset ranges.

    Code blocks as the rendered page has them (the one Markdown scanner: a fence is closed by
    the same fence, and one never closed is no code; indented code after a blank line, by 8
    in a list item), ``<pre>`` elements and code spans.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        blocks = self._blocks(text)
        spans = self._spans(text, blocks)
        self.ranges = sorted(blocks + spans)
        self._starts = [start for start, _ in self.ranges]

    def inside(self, offset: int) -> bool:
        at = bisect_right(self._starts, offset) - 1
        return at >= 0 and self.ranges[at][0] <= offset < self.ranges[at][1]

    @staticmethod
    def _blocks(text: str) -> list[tuple[int, int]]:
        """The code blocks the one Markdown scanner finds (fenced and indented, as
        Python-Markdown reads them, in Markdown HTML blocks too), then the ``<pre>`` elements
        outside them."""
        # (a lone carriage return is no line break here: lines are counted by "\n")
        structure = scan(text.replace("\r", " "), md_in_html=True)
        starts = line_starts(text)
        ranges = [
            (starts[first], starts[last + 1] if last + 1 < len(starts) else len(text))
            for first, last in structure.code
        ]
        block_starts = [s for s, _ in ranges]
        blocks = list(ranges)
        for start, stop in _pre_elements(text):
            at = bisect_right(block_starts, start) - 1
            if not (at >= 0 and blocks[at][0] <= start < blocks[at][1]):
                ranges.append((start, stop))
        return sorted(ranges)

    @staticmethod
    def _spans(text: str, blocks: list[tuple[int, int]]) -> list[tuple[int, int]]:
        spans: list[tuple[int, int]] = []
        block_starts = [s for s, _ in blocks]

        def in_block(offset: int) -> tuple[int, int] | None:
            at = bisect_right(block_starts, offset) - 1
            if at >= 0 and blocks[at][0] <= offset < blocks[at][1]:
                return blocks[at]
            return None

        # One pass (CommonMark's rule): each run of backticks is closed by the next run of the
        # same length in its paragraph. Every search starts after a character that is not a
        # backtick (a block, a run or a line ends there), so the runs are the maximal ones.
        runs = [(m.start(), m.end()) for m in _BACKTICKS.finditer(text)]
        next_same: list[int | None] = [None] * len(runs)
        last_of_width: dict[int, int] = {}
        for index in range(len(runs) - 1, -1, -1):
            width = runs[index][1] - runs[index][0]
            next_same[index] = last_of_width.get(width)
            last_of_width[width] = index
        paragraph_ends = [m.start() for m in _PARAGRAPH_END.finditer(text)]
        index = 0
        while index < len(runs):
            start, end = runs[index]
            block = in_block(start)
            if block is not None:
                while index < len(runs) and runs[index][0] < block[1]:
                    index += 1
                continue
            if start > 0 and text[start - 1] == "\\":
                index += 1
                continue
            at = bisect_left(paragraph_ends, end)
            limit = len(text) if at == len(paragraph_ends) else paragraph_ends[at]
            closing = next_same[index]
            if closing is None or runs[closing][0] >= limit:
                index += 1
                continue
            spans.append((start, runs[closing][1]))
            index = closing + 1
        return spans


# -- headings ------------------------------------------------------------------------------


def hugo_anchor(text: str) -> str:
    """Hugo's default heading id (``autoHeadingIDType = "github"``).

    Lower case; letters, digits, marks, ``_`` and ``-`` are kept; white space becomes ``-``;
    everything else is dropped.
    """
    out: list[str] = []
    for char in text.strip().lower():
        if char.isspace():
            out.append("-")
        elif char in "_-" or char.isalnum() or unicodedata.category(char).startswith("M"):
            out.append(char)
    return "".join(out)


def heading_ids(text: str, namer: Namer) -> dict[str, str]:
    """Every id a link may use for a heading of ``text`` -> the id MkDocs gives that heading.

    The headings are the rendered page's (the one Markdown scanner), named as the pattern
    cards name them (``namer``: the site's ``toc`` slugify on the text the page shows, ``_1``
    for repeats, explicit ids kept); MkDocs' ids map to themselves. Hugo's ids (``-1`` for
    repeats) map to MkDocs' id of the same heading, so a link written for Hugo still lands
    on the heading.
    """
    structure = scan(
        text,
        attr_list=getattr(namer, "attr_list", True),
        md_in_html=getattr(namer, "md_in_html", False),
    )
    named = assign_ids(structure.headings, namer, used=structure.block_ids)
    ids: dict[str, str] = {}
    seen_hugo: dict[str, int] = {}
    for heading, (_, mkdocs_id) in zip(structure.headings, named, strict=True):
        ids.setdefault(mkdocs_id, mkdocs_id)
        if heading.explicit_id:
            continue
        hugo = hugo_anchor(markdown_inline_to_text(explicit_id(heading.source)[0]))
        if hugo in seen_hugo:
            seen_hugo[hugo] += 1
            hugo = f"{hugo}-{seen_hugo[hugo]}"
        else:
            seen_hugo[hugo] = 0
        ids.setdefault(hugo, mkdocs_id)
    return ids


# -- <!--more--> ---------------------------------------------------------------------------

_MORE_HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]+(<!--\s*more\s*-->)", re.MULTILINE)
"""A heading's start and the divider; the rest of its line must be ``[ \\t]*#*[ \\t]*``
(checked apart: as one regex, the three runs split a run of spaces in every way)."""


def _more_headings(text: str) -> list[tuple[int, int, str]]:
    """(start, end, divider) of each line that is a heading holding only ``<!--more-->``."""
    out: list[tuple[int, int, str]] = []
    for found in _MORE_HEADING.finditer(text):
        line_end = text.find("\n", found.end())
        end = len(text) if line_end < 0 else line_end
        if not text[found.end() : end].lstrip(" \t").lstrip("#").lstrip(" \t"):
            out.append((found.start(), end, found.group(1)))
    return out


def more_out_of_headings(text: str) -> str:
    """``## <!--more-->`` (a heading holding only the divider) becomes the divider alone.

    Hugo renders such a line as an empty heading, which shows as a blank entry in the table of
    contents; the divider is what the writer meant.
    """
    if "<!--" not in text:
        return text
    found = _more_headings(text)
    if not found:
        return text
    code = CodeMap(text)
    pieces: list[str] = []
    at = 0
    for start, end, divider in found:
        if not code.inside(start):
            pieces += [text[at:start], divider]
            at = end
    pieces.append(text[at:])
    return "".join(pieces)


# -- links from the site's root ------------------------------------------------------------

_LINK_DESTINATIONS = re.compile(
    r"(?P<md>\]\(\s*<?)(?P<mdpath>/(?!/)[^)\s>]*)"  # [text](/path "title")
    r"|(?P<def>^ {0,3}\[[^\]\n]+\]:[ \t]*<?)(?P<defpath>/(?!/)[^\s>]*)"  # [id]: /path
    r"|(?P<attr>\b(?:href|src)\s*=\s*[\"'])(?P<attrpath>/(?!/)[^\"'\s]*)",  # href="/path"
    re.MULTILINE | re.IGNORECASE,
)


_ANY_ROOT_LINK = re.compile(r"\]\(\s*<?/[^/]|\]:[ \t]*<?/[^/]|=\s*[\"']/[^/]")


def may_have_root_links(text: str) -> bool:
    """Whether a link from the site's root may be in ``text`` (if not,
    :func:`rewrite_root_links` changes nothing)."""
    return _ANY_ROOT_LINK.search(text) is not None


def rewrite_root_links(text: str, resolve: Callable[[str, bool], str | None]) -> str:
    """Give every link written from the site's root (``/posts/x/``) the result of ``resolve``.

    ``resolve(path, html)`` gets the path (with its ``#fragment``) and whether it sits in an
    HTML attribute (else in Markdown); it returns the new destination, or None to keep the
    link as written. Links inside code are left alone.
    """
    if not may_have_root_links(text):
        return text
    code: CodeMap | None = None

    def replace(found: re.Match[str]) -> str:
        nonlocal code
        if code is None:
            code = CodeMap(text)
        if code.inside(found.start()):
            return found.group(0)
        for lead, path, html in (("md", "mdpath", False), ("def", "defpath", False)):
            if found.group(lead) is not None:
                new = resolve(found.group(path), html)
                return found.group(0) if new is None else found.group(lead) + new
        new = resolve(found.group("attrpath"), True)
        return found.group(0) if new is None else found.group("attr") + new

    return _LINK_DESTINATIONS.sub(replace, text)
