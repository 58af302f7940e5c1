"""How Hugo 0.168 turns a front matter value into the number or boolean a field needs.

Hugo reads ``weight`` and ``draft`` with spf13/cast (``cast.ToInt``, ``cast.ToBool``), which
never fails: a value it cannot read becomes 0 or false. These functions give the same result
and say whether the value was understood, so the caller can warn when a value is thrown away
(``weight = "abc"`` is weight 0 in Hugo; ``draft = "yes"`` is no draft).

Checked with Hugo 0.168 on a site whose layout prints ``{{ .Weight }}`` and ``{{ .Draft }}``
(see ``tests/unit/test_hugo_scalars.py`` for each value and its result).
"""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta

__all__ = ["go_parse_int", "hugo_bool", "hugo_int", "unix_time"]

_INT64 = 1 << 63
_DIGITS = {2: "01", 8: "01234567", 10: "0123456789", 16: "0123456789abcdef"}


def _underscores_ok(text: str) -> bool:
    """Go's ``underscoreOK``: an underscore separates digits (a base prefix counts as one)."""
    if text[:1] in "+-":
        text = text[1:]
    saw = "^"
    i = 0
    hexadecimal = False
    if len(text) >= 2 and text[0] == "0" and text[1].lower() in "box":
        i, saw, hexadecimal = 2, "0", text[1].lower() == "x"
    for char in text[i:]:
        if "0" <= char <= "9" or (hexadecimal and "a" <= char.lower() <= "f"):
            saw = "0"
        elif char == "_":
            if saw != "0":
                return False
            saw = "_"
        elif saw == "_":
            return False
        else:
            saw = "!"
    return saw != "_"


def go_parse_int(text: str) -> int | None:
    """Go's ``strconv.ParseInt(text, 0, 64)``, or None where Go returns an error: a sign, then
    ``0x``/``0o``/``0b`` (either case) or a leading ``0`` for octal, underscores between digits;
    no white space; within 64 bits."""
    body = text[1:] if text[:1] in "+-" else text
    negative = text[:1] == "-"
    if not body:
        return None
    base = 10
    digits = body
    if body[0] == "0" and len(body) > 1:
        prefix = body[1].lower()
        if len(body) >= 3 and prefix in "box":
            base = {"b": 2, "o": 8, "x": 16}[prefix]
            digits = body[2:]
        else:
            base = 8
            digits = body[1:]
    allowed = _DIGITS[base]
    value = 0
    underscores = False
    for char in digits:
        if char == "_":
            underscores = True
            continue
        digit = allowed.find(char.lower())
        if digit < 0:
            return None
        value = value * base + digit
        if value > _INT64:  # stop early: a long string of digits is out of range anyway
            return None
    if underscores and not _underscores_ok(text):
        return None
    if negative:
        return -value
    return value if value < _INT64 else None


def _trim_decimal(text: str) -> str:
    """cast's ``trimDecimal``: ``"1.5"`` -> ``"1"``, ``".5"`` -> ``"0"``, ``"-.5"`` -> ``"-0"``,
    anything else with a dot as it is."""
    head, dot, tail = text.partition(".")
    if not dot:
        return text
    sign = head[:1] if head[:1] in "+-" else ""
    number = head[len(sign) :]
    ascii_digits = "0123456789"
    if all(c in ascii_digits for c in number) and all(c in ascii_digits for c in tail):
        return sign + (number or "0")
    return text


def _wrapped(value: int) -> int:
    """A whole number as Go's 64-bit ``int`` holds it (a uint64 beyond int64 wraps)."""
    return (value + _INT64) % (2 * _INT64) - _INT64


def hugo_int(value: object) -> tuple[int, bool]:
    """``cast.ToInt(value)`` and whether cast understood it (else Hugo's silent 0).

    Hugo 0.168: ``5`` -> 5, ``"5"`` -> 5, ``1.5`` -> 1, ``-1.5`` -> -1, ``"5.5"`` -> 5,
    ``true`` -> 1, ``"0x10"`` -> 16, ``"017"`` -> 15, ``"1_000"`` -> 1000, ``1e3`` -> 1000,
    ``9.99e20`` and ``.inf`` -> -9223372036854775808 (Go's conversion on amd64); ``"abc"``,
    ``" 5 "``, ``"1e3"``, a list, a table or a date -> 0."""
    if value is None:
        return 0, True
    if isinstance(value, bool):
        return int(value), True
    if isinstance(value, int):
        return _wrapped(value), True
    if isinstance(value, float):
        if math.isnan(value) or not -_INT64 <= value < _INT64:
            return -_INT64, True
        return int(value), True
    if isinstance(value, str):
        if value == "":
            return 0, True
        parsed = go_parse_int(_trim_decimal(value))
        return (0, False) if parsed is None else (parsed, True)
    return 0, False


_TRUE = frozenset({"1", "t", "T", "TRUE", "true", "True"})
_FALSE = frozenset({"0", "f", "F", "FALSE", "false", "False"})


def hugo_bool(value: object) -> tuple[bool, bool]:
    """``cast.ToBool(value)`` and whether cast understood it (else Hugo's silent false).

    Hugo 0.168: ``true``, ``1``, ``-1``, ``1.5``, ``"true"``, ``"True"``, ``"TRUE"``, ``"t"``,
    ``"T"``, ``"1"`` are true; ``false``, ``0``, ``0.0``, ``""`` and Go's false strings are
    false; ``"yes"``, ``"on"``, ``" true"``, ``"tRUE"``, a list, a table or a date are false
    too (cast cannot read them)."""
    if value is None:
        return False, True
    if isinstance(value, bool):
        return value, True
    if isinstance(value, int | float):
        return value != 0, True  # NaN != 0, as in Go
    if isinstance(value, str):
        if value in _TRUE:
            return True, True
        return False, value == "" or value in _FALSE
    return False, False


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def unix_time(seconds: int) -> datetime:
    """A whole number of seconds since 1970 as Hugo reads ``date = 1700000000`` (UTC),
    held within the years Python can show (Hugo's year 3170843 is still a future date)."""
    try:
        return _EPOCH + timedelta(seconds=seconds)
    except OverflowError:
        edge = datetime.max if seconds > 0 else datetime.min
        return edge.replace(tzinfo=UTC)
