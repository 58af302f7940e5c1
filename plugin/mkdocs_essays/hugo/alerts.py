"""A Python-Markdown extension: GitHub-style alerts (``> [!NOTE]``) as Material admonitions.

Hugo 0.168 parses a blockquote whose first line is ``[!TYPE]`` as an alert (its type, an
optional ``+``/``-`` sign and a title after the marker) and hands it to the site's blockquote
render hook; the Hugo docs' theme, GitHub, Obsidian and many Hugo themes show it as a callout.
Here it becomes the admonition Material draws: ``> [!NOTE]`` is ``!!! note``, ``> [!TIP]- Why``
a folded ``??? tip "Why"`` (``+``: open), in the HTML ``admonition`` and ``pymdownx.details``
write. GitHub's five types get Material's nearest colours (``important`` -> ``info``,
``caution`` -> ``danger``; the original type stays a class); any other type is kept as the
class, as Hugo keeps it. A blockquote that does not start with the marker is left alone.

Used as ``markdown_extensions: [mkdocs_essays.hugo.alerts]``; the plugin adds it.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from typing import Any

from markdown import Markdown
from markdown.blockprocessors import BlockQuoteProcessor
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

__all__ = ["AlertsExtension", "makeExtension", "parse_marker"]

NAME = "mkdocs_essays.hugo.alerts"
MATERIAL = {"important": "info", "caution": "danger"}


def parse_marker(line: str) -> tuple[str, str, str] | None:
    """``[!WARNING]+ Custom title`` -> (``warning``, ``+``, ``Custom title``), else None.

    The type is letters, digits, ``-`` and ``_`` (Hugo's), read without a regex."""
    text = line.strip()
    if not text.startswith("[!"):
        return None
    close = text.find("]", 2)
    kind = text[2:close] if close > 2 else ""
    if not kind or not all(c.isalnum() or c in "-_" for c in kind):
        return None
    rest = text[close + 1 :]
    sign = rest[:1] if rest[:1] in ("+", "-") else ""
    return kind.lower(), sign, rest[len(sign) :].strip()  # Hugo: "[!NOTE]Title" has a title


class _Alerts(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        # one walk over the tree; an alert is replaced in its parent by index, and what it
        # holds (an alert inside an alert too) is walked inside the new box
        stack = [root]
        while stack:
            parent = stack.pop()
            for index, child in enumerate(parent):
                box = _box(child) if child.tag == "blockquote" else None
                if box is not None:
                    parent[index] = box
                stack.append(box if box is not None else child)


def _box(quote: etree.Element) -> etree.Element | None:
    """The admonition an alert quote becomes (taking its children), or None for a quote."""
    first = quote[0] if len(quote) else None
    if first is None or first.tag != "p" or not first.text:
        return None
    head, _, body = first.text.partition("\n")
    marker = parse_marker(head)
    if marker is None:
        return None
    kind, sign, title = marker
    classes = [MATERIAL[kind], kind] if kind in MATERIAL else [kind]
    if sign:
        box = etree.Element("details", {"class": " ".join(classes)})
        if sign == "+":
            box.set("open", "open")
        heading = etree.SubElement(box, "summary")
    else:
        box = etree.Element("div", {"class": " ".join(["admonition", *classes])})
        heading = etree.SubElement(box, "p", {"class": "admonition-title"})
    heading.text = title or kind.capitalize()
    body = body.strip()
    if body or len(first):
        first.text = body
    else:
        quote.remove(first)
    box.extend(list(quote))
    box.tail = quote.tail
    return box


def _is_alert(quote: etree.Element) -> bool:
    first = quote[0] if len(quote) else None
    return (
        first is not None
        and first.tag == "p"
        and parse_marker((first.text or "").partition("\n")[0]) is not None
    )


class _Quotes(BlockQuoteProcessor):
    """Python-Markdown's blockquotes, except that an alert is never merged with the quote
    before or after it across a blank line (Python-Markdown merges ``> a`` and ``> b`` with
    a blank line between into one quote; CommonMark, which Hugo follows, makes two)."""

    _alert = False

    def run(self, parent: etree.Element, blocks: list[str]) -> None:
        found = self.RE.search(blocks[0])
        first = blocks[0][found.start() :].split("\n", 1)[0] if found else ""
        self._alert = found is not None and parse_marker(self.clean(first)) is not None
        super().run(parent, blocks)

    def lastChild(self, parent: etree.Element) -> etree.Element | None:
        child = super().lastChild(parent)
        if child is not None and child.tag == "blockquote" and (self._alert or _is_alert(child)):
            return None  # start a new quote
        return child


class AlertsExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        # after the blocks are parsed, before inline Markdown (20): titles get their emphasis
        md.parser.blockprocessors.register(_Quotes(md.parser), "quote", 20)
        md.treeprocessors.register(_Alerts(md), "essays_alerts", 25)


def makeExtension(**kwargs: Any) -> AlertsExtension:
    return AlertsExtension(**kwargs)
