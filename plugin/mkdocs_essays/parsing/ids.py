"""The ids MkDocs gives headings, worked out before it renders them (no MkDocs import): what
the pattern cards link to, and what Hugo references (``ref "x.md#id"``) resolve to.

Ids are the ``toc`` extension's: ``{#id}`` (``attr_list``) wins; every other heading gets
``slugify(text)``, made unique with ``_1``, ``_2``... against every id already used on the
page, explicit ids included, in document order.

The text a heading is slugified from is what the page shows (``Use `x` *now*`` -> "Use x now").
A *namer* turns a heading's Markdown into that text and its slug. :class:`PlainNamer` reads
inline Markdown itself. :class:`SiteNamer` slugifies plain headings (letters, digits, spaces,
simple punctuation) directly with the site's ``toc`` slugify, and renders a heading with any
markup (``code``, *emphasis*, links, ``&``, quotes, an attribute list...) alone with the site's
extensions, so smart quotes, emoji and a custom ``toc.slugify`` come out exactly as on the
page; one longer than :data:`RENDERED_UP_TO` characters is named as a plain one
(Python-Markdown is quadratic on some headings, and a card checks its anchor on the rendered
page anyway).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

import markdown
from markdown.extensions.toc import slugify as toc_slugify

from ..model.text import bracketed, markdown_inline_to_text
from .html import END, START, ParsedHtml, attr, visible_text
from .markdown import Heading, drop_footnote_refs, explicit_id

__all__ = [
    "RENDERED_UP_TO",
    "Namer",
    "PlainNamer",
    "SiteNamer",
    "Slugify",
    "assign_ids",
    "site_namer",
    "toc_settings",
    "unique_id",
]

Slugify = Callable[[str, str], str]

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
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})


class Namer(Protocol):
    def __call__(self, source: str) -> tuple[str, str]:
        """``(text, id)`` of a heading whose Markdown is ``source`` on a page of its own:
        its text as the page shows it, and the id ``toc`` gives it (before de-duplication)."""
        ...


@dataclass(frozen=True)
class PlainNamer:
    """Reads inline Markdown with regular expressions: right for everyday headings (plain
    words, ``code``, *emphasis*, [links](...)), and fast."""

    slugify: Slugify = toc_slugify
    separator: str = "-"
    attr_list: bool = True

    def __call__(self, source: str) -> tuple[str, str]:
        text, given = explicit_id(source) if self.attr_list else (source, None)
        name = markdown_inline_to_text(drop_footnote_refs(text))
        if given is not None:
            return name, given
        return name, self.slugify(name, self.separator)


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
        rendered = ParsedHtml(md.convert("## " + alone).strip())
        self.rendered += 1
        tokens = rendered.tokens
        first, last = (tokens[0], tokens[-1]) if tokens else ((-1, "", None, 0, 0),) * 2
        if not (first[0] == START and last[0] == END and {first[1], last[1]} <= _HEADINGS):
            return self.plain(source)  # not one heading alone
        text = visible_text(*rendered.balanced(1, len(tokens) - 1))
        given = attr(first[2], "id")
        if given is None:
            return text, self.slugify(text, self.separator)
        return text, given


def site_namer(
    extensions: Iterable[Any], configs: Mapping[str, Mapping[str, Any]]
) -> tuple[Namer, Exception | None]:
    """The site's :class:`SiteNamer`, or, when its extensions cannot be loaded on their own (a
    third-party extension), a :class:`PlainNamer` with the site's slugify, and why."""
    namer = SiteNamer(extensions, configs)
    try:
        namer.markdown()
    except Exception as error:
        slugify, separator = toc_settings(extensions, configs)
        return PlainNamer(slugify, separator, namer.attr_list), error
    return namer, None


_ID_COUNT = re.compile(r"(.*)_([0-9]+)")


def unique_id(id: str, ids: set[str], counters: dict[str, int]) -> str:
    """``toc``'s ``unique``: ``id``, else ``id_1``, ``id_2``... (``x_2`` goes on to ``x_3``),
    the first not in ``ids``, added to them. ``counters`` remembers, per base, the last suffix
    up to which every one is taken, so 2,000 headings with one title are not quadratic (as
    ``counters`` does in Python-Markdown 3.10 and later; same ids)."""
    if id in ids or not id:
        found = _ID_COUNT.fullmatch(id)
        base, count = (found.group(1), int(found.group(2))) if found else (id, 0)
        known = counters.get(base, 0)
        skip = count <= known or id == f"{base}_{known + 1}"
        if skip:
            count = max(count, known)
        count += 1
        while f"{base}_{count}" in ids:
            count += 1
        id = f"{base}_{count}"
        if skip:
            counters[base] = count
    ids.add(id)
    return id


def assign_ids(
    headings: Iterable[Heading], namer: Namer, *, used: Iterable[str] = ()
) -> list[tuple[str, str]]:
    """``(text, id)`` of every heading, de-duplicated as ``toc`` does: explicit ids first
    (they are never changed), then every other heading in order, ``_1``, ``_2``... appended."""
    headings = list(headings)
    taken = set(used) | {h.explicit_id for h in headings if h.explicit_id}
    counters: dict[str, int] = {}
    out: list[tuple[str, str]] = []
    for heading in headings:
        text, slug = namer(heading.source)
        if heading.explicit_id:
            out.append((text, heading.explicit_id))
            continue
        out.append((text, unique_id(slug, taken, counters)))
    return out
