"""Hugo shortcodes: a parser and renderers that turn them into Markdown MkDocs understands.

``{{< name args >}}`` and ``{{% name args %}}``, with an inner part closed by
``{{< /name >}}``, self-closing ``{{< name />}}``, positional (``"quoted"``, `` `raw` ``, bare)
or named (``key="value"``) arguments, nested calls. Escaped calls (``{{</* name */>}}``) become
the literal call, as Hugo prints them, inside code too; any other call inside code (fenced or
indented blocks, code spans, ``<pre>``) is left exactly as written.

Every call goes to a *target*: one of Hugo's built-ins rendered without the network (``ref``,
``relref``, ``figure``, ``highlight``, ``youtube``, ``vimeo``, ``x``, ``gist``, ``details``,
``param``, ``qr`` ...), a Markdown construct (``admonition``, ``tabs``/``tab``, ``mermaid``), or a
policy for what has no equivalent: ``keep`` (the inner text), ``strip`` (nothing) or ``fail``.
What the site must supply (links to pages, site params, HTML fragments) comes in through
:class:`Services`; what went wrong comes back as :class:`Problem` values. No MkDocs import.
"""

from __future__ import annotations

import html as htmllib
import re
import textwrap
from bisect import bisect_left
from collections import deque
from collections.abc import Generator, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from markupsafe import Markup

from ..model.text import markdown_inline_to_text
from .markdown import CodeMap
from .qr import ATTRIBUTES, QrError, qr_image

__all__ = [
    "BUILTIN",
    "POLICIES",
    "TARGETS",
    "Call",
    "Expansion",
    "Problem",
    "Services",
    "expand",
    "scan",
    "unescape",
]

# Hugo's names (and well-known theme shortcodes) -> the target that renders them. A site's
# ``shortcodes:`` option adds to this and overrides it.
BUILTIN: Mapping[str, str] = {
    "ref": "ref",
    "relref": "relref",
    "figure": "figure",
    "highlight": "highlight",
    "youtube": "youtube",
    "vimeo": "vimeo",
    "vimeo_simple": "vimeo",
    "x": "x",
    "x_simple": "x",
    "twitter": "x",
    "twitter_simple": "x",
    "tweet": "x",
    "instagram": "instagram",
    "instagram_simple": "instagram",
    "gist": "gist",
    "details": "details",
    "param": "param",
    "qr": "qr",
    "comment": "strip",
    # the include of Hugo's .RenderShortcodes docs (the Hugo docs' own), and Relearn's
    "include": "include",
    # theme shortcodes with an obvious equivalent
    "notice": "admonition",  # Relearn
    "note": "admonition",  # a site's own, often (linkerd.io)
    "hint": "admonition",  # Book
    "callout": "admonition",  # Hextra
    "alert": "admonition",  # Docsy, Blowfish
    "tabgroup": "tabs",
    "tabs": "tabs",
    "tab": "tab",
    "mermaid": "mermaid",
    "expand": "details",
}

POLICIES = ("keep", "strip", "fail")
RENDERERS = (
    "admonition",
    "details",
    "figure",
    "gist",
    "highlight",
    "include",
    "instagram",
    "mermaid",
    "param",
    "qr",
    "ref",
    "relref",
    "tab",
    "tabs",
    "vimeo",
    "x",
    "youtube",
)
TARGETS = RENDERERS + POLICIES
"""Every value the ``shortcodes:`` option accepts."""

# Markdown extension each Markdown target needs (checked against the site's extensions).
NEEDS: Mapping[str, str] = {
    "admonition": "admonition",
    "tabs": "pymdownx.tabbed",
    "tab": "pymdownx.tabbed",
    "mermaid": "pymdownx.superfences",
}

MAX_INCLUDES = 16
"""``include`` inside included pages, at most this deep (deeper is a loop in practice)."""
MAX_INCLUDED = 10_000_000
"""Characters the includes of one page may add to it. Each included page is expanded once per
page, but text included again and again inside included pages multiplies (ten includes of a
page that includes another ten times...): past this the page is not worth writing."""


# -- parsing ---------------------------------------------------------------------------------


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
    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line


_OPEN = re.compile(r"\{\{[<%]")
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
    for found in _OPEN.finditer(text):
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


_LITERAL = "{\ue000{"
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
            found = _OPEN.search(text, position)
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
                    line, f"the shortcode {shown} {tag.name} is not closed with {closer}"
                )
            key = _KEY.match(text, i)
            if key:
                value, i = self._value(key.end(), closer, line)
                tag.named[key.group(1)] = value
            else:
                value, i = self._value(i, closer, line)
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


def _walk_depths(nodes: list[Node]) -> Iterator[tuple[Call, int]]:
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


def _walk(nodes: list[Node]) -> Iterator[Call]:
    """Every call of the tree in document order."""
    return (call for call, _depth in _walk_depths(nodes))


def scan(text: str) -> list[Call]:
    """Every call in ``text`` (outside code), in document order. Raises on bad syntax."""
    return list(_walk(parse(text)))


# -- rendering -------------------------------------------------------------------------------


class RefError(LookupError):
    """A ``ref``/``relref`` target that does not exist (the message says which and why)."""


class Withheld(RefError):
    """An ``include`` of a page this build does not publish (a draft, a page scheduled for
    later, an expired one) from a page it does: an error, since the text would be published
    (Hugo 0.168's ``site.GetPage`` does not see such a page). ``preview``: ``mkdocs serve``
    shows unpublished pages, so the include is rendered, with a warning; ``page`` is what
    :meth:`Services.include` would have returned."""

    def __init__(self, message: str, page: tuple[str, str, str], *, preview: bool) -> None:
        super().__init__(message)
        self.page = page
        self.preview = preview


