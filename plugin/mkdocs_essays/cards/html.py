"""A card's HTML, text and links, cut out of its essay's rendered body (no MkDocs import).

Each section's Markdown is rendered once, on the essay page; a card page shows the slice of
that HTML between its heading and the next heading of the same or a higher level. The body's
tokens are the ones its one reading made (:class:`~mkdocs_essays.parsing.html.ParsedHtml`),
and every slice is written back balanced (:func:`~mkdocs_essays.parsing.html.balance`),
whatever the essay holds, so a card page is well-formed for browsers and for Material's search
indexer (which stops the build on an unbalanced page).

Footnotes (Python-Markdown's ``footnotes`` extension) are moved: the essay's list
(``<div class="footnote">``) is left out of every slice, and each card ends with a list of
the footnotes its own section references (and, up to :data:`NESTED_NOTES`, those they cite),
numbered as on the essay page, with the links back to references that are on the card. Leads
and text leave out the reference numbers.

Links in a slice were written for the essay page, so :func:`rebase` points them from the
card's page.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import urlsplit, urlunsplit

from ..model.text import first_words
from ..pages.urls import relative_url
from ..parsing.html import (
    EMPTY,
    END,
    NOT_TEXT,
    START,
    TEXT,
    Attrs,
    Event,
    ParsedHtml,
    Token,
    attr,
    balance,
    classes,
    ids_of,
    tag_text,
    visible_text,
)
from .model import Link

__all__ = [
    "EssayBody",
    "Fragment",
    "PageHeading",
    "first_sentence",
    "ids_in",
    "lead_of",
    "links_of",
    "page_headings",
    "rebase",
    "resolve",
    "section_of",
]

_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_PROSE_NAMES = "p li blockquote dd dt td th figcaption h1 h2 h3 h4 h5 h6 pre"
_PROSE_BLOCKS = frozenset(_PROSE_NAMES.split())
_WRAPPERS = ("section", "div", "article", "aside")


def _target(attrs: Attrs | None) -> str | None:
    """The id an ``href="#id"`` points at."""
    href = attr(attrs, "href")
    return href[1:] if href and href.startswith("#") else None


_NOT_LEAD = frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "pre"})
_BLOCKISH = _PROSE_BLOCKS | frozenset(
    {"div", "ul", "ol", "dl", "table", "details", "figure", "section", "article", "aside"}
)
"""Elements that start a block: a prose block's lead stops at one inside it."""


# -- the fragment of a card ---------------------------------------------------------------------


