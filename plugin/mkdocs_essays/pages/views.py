"""What a feature sees of the build's pages, beside the :class:`~mkdocs_essays.site.Site`.

- each essay as MkDocs rendered it (:class:`Rendered`: its HTML, text, words, summary), once
  ``on_page_content`` has seen it, and what templates know of it (:meth:`Views.view`);
- the pages every feature planned (:attr:`Views.planned`) and how a message names any file;
- the fragments features add to pages another owns: a term page's sections and counts, what
  follows a pattern card (:meth:`Views.term_sections`, :meth:`Views.term_counts`,
  :meth:`Views.card_footer`);
- HTML held from the search plugin (:meth:`Views.defer`).

Only the build writes here (:meth:`Views.measure`, each essay once); features read.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from ..cache import ByObject
from ..model.text import auto_summary, first_words, markdown_inline_to_text, summary_before_more
from ..model.text import reading_time as minutes_for
from ..model.text import word_count as count_words
from ..parsing.html import ParsedHtml
from ..render import View
from ..render.deferred import Deferred
from .chips import LISTED_TERMS, Chips, chips_of
from .inputs import Inputs, digest
from .urls import relative_url

if TYPE_CHECKING:
    from mkdocs.structure.files import File

    from ..cards.model import Card
    from ..model import Essay, Term
    from ..site import Site
    from .feature import Feature
    from .plan import PageSpec

__all__ = ["Rendered", "Views"]


@dataclass(frozen=True)
class Rendered:
    """What an essay's rendered body gave: its HTML (before our header) and its text."""

    html: str
    text: str
    words: int
    summary: str
    code: str = ""
    """The text of its code blocks (the similarity of essays leaves their words out)."""
    parsed: ParsedHtml | None = field(default=None, compare=False, repr=False)
    """The body's one reading, while its page is rendered (``on_page_content``); None after
    (:meth:`Views.release`), so a build does not keep every essay's tokens."""


