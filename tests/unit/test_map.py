"""The knowledge map's core: graph, rings around a page, layout and SVG (no MkDocs)."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from bs4 import BeautifulSoup
from growth import assert_linear
from mkdocs_essays.map.graph import KnowledgeGraph, Node, neighbourhood
from mkdocs_essays.map.layout import force_layout, ring_layout
from mkdocs_essays.map.svg import draw, label_of
from processes import ok


def site(essays: int, tags: int = 12, cards: int = 3) -> KnowledgeGraph:
    graph = KnowledgeGraph()
    for t in range(tags):
        graph.add(Node(f"term:tags/t{t}", "term", f"Tag {t}", f"tags/t{t}/", group="tags"))
    for e in range(essays):
        graph.add(Node(f"essay:{e}", "essay", f"Essay {e}", f"posts/e{e}/"))
        for t in (e % tags, (e * 7 + 3) % tags):
            graph.connect(f"essay:{e}", f"term:tags/t{t}", "tag")
        if e:
            graph.connect(f"essay:{e}", f"essay:{(e * 31) % e}", "link")
        for c in range(cards):
            graph.add(Node(f"card:{e}/{c}", "card", f"Card {e}.{c}", f"patterns/e{e}/c{c}/"))
            graph.connect(f"essay:{e}", f"card:{e}/{c}", "card")
    return graph


def svg_of(graph: KnowledgeGraph, **options: object) -> BeautifulSoup:
    positions = force_layout(graph, 1000, 700)
    drawing = draw(
        graph,
        positions,
        width=1000,
        height=700,
        href=lambda n: n.url,
        scale=3,
        font=17,
        label_order=list(graph.nodes),
        max_labels=20,
        label="Map",
        **options,  # type: ignore[arg-type]
    )
    return BeautifulSoup(drawing.svg + f"<script>{drawing.data}</script>", "lxml")


def test_edges_are_undirected_once_and_never_loops() -> None:
    graph = site(3)
    graph.connect("essay:1", "essay:0", "link")  # already there the other way
    graph.connect("essay:1", "essay:1", "link")
    graph.connect("essay:1", "missing", "link")
    assert sum(1 for pair in graph.edges if set(pair) == {"essay:0", "essay:1"}) == 1
    assert "essay:1" not in graph.adjacency["essay:1"]


def test_rings_cards_first_then_essays_then_terms_and_not_through_terms() -> None:
    graph = site(40)
    center, ring1, ring2 = neighbourhood(graph, "essay:5")
    assert center == ["essay:5"]
    kinds = [graph.nodes[n].kind for n in ring1]
    assert kinds == sorted(kinds, key=["card", "essay", "term"].index)
    assert {"card:5/0", "card:5/1", "card:5/2", "term:tags/t5"} <= set(ring1)
    # two steps out: through the linked essay (its cards), never every essay of a tag
    assert ring2 and not set(ring2) & set(ring1)
    tag_mates = {f"essay:{e}" for e in range(40) if e % 12 == 5} - {"essay:5"}
    linked = set(graph.adjacency["essay:5"])
    assert not (set(ring2) & tag_mates) - set().union(*(graph.adjacency[n] for n in linked))


def test_local_rings_are_bounded_whatever_the_degree() -> None:
    graph = site(1, cards=2000)
    rings = neighbourhood(graph, "card:0/7", first=14, second=14)
    assert len(rings[1]) <= 14 and len(rings[2]) <= 14
    assert rings[1][0] == "essay:0"


def test_layout_is_deterministic_and_inside_the_box() -> None:
    graph = site(60)
    a = force_layout(graph, 1000, 700)
    b = force_layout(site(60), 1000, 700)
    assert a == b
    assert all(0 <= x <= 1000 and 0 <= y <= 700 for x, y in a.values())
    assert len(set(a.values())) > 0.9 * len(a)  # nodes do not pile up on one point


def test_past_the_skeleton_every_node_is_placed_near_its_neighbours() -> None:
    graph = site(400, cards=0)
    positions = force_layout(graph, 1000, 700, skeleton=60)
    assert set(positions) == set(graph.nodes)
    assert positions == force_layout(site(400, cards=0), 1000, 700, skeleton=60)
    assert len(set(positions.values())) > 0.8 * len(positions)


def test_ring_layout_puts_the_page_in_the_middle() -> None:
    graph = site(10)
    rings = neighbourhood(graph, "essay:3")
    positions = ring_layout(rings, 640, 400, margin=48)
    assert positions["essay:3"] == (320, 200)
    assert set(positions) == {n for ring in rings for n in ring}


def test_svg_nodes_are_links_with_escaped_titles_and_the_edges_match() -> None:
    graph = KnowledgeGraph()
    graph.add(Node("essay:a", "essay", '<script>alert("x")</script> & co', 'posts/a"b/'))
    graph.add(Node("term:tags/x", "term", "<b>Tag</b>", "tags/x/", group="tags"))
    graph.add(Node("card:a/1", "card", "Card", "patterns/a/1/", badges=("Draft",)))
    graph.connect("essay:a", "term:tags/x", "tag")
    graph.connect("essay:a", "card:a/1", "card")
    soup = svg_of(graph)
    assert soup.find("script", string=lambda s: s and "alert" in s) is None
    links = soup.select("svg a")
    assert [a["href"] for a in links] == ["tags/x/", 'posts/a"b/', "patterns/a/1/"]
    assert links[1].find("title").text.startswith('<script>alert("x")</script> & co')
    assert links[0].find("title").text == "Tags: <b>Tag</b>"
    assert "essay-map__node--draft" in links[2]["class"]
    edges = json.loads(soup.find("script").text)["edges"]
    assert sorted(zip(edges[::2], edges[1::2], strict=True)) == [(1, 0), (1, 2)]


def test_labels_do_not_overlap_and_long_titles_are_cut() -> None:
    assert label_of(Node("x", "essay", "word " * 20, "")).endswith("…")
    soup = svg_of(site(80, cards=0))
    boxes = []
    for text in soup.select(".essay-map__labels text"):
        half = len(text.text) * 0.6 * 17 * 1.7 / 2
        x, y = float(text["x"]), float(text["y"])
        boxes.append((x - half, y, x + half, y + 17 * 1.7 * 1.2))
    assert boxes
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]), (a, b)


def _draw_and_place(graph: KnowledgeGraph) -> None:
    for node in list(graph.nodes)[::7]:
        rings = neighbourhood(graph, node)
        local = graph.subgraph(x for ring in rings for x in ring)
        draw(
            local,
            {x: (i % 600, i % 400) for i, x in enumerate(local.nodes)},
            width=640,
            height=400,
            href=lambda n: n.url,
            scale=4,
            font=13,
            label_order=list(local.nodes),
            max_labels=40,
            label="m",
        )
    force_layout(graph, 1000, 700, skeleton=80)


def test_local_maps_and_the_placement_grow_linearly() -> None:
    # 200, 400, 800 and 1,600 essays (two cards each), in this thread's CPU time
    assert_linear(_draw_and_place, lambda n: site(n, cards=2), 400)


def test_the_map_core_imports_without_mkdocs() -> None:
    script = (
        "import sys\nsys.modules['mkdocs'] = None\n"
        "import mkdocs_essays.map.graph, mkdocs_essays.map.layout, mkdocs_essays.map.svg\n"
    )
    ok([sys.executable, "-c", script], timeout=120)


def test_the_skeleton_layout_ignores_the_hash_seed() -> None:
    """Past the skeleton too, two processes with other hash seeds place every node alike."""
    script = (
        "import sys; sys.path[:0] = ['tests/unit', 'tests']\n"
        "from test_map import site\n"
        "from mkdocs_essays.map.layout import force_layout\n"
        "print(sorted(force_layout(site(500, cards=0), 1000, 700, skeleton=80).items()))\n"
    )
    runs = [
        ok(
            [sys.executable, "-c", script],
            env={**os.environ, "PYTHONHASHSEED": seed},
            cwd=Path(__file__).resolve().parents[2],
            timeout=300,
        )
        for seed in ("1", "2")
    ]
    assert runs[0].stdout == runs[1].stdout and runs[0].stdout.count("essay:") == 500


def test_a_map_keeps_its_order_when_its_neighbours_gain_edges() -> None:
    """A local map orders what it shows by kind, by tie (the writer's before the plugin's)
    and by id, never by degree: one essay more tagged somewhere does not reorder the maps
    around the tag's other essays (issue 23: with degree, a tag added changed 668 card pages)."""
    graph = site(60)
    centers = [n for n in graph.nodes if n.startswith("essay:")]
    before = {c: neighbourhood(graph, c) for c in centers}
    ranked = {c: list(graph.ranked(c)) for c in centers}
    for k in range(12):  # (enough for the tag to outrank, by degree, every other tag)
        graph.add(Node(f"essay:new{k}", "essay", f"New {k}", f"posts/new{k}/"))
        graph.connect(f"essay:new{k}", "term:tags/t9", "tag")
    for center in centers:  # (the tag's own essays among them: their maps show the tag)
        assert neighbourhood(graph, center) == before[center], center
        assert graph.ranked(center) == ranked[center], center
    # the writer's ties first: an essay's own cards, then its links, then similar essays
    graph.add(Node("essay:sim", "essay", "Similar", "posts/sim/"))
    graph.connect("essay:9", "essay:sim", "similar")
    kinds = [graph.adjacency["essay:9"][n] for n in graph.ranked("essay:9")]
    assert kinds == sorted(kinds, key=["card", "link", "similar", "tag"].index), kinds