class Services(Protocol):
    """What rendering needs from the site."""

    def html(self, template: str, **context: Any) -> str:
        """Render ``essays/<template>`` (an overridable Jinja template)."""
        ...

    def ref(self, target: str, *, relative: bool, in_link: bool) -> str:
        """The URL of a page (and heading) named the way Hugo's ``ref`` names it.

        ``in_link``: the call is a Markdown link's destination (``[text]({{< ref "x" >}})``),
        where the page's source path lets MkDocs check the link. Raises :class:`RefError` when
        there is no such page or heading.
        """
        ...

    def param(self, name: str) -> Any:
        """A page param, else a site param; None when neither has it."""
        ...

    def resource(self, src: str) -> str:
        """The URL to use in the page for an image or file path written in a shortcode."""
        ...


@dataclass(frozen=True)
class Problem:
    kind: str
    """``error`` (stops the build), ``ref`` (a missing ref target: error or warning by option),
    ``warning`` (reported, the build goes on: a ref's fragment the page does not have),
    ``unknown`` (a shortcode with no equivalent, kept or stripped), ``extension`` (a Markdown
    extension the output needs is not enabled)."""
    name: str
    line: int
    message: str
    source: str = ""
    """For a problem inside an included page: that page and line (``docs/s.md:3``), the same
    whichever page includes it (a build reports it once); ``loop`` for a loop of includes (its
    message names every page of the loop)."""


@dataclass
class Expansion:
    markdown: str
    problems: list[Problem] = field(default_factory=list)


@dataclass(frozen=True)
class _Out:
    text: str | _Text
    kind: str = "inline"
    """``inline`` (text in place), ``html`` (HTML, a block when the call is alone on its
    lines), ``block`` (Markdown that must be a block of its own), ``text`` (Markdown, a block
    when the call is alone on its lines, else in place)."""


def expand(
    text: str,
    services: Services,
    *,
    mapping: Mapping[str, str] | None = None,
    unknown: str = "keep",
    extensions: frozenset[str] | set[str] = frozenset(),
) -> Expansion:
    """Replace every shortcode in ``text``; see the module docstring.

    ``mapping`` (name -> target) is added to :data:`BUILTIN`; ``unknown`` is the policy for the
    rest; ``extensions`` are the site's Markdown extensions (``admonition``,
    ``pymdownx.tabbed``...), which decide how some targets are written.
    """
    if "{{" not in text:
        return Expansion(text)
    targets = {**BUILTIN, **(mapping or {})}
    problems: list[Problem] = []
    # Escaped calls stay placeholders until the end, so that a second pass cannot take them
    # for calls. A second pass is needed when removing a call changed where code is (a call
    # just before a ``` that then opens a fence): calls that were "code" may now be text.
    for _attempt in range(3):
        try:
            nodes = parse(text)
        except ShortcodeSyntaxError as error:
            problems.append(Problem("error", "", error.line, str(error)))
            break
        renderer = _Renderer(text, services, targets, unknown, extensions)
        text = renderer.nodes(nodes)
        problems.extend(renderer.problems)
        if not _calls_outside_code(text):
            break
    return Expansion(text.replace(_LITERAL, "{{"), problems)


def _calls_outside_code(text: str) -> bool:
    if not _OPEN.search(text):
        return False
    code = CodeMap(text)
    return any(not code.inside(found.start()) for found in _OPEN.finditer(text))


@dataclass
class _Includes:
    """What the includes of one page share: each included page expanded once (a page included
    ten times, or by ten included pages, is read and rendered once), and how much text they
    added (:data:`MAX_INCLUDED`)."""

    expanded: dict[str, str] = field(default_factory=dict)
    """src_uri -> its Markdown with its shortcodes rendered."""
    sizes: dict[int, int] = field(default_factory=dict)
    """How deep the includes are -> the characters they gave so far."""
    over: bool = False


class _Including:
    """The calling page's services, for the shortcodes of a page it includes: Hugo renders
    them into the calling page. Carries the chain of pages included so far."""

    def __init__(
        self,
        services: Services,
        chain: tuple[str, ...],
        includes: _Includes,
        paths: Mapping[str, str],
    ) -> None:
        self._services = services
        self.include_chain = chain
        self.includes = includes
        self.include_paths = paths
        """src_uri of each included page of the chain -> how messages name it."""

    def __getattr__(self, name: str) -> Any:
        return getattr(self._services, name)


_BLANK = re.compile(r"\n[^\S\n]++(?=\n|\Z)")
"""A line after the first made of white space only (or so far, at the end of a piece)."""
_FLUSH = re.compile(r"\n\S")
"""A line after the first that starts with text: dedenting has no margin to take."""


def _common_start(a: str, b: str) -> str:
    """The longest start ``a`` and ``b`` share."""
    n = 0
    while n < len(a) and n < len(b) and a[n] == b[n]:
        n += 1
    return a[:n]


def _head_blank(piece: str) -> bool:
    """Whether the piece's first line is white space, not empty (reads that white space only)."""
    lead = len(piece) - len(piece.lstrip())
    return lead > 0 and piece[0] != "\n" and (lead == len(piece) or "\n" in piece[:lead])


def _seam(left: str, right: str) -> tuple[int, int]:
    """What the line ``right`` may start after ``left`` adds to :class:`_Text`'s counts."""
    if not left.endswith("\n"):
        return 0, 0
    return (1 if _head_blank(right) else 0), (0 if right[0].isspace() else 1)


