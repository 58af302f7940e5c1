"""The fields Hugo gives meaning to, checked and normalised.

Keys are matched case-insensitively, as Hugo does (``showTableOfContents``, ``ShowToc``), and
Hugo's alternative keys count: ``pubdate``/``published`` for ``publishDate``, ``modified`` for
``lastmod``, ``unpublishdate`` for ``expiryDate``. Any other key is kept as a param.

Each wrong field is one :class:`~mkdocs_essays.errors.FrontMatterError` naming the file, the
line of the key and what was expected. A value Hugo accepts but reads otherwise than it looks
(``draft = "yes"`` is no draft, ``weight = "abc"`` is 0, a blank tag gets a term page) is read
as Hugo reads it, and a warning with the file and line goes into :attr:`FrontMatter.warnings`.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo
from decimal import Decimal
from types import MappingProxyType
from typing import Any

from ..errors import FrontMatterError
from .casts import hugo_bool, hugo_int, unix_time
from .dates import DateParseError, to_datetime

__all__ = ["FrontMatter", "FrontMatterErrors", "validate"]

# Canonical name -> the keys Hugo reads for it, in order of precedence (lower case).
DATE_KEYS: Mapping[str, tuple[str, ...]] = {
    "date": ("date",),
    "publishDate": ("publishdate", "pubdate", "published"),
    "expiryDate": ("expirydate", "unpublishdate"),
    "lastmod": ("lastmod", "modified"),
}
STRING_KEYS = ("title", "summary", "description", "slug", "url")
TOC_KEYS = ("showtableofcontents", "toc", "showtoc")
LIST_KEYS = ("aliases", "keywords")
DEFAULT_TAXONOMIES: Mapping[str, str] = {"tag": "tags", "category": "categories"}

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class FrontMatterErrors(Exception):
    """Every problem found in one file's front matter, each with its own line."""

    def __init__(self, errors: Sequence[FrontMatterError]) -> None:
        self.errors = tuple(errors)
        super().__init__("\n".join(str(e) for e in self.errors))


@dataclass(frozen=True)
class FrontMatter:
    """A page's front matter with Hugo's meaning applied."""

    title: str | None = None
    date: datetime | None = None
    publish_date: datetime | None = None
    expiry_date: datetime | None = None
    lastmod: datetime | None = None
    draft: bool = False
    taxonomies: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """Plural taxonomy name (``tags``, ``categories``, ...) -> terms as written."""
    summary: str | None = None
    description: str | None = None
    slug: str | None = None
    url: str | None = None
    aliases: tuple[str, ...] = ()
    weight: int = 0
    keywords: tuple[str, ...] = ()
    show_toc: bool | None = None
    params: Mapping[str, Any] = field(default_factory=dict)
    """Every other key, as written."""
    format: str | None = None
    """``toml``, ``yaml``, ``json``, or None for a page without front matter."""
    lines: Mapping[str, int] = field(default_factory=dict, repr=False, compare=False)
    """Line in the file of each top-level key (lower case), for later messages."""
    line: int = 1
    """Line of the file where the block's content starts."""
    warnings: tuple[FrontMatterError, ...] = field(default=(), compare=False)
    """Values read as Hugo 0.168 reads them but likely not as meant (``draft = "yes"`` is
    published); the build reports each as a warning."""

    def line_of(self, *keys: str) -> int:
        """The line of the first of ``keys`` present (lower case), else where the block starts."""
        for key in keys:
            if key.lower() in self.lines:
                return self.lines[key.lower()]
        return self.line

    @property
    def tags(self) -> tuple[str, ...]:
        return self.taxonomies.get("tags", ())

    @property
    def categories(self) -> tuple[str, ...]:
        return self.taxonomies.get("categories", ())

    def meta(self) -> dict[str, Any]:
        """The mapping MkDocs keeps in ``page.meta``: params plus the normalised fields.

        ``tags`` is a list of strings and dates are datetimes, so other plugins (Material's tags
        plugin, RSS plugins) read them as they expect. ``title`` is left raw: the adapter decides
        how MkDocs templates receive it.
        """
        meta: dict[str, Any] = dict(self.params)
        scalar = {
            "title": self.title,
            "date": self.date,
            "publishDate": self.publish_date,
            "expiryDate": self.expiry_date,
            "lastmod": self.lastmod,
            "summary": self.summary,
            "description": self.description,
            "slug": self.slug,
            "url": self.url,
        }
        meta.update({key: value for key, value in scalar.items() if value is not None})
        if self.draft:
            meta["draft"] = True
        for name, terms in self.taxonomies.items():
            meta[name] = list(terms)
        if self.aliases:
            meta["aliases"] = list(self.aliases)
        if self.keywords:
            meta["keywords"] = list(self.keywords)
        if self.weight:
            meta["weight"] = self.weight
        if meta.get("hide") is not None and not isinstance(meta["hide"], list | str):
            meta["hide"] = _hidden(meta["hide"])  # Material asks `"toc" in page.meta.hide`
        if self.show_toc is False:
            hide = _hidden(meta.get("hide"))
            if "toc" not in hide:
                hide.append("toc")
            meta["hide"] = hide
        return meta


