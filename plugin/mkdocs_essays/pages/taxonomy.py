"""Taxonomy pages: ``<taxonomy>/`` (every term with counts) and ``<taxonomy>/<term>/`` (issue 3).

Every configured taxonomy (``taxonomies: {tag: tags, category: categories, series: series}``,
as Hugo's ``[taxonomies]``) gets an index listing its terms, most used first, weighted by count
(a cloud that reads as a plain list without CSS or JavaScript), and one page per term: the
essays carrying it, newest first, what other features add (the cards carrying it), the terms
that often appear with it, and a link back to the index. Only listed essays count: published
ones in ``mkdocs build``, every one (with its badge) under ``mkdocs serve``.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from markupsafe import Markup
from mkdocs.structure.files import InclusionLevel

from ..model import Essay, Term
from ..render import View
from .aliases import alias_dest, redirect_page
from .feature import Feature
from .inputs import Inputs, essays, terms
from .pagination import items_of, pager_html, paginate
from .plan import PageSpec
from .urls import relative_url

if TYPE_CHECKING:
    from ..site import Site
    from .views import Views

__all__ = ["Taxonomies", "weight"]

RELATED_TERMS = 12
TERMS_PER_PAGE = 500
"""Terms on one page of a taxonomy's index (``tags/``, ``tags/page/2/``...): a cloud of 500
is some 200 KB of HTML; past it the index is paginated like every listing."""
"""How many co-occurring terms a term page shows."""
WEIGHTS = 5
"""Steps of the cloud's visual weight (CSS classes ``essay-cloud__item--1`` ... ``--5``)."""


def weight(count: int, most: int) -> int:
    """The cloud step of a term used ``count`` times when the most used term has ``most``.

    Logarithmic, so one dominant term does not flatten the rest; on a small site (``most`` up
    to 8) the steps stay absolute, so 1 and 2 essays do not look worlds apart.
    """
    if count <= 1:
        return 1
    scale = math.log(max(most, 8))
    return 1 + min(WEIGHTS - 1, round((WEIGHTS - 1) * math.log(count) / scale))


def title_of(plural: str) -> str:
    """``tags`` -> ``Tags``, as Hugo titles a taxonomy page."""
    return plural[:1].upper() + plural[1:]


