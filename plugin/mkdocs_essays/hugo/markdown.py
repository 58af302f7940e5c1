"""What Hugo's content rules need to know about Markdown source, without rendering it.

Where code is (fenced and indented blocks, code spans, ``<pre>``), so shortcodes and links
inside code stay untouched; the headings of a page and their ids (for ``ref "x.md#id"``);
Hugo's ``<!--more-->`` divider written inside a heading. No MkDocs import.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass

from ..model.text import markdown_inline_to_text

__all__ = [
    "CodeMap",
    "Heading",
    "heading_ids",
    "headings",
    "hugo_anchor",
    "line_starts",
    "more_out_of_headings",
    "rewrite_root_links",
]

_FENCE = re.compile(r"^([ \t]*)(`{3,}|~{3,})(.*)$")
_LIST_ITEM = re.compile(r"^[ \t]{0,3}(?:[-+*]|\d{1,9}[.)])(?:[ \t]|$)")
_PRE = re.compile(r"<pre\b.*?</pre\s*>", re.IGNORECASE | re.DOTALL)
_BACKTICKS = re.compile(r"`+")


def line_starts(text: str) -> list[int]:
    """Offset of the first character of every line."""
    starts = [0]
    starts.extend(m.end() for m in re.finditer("\n", text))
    return starts


def _indent_width(line: str) -> int:
    width = 0
    for char in line:
        if char == " ":
            width += 1
        elif char == "\t":
            width += 4 - width % 4
        else:
            break
    return width


class CodeMap:
    """The code of a Markdown text as sorted, disjoint ``(start, end)`` offset ranges.

    Fenced blocks (``` and ~~~, closed by a fence at least as long, or running to the end),
    indented code blocks (after a blank line, outside lists), ``<pre>`` elements and code spans.
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

    def end_of(self, offset: int) -> int:
        """The end of the code range holding ``offset`` (``offset`` itself when outside code)."""
        at = bisect_right(self._starts, offset) - 1
        if at >= 0 and self.ranges[at][0] <= offset < self.ranges[at][1]:
            return self.ranges[at][1]
        return offset

    @staticmethod
    def _blocks(text: str) -> list[tuple[int, int]]:
        ranges: list[tuple[int, int]] = []
        lines = text.split("\n")
        offset = 0
        fence: tuple[str, int, int] | None = None  # (char, length, start offset)
        indented_start: int | None = None
        previous_blank = True
        in_list = False
        for line in lines:
            end = offset + len(line) + 1
            if fence is not None:
                found = _FENCE.match(line)
                if (
                    found
                    and found.group(2)[0] == fence[0]
                    and len(found.group(2)) >= fence[1]
                    and not found.group(3).strip()
                ):
                    ranges.append((fence[2], min(end, len(text))))
                    fence = None
                offset = end
                continue
            blank = not line.strip()
            width = _indent_width(line)
            if indented_start is not None:
                if blank or width >= 4:
                    offset = end
                    continue
                ranges.append((indented_start, offset))
                indented_start = None
            found = _FENCE.match(line)
            if found and not (found.group(2)[0] == "`" and "`" in found.group(3)):
                fence = (found.group(2)[0], len(found.group(2)), offset)
            elif width >= 4 and previous_blank and not in_list and not blank:
                indented_start = offset
            elif not blank and width < 4:
                if _LIST_ITEM.match(line):
                    in_list = True
                elif previous_blank and width == 0:
                    in_list = False
            previous_blank = blank
            offset = end
        if fence is not None:
            ranges.append((fence[2], len(text)))
        if indented_start is not None:
            ranges.append((indented_start, len(text)))
        # <pre> elements outside the blocks found so far
        for found in _PRE.finditer(text):
            if not any(s <= found.start() < e for s, e in ranges):
                ranges.append((found.start(), found.end()))
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

        position = 0
        while True:
            opening = _BACKTICKS.search(text, position)
            if opening is None:
                break
            block = in_block(opening.start())
            if block is not None:
                position = block[1]
                continue
            if opening.start() > 0 and text[opening.start() - 1] == "\\":
                position = opening.end()
                continue
            width = len(opening.group())
            paragraph_end = text.find("\n\n", opening.end())
            limit = len(text) if paragraph_end == -1 else paragraph_end
            closing = None
            for candidate in _BACKTICKS.finditer(text, opening.end(), limit):
                if len(candidate.group()) == width:
                    closing = candidate
                    break
            if closing is None:
                position = opening.end()
                continue
            spans.append((opening.start(), closing.end()))
            position = closing.end()
        return spans


# -- headings ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    """Plain text of the heading."""
    line: int
    """1-based line in the text."""
    explicit_id: str | None = None
    """An id written with ``{#id}``."""


_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_ATTRS = re.compile(r"[ \t]*\{:?([^}]*)\}[ \t]*$")
_ID_ATTR = re.compile(r"(?:^|\s)#([\w\-:.]+)")


def _split_attrs(text: str) -> tuple[str, str | None]:
    found = _ATTRS.search(text)
    if not found:
        return text, None
    ident = _ID_ATTR.search(found.group(1))
    return text[: found.start()], ident.group(1) if ident else None


def headings(text: str) -> list[Heading]:
    """The ATX and setext headings of a Markdown text, outside code."""
    code = CodeMap(text)
    out: list[Heading] = []
    lines = text.split("\n")
    offsets = line_starts(text)
    previous = ""
    for number, line in enumerate(lines):
        if code.inside(offsets[number]):
            previous = ""
            continue
        atx = _ATX.match(line)
        if atx:
            raw, ident = _split_attrs(atx.group(2) or "")
            out.append(Heading(len(atx.group(1)), markdown_inline_to_text(raw), number + 1, ident))
            previous = ""
            continue
        setext = _SETEXT.match(line)
        if setext and previous.strip() and not _LIST_ITEM.match(previous):
            raw, ident = _split_attrs(previous.strip())
            level = 1 if setext.group(1)[0] == "=" else 2
            out.append(Heading(level, markdown_inline_to_text(raw), number, ident))
            previous = ""
            continue
        previous = line
    return out


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


def heading_ids(
    text: str, slugify: Callable[[str, str], str], separator: str = "-"
) -> dict[str, str]:
    """Every id a link may use for a heading of ``text`` -> the id MkDocs gives that heading.

    MkDocs' ids (``slugify`` from the ``toc`` extension, ``_1`` for repeats) map to themselves;
    Hugo's ids (``-1`` for repeats) map to MkDocs' id of the same heading, so a link written
    for Hugo still lands on the heading.
    """
    ids: dict[str, str] = {}
    seen_mkdocs: set[str] = set()
    seen_hugo: dict[str, int] = {}
    for heading in headings(text):
        if heading.explicit_id:
            mkdocs_id = heading.explicit_id
        else:
            base = slugify(heading.text, separator)
            mkdocs_id = base
            count = 0
            while mkdocs_id in seen_mkdocs:
                count += 1
                mkdocs_id = f"{base}_{count}"
        seen_mkdocs.add(mkdocs_id)
        ids.setdefault(mkdocs_id, mkdocs_id)
        if heading.explicit_id:
            continue
        hugo = hugo_anchor(heading.text)
        if hugo in seen_hugo:
            seen_hugo[hugo] += 1
            hugo = f"{hugo}-{seen_hugo[hugo]}"
        else:
            seen_hugo[hugo] = 0
        ids.setdefault(hugo, mkdocs_id)
    return ids


# -- <!--more--> ---------------------------------------------------------------------------

_MORE_HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]+(<!--\s*more\s*-->)[ \t]*#*[ \t]*$", re.MULTILINE)


def more_out_of_headings(text: str) -> str:
    """``## <!--more-->`` (a heading holding only the divider) becomes the divider alone.

    Hugo renders such a line as an empty heading, which shows as a blank entry in the table of
    contents; the divider is what the writer meant.
    """
    if "<!--" not in text or not _MORE_HEADING.search(text):
        return text
    code = CodeMap(text)

    def replace(found: re.Match[str]) -> str:
        if code.inside(found.start()):
            return found.group(0)
        return found.group(1)

    return _MORE_HEADING.sub(replace, text)


# -- links from the site's root ------------------------------------------------------------

_LINK_DESTINATIONS = re.compile(
    r"(?P<md>\]\(\s*<?)(?P<mdpath>/(?!/)[^)\s>]*)"  # [text](/path "title")
    r"|(?P<def>^ {0,3}\[[^\]\n]+\]:[ \t]*<?)(?P<defpath>/(?!/)[^\s>]*)"  # [id]: /path
    r"|(?P<attr>\b(?:href|src)\s*=\s*[\"'])(?P<attrpath>/(?!/)[^\"'\s]*)",  # href="/path"
    re.MULTILINE | re.IGNORECASE,
)


_ANY_ROOT_LINK = re.compile(r"\]\(\s*<?/[^/]|\]:[ \t]*<?/[^/]|=\s*[\"']/[^/]")


def rewrite_root_links(text: str, resolve: Callable[[str, bool], str | None]) -> str:
    """Give every link written from the site's root (``/posts/x/``) the result of ``resolve``.

    ``resolve(path, html)`` gets the path (with its ``#fragment``) and whether it sits in an
    HTML attribute (else in Markdown); it returns the new destination, or None to keep the
    link as written. Links inside code are left alone.
    """
    if not _ANY_ROOT_LINK.search(text):
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
