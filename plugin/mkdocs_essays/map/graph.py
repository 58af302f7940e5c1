"""The knowledge graph of a site: essays, pattern cards and terms, the edges between them, and
the topics they fall into.

Plain data, no MkDocs: the feature (:mod:`.feature`) fills a :class:`KnowledgeGraph` from the
build; the layout (:mod:`.layout`) and the drawing (:mod:`.svg`) read it. Node ids are stable
strings (``essay:posts/x.md``, ``card:x/heading``, ``term:tags/llm``) and every collection is
kept in insertion order, so two builds of the same sources give the same graph whatever the
hash seed.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property

__all__ = [
    "EDGE_KINDS",
    "NODE_KINDS",
    "EdgeFacts",
    "KeptGraph",
    "KnowledgeGraph",
    "Node",
    "NodeFacts",
    "neighbourhood",
]

NODE_KINDS = ("term", "essay", "card")
"""Node kinds in drawing order (terms under essays under cards)."""
EDGE_KINDS = ("tag", "card", "similar", "link", "related")
"""``tag``: essay - term; ``card``: essay - its card; ``similar``: essay - one of the essays
it shares most with (its words, section titles, front matter: see
:mod:`mkdocs_essays.related`); ``link``: essay - essay it links to; ``related``: card -
related card."""


@dataclass(frozen=True, eq=False)
class Node:
    """A node of one build's graph, equal only to itself (the drawing keeps what it draws
    the same on every map by node: hashing six fields at each lookup cost more)."""

    id: str
    kind: str
    """``essay``, ``card`` or ``term``."""
    title: str
    url: str
    """Site-relative URL of the node's page."""
    badges: tuple[str, ...] = ()
    """``Draft``, ``Scheduled``, ``Expired``, ``Stub``: only under ``mkdocs serve``."""
    group: str = ""
    """What the node belongs to: a term's taxonomy (``tags``), a card's essay title."""

    @cached_property
    def shown(self) -> str:
        """All a local map can show of the node, as text, made once (the digest of each of
        6,000 local maps joins those of its nodes: :func:`.around.shown`)."""
        return repr((self.id, self.kind, self.title, self.url, self.badges, self.group))


