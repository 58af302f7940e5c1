"""Where each node of a map goes, computed with networkx at build time.

- The whole collection (:func:`force_layout`): networkx's Fruchterman-Reingold
  (``spring_layout``) with a fixed seed. Its cost grows with the square of the nodes, so past
  :data:`SKELETON` nodes only a skeleton is laid out that way (every term, then the most
  connected essays); each other node goes to the middle of its neighbours already placed, a
  little aside (a golden-angle spiral, so nodes with the same neighbours do not pile up). The
  work beyond the skeleton is linear in the edges.
- The whole collection in topics (:func:`topic_layout`): each topic in a disc of its own,
  laid out as above, the discs placed by force between topics and pushed apart until none
  overlaps. Under `mkdocs serve` each disc's layout is kept while what it reads is the same
  (:class:`Discs`): a tag added lays out again the one topic its term joins.
- A local map (:func:`ring_layout`): the page in the middle, the rings of
  :func:`.graph.neighbourhood` around it (the placement of networkx's ``shell_layout``, in
  plain arithmetic: it runs once per essay and card page).

Positions come back scaled into a ``width`` x ``height`` box and rounded to whole units, so
the SVG is byte-identical from one build to the next.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial

from .graph import KnowledgeGraph

__all__ = [
    "SEED",
    "SKELETON",
    "Discs",
    "Positions",
    "Region",
    "force_layout",
    "ring_layout",
    "topic_layout",
]

SEED = 13
SKELETON = 300
"""Most nodes laid out by force; the others are placed among their neighbours."""
GROUP_SKELETON = 150
"""The same, within one topic's disc (a topic of 3,000 essays' map is one of dozens)."""
_GOLDEN = math.pi * (3 - math.sqrt(5))

Positions = dict[str, tuple[int, int]]


def force_layout(
    graph: KnowledgeGraph, width: int, height: int, *, margin: int = 40, skeleton: int = SKELETON
) -> Positions:
    if not graph.nodes:
        return {}
    points = _forces(graph, list(graph.nodes), list(graph.edges), skeleton)
    return _fit(points, width, height, margin)


def _forces(
    graph: KnowledgeGraph, order: list[str], edges: list[tuple[str, str]], skeleton: int
) -> dict[str, tuple[float, float]]:
    """Positions of the nodes ``order`` (``edges``: the edges between them) by force,
    unscaled."""
    import networkx as nx  # imported when a map is drawn: numpy is not free to load

    g = nx.Graph()
    g.add_nodes_from(order)
    g.add_edges_from(edges)
    if len(order) <= skeleton:
        raw = nx.spring_layout(g, seed=SEED, iterations=60)
        return {n: (float(raw[n][0]), float(raw[n][1])) for n in order}
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
    core_graph.add_edges_from(e for e in edges if e[0] in core and e[1] in core)
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
    return points


Raw = dict[str, tuple[float, float]]


class Discs:
    """Each topic's disc as :func:`_forces` laid it out in the last :func:`topic_layout`, given
    again while everything it read is equal: the disc's nodes in order and the edges between
    them, and for a disc past the skeleton each node's kind, degree and first neighbours
    (how it ranks for the skeleton, and where it is placed beside it). The same reads give
    the same positions (a fixed seed), so the layout is the one a first build makes. Holds the
    last layout's discs only. At 1,000 essays a tag added or removed laid out every disc
    again: 0.15 s of a 1.7 s save."""

    def __init__(self) -> None:
        self._held: dict[tuple[object, ...], Raw] = {}
        self._now: dict[tuple[object, ...], Raw] = {}
        self.made = 0
        """Discs laid out by force in the last layout (tests read it)."""

    def begin(self) -> None:
        self._now, self.made = {}, 0

    def of(self, reads: tuple[object, ...], make: Callable[[], Raw]) -> Raw:
        raw = self._now.get(reads)
        if raw is None:
            raw = self._held.get(reads)
        if raw is None:
            raw = make()
            self.made += 1
        self._now[reads] = raw
        return raw

    def end(self) -> None:
        self._held, self._now = self._now, {}


def _reads(
    graph: KnowledgeGraph, group: list[str], edges: list[tuple[str, str]], skeleton: int
) -> tuple[object, ...]:
    """What :func:`_forces` reads of ``graph`` to lay out ``group`` (a key for :class:`Discs`)."""
    reads: tuple[object, ...] = (tuple(group), tuple(edges), skeleton)
    if len(group) > skeleton:
        nodes = graph.nodes
        reads += tuple((nodes[n].kind, graph.degree(n), tuple(graph.ranked(n)[:8])) for n in group)
    return reads


@dataclass(frozen=True)
class Region:
    """Where a group of nodes (a topic) is drawn: an ellipse in the picture's units."""

    x: int
    y: int
    rx: int
    ry: int


