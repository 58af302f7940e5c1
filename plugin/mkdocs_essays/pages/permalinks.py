"""Hugo's permalinks: URL patterns such as ``/:year/:month/:day/:slug/``, per section and kind.

The ``permalinks`` option (and Hugo's ``[permalinks]``) is read in each form Hugo 0.168 reads:

- by section, ``{posts: "/:year/:month/:slug/"}``: the regular pages of ``posts/`` (and of its
  subfolders) and, as in Hugo, the term pages of a taxonomy of that name;
- by kind, ``{page: {posts: ...}, section: {posts: ...}, term: {tags: ...}, taxonomy:
  {tags: ...}}``;
- a key of ``/`` (or an empty one) is the pages at the top of the site.

Every token Hugo documents has Hugo's meaning (:data:`TOKENS`), and any other ``:word`` that is
a layout of Go's ``time`` package (``:06``, ``:Jan``, ``:2006``) formats the page's date.
Unknown tokens are refused when the configuration is read, as Hugo refuses them.

Hugo 0.168 does not build the URL from a token as it builds a default path (measured on some
600 generated titles, slugs and file names): a token keeps what a path keeps (letters, digits,
marks, ``. _ - # ~ @ +``, ``%XX``), a ``:title`` turns ``/`` and ``\\`` into ``-``, and a ``#``
that ends a token is dropped (Go reads it as an empty fragment). The expanded pattern is then
decoded as a query string (``%41`` is ``A``, ``+`` a space) and sanitized once more as a
path: lower case (unless ``disablePathToLower``), spaces as single hyphens, empty and ``.``
segments dropped, ``..`` resolved without leaving the site. :func:`hugo_token` and
:func:`hugo_expanded_path` reproduce those two steps.

No MkDocs import: the URL policy (:mod:`.urls`) asks :class:`Permalinks` for a pattern and
expands it with :class:`PageFacts`.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timezone
from typing import Any
from urllib.parse import unquote_plus

from ..model.slugs import resolve_dots

__all__ = [
    "KINDS",
    "TOKENS",
    "PageFacts",
    "Pattern",
    "PermalinkError",
    "Permalinks",
    "hugo_expanded_path",
    "hugo_token",
]

KINDS = ("page", "section", "term", "taxonomy")
"""The kinds of page a permalink may be set for (Hugo's ``permalinksKindsSupport`` without the
home page, whose address is the site's root)."""

TOKENS = (
    "year",
    "month",
    "monthname",
    "day",
    "weekday",
    "weekdayname",
    "yearday",
    "section",
    "sectionslug",
    "sections",
    "sectionslugs",
    "title",
    "slug",
    "slugorfilename",
    "filename",
    "contentbasename",
    "slugorcontentbasename",
)
"""The tokens Hugo 0.168 documents; ``sections`` and ``sectionslugs`` also take a slice
(``:sections[1:]``, ``:sections[last]``)."""

_ZERO = datetime(1, 1, 1, tzinfo=UTC)
"""Go's zero time: the date of a page without one (``:year`` is ``1``, ``:month`` ``01``)."""
_MONTHS = [
    *("January", "February", "March", "April", "May", "June"),
    *("July", "August", "September", "October", "November", "December"),
]
_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


class PermalinkError(ValueError):
    """A permalink setting Hugo would refuse, or one whose pages would leave the site."""


# -- Hugo 0.168's two sanitizing steps ------------------------------------------------------------

_HEX = frozenset("0123456789abcdefABCDEF")
_GO_SPACES = frozenset("\t\n\v\f\r \x85\xa0")
_TOKEN_KEEPS = frozenset("._#~-@+")
_PATH_KEEPS = frozenset("._#~-@+/\\")


def _is_space(char: str) -> bool:
    if char in _GO_SPACES:
        return True
    return ord(char) > 0xFF and (char.isspace() or unicodedata.category(char) == "Zs")


def _go_lower(text: str) -> str:
    """Go's ``strings.ToLower``, rune by rune (``İ`` is ``i``; no letter grows)."""
    out = []
    for char in text:
        if char == "\u0130":
            out.append("i")
            continue
        lowered = char.lower()
        out.append(lowered if len(lowered) == 1 else char)
    return "".join(out)


def _sanitize(text: str, keeps: frozenset[str]) -> str:
    """Go's ``paths.Sanitize``: kept characters as they are, a run of white space one ``-``
    before the next kept character (none at the start, none next to a ``-``), the rest
    dropped."""
    out: list[str] = []
    pending = False
    hyphen = False
    for i, char in enumerate(text):
        if (
            char != " "
            and (
                char in keeps
                or char.isalpha()
                or char.isdecimal()
                or unicodedata.category(char).startswith("M")
            )
        ) or (char == "%" and text[i + 1 : i + 2] in _HEX and text[i + 2 : i + 3] in _HEX):
            hyphen = char == "-"
            if pending and not hyphen:
                out.append("-")
            pending = False
            out.append(char)
        elif out and not hyphen and _is_space(char):
            pending = True
    return "".join(out)


def hugo_token(text: str, *, slashes: bool = True, lower: bool = True) -> str:
    """What Hugo 0.168 puts in a permalink for ``text`` (a title, slug, file or section name)
    before the whole path is cleaned (:func:`hugo_expanded_path`). ``slashes=False`` (a
    title) writes ``/`` and ``\\`` as ``-``."""
    if not slashes:
        text = text.replace("/", "-").replace("\\", "-")
    token = _sanitize(text, _PATH_KEEPS if slashes else _TOKEN_KEEPS)
    if lower:
        token = _go_lower(token)
    if token and token.find("#") == len(token) - 1:
        token = token[:-1]  # Go's url.Parse: an empty fragment
    return token


def hugo_expanded_path(path: str, *, lower: bool = True) -> str:
    """The site-relative location (no slash at either end) Hugo 0.168 writes an expanded
    pattern at: decoded as a query string, sanitized as a path, ``.``/``..`` resolved inside
    the site."""
    decoded = unquote_plus(path, errors="replace")
    cleaned = _sanitize(decoded.rstrip("/"), _PATH_KEEPS)
    if lower:
        cleaned = _go_lower(cleaned)
    return resolve_dots(cleaned)


# -- what a page gives its tokens ------------------------------------------------------------------


@dataclass(frozen=True)
class PageFacts:
    """What a page gives the tokens of a pattern, as Hugo knows it."""

    date: datetime | None = None
    """The page's date (in the site's zone when it was written without one); none: Go's zero
    time, as in Hugo (``:year`` is ``1``)."""
    title: str = ""
    """Hugo's title: from front matter (a page has no automatic title in Hugo)."""
    slug: str | None = None
    filename: str = ""
    """The content base name: the file name without extension and language, or a leaf
    bundle's folder name."""
    sections: tuple[str, ...] = ()
    """The path of the page's section (folder names as written): ``("posts", "2020")`` when
    ``posts/2020/`` has an ``_index.md``, else ``("posts",)``. Empty at the top."""
    section_slugs: tuple[str, ...] = ()
    """For each of ``sections``: the slug of its ``_index.md``, else its title."""


def _slice(cut: str) -> Callable[[tuple[str, ...]], tuple[str, ...]]:
    """Hugo's lenient slice of the sections (``[1:]``, ``[:last]``, ``[last]``, ``[0]``): out
    of range is empty, never an error."""
    cut = cut.strip().lower()
    if not cut:
        return lambda items: items
    if len(cut) < 3 or cut[0] != "[" or cut[-1] != "]":
        return lambda items: ()
    inner = cut[1:-1]

    def index(text: str, low: bool, items: tuple[str, ...]) -> int:
        if text == "":
            return 0 if low else len(items)
        if text == "last":
            return len(items) - 1
        try:
            n = max(int(text), 0)
        except ValueError:
            n = 0
        if n >= len(items):
            return -1 if low else len(items)
        return n

    if ":" not in inner:

        def one(items: tuple[str, ...]) -> tuple[str, ...]:
            if not items:
                return ()
            n = index(inner, True, items)
            return (items[n],) if n >= 0 and items[n] else ()

        return one
    low_text, high_text = inner.split(":", 1)[0], inner.split(":")[1]

    def many(items: tuple[str, ...]) -> tuple[str, ...]:
        if not items:
            return ()
        low, high = index(low_text, True, items), index(high_text, False, items)
        if low < 0 or high < 0:
            return ()
        return items[low:high]

    return many


# -- Go's time layouts (the date tokens beyond the named ones) -------------------------------------


_CHUNKS = (
    *("January", "Jan", "Monday", "Mon", "MST", "002", "01", "02", "03", "04", "05", "06"),
    *("15", "1", "2006", "2", "_2006", "__2", "_2", "3", "4", "5", "PM", "pm"),
    *("Z070000", "Z0700", "Z07"),
)
"""Go's layout elements in the order ``nextStdChunk`` tries them (the first that starts the
rest of the layout wins; ``_2006`` is a ``_`` then ``2006``)."""


def _go_layout(layout: str) -> list[tuple[str, str]]:
    """``layout`` in Go's elements: ``("std", name)`` or ``("text", literal)``, read as Go's
    ``nextStdChunk`` reads them (only letters, digits and ``_`` reach here)."""
    out: list[tuple[str, str]] = []
    i = 0
    text = ""
    while i < len(layout):
        chunk = next((c for c in _CHUNKS if layout.startswith(c, i)), None)
        if chunk is None:
            text += layout[i]
            i += 1
            continue
        if chunk == "_2006":
            text, chunk, i = text + "_", "2006", i + 1
        if text:
            out.append(("text", text))
            text = ""
        out.append(("std", chunk))
        i += len(chunk)
    if text:
        out.append(("text", text))
    return out


_REFERENCE = datetime(2019, 11, 9, 23, 1, 42, 1, tzinfo=UTC)


def _is_go_layout(name: str) -> bool:
    """Hugo's test: a token is a date layout when formatting its reference time (2019-11-09
    23:01:42 UTC) with it changes it (``:PM`` does not: that time is PM)."""
    return _go_format(name, _REFERENCE) != name


def _offset(date: datetime, colon: bool, seconds: bool) -> str:
    delta = date.utcoffset()
    total = int(delta.total_seconds()) if delta is not None else 0
    if total == 0:
        return "Z"
    sign = "-" if total < 0 else "+"
    total = abs(total)
    hours, minutes, secs = total // 3600, total % 3600 // 60, total % 60
    sep = ":" if colon else ""
    out = f"{sign}{hours:02d}{sep}{minutes:02d}"
    return out + f"{sep}{secs:02d}" if seconds else out


def _zone_name(date: datetime) -> str:
    """Go's ``MST``: the zone's abbreviation (``EST``, ``UTC``), or the offset (``-0500``) for
    a date written with an offset and no zone."""
    if isinstance(date.tzinfo, timezone) and date.tzinfo is not UTC:
        return _offset(date, False, False).replace("Z", "UTC")
    return date.tzname() or _offset(date, False, False)


def _format_std(name: str, date: datetime) -> str:
    hour12 = date.hour % 12 or 12
    yearday = date.timetuple().tm_yday
    values = {
        "January": _MONTHS[date.month - 1],
        "Jan": _MONTHS[date.month - 1][:3],
        "Monday": _DAYS[date.weekday()],
        "Mon": _DAYS[date.weekday()][:3],
        "MST": _zone_name(date),
        "01": f"{date.month:02d}",
        "02": f"{date.day:02d}",
        "03": f"{hour12:02d}",
        "04": f"{date.minute:02d}",
        "05": f"{date.second:02d}",
        "06": f"{date.year % 100:02d}",
        "002": f"{yearday:03d}",
        "15": f"{date.hour:02d}",
        "1": str(date.month),
        "2006": f"{date.year:04d}",
        "2": str(date.day),
        "__2": f"{yearday:>3d}",
        "_2": f"{date.day:>2d}",
        "3": str(hour12),
        "4": str(date.minute),
        "5": str(date.second),
        "PM": "PM" if date.hour >= 12 else "AM",
        "pm": "pm" if date.hour >= 12 else "am",
        "Z0700": _offset(date, False, False),
        "Z070000": _offset(date, False, True),
        "Z07": _offset(date, False, False)[:3],
    }
    return values[name]


def _go_format(layout: str, date: datetime) -> str:
    return "".join(
        value if kind == "text" else _format_std(value, date) for kind, value in _go_layout(layout)
    )


def _named_date(name: str, date: datetime) -> str:
    if name == "year":
        return str(date.year)
    if name == "month":
        return f"{date.month:02d}"
    if name == "monthname":
        return _MONTHS[date.month - 1]
    if name == "day":
        return f"{date.day:02d}"
    if name == "weekday":
        return str((date.weekday() + 1) % 7)  # Go: Sunday is 0
    if name == "weekdayname":
        return _DAYS[date.weekday()]
    return str(date.timetuple().tm_yday)  # yearday


# -- patterns -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Token:
    name: str
    """``year``, ``sections``, ``2006``..."""
    cut: str = ""
    """A slice of ``sections``/``sectionslugs`` as written (``[1:]``), else empty."""


_ESCAPED_COLON = "\x00"
_WORD = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")


@dataclass(frozen=True)
class Pattern:
    """A parsed permalink pattern: literal text and tokens, as Hugo's ``:\\w+(\\[.+?\\])?``
    finds them (read here in one pass, without a regex)."""

    text: str
    parts: tuple[str | Token, ...]

    @classmethod
    def parse(cls, text: str) -> Pattern:
        """Raises :class:`PermalinkError` for a token Hugo does not know."""
        source = text.replace("\\:", _ESCAPED_COLON)
        parts: list[str | Token] = []
        literal: list[str] = []
        i = 0
        last_close = source.rfind("]")  # no "]" after it: no slice to look for (linear time)
        while i < len(source):
            char = source[i]
            end = i + 1
            while char == ":" and end < len(source) and source[end] in _WORD:
                end += 1
            if char != ":" or end == i + 1:
                literal.append(char.replace(_ESCAPED_COLON, ":"))
                i += 1
                continue
            name = source[i + 1 : end]
            cut = ""
            if end + 2 <= last_close and source[end] == "[":
                close = source.find("]", end + 2)  # `.+?`: at least one character inside
                if close != -1:
                    cut = source[end : close + 1]
                    end = close + 1
            if not _known(name, cut):
                raise PermalinkError(
                    f"{text!r} has the token ':{name}{cut}', which Hugo does not know; the "
                    "tokens are " + ", ".join(f":{t}" for t in TOKENS) + " and Go date "
                    "layouts such as :2006 or :Jan"
                )
            if literal:
                parts.append("".join(literal))
                literal = []
            parts.append(Token(name, cut))
            i = end
        if literal:
            parts.append("".join(literal))
        return cls(text, tuple(parts))

    @property
    def has_tokens(self) -> bool:
        return any(isinstance(part, Token) for part in self.parts)

    def expand(self, page: PageFacts, *, lower: bool = True) -> str:
        """The location (site-relative, no slash at either end) of ``page`` by this pattern."""
        out = []
        for part in self.parts:
            out.append(part if isinstance(part, str) else _value(part, page, lower))
        return hugo_expanded_path("".join(out), lower=lower)


def _known(name: str, cut: str) -> bool:
    if cut:
        return name in ("sections", "sectionslugs") or _is_go_layout(name + cut)
    return name in TOKENS or _is_go_layout(name)


def _value(token: Token, page: PageFacts, lower: bool) -> str:
    name = token.name

    def urlize(text: str, *, slashes: bool = True) -> str:
        return hugo_token(text, slashes=slashes, lower=lower)

    def slug_else(other: str) -> str:
        slug = page.slug.strip("-") if page.slug else ""  # Hugo trims a slug's hyphens
        return urlize(slug) if page.slug else other

    if name in ("year", "month", "monthname", "day", "weekday", "weekdayname", "yearday"):
        return _named_date(name, page.date or _ZERO)
    if name == "section":
        return page.sections[0] if page.sections else ""
    if name == "sectionslug":
        return urlize(page.section_slugs[0], slashes=False) if page.section_slugs else ""
    if name == "sections":
        return "/".join(_slice(token.cut)(page.sections))
    if name == "sectionslugs":
        slugs = tuple(urlize(s, slashes=False) for s in page.section_slugs)
        return "/".join(_slice(token.cut)(slugs))
    if name == "title":
        return urlize(page.title, slashes=False)
    if name == "slug":
        return slug_else(urlize(page.title, slashes=False))
    if name in ("filename", "contentbasename"):
        return urlize(page.filename)
    if name in ("slugorfilename", "slugorcontentbasename"):
        return slug_else(urlize(page.filename))
    return _go_format(name + token.cut, page.date or _ZERO)


# -- the configuration ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Rule:
    kind: str
    """``page``, ``section``, ``term`` or ``taxonomy``."""
    key: str
    """The section (``posts``, ``docs/guides``) or taxonomy (``tags``); ``""``: the top."""
    pattern: Pattern
    where: str = "permalinks"
    """The setting, as messages name it (``permalinks.posts``)."""

    def matches(self, kind: str, path: str) -> bool:
        """``path``: the page's own path (``posts/2020/x``, ``tags/llm``, ``posts``)."""
        if kind != self.kind:
            return False
        if not self.key:
            return bool(path) and "/" not in path  # Hugo's "/*"
        return path == self.key or path.startswith(self.key + "/")


@dataclass(frozen=True)
class Permalinks:
    """The permalink rules of a site, most specific section first (where two keys overlap,
    ``posts`` and ``posts/notes``, Hugo 0.168 picks either one at random)."""

    rules: tuple[Rule, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.rules)

    def rule(self, kind: str, path: str) -> Rule | None:
        """The rule for a page of ``kind`` at ``path`` (lower case, as Hugo matches)."""
        path = path.strip("/").lower()
        for rule in self.rules:
            if rule.matches(kind, path):
                return rule
        return None

    def keys(self, kind: str) -> tuple[str, ...]:
        return tuple(rule.key for rule in self.rules if rule.kind == kind)

    @classmethod
    def parse(cls, value: Any, *, option: str = "permalinks") -> Permalinks:
        """Read ``value`` as Hugo reads ``[permalinks]`` (see the module's docstring).

        Raises :class:`PermalinkError` naming ``option`` and the key for anything Hugo refuses
        and for a pattern that leaves the site.
        """
        if value is None:
            return cls()
        if not isinstance(value, Mapping):
            raise PermalinkError(
                f"{option}: expected a table of section: pattern (posts: /:year/:month/:slug/) "
                f"or of kind: {{section: pattern}}, got {type(value).__name__}"
            )
        rules: list[Rule] = []
        for key, setting in value.items():
            name = str(key)
            if isinstance(setting, str):
                # by section: the section's pages and, as in Hugo, the terms of a taxonomy of
                # that name
                pattern = _pattern(setting, f"{option}.{name}")
                where = f"{option}.{name}"
                rules.append(Rule("page", _section_key(name), pattern, where))
                rules.append(Rule("term", _section_key(name), pattern, where))
            elif isinstance(setting, Mapping):
                kind = name.lower()
                if kind not in KINDS:
                    raise PermalinkError(
                        f"{option}.{name}: {name!r} is not a kind of page a permalink can be set "
                        f"for ({', '.join(KINDS)}); a section takes a pattern, "
                        f"{name}: /{name}/:slug/"
                    )
                for section, text in setting.items():
                    where = f"{option}.{name}.{section}"
                    if not isinstance(text, str):
                        raise PermalinkError(f"{where}: expected a pattern such as /:slug/")
                    rules.append(
                        Rule(kind, _section_key(str(section)), _pattern(text, where), where)
                    )
            else:
                raise PermalinkError(
                    f"{option}.{name}: expected a pattern such as /{name}/:slug/ or a table "
                    f"of sections, got {setting!r}"
                )
        # most specific first, then as written (Python keeps the order of the file)
        ordered = sorted(enumerate(rules), key=lambda r: (-r[1].key.count("/"), -len(r[1].key)))
        return cls(tuple(rule for _, rule in ordered))


def _section_key(key: str) -> str:
    """Hugo's ``sectionToPathGlob``: spaces and slashes around the key do not count."""
    return key.strip(" /").lower()


def _pattern(text: str, where: str) -> Pattern:
    stripped = text.strip()
    if "://" in stripped or stripped.startswith("//"):
        raise PermalinkError(
            f"{where}: {text!r} points to another site; a permalink is a path of this site "
            "such as /:year/:month/:slug/"
        )
    if any(ord(c) < 0x20 for c in stripped):
        raise PermalinkError(f"{where}: {text!r} contains a control character; remove it")
    try:
        pattern = Pattern.parse(stripped)
    except PermalinkError as error:
        raise PermalinkError(f"{where}: {error}") from None
    literal = "".join(p for p in pattern.parts if isinstance(p, str))
    decoded = unquote_plus(literal).replace("\\", "/")
    if ".." in decoded.split("/"):
        raise PermalinkError(
            f"{where}: {text!r} has a '..' segment, which would place pages outside the "
            "folder the pattern names (or outside the site); write the path without '..'"
        )
    return pattern
