"""HTML a page gets back after the search plugin has read it.

What search must not index is marked ``data-search-exclude``, but Material's indexer parses
it all the same, tag by tag: a card's section, its related cards, a local map (some 13 KB of
SVG on every essay and card page). Such HTML is held here and a short comment stands in for
it in ``page.content``; once search has read the page (``on_page_context``, after the search
plugin) :meth:`Deferred.restore` puts every held fragment of that page back, in one pass
over the page, whichever hook held it (a card page's own render, or ``on_env`` for an essay's
map). A local map is held as the function that draws it: it is drawn then, and
:meth:`Deferred.written` takes it out of ``page.content`` once the page is written.

Plain Python: no MkDocs import (the core rule).
"""

from __future__ import annotations

import itertools
import secrets
from collections.abc import Callable

__all__ = ["Deferred"]


class Deferred:
    """Fragments held by token; each is put back (and forgotten) by the page that has it."""

    def __init__(self) -> None:
        self._held: dict[str, str | Callable[[], str]] = {}
        self._written: tuple[str, str, list[str]] | None = None
        self.drawn: list[str] = []
        """What was made for the written page only (a local map) in the page :meth:`written`
        was last told of (none when its content was not what :meth:`restore` gave back)."""
        self.given: str | None = None
        """The content :meth:`written` gave back last (an incremental build notes where the
        content of a page the plugin renders whole is in its file)."""
        self._count = itertools.count()
        # (a writer's page cannot hold a token by chance, nor one copied from an earlier build)
        self._prefix = f"<!-- mkdocs-essays: deferred {secrets.token_hex(4)}-"

    def hold(self, html: str | Callable[[], str]) -> str:
        """The stand-in for ``html`` (an HTML comment, which search does not read).

        ``html`` may be a function that makes it: it is called when the page gets it back,
        so what only the written page needs (a local map) is made just before it is written,
        and not held from one hook to another."""
        token = f"{self._prefix}{next(self._count)} -->"
        self._held[token] = html
        return token

    def restore(self, content: str) -> str:
        """``content`` with every held fragment it stands in for put back."""
        prefix = self._prefix
        if not self._held or prefix not in content:
            return content
        pieces: list[str] = []
        lazy: list[int] = []  # where in pieces a fragment made only for the written page is
        at = 0
        while (start := content.find(prefix, at)) != -1:
            end = content.find(" -->", start + len(prefix))
            if end == -1:
                break
            end += len(" -->")
            html = self._held.pop(content[start:end], None)
            if html is None:
                pieces.append(content[at:end])
            elif isinstance(html, str):
                pieces += [content[at:start], html]
            else:
                pieces.append(content[at:start])
                lazy.append(len(pieces))
                pieces.append(html())
            at = end
        pieces.append(content[at:])
        restored = "".join(pieces)
        if lazy:
            drawn = [pieces[i] for i in lazy]
            for i in lazy:
                pieces[i] = ""
            self._written = (restored, "".join(pieces), drawn)
        return restored

    def written(self, content: str | None) -> str | None:
        """Once the page is written: its content without what was made for the written page
        only (a local map), if it is what :meth:`restore` gave back; else as it is."""
        last, self._written = self._written, None
        if last is not None and content is last[0]:
            self.drawn = last[2]
            self.given = last[1]
            return last[1]
        self.drawn = []
        self.given = content
        return content

    def __len__(self) -> int:
        return len(self._held)
