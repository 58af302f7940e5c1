"""Plain text out of rendered HTML or Markdown: summaries, word counts, reading time.

Hugo's rules: the summary is the ``summary`` field, else the text before ``<!--more-->``, else
the first ``summaryLength`` (70) words, always as plain text here. Reading time is Hugo's
``(words + 212) // 213`` minutes. CJK ideographs count as one word each, as Hugo does with
``hasCJKLanguage``.
"""

from __future__ import annotations

import html
import re

__all__ = [
    "CONTROL",
    "MORE",
    "auto_summary",
    "control_character",
    "first_words",
    "html_to_text",
    "markdown_inline_to_text",
    "reading_time",
    "word_count",
]

MORE = "<!--more-->"
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
"""Control characters other than tab and line breaks: invisible in a page, invalid in XML."""
_MORE_RE = re.compile(r"<!--\s*more\s*-->", re.IGNORECASE)

# Elements whose text is not prose: scripts, styles, and the permalink anchors MkDocs adds.
_DROP = re.compile(
    r"<(script|style|template)\b[^>]*>.*?</\1\s*>"
    r"|<a\b[^>]*\bclass=\"[^\"]*\bheaderlink\b[^\"]*\"[^>]*>.*?</a>"
    r"|<!--.*?-->",
    re.IGNORECASE | re.DOTALL,
)
_TAG = re.compile(r"<[^>]*>")
_BLOCK_END = re.compile(
    r"</?(?:p|div|h[1-6]|li|ul|ol|pre|blockquote|table|tr|td|th|br|hr|section|figure)\b[^>]*>",
    re.IGNORECASE,
)
_SPACE = re.compile(r"\s+")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]")


def control_character(text: str) -> tuple[int, str] | None:
    """The offset and character of the first :data:`CONTROL` character, or None."""
    found = CONTROL.search(text)
    return (found.start(), found.group()) if found else None


def html_to_text(fragment: str) -> str:
    """The visible text of an HTML fragment, entities decoded, white space collapsed."""
    text = _DROP.sub(" ", fragment)
    text = _BLOCK_END.sub(" ", text)
    text = _TAG.sub("", text)
    return _SPACE.sub(" ", html.unescape(text)).strip()


def split_more(fragment: str) -> tuple[str, str] | None:
    """Split rendered HTML at Hugo's ``<!--more-->`` divider, or None when there is none."""
    found = _MORE_RE.search(fragment)
    if not found:
        return None
    return fragment[: found.start()], fragment[found.end() :]


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


_BLOCK_CLOSE = re.compile(
    r"</(?:p|li|pre|blockquote|table|dd|dt|figure|div|h[1-6])\s*>", re.IGNORECASE
)
_HEADING_OPEN = re.compile(r"^\s*<h[1-6]\b", re.IGNORECASE)


def auto_summary(fragment: str, limit: int) -> str:
    """Hugo's automatic summary: whole blocks until ``limit`` words are reached, as plain text.

    Like Hugo (0.134 and later) the cut is rounded up to the end of the paragraph holding the
    last counted word; headings and code blocks are left out: a plain-text summary reads better
    without them, and code may show template syntax such as ``{{< tabs >}}``.
    """
    if limit <= 0:
        return ""
    pieces: list[str] = []
    count = 0
    start = 0
    for close in _BLOCK_CLOSE.finditer(fragment):
        block = fragment[start : close.end()]
        start = close.end()
        if _HEADING_OPEN.match(block) or "<pre" in block:
            continue  # headings and code blocks are not prose
        text = html_to_text(block)
        if not text:
            continue
        pieces.append(text)
        count += word_count(text)
        if count >= limit:
            break
    if count < limit and start < len(fragment):
        tail = html_to_text(fragment[start:])
        if tail:
            pieces.append(tail)
    return " ".join(pieces)


_INLINE = (
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), r"\1"),  # images -> alt text
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),  # links -> text
    (re.compile(r"\[([^\]]+)\]\[[^\]]*\]"), r"\1"),  # reference links
    (re.compile(r"`+([^`]+)`+"), r"\1"),  # code spans
    (re.compile(r"(\*\*|__)(.+?)\1"), r"\2"),  # strong
    (re.compile(r"(?<![\w*])([*_])(?!\s)(.+?)(?<!\s)\1(?![\w*])"), r"\2"),  # emphasis
    (re.compile(r"~~(.+?)~~"), r"\1"),
    (re.compile(r"<[^>]+>"), ""),  # inline HTML tags
)


def markdown_inline_to_text(text: str) -> str:
    """Plain text of a short piece of inline Markdown (a heading, a summary field)."""
    for pattern, replacement in _INLINE:
        text = pattern.sub(replacement, text)
    text = re.sub(r"\\([\\`*_{}\[\]()#+\-.!|<>~])", r"\1", text)
    return _SPACE.sub(" ", html.unescape(text)).strip()