@dataclass
class KnowledgeGraph:
    nodes: dict[str, Node] = field(default_factory=dict)
    adjacency: dict[str, dict[str, str]] = field(default_factory=dict)
    """Node id -> neighbour id -> edge kind (both directions)."""
    edges: dict[tuple[str, str], str] = field(default_factory=dict)
    """(first id, second id) in the order they were added -> edge kind; one entry per pair."""
    weights: dict[tuple[str, str], float] = field(default_factory=dict)
    """How strong an edge is, where it has a measure (``similar``: the similarity)."""
    topic: dict[str, int] = field(default_factory=dict)
    """Node id -> the id of its topic (see :mod:`.topics`); nodes of no topic are absent."""
    _ranked: dict[str, list[str]] = field(default_factory=dict, repr=False)
    _rank: dict[str, tuple[int, str]] = field(default_factory=dict, repr=False)
    _position: dict[str, int] = field(default_factory=dict, repr=False)

    def add(self, node: Node) -> None:
        if node.id not in self.nodes:
            self._position[node.id] = len(self.nodes)
            self.nodes[node.id] = node
            self.adjacency[node.id] = {}

    def connect(self, a: str, b: str, kind: str, weight: float | None = None) -> None:
        """An undirected edge; the first kind given for a pair wins, self-loops are ignored."""
        if a == b or a not in self.nodes or b not in self.nodes or b in self.adjacency[a]:
            return
        if weight is not None:
            self.weights[(a, b)] = weight
        if self._ranked:
            self._ranked.clear()
        self.adjacency[a][b] = kind
        self.adjacency[b][a] = kind
        self.edges[(a, b)] = kind

    def degree(self, node_id: str) -> int:
        return len(self.adjacency[node_id])

    def __len__(self) -> int:
        return len(self.nodes)

    def subgraph(self, keep: Iterable[str]) -> KnowledgeGraph:
        """The nodes ``keep`` (in this graph's order) and the edges between them, in the order
        of their first and then their second node. Each node kept looks at the smaller of
        its neighbours and the nodes kept (a local map: 29 at most), whatever its degree."""
        position = self._position
        wanted = {n for n in keep if n in self.nodes}
        order = sorted(wanted, key=position.__getitem__)
        out = KnowledgeGraph()
        nodes, adjacency, edges = out.nodes, out.adjacency, out.edges
        for node_id in order:  # what add() and connect() do, without their checks
            out._position[node_id] = len(nodes)
            nodes[node_id] = self.nodes[node_id]
            adjacency[node_id] = {}
        for a, b, kind in self.ties_among(order):
            adjacency[a][b] = kind
            adjacency[b][a] = kind
            edges[(a, b)] = kind
        topic = self.topic
        if topic:
            out.topic = {n: topic[n] for n in order if n in topic}
        return out

    def ties_among(self, order: list[str]) -> Iterator[tuple[str, str, str]]:
        """The edges between the nodes ``order`` (in this graph's order), in the order of
        their first and then their second node: ``(first, second, kind)``. Each node looks at
        the smaller of its neighbours and the nodes after it (a local map: 29 at most),
        whatever its degree."""
        position = self._position
        wanted = set(order)
        kept = len(order)
        for at, a in enumerate(order):
            mine = self.adjacency[a]  # (a tag of a thousand essays is asked, not walked)
            if len(mine) < kept - at:
                here = position[a]
                later = [b for b in mine if b in wanted and position[b] > here]
                later.sort(key=position.__getitem__)
            else:
                later = [b for b in order[at + 1 :] if b in mine]
            for b in later:
                yield a, b, mine[b]

    def without(self, kind: str) -> KnowledgeGraph:
        return self.subgraph(i for i, n in self.nodes.items() if n.kind != kind)

    def rank(self, node_id: str) -> tuple[int, str]:
        """Who comes first: cards, essays, then terms, each kind by id.

        Not by how connected a node is: a node's degree changes with edits far from it (one
        essay more tagged ``llm`` changes the rank of the tag for every page around it), and a
        local map ordered by degree would change with them, so `mkdocs serve` would build
        hundreds of pages again for one tag added (issue 23)."""
        cached = self._rank.get(node_id)
        if cached is None:
            kind = self.nodes[node_id].kind
            cached = self._rank[node_id] = (_FIRST_RING_ORDER.get(kind, 3), node_id)
        return cached

    def ranked(self, node_id: str) -> list[str]:
        """The node's neighbours: by kind (:meth:`rank`), then the ties the writer made
        before the ones the plugin found (an essay's own cards, then the essays it links to or
        from, then the similar ones; a card's essay, then its related cards), then by id.
        Sorted once per node and build."""
        cached = self._ranked.get(node_id)
        if cached is None:
            nodes = self.nodes
            around = self.adjacency[node_id]
            cached = self._ranked[node_id] = ranked(around.items(), lambda other: nodes[other].kind)
        return cached

    def count(self, kind: str) -> int:
        return sum(1 for node in self.nodes.values() if node.kind == kind)


NodeFacts = tuple[str, str, str, str, tuple[str, ...], str]
"""A node as :class:`Node`'s fields: id, kind, title, URL, badges, group."""
EdgeFacts = tuple[str, str, str, float | None]
"""An edge as :meth:`KnowledgeGraph.connect` is asked for it: ids, kind, weight."""


