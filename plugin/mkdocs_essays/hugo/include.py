"""The ``include`` shortcode: another content page's Markdown, in place.

``{{% include "/_common/gitignore-public.md" %}}`` is the include Hugo's own documentation
gives for ``.RenderShortcodes`` (``site.GetPage`` of the argument, its content with its
shortcodes rendered, in the calling page) and the one the Hugo docs use 214 times; themes
such as Relearn have the same call with ``file=``. The page is found by the paths ``ref``
takes (relative to the calling page, then from the content root; with or without ``.md``),
among *all* content pages, headless and never-rendered ones included: a folder of snippets is
usually one (``cascade: {build: {render: never}}``). Its front matter is left out. No MkDocs
import.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from .refs import PageIndex, RefTarget

__all__ = ["Includable"]


class Includable:
    """Every content page an ``include`` can name, read on first use."""

    def __init__(
        self,
        pages: Iterable[tuple[str, str]],
        body: Callable[[str], str],
    ) -> None:
        """``pages``: (src_uri, how messages name the file); ``body``: src_uri -> the page's
        Markdown without its front matter."""
        self.index = PageIndex(RefTarget(src, "", path) for src, path in pages)
        self._body = body
        self._bodies: dict[str, str] = {}

    def find(self, target: str, from_src: str) -> tuple[str, str, str]:
        """(src_uri, how messages name it, its Markdown) of the page ``target`` names.

        Raises :class:`RefError` naming what was tried."""
        page = self.index.find(target.partition("#")[0], from_src)
        if page.src_uri not in self._bodies:
            self._bodies[page.src_uri] = self._body(page.src_uri)
        return page.src_uri, page.path, self._bodies[page.src_uri]
