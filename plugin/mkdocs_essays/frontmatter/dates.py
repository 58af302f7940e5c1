"""Dates as Hugo reads them: TOML/YAML date values and the string layouts Hugo accepts.

Every date leaves this module timezone-aware. A value written without a zone (``2024-03-05``,
``2024-03-05T10:11:12``) takes the site's zone, as Hugo's ``timeZone`` setting does.

The string layouts are Go reference layouts (the list Hugo inherits from spf13/cast), compiled
to regular expressions here. Named zones other than UTC/GMT are read as offset zero, which is
what Go (and so Hugo) does with an abbreviation it cannot resolve.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo
from functools import cache

__all__ = ["LAYOUTS", "DateParseError", "to_datetime"]


class DateParseError(ValueError):
    """The value is not a date Hugo would read."""


# The layouts Hugo accepts, in the order it tries them (verified with Hugo 0.168).
LAYOUTS: tuple[str, ...] = (
    "2006-01-02",
    "2006-01-02T15:04:05Z07:00",  # RFC 3339
    "2006-01-02T15:04:05",
    "Mon, 02 Jan 2006 15:04:05 -0700",  # RFC 1123Z
    "Mon, 02 Jan 2006 15:04:05 MST",  # RFC 1123
    "02 Jan 06 15:04 -0700",  # RFC 822Z
    "02 Jan 06 15:04 MST",  # RFC 822
    "Monday, 02-Jan-06 15:04:05 MST",  # RFC 850
    "2006-01-02 15:04:05 -0700 MST",  # Go's Time.String()
    "2006-01-02T15:04:05-0700",
    "2006-01-02 15:04:05Z0700",
    "2006-01-02 15:04:05",
    "Mon Jan _2 15:04:05 2006",  # ANSI C
    "Mon Jan _2 15:04:05 MST 2006",  # Unix date
    "Mon Jan 02 15:04:05 -0700 2006",  # Ruby date
    "2006-01-02 15:04:05Z07:00",
    "02 Jan 2006",
    "2006-01-02 15:04:05 -07:00",
    "2006-01-02 15:04:05 -0700",
)

_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_LONG_MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
_DAYS = "monday|tuesday|wednesday|thursday|friday|saturday|sunday"

# Go layout element -> regular expression with a named group.
_ELEMENTS: tuple[tuple[str, str], ...] = (
    ("January", "(?P<longmonth>" + "|".join(_LONG_MONTHS) + ")"),
    ("Monday", "(?:" + _DAYS + ")"),
    ("Z07:00", r"(?P<zone>Z|[+-]\d\d:\d\d)"),
    ("Z0700", r"(?P<zone>Z|[+-]\d\d\d\d)"),
    ("-07:00", r"(?P<zone>[+-]\d\d:\d\d)"),
    ("-0700", r"(?P<zone>[+-]\d\d\d\d)"),
    ("2006", r"(?P<year>\d{4})"),
    ("MST", r"(?P<zonename>[A-Z]{3,5}|[+-]\d\d)"),
    ("Jan", "(?P<month3>" + "|".join(_MONTHS) + ")"),
    ("Mon", "(?:mon|tue|wed|thu|fri|sat|sun)"),
    ("_2", r"(?P<day>[ \d]?\d)"),
    ("01", r"(?P<month>\d\d)"),
    ("02", r"(?P<day>\d\d)"),
    ("15", r"(?P<hour>\d\d)"),
    ("04", r"(?P<minute>\d\d)"),
    ("05", r"(?P<second>\d\d)(?P<fraction>[.,]\d+)?"),
    ("06", r"(?P<year2>\d\d)"),
)


def translate_layout(
    layout: str, table: Sequence[tuple[str, str]], literal: Callable[[str], str]
) -> str:
    """A Go reference layout (``"January 2, 2006"``) in another notation, element by element.

    ``table`` maps Go's layout elements to their translation, longer elements first;
    ``literal`` translates any other character.
    """
    out: list[str] = []
    i = 0
    while i < len(layout):
        for token, translation in table:
            if layout.startswith(token, i):
                out.append(translation)
                i += len(token)
                break
        else:
            out.append(literal(layout[i]))
            i += 1
    return "".join(out)


def _compile(layout: str) -> re.Pattern[str]:
    return re.compile("^" + translate_layout(layout, _ELEMENTS, re.escape) + "$", re.IGNORECASE)


_COMPILED = tuple((layout, _compile(layout)) for layout in LAYOUTS)


@cache
def _zone(name: str) -> tzinfo:
    if name.upper() == "Z":
        return UTC
    sign = -1 if name[0] == "-" else 1
    digits = name[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:4] or 0)
    if hours > 23 or minutes > 59:
        raise DateParseError(f"the zone offset {name!r} is out of range")
    return timezone(sign * timedelta(hours=hours, minutes=minutes))


def _from_match(match: re.Match[str], default_zone: tzinfo) -> datetime:
    parts = match.groupdict()
    if parts.get("year") is not None:
        year = int(parts["year"])
    else:
        # Go's two-digit years: 69-99 are 19xx, 00-68 are 20xx.
        short = int(parts["year2"])
        year = 1900 + short if short >= 69 else 2000 + short
    if parts.get("month") is not None:
        month = int(parts["month"])
    elif parts.get("month3") is not None:
        month = _MONTHS.index(parts["month3"].lower()) + 1
    else:
        month = _LONG_MONTHS.index(parts["longmonth"].lower()) + 1
    day = int(parts["day"].strip())
    hour = int(parts.get("hour") or 0)
    minute = int(parts.get("minute") or 0)
    second = int(parts.get("second") or 0)
    fraction = parts.get("fraction")
    micro = round(float("0." + fraction[1:]) * 1_000_000) if fraction else 0
    micro = min(micro, 999_999)
    zone: tzinfo = default_zone
    if parts.get("zone"):
        zone = _zone(parts["zone"])
    elif parts.get("zonename"):
        name = parts["zonename"]
        zone = _zone(name + ("00" if len(name) == 3 else "")) if name[0] in "+-" else UTC
    try:
        return datetime(year, month, day, hour, minute, second, micro, tzinfo=zone)
    except ValueError as error:
        raise DateParseError(str(error)) from None


def _short(value: object) -> str:
    """``repr(value)`` cut to about 40 characters (a message never repeats a long value)."""
    shown = repr(value)
    return shown if len(shown) <= 40 else shown[:39] + "…"


def parse_date_string(text: str, default_zone: tzinfo) -> datetime:
    """Read a date string in one of Hugo's layouts, or raise :class:`DateParseError`."""
    value = text.strip()
    for _layout, pattern in _COMPILED:
        match = pattern.match(value)
        if match:
            return _from_match(match, default_zone)
    raise DateParseError(f"{_short(text)} is not a date Hugo can read")


def to_datetime(value: object, default_zone: tzinfo) -> datetime:
    """Turn a front matter value (TOML/YAML date or datetime, or a string) into an aware one."""
    if isinstance(value, datetime):
        return value if value.tzinfo is not None else value.replace(tzinfo=default_zone)
    if isinstance(value, date):
        return datetime.combine(value, time(0, 0), tzinfo=default_zone)
    if isinstance(value, str):
        return parse_date_string(value, default_zone)
    if isinstance(value, time):
        raise DateParseError(f"{value.isoformat()} is a time of day without a date")
    raise DateParseError(f"{_short(value)} is not a date")