class KeptGraph:
    """The graph of the last build, given again while the same nodes and edges are asked for
    in the same order (under `mkdocs serve`, a save that changes a few words changes only the
    similarities' weights): making a graph of 6,000 nodes and 40,000 edges was a tenth of a
    save at 1,000 essays (issue 23). The graph given again has this build's weights and no
    topics yet (they depend on the weights: :mod:`.topics`); the nodes, edges and each
    node's ranked neighbours are the ones it had. The same nodes told otherwise (an essay
    retitled, a draft published) and the same edges give a new graph that shares the last
    one's ties (:meth:`_retitled`): making it again was about 60 ms of a save at 1,000 essays.
    (A section renamed gives its card another id: that graph is made again, of the last one's
    nodes where they are told the same.)"""

    def __init__(self) -> None:
        self._nodes: list[NodeFacts] = []
        self._edges: list[tuple[str, str, str]] = []
        self._graph: KnowledgeGraph | None = None
        self._weighed: list[int] = []
        """The positions of the edges whose weight the graph takes (:func:`_weighed`)."""
        self._shapes: dict[str, bytes] = {}

    def shape(self, leave_out: str = "") -> bytes:
        """A digest of the last graph's nodes and edges (ids, kinds, titles, addresses,
        badges, groups; not the weights), worked out once per graph made: a graph given
        again has the same. ``leave_out``: a kind of node left out, with its edges (the
        graph :meth:`KnowledgeGraph.without` it gives)."""
        found = self._shapes.get(leave_out)
        if found is None:
            nodes, edges = self._nodes, self._edges
            if leave_out:
                gone = {facts[0] for facts in nodes if facts[1] == leave_out}
                nodes = [facts for facts in nodes if facts[0] not in gone]
                edges = [e for e in edges if e[0] not in gone and e[1] not in gone]
            text = repr((nodes, edges)).encode("utf-8", "surrogatepass")
            found = self._shapes[leave_out] = hashlib.blake2b(text, digest_size=16).digest()
        return found

    def graph(self, nodes: list[NodeFacts], edges: list[EdgeFacts]) -> KnowledgeGraph:
        """The graph of ``nodes`` (added in order) and ``edges`` (connected in order)."""
        shape = [(a, b, kind) for a, b, kind, _ in edges]
        graph = self._graph
        if graph is not None and shape == self._edges:
            if nodes == self._nodes:
                graph.weights = self._weights(edges)
                graph.topic = {}
                return graph
            if _same_ids(nodes, self._nodes):
                return self._retitled(graph, nodes, edges)
        # (a node told as the last graph's was is that node: what it shows, digested once,
        # is not worked out again for 6,000 nodes when a tag or a new essay moves the edges)
        told = graph.nodes if graph is not None else {}
        was = {facts[0]: facts for facts in reversed(self._nodes)} if told else {}
        graph = KnowledgeGraph()
        for facts in nodes:
            node = told.get(facts[0]) if was.get(facts[0]) == facts else None
            graph.add(node if node is not None else Node(*facts))
        for a, b, kind, weight in edges:
            graph.connect(a, b, kind, weight)
        self._nodes, self._edges, self._graph = nodes, shape, graph
        self._weighed = _weighed(graph, shape)
        self._shapes = {}
        return graph

    def _weights(self, edges: list[EdgeFacts]) -> dict[tuple[str, str], float]:
        """The weights the last graph's edges take from ``edges`` (asked for as they were)."""
        weights: dict[tuple[str, str], float] = {}
        for at in self._weighed:
            a, b, _, weight = edges[at]
            if weight is not None:
                weights[(a, b)] = weight
        return weights

    def _retitled(
        self, last: KnowledgeGraph, nodes: list[NodeFacts], edges: list[EdgeFacts]
    ) -> KnowledgeGraph:
        """A new graph of the last one's nodes (the same ids and kinds, in order) and edges,
        some nodes told otherwise (a title, an address, badges, a group): what ties the nodes
        and how they rank is the last graph's, shared (no graph is changed once made), and the
        nodes told the same are the last ones."""
        told = last.nodes
        graph = KnowledgeGraph(
            adjacency=last.adjacency,
            edges=last.edges,
            weights=self._weights(edges),
            _ranked=last._ranked,
            _rank=last._rank,
            _position=last._position,
        )
        given = graph.nodes
        for facts, was in zip(nodes, self._nodes, strict=True):
            if facts[0] not in given:  # (a node asked for twice: the first, as add() does)
                given[facts[0]] = told[facts[0]] if facts == was else Node(*facts)
        self._nodes, self._graph = nodes, graph
        self._shapes = {}
        return graph


def _same_ids(nodes: list[NodeFacts], before: list[NodeFacts]) -> bool:
    """The same node ids with the same kinds, in the same order."""
    return len(nodes) == len(before) and all(
        a[0] == b[0] and a[1] == b[1] for a, b in zip(nodes, before, strict=True)
    )


