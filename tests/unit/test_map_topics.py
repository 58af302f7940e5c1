"""Topics on the knowledge map (``map/topics.py``), their layout (``topic_layout``) and
drawing, and the first ring's share for each kind (no MkDocs)."""

from __future__ import annotations

import math
import os
from dataclasses import replace

from bs4 import BeautifulSoup
from growth import assert_linear
from hypothesis import given, settings
from hypothesis import strategies as st
from mkdocs_essays.map.graph import KnowledgeGraph, Node, neighbourhood
from mkdocs_essays.map.layout import topic_layout
from mkdocs_essays.map.svg import Area, draw
from mkdocs_essays.map.topics import colours, find_topics

SUBJECTS = {
    "sail": ("Sailing", ["wind", "keel", "harbour"]),
    "bake": ("Baking", ["bread", "yeast", "oven"]),
    "ship": ("Release", ["upgrade", "binaries", "changelog"]),
}


def clusters(per: int = 6, lonely: int = 1) -> tuple[KnowledgeGraph, dict[str, dict[str, float]]]:
    """Three groups of essays, each tied within by "similar" edges (one weak edge between
    groups), a tag, and ``lonely`` essays tied to nothing."""
    graph = KnowledgeGraph()
    words: dict[str, dict[str, float]] = {}
    graph.add(Node("term:tags/misc", "term", "misc", "tags/misc/", group="tags"))
    for key, (title, vocabulary) in SUBJECTS.items():
        for k in range(per):
            node = f"essay:{key}{k}"
            graph.add(Node(node, "essay", f"{title} notes {k}", f"posts/{key}{k}/"))
            words[node] = {w: 1.0 + (i == k % 3) for i, w in enumerate(vocabulary)}
            words[node][f"only{key}{k}"] = 0.5
            for j in range(k):
                if (k + j) % 2 or j == k - 1:
                    graph.connect(f"essay:{key}{j}", node, "similar", 1.0 + 0.1 * j)
        graph.connect(f"essay:{key}0", "term:tags/misc", "tag")
    graph.connect("essay:sail0", "essay:bake0", "similar", 0.2)
    for k in range(lonely):
        graph.add(Node(f"essay:alone{k}", "essay", f"Alone {k}", f"posts/alone{k}/"))
        words[f"essay:alone{k}"] = {f"unique{k}": 1.0}
    return graph, words


def test_three_groups_are_three_topics_named_by_their_words() -> None:
    graph, words = clusters()
    topics = find_topics(graph, words.__getitem__)
    assert len(topics) == 3
    members = [{m.split(":")[1][:4] for m in t.members if m.startswith("essay:")} for t in topics]
    assert sorted(map(sorted, members)) == [["bake"], ["sail"], ["ship"]]
    assert [t.essays for t in topics] == [6, 6, 6]
    assert [t.id for t in topics] == [1, 2, 3]
    for topic in topics:
        key = next(iter(members[topic.id - 1]))
        title, vocabulary = next(v for k, v in SUBJECTS.items() if k.startswith(key))
        # the words its essays share (or its titles' word), written as the titles write it
        assert set(topic.words) <= {title, *(w.capitalize() for w in vocabulary)}, topic
        assert topic.label == " · ".join(topic.words)
    assert "essay:alone0" not in graph.topic  # tied to nothing: no topic
    # the term joins the topic of most of its essays (one each: the largest, first)
    assert graph.topic["term:tags/misc"] == 1


def test_a_small_group_is_no_topic_and_the_result_is_stable() -> None:
    graph, words = clusters(per=2)
    assert find_topics(graph, words.__getitem__) == []
    assert graph.topic == {}
    again, more = clusters()
    first = [(t.label, t.members) for t in find_topics(again, more.__getitem__)]
    third, more = clusters()
    assert first == [(t.label, t.members) for t in find_topics(third, more.__getitem__)]


def test_neighbouring_topics_get_different_colours() -> None:
    graph, words = clusters()
    topics = find_topics(graph, words.__getitem__)
    chosen = colours(graph, topics)
    assert len(set(chosen.values())) == 3
    assert set(chosen.values()) <= set(range(10))


def test_each_topic_has_its_own_region_and_its_nodes_are_in_it() -> None:
    graph, words = clusters(lonely=3)
    topics = find_topics(graph, words.__getitem__)
    groups = [[n for n in graph.nodes if graph.topic.get(n) == t.id] for t in topics]
    rest = [n for n in graph.nodes if n not in graph.topic]
    positions, regions = topic_layout(graph, [*groups, rest], 1000, 700)
    assert set(positions) == set(graph.nodes)
    assert all(0 <= x <= 1000 and 0 <= y <= 700 for x, y in positions.values())
    for group, region in zip(groups, regions, strict=False):
        for node in group:
            x, y = positions[node]
            inside = ((x - region.x) / region.rx) ** 2 + ((y - region.y) / region.ry) ** 2
            assert inside <= 1.05, (node, region)
    for a in range(len(regions)):  # the discs (ellipses in the picture) do not overlap
        for b in range(a + 1, len(regions)):
            ra, rb = regions[a], regions[b]
            gap = math.hypot((ra.x - rb.x) / ra.rx, (ra.y - rb.y) / ra.ry)
            assert gap > 1.0
    assert topic_layout(graph, [*groups, rest], 1000, 700) == (positions, regions)


