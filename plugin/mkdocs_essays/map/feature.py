"""The knowledge map (issue 13): ``map/``, the whole collection as one picture, and a local
map under each essay and each pattern card page.

The graph (:mod:`.graph`) is made once per build, when the first map is drawn (``on_env``,
once every essay is rendered, so the essay-to-essay links the backlinks read are all known):
the listed essays (drafts only under ``mkdocs serve``, with their badge), their terms, their
pattern cards, the links between essays, each essay's most similar essays (the ranking of
related essays, :mod:`mkdocs_essays.related`) and the related cards; then its topics
(:mod:`.topics`). Layout (:mod:`.layout`: each topic in a disc of its own) and drawing
(:mod:`.svg`) happen at build time, so the picture and its links work without JavaScript;
``map.js`` adds zoom, pan and the filter. ``map/graph.json`` holds the same graph for other
tools.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Callable, Iterable
from importlib.resources import files as package_files
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from ..cache import Kept, digest
from ..cards.feature import Cards
from ..model import Essay
from ..pages.backlinks import Backlinks
from ..pages.feature import Feature
from ..pages.inputs import Inputs
from ..pages.plan import PageSpec
from ..pages.urls import relative_url
from ..related.feature import RelatedEssays
from ..render import View
from .around import Around, shown
from .graph import EdgeFacts, KeptGraph, KnowledgeGraph, Node, NodeFacts, neighbourhood
from .layout import Discs, Positions, Region, force_layout, ring_layout, topic_layout
from .svg import Area, NodeTexts, draw
from .topics import Topic, colours, find_topics

if TYPE_CHECKING:
    from ..cards.model import Card
    from ..pages.views import Views
    from ..site import Site

__all__ = ["CARDS_UP_TO", "KnowledgeMap"]

LOCATION = "map"
TITLE = "Map"
SCRIPT = "assets/mkdocs-essays/map.js"
GRAPH = "map/graph.json"
AREAS = 60
"""Topics drawn as groups of their own, largest first; the essays of smaller ones share the
last group with the essays of none (each keeps its topic's colour, and the key names every
topic). The placement of the groups costs their number squared."""
TITLES_UP_TO = 40
"""A map with topics names its topics; its essays' titles too while there are this few."""
CARDS_UP_TO = 400
"""The whole map shows pattern cards while essays, terms and cards together are at most this
many nodes; past it, cards are left out (each essay's local map still shows its cards)."""
MAX_LABELS = 60
WIDTH, HEIGHT = 1000, 700
LOCAL_WIDTH, LOCAL_HEIGHT = 640, 400

_KIND_LABELS = {"essay": ("Essay", "Essays"), "card": ("Pattern card", "Pattern cards")}
_EDGE_LABELS = {
    "tag": "essay and its tag",
    "card": "essay and its pattern card",
    "link": "one essay links to the other",
    "similar": "essays that share the most",
    "related": "related pattern cards",
}