def _hidden(value: object) -> list[Any]:
    """Material's ``hide`` as a list: a list as it is, nothing for nothing, any other value (a
    theme's own ``hide = true`` or ``hide = 5``) as the one item of a list, which Material
    ignores (a bare ``5`` would stop its templates), and to which ``toc = false`` adds
    ``toc``."""
    if value is None or value == "" or value == []:
        return []
    if isinstance(value, list | tuple):
        return list(value)
    return [value]


_SHOWN = 60
"""Characters of a value a message shows (a 5 MB string is not repeated back)."""


def _show(value: object, budget: int = _SHOWN) -> str:
    """The value as the writer would write it, shortened to about ``budget`` characters."""
    if isinstance(value, list | tuple):
        parts: list[str] = []
        used = 1
        for item in value:
            if used >= budget:
                parts.append("…")
                break
            part = _show(item, budget - used)
            parts.append(part)
            used += len(part) + 2
        return "[" + ", ".join(parts) + "]"
    if isinstance(value, str):
        text = repr(value)
    elif isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, dict):
        text = "a table"
    elif isinstance(value, datetime | date | time):
        text = value.isoformat()
    elif isinstance(value, int) and value.bit_length() > 64:
        text = "a number too long to show"
    else:
        text = repr(value)
    return text if len(text) <= budget else text[: max(budget - 1, 1)] + "…"


def _as_list(value: object) -> str:
    """How to write a single value as a list: ``"LLM, RAG"`` -> ``["LLM", "RAG"]``."""
    if isinstance(value, str) and value.strip():
        items = [item.strip() for item in value.split(",") if item.strip()] or [value]
    elif isinstance(value, int | float) and not isinstance(value, bool):
        items = [_show(value)]
    else:
        items = ["first", "second"]
    shown = ", ".join(json.dumps(item, ensure_ascii=False) for item in items)
    return "[" + shown + "]" if len(shown) <= _SHOWN else '["first", "second"]'


_DEPTH = 32
"""Lists and tables nested deeper than this are no front matter a writer means."""
_VALUES = 100_000
"""Values a key may expand to (YAML aliases can make a few lines mean billions)."""
_SURROGATE = re.compile("[\ud800-\udfff]")


def shape_problem(value: Any) -> str | None:
    """What makes a loaded value unusable, or None: a list or table that contains itself (YAML
    anchors), nesting deeper than :data:`_DEPTH`, more than :data:`_VALUES` values once YAML
    aliases are expanded, or an escaped lone surrogate (``"\\ud800"``), which no file can
    hold as text. Iterative and linear in the distinct values, so it is safe on any input."""
    sizes: dict[int, int] = {}
    depths: dict[int, int] = {}
    open_: set[int] = set()
    stack: list[tuple[Any, bool]] = [(value, False)]
    while stack:
        item, done = stack.pop()
        if isinstance(item, str):
            if _SURROGATE.search(item):
                code = ord(_SURROGATE.search(item).group())  # type: ignore[union-attr]
                return f"contains the escape \\u{code:04x}, half of a character pair; remove it"
            continue
        if not isinstance(item, list | tuple | dict | set | frozenset):
            continue
        key = id(item)
        children = [*item.keys(), *item.values()] if isinstance(item, dict) else list(item)
        if done:
            open_.discard(key)
            nested = [c for c in children if id(c) in sizes]
            sizes[key] = 1 + sum(sizes[id(c)] for c in nested) + len(children) - len(nested)
            depths[key] = 1 + max((depths[id(c)] for c in nested), default=0)
            if depths[key] > _DEPTH:
                return f"is nested more than {_DEPTH} levels deep; write flat values"
            if sizes[key] > _VALUES:
                return (
                    f"expands to more than {_VALUES:,} values (YAML aliases repeating each "
                    "other?); write the values out"
                )
            continue
        if key in sizes:
            continue
        if key in open_:
            return "contains itself (a YAML alias inside its own anchor); write the values out"
        open_.add(key)
        stack.append((item, True))
        stack.extend((child, False) for child in children)
    return None