class Views:
    """Rendered essays, their views, the planned pages and the fragments of a build."""

    def __init__(
        self,
        site: Site,
        planned: dict[str, PageSpec],
        describe: Callable[[File], str],
    ) -> None:
        self.site = site
        self.planned: Mapping[str, PageSpec] = MappingProxyType(planned)
        """src_uri of the page that shows it -> the spec of every page planned so far."""
        self.describe = describe
        """How a message names a file of the site (``the essay docs/posts/x.md:3``...)."""
        self.deferred = Deferred()
        self.features: tuple[Feature, ...] = ()
        """Every feature of the build, in order (what the fragments are asked of)."""
        self._hooked: dict[str, tuple[tuple[Feature, ...], tuple[Feature, ...]]] = {}
        """Hook -> (the features asked, those among them that add that hook)."""
        self._rendered: dict[str, Rendered] = {}
        self.rendered: Mapping[str, Rendered] = MappingProxyType(self._rendered)
        """src_uri -> each essay MkDocs rendered in this build (``on_page_content``)."""
        self._views: dict[tuple[str, str, bool], dict[str, Any]] | None = None
        """Essay views by (essay, page folder), once every essay is rendered (``on_env``)."""
        self._chips: dict[Essay, tuple[Chips, ...]] = {}
        self._summaries: dict[str, str] = {}
        """src_uri -> the summary of a page not rendered in this build (see :meth:`summary`)."""
        self.local_maps: list[str] | None = None
        """While the key of a page is worked out (:mod:`..incremental.keys`): the value each
        local map its inputs declare gives (:mod:`..incremental.patching`)."""
        self.shown: dict[tuple[str, str], bytes] | None = None
        """A digest of what a page shows of an essay or a term, once every essay is rendered
        (worked out once per build: each essay is named by the inputs of many pages,
        :mod:`.inputs`); None until :meth:`rendered_all`."""
        self.fronts: ByObject[str] = site.cache.get("front matter reprs", b"", ByObject)
        """An essay's front matter -> its ``repr`` (in what pages show of the essay), kept
        while it is the same object: parsed front matter is kept by its text."""
        self.fronts.begin()

    # -- what the build records -----------------------------------------------------------------

    def measure(self, essay: Essay, html: str) -> Rendered:
        """Record an essay's rendered body (``on_page_content``; the build's, once per essay),
        read once: its text and summary, and what the features read of it, share that
        reading until :meth:`release`."""
        parsed = ParsedHtml(html)
        text = parsed.text()
        summary = self._summary(essay, parsed)
        words = count_words(text)
        rendered = Rendered(html, text, words, summary, code=parsed.code(), parsed=parsed)
        self._rendered[essay.src_uri] = rendered
        return rendered

    def adopt(self, essay: Essay, rendered: Rendered) -> None:
        """Record what an earlier build's rendering of the essay gave, its body unchanged (an
        incremental build does not render it again: ``incremental/products.py``)."""
        self._rendered[essay.src_uri] = replace(rendered, parsed=None)

    def release(self, essay: Essay) -> None:
        """The features have read the essay's body: its reading is let go."""
        rendered = self._rendered.get(essay.src_uri)
        if rendered is not None and rendered.parsed is not None:
            self._rendered[essay.src_uri] = replace(rendered, parsed=None)

    def rendered_all(self) -> None:
        """Every essay is rendered or adopted (``on_env``): what pages show of essays and
        terms is kept once worked out (the incremental engine asks for every page's key)."""
        if self.shown is None:
            self.shown = {}

    def settle(self) -> None:
        """Every essay is rendered (``on_env``): views are made once per essay and folder."""
        if self._views is None:
            self._views = {}

    # -- essays ---------------------------------------------------------------------------------

    def summary(self, essay: Essay) -> str:
        """The essay's summary, worked out once: from its rendered HTML, else (a page that is
        not an essay, an essay a ``--dirty`` build did not render) from its Markdown."""
        rendered = self._rendered.get(essay.src_uri)
        if rendered is not None:
            return rendered.summary
        summary = self._summaries.get(essay.src_uri)
        if summary is None:
            summary = self._summaries[essay.src_uri] = self._summary(essay, None)
        return summary

    def _summary(self, essay: Essay, body: ParsedHtml | None) -> str:
        """Hugo's summary: the ``summary`` of the front matter, else the text before
        ``<!--more-->``, else the first blocks up to ``summary_length`` words (of the rendered
        ``body``, else of the Markdown)."""
        limit = self.site.options.summary_length
        if essay.front.summary:
            return markdown_inline_to_text(essay.front.summary)
        if body is not None:
            before = summary_before_more(body)
            return before if before is not None else auto_summary(body, limit)
        text = essay.body.split("<!--more-->", 1)[0] if "<!--more-->" in essay.body else essay.body
        return first_words(markdown_inline_to_text(text), limit)

    def view(self, essay: Essay, page_url: str, *, full: bool = False) -> dict[str, Any]:
        """What templates know of an essay, with links relative to the page at ``page_url``:
        its term chips as a listing shows them (:mod:`.chips`), all of them when ``full``
        (the essay's own page).

        Once every essay is rendered (``on_env``) a view depends only on the essay and the
        page's folder, so it is made once per pair: the five cards of an essay, or the essays
        listed on sixty term pages, share them. Callers must not change the dict.
        """
        if self._views is None:
            return self._view(essay, page_url, full)
        folder = page_url if page_url.endswith("/") else posixpath.dirname(page_url)
        key = (essay.src_uri, folder, full)
        view = self._views.get(key)
        if view is None:
            view = self._views[key] = self._view(essay, page_url, full)
        return view

    def _view(self, essay: Essay, page_url: str, full: bool) -> dict[str, Any]:
        site = self.site
        rendered = self._rendered.get(essay.src_uri)
        url = relative_url(site.essay_url(essay), page_url)
        chips = self._chips.get(essay)
        if chips is None:
            taxonomies = {p: site.collection.taxonomies[p] for p in site.taxonomies.values()}
            chips = self._chips[essay] = chips_of(essay, taxonomies)
        terms = []
        for group in chips:
            shown = group.terms if full else group.terms[:LISTED_TERMS]
            links = [
                View(
                    name=name,
                    url=relative_url(site.url_of(site.policy.term(group.taxonomy, slug)), page_url),
                )
                for name, slug in shown
            ]
            terms.append(
                View(
                    taxonomy=group.taxonomy,
                    label=group.taxonomy.capitalize(),
                    links=links,
                    more=len(group.terms) - len(shown),
                    url=url,
                )
            )
        return View(
            title=essay.title,
            url=url,
            date=essay.date,
            lastmod=essay.front.lastmod,
            badges=essay.badges,
            summary=self.summary(essay),
            minutes=minutes_for(rendered.words) if rendered else None,
            terms=terms,
            essay=essay,
        )

    # -- what features add to pages another owns -----------------------------------------------

    def term_sections(self, term: Term, page_url: str) -> str:
        """What features add to a term's page (the cards carrying it, its feed)."""
        return "".join(f.term_section(term, page_url) for f in self._with("term_section"))

    def term_counts(self, term: Term) -> dict[str, int]:
        """What features count for a term (``{"cards": 3}``)."""
        counts: dict[str, int] = {}
        for feature in self._with("term_counts"):
            counts.update(feature.term_counts(term))
        return counts

    def card_footer(self, card: Card, page_url: str) -> str:
        """What features add after a pattern card's page (the map around it)."""
        return "".join(f.card_footer(card, page_url) for f in self._with("card_footer"))

    def term_inputs(self, term: Term) -> Inputs | None:
        """What the features' sections on a term's page show (None: one does not say)."""
        return _declared(f.term_inputs(term) for f in self._with("term_section"))

    def card_inputs(self, card: Card) -> Inputs | None:
        """What the features' footers on a card's page show (None: one does not say)."""
        return _declared(f.card_inputs(card) for f in self._with("card_footer"))

    def essay_inputs(self, essay: Essay) -> Inputs | None:
        """What the features add to an essay's page show (None: one does not say)."""
        adding = self._adding()
        return _declared(f.essay_inputs(essay) for f in adding)

    def _adding(self) -> tuple[Feature, ...]:
        """The features that add to an essay's page, in their order (once per build)."""
        found = self._hooked.get("\x00essay")
        if found is None or found[0] is not self.features:
            hooks = ("essay_html", "essay_footer", "essay_late")
            adding = {f for hook in hooks for f in self._with(hook)}
            found = (self.features, tuple(f for f in self.features if f in adding))
            self._hooked["\x00essay"] = found
        return found[1]

    def _with(self, hook: str) -> tuple[Feature, ...]:
        """The features that add the fragment ``hook`` (they override the contract's), worked
        out once for the build's features (every page asks)."""
        found = self._hooked.get(hook)
        if found is None or found[0] is not self.features:
            from .feature import Feature

            base = getattr(Feature, hook)
            chosen = tuple(f for f in self.features if getattr(type(f), hook) is not base)
            found = self._hooked[hook] = (self.features, chosen)
        return found[1]

    def digest(self, inputs: Inputs) -> bytes:
        """The key of what ``inputs`` names, as it is in this build (:mod:`.inputs`)."""
        return digest(inputs, self.site, self)

    # -- HTML search does not read --------------------------------------------------------------

    def defer(self, html: str | Callable[[], str]) -> str:
        """A stand-in for HTML search must not index (``data-search-exclude``, which Material's
        indexer reads all the same): the page gets it back after search (``on_page_context``,
        :mod:`..render.deferred`)."""
        return self.deferred.hold(html)


def _declared(parts: Iterable[Inputs | None]) -> Inputs | None:
    """The parts together; None when one of them is not declared."""
    total = Inputs()
    for part in parts:
        if part is None:
            return None
        total = total + part
    return total
