"""Hugo shortcode syntax: ``{{< name args >}}`` and ``{{% name args %}}`` read into a tree.

An inner part is closed by ``{{< /name >}}``; ``{{< name />}}`` closes itself; arguments are
positional (``"quoted"``, `` `raw` ``, bare) or named (``key="value"``); calls nest. Escaped
calls (``{{</* name */>}}``) are the literal call. A call inside code (where the one Markdown
scanner says code is: :class:`~mkdocs_essays.hugo.markdown.CodeMap`) is left as written, but a
closing tag there still closes a call opened outside code, as in Hugo. No MkDocs import.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass, field

from ..markdown import CodeMap

__all__ = [
    "LITERAL",
    "OPEN",
    "Call",
    "Node",
    "ShortcodeSyntaxError",
    "parse",
    "scan",
    "unescape",
    "walk",
    "walk_depths",
]


@dataclass(eq=False)
class Call:
    """One shortcode call (with its inner part, when it has a closing tag)."""

    name: str
    positional: tuple[str, ...]
    named: dict[str, str]
    markdown: bool
    """``{{% %}}`` rather than ``{{< >}}``."""
    line: int
    """1-based line of the opening tag in the parsed text."""
    start: int
    end: int
    """Offsets of the opening tag."""
    self_closing: bool = False
    inner: list[Node] | None = None
    """The nodes between the tags; None without a closing tag."""
    inner_start: int = 0
    inner_end: int = 0
    close_end: int = 0
    """Offset after the closing tag (``end`` when there is none)."""

    def arg(self, *names: str, position: int | None = None, default: str = "") -> str:
        """A named argument (first of ``names`` present), else a positional one."""
        for key in names:
            if key in self.named:
                return self.named[key]
        if position is not None and position < len(self.positional):
            return self.positional[position]
        return default

    def flag(self, *names: str) -> bool:
        value = self.arg(*names).strip().lower()
        return value in ("true", "1", "yes", "on", "open")


Node = str | Call


class ShortcodeSyntaxError(ValueError):
    """A call Hugo cannot read: its line, and its shortcode's name when one was read."""

    def __init__(self, line: int, message: str, name: str = "") -> None:
        super().__init__(message)
        self.line = line
        self.name = name


OPEN = re.compile(r"\{\{[<%]")
_NAME = re.compile(r"[A-Za-z0-9_][\w\-.]*(?:/[A-Za-z0-9_][\w\-.]*)*")
_KEY = re.compile(r"([A-Za-z_][\w\-]*)=")
_GO_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\"}


class _Escapes:
    r"""Escaped calls (``{{</* name */>}}``, ``{{%/* name */%}}``; white space and newlines
    allowed around ``/*`` and ``*/``), found as the regex
    ``\{\{([<%])(\s*)/\*(.*?)\*/(\s*)([>%])\}\}`` (DOTALL) finds them, in linear time: the ends
    (``*/``, white space, ``>}}`` or ``%}}``) are listed once, and each opening looks up the
    first end after it (the regex read the rest of the text again for each ``{{</*`` never
    closed: 4 times as long for twice as many)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.ends: list[int] = []
        """Offsets of the ``*/`` of each possible end, in order."""
        self._after: list[tuple[int, int]] = []
        """For each: where the white space after ``*/`` stops, and the end of ``}}``."""
        at = text.find("*/")
        while at != -1:
            i = at + 2
            while i < len(text) and text[i].isspace():
                i += 1
            if text.startswith((">}}", "%}}"), i):
                self.ends.append(at)
                self._after.append((i, i + 3))
            at = text.find("*/", max(i, at + 1))

    def match(self, start: int) -> tuple[int, tuple[str, str, str, str, str]] | None:
        """The escaped call opening at ``start``: its end and the regex's five groups."""
        text = self.text
        if not text.startswith(("{{<", "{{%"), start):
            return None
        i = start + 3
        while i < len(text) and text[i].isspace():
            i += 1
        if not text.startswith("/*", i):
            return None
        found = bisect_left(self.ends, i + 2)
        if found == len(self.ends):
            return None
        close = self.ends[found]
        space_end, end = self._after[found]
        groups = (
            text[start + 2],
            text[start + 3 : i],
            text[i + 2 : close],
            text[close + 2 : space_end],
            text[space_end],
        )
        return end, groups