def hugo_string(value: Any) -> str | None:
    """A scalar as Hugo 0.168 prints it where it wants a string (a title, a tag), or None for
    a list or table. Checked with Hugo: ``42`` -> ``42``, ``2.50`` -> ``2.5``, ``1e3`` ->
    ``1000``, ``true`` -> ``true``, ``inf`` -> ``+Inf``, a TOML date ``2020-04-19`` ->
    ``2020-04-19``, ``2020-04-19T10:00:00Z`` -> ``2020-04-19 10:00:00 +0000 UTC`` (Go's
    ``time.Time``), a local date-time -> ``2020-04-19T10:00:00``; a YAML date stays as
    written."""
    written = getattr(value, "written", None)
    if isinstance(written, str):
        return written
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "NaN"
        if math.isinf(value):
            return "+Inf" if value > 0 else "-Inf"
        text = format(Decimal(repr(value)), "f")  # Go's FormatFloat(f, 'f', -1, 64)
        return text.rstrip("0").rstrip(".") if "." in text else text
    if isinstance(value, datetime):
        if value.tzinfo is None:
            return value.isoformat()
        offset = value.utcoffset() or timedelta(0)
        minutes = int(offset.total_seconds()) // 60
        zone = f"{'-' if minutes < 0 else '+'}{abs(minutes) // 60:02d}{abs(minutes) % 60:02d}"
        fraction = f".{value.microsecond:06d}".rstrip("0") if value.microsecond else ""
        name = "UTC" if minutes == 0 else zone
        return f"{value:%Y-%m-%d %H:%M:%S}{fraction} {zone} {name}"
    if isinstance(value, date | time):
        return value.isoformat()
    return None


