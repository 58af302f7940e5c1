"""Pattern cards (issue 4): every section of an essay becomes a card with its own page.

The feature's three steps, each in its own module:

- ``on_files`` (:meth:`Cards.plan`): which sections are cards and where each lives
  (:mod:`.planning`); a page for each card, and the catalog ``patterns/``;
- ``on_page_content`` (:meth:`Cards.essay_html`): the essay's rendered body, read once, is
  cut into its cards (:mod:`.cutting`: each card's heading found, its HTML, lead, text and
  links taken); each carded heading gets a small link to its card, and the essay a "Pattern
  cards" block (:meth:`Cards.essay_footer`);
- ``on_env`` (:meth:`Cards.render`, :meth:`Cards.file_content`): card pages, the catalog,
  the cards on each term's page, and ``patterns/cards.json``, with related cards ranked once
  over every published card (:mod:`.related`).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from markupsafe import Markup
from mkdocs.plugins import get_plugin_logger

from ..cache import ByObject, digest
from ..model import Essay, Term
from ..model.slugs import hugo_path
from ..model.text import first_words, markdown_inline_to_text, word_count
from ..pages.feature import Feature
from ..pages.inputs import Inputs, essays, shown_essay
from ..pages.pagination import PAGE_PATH, items_of, pager_html, paginate
from ..pages.plan import PageSpec
from ..pages.urls import relative_url
from ..render import View
from .cutting import intro, match
from .html import EssayBody, Fragment, first_sentence
from .model import Card
from .planning import CardPlan
from .related import Document, VectorState, rank

if TYPE_CHECKING:
    from ..pages.views import Views
    from ..site import Site

__all__ = ["CATALOG_TITLE", "Cards"]

log = get_plugin_logger(__name__)

CATALOG_TITLE = "Patterns"
RELATED = 5
TERM_CARDS = 20
"""Cards of one essay a term page lists; a line then leads to the essay, which lists them all."""
"""How many related cards a card page shows (and ``cards.json`` lists)."""
LEAD_WORDS = 40
JSON_NAME = "cards.json"


class Cards(Feature):
    kinds = ("cards", "card")

    def __init__(self, site: Site, views: Views) -> None:
        super().__init__(site, views)
        self.planned = CardPlan(site, reserved=(PAGE_PATH, JSON_NAME))
        """Which sections are cards, and where each is (made in :meth:`plan`)."""
        self.cards = self.planned.cards
        """Every card shown in this build, by id: essays newest first, then heading order;
        each with its text once its essay is rendered (:meth:`essay_html`)."""
        self.by_essay = self.planned.by_essay
        self.sections = self.planned.sections
        """Every section of every shown essay, stubs included."""
        self.keys = self.planned.keys
        self._document_tags: dict[str, tuple[str, ...]] = {}
        self._cards_of: dict[str, list[Card]] = {}
        """Essay src_uri -> its cards (:meth:`cards_of`; dropped when one of them is filled)."""
        self.filled: set[str] = set()
        self._related: dict[str, list[str]] | None = None
        self._completed = False
        self._urls: dict[str, dict[str, str]] = {}
        self._essay_tags: dict[Essay, list[dict[str, str]]] = {}
        self._wrappers: dict[str, str] = {}
        """Card id -> an element name its section does not use, to wrap it in on its page
        (see :meth:`.html.Fragment.wrapper`)."""
        self._shown: ByObject[str] = ByObject()
        """A card of this build -> what pages show of it (:meth:`_shows`)."""
        self._listed_shown: ByObject[str] = ByObject()
        """A card of this build -> what lists show of it (:meth:`_listed_card`)."""
        self._html_shown: ByObject[str] = site.cache.get("card sections", b"", ByObject)
        """A card's section as its page shows it -> its digest (:meth:`_shows_html`), kept
        while it is the same text (a card not rendered again hands over its last section)."""
        self._html_shown.begin()
        self._listed: ByObject[tuple[str, str, str, tuple[str, ...]]] = ByObject()
        """An essay of this build -> what a card listed with it shows of it
        (:meth:`_listed_from`)."""
        self._catalog: list[Essay] | None = None
        self._catalog_tag_list: list[dict[str, Any]] | None = None
        self._tag_counts: list[dict[str, Any]] | None = None
        self.intros: dict[Essay, str] = {}
        """An essay's text before its first card, when its cards hold all the rest (see
        :func:`.cutting.intro`)."""

    # -- what is shown ---------------------------------------------------------------------

    def published(self, card: Card) -> bool:
        """In ``cards.json``: a published essay's card (a stub only with ``publish_stubs``)."""
        return card.essay.published and (not card.stub or self.site.options.publish_stubs)

    def cards_of(self, essay: Essay) -> list[Card]:
        """The essay's cards, in its order (the list is shared: do not change it)."""
        found = self._cards_of.get(essay.src_uri)
        if found is None:
            found = self._cards_of[essay.src_uri] = [
                self.cards[i] for i in self.by_essay.get(essay, ())
            ]
        return found

    def put(self, card: Card) -> None:
        """A card filled in, in place of the one planned."""
        self._cards_of.pop(card.essay.src_uri, None)
        self.cards[card.id] = card

    # -- on_files --------------------------------------------------------------------------

    def plan(self) -> Iterable[PageSpec]:
        """The cards (:mod:`.planning`), a page for each, and the catalog's pages."""
        site = self.site
        self.planned.make()
        self._cards_of.clear()
        catalog = PageSpec("cards", site.policy.cards(), CATALOG_TITLE, top_level=True)
        yield from paginate(catalog, len(self._catalog_essays()), site.options.pager_size)
        for card in self.cards.values():
            yield PageSpec("card", card.location, card.title, key=card.id)

    # -- on_page_content -------------------------------------------------------------------

    def essay_html(self, essay: Essay, html: str, page_url: str) -> str:
        sections = self.sections.get(essay)
        if not sections:
            return html
        rendered = self.views.rendered.get(essay.src_uri)
        parsed = EssayBody(rendered.parsed if rendered and rendered.parsed else html)
        body = parsed.source
        headings = parsed.headings
        found = match(
            sections,
            headings,
            show_stubs=self.planned.show_stubs,
            where=lambda section: self.planned.where(essay, section),
        )
        essay_url = page_url
        ends: dict[str, int] = {}  # card id -> where its heading ends in the body
        for card in self.cards_of(essay):
            index = found.get(card.section.position)
            if index is None:
                self._fill_from_markdown(card, anchor=None)
                continue
            fragment = parsed.section(index)  # balanced, with its own footnotes
            text = fragment.text
            self.put(
                card.filled(
                    anchor=headings[index].id,
                    html=self._page_html(card, fragment),
                    lead=fragment.lead(limit=LEAD_WORDS),
                    text=text,
                    words=word_count(text),
                    links=fragment.links(essay_url, local_ids=fragment.ids),
                )
            )
            self._wrappers[card.id] = fragment.wrapper()
            self.filled.add(card.id)
            ends[card.id] = headings[index].end
        text_before = intro(sections, self.cards_of(essay), found, parsed)
        if text_before is not None:
            self.intros[essay] = text_before
        if html != body:  # a feature before the cards changed the page: its headings moved
            where: dict[str, int] = {}
            for heading in EssayBody(html).headings:
                where.setdefault(heading.id, heading.end)
            ends = {c.id: where[c.anchor] for c in self.cards_of(essay) if c.anchor in where}
        return self._link_headings(essay, html, page_url, ends)

    def _link_headings(self, essay: Essay, html: str, page_url: str, ends: dict[str, int]) -> str:
        """A small link to its card after each carded heading (one pass over the page: an
        essay of 2,000 sections is scanned once, not once per card). ``ends``: where each
        card's heading ends in ``html``, as its reading found it."""
        pieces: list[str] = []
        at = 0
        placed = [(ends[c.id], c) for c in self.cards_of(essay) if c.anchor and c.id in ends]
        for end, card in sorted(placed, key=lambda p: p[0]):
            view = self._view(card, page_url, full=False)
            pieces += [html[at:end], "\n", self.site.renderer.render("card_ref.html", card=view)]
            at = end
        pieces.append(html[at:])
        return "".join(pieces)

    def essay_footer(self, essay: Essay, page_url: str) -> str:
        cards = self.cards_of(essay)
        if not cards:
            return ""
        return self.site.renderer.render(
            "card_list.html",
            heading="Pattern cards",
            heading_id="essay-pattern-cards",
            kind="essay",
            cards=[self._view(c, page_url, full=False) for c in cards],
            show_essay=False,
        )

    # -- on_env ----------------------------------------------------------------------------

    def _fill_from_markdown(self, card: Card, *, anchor: str | None) -> None:
        """An essay not rendered in this build (``--dirty``) or a heading not on the page: the
        card's text comes from its Markdown."""
        text = markdown_inline_to_text(card.section.markdown)
        values: dict[str, Any] = {
            "lead": first_words(first_sentence(text), LEAD_WORDS),
            "text": text,
            "words": word_count(text),
        }
        if anchor is None:
            values["anchor"] = ""
        self.put(card.filled(**values))
        self.filled.add(card.id)

    def _complete(self) -> None:
        """Once every essay is rendered (``on_env``): a card whose essay was not rendered in
        this build (``--dirty``) takes its text from its Markdown."""
        if self._completed:
            return
        for card in list(self.cards.values()):
            if card.id not in self.filled:
                self._fill_from_markdown(card, anchor=card.anchor)
        self._completed = True

    def related(self) -> dict[str, list[str]]:
        """Card id -> up to :data:`RELATED` related card ids (published cards of other essays)."""
        if self._related is None:
            self._complete()
            documents = {c.id: self._document(c) for c in self.cards.values()}
            pool = [
                documents[c.id] for c in self.cards.values() if c.essay.published and not c.stub
            ]
            # (what the last ranking's vectors were made of: a save makes again only the
            # vectors of the cards it changed; one per language, each has its own build)
            cache = self.site.cache
            state = cache.get("related-vectors", digest(self.site.language.code), VectorState)
            self._related = rank(list(documents.values()), pool, RELATED, cache, state)
        return self._related

    def _document(self, card: Card) -> Document:
        essay = card.essay
        tags = self._document_tags.get(essay.src_uri)
        if tags is None:  # (once per essay: its cards share them)
            tags = self._document_tags[essay.src_uri] = tuple(
                f"{plural}:{hugo_path(name) or name.casefold()}"
                for plural in self.site.taxonomies.values()
                for name in essay.terms(plural)
            )
        return Document(card.id, essay.src_uri, tags, card.title, card.text)

    def render(self, spec: PageSpec, page_url: str, *, hosted: bool) -> str:
        self._complete()
        if spec.kind == "cards":
            return self._render_catalog(spec, page_url, hosted=hosted)
        card = self.cards[spec.key]
        footer = self.views.card_footer(card, page_url)
        return self._render_card(card, page_url, hosted=hosted) + footer

    def _render_card(self, card: Card, page_url: str, *, hosted: bool) -> str:
        site = self.site
        siblings = self.by_essay[card.essay]
        at = self.planned.sibling_at[card.id]
        previous = self.cards[siblings[at - 1]] if at > 0 else None
        following = self.cards[siblings[at + 1]] if at + 1 < len(siblings) else None
        section = card.html  # cut and pointed from the card's page once, in essay_html
        tag = self._wrappers.get(card.id) or Fragment.parse(section).wrapper()
        return site.renderer.render(
            "card_page.html",
            h1=not hosted,
            card=self._view(card, page_url),
            essay=self.views.view(card.essay, page_url),
            # The essay's own rendered HTML, cut at the section: not a writer's raw string.
            section=Markup(section if hosted else self.views.defer(section)),  # search skips it
            # An element name the section does not use: see Fragment.wrapper.
            section_tag=tag,
            previous=self._view(previous, page_url, full=False) if previous else None,
            next=self._view(following, page_url, full=False) if following else None,
            related=[
                self._view(self.cards[i], page_url, full=False) for i in self.related()[card.id]
            ],
            catalog_url=relative_url(site.url_of(site.policy.cards()), page_url),
            defer=Markup if hosted else lambda html: Markup(self.views.defer(html)),
        )

    def _catalog_essays(self) -> list[Essay]:
        """The essays with cards, newest first: the catalog's groups (one per essay)."""
        if self._catalog is None:
            essays = [e for e in self.site.collection.essays if self.by_essay.get(e)]
            self._catalog = essays
        return self._catalog

    def _catalog_tags(self) -> list[dict[str, Any]]:
        """The catalog's tags (name, slug, site-relative URL, cards), most cards first (once
        per build: every catalog page shows them)."""
        if self._catalog_tag_list is None:
            self._catalog_tag_list = self._count_catalog_tags()
        return self._catalog_tag_list

    def _page_tags(self, shown: Iterable[Essay]) -> list[dict[str, Any]]:
        """The tags of a later page of the catalog: those of its own essays, by name, each
        linked without its count. A tag added to an essay (a count changed, or a new tag)
        changes the first page and the page the essay is on, not every page of a catalog of
        a hundred (issue 23); the first page lists every tag."""
        tags: dict[str, dict[str, Any]] = {}
        for essay in shown:
            for tag in self._tags(essay):
                tags.setdefault(tag["slug"], tag)
        return sorted(tags.values(), key=lambda t: (t["name"].casefold(), t["slug"]))

    def _count_catalog_tags(self) -> list[dict[str, Any]]:
        tags: dict[str, dict[str, Any]] = {}
        for essay in self._catalog_essays():
            for tag in self._tags(essay):
                entry = tags.setdefault(tag["slug"], {**tag, "count": 0})
                entry["count"] += len(self.by_essay[essay])
        return sorted(tags.values(), key=lambda t: (-t["count"], t["name"].casefold()))

    def _page_html(self, card: Card, fragment: Fragment) -> str:
        """The section with its links pointed from the card's page (worked out once, while
        the essay is cut: one copy of each card's HTML is kept)."""
        site = self.site
        essay_url = site.essay_url(card.essay)
        card_url = site.url_of(card.location)
        return fragment.rebase(essay_url, card_url, local_ids=fragment.ids)

    def _render_catalog(self, spec: PageSpec, page_url: str, *, hosted: bool) -> str:
        site = self.site
        groups = []
        shown = items_of(spec, self._catalog_essays())
        for essay in shown:
            groups.append(
                {
                    "id": "essay-" + self.keys[essay].replace("/", "-"),
                    "essay": self.views.view(essay, page_url),
                    "tags": [
                        View(tag, url=relative_url(tag["url"], page_url))
                        for tag in self._tags(essay)
                    ],
                    "cards": [self._view(c, page_url, full=False) for c in self.cards_of(essay)],
                }
            )
        if self._tag_counts is None:
            self._tag_counts = self._catalog_tags()
        if _later(spec):  # (see _page_tags)
            tags = [
                View({k: t[k] for k in ("name", "slug")}, url=relative_url(t["url"], page_url))
                for t in self._page_tags(shown)
            ]
        else:
            tags = [View(t, url=relative_url(t["url"], page_url)) for t in self._tag_counts]
        # One page: a filter over its cards (JavaScript); several pages: each tag links to its
        # term page, which lists every card with the tag (a filter would see one page).
        paged = spec.pager is not None and spec.pager.count > 1
        for tag in tags if paged else ():
            tag["url"] += "#essays-term-cards"
        return site.renderer.render(
            "card_catalog.html",
            title=spec.title,
            h1=not hosted,
            groups=groups,
            count=len(self.cards),
            essay_count=len(self._catalog_essays()),
            filter=tags if len(tags) > 1 and not paged else [],
            tag_links=tags if paged else [],
            pager=pager_html(self.site, spec, page_url),
        )

    def _site_urls(self, card: Card) -> dict[str, str]:
        """The card's site-relative URLs, worked out once."""
        urls = self._urls.get(card.id)
        if urls is None or urls["anchor"] != card.anchor:
            site = self.site
            essay_url = site.essay_url(card.essay)
            urls = {
                "anchor": card.anchor,
                "url": site.url_of(card.location),
                "essay_url": essay_url,
                "context_url": f"{essay_url}#{card.anchor}" if card.anchor else essay_url,
            }
            self._urls[card.id] = urls
        return urls

    def _view(self, card: Card, page_url: str, *, full: bool = True) -> dict[str, Any]:
        """What templates know of a card, links relative to the page at ``page_url``. A
        ``full`` view (the card's own page) has its number of words, the link into the essay
        and the tags too. Lists need none of them, and a list's view leaves them out: a word
        saved in a section changes the count on its card's page, not on the twenty pages
        that list the card (:meth:`_listed_card`)."""
        essay = card.essay
        urls = self._site_urls(card)
        view = View(
            id=card.id,
            title=card.title,
            url=relative_url(urls["url"], page_url),
            lead=card.lead,
            stub=card.stub,
            badges=[*essay.badges, *(["Stub"] if card.stub else [])],
            essay_title=essay.title,
            essay_url=relative_url(urls["essay_url"], page_url),
        )
        if full:
            view["words"] = card.words
            view["context_url"] = relative_url(urls["context_url"], page_url)
            view["tags"] = [
                View(tag, url=relative_url(tag["url"], page_url)) for tag in self._tags(essay)
            ]
        return view

    def _tags(self, essay: Essay) -> list[dict[str, str]]:
        """The essay's terms of the filter taxonomy (``tags``): name, slug, site-relative URL."""
        cached = self._essay_tags.get(essay)
        if cached is not None:
            return cached
        site = self.site
        plural = _filter_taxonomy(site.taxonomies.values())
        out: list[dict[str, str]] = []
        if plural is not None:
            taxonomy = site.collection.taxonomies[plural]
            for name in essay.terms(plural):
                slug = taxonomy.slug_of(name)
                term = taxonomy.by_slug.get(slug)
                url = site.url_of(site.policy.term(plural, slug))
                out.append(
                    {"name": term.name if term is not None else name, "slug": slug, "url": url}
                )
        self._essay_tags[essay] = out
        return out

    # -- term pages ------------------------------------------------------------------------

    def term_section(self, term: Term, page_url: str) -> str:
        """The cards of the term's essays: at most :data:`TERM_CARDS` of each essay, then a
        line to the essay (which lists them all): an essay of 2,000 sections and 200 tags
        put its 2,000 cards on each of the 200 term pages."""
        if not any(self.by_essay.get(essay) for essay in term.essays):
            return ""
        self._complete()
        views: list[dict[str, Any]] = []
        for essay in term.essays:
            ids = self.by_essay.get(essay, ())
            views += [self._view(self.cards[i], page_url, full=False) for i in ids[:TERM_CARDS]]
            if len(ids) > TERM_CARDS:
                url = relative_url(self.site.essay_url(essay), page_url)
                views.append(
                    View(more=len(ids) - TERM_CARDS, essay_url=url, essay_title=essay.title)
                )
        return self.site.renderer.render(
            "card_list.html",
            heading="Pattern cards",
            heading_id="essays-term-cards",
            kind="term",
            cards=views,
            show_essay=True,
        )

    def term_counts(self, term: Term) -> dict[str, int]:
        by_essay = self.by_essay
        return {"cards": sum(len(by_essay.get(essay, ())) for essay in term.essays)}

    # -- what each page shows --------------------------------------------------------------

    def _shows(self, card: Card) -> str:
        """What its own page shows of a card (its essay aside: an essay of the inputs), as a
        digest worked out once per card and build. The other pages that show it (its
        neighbours', the related cards', its essay's, the catalog's, the term pages) list it:
        :meth:`_listed_card`."""

        return self._shown.of(card, _card_digest)

    def _listed_card(self, card: Card) -> str:
        """What a list shows of a card (a view that is not ``full``: no number of words), as
        a digest worked out once per card and build."""
        return self._listed_shown.of(card, _listed_digest)

    def inputs(self, spec: PageSpec) -> Inputs | None:
        self._complete()
        if spec.kind == "cards":
            shown = items_of(spec, self._catalog_essays())
            groups = [
                (self.keys[e], [self._listed_card(c) for c in self.cards_of(e)]) for e in shown
            ]
            tags: list[tuple[Any, ...]]
            if _later(spec):
                tags = [(t["name"], t["slug"], t["url"]) for t in self._page_tags(shown)]
            else:
                tags = [(t["name"], t["slug"], t["url"], t["count"]) for t in self._catalog_tags()]
            return essays(shown, groups, tags, len(self.cards), len(self._catalog_essays()))
        card = self.cards[spec.key]
        siblings = self.by_essay[card.essay]
        at = self.planned.sibling_at[card.id]
        near = [
            self._listed_card(self.cards[siblings[i]]) if 0 <= i < len(siblings) else None
            for i in (at - 1, at + 1)
        ]
        related = [self.cards[i] for i in self.related()[card.id]]
        footer = self.views.card_inputs(card)
        if footer is None:
            return None
        # (a related card is listed with its essay's title, address and badges, all its
        # view has of the essay: not the essay's summary, dates or terms, which would build
        # the card again for a word saved in another essay's introduction)
        return (
            essays(
                [card.essay],
                self._shows(card),
                self._shows_html(card),
                near,
                [(self._listed_card(c), *self._listed_from(c.essay)) for c in related],
            )
            + footer
        )

    def depends(
        self, spec: PageSpec, essay_key: Callable[[Essay], bytes]
    ) -> tuple[object, ...] | None:
        """A card's page shows its card and its neighbours (all made of its essay's own), its
        essay's view, the cards related to it (made of their essays' own) and the footer. So
        its inputs are decided by the ``essay_key`` of its essay and of its related cards'
        essays, the ids of the related cards, its essay's view and the footer's inputs."""
        if spec.kind != "card":
            return None
        self._complete()
        card = self.cards[spec.key]
        footer = self.views.card_inputs(card)
        if footer is None:
            return None
        cards = self.cards
        related = tuple(self.related()[card.id])
        return (
            card.id,
            essay_key(card.essay),
            shown_essay(card.essay.src_uri, self.site, self.views),
            related,
            tuple([essay_key(cards[i].essay) for i in related]),
            # (a local map's footer names no essay nor term: its values say all it shows)
            repr(footer.values)
            if not footer.essays and not footer.terms
            else self.views.digest(footer),
        )

    def _listed_from(self, essay: Essay) -> tuple[str, str, str, tuple[str, ...]]:
        """What a card listed with its essay shows of the essay (:meth:`_view`, not full),
        once per essay and build."""
        return self._listed.of(
            essay, lambda e: (e.src_uri, e.title, self.site.essay_url(e), e.badges)
        )

    def _shows_html(self, card: Card) -> str:
        """A digest of the card's section as its page shows it, once per section text."""
        return self._html_shown.of(card.html, _hex_digest)

    def essay_inputs(self, essay: Essay) -> Inputs:
        """The links after its carded headings and the cards block: its own cards."""
        return Inputs(values=tuple(self._listed_card(c) for c in self.cards_of(essay)))

    def term_inputs(self, term: Term) -> Inputs:
        """The cards of the term's essays (at most :data:`TERM_CARDS` of each)."""
        shown: list[object] = []
        with_cards = [e for e in term.essays if self.by_essay.get(e)]
        for essay in with_cards:
            ids = self.by_essay[essay]
            shown.append([self._listed_card(self.cards[i]) for i in ids[:TERM_CARDS]] + [len(ids)])
        return essays(with_cards, shown)

    # -- patterns/cards.json ---------------------------------------------------------------

    @property
    def json_path(self) -> str:
        return f"{self.site.policy.cards()}/{JSON_NAME}"

    def extra_files(self) -> Iterable[str]:
        return [self.json_path]

    def file_content(self, path: str) -> bytes:
        """Every published card; URLs relative to the site root (join them to ``site_url``).
        Bytes: each card's entry is kept encoded, and the file is written as it is joined
        (encoding 15 MB of text that is not ASCII, and writing it as text, took 40-60 ms of a
        save at 1,000 essays)."""
        site = self.site
        related = self.related()
        published = sorted((c for c in self.cards.values() if self.published(c)), key=_by_id)
        # (json's indented output is made in Python, 5,000 cards at a time: each card's is
        # kept with what it says, and a save encodes only the cards it changed)
        kept: dict[str, tuple[tuple[Any, ...], bytes]] = site.cache.get("card json", b"", dict)
        now: dict[str, tuple[tuple[Any, ...], bytes]] = {}
        cards = []
        of_essay: dict[str, tuple[str, str | None, list[str], dict[str, list[str]]]] = {}
        """src_uri -> what each of its cards' entries says of the essay (once per essay)."""
        for card in published:
            essay = card.essay
            told = of_essay.get(essay.src_uri)
            if told is None:
                told = of_essay[essay.src_uri] = (
                    site.essay_url(essay),
                    essay.date.isoformat() if essay.date else None,
                    [t["name"] for t in self._tags(essay)],
                    {
                        plural: list(essay.terms(plural))
                        for plural in site.taxonomies.values()
                        if essay.terms(plural)
                    },
                )
            essay_url, date, tags, terms = told
            says = (
                card.title,
                card.lead,
                card.text,
                card.words,
                card.location,
                card.anchor,
                card.stub,
                card.links,
                essay_url,
                essay.title,
                date,
                tags,
                terms,
                related.get(card.id, []),
            )
            old = kept.get(card.id)
            if old is not None and old[0] == says:
                text = old[1]
            else:
                entry = {
                    "id": card.id,
                    "title": card.title,
                    "lead": card.lead,
                    "text": card.text,
                    "words": card.words,
                    "url": site.url_of(card.location),
                    "essay_url": essay_url,
                    "context_url": f"{essay_url}#{card.anchor}" if card.anchor else essay_url,
                    "essay_title": essay.title,
                    "date": date,
                    "tags": tags,
                    "terms": terms,
                    "links": [
                        {"text": link.text, "url": link.url, "internal": link.internal}
                        for link in card.links
                    ],
                    "related": says[-1],
                    "stub": card.stub,
                }
                text = indented_item(json.dumps(entry, ensure_ascii=False, indent=1)).encode()
            now[card.id] = (says, text)
            cards.append(text)
        kept.clear()  # (only this build's cards: nothing piles up over saves)
        kept.update(now)
        document = {
            "version": 1,
            "generator": "mkdocs-essays",
            "site_url": site.config.site_url or None,
            "count": len(cards),
        }
        return indented_bytes(document, "cards", cards)