class _Text:
    """Rendered Markdown as pieces, joined once: what a call keeps of its inner part goes into
    its parent's text without being copied, so 10,000 nested calls that each write a word are
    not 10,000 copies of what is inside them. ``blank`` counts the lines after the first made
    of white space only (a line that goes on in the next piece counts when its start is white
    space); while there are none and the first line starts with text, dedenting and shifting
    have nothing to do and the pieces are never joined. Each text has one owner (the call it
    goes to), which changes it in place."""

    __slots__ = ("blank", "flush", "parts")

    def __init__(self) -> None:
        self.parts: deque[str] = deque()
        self.blank = 0
        self.flush = 0
        """Lines after the first that start with text."""

    def __bool__(self) -> bool:
        return bool(self.parts)

    def __str__(self) -> str:
        return "".join(self.parts)

    def add(self, piece: str | _Text) -> _Text:
        """This text followed by ``piece``: this text, or ``piece`` when it has more pieces
        (the fewer are moved, so every piece moves a few times at most)."""
        if isinstance(piece, str):
            if piece:
                self.parts.append(piece)
                self._change(len(self.parts) - 1, 1)
            return self
        if not piece.parts:
            return self
        if not self.parts:
            return piece
        blank, flush = _seam(self.parts[-1], piece.parts[0])
        if len(piece.parts) > len(self.parts):
            piece.parts.extendleft(reversed(self.parts))
            piece.blank += self.blank + blank
            piece.flush += self.flush + flush
            return piece
        self.parts.extend(piece.parts)
        self.blank += piece.blank + blank
        self.flush += piece.flush + flush
        return self

    def plain(self) -> bool:
        """Whether dedenting would leave the text as it is: no line is white space only, and
        one starts with text (so there is no margin)."""
        if self.blank or not self.parts:
            return not self.blank
        first = self.parts[0]
        if not first[0].isspace():
            return True
        return bool(self.flush) and not _head_blank(first)

    def _change(self, index: int, sign: int) -> None:
        """Add (``sign`` 1) or take away (-1) what the piece at ``index`` counts: its lines
        and the line it may start after the piece before it."""
        piece = self.parts[index]
        blank, flush = _seam(self.parts[index - 1], piece) if index else (0, 0)
        self.blank += sign * (blank + len(_BLANK.findall(piece)))
        self.flush += sign * (flush + len(_FLUSH.findall(piece)))

    def strip_newlines_left(self) -> None:
        parts = self.parts
        while parts:
            first = parts[0]
            rest = first.lstrip("\n")
            if len(rest) == len(first):
                return
            second = len(parts) > 1
            self._change(0, -1)
            if second:
                self._change(1, -1)
            if rest:
                parts[0] = rest
                self._change(0, 1)
                if second:
                    self._change(1, 1)
                return
            parts.popleft()
            if parts:
                self._change(0, 1)

    def strip_right(self, chars: str | None = None) -> None:
        parts = self.parts
        while parts:
            last = parts[-1]
            rest = last.rstrip(chars)
            if len(rest) == len(last):
                return
            self._change(len(parts) - 1, -1)
            if rest:
                parts[-1] = rest
                self._change(len(parts) - 1, 1)
                return
            parts.pop()

    @classmethod
    def of(cls, text: str) -> _Text:
        return cls().add(text)


def _plain(text: str | _Text) -> str:
    return text if isinstance(text, str) else str(text)


MAX_BLOCKS = 100
"""How many blocks made from shortcodes (admonitions, collapsible blocks, tabs) may nest.
Hugo 0.168 nests any number (it rendered 100,000 nested calls), but Python-Markdown's
parser calls itself three times for each level of an admonition or a ``markdown="1"``
element and ends in a RecursionError past about 300 levels (pymdownx's details and tabs stop
nesting near the limit themselves, and show the rest as code). Deeper calls are written as
their inner text, with a warning."""


@dataclass(frozen=True, slots=True)
class _Nodes:
    """A renderer's request: these nodes rendered (the text they become), the lines of their
    text taken ``margin`` to the left (the nodes start at ``start`` in the page)."""

    nodes: list[Node]
    margin: str = ""
    start: int = -1


@dataclass(frozen=True, slots=True)
class _Render:
    """A renderer's request: this call rendered and put in place (:meth:`_Renderer.place`)."""

    call: Call


_Request = _Nodes | _Render
_Step = Generator[_Request, Any, Any]
"""A rendering step: it yields a request for what it needs rendered, gets the text back (a
:class:`_Text` or a ``str``), and returns its result. Steps wait on a stack, so nesting is
never Python recursion."""