class Fragment:
    """A balanced piece of HTML: what a card page shows of its section."""

    def __init__(self, events: list[Event], match: list[int]) -> None:
        self.events = events
        self.match = match
        """For each START event, the index of its END event."""
        self._ids: set[str] | None = None

    @classmethod
    def parse(cls, source: str) -> Fragment:
        """Any HTML, balanced."""
        return cls(*ParsedHtml(source).balanced())

    @property
    def html(self) -> str:
        return "".join(e[3] for e in self.events).strip()

    @property
    def ids(self) -> set[str]:
        """The ids of its elements."""
        if self._ids is None:
            self._ids = ids_of(self.events)
        return self._ids

    @property
    def tags(self) -> set[str]:
        """The names of its elements."""
        return {e[1] for e in self.events if e[0] in (START, EMPTY)}

    def wrapper(self) -> str:
        """An element name the fragment does not use, to wrap it in.

        Material's search indexer matches an end tag to a ``data-search-exclude`` element by
        name only, so an excluded ``<div>`` around a fragment holding a ``<div>`` (an
        admonition, a code block) stops being excluded at that inner ``</div>``, and a later
        ``</li>`` stops the build. A name not inside the fragment cannot end it early.
        """
        used = self.tags
        for name in _WRAPPERS:
            if name not in used:
                return name
        n = 1
        while f"essay-card-section-{n}" in used:
            n += 1
        return f"essay-card-section-{n}"

    def _text(self, lo: int, hi: int, *, drop: frozenset[str] = frozenset()) -> str:
        """The plain text of events ``lo..hi``: no footnote numbers, permalinks, scripts, nor
        the elements named in ``drop``."""
        return visible_text(self.events, self.match, lo, hi, drop=drop)

    @property
    def text(self) -> str:
        """The visible text, footnotes included, without reference numbers."""
        return self._text(0, len(self.events))

    def lead(self, *, limit: int = 40) -> str:
        """The first sentence of the first block of prose (not a heading, code, an
        admonition's title or a footnote), at most ``limit`` words."""
        events, match = self.events, self.match
        i = 0
        while i < len(events):
            kind, tag, attrs, _ = events[i]
            if kind != START:
                i += 1
                continue
            names = classes(attrs)
            if (
                tag in _NOT_LEAD
                or tag in NOT_TEXT
                or "admonition-title" in names
                or (tag == "div" and "footnote" in names)
            ):
                i = match[i] + 1
                continue
            if tag in _PROSE_BLOCKS:
                # its own text, up to a block inside it (a list item's note, a nested list)
                stop = i + 1
                while stop < match[i] and not (
                    events[stop][0] == START and events[stop][1] in _BLOCKISH
                ):
                    stop += 1
                text = self._text(i + 1, stop)
                if text:
                    return first_words(first_sentence(text), limit)
                i = stop if stop < match[i] else match[i] + 1  # else look inside
                continue
            i += 1
        prose = self._without_footnotes()
        text = prose._text(0, len(prose.events), drop=_NOT_LEAD)  # prose outside blocks
        return first_words(first_sentence(text), limit) if text else ""

    def _without_footnotes(self) -> Fragment:
        events, match = self.events, self.match
        for i, (kind, tag, attrs, _) in enumerate(events):
            if kind == START and tag == "div" and "footnote" in classes(attrs):
                end = match[i] + 1
                shift = end - i
                kept = events[:i] + events[end:]
                pairs = match[:i] + [m - shift if m >= end else m for m in match[end:]]
                return Fragment(kept, pairs)._without_footnotes()
        return self

    def links(self, page_url: str, *, local_ids: set[str]) -> tuple[Link, ...]:
        """The outbound links, written for the page at ``page_url`` (permalinks and links to
        ids inside the fragment are not outbound)."""
        links: list[Link] = []
        seen: set[str] = set()
        events, match = self.events, self.match
        inner = -1  # where an <a> inside the last link starts
        for i, (kind, tag, attrs, _) in enumerate(events):
            if kind != START or tag != "a":
                continue
            url = attr(attrs, "href")
            if not url or "headerlink" in classes(attrs):
                continue
            if url.startswith("#") and url[1:] in local_ids:
                continue
            target = resolve(url, page_url)
            shown = target if target is not None else url
            if shown in seen:
                continue
            seen.add(shown)
            # An <a> inside an <a> ends the outer one's text (as a browser reads it): each
            # event is read once, however deep links nest.
            end = match[i]
            if inner < i:
                inner = next(
                    (j for j in range(i + 1, end) if events[j][0] == START and events[j][1] == "a"),
                    end,
                )
            links.append(Link(self._text(i + 1, min(end, inner)), shown, target is not None))
        return tuple(links)

    def rebase(self, essay_url: str, card_url: str, *, local_ids: set[str]) -> str:
        """The HTML with its links pointed from ``card_url`` instead of ``essay_url``.

        ``#x`` stays when ``x`` is inside the fragment, else it goes to ``essay_url#x``.
        """
        to_essay = relative_url(essay_url, card_url)

        def move(url: str) -> str:
            if url.startswith("#"):
                return url if url[1:] in local_ids else to_essay + url
            target = resolve(url, essay_url)
            return url if target is None else relative_url(target, card_url)

        pieces: list[str] = []
        for kind, tag, attrs, written in self.events:
            if attrs and kind in (START, EMPTY):
                moved = tuple(
                    (k, move(v) if v is not None and k in ("href", "src") else v) for k, v in attrs
                )
                if moved != attrs:
                    written = tag_text(tag, moved, empty=written.endswith("/>"))
            pieces.append(written)
        return "".join(pieces).strip()


