"""The essay index (``posts/``) and the latest essays on the home page."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cached_property

from markupsafe import escape

from ..model import Essay
from .feature import Feature
from .inputs import Inputs, essays
from .pagination import items_of, pager_html, paginate
from .plan import PageSpec
from .urls import relative_url

__all__ = ["EssayIndex"]


class EssayIndex(Feature):
    kinds = ("essay-index", "latest")

    @property
    def location(self) -> str:
        return self.site.policy.section(self.site.essays_dir)

    @cached_property
    def listed(self) -> list[Essay]:
        """The essays the index lists, newest first (once their places are known), but not
        those in no listing (Hugo's ``build.list = "never"``)."""
        site = self.site
        unlisted = site.collection.unlisted
        return [
            e for e in site.collection.listed if e in site.locations and e.src_uri not in unlisted
        ]

    def plan(self) -> Iterable[PageSpec]:
        site = self.site
        index = PageSpec("essay-index", self.location, site.options.index_title, top_level=True)
        yield from paginate(index, len(self.listed), site.options.pager_size)
        if site.options.home_latest > 0:
            yield PageSpec("latest", "", site.config.site_name, meta={"hide": ["toc"]})

    def render(self, spec: PageSpec, page_url: str, *, hosted: bool) -> str:
        site = self.site
        if spec.kind == "essay-index":
            return site.renderer.render(
                "essay_index.html",
                title=spec.title,
                h1=not hosted,
                intro="",
                level=2,
                essays=[self.views.view(e, page_url) for e in items_of(spec, self.listed)],
                pager=pager_html(self.site, spec, page_url),
            )
        latest = self._latest()
        index_url = relative_url(site.url_of(self.location), page_url)
        listing = site.renderer.render(
            "latest.html",
            level=3,
            essays=[self.views.view(e, page_url) for e in latest],
            index_url=index_url,
        )
        if hosted:
            return listing
        return f"<h1>{escape(spec.title)}</h1>\n{listing}"

    def _latest(self) -> list[Essay]:
        # Hugo's site-wide lists (site.RegularPages) leave out build.list = "local" pages
        local = self.site.collection.local
        return [e for e in self.listed if e.src_uri not in local][: self.site.options.home_latest]

    def inputs(self, spec: PageSpec) -> Inputs:
        if spec.kind == "essay-index":
            return essays(items_of(spec, self.listed))
        return essays(self._latest(), self.location)
