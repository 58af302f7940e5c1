"""A Python-Markdown extension: reference links whose label holds code, as CommonMark has them.

Hugo (Goldmark) renders ``[`publishDir`][]`` with ``[`publishDir`]: /configuration/all/``
as a link, as does any CommonMark renderer. Python-Markdown turns code spans into placeholders
before it looks references up, so the label it looks for is the placeholder and the link is
printed as text (the Hugo docs have 726 such links). Here a label that holds placeholders is
looked up again as it was written, code spans back in their backticks. Nothing else changes:
a label without code, or one whose first lookup succeeds, is looked up exactly as before.

Used as ``markdown_extensions: [mkdocs_essays.hugo.reflabels]``; the plugin adds it.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree
from typing import Any

from markdown import Markdown, util
from markdown.extensions import Extension
from markdown.inlinepatterns import (
    IMAGE_REFERENCE_RE,
    REFERENCE_RE,
    ImageReferenceInlineProcessor,
    ReferenceInlineProcessor,
    ShortImageReferenceInlineProcessor,
    ShortReferenceInlineProcessor,
)

from ..parsing.html import html_to_text

__all__ = ["CodeLabelsExtension", "makeExtension"]

NAME = "mkdocs_essays.hugo.reflabels"


class _AsWritten:
    """Looks a label that holds code placeholders up again with the code as written."""

    md: Markdown
    NEWLINE_CLEANUP_RE: re.Pattern[str]

    def evalId(self, data: str, index: int, text: str) -> tuple[str | None, int, bool]:
        found, end, handled = super().evalId(data, index, text)  # type: ignore[misc]
        if handled and found and util.INLINE_PLACEHOLDER_PREFIX in found:
            label = self.NEWLINE_CLEANUP_RE.sub(" ", found)
            if label not in self.md.references:
                written = self._as_written(found)
                if written in self.md.references:
                    return written, end, handled
        return found, end, handled

    def _as_written(self, label: str) -> str:
        try:
            stash = self.md.treeprocessors["inline"].stashed_nodes  # type: ignore[attr-defined]
        except KeyError:  # pragma: no cover - Python-Markdown always has it
            return label

        blocks = self.md.htmlStash.rawHtmlBlocks

        def raw_text(match: re.Match[str]) -> str:
            # pymdownx.inlinehilite keeps a code span's text in the HTML stash, escaped
            index = int(match.group(1))
            block = blocks[index] if index < len(blocks) else ""
            return html_to_text(block) if isinstance(block, str) else match.group(0)

        def restore(match: re.Match[str]) -> str:
            value = stash.get(match.group(1))
            if value is None:
                return match.group(0)
            if isinstance(value, str):
                return value
            inner = "".join(value.itertext())
            if util.HTML_PLACEHOLDER_RE.search(inner):
                inner = util.HTML_PLACEHOLDER_RE.sub(raw_text, inner)
            else:  # Python-Markdown's own code spans hold their text escaped
                inner = html.unescape(inner)
            if isinstance(value, etree.Element) and value.tag == "code":
                ticks = "``" if "`" in inner else "`"
                pad = " " if ticks == "``" else ""
                return f"{ticks}{pad}{inner}{pad}{ticks}"
            return inner

        restored = util.INLINE_PLACEHOLDER_RE.sub(restore, label)
        return self.NEWLINE_CLEANUP_RE.sub(" ", restored).lower()


class _Reference(_AsWritten, ReferenceInlineProcessor):
    pass


class _ShortReference(_AsWritten, ShortReferenceInlineProcessor):
    pass


class _ImageReference(_AsWritten, ImageReferenceInlineProcessor):
    pass


class _ShortImageReference(_AsWritten, ShortImageReferenceInlineProcessor):
    pass


class CodeLabelsExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        # the names and priorities of Python-Markdown's own reference processors
        patterns = md.inlinePatterns
        patterns.register(_Reference(REFERENCE_RE, md), "reference", 170)
        patterns.register(_ImageReference(IMAGE_REFERENCE_RE, md), "image_reference", 140)
        patterns.register(_ShortReference(REFERENCE_RE, md), "short_reference", 130)
        patterns.register(_ShortImageReference(IMAGE_REFERENCE_RE, md), "short_image_ref", 125)


def makeExtension(**kwargs: Any) -> CodeLabelsExtension:
    return CodeLabelsExtension(**kwargs)