class _Checker:
    def __init__(self, data: Mapping[str, Any], path: str, lines: Mapping[str, int], first: int):
        self.data = data
        self.path = path
        self.lines = lines
        self.first = first
        self.errors: list[FrontMatterError] = []
        # lower-case key -> key as written (the first spelling wins, as in Hugo)
        self.keys: dict[str, str] = {}
        for key in data:
            self.keys.setdefault(str(key).lower(), key)
        self.used: set[str] = set()
        self.warnings: list[FrontMatterError] = []

    def line(self, key: str) -> int:
        return self.lines.get(key.lower(), self.first)

    def fail(self, key: str, message: str) -> None:
        self.errors.append(FrontMatterError(self.path, self.line(key), message))

    def warn(self, key: str, message: str) -> None:
        self.warnings.append(FrontMatterError(self.path, self.line(key), message))

    def get(self, lower: str) -> tuple[str, Any] | None:
        key = self.keys.get(lower)
        if key is None:
            return None
        self.used.add(key)
        return key, self.data[key]

    def text(self, lower: str) -> str | None:
        found = self.get(lower)
        if found is None:
            return None
        key, value = found
        if value is None:
            return None
        value = hugo_string(value)  # Hugo publishes `title = 42` titled "42"
        if value is None:  # Hugo 0.168 publishes `title = [1, 2]` with an empty title
            self.warn(
                key,
                f"'{key}' must be one string, got {_show(found[1])}: Hugo 0.168 ignores it, "
                f'and so does this build; write {key} = "..."',
            )
            return None
        control = _CONTROL.search(value)
        if control:
            code = ord(control.group())
            self.fail(key, f"'{key}' contains the control character U+{code:04X}; remove it")
            return None
        return value

    def strings(
        self, key: str, value: Any, what: str = "strings", *, terms: bool = False
    ) -> tuple[str, ...] | None:
        """A list of strings as Hugo reads one: a single scalar is a list of one (``tags =
        "LLM"``), scalars become text (``[1, 2.5, true]``), empty items and nulls are left
        out (Hugo 0.168 drops them); a table, or a list or table inside the list, makes Hugo
        ignore the whole field: so does this, with a warning. A blank item (``"  "``) is
        kept, as in Hugo: for ``terms`` (a taxonomy) it gets a term page, with a warning."""
        if value is None:
            return ()
        if not isinstance(value, list | tuple):
            if hugo_string(value) is None:
                self.warn(
                    key,
                    f"'{key}' must be a list of {what}, got {_show(value)}: Hugo 0.168 "
                    f"ignores it, and so does this build; write {_as_list(value)}",
                )
                return None
            value = [value]
        items = [hugo_string(item) for item in value if item is not None]
        if any(item is None for item in items):
            self.warn(
                key,
                f"'{key}' must be a list of {what}, got {_show(value)}: Hugo 0.168 ignores "
                "the whole list, and so does this build; write flat values",
            )
            return None
        value = [item for item in items if item]
        if any(_CONTROL.search(item) for item in value):
            self.fail(key, f"'{key}' has an item with a control character; remove it")
            return None
        blank = next((item for item in value if not item.strip()), None)
        if blank is not None and terms:
            self.warn(
                key,
                f"'{key}' has the blank item {_show(blank)}: Hugo 0.168 gives it a term page "
                "with a blank title, and so does this build; remove it or give it a name",
            )
        return tuple(value)

    def draft(self) -> bool:
        """``draft`` as Hugo 0.168 reads it (``cast.ToBool``): true, a non-zero number or one of
        Go's true strings (``"true"``, ``"t"``, ``"1"``) is a draft; any other value is not,
        and one that is neither true nor false to Go (``"yes"``, ``[true]``) is warned about,
        since Hugo publishes the page."""
        found = self.get("draft")
        if found is None:
            return False
        key, value = found
        draft, understood = hugo_bool(value)
        if not understood:
            self.warn(
                key,
                f"'{key}' is {_show(value)}, which Hugo 0.168 does not read as true: the page "
                f"is published, not a draft, in Hugo and in this build; write {key} = true to "
                f"keep it a draft, or {key} = false",
            )
        return draft

    def weight(self) -> int:
        """``weight`` as Hugo 0.168 reads it (``cast.ToInt``): ``"5"`` is 5, ``1.5`` is 1;
        a value it cannot read (``"abc"``, a list) is 0, with a warning."""
        found = self.get("weight")
        if found is None:
            return 0
        key, value = found
        weight, understood = hugo_int(value)
        if not understood:
            self.warn(
                key,
                f"'{key}' is {_show(value)}, not a whole number Hugo 0.168 can read: the page "
                f"has weight 0 in Hugo and in this build; write a number such as {key} = 5",
            )
        return weight

    def boolean(self, lower: str) -> bool | None:
        """A theme's switch (``toc``, ``showToc``): Hugo 0.168 gives it no meaning and accepts
        any value; one that is not true or false is ignored here, with a warning."""
        found = self.get(lower)
        if found is None:
            return None
        key, value = found
        if isinstance(value, bool):
            return value
        if isinstance(value, int):
            return value != 0
        if isinstance(value, str) and value.strip().lower() in ("true", "false"):
            return value.strip().lower() == "true"
        self.warn(
            key,
            f"'{key}' must be true or false, got {_show(value)}: this build ignores it (the "
            f"table of contents is shown); write {key} = false to hide it",
        )
        return None

    def when(
        self, names: Sequence[str], zone: tzinfo, format: str | None = None
    ) -> datetime | None:
        """The first of ``names`` present as a date. As in Hugo 0.168 an empty string or a null
        is no date (``expiryDate = ""``), and a whole TOML or YAML number is seconds since
        1970 (``date = 1700000000`` is 2023-11-14T22:13:20Z); a JSON number, a float, a
        boolean or a list is an error, as in Hugo."""
        for lower in names:
            found = self.get(lower)
            if found is None:
                continue
            key, value = found
            if value is None or value == "":
                return None
            if isinstance(value, int) and not isinstance(value, bool) and format != "json":
                return unix_time(value)
            try:
                if isinstance(value, int | float) and not isinstance(value, bool):
                    raise DateParseError(
                        "Hugo reads no JSON number as a date"
                        if format == "json"
                        else "Hugo reads whole numbers as seconds since 1970, not fractions"
                    )
                return to_datetime(value, zone)
            except DateParseError as error:
                self.fail(
                    key,
                    f"'{key}' must be a date such as 2025-01-03 or 2025-01-03T10:10:10+01:00, "
                    f"got {_show(value)} ({error})",
                )
                return None
        return None


