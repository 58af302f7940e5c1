"""The key of every page: a digest of everything the page shows.

A page whose key is the key of its output in the last build is not rendered again: its
HTML and its search entries are the ones kept (:mod:`.engine`). So a key must change whenever
the page would come out different, and should change only then (each needless change is a
page rendered again for nothing; a missing input is a stale page, which the equivalence test
``tests/sites/test_incremental.py`` is there to catch).

The inputs are digested at the level the templates see them:

- :meth:`Keys.essay` (an essay as listings, chips and "Related essays" show it: title, URL,
  date, summary, reading time, badges, terms, front matter) and :meth:`Keys.card` (a card
  as lists show it), each made once per build and shared by every page that shows them;
- per kind of page, what its renderer draws on: an essay page its own Markdown (as
  transformed, and the targets its links resolved to), its cards, "Linked from", "Related
  essays" and its local map; a card page its section, its neighbours and related cards; a
  listing its items and pager; the map the whole graph;
- :attr:`Keys.site`: what every page shares (the configuration, the theme's templates, the
  navigation, the versions of everything), made by the engine.

Every page's key is worked out at every build, so each must cost little: a long text (an
essay's Markdown, a card's HTML) is digested once while it is the same string
(:class:`Memo`, which outlives builds), and a local map's neighbourhood, the dearest input, is
looked at again only around the nodes of the graph that changed (:class:`_Neighbourhoods`).

Plain data in, bytes out; the MkDocs side is the engine's.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from ..pages.chips import chips_of
from ..pages.pagination import items_of

if TYPE_CHECKING:
    from mkdocs.structure.files import File, Files

    from ..build import EssaysBuild
    from ..cards.model import Card
    from ..map.graph import KnowledgeGraph
    from ..model import Essay, Term
    from ..pages.plan import PageSpec

__all__ = ["Keys", "Memo", "digest_of"]


def digest_of(*parts: object) -> bytes:
    """A 16-byte digest of ``parts`` (strings, numbers, bytes, dates and tuples of them)."""
    return hashlib.blake2b(repr(parts).encode("utf-8", "surrogatepass"), digest_size=16).digest()


class Memo:
    """What key making keeps from one build to the next: digests of objects that stay the same
    object while their content does (texts, parsed front matter), and the last build's local
    maps (:class:`_Neighbourhoods`). Entries no build asked for are dropped at the next."""

    def __init__(self) -> None:
        self._held: dict[int, tuple[object, bytes]] = {}
        self._asked: dict[int, tuple[object, bytes]] = {}
        self.maps = _Neighbourhoods()

    def begin(self) -> None:
        self._held, self._asked = self._asked or self._held, {}

    def of(self, value: object, make: Callable[[object], bytes]) -> bytes:
        key = id(value)
        held = self._asked.get(key) or self._held.get(key)
        if held is None or held[0] is not value:
            held = (value, make(value))
        self._asked[key] = held
        return held[1]

    def text(self, value: str) -> bytes:
        return self.of(value, _text)

    def repr(self, value: object) -> bytes:
        return self.of(value, _repr)


def _text(value: object) -> bytes:
    assert isinstance(value, str)
    return hashlib.blake2b(value.encode("utf-8", "surrogatepass"), digest_size=16).digest()


def _repr(value: object) -> bytes:
    return digest_of(repr(value))


class Keys:
    """Keys of one build's pages (every method is read-only on the build)."""

    def __init__(
        self,
        build: EssaysBuild,
        files: Files,
        generation: bytes,
        lookups: Callable[[str], tuple[Any, ...]],
        memo: Memo,
        *,
        overridden: bool = False,
    ) -> None:
        self.build = build
        self.files = files
        self.generation = generation
        """What every record depends on: versions, configuration, theme (:mod:`.engine`)."""
        self.site = generation
        """What every page shares: :attr:`generation` and the navigation (set at ``on_env``)."""
        self._lookups = lookups
        """src_uri -> what the page's links resolved to in this build (:mod:`.engine`)."""
        self.memo = memo
        self.overridden = overridden
        """The theme overrides some of the plugin's templates (``<custom_dir>/essays/``):
        they may show more of an essay or a card than the plugin's own, so every field of
        their views counts."""
        self._essays: dict[str, bytes] = {}
        self._cards: dict[str, bytes] = {}
        features = {type(f).__name__: f for f in build.features}
        self.cards = features.get("Cards")
        self.related = features.get("RelatedEssays")
        self.backlinks = features.get("Backlinks")
        self.map = features.get("KnowledgeMap")
        self.taxonomies = features.get("Taxonomies")
        self.index = features.get("EssayIndex")
        self.hugo = features.get("HugoContent")
        self._taxonomies = {p: build.collection.taxonomies[p] for p in build.taxonomies.values()}
        self._neighbourhoods: dict[str, bytes | None] | None = None

    # -- what many pages show --------------------------------------------------------------

    def essay(self, essay: Essay) -> bytes:
        """An essay as another page shows it (a view of :meth:`EssaysBuild.view`, full)."""
        key = self._essays.get(essay.src_uri)
        if key is None:
            build = self.build
            rendered = build.rendered.get(essay.src_uri)
            url = build.essay_url(essay) if essay in build.locations else self._page_url(essay)
            chips = tuple(
                (group.taxonomy, group.terms) for group in chips_of(essay, self._taxonomies)
            )
            key = self._essays[essay.src_uri] = digest_of(
                essay.src_uri,
                url,
                essay.title,
                essay.badges,
                essay.date,
                essay.front.lastmod,
                build.summary(essay),
                rendered.words if rendered is not None else None,
                chips,
                self.memo.repr(essay.front) if self.overridden else None,
            )
        return key

    def _page_url(self, page: Essay) -> str | None:
        file = self.files.get_file_from_path(page.src_uri)
        return file.url if file is not None else None

    def card(self, card: Card) -> bytes:
        """A card as a list shows it (``Cards._view``: its title, address, lead, badges and
        essay; every field when templates are overridden)."""
        key = self._cards.get(card.id)
        if key is None:
            essay = card.essay
            full = self._full_card(card) if self.overridden else None
            key = self._cards[card.id] = digest_of(
                card.id,
                card.title,
                card.location,
                card.lead,
                card.stub,
                essay.badges,
                essay.title,
                self.build.essay_url(essay),
                full,
            )
        return key

    def _full_card(self, card: Card) -> tuple[object, ...]:
        """What a card's own page shows of it beyond a list: its words, its place in the
        essay, its tags."""
        tags = tuple((t["name"], t["slug"]) for t in self.cards._tags(card.essay))
        return (card.words, card.anchor, tags)

    def head(self, url: str) -> str:
        return "".join(feature.head(url) for feature in self.build.features)

    # -- pages ---------------------------------------------------------------------------

    def page(self, file: File, source: Callable[[], bytes]) -> bytes | None:
        """The key of the page of ``file``; None when it must be rendered whatever happens.
        ``source``: the file's bytes (read only for a writer's page without front matter)."""
        build = self.build
        src = file.src_uri
        if src in build.broken:
            return None
        url = file.url
        spec = build.specs.get(src)
        hosted = src in build.hosted
        parts: list[object] = [self.site, src, url, file.dest_uri, self.head(url)]
        essay = build.collection.get(src)
        if essay is not None and essay in build.locations:
            parts += self._essay_page(essay, url)
        elif spec is None or hosted:
            document = build.documents.get(src)
            body = build.bodies.get(src)
            parts += [
                "page",
                self.memo.repr(document.front) if document is not None else None,
                self.memo.text(body) if body is not None else digest_of(source()),
                self._lookups(src),
            ]
        if spec is not None:
            listing = self.listing(spec, url, hosted=hosted)
            if listing is None:
                return None
            parts += ["spec", hosted, spec.title, repr(spec.meta), listing]
        return digest_of(*parts)

    def _essay_page(self, essay: Essay, url: str) -> list[object]:
        build = self.build
        parts: list[object] = [
            "essay",
            self.body(essay),
            self.essay(essay),
        ]
        if self.cards is not None:
            parts.append(tuple(self.card(c) for c in self.cards.cards_of(essay)))
        if self.backlinks is not None:
            sources = self.backlinks.inbound.get(essay, ())
            parts.append(tuple(self.essay(s) for s in sorted(sources, key=_newest_first)))
        if self.related is not None and self.related.count:
            rendered = build.rendered.get(essay.src_uri)
            taken = rendered is not None and 'id="related-essays"' in rendered.html
            parts += [taken, tuple(self.essay(e) for e in self.related.related(essay))]
        parts.append(self.local_map(f"essay:{essay.src_uri}", url, "essay"))
        return parts

    def body(self, essay: Essay) -> bytes:
        """What MkDocs renders of an essay and what the plugin reads from it: its Markdown as
        transformed, its front matter, its address and its cards' plan, the targets its links
        resolved to. The products of its rendering (:mod:`.products`) are kept by it."""
        build = self.build
        plan: tuple[object, ...] = ()
        if self.cards is not None:
            plan = tuple(
                (
                    c.id,
                    c.location,
                    c.stub,
                    c.section.position,
                    c.section.anchor,
                    c.section.title,
                    c.section.level,
                )
                for c in self.cards.cards_of(essay)
            )
            plan += (len(self.cards.sections.get(essay, ())),)
        return digest_of(
            self.generation,
            essay.src_uri,
            build.essay_url(essay),
            self.memo.text(build.bodies.get(essay.src_uri, essay.body)),
            self.memo.repr(essay.front),
            essay.badges,
            plan,
            self._lookups(essay.src_uri),
        )

    def listing(self, spec: PageSpec, url: str, *, hosted: bool) -> bytes | None:
        kind = spec.kind
        pager = (spec.pager.number, spec.pager.count, spec.pager.size) if spec.pager else None
        head: list[object] = [kind, spec.location, pager]
        if kind == "card":
            return digest_of(*head, *self._card_page(self.cards.cards[spec.key], url))
        if kind == "essay-index":
            essays = items_of(spec, self.index.listed)
            return digest_of(*head, tuple(self.essay(e) for e in essays))
        if kind == "latest":
            build = self.build
            local = build.collection.local
            latest = [e for e in self.index.listed if e.src_uri not in local]
            latest = latest[: build.options.home_latest]
            return digest_of(*head, tuple(self.essay(e) for e in latest))
        if kind == "term":
            return digest_of(*head, *self._term_page(spec))
        if kind == "taxonomy":
            return digest_of(*head, *self._taxonomy_page(spec))
        if kind == "cards":
            return digest_of(*head, *self._catalog_page(spec))
        if kind == "map":
            return digest_of(*head, self.whole_map())
        if kind == "section":  # a list of links, made without templates: its HTML is its key
            return digest_of(*head, self.hugo.render(spec, url, hosted=hosted))
        return None  # a kind this module does not know: always rendered

    def _card_page(self, card: Card, url: str) -> list[object]:
        cards = self.cards
        siblings = cards.by_essay[card.essay]
        at = cards._sibling_at[card.id]
        previous = cards.cards[siblings[at - 1]] if at > 0 else None
        following = cards.cards[siblings[at + 1]] if at + 1 < len(siblings) else None
        related = cards.related()[card.id]
        return [
            self.memo.text(card.html),
            cards._wrappers.get(card.id),
            self.card(card),
            self._full_card(card),
            self.essay(card.essay),
            self.card(previous) if previous else None,
            self.card(following) if following else None,
            tuple(self.card(cards.cards[i]) for i in related),
            self.local_map(f"card:{card.id}", url, "card"),
        ]

    def _term_page(self, spec: PageSpec) -> list[object]:
        term: Term = spec.key
        taxonomies = self.taxonomies
        taxonomy = self.build.collection.taxonomies[term.taxonomy]
        essays = items_of(spec, taxonomies.listed(term))
        cards: list[object] = []
        if self.cards is not None:
            for essay in essays:
                ids = self.cards.by_essay.get(essay, ())
                cards.append(tuple(self.card(self.cards.cards[i]) for i in ids[:20]))
                cards.append(len(ids))
        related = tuple((t.name, t.slug, n) for t, n in taxonomy.related_to(term, 12))
        return [
            term.name,
            term.slug,
            term.count,
            tuple(sorted(taxonomies._counts(term).items())),
            tuple(self.essay(e) for e in essays),
            tuple(cards),
            related,
        ]

    def _taxonomy_page(self, spec: PageSpec) -> list[object]:
        taxonomy = self.build.collection.taxonomies[spec.key]
        most = max((term.count for term in taxonomy), default=0)
        terms = tuple(
            (t.name, t.slug, t.count, tuple(sorted(self.taxonomies._counts(t).items())))
            for t in items_of(spec, list(taxonomy))
        )
        return [spec.key, most, terms]

    def _catalog_page(self, spec: PageSpec) -> list[object]:
        cards = self.cards
        essays = cards._catalog_essays()
        groups = tuple(
            (
                cards.keys[e],
                self.essay(e),
                tuple((t["name"], t["slug"]) for t in cards._tags(e)),
                tuple(self.card(c) for c in cards.cards_of(e)),
            )
            for e in items_of(spec, essays)
        )
        if cards._tag_counts is None:
            cards._tag_counts = cards._catalog_tags()
        tags = tuple((t["name"], t["slug"], t["count"]) for t in cards._tag_counts)
        return [groups, len(cards.cards), len(essays), tags]

    # -- the knowledge map ---------------------------------------------------------------

    def whole_map(self) -> bytes:
        """The graph the map page draws: every node, edge, weight and topic."""
        km = self.map
        graph = km.graph
        nodes = tuple(
            (n.id, n.kind, n.title, n.url, n.badges, n.group) for n in graph.nodes.values()
        )
        topics = tuple(
            (t.id, t.label, t.words, t.members, t.essays, km._colours.get(t.id)) for t in km.topics
        )
        return digest_of(
            nodes,
            tuple(graph.edges.items()),
            tuple(graph.weights.items()),
            tuple(graph.topic.items()),
            topics,
        )

    def local_map(self, center: str, url: str, what: str) -> bytes | None:
        """What the local map around ``center`` draws (``KnowledgeMap._draw_local``): the
        neighbourhood's digest (:class:`_Neighbourhoods`), and the page (its links are
        relative to it)."""
        km = self.map
        if km is None or not self.build.options.local_map:
            return None
        if self._neighbourhoods is None:
            self._neighbourhoods = self.memo.maps.update(km)
        around = self._neighbourhoods.get(center)
        return None if around is None else digest_of(what, url, around)


