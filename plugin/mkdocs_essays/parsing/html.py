"""Rendered HTML read once into tokens, and the one way the plugin turns HTML into text.

:func:`tokenize` reads HTML with Python's HTML parser (:mod:`html.parser`) into tokens that
cover it exactly, whatever it holds (a ``<`` that starts no tag, a comment never closed, a
broken declaration are text). :func:`balance` writes a run of tokens back *balanced*: an
element opened in it is closed in it, an end tag with no start tag is left out, an end tag
that closes elements left open closes them first, ``<div/>`` becomes ``<div></div>``, and a
``<`` the parser read as text is written ``&lt;``. :func:`visible_text` is the text a reader
sees in balanced HTML: no scripts, styles, templates, permalinks or footnote numbers; block
elements separate words. :class:`ParsedHtml` is a body read once and carried with it, so every
reader of an essay's body (its text, its summary, its cards, its links) shares one reading.

Attributes are tuples, and so is every token: the garbage collector stops tracking tuples of
strings and numbers, so the hundreds of thousands of tokens of a large site cost it nothing
(lists of attributes, tracked, made it scan them again and again: reading took 60% longer).
"""

from __future__ import annotations

import html as htmllib
import re
from bisect import bisect_left
from collections.abc import Iterable, Mapping, Sequence
from html.parser import HTMLParser

__all__ = [
    "EMPTY",
    "END",
    "OTHER",
    "SELF",
    "START",
    "TEXT",
    "Attrs",
    "Event",
    "ParsedHtml",
    "Token",
    "attr",
    "balance",
    "classes",
    "html_to_text",
    "ids_of",
    "tag_text",
    "tokenize",
    "visible_text",
]

_VOID_NAMES = "area base br col embed hr img input link meta param source track wbr"
VOID = frozenset(_VOID_NAMES.split())
"""Elements without content (the same list as Material's search indexer)."""
RAW_TEXT = frozenset(HTMLParser.CDATA_CONTENT_ELEMENTS)
"""Elements whose content the parser reads as text (script, style)."""
FOREIGN = frozenset({"svg", "math"})
"""Inside these, ``<x/>`` is an empty element, as browsers read it."""
_SPACED_NAMES = "p div h1 h2 h3 h4 h5 h6 li ul ol pre blockquote table tr td th br hr section"
SPACED = frozenset((_SPACED_NAMES + " figure").split())
"""Tags that separate words in plain text."""
NOT_TEXT = frozenset({"script", "style", "template"})
"""Elements whose content is not text a reader sees."""
NOT_PROSE_LINKS = frozenset({"headerlink", "footnote-ref", "footnote-backref"})
"""Links whose text is not prose: permalinks, footnote numbers and back links."""

# Token kinds. START opens an element; EMPTY is a void element's tag; SELF is ``<x/>`` of any
# other element; OTHER is a comment, declaration or processing instruction; TEXT is what lies
# between them: character data (raw text inside script and style), or source the parser read
# as text (a ``<`` that starts no tag, an unclosed comment).
START, END, EMPTY, SELF, TEXT, OTHER = range(6)

Attrs = tuple[tuple[str, str | None], ...]
Token = tuple[int, str, Attrs | None, int, int]
"""kind, tag, attributes, start offset, end offset."""
Event = tuple[int, str, Attrs | None, str]
"""kind, tag, attributes, HTML as written: one piece of a balanced fragment."""


# -- reading ------------------------------------------------------------------------------------