class Taxonomies(Feature):
    kinds = ("taxonomy", "term")

    def plural_names(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(self.site.taxonomies.values()))

    def singular(self, plural: str) -> str:
        for singular, name in self.site.taxonomies.items():
            if name == plural:
                return singular
        return plural

    def __init__(self, site: Site, views: Views) -> None:
        super().__init__(site, views)
        self.redirects: dict[str, Term] = {}
        """Redirect file -> term, for Hugo paths of spellings merged into another term."""
        self._listed: dict[Term, list[Essay]] = {}
        self._counted: dict[Term, dict[str, int]] = {}

    def extra_files(self) -> Iterable[str]:
        """A redirect at each path Hugo gave a spelling that became part of another term
        (``tags/generative--ai/`` for "Generative  AI"), so no old link breaks."""
        site = self.site
        assert site.files is not None
        for plural in self.plural_names():
            taxonomy = site.collection.taxonomies[plural]
            for merge in taxonomy.merges:
                term = taxonomy.by_slug.get(merge.slug)
                for slug in merge.hugo_slugs:
                    dest = alias_dest(site.policy.term(plural, slug))
                    if term is None or site.files.get_file_from_path(dest) is not None:
                        continue
                    self.redirects[dest] = term
        return list(self.redirects)

    def file_content(self, path: str) -> str:
        term = self.redirects[path]
        site = self.site
        return redirect_page(
            self.site, path, site.url_of(site.policy.term(term.taxonomy, term.slug)), term.name
        )

    def plan(self) -> Iterable[PageSpec]:
        site = self.site
        for plural in self.plural_names():
            taxonomy = site.collection.taxonomies[plural]
            # Hugo makes the index even when no essay uses the taxonomy; only a used one goes
            # into an automatic nav.
            index = PageSpec(
                "taxonomy",
                site.policy.taxonomy(plural),
                title_of(plural),
                key=plural,
                top_level=len(taxonomy) > 0,
            )
            if self._unrendered(index.location):
                pass  # its _index.md says build.render = "never": Hugo writes no page
            elif len(taxonomy) > TERMS_PER_PAGE:  # (a cloud is one page while it can be read)
                yield from paginate(index, len(taxonomy), TERMS_PER_PAGE)
            else:
                yield index
            for term in taxonomy:
                spec = PageSpec("term", site.policy.term(plural, term.slug), term.name, key=term)
                if not self._unrendered(spec.location):
                    yield from paginate(spec, len(self.listed(term)), site.options.pager_size)

    def _unrendered(self, location: str) -> bool:
        return self.site.hugo.unrendered(location)

    def listed(self, term: Term) -> list[Essay]:
        """The term's essays shown in this build, newest first (worked out once per term), with
        the other pages carrying it (Hugo content) but not those no listing shows."""
        essays = self._listed.get(term)
        if essays is None:
            site = self.site
            unlisted = site.collection.unlisted
            essays = self._listed[term] = [
                e
                for e in term.essays
                if e.src_uri not in unlisted and (e in site.locations or self._page_url(e))
            ]
        return essays

    def _page_url(self, page: Essay) -> str | None:
        """The URL of a page that is not an essay, when this build publishes it."""
        files = self.site.files
        file = files.get_file_from_path(page.src_uri) if files is not None else None
        if file is None or not InclusionLevel.is_in_serve(file.inclusion):
            return None
        return file.url

    def _view(self, essay: Essay, page_url: str) -> Any:
        site = self.site
        if essay in site.locations:
            return self.views.view(essay, page_url)
        return View(
            title=essay.title,
            url=relative_url(self._page_url(essay) or "", page_url),
            date=essay.date,
            lastmod=essay.front.lastmod,
            badges=essay.badges,
            summary=self.views.summary(essay),
            minutes=None,
            terms=[],
            essay=essay,
        )

    def _on_page(self, spec: PageSpec) -> tuple[Sequence[Essay], Term]:
        """The essays a term's page lists, and the term as what other features add to the
        page sees it: with the essays of this page (their cards)."""
        term: Term = spec.key
        essays = items_of(spec, self.listed(term))
        shown = replace(term, essays=tuple(essays)) if spec.pager and spec.pager.count > 1 else term
        return essays, shown

    def inputs(self, spec: PageSpec) -> Inputs | None:
        if spec.kind == "taxonomy":
            taxonomy = self.site.collection.taxonomies[spec.key]
            most = max((term.count for term in taxonomy), default=0)
            return terms(items_of(spec, list(taxonomy)), most)
        term: Term = spec.key
        listed, shown = self._on_page(spec)
        pages = [self._page_values(e) for e in listed if e not in self.site.locations]
        taxonomy = self.site.collection.taxonomies[term.taxonomy]
        related = taxonomy.related_to(term, RELATED_TERMS)
        added = self.views.term_inputs(shown)
        if added is None:
            return None
        # The terms it "often appears with": their names, addresses and what they share with
        # it, as shown; not their counts (one essay more tagged AI would change every page
        # of every term that shows AI among its companions: issue 23).
        together = [(other.name, other.slug, shared) for other, shared in related]
        return (
            essays((e for e in listed if e in self.site.locations), *pages, together)
            + terms([term])
            + added
        )

    def _page_values(self, page: Essay) -> tuple[object, ...]:
        """What a term's page shows of a page that is not an essay (see :meth:`_view`)."""
        summary = self.views.summary(page)
        return (page.src_uri, page.title, self._page_url(page), page.badges, summary, page.front)

    def render(self, spec: PageSpec, page_url: str, *, hosted: bool) -> str:
        if spec.kind == "taxonomy":
            return self._render_index(spec, page_url, hosted=hosted)
        return self._render_term(spec, page_url, hosted=hosted)

    def _counts(self, term: Term) -> dict[str, int]:
        """What other features count for the term (``{"cards": 2}``), leaving out zeros
        (worked out once per term: every page of a paginated term shows them)."""
        counts = self._counted.get(term)
        if counts is None:
            counts = {kind: n for kind, n in self.views.term_counts(term).items() if n}
            self._counted[term] = counts
        return counts

    def _link(self, term: Term, page_url: str) -> str:
        site = self.site
        return relative_url(site.url_of(site.policy.term(term.taxonomy, term.slug)), page_url)

    def _render_index(self, spec: PageSpec, page_url: str, *, hosted: bool) -> str:
        site = self.site
        plural: str = spec.key
        taxonomy = site.collection.taxonomies[plural]
        most = max((term.count for term in taxonomy), default=0)
        terms: list[dict[str, Any]] = []
        for term in items_of(spec, list(taxonomy)):
            terms.append(
                {
                    "name": term.name,
                    "slug": term.slug,
                    "url": self._link(term, page_url),
                    "count": term.count,
                    "counts": self._counts(term),
                    "weight": weight(term.count, most),
                }
            )
        return site.renderer.render(
            "taxonomy.html",
            title=spec.title,
            h1=not hosted,
            plural=plural,
            singular=self.singular(plural),
            terms=terms,
            pager=pager_html(self.site, spec, page_url),
        )

    def _render_term(self, spec: PageSpec, page_url: str, *, hosted: bool) -> str:
        site = self.site
        term: Term = spec.key
        plural = term.taxonomy
        taxonomy = site.collection.taxonomies[plural]
        related = [
            {"name": other.name, "url": self._link(other, page_url), "shared": shared}
            for other, shared in taxonomy.related_to(term, RELATED_TERMS)
        ]
        index_url = relative_url(site.url_of(site.policy.taxonomy(plural)), page_url)
        essays, shown = self._on_page(spec)
        return site.renderer.render(
            "term.html",
            term=term,
            name=term.name,
            h1=not hosted,
            plural=plural,
            singular=self.singular(plural),
            count=term.count,
            counts=self._counts(term),
            level=3,
            essays=[self._view(e, page_url) for e in essays],
            # HTML other features render for the term (the cards carrying it): not a writer's
            # string, their templates escape those.
            sections=Markup(self.views.term_sections(shown, page_url)),
            pager=pager_html(self.site, spec, page_url),
            related=related,
            index_url=index_url,
        )
