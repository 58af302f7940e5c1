"""A map drawn as inline SVG: every node a real link (``<a href>``), edges as one path per kind.

Without JavaScript the picture and its links work as they are: each node has its title as a
``<title>`` (the tooltip and the link's accessible name) and a label shown on hover and focus;
the largest nodes are labelled, as many as fit without overlapping on a phone. The script
(``map.js``) only adds zoom, pan and the filter; it reads the edges from a small JSON block
(pairs of node indexes, in the order the nodes are drawn).

Every title is escaped; URLs come from the caller, relative to the page.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from markupsafe import escape

from .graph import EDGE_KINDS, NODE_KINDS, KnowledgeGraph, Node
from .layout import Positions

__all__ = ["Area", "Drawing", "NodeTexts", "draw", "label_of", "radius"]

LABEL_CHARS = 28
EDGES_AT_FULL_STRENGTH = 1500
"""Up to this many lines a map draws them at full strength; past it, fainter in proportion."""
PHONE = 1.7
"""Labels are drawn this much larger on a phone (CSS); they are chosen to fit at that size."""
_CHAR = 0.6  # average advance of a character, in font sizes


@dataclass(frozen=True)
class Area:
    """A topic on a map: its name, its colour (0-9) and the ellipse its nodes are in (none on
    a local map, where only its colour shows)."""

    id: int
    label: str
    colour: int
    x: int = 0
    y: int = 0
    rx: int = 0
    ry: int = 0


@dataclass(frozen=True)
class Drawing:
    svg: str
    data: str
    """``{"edges": [a, b, a, b, ...]}``: node indexes in drawing order, for the script."""
    labelled: int
    """How many nodes carry a permanent label."""


@lru_cache(maxsize=1 << 12)
def radius(degree: int, scale: float) -> float:
    """Bigger for more connected nodes, on a log scale (a tag of 500 essays stays a dot)."""
    return scale * (1 + 0.8 * math.log2(1 + degree))


def label_of(node: Node) -> str:
    title = " ".join(node.title.split())
    return title if len(title) <= LABEL_CHARS else title[: LABEL_CHARS - 1].rstrip() + "…"


class NodeTexts(dict[Node, tuple[str, str, int, str]]):
    """What each node draws the same on every map (it is on many local maps): its escaped
    tooltip and label, the label's length in characters and the node's classes, worked out
    once. One per build (the map feature's), so no build's nodes outlive it."""

    def __missing__(self, node: Node) -> tuple[str, str, int, str]:
        label = label_of(node)
        classes = f"essay-map__node essay-map__node--{node.kind}"
        classes += "".join(f" essay-map__node--{escape(b.lower())}" for b in node.badges)
        texts = self[node] = str(escape(_tooltip(node))), str(escape(label)), len(label), classes
        return texts


def _tooltip(node: Node) -> str:
    title = " ".join(node.title.split())
    if node.kind == "term":
        title = f"{node.group.capitalize()}: {title}" if node.group else title
    elif node.kind == "card":
        title = f"{title} (pattern card from {node.group})" if node.group else title
    if node.badges:
        title += " (" + ", ".join(node.badges) + ")"
    return title


def _shape(kind: str, x: int, y: int, r: float) -> str:
    if kind == "card":  # a diamond
        d = _size(r, 1.25)
        return (
            f'<path class="essay-map__shape" d="M{x} {_n(y - d)}L{_n(x + d)} {y}L{x} {_n(y + d)}'
            f'L{_n(x - d)} {y}Z"/>'
        )
    if kind == "term":  # a rounded square
        s = _size(r, 0.9)
        return f'<rect class="essay-map__shape" x="{_n(x - s)}" y="{_n(y - s)}" {_square(s)}/>'
    return f'<circle class="essay-map__shape" cx="{x}" cy="{y}" r="{_n(r)}"/>'


@lru_cache(maxsize=1 << 12)
def _size(r: float, factor: float) -> float:
    return round(r * factor, 1)


@lru_cache(maxsize=1 << 12)
def _square(s: float) -> str:
    return f'width="{_n(2 * s)}" height="{_n(2 * s)}" rx="{_n(s / 3)}"'


def _n(value: float) -> str:
    """A coordinate with at most one decimal, without a trailing ``.0``."""
    return f"{value:.1f}".removesuffix(".0")


class _Grid:
    """Placed label boxes in buckets, so each new box is checked against its neighbours only."""

    def __init__(self, cell: float) -> None:
        self.cell = cell
        self.cells: dict[tuple[int, int], list[tuple[float, float, float, float]]] = {}

    def _keys(self, box: tuple[float, float, float, float]) -> list[tuple[int, int]]:
        cell = self.cell
        i0, i1 = int(box[0] // cell), int(box[2] // cell)
        j0, j1 = int(box[1] // cell), int(box[3] // cell)
        if i0 == i1 and j0 == j1:
            return [(i0, j0)]
        return [(i, j) for i in range(i0, i1 + 1) for j in range(j0, j1 + 1)]

    def free(self, box: tuple[float, float, float, float]) -> bool:
        x0, y0, x1, y1 = box
        cells = self.cells
        for key in self._keys(box):
            for a0, b0, a1, b1 in cells.get(key, ()):
                if x0 < a1 and a0 < x1 and y0 < b1 and b0 < y1:
                    return False
        return True

    def put(self, box: tuple[float, float, float, float]) -> None:
        for key in self._keys(box):
            self.cells.setdefault(key, []).append(box)


def draw(
    graph: KnowledgeGraph,
    positions: Positions,
    *,
    width: int,
    height: int,
    href: Callable[[Node], str],
    scale: float,
    font: float,
    label_order: Iterable[str],
    max_labels: int,
    label: str,
    center: str | None = None,
    areas: Sequence[Area] = (),
    texts: NodeTexts | None = None,
) -> Drawing:
    """The ``<svg>`` of ``graph`` at ``positions``.

    ``scale`` sizes the nodes, ``font`` is the label size in user units; ``label_order`` lists
    the nodes that may get a permanent label, most wanted first (at most ``max_labels`` get
    one, each only if it overlaps no node label placed before). ``label`` is the SVG's
    accessible name. ``center`` marks the page a local map is about. ``areas``: the topics
    (``graph.topic`` says whose each node is): each essay and card takes its topic's colour,
    and each area with an ellipse is drawn under the nodes and named, before any node.
    ``texts``: the nodes' texts worked out by earlier drawings of this build.
    """
    texts = NodeTexts() if texts is None else texts
    canvas = _Canvas(width, height, font, _Grid(cell=font * 16))
    order = _drawing_order(graph)
    index = {n: i for i, n in enumerate(order)}
    radii = {n: radius(len(graph.adjacency[n]), scale) for n in graph.nodes}
    named = _name_areas(areas, font, width, height, canvas.grid)
    spots = _place_labels(canvas, graph, positions, radii, texts, label_order, max_labels)
    edges, pairs = _edges(graph, positions, index)
    svg = "".join(
        [
            f'<svg class="essay-map__svg" viewBox="0 0 {width} {height}" '
            f'style="--essay-map-font:{_n(font)}px" role="group" aria-label="{escape(label)}" '
            'xmlns="http://www.w3.org/2000/svg">',
            _areas(areas),
            edges,
            _nodes(graph, order, positions, radii, texts, spots, areas, center, href),
            _labels(graph, named, spots, index, texts),
            "</svg>",
        ]
    )
    data = _payload(pairs, areas, order, graph.topic, index)
    return Drawing(svg=svg, data=data, labelled=len(spots) + len(named))


@dataclass(frozen=True)
class _Canvas:
    width: int
    height: int
    font: float
    grid: _Grid
    """The label boxes placed so far."""


def _drawing_order(graph: KnowledgeGraph) -> list[str]:
    """The nodes by kind (terms, essays, cards: see ``NODE_KINDS``), each kind in graph order."""
    by_kind: dict[str, list[str]] = {kind: [] for kind in NODE_KINDS}
    for n, node in graph.nodes.items():
        bucket = by_kind.get(node.kind)
        if bucket is not None:
            bucket.append(n)
    return [n for kind in NODE_KINDS for n in by_kind[kind]]


def _place_labels(
    canvas: _Canvas,
    graph: KnowledgeGraph,
    positions: Positions,
    radii: dict[str, float],
    texts: NodeTexts,
    label_order: Iterable[str],
    max_labels: int,
) -> dict[str, tuple[float, float]]:
    """Node -> where its permanent label goes, for the first ``max_labels`` nodes of
    ``label_order`` whose label (under the node, above it at the bottom edge, moved aside to
    stay in the picture) covers no label or labelled node placed before."""
    width, height, grid = canvas.width, canvas.height, canvas.grid
    spots: dict[str, tuple[float, float]] = {}
    big = canvas.font * PHONE
    tall = big * 1.2
    for n in label_order:
        if len(spots) >= max_labels:
            break
        x, y = positions[n]
        half = texts[graph.nodes[n]][2] * _CHAR * big / 2
        if 2 * half > width:
            continue
        lx = min(max(float(x), half), width - half)
        r = radii[n]
        top = y + r + 1
        if top + tall > height:
            top = y - r - 1 - tall
        box = (lx - half, top, lx + half, top + tall)
        dot = (x - r, y - r, x + r, y + r)
        if not grid.free(box) or not grid.free(dot):
            continue
        grid.put(box)
        grid.put(dot)  # no later label covers a labelled node
        spots[n] = (lx, top)
    return spots


def _areas(areas: Sequence[Area]) -> str:
    """The ellipses of the areas that have one, under everything else."""
    shown = [area for area in areas if area.rx and area.ry]
    if not shown:
        return ""
    parts = ['<g class="essay-map__areas" aria-hidden="true">']
    for area in shown:
        parts.append(
            f'<ellipse class="essay-map__area essay-map__area--c{area.colour}" '
            f'data-topic="{area.id}" cx="{area.x}" cy="{area.y}" rx="{area.rx}" '
            f'ry="{area.ry}"/>'
        )
    parts.append("</g>")
    return "".join(parts)


def _edges(
    graph: KnowledgeGraph, positions: Positions, index: dict[str, int]
) -> tuple[str, list[int]]:
    """One path per kind of edge, and the edges as pairs of node indexes (for the script)."""
    by_kind: dict[str, list[str]] = {kind: [] for kind in EDGE_KINDS}
    pairs: list[int] = []
    points = {n: f"{x} {y}" for n, (x, y) in positions.items() if n in graph.nodes}
    for (a, b), kind in graph.edges.items():
        by_kind.setdefault(kind, []).append(f"M{points[a]}L{points[b]}")
        pairs.append(index[a])
        pairs.append(index[b])
    # Thousands of lines would paint the middle of a large map solid: the more lines, the
    # fainter each (a highlighted line, drawn by map.js, keeps its full colour).
    faint = ""
    if len(pairs) // 2 > EDGES_AT_FULL_STRENGTH:
        faint = f' stroke-opacity="{max(0.08, EDGES_AT_FULL_STRENGTH / (len(pairs) // 2)):.2f}"'
    parts = ['<g class="essay-map__edges" aria-hidden="true">']
    for kind, segments in by_kind.items():
        if segments:
            d = "".join(segments)
            parts.append(f'<path class="essay-map__edge essay-map__edge--{kind}"{faint} d="{d}"/>')
    parts.append("</g>")
    return "".join(parts), pairs


def _nodes(
    graph: KnowledgeGraph,
    order: list[str],
    positions: Positions,
    radii: dict[str, float],
    texts: NodeTexts,
    spots: dict[str, tuple[float, float]],
    areas: Sequence[Area],
    center: str | None,
    href: Callable[[Node], str],
) -> str:
    """Every node a link with its title, its shape, and a label shown on hover and focus
    (unless it has a permanent one); essays and cards in their topic's colour."""
    colour = {area.id: area.colour for area in areas}
    parts = ['<g class="essay-map__nodes">']
    for n in order:
        node = graph.nodes[n]
        x, y = positions[n]
        r = radii[n]
        tooltip, text, _, classes = texts[node]
        topic = graph.topic.get(n)
        if topic is not None and topic in colour and node.kind != "term":
            classes += f" essay-map__node--c{colour[topic]}"
        aria = ""
        if n == center:
            classes += " essay-map__node--center"
            aria = ' aria-current="page"'
        hover = ""
        if n not in spots:
            hover = (
                f'<text class="essay-map__label essay-map__label--hover" x="{x}" '
                f'y="{_n(y + r + 1)}">{text}</text>'
            )
        parts.append(
            f'<a class="{classes}" href="{escape(href(node))}"{aria}>'
            f"<title>{tooltip}</title>{_shape(node.kind, x, y, r)}{hover}</a>"
        )
    parts.append("</g>")
    return "".join(parts)


def _labels(
    graph: KnowledgeGraph,
    named: list[tuple[Area, tuple[float, float], bool]],
    spots: dict[str, tuple[float, float]],
    index: dict[str, int],
    texts: NodeTexts,
) -> str:
    """The areas' names, then the nodes' permanent labels."""
    parts = ['<g class="essay-map__labels" aria-hidden="true">']
    for area, (lx, top), wide in named:
        extra = " essay-map__label--wide" if wide else ""
        parts.append(
            f'<text class="essay-map__label essay-map__label--topic{extra} '
            f'essay-map__label--c{area.colour}" data-topic="{area.id}" '
            f'x="{_n(lx)}" y="{_n(top)}">{escape(_short(area.label))}</text>'
        )
    for n, (lx, top) in spots.items():
        node = graph.nodes[n]
        parts.append(
            f'<text class="essay-map__label essay-map__label--{node.kind}" '
            f'data-node="{index[n]}" x="{_n(lx)}" y="{_n(top)}">{texts[node][1]}</text>'
        )
    parts.append("</g>")
    return "".join(parts)


def _payload(
    pairs: list[int],
    areas: Sequence[Area],
    order: list[str],
    topic_of: dict[str, int],
    index: dict[str, int],
) -> str:
    """The script's data: the edges, and each topic's nodes (digits and punctuation only:
    nothing in it can close a script element)."""
    payload: dict[str, object] = {"edges": pairs}
    if areas:
        members: dict[int, list[int]] = {area.id: [] for area in areas}
        for n in order:
            topic = topic_of.get(n)
            if topic in members:
                members[topic].append(index[n])
        payload["topics"] = [members[area.id] for area in areas]
    return json.dumps(payload, separators=(",", ":"))


TOPIC_FONT = 1.25
"""A topic's name is this much larger than a node's label, and bold."""
TOPIC_WORDS = 2
"""Words of a topic's name written on the picture (the key under it has them all)."""
TOPIC_CHARS = 24


def _short(label: str) -> str:
    """A topic's name as the picture writes it: its first :data:`TOPIC_WORDS` words, cut at
    :data:`TOPIC_CHARS` ("A · B · C" -> "A · B")."""
    words = label.split(" · ")[:TOPIC_WORDS]
    while len(words) > 1 and len(" · ".join(words)) > TOPIC_CHARS:
        words.pop()
    text = " · ".join(words)
    return text if len(text) <= TOPIC_CHARS else text[: TOPIC_CHARS - 1].rstrip() + "…"


def _name_areas(
    areas: Sequence[Area], font: float, width: int, height: int, grid: _Grid
) -> list[tuple[Area, tuple[float, float], bool]]:
    """Where each area's name goes: inside its ellipse near the top, else across its middle,
    else just above or below it, wherever it overlaps no name placed before (the largest
    areas first). Sized for a phone; a name that fits only at a desktop's size is placed
    then, marked ``True`` (a phone does not show it: the key under the map names every
    topic)."""
    placed: list[tuple[Area, tuple[float, float], bool]] = []
    left = [area for area in areas if area.rx and area.ry]
    for phone in (True, False):
        size = font * TOPIC_FONT * (PHONE if phone else 1)
        tall = size * 1.2
        waiting = []
        for area in left:
            spot = _spot(
                area, len(_short(area.label)) * _CHAR * size / 2, tall, width, height, grid
            )
            if spot is None:
                waiting.append(area)
            else:
                placed.append((area, spot, not phone))
        left = waiting
    order = {area.id: k for k, area in enumerate(areas)}
    placed.sort(key=lambda p: order[p[0].id])
    return placed


def _spot(
    area: Area, half: float, tall: float, width: int, height: int, grid: _Grid
) -> tuple[float, float] | None:
    """The first free place for a name ``2 * half`` wide and ``tall`` high around an area."""
    if 2 * half > width:
        return None
    tops = (
        area.y - area.ry * 0.75,
        area.y - tall / 2,
        area.y - area.ry - tall,
        area.y + area.ry * 0.4,
        area.y + area.ry,
    )
    for top in tops:
        for dx in (0, -0.4, 0.4):
            lx = min(max(area.x + dx * area.rx, half), width - half)
            top = min(max(top, 0.0), height - tall)
            box = (lx - half, top, lx + half, top + tall)
            if grid.free(box):
                grid.put(box)
                return lx, top
    return None