class _Tokenizer(HTMLParser):
    """The tags, comments and declarations of a piece of HTML, with their offsets, and the
    text between them (``TEXT`` tokens, so that together they cover it exactly).

    Where the parser is: it moves only through :meth:`updatepos` (from ``i`` to ``j``, in
    the data it holds), so that offset is kept as it goes, instead of its line and column
    (which would be counted per token and turned back into an offset per token).
    """

    def __init__(self, source: str, base: int, cursor: int, tokens: list[Token]) -> None:
        super().__init__(convert_charrefs=True)
        self.source = source
        self.base = base
        self.pos = base
        """The offset in ``source`` of what the parser is reading."""
        self.shift = base
        """The offset in ``source`` of the data the parser holds (``rawdata``)."""
        self.cursor = cursor
        """Where the last token ends."""
        self.tokens = tokens

    def updatepos(self, i: int, j: int) -> int:
        self.pos = self.shift + j
        return j

    def read(self, text: str) -> None:
        """Feed ``text`` (``source`` from ``base``) and close."""
        self.feed(text)
        # what feed() left unread is read again by close(), from the start of its data
        self.shift = self.base + len(text) - len(self.rawdata)
        self.close()

    def _add(self, token: Token) -> None:
        start = token[3]
        cursor = self.cursor
        if start < cursor:
            return  # (a parser never reads a place twice; this keeps the cover exact)
        if start > cursor:
            self.tokens.append((TEXT, "", None, cursor, start))
        self.tokens.append(token)
        self.cursor = token[4]

    def _tag(self, kind: int, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        start = self.pos
        if start >= self.cursor:
            end = start + len(self.get_starttag_text() or "")
            self._add((EMPTY if tag in VOID else kind, tag, tuple(attrs) or None, start, end))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._tag(START, tag, attrs)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._tag(SELF, tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        start = self.pos
        if start >= self.cursor:
            end = self.source.find(">", start + 2) + 1 or len(self.source)
            self._add((END, tag, None, start, end))

    def _other(self, data: str, prefix: int) -> None:
        """A comment (``<!--`` data ``-->``), declaration, processing instruction: it ends at
        the first ``>`` after its data (or with the source, when never closed)."""
        start = self.pos
        end = self.source.find(">", start + prefix + len(data)) + 1 or len(self.source)
        self._add((OTHER, "", None, start, end))

    def handle_comment(self, data: str) -> None:
        self._other(data, 4 if self.source.startswith("<!--", self.pos) else 2)

    def handle_decl(self, decl: str) -> None:
        self._other(decl, 2)

    def handle_pi(self, data: str) -> None:
        self._other(data, 2)

    def unknown_decl(self, data: str) -> None:
        self._other(data, 3)


_COMMENT_CLOSE = re.compile(r"--\s*>")
_SECTION_CLOSE = re.compile(r"\]\s*>")


def _never_closed(source: str) -> str:
    """``source`` with the ``<`` of constructs that cannot end made text (``\x00``, same
    length, so offsets stay): a start tag, end tag, declaration or comment after the last
    ``>``, a comment after the last ``-->``, a marked section after the last ``]>``.

    Python 3.11's parser looks for the end of each of them to the end of the source, one
    after the other (16,000 unclosed ``<a href='x`` took 45 s); it then reads each as text,
    which is what they become here at once.
    """
    cuts: list[int] = []
    last = source.rfind(">")
    at = source.find("<", last + 1)
    while at != -1:
        cuts.append(at)
        at = source.find("<", at + 1)
    for opener, close in (("<!--", _COMMENT_CLOSE), ("<![", _SECTION_CLOSE)):
        end = 0
        for found in close.finditer(source):
            end = found.end()
        at = source.find(opener, end)
        while at != -1 and at <= last:
            cuts.append(at)
            at = source.find(opener, at + 1)
    if not cuts:
        return source
    pieces: list[str] = []
    at = 0
    for cut in sorted(set(cuts)):
        pieces += [source[at:cut], "\x00"]
        at = cut + 1
    pieces.append(source[at:])
    return "".join(pieces)


def tokenize(original: str) -> list[Token]:
    """Every token of ``original`` in order; together they cover it exactly."""
    source = _never_closed(original)
    tokens: list[Token] = []
    cursor = 0
    base = 0
    while True:
        parser = _Tokenizer(source, base, cursor, tokens)
        try:
            parser.read(source[base:] if base else source)
        except AssertionError:
            # Python 3.11's parser gives up on a few broken constructs (``<![foo``): the ``<``
            # it stopped at is text, and reading goes on after it.
            stop = parser.pos
            while tokens and tokens[-1][3] >= stop:
                tokens.pop()  # (what it read from there on is read again)
            if tokens and tokens[-1][0] == TEXT:
                tokens.pop()  # the text before a token left out (made again up to the next)
            cursor = tokens[-1][4] if tokens else 0
            base = stop + 1
            continue
        cursor = parser.cursor
        break
    if cursor < len(source):
        tokens.append((TEXT, "", None, cursor, len(source)))
    return tokens


# -- attributes and tags ------------------------------------------------------------------------


def attr(attrs: Attrs | None, name: str) -> str | None:
    """The value of the attribute ``name`` (the first one given), or None."""
    if attrs:
        for key, value in attrs:
            if key == name:
                return value
    return None


def classes(attrs: Attrs | None) -> list[str]:
    return (attr(attrs, "class") or "").split()


def tag_text(tag: str, attrs: Attrs | None, *, empty: bool = False) -> str:
    """A start tag as written for these attributes (``empty``: ``<x />``)."""
    parts = [f"<{tag}"]
    for name, value in attrs or ():
        parts.append(f" {name}" if value is None else f' {name}="{htmllib.escape(value)}"')
    parts.append(" />" if empty else ">")
    return "".join(parts)


def ids_of(events: Iterable[Event] | Iterable[Token]) -> set[str]:
    """The ids of the elements among events or tokens."""
    ids: set[str] = set()
    for kind, _, attrs, *_ in events:
        if attrs and kind in (START, EMPTY, SELF):
            for key, value in attrs:
                if key == "id" and value is not None:
                    ids.add(value)
    return ids


# -- balancing ----------------------------------------------------------------------------------


def balance(
    source: str,
    tokens: Sequence[Token],
    lo: int,
    hi: int,
    *,
    skip: Mapping[int, int] | None = None,
    replace: Mapping[int, str] | None = None,
) -> tuple[list[Event], list[int]]:
    """Tokens ``lo..hi`` as balanced events, and for each START event the index of its END.

    ``skip`` maps a token to the token to go on at (an element left out); ``replace`` gives
    another text for a tag. One pass, keeping the stack of open elements (and how many of
    each name are open, and whether svg or math, script or style is)."""
    events: list[Event] = []
    match: list[int] = []
    stack: list[int] = []
    open_tags: dict[str, int] = {}
    foreign = raw = 0  # svg or math open; script or style open
    i = lo
    while i < hi:
        if skip and i in skip:
            i = max(skip[i], i + 1)
            continue
        kind, tag, attrs, start, end = tokens[i]
        written = replace[i] if replace and i in replace else source[start:end]
        i += 1
        if kind == TEXT:
            if not raw and "<" in written:
                # text to the parser is text to a browser; "</>" is nothing to both
                written = written.replace("</>", "").replace("<", "&lt;")
            events.append((TEXT, "", None, written))
            match.append(-1)
        elif kind == START:
            stack.append(len(events))
            open_tags[tag] = open_tags.get(tag, 0) + 1
            foreign += tag in FOREIGN
            raw += tag in RAW_TEXT
            events.append((START, tag, attrs, written))
            match.append(-1)
        elif kind == END:
            if open_tags.get(tag):  # (else a stray end tag)
                closed = _close(events, match, stack, open_tags, tag, written)
                foreign -= closed[0]
                raw -= closed[1]
        elif kind == SELF and not foreign:  # <div/>: <div></div>
            match += [len(events) + 1, -1]
            events += [(START, tag, attrs, tag_text(tag, attrs)), (END, tag, None, f"</{tag}>")]
        elif kind == OTHER and not written.endswith(">"):
            events.append((TEXT, "", None, written.replace("<", "&lt;")))  # never closed
            match.append(-1)
        else:  # EMPTY, SELF in svg or math, OTHER
            events.append((EMPTY if kind == SELF else kind, tag, attrs, written))
            match.append(-1)
    while stack:  # what is left open is closed at the end
        _close(events, match, stack, open_tags, events[stack[-1]][1], "")
    return events, match


def _close(
    events: list[Event],
    match: list[int],
    stack: list[int],
    open_tags: dict[str, int],
    tag: str,
    written: str,
) -> tuple[int, int]:
    """Close the open elements down to the last ``tag`` (an element left open inside it is
    closed first); ``written`` is the end tag as written (``</tag>`` when empty). How many
    svg or math, and script or style elements were closed."""
    foreign = raw = 0
    while True:
        at = stack.pop()
        name = events[at][1]
        open_tags[name] -= 1
        foreign += name in FOREIGN
        raw += name in RAW_TEXT
        match[at] = len(events)
        events.append((END, name, None, written if name == tag and written else f"</{name}>"))
        match.append(-1)
        if name == tag:
            return foreign, raw


# -- text ---------------------------------------------------------------------------------------


def visible_text(
    events: Sequence[Event],
    match: Sequence[int],
    lo: int = 0,
    hi: int | None = None,
    *,
    drop: frozenset[str] = frozenset(),
) -> str:
    """The text a reader sees in balanced events ``lo..hi``, entities decoded, white space
    collapsed: no scripts, styles, templates, permalinks, footnote numbers and back links, nor
    the elements named in ``drop``; the tags of blocks separate words, other tags do not."""
    pieces: list[str] = []
    i = lo
    hi = len(events) if hi is None else hi
    while i < hi:
        kind, tag, attrs, written = events[i]
        if kind == TEXT:
            pieces.append(htmllib.unescape(written) if "&" in written else written)
        elif kind == START and (
            tag in NOT_TEXT
            or tag in drop
            or (attrs and tag == "a" and NOT_PROSE_LINKS.intersection(classes(attrs)))
        ):
            i = match[i] + 1
            continue
        elif tag in SPACED:
            pieces.append(" ")
        i += 1
    return " ".join("".join(pieces).split())


class ParsedHtml:
    """A piece of rendered HTML (an essay's body), read once: its tokens are made on first
    use and shared by everything that reads it (its text, summary, cards and links)."""

    def __init__(self, source: str) -> None:
        self.source = source
        self._tokens: list[Token] | None = None
        self._whole: tuple[list[Event], list[int]] | None = None
        self._starts: list[int] | None = None

    @property
    def tokens(self) -> list[Token]:
        if self._tokens is None:
            self._tokens = tokenize(self.source)
        return self._tokens

    def balanced(self, lo: int = 0, hi: int | None = None) -> tuple[list[Event], list[int]]:
        """Tokens ``lo..hi`` (all by default: made once) as balanced events and their ends."""
        tokens = self.tokens
        if lo == 0 and hi is None:
            if self._whole is None:
                self._whole = balance(self.source, tokens, 0, len(tokens))
            return self._whole
        return balance(self.source, tokens, lo, len(tokens) if hi is None else hi)

    def text(self, lo: int = 0, hi: int | None = None) -> str:
        """The visible text of tokens ``lo..hi`` (:func:`visible_text`)."""
        return visible_text(*self.balanced(lo, hi))

    def code(self) -> str:
        """The text of the code blocks (``<pre>`` elements: each to the first ``</pre>``
        after it, the last to the end when never closed), in one pass."""
        tokens = self.tokens
        parts: list[str] = []
        i = 0
        while i < len(tokens):
            if tokens[i][0] != START or tokens[i][1] != "pre":
                i += 1
                continue
            end = i + 1
            while end < len(tokens) and not (tokens[end][0] == END and tokens[end][1] == "pre"):
                end += 1
            parts.append(self.text(i, end))
            i = end + 1
        return " ".join(parts)

    def token_at(self, offset: int) -> int:
        """The index of the first token that starts at ``offset`` or after it."""
        if self._starts is None:
            self._starts = [token[3] for token in self.tokens]
        return bisect_left(self._starts, offset)


def html_to_text(fragment: str) -> str:
    """The visible text of a piece of HTML (:func:`visible_text`)."""
    return ParsedHtml(fragment).text()
