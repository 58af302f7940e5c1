"""What each local map shows, worked out again only where the graph changed.

A local map shows its node's rings (:func:`.graph.neighbourhood`): what it draws depends on its
node, the node's neighbours and how they rank (by kind, by the tie to the node, by id), the
neighbours of the neighbours that are no terms (ring two is found through them) and how those
rank, and the edges between all of these, in the order of the graph. Every page with a local map
declares it among its inputs (``pages/inputs.py``), so a build asks for every node's: some 6,000
at 1,000 essays, each a walk of its rings.

:class:`Around` keeps them from one build to the next (in the plugin's content cache), with the
rings each map showed. A map can change only when a node it shows changes what a map shows of it
(title, address, badges, kind, place in the graph's order), when the edges of its center or of a
node of its first ring that is no term change (they choose the rings), or when an edge between
two nodes it shows comes, goes or changes kind; those maps are walked again, found through two
indexes of the last rings (node -> maps showing it, node -> maps it steers). The others keep
their digest, which is what a walk of their rings would give (``tests/unit/test_map_around.py``
checks it against a walk of every node, over random graphs and edits). A new essay at 1,000
essays walks about 1,000 maps of 6,000 (4,400 when every map two steps from a changed node was
walked again).

Plain data; no MkDocs import.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from .graph import STEERED, KnowledgeGraph, neighbourhood, ranked

__all__ = ["Around", "shown_around", "walk"]


def shown_around(graph: KnowledgeGraph, center: str) -> bytes | None:
    """A digest of what the local map around ``center`` shows (None: no map, no edges)."""
    return walk(graph, center)[0]


def walk(graph: KnowledgeGraph, center: str) -> tuple[bytes | None, list[list[str]]]:
    """:func:`shown_around`, and the rings it walked."""
    if not graph.adjacency.get(center):
        return None, []
    rings = neighbourhood(graph, center)
    return shown(graph, rings), rings


def shown(graph: KnowledgeGraph, rings: list[list[str]]) -> bytes:
    """:func:`shown_around`, from the rings: what the map's subgraph (the rings' nodes, in the
    graph's order, and the edges between them: :meth:`.graph.KnowledgeGraph.subgraph`) holds,
    and the rings, read from ``graph`` without making it (a new essay at 1,000 essays walks
    1,000 maps: making each subgraph was a third of a walk). Each node is its text
    (:attr:`.graph.Node.shown`, a ``repr``: one line), then the rings and the edges name the
    nodes by their place among them."""
    nodes = graph.nodes
    order = sorted({n for ring in rings for n in ring}, key=graph._position.__getitem__)
    place = {n: i for i, n in enumerate(order)}
    parts = [nodes[n].shown for n in order]
    parts += [" ".join([str(place[n]) for n in ring]) for ring in rings]
    parts.append(",".join([f"{place[a]} {place[b]} {k}" for a, b, k in graph.ties_among(order)]))
    text = "\n".join(parts)
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()


class Around:
    """Every node's :func:`shown_around`, kept from the last graph it was asked of."""

    def __init__(self) -> None:
        self._data: dict[str, tuple[str, str]] = {}
        self._kinds: dict[str, str] = {}
        self._adjacency: dict[str, dict[str, str]] = {}
        """The last graph's adjacency (a graph is not changed once made)."""
        self._shown: dict[str, bytes | None] = {}
        self._rings: dict[str, tuple[tuple[str, ...], ...]] = {}
        """Each map's rings as last worked out (none for a node without a map)."""
        self._showing: dict[str, set[str]] = {}
        self._steering: dict[str, set[str]] = {}
        """:func:`_indexes` of the last rings, kept up to date map by map."""
        self._graph: KnowledgeGraph | None = None
        """The graph last asked of, while this process runs (not kept on disk): given again
        (:class:`.graph.KeptGraph`), its nodes and edges are the ones it had, and no map
        changed."""

    def __getstate__(self) -> dict[str, object]:
        return {**self.__dict__, "_graph": None}

    def of(
        self,
        graph: KnowledgeGraph,
        drawn: dict[str, tuple[bytes, list[list[str]]]] | None = None,
    ) -> dict[str, bytes | None]:
        """Every node of ``graph`` -> what its local map shows (``drawn``: what the maps
        drawn in this build showed, and their rings, which need not be walked again)."""
        if graph is getattr(self, "_graph", None):
            return self._shown
        drawn = drawn or {}
        nodes = graph.nodes
        data = _data(graph)
        kinds = {n: node.kind for n, node in nodes.items()}
        adjacency = graph.adjacency
        old_data, old_adjacency = self._data, self._adjacency
        showing, steering = self._showing, self._steering
        again: set[str] = set()
        for n in old_data.keys() - data.keys():
            again |= showing.get(n, set())
        for n, signature in data.items():
            if old_data.get(n) != signature:
                again.add(n)
                again |= showing.get(n, set())
        old_kinds = self._kinds
        for n, around in adjacency.items():
            before = old_adjacency.get(n, {})
            if around == before:
                continue
            again.add(n)
            # (the maps it is in the first ring of choose their second ring among its first
            # ranked neighbours only)
            steers = graph.ranked(n)[:STEERED]  # (sorted once per graph: the walks ask too)
            if steers != _steers(before.items(), old_kinds):
                again |= steering.get(n, set())
            for m in around.keys() | before.keys():  # an edge come, gone or of another kind
                if around.get(m) != before.get(m):
                    again |= showing.get(n, set()) & showing.get(m, set())
        for n in old_adjacency.keys() - adjacency.keys():
            again |= steering.get(n, set())
        for n, kind in kinds.items():  # (an id of another kind: ranks differently)
            if self._kinds.get(n, kind) != kind:
                for m in (*adjacency[n], *old_adjacency.get(n, {})):
                    again.add(m)
                    again |= steering.get(m, set())
        old, old_rings = self._shown, self._rings
        shown: dict[str, bytes | None] = {}
        rings: dict[str, tuple[tuple[str, ...], ...]] = {}
        for n in nodes:
            if n in old and n not in again:
                shown[n] = old[n]
                if n in old_rings:
                    rings[n] = old_rings[n]
                continue
            shown[n], walked = drawn[n] if n in drawn else walk(graph, n)
            if walked:
                rings[n] = tuple(tuple(ring) for ring in walked)
        if any(self._kinds.get(n, kind) != kind for n, kind in kinds.items()):
            self._showing, self._steering = _indexes(rings, kinds)
        else:  # (the maps walked again, and those gone: their rings changed)
            for center in old_rings.keys() | rings.keys():
                was, now_ = old_rings.get(center), rings.get(center)
                if was is now_:
                    continue
                if was is not None:
                    _index(showing, steering, center, was, self._kinds, remove=True)
                if now_ is not None:
                    _index(showing, steering, center, now_, kinds)
        self._data, self._kinds, self._adjacency = data, kinds, adjacency
        self._shown, self._rings = shown, rings
        self._graph = graph
        return shown

    def rings(self, graph: KnowledgeGraph, center: str) -> list[list[str]] | None:
        """The rings of the map around ``center`` in ``graph``, when it is the graph :meth:`of`
        was last asked of (what a walk of them gives: :func:`walk`); None otherwise, or when
        ``center`` has no map."""
        if graph is not self._graph:
            return None
        found = self._rings.get(center)
        return None if found is None else [list(ring) for ring in found]