# -- the essay's body ---------------------------------------------------------------------------


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
    body: EssayBody | None = field(default=None, compare=False, repr=False)
    """The parsed body it was found in."""


@dataclass
class _Footnote:
    start: int
    """Token of its ``<li>``."""
    number: int
    """Its number in the essay's list."""
    stop: int = -1
    """The token after it."""
    events: tuple[list[Event], list[int]] | None = None


NESTED_NOTES = 16
"""Footnotes a card shows because footnotes on it cite them (not its section itself)."""


class EssayBody:
    """A rendered essay body, read once: its top-level headings, its footnotes, its sections.

    One pass keeps a stack of open elements as an HTML parser does (an end tag closes up to
    its start tag; a stray one is ignored; void and self-closed elements hold nothing; script
    and style hold text only). A heading is top level when nothing is open around it.
    """

    def __init__(self, body: ParsedHtml | str) -> None:
        self.parsed = body if isinstance(body, ParsedHtml) else ParsedHtml(body)
        """The body's one reading (shared with whatever else reads the body)."""
        self.source = self.parsed.source
        self.tokens = self.parsed.tokens
        self.stop: dict[int, int] = {}
        """Token of an element's start -> the token after the element."""
        self.headings: list[PageHeading] = []
        self._heading_tokens: list[tuple[int, int]] = []
        self.footnotes: dict[str, _Footnote] = {}
        """Footnote id (``fn:x``) -> where it is."""
        self.containers: dict[int, int] = {}
        """Start token of each footnote list (``<div class="footnote">``) -> the token after."""
        self._scan(self.tokens)

    def _scan(self, tokens: list[Token]) -> None:
        stack: list[int] = []
        open_tags: dict[str, int] = {}
        opened: int | None = None  # the token of a top-level heading's start tag
        numbers: dict[int, int] = {}  # an <ol> of footnotes -> its last item's number
        lists: dict[int, int] = {}  # an <ol> of footnotes -> its <div class="footnote">
        candidates: set[int] = set()  # <div class="footnote">, a list of footnotes if it holds one
        used: set[int] = set()
        items: dict[int, _Footnote] = {}
        stop = self.stop
        for i, (kind, tag, attrs, _, _) in enumerate(tokens):
            if kind == START:
                if not stack:
                    if tag in _HEADINGS:
                        opened = i
                elif tag == "li" and stack[-1] in numbers:
                    numbers[stack[-1]] += 1
                    ident = attr(attrs, "id")
                    if ident and ident not in self.footnotes:
                        items[i] = self.footnotes[ident] = _Footnote(i, numbers[stack[-1]])
                        used.add(lists[stack[-1]])
                elif tag == "ol" and stack[-1] in candidates:
                    numbers[i] = 0
                    lists[i] = stack[-1]
                if tag == "div" and attrs and "footnote" in classes(attrs):
                    candidates.add(i)
                stack.append(i)
                open_tags[tag] = open_tags.get(tag, 0) + 1
            elif kind == END and open_tags.get(tag):
                while True:
                    at = stack.pop()
                    name = tokens[at][1]
                    open_tags[name] -= 1
                    if name == tag:
                        stop[at] = i + 1
                        break
                    stop[at] = i
                if not stack and opened is not None and tag in _HEADINGS:
                    self._heading(opened, i)
                    opened = None
        for at in stack:
            stop[at] = len(tokens)
        self.containers = {at: stop[at] for at in sorted(used)}
        for at, note in items.items():
            note.stop = stop[at]

    def _heading(self, first: int, last: int) -> None:
        _, tag, attrs, start, _ = self.tokens[first]
        end = self.tokens[last][4]
        ident = next((v for k, v in attrs or () if k == "id" and v), "")
        text = self.parsed.text(first, last + 1)
        self.headings.append(PageHeading(int(tag[1]), ident, text, start, end, self))
        self._heading_tokens.append((first, last + 1))

    def text_before(self, index: int) -> str:
        """The visible text of the body before ``headings[index]``."""
        return self.parsed.text(0, self._heading_tokens[index][0])

    def section(self, index: int) -> Fragment:
        """The section under ``headings[index]``, up to the next heading of the same or a
        higher level, balanced, ending with the footnotes it references."""
        level = self.headings[index].level
        lo = self._heading_tokens[index][1]
        hi = len(self.tokens)
        for at in range(index + 1, len(self.headings)):
            if self.headings[at].level <= level:
                hi = self._heading_tokens[at][0]
                break
        return self._section(lo, hi)

    def _section(self, lo: int, hi: int) -> Fragment:
        events, match = balance(self.source, self.tokens, lo, hi, skip=self.containers)
        if self.footnotes:
            notes = self._notes_for(events)
            if notes:
                return self._with_notes(events, match, notes)
        return Fragment(events, match)

    def _note(self, ident: str) -> tuple[list[Event], list[int]]:
        note = self.footnotes[ident]
        if note.events is None:
            note.events = balance(self.source, self.tokens, note.start, note.stop)
        return note.events

    def _references(self, events: Iterable[Event]) -> list[str]:
        found = []
        for kind, tag, attrs, _ in events:
            if attrs and kind == START and tag == "a" and "footnote-ref" in classes(attrs):
                target = _target(attrs)
                if target in self.footnotes:
                    found.append(target)
        return found

    def _notes_for(self, events: list[Event]) -> list[str]:
        """The footnotes a section references, in order of first reference, with those they
        reference in turn: at most :data:`NESTED_NOTES` of these (a chain of a thousand notes
        each citing the next was copied whole into every card: quadratic). A reference to a
        note the card does not show links to the essay page's note."""
        notes = list(dict.fromkeys(self._references(events)))
        limit = len(notes) + NESTED_NOTES
        seen = set(notes)
        at = 0
        while at < len(notes) and len(notes) < limit:
            for target in self._references(self._note(notes[at])[0]):
                if target not in seen and len(notes) < limit:
                    seen.add(target)
                    notes.append(target)
            at += 1
        return notes

    def _with_notes(self, events: list[Event], match: list[int], notes: list[str]) -> Fragment:
        """The section followed by its own footnote list, numbered as on the essay page; back
        links to references that are not on the card are left out."""
        kept = ids_of(events)
        for ident in notes:
            kept |= ids_of(self._note(ident)[0])
        out = _Builder(events, match)
        out.text("\n")
        out.open("div", (("class", "footnote"),))
        out.text("\n")
        out.empty("hr")
        out.text("\n")
        out.open("ol", None)
        out.text("\n")
        for ident in notes:
            note = self.footnotes[ident]
            item, pairs = self._note(ident)
            drop = [
                i
                for i, (kind, tag, attrs, _) in enumerate(item)
                if attrs
                and kind == START
                and tag == "a"
                and "footnote-backref" in classes(attrs)
                and _target(attrs) not in kept
            ]
            first = item[0]
            if first[0] == START and not attr(first[2], "value"):
                attrs = (*(first[2] or ()), ("value", str(note.number)))
                item = [(START, first[1], attrs, tag_text(first[1], attrs)), *item[1:]]
            out.extend(item, pairs, drop=drop)
            out.text("\n")
        out.close()
        out.text("\n")
        out.close()
        return Fragment(out.events, out.match)


