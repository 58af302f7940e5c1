"""Which pages the plugin adds to the site, decided from the collection alone.

A :class:`PageSpec` says where a listing lives, what it shows and which comment marks its place
when the writer has a page of their own at that path. The adapter turns specs into virtual
MkDocs files (``File.generated``) or attaches them to the writer's page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .pagination import Pager

__all__ = ["MARKERS", "PageSpec"]

# Kind of listing -> the comment a writer's own page uses to say where the listing goes.
MARKERS = {
    "essay-index": "<!-- essays:index -->",
    "latest": "<!-- essays:latest -->",
    "taxonomy": "<!-- essays:terms -->",
    "term": "<!-- essays:term -->",
    "cards": "<!-- essays:cards -->",
    "card": "<!-- essays:card -->",
    "map": "<!-- essays:map -->",
    "section": "<!-- essays:section -->",
}


@dataclass(frozen=True)
class PageSpec:
    """One page the plugin provides."""

    kind: str
    """``essay-index``, ``latest``, ``taxonomy``, ``term``, ``cards``, ``card``."""
    location: str
    """Where it lives (see :mod:`mkdocs_essays.pages.urls`)."""
    title: str
    key: Any = None
    """What it lists: a taxonomy name, a term, a card..."""
    top_level: bool = False
    """An index page (essays, tags, patterns) that belongs in an automatic nav."""
    meta: dict[str, Any] = field(default_factory=dict)
    """Extra ``page.meta`` for the page (for example ``{"hide": ["toc"]}``)."""
    pager: Pager | None = None
    """Which page of a paginated listing this is (:mod:`mkdocs_essays.pages.pagination`)."""

    @property
    def marker(self) -> str:
        return MARKERS[self.kind]

    def shown(self, hosted: bool) -> tuple[object, ...]:
        """What the page shows of its spec, besides what its feature declares (the build
        adds it to the page's inputs): ``hosted`` when a writer's page holds the listing."""
        return (self.kind, self.location, self.title, self.pager, hosted)

    def framed(self) -> tuple[object, ...]:
        """What the page of the plugin's own (no writer's page) shows of its spec around its
        content: its address and title (the theme's), and where its pager links (the head's
        ``rel`` links, :meth:`.pagination.Pager.linked`). Page 2 of a listing of 100 pages or
        of 101 is the same page around other content (the numbers under it are content)."""
        pager = self.pager.linked() if self.pager is not None else None
        return (self.kind, self.location, self.title, pager)