def _steers(around: Iterable[tuple[str, str]], kinds: dict[str, str]) -> list[str]:
    """Of a node's neighbours (and the kinds of its edges to them) in the last graph, those a
    map it is in the first ring of can choose its second ring among
    (:func:`.graph.neighbourhood`)."""
    return ranked(around, lambda other: kinds.get(other, ""))[:STEERED]


def _indexes(
    rings: dict[str, tuple[tuple[str, ...], ...]], kinds: dict[str, str]
) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """Node -> the maps that show it; node -> the maps whose rings its edges choose (their
    center and the first ring's nodes that are no terms: ring two is found through them)."""
    showing: dict[str, set[str]] = {}
    steering: dict[str, set[str]] = {}
    for center, ringed in rings.items():
        _index(showing, steering, center, ringed, kinds)
    return showing, steering


def _index(
    showing: dict[str, set[str]],
    steering: dict[str, set[str]],
    center: str,
    rings: tuple[tuple[str, ...], ...],
    kinds: dict[str, str],
    *,
    remove: bool = False,
) -> None:
    """Add the map of ``center`` to the indexes of :func:`_indexes` (or take it out)."""
    _, first, second = rings
    shows = [center, *first, *second]
    steers = [center, *(n for n in first if kinds.get(n) != "term")]
    for index, nodes in ((showing, shows), (steering, steers)):
        for n in nodes:
            if remove:
                held = index.get(n)
                if held is not None:
                    held.discard(center)
                    if not held:
                        del index[n]
            else:
                index.setdefault(n, set()).add(center)


def _data(graph: KnowledgeGraph) -> dict[str, tuple[str, str]]:
    """What a local map can show of each node, and where the node is in the graph's order (a
    map keeps the graph's order: a node that moves changes the maps that show it): the node
    before it, and its text (compared as they are, build to build)."""
    out: dict[str, tuple[str, str]] = {}
    before = ""
    for node_id, node in graph.nodes.items():
        out[node_id] = (before, node.shown)
        before = node_id
    return out