def topic_layout(
    graph: KnowledgeGraph,
    groups: Sequence[Sequence[str]],
    width: int,
    height: int,
    *,
    margin: int = 40,
    skeleton: int = GROUP_SKELETON,
    discs: Discs | None = None,
) -> tuple[Positions, list[Region]]:
    """Each group of nodes (a topic; the last may be the nodes of none) laid out by force in a
    disc of its own, the discs placed by force between the groups (groups tied by more
    edges nearer), then pushed apart until none overlaps. Every node must be in one group.

    The cost is the sum of the groups' own layouts (each at most ``skeleton`` nodes by force),
    about linear in the nodes, and the groups' placement, which grows with the square of their
    number: the caller draws a bounded number of groups (the map: 60 topics). ``discs``: the
    groups' own layouts, kept from the last call (:class:`Discs`)."""
    lists = [list(g) for g in groups if g]
    if not lists:
        return {}, []
    total = sum(len(g) for g in lists)
    of = {node: k for k, group in enumerate(lists) for node in group}
    inner: list[list[tuple[str, str]]] = [[] for _ in lists]
    for a, b in graph.edges:
        if of[a] == of[b]:
            inner[of[a]].append((a, b))
    # disc radii: the discs together cover about half of a 2 x 2 square
    radii = [0.8 * math.sqrt(len(g) / total) for g in lists]
    centres = _group_centres(graph, lists, of, radii)
    points: dict[str, tuple[float, float]] = {}
    kept = discs if discs is not None else Discs()
    kept.begin()
    for k, ((cx, cy), r) in enumerate(zip(centres, radii, strict=True)):
        group = lists[k]
        raw: Raw
        if len(group) > 1:
            edges = inner[k]
            raw = kept.of(
                _reads(graph, group, edges, skeleton),
                partial(_forces, graph, group, edges, skeleton),
            )
        else:
            raw = {group[0]: (0, 0)}
        reach = max((math.hypot(x, y) for x, y in raw.values()), default=0.0) or 1.0
        scale = 0.9 * r / reach
        for node, (x, y) in raw.items():
            points[node] = (cx + x * scale, cy + y * scale)
    kept.end()
    # the discs in the picture's units (the fit scales each axis alone)
    xs = [p[0] for p in points.values()] + [c[0] + r for c, r in zip(centres, radii, strict=True)]
    xs += [c[0] - r for c, r in zip(centres, radii, strict=True)]
    ys = [p[1] for p in points.values()] + [c[1] + r for c, r in zip(centres, radii, strict=True)]
    ys += [c[1] - r for c, r in zip(centres, radii, strict=True)]
    low_x, low_y = min(xs), min(ys)
    span_x, span_y = (max(xs) - low_x) or 2.0, (max(ys) - low_y) or 2.0
    out = _scaled(points, (low_x, low_y), (span_x, span_y), width, height, margin)
    inner_w, inner_h = width - 2 * margin, height - 2 * margin
    regions = [
        Region(
            round(margin + inner_w * (cx - low_x) / span_x),
            round(margin + inner_h * (cy - low_y) / span_y),
            round(inner_w * r / span_x),
            round(inner_h * r / span_y),
        )
        for (cx, cy), r in zip(centres, radii, strict=True)
    ]
    return out, regions


def _group_centres(
    graph: KnowledgeGraph, groups: list[list[str]], of: dict[str, int], radii: list[float]
) -> list[tuple[float, float]]:
    """Where each group's disc goes: a layout of the groups by force (weighted by the edges
    between them), then the discs pushed apart, a few passes, until none overlaps."""
    import networkx as nx
    import numpy as np

    count = len(groups)
    if count == 1:
        return [(0.0, 0.0)]
    between: dict[tuple[int, int], int] = {}
    for a, b in graph.edges:
        ga, gb = of.get(a), of.get(b)
        if ga is not None and gb is not None and ga != gb:
            key = (min(ga, gb), max(ga, gb))
            between[key] = between.get(key, 0) + 1
    g = nx.Graph()
    g.add_nodes_from(range(count))
    for (first, second), edges in sorted(between.items()):
        g.add_edge(first, second, weight=math.log1p(edges))
    # a start on a golden-angle spiral, largest group in the middle: stable and spread
    start = {}
    for k in range(count):
        reach = math.sqrt(k / count)
        start[k] = (reach * math.cos(_GOLDEN * k), reach * math.sin(_GOLDEN * k))
    raw = nx.spring_layout(g, pos=start, seed=SEED, iterations=80, weight="weight")
    centre = np.array([raw[k] for k in range(count)], dtype=float)
    r = np.asarray(radii, dtype=float)
    gap = 0.1  # (room for the topics' names)
    for _ in range(200):
        delta = centre[:, None, :] - centre[None, :, :]
        distance = np.sqrt((delta**2).sum(axis=2)) + np.eye(count)
        wanted = r[:, None] + r[None, :] + gap
        overlap = np.clip(wanted - distance, 0, None)
        np.fill_diagonal(overlap, 0)
        if not overlap.any():
            break
        push = (delta / distance[:, :, None]) * (overlap / 2)[:, :, None]
        centre += push.sum(axis=1)
        centre -= centre.mean(axis=0) * 0.05  # and drawn together a little
    return [(float(x), float(y)) for x, y in centre]


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


def _scaled(
    points: dict[str, tuple[float, float]],
    low: tuple[float, float],
    span: tuple[float, float],
    width: int,
    height: int,
    margin: int,
) -> Positions:
    """``points`` from the box at ``low`` of size ``span`` into the picture, inside ``margin``."""
    inner_w, inner_h = width - 2 * margin, height - 2 * margin
    return {
        node: (
            round(margin + inner_w * (x - low[0]) / span[0]),
            round(margin + inner_h * (y - low[1]) / span[1]),
        )
        for node, (x, y) in points.items()
    }


def _fit(points: dict[str, tuple[float, float]], width: int, height: int, margin: int) -> Positions:
    xs = [p[0] for p in points.values()]
    ys = [p[1] for p in points.values()]
    low_x, low_y = min(xs), min(ys)
    span_x, span_y = max(xs) - low_x, max(ys) - low_y
    if span_x == 0:  # one node, or nodes in a column: in the middle
        low_x, span_x = low_x - 1.0, 2.0
    if span_y == 0:
        low_y, span_y = low_y - 1.0, 2.0
    return _scaled(points, (low_x, low_y), (span_x, span_y), width, height, margin)
