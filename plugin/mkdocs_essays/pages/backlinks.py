"""Backlinks: under each essay, the essays that link to it ("Linked from"), as Quartz and
Obsidian show them.

An essay's outbound links are read from its rendered body (``on_page_content``), where MkDocs
has already turned ``other.md#part`` into a URL; a link to any part of an essay page counts
(card pages are the plugin's own, and links to them do not). The list is filled in once every
essay is rendered (``on_env``): an essay can be linked from one MkDocs renders after it.
Only essays of this build count, so a draft's links show under ``mkdocs serve`` and never in
``mkdocs build``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..cards.html import links_of
from ..model import Essay
from .feature import Feature
from .inputs import Inputs, essays

if TYPE_CHECKING:
    from ..site import Site
    from .views import Views

__all__ = ["Backlinks"]


class Backlinks(Feature):
    def __init__(self, site: Site, views: Views) -> None:
        super().__init__(site, views)
        self.inbound: dict[Essay, set[Essay]] = {}
        """Essay -> the essays of this build that link to it."""
        self._by_url: dict[str, Essay] | None = None

    def _essays_by_url(self) -> dict[str, Essay]:
        """Site-relative URL of each essay page -> the essay (made once per build)."""
        if self._by_url is None:
            site = self.site
            self._by_url = {site.essay_url(essay): essay for essay in site.locations}
        return self._by_url

    def essay_html(self, essay: Essay, html: str, page_url: str) -> str:
        by_url = self._essays_by_url()
        # The body as MkDocs rendered it, with its one reading (which the cards share); the
        # links the cards add to it point to card pages, which do not count.
        rendered = self.views.rendered.get(essay.src_uri)
        body = (rendered.parsed or rendered.html) if rendered else html
        for link in links_of(body, page_url, local_ids=set()):
            if not link.internal:
                continue
            path = link.url.partition("#")[0].partition("?")[0]
            target = by_url.get(path or "./")
            if target is not None and target is not essay:
                self.inbound.setdefault(target, set()).add(essay)
        return html

    def linking(self, essay: Essay) -> list[Essay]:
        """The essays of this build that link to ``essay``, newest first."""
        return sorted(self.inbound.get(essay, ()), key=Essay.newest_first)

    def essay_late(self, essay: Essay, page_url: str) -> str:
        sources = self.linking(essay)
        if not sources:
            return ""
        return self.site.renderer.render(
            "backlinks.html",
            essays=[self.views.view(source, page_url) for source in sources],
        )

    def essay_inputs(self, essay: Essay) -> Inputs:
        return essays(self.linking(essay))