def test_topics_are_drawn_coloured_and_named() -> None:
    graph, words = clusters()
    topics = find_topics(graph, words.__getitem__)
    chosen = colours(graph, topics)
    groups = [[n for n in graph.nodes if graph.topic.get(n) == t.id] for t in topics]
    rest = [n for n in graph.nodes if n not in graph.topic]
    positions, regions = topic_layout(graph, [*groups, rest], 1000, 700)
    areas = [
        Area(t.id, t.label, chosen[t.id], r.x, r.y, r.rx, r.ry)
        for t, r in zip(topics, regions, strict=False)
    ]
    drawing = draw(
        graph,
        positions,
        width=1000,
        height=700,
        href=lambda n: n.url,
        scale=3,
        font=17,
        label_order=[],
        max_labels=0,
        label="Map",
        areas=areas,
    )
    svg = BeautifulSoup(drawing.svg, "lxml")
    assert len(svg.select("ellipse.essay-map__area")) == 3
    names = svg.select("text.essay-map__label--topic")
    assert sorted(n.get_text() for n in names) == sorted(" · ".join(t.words[:2]) for t in topics)
    sail = svg.select_one('a[href="posts/sail0/"]')
    assert f"essay-map__node--c{chosen[graph.topic['essay:sail0']]}" in sail["class"]
    term = svg.select_one('a[href="tags/misc/"]')
    assert not any(c.startswith("essay-map__node--c") for c in term["class"])


def test_the_first_ring_keeps_room_for_essays_and_terms() -> None:
    """An essay of twenty sections still shows the essays it shares most with, and its tags."""
    graph = KnowledgeGraph()
    graph.add(Node("essay:0", "essay", "Long", "posts/long/"))
    for c in range(20):
        graph.add(Node(f"card:0/{c}", "card", f"Card {c}", f"patterns/long/{c}/"))
        graph.connect("essay:0", f"card:0/{c}", "card")
    for e in range(1, 6):
        graph.add(Node(f"essay:{e}", "essay", f"Other {e}", f"posts/o{e}/"))
        graph.connect("essay:0", f"essay:{e}", "similar", 1.0)
    for t in range(3):
        graph.add(Node(f"term:tags/t{t}", "term", f"t{t}", f"tags/t{t}/"))
        graph.connect("essay:0", f"term:tags/t{t}", "tag")
    ring = neighbourhood(graph, "essay:0")[1]
    kinds = [graph.nodes[n].kind for n in ring]
    assert len(ring) == 14
    assert kinds.count("essay") == 5 and kinds.count("term") == 3 and kinds.count("card") == 6
    assert kinds == sorted(kinds, key=["card", "essay", "term"].index)


def test_the_layout_of_topics_is_about_linear_in_their_nodes() -> None:
    def make(n: int) -> tuple[KnowledgeGraph, list[list[str]]]:
        graph = KnowledgeGraph()
        groups: list[list[str]] = [[] for _ in range(12)]
        for k in range(n):
            graph.add(Node(f"essay:{k}", "essay", f"E {k}", f"p/{k}/"))
            groups[k % 12].append(f"essay:{k}")
        for k in range(n):
            graph.connect(f"essay:{k}", f"essay:{(k + 12) % n}", "similar", 1.0)
        return graph, groups

    assert_linear(lambda made: topic_layout(made[0], made[1], 1000, 700), make, 300)


def test_topics_are_about_linear() -> None:
    def make(n: int) -> tuple[KnowledgeGraph, dict[str, dict[str, float]]]:
        graph = KnowledgeGraph()
        words: dict[str, dict[str, float]] = {}
        for k in range(n):
            graph.add(Node(f"essay:{k}", "essay", f"Essay {k}", f"p/{k}/"))
            words[f"essay:{k}"] = {f"w{k % 50}": 1.0, f"v{k % 7}": 0.5}
        for k in range(n):
            for step in (1, 2, 50):
                graph.connect(f"essay:{k}", f"essay:{(k + step) % n}", "similar", 1.0)
        return graph, words

    assert_linear(lambda made: find_topics(made[0], made[1].__getitem__), make, 300)


def test_a_similarity_moved_a_little_finds_the_same_communities_again() -> None:
    """Under `mkdocs serve`, the communities are kept by the weighted graph they were found
    in, similarities weighed in eighths of the typical one: a save that moves one essay's
    similarities a little (a word) finds them again without running Louvain; one that moves a
    similarity across a step runs it again."""
    from mkdocs_essays.cache import ContentCache

    cache = ContentCache()
    graph, words = clusters()
    first = [(t.label, t.members) for t in find_topics(graph, words.__getitem__, cache=cache)]
    assert cache.misses["topics"] == 1
    moved, _ = clusters()
    pair = ("essay:sail2", "essay:sail3")
    assert pair in moved.weights
    moved.weights[pair] *= 1.004  # (one essay's word: a similarity moves by a fraction)
    again = [(t.label, t.members) for t in find_topics(moved, words.__getitem__, cache=cache)]
    assert again == first
    assert cache.misses["topics"] == 1 and cache.hits["topics"] == 1
    far, _ = clusters()
    far.weights[pair] *= 1.5
    find_topics(far, words.__getitem__, cache=cache)
    assert cache.misses["topics"] == 2


