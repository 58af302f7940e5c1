"""Where each node of a map goes, computed with networkx at build time.

- The whole collection (:func:`force_layout`): networkx's Fruchterman-Reingold
  (``spring_layout``) with a fixed seed. Its cost grows with the square of the nodes, so past
  :data:`SKELETON` nodes only a skeleton is laid out that way (every term, then the most
  connected essays); each other node goes to the middle of its neighbours already placed, a
  little aside (a golden-angle spiral, so nodes with the same neighbours do not pile up). The
  work beyond the skeleton is linear in the edges.
- A local map (:func:`ring_layout`): the page in the middle, the rings of
  :func:`.graph.neighbourhood` around it (the placement of networkx's ``shell_layout``, in
  plain arithmetic: it runs once per essay and card page).

Positions come back scaled into a ``width`` x ``height`` box and rounded to whole units, so
the SVG is byte-identical from one build to the next.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from .graph import KnowledgeGraph

__all__ = ["SEED", "SKELETON", "Positions", "force_layout", "ring_layout"]

SEED = 13
SKELETON = 300
"""Most nodes laid out by force; the others are placed among their neighbours."""
_GOLDEN = math.pi * (3 - math.sqrt(5))

Positions = dict[str, tuple[int, int]]


def force_layout(
    graph: KnowledgeGraph, width: int, height: int, *, margin: int = 40, skeleton: int = SKELETON
) -> Positions:
    import networkx as nx  # imported when a map is drawn: numpy is not free to load

    order = list(graph.nodes)
    if not order:
        return {}
    g = nx.Graph()
    g.add_nodes_from(order)
    g.add_edges_from(graph.edges)
    if len(order) <= skeleton:
        raw = nx.spring_layout(g, seed=SEED, iterations=60)
        points = {n: (float(raw[n][0]), float(raw[n][1])) for n in order}
    else:
        # every term, then essays and cards by how connected they are (ties: graph order)
        position = {n: i for i, n in enumerate(order)}
        by_weight = sorted(
            order,
            key=lambda n: (graph.nodes[n].kind != "term", -graph.degree(n), position[n]),
        )
        core = set(by_weight[:skeleton])
        # a new graph in this order (networkx's subgraph views iterate a set: hash order)
        core_graph = nx.Graph()
        core_graph.add_nodes_from(n for n in order if n in core)
        core_graph.add_edges_from(e for e in graph.edges if e[0] in core and e[1] in core)
        raw = nx.spring_layout(core_graph, seed=SEED, iterations=60)
        points = {n: (float(raw[n][0]), float(raw[n][1])) for n in core_graph}
        spread = 0.6 / math.sqrt(skeleton)
        for count, node in enumerate(by_weight[skeleton:]):
            placed = [points[m] for m in graph.ranked(node)[:8] if m in points]
            if placed:
                cx = sum(p[0] for p in placed) / len(placed)
                cy = sum(p[1] for p in placed) / len(placed)
            else:
                cx, cy = 0.0, 0.0
            radius = spread * math.sqrt(1 + count % 7)
            angle = _GOLDEN * count
            points[node] = (cx + radius * math.cos(angle), cy + radius * math.sin(angle))
    return _fit(points, width, height, margin)


def ring_layout(
    rings: Sequence[Sequence[str]], width: int, height: int, *, margin: int
) -> Positions:
    """The center in the middle, each further ring evenly spaced on a wider ellipse.

    The placement networkx's ``shell_layout`` makes, written out: a site of 1,000 essays has
    6,000 local maps, and numpy's overhead on each call (about 0.2 ms) would cost more than
    the whole map's force layout.
    """
    shells = [list(ring) for ring in rings if ring]
    last = len(shells) - 1
    out: Positions = {}
    for depth, ring in enumerate(shells):
        reach = depth / last if last else 0.0
        rx, ry = reach * (width / 2 - margin), reach * (height / 2 - margin)
        turn = 0.3 * depth  # each ring a little turned, so two rings' nodes do not line up
        for k, node in enumerate(ring):
            angle = turn + 2 * math.pi * k / len(ring)
            x, y = width / 2 + rx * math.cos(angle), height / 2 + ry * math.sin(angle)
            out[node] = (round(x), round(y))
    return out


def _fit(points: dict[str, tuple[float, float]], width: int, height: int, margin: int) -> Positions:
    xs = [p[0] for p in points.values()]
    ys = [p[1] for p in points.values()]
    low_x, low_y = min(xs), min(ys)
    span_x, span_y = max(xs) - low_x, max(ys) - low_y
    if span_x == 0:  # one node, or nodes in a column: in the middle
        low_x, span_x = low_x - 1.0, 2.0
    if span_y == 0:
        low_y, span_y = low_y - 1.0, 2.0
    inner_w, inner_h = width - 2 * margin, height - 2 * margin
    out: Positions = {}
    for node, (x, y) in points.items():
        out[node] = (
            round(margin + inner_w * (x - low_x) / span_x),
            round(margin + inner_h * (y - low_y) / span_y),
        )
    return out