def unescape(text: str, *, opening: str = "{{") -> str:
    """``{{</* name */>}}`` -> ``{{< name >}}`` (what Hugo prints for an escaped call)."""
    if "/*" not in text:
        return text
    escapes = _Escapes(text)
    out: list[str] = []
    position = 0
    for found in OPEN.finditer(text):
        start = found.start()
        if start < position:
            continue
        matched = escapes.match(start)
        if matched is None:
            continue
        end, groups = matched
        out.append(text[position:start])
        out.append(opening + "".join(groups) + "}}")
        position = end
    out.append(text[position:])
    return "".join(out)


LITERAL = "{\ue000{"
"""How an escaped call opens while rendering (no pass can take it for a call)."""


@dataclass
class _Tag:
    start: int
    end: int
    line: int
    delimiter: str
    closing: bool
    name: str
    positional: tuple[str, ...] = ()
    named: dict[str, str] = field(default_factory=dict)
    self_closing: bool = False
    in_code: bool = False
    """A closing tag inside code: it closes a call opened outside code (Hugo reads every
    tag, code or not), else it is code like the rest."""


class _Lexer:
    def __init__(self, text: str) -> None:
        self.text = text
        self.code = CodeMap(text)
        self.escapes = _Escapes(text)
        self._newlines = [m.start() for m in re.finditer("\n", text)]

    def line_of(self, offset: int) -> int:
        return bisect_left(self._newlines, offset) + 1

    def tags(self) -> Iterator[_Tag]:
        text = self.text
        position = 0
        while True:
            found = OPEN.search(text, position)
            if found is None:
                return
            start = found.start()
            if self.code.inside(start):
                closing = self._closing_in_code(start)
                position = start + 3 if closing is None else closing.end
                if closing is not None:
                    yield closing
                continue
            escaped = self.escapes.match(start)
            if escaped:
                position = escaped[0]
                continue
            tag = self._tag(start)
            position = tag.end
            yield tag

    def _closing_in_code(self, start: int) -> _Tag | None:
        """A closing tag (``{{< /name >}}``) at ``start`` inside code, or None: a tag whose
        line is indented as code (``    {{< /highlight >}}`` after a blank line in the code it
        closes) still closes its call, as in Hugo. Anything else in code stays code."""
        i = self._skip_space(start + 3)
        if not self.text.startswith("/", i) or self.text.startswith("/*", i):
            return None
        try:
            tag = self._tag(start)
        except ShortcodeSyntaxError:
            return None
        tag.in_code = True
        return tag

    def _tag(self, start: int) -> _Tag:
        text = self.text
        line = self.line_of(start)
        delimiter = text[start + 2]
        closer = (">" if delimiter == "<" else "%") + "}}"
        shown = "{{" + delimiter
        i = self._skip_space(start + 3)
        closing = False
        if text.startswith("/", i) and not text.startswith("/*", i):
            closing = True
            i = self._skip_space(i + 1)
        name = _NAME.match(text, i)
        if name is None:
            raise ShortcodeSyntaxError(
                line,
                f"{shown!r} starts a shortcode but no name follows; write "
                f"{shown} name {closer}, or {shown}/* ... */{closer} to show it as text",
            )
        tag = _Tag(start, start, line, delimiter, closing, name.group())
        positional: list[str] = []
        i = name.end()
        while True:
            i = self._skip_space(i)
            if text.startswith(closer, i):
                tag.end = i + len(closer)
                break
            if text.startswith("/", i) and text.startswith(closer, self._skip_space(i + 1)):
                tag.self_closing = True
                tag.end = self._skip_space(i + 1) + len(closer)
                break
            if i >= len(text) or text.startswith("{{", i) or (text[i] == "\n" and closing):
                raise ShortcodeSyntaxError(
                    line, f"the shortcode {shown} {tag.name} is not closed with {closer}", tag.name
                )
            key = _KEY.match(text, i)
            try:
                value, i = self._value(key.end() if key else i, closer, line)
            except ShortcodeSyntaxError as error:
                error.name = tag.name
                raise
            if key:
                tag.named[key.group(1)] = value
            else:
                positional.append(value)
        tag.positional = tuple(positional)
        return tag

    def _skip_space(self, i: int) -> int:
        text = self.text
        while i < len(text) and text[i] in " \t\r\n":
            i += 1
        return i

    def _value(self, i: int, closer: str, line: int) -> tuple[str, int]:
        text = self.text
        if text.startswith('"', i):
            out: list[str] = []
            j = i + 1
            while j < len(text) and text[j] != '"':
                if text[j] == "\\" and j + 1 < len(text):
                    out.append(_GO_ESCAPES.get(text[j + 1], "\\" + text[j + 1]))
                    j += 2
                    continue
                if text[j] == "\n":
                    break
                out.append(text[j])
                j += 1
            if j >= len(text) or text[j] != '"':
                raise ShortcodeSyntaxError(line, 'a shortcode argument opens a " it never closes')
            return "".join(out), j + 1
        if text.startswith("`", i):
            end = text.find("`", i + 1)
            if end == -1:
                raise ShortcodeSyntaxError(line, "a shortcode argument opens a ` it never closes")
            return text[i + 1 : end], end + 1
        j = i
        while (
            j < len(text)
            and not text[j].isspace()
            and not text.startswith(closer, j)
            and not (text[j] == "/" and text.startswith(closer, j + 1))
        ):
            j += 1
        return text[i:j], j