def _renamed(graph: KnowledgeGraph, old: str, new: str) -> KnowledgeGraph:
    """``graph`` with the node ``old`` called ``new`` (a file renamed): in the same place,
    its edges in the same order, each the other way round where the new name sorts first."""
    out = KnowledgeGraph()
    name = {old: new}
    for node_id, node in graph.nodes.items():
        out.add(replace(node, id=name.get(node_id, node_id)))
    for (a, b), kind in graph.edges.items():
        weight = graph.weights.get((a, b))
        a, b = name.get(a, a), name.get(b, b)
        if new in (a, b):
            a, b = b, a
        out.connect(a, b, kind, weight)
    return out


def test_a_node_renamed_in_its_place_finds_the_same_communities_again() -> None:
    """Communities are found among the nodes' places: an essay whose file is renamed keeps
    its topic, and Louvain is not run again for it."""
    from mkdocs_essays.cache import ContentCache

    cache = ContentCache()
    graph, words = clusters()
    first = [(t.label, t.members) for t in find_topics(graph, words.__getitem__, cache=cache)]
    renamed = _renamed(graph, "essay:sail2", "essay:a-sail-renamed")
    words["essay:a-sail-renamed"] = words["essay:sail2"]
    again = [(t.label, t.members) for t in find_topics(renamed, words.__getitem__, cache=cache)]
    assert cache.misses["topics"] == 1 and cache.hits["topics"] == 1
    expected = [
        (label, tuple("essay:a-sail-renamed" if m == "essay:sail2" else m for m in members))
        for label, members in first
    ]
    assert again == expected
    # and found afresh (no cache), the renamed graph has those communities too
    assert [(t.label, t.members) for t in find_topics(renamed, words.__getitem__)] == expected


def test_the_communities_are_the_same_in_every_process() -> None:
    """Louvain sums weights as it walks sets of nodes; nodes are numbers, whose sets every
    process walks alike (strings' order changes with ``PYTHONHASHSEED``)."""
    import subprocess
    import sys

    script = (
        "import random\n"
        "from mkdocs_essays.map.graph import KnowledgeGraph, Node\n"
        "from mkdocs_essays.map.topics import find_topics\n"
        "rng = random.Random(7); g = KnowledgeGraph(); words = {}\n"
        "for k in range(120):\n"
        "    g.add(Node(f'essay:e{k}', 'essay', f'E {k}', f'posts/e{k}/'))\n"
        "    words[f'essay:e{k}'] = {f'w{k % 9}': 1.0, f'v{k % 5}': 0.5}\n"
        "for k in range(360):\n"
        "    a, b = rng.randrange(120), rng.randrange(120)\n"
        "    g.connect(f'essay:e{a}', f'essay:e{b}', 'similar', rng.random())\n"
        "print([(t.label, t.members) for t in find_topics(g, words.__getitem__)])\n"
    )
    found = set()
    for seed in ("1", "2", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        out = subprocess.run(
            [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120
        )
        assert out.returncode == 0, out.stderr
        found.add(out.stdout)
    assert len(found) == 1


WORDS = st.lists(st.sampled_from(["keel", "sail", "bread", "yeast", "hull", "oven", "x2"]))


@settings(max_examples=60, deadline=None)
@given(
    essays=st.lists(
        st.tuples(WORDS, st.lists(st.sampled_from(["Keel", "Bread", "notes", "Oven"]))),
        min_size=1,
        max_size=8,
    ),
    chosen=st.lists(st.integers(0, 7), min_size=1, max_size=8),
)
def test_a_topics_name_counts_words_as_plain_loops_do(essays, chosen) -> None:
    """The namer's counts (made by Counter's own loop) are the plain loops' of its docstring:
    each essay's words once, its title's words twice."""
    from collections import Counter

    from mkdocs_essays.cards.related import tokens
    from mkdocs_essays.map.topics import _Namer

    words = [{w: 1.0 for w in listed} for listed, _ in essays]
    titles = [" ".join(title) for _, title in essays]
    namer = _Namer(words, titles)
    used: Counter[str] = Counter()
    for listed, title in zip(words, titles, strict=True):
        used.update({w: 1 for w in listed})
        used.update({w: 2 for w in set(tokens(title))})
    assert namer.used == used
    members = sorted({i % len(essays) for i in chosen})
    here: Counter[str] = Counter()
    for i in members:
        here.update({w: 1 for w in words[i]})
        here.update({w: 2 for w in set(tokens(titles[i]))})
    size = 3 * len(members)
    best = sorted(((u / size) * (u / used[w]), w) for w, u in here.items() if w not in namer.common)
    keys = namer.keys(members, count=1)
    assert keys == ([min(best, key=lambda p: (-p[0], p[1]))[1]] if best else [])