class _Renderer:
    """Renders a tree of calls. Every call that renders what is inside it (``keep``,
    ``admonition``, ``details``, ``tabs``...) is a generator that yields a request (:class:`_Nodes`,
    :class:`_Render`) and gets the rendered text back: :meth:`nodes` runs them with a stack of
    its own, so a call nested 100,000 deep (Hugo 0.168 renders them) needs no Python stack."""

    def __init__(
        self,
        text: str,
        services: Services,
        mapping: Mapping[str, str],
        unknown: str,
        extensions: frozenset[str] | set[str],
    ) -> None:
        self.text = text
        self.services = services
        self.mapping = mapping
        self.unknown = unknown
        self.extensions = frozenset(extensions)
        self.problems: list[Problem] = []
        self._blocks = 0
        """Blocks (admonitions, collapsible blocks, tabs) around the call being rendered."""
        self._flat = 0
        """Calls around it written flat because they were too deep for a block."""
        self._newlines = [m.start() for m in re.finditer("\n", text)]
        self._first_text: list[int] | None = None
        self._includes: _Includes | None = None
        self._last_text: list[int] | None = None
        self._margins: dict[int, str] = {}
        """id of a call -> the margin its parent's inner part is dedented by (:meth:`_margin`)."""

    # -- structure --------------------------------------------------------------------------

    def nodes(self, nodes: list[Node]) -> str:
        """The nodes rendered. The steps waiting for what is inside them are kept on a list,
        one per level of nesting, never on Python's stack."""
        stack: list[_Step] = [self._nodes(nodes)]
        sent: Any = None
        while stack:
            try:
                request = stack[-1].send(sent)
            except StopIteration as done:
                stack.pop()
                sent = done.value
                continue
            if isinstance(request, _Nodes):
                stack.append(self._nodes(request.nodes, request.margin, request.start))
            else:
                stack.append(self._call(request.call))
            sent = None
        return _plain(sent)

    def _nodes(self, nodes: list[Node], margin: str = "", start: int = -1) -> _Step:
        out = _Text()
        offset = start
        for at, node in enumerate(nodes):
            if isinstance(node, str):
                piece = node
                if margin and offset >= 0:
                    before_call = at + 1 < len(nodes)
                    piece = self._dedented(node, offset, margin, before_call)
                    offset += len(node)
                out = out.add(unescape(piece, opening=_LITERAL))
            else:
                if margin:
                    self._margins[id(node)] = margin
                out = out.add((yield _Render(node)))
                offset = node.close_end
        return out

    def _at_line_start(self, offset: int) -> bool:
        return offset == 0 or self.text[offset - 1] == "\n"

    def _margin(self, call: Call) -> str:
        """The white space every line of the call's inner part starts with, read from the
        page: its own text's lines (white space only lines aside) and the white space before
        each call inside it on its line (the lines the call writes are shifted by that). Only
        the part's own text is read, never what the calls inside it hold: each line of the
        page is read for one call, so dedenting 8,000 nested calls is linear."""
        common: str | None = None
        offset = call.end
        nodes = call.inner or []
        for at, node in enumerate(nodes):
            if not isinstance(node, str):
                if not self._alone(node) and not self._inline(node):
                    return ""  # it may write a block at the start of a line: no margin known
                offset = node.close_end
                continue
            lines = node.split("\n")
            for index, line in enumerate(lines):
                if index == 0 and not self._at_line_start(offset):
                    continue
                last = index == len(lines) - 1
                if line.strip():
                    lead = line[: len(line) - len(line.lstrip())]
                elif last and at + 1 < len(nodes):
                    lead = line  # the white space before a call inside: its column
                else:
                    continue
                if common is None:
                    common = lead
                elif not lead.startswith(common):
                    common = _common_start(common, lead)
                if not common:
                    return ""
            offset += len(node)
        return common or ""

    def _inline(self, call: Call) -> bool:
        """Whether the call writes text on its line only, whatever it holds."""
        target = self.target(call) or self.unknown
        if target in ("param", "ref", "relref", "strip", "fail"):
            return True
        return target == "keep" and not call.inner

    def _dedented(self, piece: str, offset: int, margin: str, before_call: bool) -> str:
        """``piece`` (at ``offset`` in the page) with ``margin`` taken from each line it
        starts, as :func:`textwrap.dedent` takes it (white space only lines emptied)."""
        lines = piece.split("\n")
        for index, line in enumerate(lines):
            if index == 0 and not self._at_line_start(offset):
                continue
            if line.startswith(margin):
                line = line[len(margin) :]
            if not line.strip() and not (index == len(lines) - 1 and before_call):
                line = ""
            lines[index] = line
        return "\n".join(lines)

    def target(self, call: Call) -> str:
        return self.mapping.get(call.name, self.mapping.get(call.name.lower(), ""))

    def _call(self, call: Call) -> _Step:
        """A call rendered and put in place."""
        target = self.target(call)
        if not target:
            target = self.unknown
            self.problems.append(
                Problem(
                    "unknown" if target != "fail" else "error",
                    call.name,
                    call.line,
                    self._unknown_message(call, target),
                )
            )
        method = getattr(self, "r_" + target, None)
        # (a target without a method cannot happen: the option only accepts TARGETS)
        out = self.r_keep(call) if method is None else method(call)
        if isinstance(out, Generator):  # it renders what is inside it
            out = yield from out
        return self.place(call, out)

    def _unknown_message(self, call: Call, policy: str) -> str:
        inline = call.name.endswith(".inline")
        what = {
            "keep": "its inner text is kept" if call.inner and not inline else "it is left out",
            "strip": "it is left out",
            "fail": "the build stops (unknown_shortcodes: fail)",
        }[policy]
        hint = ""
        if inline:
            hint = (
                " It is an inline shortcode: a Go template, which Hugo runs only with "
                "enableInlineShortcodes and prints nothing for otherwise."
            )
        return (
            f"the shortcode {call.name!r} has no equivalent here; {what}.{hint} Map it under "
            f"'shortcodes:' in the essays plugin options (to one of {', '.join(TARGETS)})"
        )

    def place(self, call: Call, out: _Out) -> str | _Text:
        """Put a call's output where the call was, as a block when it stands on its own lines."""
        if out.kind == "inline" or not out.text:
            return out.text
        alone = self._alone(call)
        if not alone and out.kind == "text":
            return out.text
        prefix = self.text[self._line_start(call.start) : call.start]
        margin = self._margins.get(id(call), "")
        if margin and prefix.startswith(margin):
            prefix = prefix[len(margin) :]  # its parent's part is dedented by that
        if alone and isinstance(out.text, _Text) and not prefix:
            text = out.text  # no prefix for its lines: kept as it is, unless a line is blank
            text.strip_newlines_left()
            text.strip_right("\n")
            if not text.blank:
                return _Text.of("\n").add(text).add("\n")
            body = str(text)
        else:
            body = _plain(out.text).strip("\n")
        if alone:
            lines = body.split("\n")
            shifted = [lines[0]] + [(prefix + line) if line.strip() else "" for line in lines[1:]]
            return "\n" + prefix + "\n".join(shifted) + "\n"
        if out.kind == "html":
            return " ".join(body.split("\n"))
        return "\n\n" + body + "\n\n"

    def _line_start(self, offset: int) -> int:
        at = bisect_left(self._newlines, offset)
        return self._newlines[at - 1] + 1 if at else 0

    def _alone(self, call: Call) -> bool:
        """Whether only white space is before the call on its first line and after it on its
        last line. From a table of the lines' first and last non-space characters, made once:
        a line of 10,000 calls is not read again for each of them."""
        if self._first_text is None or self._last_text is None:
            first: list[int] = []
            last: list[int] = []
            start = 0
            for line in self.text.split("\n"):
                first.append(start + len(line) - len(line.lstrip()))
                last.append(start + len(line.rstrip()))
                start += len(line) + 1
            self._first_text, self._last_text = first, last
        before_blank = self._first_text[bisect_left(self._newlines, call.start)] >= call.start
        after_blank = self._last_text[bisect_left(self._newlines, call.close_end)] <= call.close_end
        return before_blank and after_blank

    def inner_markdown(self, call: Call, *, block: bool = False) -> _Step:
        """The inner part with its shortcodes rendered, dedented, without outer blank lines.
        ``block``: the call puts it in a block (which counts towards :data:`MAX_BLOCKS`)."""
        return _plain((yield from self.inner_text(call, block=block)))

    def inner_text(self, call: Call, *, block: bool = False) -> _Step:
        """:meth:`inner_markdown` as a :class:`_Text`, joined only when it must be dedented."""
        if not call.inner:
            return ""
        if block:
            self._blocks += 1
        rendered: _Text = yield _Nodes(call.inner, self._margin(call), call.end)
        if block:
            self._blocks -= 1
        rendered.strip_newlines_left()
        rendered.strip_right()
        if not rendered.plain():
            return _Text.of(textwrap.dedent(str(rendered)).strip("\n"))
        return rendered

    def inner_raw(self, call: Call) -> str:
        """The inner part exactly as written (escaped calls made literal), for code."""
        if call.inner is None:
            return ""
        raw = unescape(self.text[call.inner_start : call.inner_end], opening=_LITERAL)
        lines = raw.split("\n")
        while lines and not lines[0].strip():
            lines.pop(0)
        while lines and not lines[-1].strip():
            lines.pop()
        return textwrap.dedent("\n".join(lines))

    def room(self, call: Call, what: str) -> bool:
        """Whether the call may put its inner part in one more block (:data:`MAX_BLOCKS`).
        When not, the outermost call past the limit is reported."""
        if self._blocks < MAX_BLOCKS:
            return True
        if not self._flat:
            self.problems.append(
                Problem(
                    "warning",
                    call.name,
                    call.line,
                    f"the shortcode {call.name!r} is nested inside {MAX_BLOCKS} blocks made "
                    "from shortcodes (admonitions, collapsible blocks, tabs), the most "
                    "Python-Markdown can nest (its parser calls itself for each level and "
                    "would exceed Python's recursion limit); it and the shortcodes inside it "
                    f"are written as their inner text, without the {what}. Close some of the "
                    "shortcodes around it sooner",
                )
            )
        return False

    def flat(self, call: Call) -> _Step:
        """A call too deep for a block (see :meth:`room`): its inner text, as ``keep``."""
        self._flat += 1
        out = yield from self.r_keep(call)
        self._flat -= 1
        return out

    def needs(self, call: Call, target: str) -> bool:
        """Whether the extension a target needs is enabled; reports it once otherwise."""
        extension = NEEDS.get(target)
        if extension is None or extension in self.extensions:
            return True
        self.problems.append(
            Problem(
                "extension",
                f"{target}:{extension}",
                call.line,
                f"the shortcode {call.name!r} becomes {_a(target)} {target}, which needs the "
                f"Markdown extension '{extension}'; add it to markdown_extensions in mkdocs.yml. "
                "Until then its inner text is kept as it is",
            )
        )
        return False

    def error(self, call: Call, message: str) -> _Out:
        self.problems.append(Problem("error", call.name, call.line, message))
        return _Out("")

    def require_inner(self, call: Call) -> bool:
        if call.inner is not None:
            return True
        close = (
            ("{{< /" if not call.markdown else "{{% /")
            + call.name
            + (" >}}" if not call.markdown else " %}}")
        )
        self.error(
            call, f"the shortcode {call.name!r} needs an inner part closed by {close}; add it"
        )
        return False

    # -- policies ---------------------------------------------------------------------------

    def r_keep(self, call: Call) -> _Step:
        if call.name.endswith(".inline") and not self.target(call):
            return _Out("")  # a Go template, not text: Hugo prints nothing for it by default
        return _Out((yield from self.inner_text(call)), "text") if call.inner else _Out("")

    def r_strip(self, call: Call) -> _Out:
        return _Out("")

    def r_fail(self, call: Call) -> _Out:
        if self.target(call) == "fail":  # mapped to fail by name (unknown ones are reported)
            self.problems.append(
                Problem(
                    "error",
                    call.name,
                    call.line,
                    f"the shortcode {call.name!r} is mapped to fail in the essays plugin "
                    "options; remove it from the page or map it to another target",
                )
            )
        return _Out("")

    # -- Markdown constructs ----------------------------------------------------------------

    def r_admonition(self, call: Call) -> _Step:
        if not self.needs(call, "admonition"):
            return (yield from self.r_keep(call))
        if not self.room(call, "admonition"):
            return (yield from self.flat(call))
        kind = (
            call.arg("type", "kind", "style", "color", position=0, default="note").strip().lower()
        )
        kind = re.sub(r"[^a-z0-9-]+", "-", kind).strip("-") or "note"
        title = call.arg("title", position=1)
        head = f"!!! {kind}" + (f" {_quoted(title)}" if title else "")
        body = yield from self.inner_markdown(call, block=True)
        return _Out(head + "\n\n" + _indent(body) if body else head, "block")

    def r_tabs(self, call: Call) -> _Step:
        if not self.needs(call, "tabs"):
            return (yield from self.r_keep(call))
        if not call.inner:
            return _Out("")
        if not self.room(call, "tabs"):
            return (yield from self.flat(call))
        parts: list[str] = []
        rest: list[str] = []
        first = True
        for node in call.inner:
            if isinstance(node, Call) and self.target(node) == "tab":
                parts.append((yield from self._tab(node, len(parts) + 1, first=first)))
                first = False
            elif isinstance(node, Call):
                rest.append(_plain((yield _Render(node))))
            elif node.strip():
                rest.append(unescape(node, opening=_LITERAL))
        extra = textwrap.dedent("".join(rest)).strip("\n")
        return _Out("\n\n".join(parts) + ("\n\n" + extra if extra else ""), "block")

    def r_tab(self, call: Call) -> _Step:
        if not self.needs(call, "tab"):
            return (yield from self.r_keep(call))
        if not self.room(call, "tab"):
            return (yield from self.flat(call))
        return _Out((yield from self._tab(call, 1, first=False)), "block")

    def _tab(self, call: Call, number: int, *, first: bool) -> _Step:
        name = call.arg("name", "title", "label", "tabName", position=0, default=f"Tab {number}")
        body = yield from self.inner_markdown(call, block=True)
        head = ("===! " if first else "=== ") + _quoted(name)
        return head + "\n\n" + _indent(body or "&nbsp;")

    def r_mermaid(self, call: Call) -> _Out:
        self.needs(call, "mermaid")
        return _Out(_fence(self.inner_raw(call), "mermaid"), "block")

    def r_details(self, call: Call) -> _Step:
        if not self.require_inner(call):
            return _Out("")
        summary = call.arg("summary", "title", position=0, default="Details")
        is_open = call.flag("open")
        block = bool({"pymdownx.details", "md_in_html"} & self.extensions)
        if block and not self.room(call, "collapsible block"):
            return (yield from self.flat(call))
        body = yield from self.inner_markdown(call, block=block)
        if "pymdownx.details" in self.extensions:
            head = ("???+" if is_open else "???") + " note " + _quoted(summary)
            return _Out(head + "\n\n" + _indent(body), "block")
        if "md_in_html" in self.extensions:
            attributes = ' markdown="1"' + (" open" if is_open else "")
            return _Out(
                f"<details{attributes}>\n<summary>{htmllib.escape(summary)}</summary>\n\n"
                f"{body}\n\n</details>",
                "block",
            )
        self.problems.append(
            Problem(
                "extension",
                "details:pymdownx.details",
                call.line,
                f"the shortcode {call.name!r} becomes a collapsible block, which needs the "
                "Markdown extension 'pymdownx.details' (or 'md_in_html'); add it to "
                "markdown_extensions in mkdocs.yml. Until then its inner text is kept as it is",
            )
        )
        return _Out(body, "block")

    # -- Hugo's built-ins -------------------------------------------------------------------

    def r_ref(self, call: Call, *, relative: bool = False) -> _Out:
        target = call.arg("path", position=0)
        if not target:
            example = f'{{{{< {call.name} "posts/x.md" >}}}}'
            return self.error(call, f"{call.name} needs a page: {example}")
        before = self.text[max(0, call.start - 8) : call.start]
        in_link = before.endswith(("](", "](<")) or bool(re.search(r"\]:\s*<?$", before))
        try:
            return _Out(self.services.ref(target, relative=relative, in_link=in_link))
        except RefError as error:
            from .refs import MissingFragment  # (refs imports this module)

            if isinstance(error, MissingFragment):
                self.problems.append(Problem("warning", call.name, call.line, str(error)))
                try:
                    page = self.services.ref(error.page, relative=relative, in_link=in_link)
                except RefError:
                    page = "./"
                return _Out(page + "#" + error.fragment)
            self.problems.append(Problem("ref", call.name, call.line, str(error)))
            return _Out("#")

    def r_relref(self, call: Call) -> _Out:
        return self.r_ref(call, relative=True)

    def r_param(self, call: Call) -> _Out:
        name = call.arg("name", position=0)
        if not name:
            return self.error(call, 'param needs a name: {{< param "author" >}}')
        value = self.services.param(name)
        if value is None:
            return self.error(
                call,
                f"param {name!r} is neither in the page's front matter nor in 'extra:' of "
                "mkdocs.yml (Hugo's site params); add it to one of them",
            )
        if isinstance(value, list | tuple):
            value = ", ".join(str(v) for v in value)
        return _Out(str(value))

    def r_highlight(self, call: Call) -> _Out:
        if not self.require_inner(call):
            return _Out("")
        language = call.arg("lang", "language", position=0).strip()
        options = _highlight_options(call.arg("options", position=1))
        for key in ("linenos", "hl_lines", "linenostart", "anchorlinenos"):
            if key in call.named:
                options[key] = call.named[key]
        return _Out(self._code(self.inner_raw(call), language, options), "block")

    def _code(self, code: str, language: str, options: dict[str, str]) -> str:
        linenos = options.get("linenos", "false").lower() not in ("false", "")
        start = options.get("linenostart", "1").strip() or "1"
        ranges = _line_ranges(options.get("hl_lines", ""), code.count("\n") + 1)
        info = re.sub(r"[^\w#+.\-]", "", language)
        if "pymdownx.superfences" in self.extensions:
            extra = []
            if linenos:
                extra.append(f'linenums="{start}"')
            if ranges:
                shown = " ".join(str(a) if a == b else f"{a}-{b}" for a, b in ranges)
                extra.append(f'hl_lines="{shown}"')
            return _fence(code, " ".join(filter(None, [info, *extra])))
        expanded = [str(n) for first, last in ranges for n in range(first, last + 1)]
        extra = [f'hl_lines="{" ".join(expanded)}"'] if expanded else []
        return _fence(code, " ".join(filter(None, [info, *extra])))

    def r_figure(self, call: Call) -> _Out:
        src = call.arg("src", position=0)
        if not src:
            return self.error(call, 'figure needs an image: {{< figure src="photo.jpg" >}}')
        keys = [
            "target",
            "rel",
            "alt",
            "title",
            "attr",
            "attrlink",
            "class",
            "width",
            "height",
            "loading",
        ]
        context: dict[str, Any] = {key: call.named.get(key, "") for key in keys}
        link = call.named.get("link", "")
        caption = call.named.get("caption", "")
        return _Out(
            self.services.html(
                "shortcode_figure.html",
                **context,
                link=self.services.resource(link) if link else "",
                src=self.services.resource(src),
                caption=_inline_markdown(caption),
                caption_text=markdown_inline_to_text(caption),
            ),
            "html",
        )

    def r_include(self, call: Call) -> _Out:
        target = call.arg("file", "path", position=0).strip()
        if not target:
            example = '{{% include "/snippets/note.md" %}}'
            return self.error(call, f"include needs the page to include: {example}")
        find = getattr(self.services, "include", None)
        if find is None:
            return self.error(call, f"include {target!r}: this build cannot read other pages")
        chain: tuple[str, ...] = getattr(self.services, "include_chain", ())
        includes = getattr(self.services, "includes", None)
        if includes is None:  # the page's own includes (not an included page's)
            includes = self._includes = self._includes or _Includes()
        try:
            src, path, body = find(target)
        except Withheld as withheld:
            message = str(withheld).replace("ref ", "include ", 1)
            if not withheld.preview:
                return self.error(call, message)
            self.problems.append(Problem("warning", call.name, call.line, message))
            src, path, body = withheld.page
        except RefError as error:
            message = str(error).replace("ref ", "include ", 1)
            return self.error(call, message)
        paths: Mapping[str, str] = getattr(self.services, "include_paths", {})
        if src in chain:  # named the same from wherever the loop is entered: said once
            loop = [path, *(paths.get(s, s) for s in chain[chain.index(src) + 1 :])]
            first = loop.index(min(loop))
            loop = [*loop[first:], *loop[:first], min(loop)]
            message = f"include: a loop of includes ({' -> '.join(loop)}); remove one of them"
            self.problems.append(Problem("error", call.name, call.line, message, "loop"))
            return _Out("")
        if len(chain) > MAX_INCLUDES:
            return self.error(
                call, f"include {target!r}: includes are nested more than {MAX_INCLUDES} deep"
            )
        if includes.over:
            return _Out("", "text")  # said once, at the include that went over
        text = includes.expanded.get(src)
        if text is None:
            inner = expand(
                body,
                _Including(self.services, (*chain, src), includes, {**paths, src: path}),
                mapping=self.mapping,
                unknown=self.unknown,
                extensions=self.extensions,
            )
            for problem in inner.problems:
                source = problem.source or f"{path}:{problem.line}"
                message = problem.message
                if not problem.source:
                    message += f" (in {path}, line {problem.line}, included here)"
                self.problems.append(
                    Problem(problem.kind, problem.name, call.line, message, source)
                )
            text = includes.expanded[src] = inner.markdown.strip("\n")
        if includes.over:  # (inside the page just expanded)
            return _Out("", "text")
        # the text of the page's own includes, and of each level of includes below them (a
        # page included many times is counted once at its level: it is kept once)
        size = includes.sizes[len(chain)] = includes.sizes.get(len(chain), 0) + len(text)
        if size > MAX_INCLUDED:
            includes.over = True
            return self.error(
                call,
                f"include {target!r}: the includes of this page add more than "
                f"{MAX_INCLUDED:,} characters to it (pages included many times over inside "
                "included pages); include fewer or smaller pages",
            )
        return _Out(text, "text")

    def r_qr(self, call: Call) -> _Out:
        inner = self.text[call.inner_start : call.inner_end] if call.inner is not None else ""
        text = call.named.get("text", "") or inner.strip()
        try:
            image = qr_image(
                text,
                level=call.named.get("level", "medium"),
                scale=call.named.get("scale", "4"),
                attrs={key: call.named.get(key, "") for key in ATTRIBUTES},
            )
        except QrError as error:
            return self.error(call, str(error))
        return _Out(image, "html")

    def r_youtube(self, call: Call) -> _Out:
        video = call.arg("id", position=0).strip()
        if not re.fullmatch(r"[\w\-]+", video):
            return self.error(call, "youtube needs a video id: {{< youtube dQw4w9WgXcQ >}}")
        query = []
        for key, name in (("start", "start"), ("end", "end")):
            if call.named.get(key, "").isdigit():
                query.append(f"{name}={call.named[key]}")
        if call.flag("autoplay"):
            query.append("autoplay=1")
        src = f"https://www.youtube-nocookie.com/embed/{video}" + (
            "?" + "&".join(query) if query else ""
        )
        return self._video(call, "youtube", src, f"https://www.youtube.com/watch?v={video}")

    def r_vimeo(self, call: Call) -> _Out:
        video = call.arg("id", position=0).strip()
        if not video.isdigit():
            return self.error(call, "vimeo needs a numeric video id: {{< vimeo 55073825 >}}")
        src = f"https://player.vimeo.com/video/{video}?dnt=1"
        return self._video(call, "vimeo", src, f"https://vimeo.com/{video}")

    def _video(self, call: Call, provider: str, src: str, page: str) -> _Out:
        """A privacy-friendly embed (no cookies until played) with a link to the video's page."""
        default_title = {"youtube": "YouTube video", "vimeo": "Vimeo video"}[provider]
        return _Out(
            self.services.html(
                "shortcode_video.html",
                provider=provider,
                src=src,
                page=page,
                title=call.named.get("title", default_title),
                css=call.named.get("class", ""),
                loading=call.named.get("loading", "lazy"),
            ),
            "html",
        )

    def r_x(self, call: Call) -> _Out:
        user = call.arg("user", position=0 if len(call.positional) > 1 else None).lstrip("@")
        post = call.arg("id", position=1 if len(call.positional) > 1 else 0).strip()
        if not post.isdigit():
            example = '{{< x user="SanDiegoZoo" id="1453110110599868418" >}}'
            return self.error(call, f"{call.name} needs a post id: {example}")
        url = f"https://x.com/{user or 'i'}/status/{post}"
        text = f"Post by @{user} on X" if user else "Post on X"
        return self._link(call, "x", url, text)

    def r_instagram(self, call: Call) -> _Out:
        post = call.arg("id", position=0).strip()
        if not re.fullmatch(r"[\w\-]+", post):
            return self.error(call, "instagram needs a post id: {{< instagram CxOWiQNP2MO >}}")
        url = f"https://www.instagram.com/p/{post}/"
        return self._link(call, "instagram", url, "Instagram post")

    def r_gist(self, call: Call) -> _Out:
        user = call.arg("user", position=0).strip()
        gist = call.arg("id", position=1).strip()
        if not user or not gist:
            return self.error(call, "gist needs a user and an id: {{< gist spf13 7896402 >}}")
        name = call.arg("file", position=2).strip()
        url = f"https://gist.github.com/{user}/{gist}"
        if name:
            url += "#file-" + re.sub(r"[^\w\-]", "-", name.lower())
        text = f"{name} (gist by {user})" if name else f"Gist {gist} by {user}"
        return self._link(call, "gist", url, text)

    def _link(self, call: Call, kind: str, url: str, text: str) -> _Out:
        html = self.services.html("shortcode_link.html", kind=kind, url=url, text=text)
        return _Out(html, "html")


