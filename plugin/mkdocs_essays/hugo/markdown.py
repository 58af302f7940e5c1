"""What Hugo's content rules need to know about Markdown source, without rendering it.

Where code is (fenced and indented blocks, code spans, ``<pre>``), so shortcodes and links
inside code stay untouched; the headings of a page and their ids (for ``ref "x.md#id"``);
Hugo's ``<!--more-->`` divider written inside a heading. No MkDocs import.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass

from ..cards.extract import _unique as unique_id
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
        # <pre> elements outside the blocks found so far (sorted and disjoint, as found)
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


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    """Plain text of the heading."""
    line: int
    """1-based line in the text."""
    explicit_id: str | None = None
    """An id written with ``{#id}``."""


_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_ID_ATTR = re.compile(r"(?:^|\s)#([\w\-:.]+)")


def _atx(line: str) -> tuple[int, str | None] | None:
    """An ATX heading line's level and text, without its closing ``#``s, in one pass: what
    ``^ {0,3}(#{1,6})(?:[ \\t]+(.*?))?(?:[ \\t]+#+)?[ \\t]*$`` matched."""
    start = len(line) - len(line.lstrip(" ")) if line.startswith(" ") else 0
    if start > 3 or not line.startswith("#", start):
        return None
    after = len(line) - len(line[start:].lstrip("#"))
    level = after - start
    if level > 6:
        return None
    if after == len(line):
        return level, None
    if line[after] not in " \t":
        return None
    rest = line[after:].lstrip(" \t")
    text = rest.rstrip(" \t")
    unclosed = text.rstrip("#")
    if len(unclosed) < len(text) and unclosed[-1:] in (" ", "\t"):
        text = unclosed.rstrip(" \t")
    return level, text


def _split_attrs(text: str) -> tuple[str, str | None]:
    """The text before a trailing ``{: #id .class}`` and the id in it: what
    ``[ \\t]*\\{:?([^}]*)\\}[ \\t]*$`` found, the list opening at the first ``{`` after the
    ``}`` before the last one."""
    end = len(text.rstrip(" \t"))
    if not end or text[end - 1] != "}":
        return text, None
    close = end - 1
    opening = text.find("{", text.rfind("}", 0, close) + 1, close)
    if opening < 0:
        return text, None
    start = len(text[:opening].rstrip(" \t"))
    inner = text[opening + 1 : close]
    ident = _ID_ATTR.search(inner[1:] if inner.startswith(":") else inner)
    return text[:start], ident.group(1) if ident else None


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
        atx = _atx(line)
        if atx:
            raw, ident = _split_attrs(atx[1] or "")
            out.append(Heading(atx[0], markdown_inline_to_text(raw), number + 1, ident))
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
    found = list(headings(text))
    # ``toc`` keeps explicit ids and numbers the others around them (``_1``, ``_2``...; its
    # ``unique`` with counters: 16,000 repeats of a heading tried every number again)
    seen_mkdocs: set[str] = {h.explicit_id for h in found if h.explicit_id}
    counters: dict[str, int] = {}
    seen_hugo: dict[str, int] = {}
    for heading in found:
        if heading.explicit_id:
            mkdocs_id = heading.explicit_id
        else:
            mkdocs_id = unique_id(slugify(heading.text, separator), seen_mkdocs, counters)
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
