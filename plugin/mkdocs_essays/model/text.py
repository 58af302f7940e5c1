"""Plain text out of rendered HTML or Markdown: summaries, word counts, reading time.

Hugo's rules: the summary is the ``summary`` field, else the text before ``<!--more-->``, else
the first ``summaryLength`` (70) words, always as plain text here. Reading time is Hugo's
``(words + 212) // 213`` minutes. CJK ideographs count as one word each, as Hugo does with
``hasCJKLanguage``.
"""

from __future__ import annotations

import html
import re
from bisect import bisect_left
from collections.abc import Callable

from ..parsing.html import END, ParsedHtml

__all__ = [
    "CONTROL",
    "MORE",
    "auto_summary",
    "bracketed",
    "control_character",
    "first_words",
    "markdown_inline_to_text",
    "reading_time",
    "summary_before_more",
    "without_comments",
    "word_count",
]

MORE = "<!--more-->"
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
"""Control characters other than tab and line breaks: invisible in a page, invalid in XML."""
_MORE_RE = re.compile(r"<!--\s*more\s*-->", re.IGNORECASE)

_SPACE = re.compile(r"\s+")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]")


def control_character(text: str) -> tuple[int, str] | None:
    """The offset and character of the first :data:`CONTROL` character, or None."""
    found = CONTROL.search(text)
    return (found.start(), found.group()) if found else None


def without_comments(text: str) -> str:
    """``text`` without its HTML comments (``<!-- ... -->``), in one pass: once a comment is
    never closed, none after it can be (``re.sub(r"<!--.*?-->", "", text, flags=re.S)``
    searched the rest of the text again from each ``<!--``)."""
    out: list[str] = []
    at = 0
    while True:
        opened = text.find("<!--", at)
        closed = text.find("-->", opened + 4) if opened >= 0 else -1
        if closed < 0:
            break
        out.append(text[at:opened])
        at = closed + 3
    out.append(text[at:])
    return "".join(out)


def summary_before_more(body: ParsedHtml) -> str | None:
    """The text before Hugo's ``<!--more-->`` divider in rendered HTML, or None when there is
    none."""
    found = _MORE_RE.search(body.source)
    if not found:
        return None
    return body.text(0, body.token_at(found.start()))


def _words(text: str) -> list[str]:
    if not _CJK.search(text):
        return text.split()  # the common case: one scan for ideographs, then a plain split
    words: list[str] = []
    for token in text.split():
        if _CJK.search(token):
            # every ideograph is a word; runs of other letters inside stay one word
            words.extend(t for t in re.split(f"({_CJK.pattern})", token) if t.strip())
        else:
            words.append(token)
    return words


def word_count(text: str) -> int:
    return len(_words(text))


def reading_time(words: int) -> int:
    """Minutes, as Hugo's ``.ReadingTime``: at least one for any text."""
    return (words + 212) // 213 if words else 0


def first_words(text: str, limit: int) -> str:
    """The first ``limit`` words of ``text``, with an ellipsis when something was cut."""
    if limit <= 0:
        return ""
    words = text.split()
    if sum(len(_words(w)) for w in words) <= limit:
        return text
    out: list[str] = []
    count = 0
    for word in words:
        parts = _words(word)
        if count + len(parts) > limit:
            if _CJK.search(word):
                out.append("".join(parts[: limit - count]))
            break
        out.append(word)
        count += len(parts)
    return " ".join(out).rstrip(",;:") + "…"


_SUMMARY_BLOCK_NAMES = "p li pre blockquote table dd dt figure div h1 h2 h3 h4 h5 h6"
_SUMMARY_BLOCKS = frozenset(_SUMMARY_BLOCK_NAMES.split())
"""Elements whose end tag ends a block of an automatic summary."""
_HEADING_OPEN = re.compile(r"^\s*<h[1-6]\b", re.IGNORECASE)


def auto_summary(body: ParsedHtml | str, limit: int) -> str:
    """Hugo's automatic summary: whole blocks until ``limit`` words are reached, as plain text.

    Like Hugo (0.134 and later) the cut is rounded up to the end of the paragraph holding the
    last counted word; headings and code blocks are left out: a plain-text summary reads better
    without them, and code may show template syntax such as ``{{< tabs >}}``.
    """
    if limit <= 0:
        return ""
    if isinstance(body, str):
        body = ParsedHtml(body)
    source, tokens = body.source, body.tokens
    pieces: list[str] = []
    count = 0
    start = lo = 0  # where the block starts: offset and token
    for hi, (kind, tag, _, _, end) in enumerate(tokens, 1):
        if kind != END or tag not in _SUMMARY_BLOCKS:
            continue
        block = source[start:end]
        first, start = lo, end
        lo = hi
        if _HEADING_OPEN.match(block) or "<pre" in block:
            continue  # headings and code blocks are not prose
        text = body.text(first, hi)
        if not text:
            continue
        pieces.append(text)
        count += word_count(text)
        if count >= limit:
            break
    if count < limit and lo < len(tokens):
        tail = body.text(lo)
        if tail:
            pieces.append(tail)
    return " ".join(pieces)