# -- helpers ---------------------------------------------------------------------------------


def _a(word: str) -> str:
    return "an" if word[:1] in "aeiou" else "a"


def _inline_markdown(text: str) -> Markup:
    """A caption's inline Markdown (links, emphasis) as HTML; raw HTML in it is escaped."""
    if not text:
        return Markup("")
    import markdown

    rendered = markdown.markdown(htmllib.escape(text, quote=False)).strip()
    if rendered.startswith("<p>") and rendered.endswith("</p>"):
        rendered = rendered[3:-4]
    return Markup(rendered)


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _indent(text: str, width: int = 4) -> str:
    pad = " " * width
    return "\n".join(pad + line if line.strip() else "" for line in text.split("\n"))


def _fence(code: str, info: str) -> str:
    longest = max((len(m) for m in re.findall(r"`+", code)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}{info}\n{code}\n{fence}"


def _highlight_options(text: str) -> dict[str, str]:
    """Hugo's ``"linenos=table,hl_lines=8 15-17,linenostart=199"``."""
    options: dict[str, str] = {}
    for item in text.split(","):
        if "=" in item:
            key, value = item.split("=", 1)
            options[key.strip().lower()] = value.strip().strip('"')
    return options


def _line_ranges(text: str, count: int) -> list[tuple[int, int]]:
    """Hugo's ``hl_lines`` (``"2 4-5"``, lines of the block counted from 1 whatever
    ``linenostart`` says) as merged ranges inside the block's ``count`` lines: Hugo 0.168
    highlights nothing for a line the block does not have, so ``1-100000000`` on a block of
    3 lines is ``1-3`` (never a list of a hundred million numbers), and ``4-5`` is nothing.
    Linear in the text plus the ranges' sorting."""
    ranges: list[tuple[int, int]] = []
    for item in text.replace(",", " ").split():
        first, dash, last = item.partition("-")
        if not first.isdigit() or (dash and not last.isdigit()):
            continue
        low = _line_number(first, count + 1)  # count + 1: after the block, nothing to show
        high = min(_line_number(last, count + 1), count) if dash else low
        if 1 <= low <= high <= count:
            ranges.append((low, high))
    ranges.sort()
    merged: list[tuple[int, int]] = []
    for low, high in ranges:
        if merged and low <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(merged[-1][1], high))
        else:
            merged.append((low, high))
    return merged


def _line_number(digits: str, most: int) -> int:
    """A line number, at most ``most`` (a number of 5,000 digits is not read whole)."""
    digits = digits.lstrip("0") or "0"
    return most if len(digits) > len(str(most)) else min(int(digits), most)