class KnowledgeMap(Feature):
    """Reads the collection, the pattern cards and their related cards, the backlinks and the
    related essays' ranking (for its "similar" edges and the topics' words)."""

    kinds = ("map",)
    needs = (Cards, Backlinks, RelatedEssays)

    def __init__(
        self,
        site: Site,
        views: Views,
        cards: Cards,
        backlinks: Backlinks,
        related: RelatedEssays,
    ) -> None:
        super().__init__(site, views)
        self.cards = cards
        self.backlinks = backlinks
        self.related = related
        self._graph: KnowledgeGraph | None = None
        self._kept: KeptGraph | None = None
        """What made the graph (its shape's digest: :meth:`inputs`)."""
        self._json: bytes | None = None
        """``graph.json``, made once per build."""
        self._layout: Kept[tuple[Positions, list[Region]]] = site.cache.get("map layout", b"", Kept)
        """The last layout of the map page (kept from build to build: see :func:`_layout`)."""
        self._discs: Discs = site.cache.get("map discs", b"", Discs)
        """Each topic's disc as last laid out, asked for at every build (a build that does not
        draw the map keeps it: the cache lets go of what a build does not ask for, and a tag
        added after a word saved laid out every disc again, not the one it moved)."""
        self._texts = NodeTexts()
        """What each node draws the same on every map of this build."""
        self._topics: list[Topic] = []
        self._topic_by_id: dict[int, Topic] = {}
        self._colours: dict[int, int] = {}
        self._frames: dict[tuple[Any, ...], tuple[tuple[str, str], str] | None] = {}
        self._slot = secrets.token_hex(4)
        self._around: dict[str, bytes | None] | None = None
        """Node id -> what its local map shows (:mod:`.around`), once asked."""
        self._walked: Around | None = None
        """What gave :attr:`_around`: the rings of each map, for the maps drawn after."""
        self._drawn: dict[str, tuple[bytes, list[list[str]]]] = {}
        """What each local map drawn in this build showed (:func:`.around.shown`), so the
        keys of the pages asked for once they are built need not walk the graph again."""

    # -- the graph --------------------------------------------------------------------------

    @property
    def graph(self) -> KnowledgeGraph:
        if self._graph is None:
            self._graph = self._make_graph()
        return self._graph

    def _make_graph(self) -> KnowledgeGraph:
        """The graph of this build: the last build's, given again while its nodes and edges
        are the same (:class:`.graph.KeptGraph`), with this build's weights and topics."""
        site = self.site
        nodes: list[NodeFacts] = []
        edges: list[EdgeFacts] = []
        essays = [e for e in site.collection.listed if e in site.locations]
        for essay in essays:
            url = site.essay_url(essay)
            nodes.append((f"essay:{essay.src_uri}", "essay", essay.title, url, essay.badges, ""))
        for plural in dict.fromkeys(site.taxonomies.values()):
            for term in site.collection.taxonomies[plural]:
                term_id = f"term:{plural}/{term.slug}"
                url = site.url_of(site.policy.term(plural, term.slug))
                nodes.append((term_id, "term", term.name, url, (), plural))
                for essay in term.essays:
                    edges.append((f"essay:{essay.src_uri}", term_id, "tag", None))
        cards, related = self.cards, self.related
        any_card = False
        for essay in essays:
            essay_id = f"essay:{essay.src_uri}"
            for card in cards.cards_of(essay):
                badges = (*essay.badges, *(["Stub"] if card.stub else []))
                card_id = f"card:{card.id}"
                url = site.url_of(card.location)
                nodes.append((card_id, "card", card.title, url, badges, essay.title))
                edges.append((essay_id, card_id, "card", None))
                any_card = True
        for target in essays:
            for source in sorted(self.backlinks.inbound.get(target, ()), key=_src):
                edges.append((f"essay:{source.src_uri}", f"essay:{target.src_uri}", "link", None))
        for essay, other, score in related.similar():
            a, b = f"essay:{essay.src_uri}", f"essay:{other.src_uri}"
            edges.append((a, b, "similar", round(score, 4)))
        if any_card:
            for card_id, others in cards.related().items():
                for other_id in others:
                    edges.append((f"card:{card_id}", f"card:{other_id}", "related", None))
        kept = site.cache.get("map graph", digest("graph", site.language.code), KeptGraph)
        self._kept = kept
        graph = kept.graph(nodes, edges)
        self._find_topics(graph)
        return graph

    def _find_topics(self, graph: KnowledgeGraph) -> None:
        """The graph's topics, named by their essays' words; cards in their essay's topic."""
        by_id = {f"essay:{e.src_uri}": e for e in self.site.locations}

        def words_of(node_id: str) -> dict[str, float]:
            essay = by_id.get(node_id)
            return self.related.words(essay) if essay is not None else {}

        self._topics = find_topics(graph, words_of, cache=self.site.cache)
        self._topic_by_id = {t.id: t for t in self._topics}
        self._colours = colours(graph, self._topics)
        for node_id, node in graph.nodes.items():
            if node.kind != "card":
                continue
            for neighbour, kind in graph.adjacency[node_id].items():
                if kind == "card" and neighbour in graph.topic:  # (its essay)
                    graph.topic[node_id] = graph.topic[neighbour]
                    break

    @property
    def topics(self) -> list[Topic]:
        self.graph  # noqa: B018 (made with the graph)
        return self._topics

    # -- map/ -------------------------------------------------------------------------------

    def plan(self) -> Iterable[PageSpec]:
        yield PageSpec(
            "map",
            LOCATION,
            TITLE,
            top_level=True,
            meta={"hide": ["toc"], "search": {"exclude": True}},
        )

    def extra_files(self) -> Iterable[str]:
        return [SCRIPT, GRAPH]

    def file_content(self, path: str) -> str | bytes:
        if path == GRAPH:
            return self._graph_json()
        return (package_files("mkdocs_essays") / "assets" / "map.js").read_text("utf-8")

    def _graph_json(self) -> bytes:
        """The whole graph, every card included: nodes (id, kind, title, url, topic), edges
        (source, target, kind, and weight where it has one), topics (id, label, words,
        members). URLs are relative to the site's root, as in ``cards.json``."""
        if self._json is None:
            self._json = self._make_json()
        return self._json

    def _make_json(self) -> bytes:
        graph = self.graph
        topic = graph.topic
        weights = graph.weights
        # Each node's and edge's JSON is kept with what it says (a save under `mkdocs serve`
        # encodes the few that changed: issue 23); the document is what one json.dumps of
        # it all writes (compact, the same keys in the same order). The graph given again
        # (:class:`.graph.KeptGraph`: the same nodes and edges, in order), an entry is kept by
        # its place and what can have changed in it: a node's topic, an edge's weight.
        kept: dict[str, Any] = self.site.cache.get("graph json", b"", dict)
        if kept.get("graph") is graph:
            nodes = _kept_texts(graph.nodes, kept["nodes"], topic, kept["topic"], self._node_json)
            edges = _kept_texts(
                graph.edges, kept["edges"], weights, kept["weights"], self._edge_json
            )
        else:
            old_nodes, old_edges = _said(kept)
            nodes = [
                old_nodes.get(_node_says(n, node, topic)) or self._node_json(n)
                for n, node in graph.nodes.items()
            ]
            edges = [
                old_edges.get(_edge_says(pair, kind, weights)) or self._edge_json(pair)
                for pair, kind in graph.edges.items()
            ]
        kept.clear()
        kept.update(graph=graph, nodes=nodes, edges=edges, topic=topic, weights=weights)
        members: dict[int, list[str]] = {t.id: [] for t in self._topics}
        for node_id in graph.nodes:
            if topic.get(node_id) in members:
                members[topic[node_id]].append(node_id)
        head = _compact(
            {
                "version": 1,
                "generator": "mkdocs-essays",
                "site_url": self.site.config.site_url or None,
            }
        )
        topics = _compact(
            [
                {
                    "id": t.id,
                    "label": t.label,
                    "words": list(t.words),
                    "essays": t.essays,
                    "members": members[t.id],
                }
                for t in self._topics
            ]
        )
        # (compact: at 3,000 essays the graph has some 18,000 nodes and 80,000 edges)
        # (bytes, each entry kept encoded: the file is written as it is joined)
        return b"".join(
            (
                f'{head[:-1]},"nodes":['.encode(),
                b",".join(nodes),
                b'],"edges":[',
                b",".join(edges),
                f'],"topics":{topics}}}\n'.encode(),
            )
        )

    def _node_json(self, node_id: str) -> bytes:
        node = self.graph.nodes[node_id]
        entry: dict[str, Any] = {
            "id": node_id,
            "kind": node.kind,
            "title": node.title,
            "url": node.url,
            "topic": self.graph.topic.get(node_id),
        }
        if node.kind == "term":
            entry["taxonomy"] = node.group
        if node.badges:
            entry["badges"] = list(node.badges)
        return _compact(entry).encode()

    def _edge_json(self, pair: tuple[str, str]) -> bytes:
        a, b = pair
        edge: dict[str, Any] = {"source": a, "target": b, "kind": self.graph.edges[pair]}
        if pair in self.graph.weights:
            edge["weight"] = self.graph.weights[pair]
        return _compact(edge).encode()

    def _script(self, page_url: str) -> str:
        return relative_url(SCRIPT, page_url)

    def render(self, spec: PageSpec, page_url: str, *, hosted: bool) -> str:
        whole = self.graph
        graph = whole if _draws_cards(whole) else whole.without("card")
        left_out = whole.count("card") - graph.count("card")
        topics = self._topics
        areas: list[Area] = []
        if topics:
            drawn = topics[:AREAS]
            ids = {t.id for t in drawn}
            groups = [[m for m in graph.nodes if graph.topic.get(m) == t.id] for t in drawn]
            rest = [m for m in graph.nodes if graph.topic.get(m) not in ids]
            positions, regions = _layout(self._layout, graph, [*groups, rest], self._discs)
            areas = [
                Area(t.id, t.label, self._colours[t.id], r.x, r.y, r.rx, r.ry)
                for t, r in zip(drawn, regions, strict=False)
            ]
            areas += [Area(t.id, t.label, self._colours[t.id]) for t in topics[AREAS:]]
        else:
            positions = force_layout(graph, WIDTH, HEIGHT)
        n = max(len(graph), 1)
        scale = max(1.2, min(5.0, 40 / n**0.5))
        by_weight = sorted(
            graph.nodes, key=lambda i: (graph.nodes[i].kind != "term", -graph.degree(i), i)
        )
        titled = not topics or graph.count("essay") <= TITLES_UP_TO
        counts = self._counts(graph)
        drawing = draw(
            graph,
            positions,
            width=WIDTH,
            height=HEIGHT,
            href=lambda node: relative_url(node.url, page_url),
            scale=scale,
            font=17,
            label_order=by_weight if titled else [],
            max_labels=MAX_LABELS,
            label="Map of the site: " + ", ".join(f"{c['count']} {c['label']}" for c in counts),
            areas=areas,
            texts=self._texts,
        )
        html = self.site.renderer.render(
            "map_page.html",
            title=spec.title,
            h1=not hosted,
            svg=Markup(drawing.svg),  # built by .svg, every title escaped there
            data=Markup(drawing.data),  # digits and punctuation
            script_url=self._script(page_url),
            legend=counts,
            edges=self._edge_legend(graph),
            topics=self._topic_legend(topics),
            cards_left_out=left_out,
            patterns_url=relative_url(self.site.url_of(self.site.policy.cards()), page_url),
            graph_url=relative_url(GRAPH, page_url),
            nodes=len(graph),
        )
        return html

    def _topic_legend(self, topics: Iterable[Topic]) -> list[View]:
        return [
            View(id=t.id, label=t.label, colour=self._colours[t.id], essays=t.essays)
            for t in topics
        ]

    def _counts(self, graph: KnowledgeGraph) -> list[View]:
        out = []
        plurals = [p for p in dict.fromkeys(self.site.taxonomies.values())]
        for kind in ("essay", "card", "term"):
            count = graph.count(kind)
            if not count:
                continue
            if kind == "term":
                used = [
                    p
                    for p in plurals
                    if any(n.kind == "term" and n.group == p for n in graph.nodes.values())
                ]
                label = " and ".join(p.capitalize() for p in used) if used else "Terms"
                one = label
            else:
                one, label = _KIND_LABELS[kind]
            out.append(View(kind=kind, label=label if count != 1 else one, count=count))
        return out

    def _edge_legend(self, graph: KnowledgeGraph) -> list[View]:
        present = dict.fromkeys(graph.edges.values())
        return [View(kind=k, label=v) for k, v in _EDGE_LABELS.items() if k in present]

    # -- local maps -------------------------------------------------------------------------

    def _has_local(self, center: str) -> bool:
        if not self.site.options.local_map or center not in self.graph.nodes:
            return False
        return bool(self.graph.adjacency[center])  # (a page tied to nothing has no map)

    def _local(self, center: str, page_url: str, what: str) -> str:
        if not self._has_local(center):
            return ""
        # Drawn when the page gets it back, after search (which need not read its 13 KB of
        # SVG), just before the page is written: no map is held from one hook to another.
        return self.views.defer(lambda: self._draw_local(center, page_url, what))

    def local_map(self, center: str, page_url: str, what: str) -> str | None:
        """The local map the page at ``page_url`` (an essay's, ``what`` "essay", or a card's)
        shows around ``center``, drawn now, as its rendering puts it in (None: it has none)."""
        return self._draw_local(center, page_url, what) if self._has_local(center) else None

    def _draw_local(self, center: str, page_url: str, what: str) -> str:
        graph = self.graph
        walked = self._walked.rings(graph, center) if self._walked is not None else None
        rings = walked if walked is not None else neighbourhood(graph, center)
        local = graph.subgraph(n for ring in rings for n in ring)
        self._drawn[center] = (shown(graph, rings), rings)
        # No topics on a local map: they are the whole collection's (one essay more can move
        # hundreds of essays to another topic), and a page shows what is around it only, so
        # a save changes no more pages than it changes neighbourhoods (issue 23).
        local.topic = {}
        positions = ring_layout(rings, LOCAL_WIDTH, LOCAL_HEIGHT, margin=48)
        # Every node's URL is site-relative: from this page it is the way up to the site's
        # root and down again (what relative_url gives, but without a common prefix taken
        # out: as valid, and no work per link on a map of 29 nodes on each of 6,000 pages).
        up = "../" * page_url.count("/")
        drawing = draw(
            local,
            positions,
            width=LOCAL_WIDTH,
            height=LOCAL_HEIGHT,
            href=lambda node: up + node.url if up or node.url else "./",
            scale=4.0,
            font=13,
            label_order=[n for ring in rings for n in ring],
            max_labels=len(local),
            label=f"Map around this {what}",
            center=center,
            texts=self._texts,
        )
        legend = self._counts(local)
        edges = self._edge_legend(local)
        topics: list[View] = []
        script_url = self._script(page_url)
        map_url = relative_url(self.site.url_of(LOCATION), page_url)
        # The frame around the picture is the same on most pages: rendered once per what it
        # shows, with the picture put in after (unless a custom template does more with it).
        key = (
            what,
            script_url,
            map_url,
            tuple((v["kind"], v["label"], v["count"]) for v in legend),
            tuple((v["kind"], v["label"]) for v in edges),
            tuple(v["id"] for v in topics),
        )
        frame = self._frames.get(key)
        if frame is None:
            frame = self._frames[key] = self._frame(
                what, script_url, map_url, legend, edges, topics
            )
        if frame:
            svg_at, data_at = frame
            return svg_at[0] + drawing.svg + svg_at[1] + drawing.data + data_at
        return self._render_local(
            what, drawing.svg, drawing.data, script_url, map_url, legend, edges, topics
        )

    def _render_local(
        self,
        what: str,
        svg: str,
        data: str,
        script_url: str,
        map_url: str,
        legend: list[View],
        edges: list[View],
        topics: list[View],
    ) -> str:
        return self.site.renderer.render(
            "map_local.html",
            what=what,
            svg=Markup(svg),  # built by .svg, every title escaped there
            data=Markup(data),  # digits and punctuation
            script_url=script_url,
            map_url=map_url,
            legend=legend,
            edges=edges,
            topics=topics,
        )

    def _frame(
        self,
        what: str,
        script_url: str,
        map_url: str,
        legend: list[View],
        edges: list[View],
        topics: list[View],
    ) -> tuple[tuple[str, str], str] | None:
        """The local map's template rendered around two slots, cut at them: ``((before the
        SVG, between it and the data), after the data)``; ``None`` when a custom template
        does not print each exactly once, as given (each page is then rendered whole)."""
        svg_slot, data_slot = f"\x00svg{self._slot}\x00", f"\x00data{self._slot}\x00"
        html = self._render_local(
            what, svg_slot, data_slot, script_url, map_url, legend, edges, topics
        )
        if html.count(svg_slot) != 1 or html.count(data_slot) != 1:
            return None
        before, _, rest = html.partition(svg_slot)
        between, _, after = rest.partition(data_slot)
        if data_slot in before:
            return None
        return (before, between), after

    def essay_late(self, essay: Essay, page_url: str) -> str:
        return self._local(f"essay:{essay.src_uri}", page_url, "essay")

    # -- what each page shows ------------------------------------------------------------------

    def inputs(self, spec: PageSpec) -> Inputs:
        """What the map page draws: the graph's nodes and edges (what ``graph.json`` says of
        them but their weights, which no map shows), the topics and their colours. A word
        saved moves similarities, and ``graph.json`` with them, far more often than it moves
        a topic: the page was built again at nearly every save. A map that leaves the cards
        out (:data:`CARDS_UP_TO`) shows of them only how many there are: a section renamed (its
        card moved) changes ``graph.json``, not the page."""
        whole = self.graph
        assert self._kept is not None
        topics = [(t.id, t.label, t.words, t.members, t.essays) for t in self._topics]
        if _draws_cards(whole):
            shape = self._kept.shape().hex()
        else:  # (render: the graph without its cards, and their count)
            shape = f"{self._kept.shape('card').hex()} {whole.count('card')}"
        return Inputs(values=(shape, repr(topics), repr(sorted(self._colours.items()))))

    def essay_inputs(self, essay: Essay) -> Inputs:
        return self._local_inputs(f"essay:{essay.src_uri}")

    def card_inputs(self, card: Card) -> Inputs:
        return self._local_inputs(f"card:{card.id}")

    def _local_inputs(self, center: str) -> Inputs:
        """What the local map around ``center`` shows: its nodes and their rings, and the
        edges between them (:mod:`.around`: kept from build to build, walked again only where
        the graph changed)."""
        if not self.site.options.local_map:
            return Inputs()
        if self._around is None:
            kept = self.site.cache.get("local maps", b"", Around)
            self._around = kept.of(self.graph, self._drawn)
            self._walked = kept
        shown = self._around.get(center)
        if shown is None:
            return Inputs()
        value = shown.hex()
        if self.views.local_maps is not None:
            self.views.local_maps.append(value)
        return Inputs(values=(value,))

    def card_footer(self, card: Card, page_url: str) -> str:
        return self._local(f"card:{card.id}", page_url, "card")