def parse(text: str) -> list[Node]:
    """The text as a tree of text pieces and calls. Raises :class:`ShortcodeSyntaxError`."""
    lexer = _Lexer(text)
    root: list[Node] = []
    # each open call with the list its children go to
    stack: list[tuple[Call, list[Node]]] = []
    position = 0

    def children() -> list[Node]:
        return stack[-1][1] if stack else root

    for tag in lexer.tags():
        if tag.start > position:
            children().append(text[position : tag.start])
        position = tag.end
        if not tag.closing:
            call = Call(
                name=tag.name,
                positional=tag.positional,
                named=tag.named,
                markdown=tag.delimiter == "%",
                line=tag.line,
                start=tag.start,
                end=tag.end,
                self_closing=tag.self_closing,
                close_end=tag.end,
            )
            children().append(call)
            if not tag.self_closing:
                stack.append((call, []))
            continue
        depth = next((d for d in range(len(stack) - 1, -1, -1) if stack[d][0].name == tag.name), -1)
        if depth == -1 and tag.in_code:
            children().append(text[tag.start : tag.end])  # code, as written
            continue
        if depth == -1:
            raise ShortcodeSyntaxError(
                tag.line,
                f"{{{{{tag.delimiter} /{tag.name} {'>' if tag.delimiter == '<' else '%'}}}}} "
                f"closes a shortcode that was never opened; remove it or open "
                f"{{{{{tag.delimiter} {tag.name} ...}}}} before it",
                tag.name,
            )
        # calls opened above it without a closing tag have no inner part: their
        # children go back to their parent
        _unnest(stack, depth + 1, stack[depth][1])
        call, kids = stack.pop()
        call.inner = kids
        call.inner_start = call.end
        call.inner_end = tag.start
        call.close_end = tag.end
    if position < len(text):
        children().append(text[position:])
    _unnest(stack, 0, root)
    return root


def _unnest(stack: list[tuple[Call, list[Node]]], start: int, parent: list[Node]) -> None:
    """Give the children of the calls ``stack[start:]``, never closed, to ``parent``. Each of
    these calls is the last child of the one before it, so the children go in one after the
    other: every node moves once (moving them up a level at a time moved them once a level)."""
    for _unclosed, kids in stack[start:]:
        parent.extend(kids)
    del stack[start:]


def walk_depths(nodes: list[Node]) -> Iterator[tuple[Call, int]]:
    """Every call of the tree in document order with its depth (a top-level call is at 1).
    Iterative: a page of 10,000 nested calls is walked like any other."""
    stack: list[Iterator[Node]] = [iter(nodes)]
    while stack:
        node = next(stack[-1], None)
        if node is None:
            stack.pop()
            continue
        if isinstance(node, Call):
            yield node, len(stack)
            if node.inner:
                stack.append(iter(node.inner))


def walk(nodes: list[Node]) -> Iterator[Call]:
    """Every call of the tree in document order."""
    return (call for call, _depth in walk_depths(nodes))


def scan(text: str) -> list[Call]:
    """Every call in ``text`` (outside code), in document order. Raises on bad syntax."""
    return list(walk(parse(text)))