class _Builder:
    """Events written one by one, each START paired with its END."""

    def __init__(self, events: list[Event], match: list[int]) -> None:
        self.events = list(events)
        self.match = list(match)
        self.stack: list[int] = []

    def _add(self, event: Event) -> None:
        self.events.append(event)
        self.match.append(-1)

    def text(self, text: str) -> None:
        self._add((TEXT, "", None, text))

    def empty(self, tag: str) -> None:
        self._add((EMPTY, tag, None, f"<{tag} />"))

    def open(self, tag: str, attrs: Attrs | None) -> None:
        self.stack.append(len(self.events))
        self._add((START, tag, attrs, tag_text(tag, attrs)))

    def close(self) -> None:
        at = self.stack.pop()
        self.match[at] = len(self.events)
        tag = self.events[at][1]
        self._add((END, tag, None, f"</{tag}>"))

    def extend(self, events: list[Event], match: list[int], *, drop: Iterable[int] = ()) -> None:
        """A balanced piece, without the elements starting at the events in ``drop``."""
        left_out = [False] * len(events)
        for start in drop:
            for i in range(start, match[start] + 1):
                if left_out[i]:
                    break  # the rest is inside an element already left out
                left_out[i] = True
        base = len(self.events)
        place: list[int] = []  # old index -> new index
        for out in left_out:
            place.append(-1 if out else base)
            if not out:
                base += 1
        for i, event in enumerate(events):
            if not left_out[i]:
                self.events.append(event)
                self.match.append(place[match[i]] if match[i] >= 0 else -1)