class _Neighbourhoods:
    """The local maps' neighbourhoods of the last build, and which of them a new graph
    changes.

    A local map shows its node's rings (:func:`~mkdocs_essays.map.graph.neighbourhood`): what
    it draws depends on its node, the node's neighbours and how they rank (a rank is the kind,
    the number of neighbours and the id), the neighbours of the neighbours that are no terms
    (ring two is found through them) and how those rank, and the edges between all of these,
    in the order of the graph (no topics: they are the whole map's). So each node has a
    signature: its title, address, badges, the node before it and its edges (a term: its
    degree, as a term's edges are never followed), and when a node's signature changes, the
    neighbourhoods that may show it are looked at again: its own, its neighbours', and the
    neighbours of its neighbours that are no terms (in the last graph and in this one). The
    others keep their digest.
    """

    def __init__(self) -> None:
        self.signatures: dict[str, bytes] = {}
        self.adjacency: dict[str, tuple[str, ...]] = {}
        self.terms: set[str] = set()
        self.digests: dict[str, bytes | None] = {}

    def update(self, km: Any) -> dict[str, bytes | None]:
        """The neighbourhood digest of every node of ``km``'s graph (None: no local map)."""
        from ..map.graph import neighbourhood

        graph: KnowledgeGraph = km.graph
        signatures = _signatures(graph)
        terms = {n for n, node in graph.nodes.items() if node.kind == "term"}
        adjacency = {n: tuple(around) for n, around in graph.adjacency.items()}
        changed = {n for n, s in signatures.items() if self.signatures.get(n) != s}
        changed |= self.signatures.keys() - signatures.keys()
        touched: set[str] = set(changed)
        for table, skip in ((adjacency, terms), (self.adjacency, self.terms)):
            first = {m for n in changed for m in table.get(n, ())}
            touched |= first
            for m in first:
                if m not in skip:
                    touched.update(table.get(m, ()))
        digests: dict[str, bytes | None] = {}
        old = self.digests
        for center in graph.nodes:
            if center in old and center not in touched:
                digests[center] = old[center]
            elif not graph.adjacency[center]:
                digests[center] = None
            else:
                rings = neighbourhood(graph, center)
                local = graph.subgraph(n for ring in rings for n in ring)
                nodes = tuple(
                    (n.id, n.kind, n.title, n.url, n.badges, n.group) for n in local.nodes.values()
                )
                digests[center] = digest_of(
                    tuple(map(tuple, rings)), nodes, tuple(local.edges.items())
                )
        self.signatures, self.adjacency, self.terms = signatures, adjacency, terms
        self.digests = digests
        return digests


def _signatures(graph: KnowledgeGraph) -> dict[str, bytes]:
    """What of each node a local map can show or rank by (see :class:`_Neighbourhoods`)."""
    out: dict[str, bytes] = {}
    before = ""  # a local map keeps the graph's order: a node that moves changes its maps
    for node_id, node in graph.nodes.items():
        around = graph.adjacency[node_id]
        data = (before, node.kind, node.title, node.url, node.badges, node.group)
        before = node_id
        if node.kind == "term":
            out[node_id] = digest_of(data, len(around))
        else:
            out[node_id] = digest_of(data, tuple(around.items()))
    return out


def _newest_first(essay: Essay) -> tuple[float, str, str]:
    return essay.newest_first()


_ = Iterable
