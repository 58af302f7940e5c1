"""The map's graph is given again from build to build while its nodes and edges are the same
(``map/graph.py``, ``KeptGraph``); what it gives is always the graph made afresh."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from mkdocs_essays.map.graph import EdgeFacts, KeptGraph, KnowledgeGraph, Node, NodeFacts

IDS = ["essay:a", "essay:b", "essay:c", "card:a/x", "term:tags/t"]


def _fresh(nodes: list[NodeFacts], edges: list[EdgeFacts]) -> KnowledgeGraph:
    graph = KnowledgeGraph()
    for facts in nodes:
        graph.add(Node(*facts))
    for a, b, kind, weight in edges:
        graph.connect(a, b, kind, weight)
    return graph


def _same(given_: KnowledgeGraph, fresh: KnowledgeGraph) -> None:
    assert [(n.id, n.kind, n.title, n.url, n.badges, n.group) for n in given_.nodes.values()] == [
        (n.id, n.kind, n.title, n.url, n.badges, n.group) for n in fresh.nodes.values()
    ]
    assert list(given_.edges.items()) == list(fresh.edges.items())
    assert given_.adjacency == fresh.adjacency
    assert list(given_.weights.items()) == list(fresh.weights.items())
    assert given_.topic == {}
    for node in fresh.nodes:
        assert given_.ranked(node) == fresh.ranked(node)


def _node(i: int, title: str) -> NodeFacts:
    kind = IDS[i].partition(":")[0]
    return (IDS[i], kind, title, f"{i}/", (), "")


nodes_st = st.lists(
    st.builds(_node, st.integers(0, len(IDS) - 1), st.sampled_from(["T", "U"])),
    max_size=6,
)
edges_st = st.lists(
    st.tuples(
        st.sampled_from(IDS),
        st.sampled_from(IDS),
        st.sampled_from(["tag", "card", "similar", "link"]),
        st.one_of(st.none(), st.sampled_from([0.25, 0.5, 0.75])),
    ),
    max_size=12,
)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(nodes_st, edges_st), min_size=1, max_size=5), st.data())
def test_a_kept_graph_is_the_graph_made_afresh(
    builds: list[tuple[list[NodeFacts], list[EdgeFacts]]], data: st.DataObject
) -> None:
    kept = KeptGraph()
    last: tuple[list[NodeFacts], list[EdgeFacts]] | None = None
    for nodes, edges in builds:
        again = data.draw(st.sampled_from(["new", "weights", "titles"]))
        if last is not None and again != "new":
            # a build that asks for the last nodes and edges, with other weights
            nodes = list(last[0])
            weight = data.draw(st.sampled_from([0.125, 0.625]))
            edges = [(a, b, k, None if w is None else weight) for a, b, k, w in last[1]]
            if again == "titles":  # ... and some nodes told otherwise (ids and kinds kept)
                told = data.draw(st.lists(st.booleans(), min_size=len(nodes), max_size=len(nodes)))
                nodes = [
                    (i, kind, title + "!", url, ("Stub",), "g")
                    if change
                    else (i, kind, title, url, badges, group)
                    for (i, kind, title, url, badges, group), change in zip(
                        nodes, told, strict=True
                    )
                ]
        given_ = kept.graph(list(nodes), list(edges))
        _same(given_, _fresh(nodes, edges))
        given_.topic["x"] = 1  # (this build's topics, which the next must not see)
        last = (nodes, edges)


def test_a_pairs_later_call_gives_no_weight_even_of_the_same_kind() -> None:
    """Found by the test above: the pair's first call had no weight, a later one of the same
    kind had one; ``connect`` ignores every call after the first, so the kept graph must too."""
    kept = KeptGraph()
    nodes = [_node(0, "T"), _node(1, "T")]
    for weight in (0.25, 0.125):
        edges: list[EdgeFacts] = [
            ("essay:a", "essay:b", "tag", None),
            ("essay:a", "essay:b", "tag", weight),
            ("essay:b", "essay:a", "tag", weight),
        ]
        given_ = kept.graph(list(nodes), list(edges))
        _same(given_, _fresh(nodes, edges))
        assert given_.weights == {}


def test_the_same_nodes_and_edges_give_the_same_graph_with_this_builds_weights() -> None:
    kept = KeptGraph()
    nodes = [_node(0, "A"), _node(1, "B"), _node(2, "C")]
    edges: list[EdgeFacts] = [
        ("essay:a", "essay:b", "link", None),
        ("essay:a", "essay:b", "similar", 0.5),  # (the pair is a link: no weight)
        ("essay:b", "essay:a", "similar", 0.5),
        ("essay:a", "essay:c", "similar", 0.25),
        ("essay:c", "essay:a", "similar", 0.75),  # (the pair has its edge: no weight)
        ("essay:b", "essay:c", "similar", 0.5),
    ]
    first = kept.graph(nodes, edges)
    first.topic["essay:a"] = 3
    assert first.weights == {("essay:a", "essay:c"): 0.25, ("essay:b", "essay:c"): 0.5}
    again = kept.graph(
        list(nodes), [(a, b, k, None if w is None else w + 0.125) for a, b, k, w in edges]
    )
    assert again is first, "nothing but the weights changed: the same graph"
    assert again.weights == {("essay:a", "essay:c"): 0.375, ("essay:b", "essay:c"): 0.625}
    assert again.topic == {}, "topics are this build's (they follow the weights)"
    retitled = kept.graph([_node(0, "A2"), *nodes[1:]], edges)
    assert retitled is not first and retitled.nodes["essay:a"].title == "A2"
    more = kept.graph([_node(0, "A2"), *nodes[1:]], [*edges, ("essay:b", "essay:a", "tag", None)])
    assert more is not retitled
    _same(more, _fresh([_node(0, "A2"), *nodes[1:]], edges))  # (a pair's second edge: none)


def test_a_graph_made_again_keeps_the_nodes_told_the_same() -> None:
    """Other edges (a tag added, an essay more) make the graph again; a node told as it was is
    the last graph's node (what it shows is digested once), a node told otherwise is new."""
    kept = KeptGraph()
    nodes = [_node(0, "A"), _node(1, "B"), _node(2, "C")]
    edges: list[EdgeFacts] = [("essay:a", "essay:b", "link", None)]
    first = kept.graph(nodes, edges)
    again = kept.graph(
        [nodes[0], _node(1, "B2"), nodes[2]], [*edges, ("essay:b", "essay:c", "link", None)]
    )
    assert again is not first
    assert again.nodes["essay:a"] is first.nodes["essay:a"]
    assert again.nodes["essay:c"] is first.nodes["essay:c"]
    assert again.nodes["essay:b"] is not first.nodes["essay:b"]
    assert again.nodes["essay:b"].title == "B2"
    _same(
        again,
        _fresh(
            [nodes[0], _node(1, "B2"), nodes[2]], [*edges, ("essay:b", "essay:c", "link", None)]
        ),
    )
