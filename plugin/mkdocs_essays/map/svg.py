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
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache

from markupsafe import escape

from .graph import EDGE_KINDS, NODE_KINDS, KnowledgeGraph, Node
from .layout import Positions

__all__ = ["Drawing", "draw", "label_of", "radius"]

LABEL_CHARS = 28
PHONE = 1.7
"""Labels are drawn this much larger on a phone (CSS); they are chosen to fit at that size."""
_CHAR = 0.6  # average advance of a character, in font sizes


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


@lru_cache(maxsize=1 << 16)
def _texts(node: Node) -> tuple[str, str, int, str]:
    """What a node draws the same on every map (it is on many local maps): its escaped tooltip
    and label, the label's length in characters and the node's classes."""
    label = label_of(node)
    classes = f"essay-map__node essay-map__node--{node.kind}"
    classes += "".join(f" essay-map__node--{escape(b.lower())}" for b in node.badges)
    return str(escape(_tooltip(node))), str(escape(label)), len(label), classes


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
) -> Drawing:
    """The ``<svg>`` of ``graph`` at ``positions``.

    ``scale`` sizes the nodes, ``font`` is the label size in user units; ``label_order`` lists
    the nodes that may get a permanent label, most wanted first (at most ``max_labels`` get
    one, each only if it overlaps no node label placed before). ``label`` is the SVG's
    accessible name. ``center`` marks the page a local map is about.
    """
    nodes = graph.nodes
    adjacency = graph.adjacency
    radii = {n: radius(len(adjacency[n]), scale) for n in nodes}
    by_kind_nodes: dict[str, list[str]] = {kind: [] for kind in NODE_KINDS}
    for n, node in nodes.items():
        bucket = by_kind_nodes.get(node.kind)
        if bucket is not None:
            bucket.append(n)
    order = [n for kind in NODE_KINDS for n in by_kind_nodes[kind]]
    index = {n: i for i, n in enumerate(order)}

    grid = _Grid(cell=font * 16)
    free, put = grid.free, grid.put
    labelled: list[str] = []
    spots: dict[str, tuple[float, float]] = {}
    big = font * PHONE
    tall = big * 1.2
    for n in label_order:
        if len(labelled) >= max_labels:
            break
        x, y = positions[n]
        half = _texts(nodes[n])[2] * _CHAR * big / 2
        if 2 * half > width:
            continue
        lx = min(max(float(x), half), width - half)  # moved aside to stay in the picture
        r = radii[n]
        top = y + r + 1
        if top + tall > height:
            top = y - r - 1 - tall  # above the node at the bottom edge
        box = (lx - half, top, lx + half, top + tall)
        dot = (x - r, y - r, x + r, y + r)
        if not free(box) or not free(dot):
            continue
        put(box)
        put(dot)  # no later label covers a labelled node
        labelled.append(n)
        spots[n] = (lx, top)
    permanent = set(labelled)

    parts = [
        f'<svg class="essay-map__svg" viewBox="0 0 {width} {height}" '
        f'style="--essay-map-font:{_n(font)}px" role="group" aria-label="{escape(label)}" '
        'xmlns="http://www.w3.org/2000/svg">',
        '<g class="essay-map__edges" aria-hidden="true">',
    ]
    by_kind: dict[str, list[str]] = {kind: [] for kind in EDGE_KINDS}
    pairs: list[int] = []
    points = {n: f"{x} {y}" for n, (x, y) in positions.items() if n in nodes}
    for (a, b), kind in graph.edges.items():
        by_kind.setdefault(kind, []).append(f"M{points[a]}L{points[b]}")
        pairs.append(index[a])
        pairs.append(index[b])
    for kind, segments in by_kind.items():
        if segments:
            d = "".join(segments)
            parts.append(f'<path class="essay-map__edge essay-map__edge--{kind}" d="{d}"/>')
    parts.append("</g>")
    parts.append('<g class="essay-map__nodes">')
    for n in order:
        node = nodes[n]
        x, y = positions[n]
        r = radii[n]
        tooltip, text, _, classes = _texts(node)
        if n == center:
            classes += " essay-map__node--center"
            aria = ' aria-current="page"'
        else:
            aria = ""
        hover = (
            ""
            if n in permanent
            else (
                f'<text class="essay-map__label essay-map__label--hover" x="{x}" '
                f'y="{_n(y + r + 1)}">{text}</text>'
            )
        )
        parts.append(
            f'<a class="{classes}" href="{escape(href(node))}"{aria}>'
            f"<title>{tooltip}</title>{_shape(node.kind, x, y, r)}{hover}</a>"
        )
    parts.append("</g>")
    parts.append('<g class="essay-map__labels" aria-hidden="true">')
    for n in labelled:
        lx, top = spots[n]
        node = nodes[n]
        parts.append(
            f'<text class="essay-map__label essay-map__label--{node.kind}" '
            f'data-node="{index[n]}" x="{_n(lx)}" y="{_n(top)}">{_texts(node)[1]}</text>'
        )
    parts.append("</g>")
    parts.append("</svg>")
    # (digits and punctuation only: nothing in it can close a script element)
    data = json.dumps({"edges": pairs}, separators=(",", ":"))
    return Drawing(svg="".join(parts), data=data, labelled=len(labelled))
