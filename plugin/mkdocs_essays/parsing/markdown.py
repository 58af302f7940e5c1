"""The structure of a Markdown body as Python-Markdown renders it (what MkDocs shows): its
headings, the ids attribute lists give, its code blocks, and its fences never closed. One
scanner, used by the pattern cards and by Hugo references; no MkDocs import.

The rules are Python-Markdown's, not CommonMark's:

- a line starting with ``#`` is a heading wherever it is in a paragraph (``#hashtag`` too), its
  closing ``#``s dropped; ``Text`` over ``---``/``===`` is a setext heading when ``Text`` opens
  a block;
- lines inside fenced code (`````` ``` `````` or ``~~~``, closed by the same fence: same
  character, same length, as fenced_code and superfences read it), indented code, HTML
  comments and raw HTML blocks are not headings; ``> ## x`` is a heading inside a blockquote
  (it takes an id but starts no card); a fence that is never closed is no fence (Python-Markdown
  shows it as text, and the headings after it as headings);
- with ``md_in_html``, a block like ``<div markdown>`` is Markdown: its headings take ids but
  are nested (no card); without it, like every raw HTML block, it hides them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from markdown.blockprocessors import HashHeaderProcessor
from markdown.extensions.attr_list import get_attrs_and_remainder

__all__ = [
    "Heading",
    "Structure",
    "drop_footnote_refs",
    "explicit_id",
    "header_attrs",
    "scan",
    "split_lines",
]

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
# applied by :func:`header_attrs`; this is where its list may start after the ``{``.
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
class Heading:
    """A heading as Python-Markdown parses it."""

    level: int
    source: str
    """Its Markdown: the text of an ATX heading (closing ``#``s removed) or the first line of
    a setext heading, attribute list included (``Title {#id}``)."""
    line: int
    """1-based line in the Markdown body."""
    nested: bool = False
    """Inside a blockquote or a Markdown HTML block: it takes an id on the page, but it never
    starts a card."""
    explicit_id: str | None = None
    """The id an attribute list gives it (``{#id}``), if any."""


@dataclass
class Structure:
    """What :func:`scan` found in a Markdown body."""

    lines: list[str]
    """The body's lines (line breaks of any kind)."""
    headings: list[Heading] = field(default_factory=list)
    """Every heading, in order."""
    block_ids: set[str] = field(default_factory=set)
    """The ids attribute lists give to other blocks (``{: #id }`` on a paragraph's last line)."""
    unclosed: list[int] = field(default_factory=list)
    """1-based lines of code fences that are never closed (the page shows them as text)."""
    code: list[tuple[int, int]] = field(default_factory=list)
    """The code blocks, fenced and indented: ``(first, last)`` 0-based lines, in order."""


def split_lines(markdown: str) -> list[str]:
    return markdown.replace("\r\n", "\n").replace("\r", "\n").split("\n")


# -- attribute lists -------------------------------------------------------------------------


def header_attrs(source: str) -> tuple[int, str] | None:
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


def explicit_id(source: str) -> tuple[str, str | None]:
    """``attr_list`` on a heading: ``("Title", "id")`` for ``Title {#id}``, else
    ``(source, None)``. Like ``attr_list``, an unparsable list is left as text."""
    found = header_attrs(source)
    if not found:
        return source, None
    start, listed = found
    attrs, remainder = get_attrs_and_remainder(listed)
    if remainder:
        return source, None
    text = source[:start].rstrip("#").rstrip()
    ids = [value for key, value in attrs if key in ("#", "id") and value]
    return text, (ids[-1] if ids else None)


def _block_attr_ids(line: str) -> list[str]:
    found = _LINE_ATTRS.match(line)
    if not found:
        return []
    attrs, remainder = get_attrs_and_remainder(found.group(1))
    if remainder:
        return []
    return [value for key, value in attrs if key in ("#", "id") and value]


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


# -- the scanner -----------------------------------------------------------------------------


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


class _Scanner:
    """One pass over the lines, in the state Python-Markdown's block parser would be in: in a
    fence, an HTML comment, a raw HTML block, an indented code block, or among blocks of text
    (where a line may open one of these, be a heading, or go on a paragraph)."""

    def __init__(self, markdown: str, *, attr_list: bool, md_in_html: bool) -> None:
        self.attr_list = attr_list
        self.md_in_html = md_in_html
        self.found = Structure(split_lines(markdown))
        self.closers = _closers(self.found.lines)
        self.fence: tuple[str, int, int] | None = None  # char, length, first line
        self.in_comment = False
        self.html: tuple[str, int] | None = None  # a raw HTML block: skipped
        self.wrapper: tuple[str, int] | None = None  # an HTML block of Markdown (md_in_html)
        self.block_start = True
        self.candidate: int | None = None  # a line that opens a block: setext heading text?
        self.container = False  # in a list item or a footnote: its code blocks are indented 8
        self.indented: tuple[int, int, int] | None = None  # indented code: indent, first, last

    def scan(self) -> Structure:
        for index, raw in enumerate(self.found.lines):
            line = raw.expandtabs(4)
            if not self._inside(index, line):
                self._block_line(index, line)
        self._end_indented()
        return self.found

    # -- lines inside a block that runs to a closing line

    def _inside(self, index: int, line: str) -> bool:
        """Whether the line belongs to a fence, comment or raw HTML block opened before it."""
        if self.fence is not None:
            char, length, first = self.fence
            closing = line.strip()
            if closing and set(closing) == {char} and len(closing) == length:
                self.fence = None
                self.block_start = True
                self.found.code.append((first, index))
            return True
        if self.in_comment:
            if "-->" in line:
                self.in_comment = False
                self.block_start = True
            return True
        if self.html is not None:
            tag, depth = self.html
            depth += _depth(tag, line)
            self.html = (tag, depth) if depth > 0 else None
            if self.html is None:
                self.block_start = True
            return True
        return False

    # -- a line among blocks

    def _block_line(self, index: int, line: str) -> None:
        if not line.strip():
            self.block_start = True
            self.candidate = None
            return
        if self._code_line(index, line) or self._opens_fence(index, line):
            return
        if self._opens_comment(line) or self._ends_wrapper(line) or self._opens_html(line):
            return
        if self._heading(index, line):
            return
        self._text_line(index, line)

    def _code_line(self, index: int, line: str) -> bool:
        """A line of an indented code block (after a blank line, indented by 4, or by 8 in a
        list item or a footnote): code, a fence in it included."""
        width = len(line) - len(line.lstrip(" "))
        if self.indented is not None:
            if width >= self.indented[0]:
                self.indented = (self.indented[0], self.indented[1], index)
                return True
            self._end_indented()
            self.block_start = True
        if _CONTAINER.match(line):
            self.container = True
        elif self.block_start and not width:
            self.container = False
        if self.block_start and width >= (8 if self.container else 4):
            self.indented = (8 if self.container else 4, index, index)
            self.candidate = None
            return True
        return False

    def _end_indented(self) -> None:
        if self.indented is not None:
            self.found.code.append(self.indented[1:])
            self.indented = None

    def _opens_fence(self, index: int, line: str) -> bool:
        opened = _FENCE.match(line)
        if not opened:
            return False
        fence = opened.group("fence")
        if self.closers.get(fence, -1) > index:
            self.fence = (fence[0], len(fence), index)
            self.candidate = None
            return True
        self.found.unclosed.append(index + 1)  # never closed: the line is text
        return False

    def _opens_comment(self, line: str) -> bool:
        if not (self.block_start and line.startswith("<!--")):
            return False
        if "-->" not in line[4:]:
            self.in_comment = True
        self.candidate = None
        return True

    def _ends_wrapper(self, line: str) -> bool:
        if self.wrapper is None:
            return False
        tag, depth = self.wrapper
        depth += _depth(tag, line)
        self.wrapper = (tag, depth) if depth > 0 else None
        if self.wrapper is None:
            self.block_start, self.candidate = True, None
            return True
        return False

    def _opens_html(self, line: str) -> bool:
        """A raw HTML block (skipped), or with ``md_in_html`` one holding Markdown."""
        opening = _HTML_OPEN.match(line) if self.block_start else None
        name = opening.group("tag").lower() if opening else ""
        if not opening or name not in _BLOCK_TAGS:
            return False
        depth = 0 if name in _VOID_TAGS else _depth(name, line)
        if self.md_in_html and _MARKDOWN_ATTR.search(opening.group("attrs")):
            if depth > 0 and self.wrapper is None:
                self.wrapper = (name, depth)
        elif depth > 0:
            self.html = (name, depth)
        self.candidate = None
        self.block_start = self.html is None
        return True

    def _heading(self, index: int, line: str) -> bool:
        """An ATX heading, or the underline of a setext heading."""
        hashed = _HASH.match(line) if line.startswith("#") else None
        if hashed:
            self._add(len(hashed.group("level")), hashed.group("header").strip(), index)
        elif self.candidate is not None and _SETEXT_UNDERLINE.match(line):
            level = 1 if line.startswith("=") else 2
            text = self.found.lines[self.candidate].expandtabs(4).strip()
            self._add(level, text, self.candidate)
        else:
            return False
        self.block_start = True
        self.candidate = None
        return True

    def _text_line(self, index: int, line: str) -> None:
        """A line of a paragraph or a blockquote (``> ## x`` is a nested heading)."""
        quoted = _quote_end(line)
        if quoted:
            inner = line[quoted:]
            nested = _HASH.match(inner) if inner.startswith("#") else None
            if nested:
                self._add(
                    len(nested.group("level")), nested.group("header").strip(), index, nested=True
                )
        if self.attr_list and not self.block_start:
            self.found.block_ids.update(_block_attr_ids(line))
        self.candidate = index if self.block_start and not line.startswith("    ") else None
        self.block_start = False

    def _add(self, level: int, source: str, index: int, *, nested: bool = False) -> None:
        given = explicit_id(source)[1] if self.attr_list else None
        nested = nested or self.wrapper is not None
        self.found.headings.append(
            Heading(level, source, index + 1, nested=nested, explicit_id=given)
        )


def scan(markdown: str, *, attr_list: bool = True, md_in_html: bool = False) -> Structure:
    """The structure of a Markdown body (see the module's docstring): its headings in order,
    the ids attribute lists give to other blocks, its code blocks and its unclosed fences."""
    return _Scanner(markdown, attr_list=attr_list, md_in_html=md_in_html).scan()