def validate(
    data: Mapping[str, Any],
    *,
    path: str,
    key_lines: Mapping[str, int],
    first_line: int,
    zone: tzinfo,
    taxonomies: Mapping[str, str] = DEFAULT_TAXONOMIES,
    format: str | None = None,
    check_extra: Callable[[str, Any], str | None] | None = None,
) -> FrontMatter:
    """Check ``data`` and return its :class:`FrontMatter`, or raise :class:`FrontMatterErrors`."""
    data, shapes = _usable(data, path, key_lines, first_line)
    check = _Checker(data, path, key_lines, first_line)
    check.errors.extend(shapes)
    for key in data:
        if not isinstance(key, str):
            check.errors.append(
                FrontMatterError(path, first_line, f"the key {_show(key)} must be a string")
            )
    strings = {name: check.text(name) for name in STRING_KEYS}
    date, publish, lastmod, expiry = _dates(check, zone, format)
    draft = check.draft()
    show_toc = next((check.boolean(name) for name in TOC_KEYS if name in check.keys), None)
    terms = _terms(check, taxonomies)
    lists = _lists(check)
    weight = check.weight()
    params = _params(check, data, check_extra)
    if check.errors:
        raise FrontMatterErrors(sorted(check.errors, key=lambda e: e.line or 0))
    return FrontMatter(
        title=strings["title"],
        date=date,
        publish_date=publish,
        expiry_date=expiry,
        lastmod=lastmod,
        draft=bool(draft),
        taxonomies=MappingProxyType(terms),
        summary=strings["summary"],
        description=strings["description"],
        slug=strings["slug"],
        url=strings["url"],
        aliases=lists.get("aliases", ()),
        weight=weight,
        keywords=lists.get("keywords", ()),
        show_toc=show_toc,
        params=MappingProxyType(params),
        format=format,
        lines=MappingProxyType(dict(key_lines)),
        line=first_line,
        warnings=tuple(sorted(check.warnings, key=lambda e: e.line or 0)),
    )


def _usable(
    data: Mapping[str, Any], path: str, key_lines: Mapping[str, int], first_line: int
) -> tuple[dict[Any, Any], list[FrontMatterError]]:
    """The keys whose values can be read, and an error for each of the others (nothing else is
    read from such a value: a message would have to show it)."""
    shapes: list[FrontMatterError] = []
    usable: dict[Any, Any] = {}
    for key, value in data.items():
        problem = shape_problem([key, value])
        if problem is None:
            usable[key] = value
            continue
        name = str(key) if len(str(key)) <= 40 else str(key)[:39] + "…"
        line = key_lines.get(str(key).lower(), first_line)
        shapes.append(FrontMatterError(path, line, f"'{name}' {problem}"))
    return usable, shapes


def _dates(
    check: _Checker, zone: tzinfo, format: str | None
) -> tuple[datetime | None, datetime | None, datetime | None, datetime | None]:
    """``date``, ``publishDate``, ``lastmod`` and ``expiryDate``, with Hugo's fallbacks:
    date <- publishDate <- lastmod; publishDate <- date; lastmod <- date <- publishDate."""
    own = {name: check.when(keys, zone, format) for name, keys in DATE_KEYS.items()}
    date = own["date"] or own["publishDate"] or own["lastmod"]
    publish = own["publishDate"] or date
    lastmod = own["lastmod"] or own["date"] or own["publishDate"]
    return date, publish, lastmod, own["expiryDate"]


def _terms(check: _Checker, taxonomies: Mapping[str, str]) -> dict[str, tuple[str, ...]]:
    """The terms of each taxonomy (its plural names the key), each once, in order."""
    terms: dict[str, tuple[str, ...]] = {}
    for plural in dict.fromkeys(taxonomies.values()):
        found = check.get(plural.lower())
        if found is None:
            continue
        key, value = found
        listed = check.strings(key, value, terms=True)
        if listed is not None:
            terms[plural] = tuple(dict.fromkeys(listed))
    return terms


def _lists(check: _Checker) -> dict[str, tuple[str, ...]]:
    lists: dict[str, tuple[str, ...]] = {}
    for name in LIST_KEYS:
        found = check.get(name)
        if found is None:
            continue
        key, value = found
        listed = check.strings(key, value)
        if listed is not None:
            lists[name] = listed
    return lists


def _params(
    check: _Checker,
    data: Mapping[str, Any],
    check_extra: Callable[[str, Any], str | None] | None,
) -> dict[str, Any]:
    """Every key no field took (Hugo's page params), each checked by ``check_extra``."""
    params = {key: value for key, value in data.items() if key not in check.used}
    if check_extra is not None:
        for key, value in params.items():
            problem = check_extra(key, value)
            if problem:
                check.fail(key, problem)
    return params