def _weighed(graph: KnowledgeGraph, edges: list[tuple[str, str, str]]) -> list[int]:
    """The calls of ``edges`` whose weight ``graph`` took: each pair's first call (a self-loop
    or a call naming a missing node takes nothing, nor does a pair's later call), when it
    named the pair in the order the graph keeps it. The same edges asked for again, their
    weights are these calls' (:class:`KeptGraph`)."""
    kinds = graph.edges
    taken: set[tuple[str, str]] = set()
    weighed = []
    for at, (a, b, _) in enumerate(edges):
        pair = (a, b) if (a, b) in kinds else (b, a) if (b, a) in kinds else None
        if pair is None or pair in taken:
            continue
        taken.add(pair)
        if pair == (a, b):
            weighed.append(at)
    return weighed


_FIRST_RING_ORDER = {"card": 0, "essay": 1, "term": 2}
_EDGE_ORDER = {"card": 0, "tag": 0, "link": 1, "similar": 2, "related": 2}


def ranked(around: Iterable[tuple[str, str]], kind: Callable[[str], str]) -> list[str]:
    """:meth:`KnowledgeGraph.ranked` of a node whose neighbours and the kinds of their edges
    are ``around``, ``kind`` giving each neighbour's kind."""

    def order(entry: tuple[str, str]) -> tuple[int, int, str]:
        other, edge = entry
        return (_FIRST_RING_ORDER.get(kind(other), 3), _EDGE_ORDER.get(edge, 9), other)

    return [other for other, _ in sorted(around, key=order)]


FIRST = 14
"""Nodes of a local map's first ring, at most."""
SECOND = 14
"""Nodes of its second ring, at most."""
STEERED = SECOND + 1 + FIRST
"""How many of a first-ring node's ranked neighbours its map's second ring can be chosen from
(:func:`neighbourhood`): what else the node is tied to changes no map it is in the first ring
of, only the map around it."""


def _first_ring(graph: KnowledgeGraph, center: str, first: int) -> list[str]:
    """The first ``first`` neighbours in :meth:`KnowledgeGraph.ranked` order, each kind taking
    at most its quota until the others have had theirs (then the rest, in order)."""
    ranked = graph.ranked(center)
    if len(ranked) <= first:
        return ranked
    nodes = graph.nodes
    taken: dict[str, int] = {}
    chosen: list[str] = []
    left: list[str] = []
    for node_id in ranked:  # (a walk over the node's degree, once per page)
        kind = nodes[node_id].kind
        if taken.get(kind, 0) < QUOTA.get(kind, first):
            taken[kind] = taken.get(kind, 0) + 1
            chosen.append(node_id)
            if len(chosen) == first:
                break
        elif len(left) < first:
            left.append(node_id)
    chosen += left[: first - len(chosen)]
    keep = set(chosen)
    return [node_id for node_id in ranked if node_id in keep]


QUOTA = {"card": 6, "essay": 6, "term": 4}
"""How much of the first ring each kind may take while others wait (an essay of twenty
sections still shows the essays it shares most with, and its tags)."""


def neighbourhood(
    graph: KnowledgeGraph, center: str, *, first: int = FIRST, second: int = SECOND
) -> list[list[str]]:
    """The rings around ``center``: ``[[center], one step out, two steps out]``.

    One step out: every neighbour (at most ``first``, in :meth:`KnowledgeGraph.ranked` order:
    cards, essays, then terms, each kind up to its :data:`QUOTA` while another kind waits). Two
    steps out: the neighbours of those, but not through a term (a tag of a thousand essays would
    bury the page): at most ``second``, the ones tied to the most nodes of the first ring first.
    Ring two is ordered by the first-ring node it hangs from, so a layout that follows the order
    puts children beside their parent. The work is bounded by the degrees of the nodes visited,
    not by the size of the graph.
    """
    ring1 = _first_ring(graph, center, first)
    seen = {center, *ring1}
    ties: dict[str, int] = {}
    parent: dict[str, int] = {}
    for position, node_id in enumerate(ring1):
        if graph.nodes[node_id].kind == "term":
            continue
        # (the first few of a ranked list: a card page of an essay of 2,000 sections looks
        # at a bounded number of its siblings, so all its card pages together stay linear)
        for other in graph.ranked(node_id)[: second + len(seen)]:
            if other in seen:
                continue
            ties[other] = ties.get(other, 0) + 1
            parent.setdefault(other, position)
    chosen = sorted(ties, key=lambda i: (-ties[i], *graph.rank(i)))[:second]
    ring2 = sorted(chosen, key=lambda i: (parent[i], *graph.rank(i)))
    return [[center], ring1, ring2]