def _draws_cards(whole: KnowledgeGraph) -> bool:
    """Whether the map page draws the pattern cards (:data:`CARDS_UP_TO`): what it draws, and
    so its key, follows."""
    return len(whole) <= CARDS_UP_TO


def _layout(
    kept: Kept[tuple[Positions, list[Region]]],
    graph: KnowledgeGraph,
    groups: list[list[str]],
    discs: Discs,
) -> tuple[Positions, list[Region]]:
    """The map page's layout, given again while what it is made of is the same: the nodes
    drawn (ids and kinds, in order), the edges between them (with their kinds, in order) and
    the topics' groups. It reads nothing else of the graph (not the weights: a node's ranked
    neighbours go by kind and id), and a fixed seed makes it the same every time. At 1,000
    essays the map draws no cards, so a section renamed (its card moved) changes
    ``graph.json`` and the page, not the drawing: 7% of that save laid it out again."""
    made_of = (
        WIDTH,
        HEIGHT,
        [(i, n.kind) for i, n in graph.nodes.items()],
        list(graph.edges.items()),
        groups,
    )
    return kept.of(made_of, lambda: topic_layout(graph, groups, WIDTH, HEIGHT, discs=discs))


def _kept_texts(
    items: Any,
    texts: list[bytes],
    now: dict[Any, Any],
    then: dict[Any, Any],
    make: Callable[[Any], bytes],
) -> list[bytes]:
    """The JSON of each of ``items`` (the last build's, in the same order, ``texts``): kept
    where what can change in it (``now`` against ``then``, by item) is the same."""
    out = []
    for item, text in zip(items, texts, strict=True):
        out.append(text if now.get(item) == then.get(item) else make(item))
    return out