# -- the functions the rest of the plugin calls ------------------------------------------------


def page_headings(body: str) -> list[PageHeading]:
    """Every top-level heading of a rendered body, in order."""
    return EssayBody(body).headings


def section_of(body: str, headings: list[PageHeading], index: int) -> str:
    """The HTML after ``headings[index]`` up to the next heading of the same or a higher level,
    balanced, with the footnotes it references (see :meth:`EssayBody.section`)."""
    parsed = headings[index].body
    if parsed is None or parsed.source != body:
        parsed = EssayBody(body)
    return parsed.section(index).html


def ids_in(fragment: str) -> set[str]:
    """The ids of the elements of an HTML fragment."""
    return Fragment.parse(fragment).ids


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
    """Point the links of a fragment written for ``essay_url`` from ``card_url`` instead
    (the fragment comes back balanced; see :meth:`Fragment.rebase`)."""
    return Fragment.parse(fragment).rebase(essay_url, card_url, local_ids=local_ids)


def links_of(fragment: str | ParsedHtml, page_url: str, *, local_ids: set[str]) -> tuple[Link, ...]:
    """The outbound links of a fragment written for ``page_url`` (permalinks and links to ids
    inside the fragment are not outbound). A :class:`ParsedHtml` is not read again."""
    parsed = fragment if isinstance(fragment, ParsedHtml) else ParsedHtml(fragment)
    return Fragment(*parsed.balanced()).links(page_url, local_ids=local_ids)


def lead_of(fragment: str, *, limit: int = 40) -> str:
    """The first sentence of a section's first block of prose, at most ``limit`` words."""
    return Fragment.parse(fragment).lead(limit=limit)


_ABBREVIATION_NAMES = "e.g i.e etc vs cf dr mr mrs ms prof st no fig approx al inc ltd jr sr"
_ABBREVIATIONS = frozenset(_ABBREVIATION_NAMES.split())
_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s)|[。！？]+")


def first_sentence(text: str) -> str:
    """The first sentence of a plain text ("e.g." and the like do not end one)."""
    for end in _SENTENCE_END.finditer(text):
        at = end.start()
        begin = at
        while begin > 0 and not text[begin - 1].isspace():
            begin -= 1  # the word before the stop (each is looked at once)
        word = text[begin:at].lower().rstrip(".")
        if end.group(0) == "." and word in _ABBREVIATIONS:
            continue
        if end.group(0) == "." and len(word) == 1 and word.isalpha():
            continue  # an initial: "J. Smith"
        rest = text[end.end() : end.end() + 64].lstrip()
        if rest and rest[0].islower():
            continue
        return text[: end.end()].strip()
    return text.strip()
