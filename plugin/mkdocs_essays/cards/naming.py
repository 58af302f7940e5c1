"""A heading's text and id as the site's own Markdown gives them (Python-Markdown, no MkDocs).

Plain headings (letters, digits, spaces, simple punctuation) are slugified directly with the
site's ``toc`` slugify; a heading with any markup (``code``, *emphasis*, links, ``&``, quotes,
an attribute list...) is rendered alone with the site's extensions, so smart quotes, emoji and
a custom ``toc.slugify`` come out exactly as on the page; one longer than
:data:`RENDERED_UP_TO` characters is named as a plain one (Python-Markdown is quadratic on
some headings, and a card checks its anchor on the rendered page anyway).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping
from typing import Any

import markdown
from markdown.extensions.toc import slugify as toc_slugify
from markdown.extensions.toc import strip_tags

from ..model.text import bracketed
from .extract import PlainNamer, Slugify, drop_footnote_refs

__all__ = ["RENDERED_UP_TO", "SiteNamer", "toc_settings"]

_TOC_NAMES = ("toc", "markdown.extensions.toc")
_ATTR_LIST_NAMES = ("attr_list", "markdown.extensions.attr_list")
_MD_IN_HTML_NAMES = ("md_in_html", "markdown.extensions.md_in_html")
# Plain words: a letter or digit, then letters, digits, spaces, ``.,?!`` not before a dot and
# ``-`` not before a dash. Each alternative is one character and no two overlap, so a heading
# that is not plain (``Title {#id}``) fails in one pass (``[^\W_]+`` inside the loop backtracked
# exponentially: 33 s for two headings).
_PLAIN = re.compile(r"[^\W_](?:[^\W_]|[ ]|[.,?!](?![.])|-(?!-))*")
RENDERED_UP_TO = 200
"""Characters of the longest heading rendered with the site's Markdown to name it."""
_HEADING = re.compile(r"^<h[1-6](?P<attrs>[^>]*)>(?P<inner>.*)</h[1-6]>$", re.DOTALL)
_ID = re.compile(r"\bid=\"(?P<id>[^\"]*)\"")


def _inline_link(mark: str, text: str) -> str:
    return f"{mark}[{text}]()"


def _names(extensions: Iterable[Any]) -> list[str]:
    return [e if isinstance(e, str) else type(e).__module__ for e in extensions]


def toc_settings(
    extensions: Iterable[Any], configs: Mapping[str, Mapping[str, Any]]
) -> tuple[Slugify, str]:
    """The ``slugify`` and ``separator`` the site's ``toc`` extension uses."""
    for name in _TOC_NAMES:
        if name in configs:
            toc = configs[name] or {}
            return toc.get("slugify") or toc_slugify, str(toc.get("separator", "-"))
    return toc_slugify, "-"


class SiteNamer:
    """Names headings with the site's Markdown configuration (``markdown_extensions``)."""

    def __init__(self, extensions: Iterable[Any], configs: Mapping[str, Mapping[str, Any]]):
        self.extensions = list(extensions)
        self.configs = {name: dict(value or {}) for name, value in configs.items()}
        self.slugify, self.separator = toc_settings(self.extensions, self.configs)
        self.attr_list = any(n in _ATTR_LIST_NAMES for n in _names(self.extensions))
        self.md_in_html = any(n in _MD_IN_HTML_NAMES for n in _names(self.extensions))
        self.plain = PlainNamer(self.slugify, self.separator, self.attr_list)
        self._markdown: markdown.Markdown | None = None
        self.rendered = 0
        """How many headings needed the Markdown renderer (the rest were plain)."""

    def markdown(self) -> markdown.Markdown:
        """The site's Markdown, without permalinks (raises what a broken extension raises)."""
        if self._markdown is None:
            configs = {name: dict(value) for name, value in self.configs.items()}
            names = _names(self.extensions)
            key = next((n for n in _TOC_NAMES if n in names), None)
            extensions = list(self.extensions)
            if key is None:
                key = "toc"
                extensions.append("toc")
            toc = configs.setdefault(key, {})
            toc.update(permalink=False, anchorlink=False, marker="")
            self._markdown = markdown.Markdown(extensions=extensions, extension_configs=configs)
        return self._markdown

    def __call__(self, source: str) -> tuple[str, str]:
        if _PLAIN.fullmatch(source):
            text = " ".join(source.split())
            return text, self.slugify(text, self.separator)
        if len(source) > RENDERED_UP_TO:
            # Python-Markdown's inline patterns are quadratic on some text (``![a`` repeated:
            # 4,000 times took 12.8 s here, as long again as MkDocs' own rendering): a heading
            # this long is named without it (the id is checked on the page once rendered)
            return self.plain(source)
        md = self.markdown()
        md.reset()
        # `[text][ref]`: the definition is elsewhere in the essay; the heading shows the text
        # (`(!?)\[([^\]]*)\]\[[^\]]*\]` -> `\1[\2]()`, in one pass).
        alone = bracketed(drop_footnote_refs(source), _inline_link, then="[", end="]", bang="?")
        out = md.convert("## " + alone).strip()
        self.rendered += 1
        found = _HEADING.match(out)
        if found is None:
            return self.plain(source)
        text = html.unescape(strip_tags(found.group("inner")))
        given = _ID.search(found.group("attrs"))
        if given is None:
            return text, self.slugify(text, self.separator)
        return text, html.unescape(given.group("id"))
