"""What each local map shows, worked out again only where the graph changed.

A local map shows its node's rings (:func:`.graph.neighbourhood`): what it draws depends on its
node, the node's neighbours and how they rank (by kind, by the tie to the node, by id), the
neighbours of the neighbours that are no terms (ring two is found through them) and how those
rank, and the edges between all of these, in the order of the graph. Every page with a local map
declares it among its inputs (``pages/inputs.py``), so a build asks for every node's: some 6,000
at 1,000 essays, each a walk of its rings.

:class:`Around` keeps them from one build to the next (in the plugin's content cache). Each node
has a signature: its title, address, badges, the node before it and its edges (a term: not its
edges, which no other map follows: its own map is looked at again when they change). When a
node's signature changes, the maps that may show it are looked at again: its own, its
neighbours', and the neighbours of its neighbours that are no terms (in the last graph and in
this one). The others keep their digest, which is what a walk of their rings would give
(``tests/unit/test_map_around.py`` checks it against a walk of every node, over random graphs
and edits).

Plain data; no MkDocs import.
"""

from __future__ import annotations

import hashlib

from ..cache import digest
from .graph import KnowledgeGraph, neighbourhood

__all__ = ["Around", "shown_around"]


def shown_around(graph: KnowledgeGraph, center: str) -> bytes | None:
    """A digest of what the local map around ``center`` shows (None: no map, no edges)."""
    if not graph.adjacency.get(center):
        return None
    rings = neighbourhood(graph, center)
    return shown(rings, graph.subgraph(n for ring in rings for n in ring))


def shown(rings: list[list[str]], local: KnowledgeGraph) -> bytes:
    """:func:`shown_around`, from the rings and the subgraph a drawing of the map made."""
    nodes = "\n".join([n.shown for n in local.nodes.values()])
    text = f"{rings!r}\n{nodes}\n{list(local.edges.items())!r}"
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()


class Around:
    """Every node's :func:`shown_around`, kept from the last graph it was asked of."""

    def __init__(self) -> None:
        self._signatures: dict[str, bytes] = {}
        self._adjacency: dict[str, tuple[str, ...]] = {}
        self._terms: set[str] = set()
        self._shown: dict[str, bytes | None] = {}

    def of(
        self, graph: KnowledgeGraph, drawn: dict[str, bytes] | None = None
    ) -> dict[str, bytes | None]:
        """Every node of ``graph`` -> what its local map shows (``drawn``: what the maps
        drawn in this build showed, which need not be walked again)."""
        drawn = drawn or {}
        signatures = _signatures(graph)
        terms = {n for n, node in graph.nodes.items() if node.kind == "term"}
        adjacency = {n: tuple(around) for n, around in graph.adjacency.items()}
        changed = {n for n, s in signatures.items() if self._signatures.get(n) != s}
        changed |= self._signatures.keys() - signatures.keys()
        again: set[str] = set(changed)
        # a term's own map shows its edges (its signature leaves them to its neighbours')
        again.update(n for n in terms if adjacency[n] != self._adjacency.get(n))
        for table, skip in ((adjacency, terms), (self._adjacency, self._terms)):
            near = {m for n in changed for m in table.get(n, ())}
            again |= near
            for m in near:
                if m not in skip:
                    again.update(table.get(m, ()))
        old = self._shown
        shown = {
            n: old[n]
            if n in old and n not in again
            else drawn[n]
            if n in drawn
            else shown_around(graph, n)
            for n in graph.nodes
        }
        self._signatures, self._adjacency, self._terms = signatures, adjacency, terms
        self._shown = shown
        return shown


def _signatures(graph: KnowledgeGraph) -> dict[str, bytes]:
    """What of each node a local map can show or rank by (see the module)."""
    out: dict[str, bytes] = {}
    before = ""  # a local map keeps the graph's order: a node that moves changes its maps
    for node_id, node in graph.nodes.items():
        around = graph.adjacency[node_id]
        data = (before, node.kind, node.title, node.url, node.badges, node.group)
        before = node_id
        if node.kind == "term":
            out[node_id] = digest(repr(data))  # (its edges: in its neighbours' signatures)
        else:
            out[node_id] = digest(repr((data, tuple(around.items()))))
    return out
