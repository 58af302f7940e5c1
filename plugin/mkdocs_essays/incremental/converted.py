"""MkDocs' Markdown conversion of a page, kept by what it is made from (`mkdocs serve`).

A page taken back into a build because something the plugin adds to it changed (an essay's
related essays, a listing's pager) has the Markdown it had: MkDocs would convert it again
(a Markdown parser made with every extension, then the text converted: 10-20 ms for an essay,
2 ms for a generated page with no Markdown). :class:`Conversions` keeps, for each page, what
its last conversion gave (``page.content`` before any plugin's ``on_page_content``, the table
of contents, the title and anchors it found, the links to anchors of other pages, the
warnings it gave) with what it was made from:

- the Markdown as MkDocs converts it (after every plugin's ``on_page_markdown``), the page's
  address and file, and what every key depends on (versions, configuration: ``generation``);
- the paths its links were looked up at, and what each resolved to (a link to a page that
  moved converts to another URL).

When all of these are as they were, the page gets the kept conversion and its warnings are
given again (a strict build fails as it would); else MkDocs converts it. The table of
contents is shared, not copied: nothing a build allows (the search plugins, this plugin)
changes one in place. In memory only, one entry per page (kept for the pages of the last
build); `mkdocs build` does not use it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from mkdocs.structure.files import Files

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.pages import Page

__all__ = ["Conversions"]

Resolved = tuple[tuple[str, str | None], ...]
Warning_ = tuple[str, int, str]


@dataclass(frozen=True)
class Converted:
    """What one conversion of a page gave, and what it was made from."""

    made_from: tuple[bytes, str, str, bytes]
    """``(generation, URL, file in the site, digest of the Markdown)``."""
    lookups: tuple[str, ...]
    resolved: Resolved
    content: str | None
    toc: Any
    title: str | None
    anchors: frozenset[str] | None
    links: dict[str, dict[str, str]] | None
    """Links to anchors of other pages, by the linked page's src_uri (MkDocs keys them by
    ``File``, which each build makes again)."""
    warnings: tuple[Warning_, ...]


def resolve(files: Files, paths: tuple[str, ...]) -> Resolved:
    """What each path resolves to in ``files`` (its page's URL, None: no such file)."""
    out = []
    for path in paths:
        file = Files.get_file_from_path(files, path)  # (not the lookup a conversion records)
        out.append((path, file.url if file is not None else None))
    return tuple(out)


class Conversions:
    """Each page's last conversion (kept by the plugin object across `mkdocs serve`)."""

    def __init__(self) -> None:
        self.held: dict[str, Converted] = {}
        self.reused = 0
        """Conversions given back in the last build (for the benchmark and tests)."""

    def begin(self) -> None:
        self.reused = 0

    def keep_only(self, src_uris: set[str]) -> None:
        """Forget the pages a build no longer has."""
        for src in self.held.keys() - src_uris:
            del self.held[src]

    def wrap(
        self,
        page: Page,
        files: Files,
        *,
        generation: bytes,
        digest: Callable[[str], bytes],
        looked: list[str],
        warnings: Callable[[], list[Warning_]],
    ) -> None:
        """Make ``page.render`` give the kept conversion when it is made from what this one
        would be (``looked``: the paths the page's links are looked up at while it converts;
        ``warnings``: the warnings given for the page so far)."""
        convert = page.render
        src = page.file.src_uri

        def render(config: MkDocsConfig, files: Files) -> None:
            markdown = page.markdown or ""
            made_from = (generation, page.url, page.file.dest_uri, digest(markdown))
            held = self.held.get(src)
            if held is not None and held.made_from == made_from:
                found, links = _links_back(held.links, files)
                if found and held.resolved == resolve(files, held.lookups):
                    self._give(page, held, links)
                    looked.extend(held.lookups)
                    self.reused += 1
                    return
            before = len(warnings())
            convert(config, files)
            lookups = tuple(dict.fromkeys(looked))
            self.held[src] = Converted(
                made_from,
                lookups,
                resolve(files, lookups),
                page.content,
                page.toc,
                page._title_from_render,
                frozenset(page.present_anchor_ids) if page.present_anchor_ids is not None else None,
                _links_out(page.links_to_anchors),
                tuple(warnings()[before:]),
            )

        page.render = render  # type: ignore[method-assign]

    @staticmethod
    def _give(page: Page, held: Converted, links: dict[Any, dict[str, str]] | None) -> None:
        page.content = held.content
        page.toc = held.toc
        page._title_from_render = held.title
        page.present_anchor_ids = set(held.anchors) if held.anchors is not None else None
        page.links_to_anchors = links
        for name, level, message in held.warnings:
            logging.getLogger(name).log(level, message)


def _links_out(links: dict[Any, dict[str, str]] | None) -> dict[str, dict[str, str]] | None:
    if links is None:
        return None
    return {file.src_uri: dict(anchors) for file, anchors in links.items()}


def _links_back(
    links: dict[str, dict[str, str]] | None, files: Files
) -> tuple[bool, dict[Any, dict[str, str]] | None]:
    """The links to anchors, keyed by this build's files; ``(False, None)`` when a page they
    link to is gone."""
    if links is None:
        return True, None
    out: dict[Any, dict[str, str]] = {}
    for src, anchors in links.items():
        file = Files.get_file_from_path(files, src)
        if file is None:
            return False, None
        out[file] = dict(anchors)
    return True, out