def bracketed(
    text: str,
    replace: Callable[[str, str], str],
    *,
    then: str,
    end: str,
    bang: str = "",
    nonempty: bool = False,
) -> str:
    r"""Every ``[x]`` + ``then`` + ``y`` + ``end`` in ``text`` (``x`` without ``]``, ``y``
    without ``end``), leftmost first, replaced by ``replace(mark, x)``. ``bang``: "!" when the
    ``[`` must follow a ``!`` (an image), "?" when it may (``mark`` is then that "!").

    The same result as ``re.sub`` with the regexes it replaces (``[^\]]*`` up to ``]``, then
    ``[^)]*`` up to ``)``), in one pass: those regexes rescanned the rest of the text from
    every ``[`` that is never closed (quadratic on ``[[[[...``). Every ``[`` between two ``]``
    meets the same ``]``, so only the first of them can start a match."""
    out: list[str] = []
    done = at = 0
    while True:
        close = text.find("]", at)
        if close < 0:
            break
        opened = text.find("![" if bang == "!" else "[", at, close)
        if bang == "!" and opened >= 0:
            opened += 1  # the '[' after the '!'
        if opened < 0 or (nonempty and opened == close - 1) or text[close + 1 : close + 2] != then:
            at = close + 1
            continue
        finish = text.find(end, close + 2)
        if finish < 0:
            break
        marked = bang == "!" or (bang == "?" and opened > at and text[opened - 1] == "!")
        start = opened - 1 if marked else opened
        out += [text[done:start], replace("!" if marked else "", text[opened + 1 : close])]
        done = at = finish + 1
    out.append(text[done:])
    return "".join(out)


def _tags_dropped(text: str) -> str:
    """``re.sub(r"<[^>]+>", "", text)`` in one pass (that regex rescans from every ``<``)."""
    out: list[str] = []
    at = 0
    while True:
        close = text.find(">", at)
        if close < 0:
            break
        opened = text.find("<", at, close)
        if 0 <= opened < close - 1:
            out.append(text[at:opened])
        else:
            out.append(text[at : close + 1])
        at = close + 1
    out.append(text[at:])
    return "".join(out)


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"


def _emphasis_dropped(text: str) -> str:
    r"""``*x*`` and ``_x_`` -> ``x``, as ``re.sub`` with
    ``(?<![\w*])([*_])(?!\s)(.+?)(?<!\s)\1(?![\w*])`` -> ``\2`` does, with each opener's
    closer found by bisection: the lazy ``.+?`` rescanned the line from every opener that is
    never closed (``*a *a *a...``)."""
    if "*" not in text and "_" not in text:
        return text
    n = len(text)
    closers: dict[str, list[int]] = {"*": [], "_": []}
    for j, char in enumerate(text):
        if char in closers and j and not text[j - 1].isspace():
            after = text[j + 1] if j + 1 < n else ""
            if not after or not (_is_word(after) or after == "*"):
                closers[char].append(j)
    newlines = [j for j, char in enumerate(text) if char == "\n"]
    out: list[str] = []
    at = 0
    s = 0
    while s < n:
        char = text[s]
        if char not in closers or s + 1 >= n or text[s + 1].isspace():
            s += 1
            continue
        before = text[s - 1] if s else ""
        if before and (_is_word(before) or before == "*"):
            s += 1
            continue
        ends = closers[char]
        k = bisect_left(ends, s + 2)
        line_end = newlines[bisect_left(newlines, s)] if newlines and newlines[-1] >= s else n
        if k == len(ends) or ends[k] > line_end:
            s += 1
            continue
        out += [text[at:s], text[s + 1 : ends[k]]]
        at = s = ends[k] + 1
    out.append(text[at:])
    return "".join(out)


_CODE_SPAN = re.compile(r"(?<!`)`+([^`]+)`+")  # (?<!`): a run of backticks is tried once
_STRONG = re.compile(r"(\*\*|__)(.+?)\1")  # a failed opener means no '**' later on its line
_STRIKE = re.compile(r"~~(.+?)~~")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>~])")


def markdown_inline_to_text(text: str) -> str:
    """Plain text of a short piece of inline Markdown (a heading, a summary field).

    Images become their alt text, links and reference links their text; code spans, strong,
    emphasis and strike-through lose their marks and inline HTML tags are dropped, in that
    order. Every step is one pass over the text."""
    text = bracketed(text, lambda _, alt: alt, then="(", end=")", bang="!")  # images
    text = bracketed(text, lambda _, x: x, then="(", end=")", nonempty=True)  # links
    text = bracketed(text, lambda _, x: x, then="[", end="]", nonempty=True)  # references
    text = _CODE_SPAN.sub(r"\1", text)
    text = _STRONG.sub(r"\2", text)
    text = _emphasis_dropped(text)
    text = _STRIKE.sub(r"\1", text)
    text = _tags_dropped(text)
    text = _ESCAPE.sub(r"\1", text)
    return _SPACE.sub(" ", html.unescape(text)).strip()