def indented_item(item: str) -> str:
    """``item`` (``json.dumps(..., indent=1)``) as a list two levels down shows it."""
    # (a JSON string holds no line break: every one is the layout's)
    return "  " + item.replace("\n", "\n  ")


def indented_list(
    document: dict[str, Any], name: str, items: list[str], *, indented: bool = False
) -> str:
    """``json.dumps({**document, name: [...]}, ensure_ascii=False, indent=1) + "\n"``, the list
    given as each item's own ``json.dumps(item, ensure_ascii=False, indent=1)`` (through
    :func:`indented_item` already, when ``indented``)."""
    head = json.dumps({**document, name: []}, ensure_ascii=False, indent=1)
    if not items:
        return head + "\n"
    empty = "[]\n}"
    assert head.endswith(empty)
    body = ",\n".join(items if indented else [indented_item(item) for item in items])
    return f"{head[: -len(empty)]}[\n{body}\n ]\n}}\n"


def indented_bytes(document: dict[str, Any], name: str, items: list[bytes]) -> bytes:
    """:func:`indented_list` (``indented``) in UTF-8, of items encoded already."""
    if not items:
        return indented_list(document, name, []).encode()
    head, tail = indented_list(document, name, ["\x00"], indented=True).split("\x00")
    # (one join of it all: the items are most of the file, some 15 MB at 1,000 essays)
    parts = [head.encode(), items[0]]
    for item in items[1:]:
        parts += (b",\n", item)
    parts.append(tail.encode())
    return b"".join(parts)


def _by_id(card: Card) -> str:
    return card.id


def _filter_taxonomy(plurals: Iterable[str]) -> str | None:
    names = list(dict.fromkeys(plurals))
    if "tags" in names:
        return "tags"
    return names[0] if names else None


def _card_digest(c: Card) -> str:
    return digest(repr((c.id, c.title, c.location, c.anchor, c.lead, c.words, c.stub))).hex()


def _listed_digest(c: Card) -> str:
    return digest(repr((c.id, c.title, c.location, c.anchor, c.lead, c.stub))).hex()


def _hex_digest(text: str) -> str:
    return digest(text).hex()


def _later(spec: PageSpec) -> bool:
    """A page of the catalog after its first."""
    return spec.pager is not None and spec.pager.number > 1