def _said(kept: dict[str, Any]) -> tuple[dict[Any, bytes], dict[Any, bytes]]:
    """What each node's and edge's entry said in the last ``graph.json`` (none before one)."""
    graph = kept.get("graph")
    if graph is None:
        return {}, {}
    topic, weights = kept["topic"], kept["weights"]
    nodes = {
        _node_says(node_id, node, topic): text
        for (node_id, node), text in zip(graph.nodes.items(), kept["nodes"], strict=True)
    }
    edges = {
        _edge_says(pair, kind, weights): text
        for (pair, kind), text in zip(graph.edges.items(), kept["edges"], strict=True)
    }
    return nodes, edges


def _node_says(node_id: str, node: Node, topic: dict[str, int]) -> tuple[object, ...]:
    """What a node's entry in ``graph.json`` says (``topic``: its graph's topics)."""
    group = node.group if node.kind == "term" else None
    return (node_id, node.kind, node.title, node.url, topic.get(node_id), group, node.badges)


def _edge_says(
    pair: tuple[str, str], kind: str, weights: dict[tuple[str, str], float]
) -> tuple[object, ...]:
    """What an edge's entry in ``graph.json`` says (``weights``: its graph's weights)."""
    return (pair, kind, weights.get(pair))


def _compact(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _src(essay: Essay) -> str:
    return essay.src_uri
