"""The map page's layout is given again while the nodes drawn, the edges between them and the
topics' groups are the same (``map/feature.py``, ``_Layout``), and each topic's disc while what
it reads is the same (``map/layout.py``, ``Discs``); what they give is always what a layout made
afresh gives, weights or not."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from mkdocs_essays.cache import Kept
from mkdocs_essays.map import feature
from mkdocs_essays.map.feature import HEIGHT, WIDTH, _layout
from mkdocs_essays.map.graph import KnowledgeGraph, Node
from mkdocs_essays.map.layout import Discs, topic_layout

IDS = [f"essay:{c}" for c in "abcdefgh"] + ["term:tags/t", "term:tags/u"]


def _graph(edges: list[tuple[int, int, str, float | None]], titles: str = "T") -> KnowledgeGraph:
    graph = KnowledgeGraph()
    for node_id in IDS:
        kind = node_id.partition(":")[0]
        graph.add(Node(node_id, kind, f"{titles} {node_id}", f"{node_id}/", (), ""))
    for a, b, kind, weight in edges:
        if a != b:
            graph.connect(IDS[a], IDS[b], kind, weight)
    return graph


def _groups(graph: KnowledgeGraph, split: int) -> list[list[str]]:
    nodes = list(graph.nodes)
    return [nodes[:split], nodes[split:]]


edges_st = st.lists(
    st.tuples(
        st.integers(0, len(IDS) - 1),
        st.integers(0, len(IDS) - 1),
        st.sampled_from(["tag", "similar", "link"]),
        st.one_of(st.none(), st.sampled_from([0.25, 0.5, 0.75])),
    ),
    max_size=14,
)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(edges_st, st.integers(1, len(IDS) - 1)), min_size=1, max_size=4))
def test_the_layout_given_is_the_layout_made_afresh(
    builds: list[tuple[list[tuple[int, int, str, float | None]], int]],
) -> None:
    kept: Kept = Kept()
    discs = Discs()
    for edges, split in builds:
        graph = _graph(edges)
        groups = _groups(graph, split)
        fresh = topic_layout(_graph(edges), groups, WIDTH, HEIGHT)
        assert _layout(kept, graph, groups, discs) == fresh


def test_it_is_laid_out_again_only_when_what_it_is_made_of_changes(monkeypatch) -> None:
    made: list[int] = []
    layout = feature.topic_layout

    def counted(*args, **kwargs):
        made.append(1)
        return layout(*args, **kwargs)

    monkeypatch.setattr(feature, "topic_layout", counted)
    kept: Kept = Kept()
    discs = Discs()
    edges = [(0, 1, "similar", 0.5), (1, 8, "tag", None), (2, 3, "link", None)]
    first = _layout(kept, _graph(edges), _groups(_graph(edges), 4), discs)
    other_weight = [(0, 1, "similar", 0.75), (1, 8, "tag", None), (2, 3, "link", None)]
    retitled = _graph(other_weight, titles="U")
    assert _layout(kept, retitled, _groups(retitled, 4), discs) is first, "weights, titles: kept"
    assert len(made) == 1
    more = _graph([*edges, (4, 5, "similar", 0.5)])
    fresh = topic_layout(more, _groups(more, 4), WIDTH, HEIGHT)
    assert _layout(kept, more, _groups(more, 4), discs) == fresh
    assert len(made) == 2, "an edge more: laid out again"
    regrouped = _graph([*edges, (4, 5, "similar", 0.5)])
    _layout(kept, regrouped, _groups(regrouped, 5), discs)
    assert len(made) == 3, "other topics: laid out again"


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.tuples(edges_st, st.integers(1, len(IDS) - 1)), min_size=1, max_size=5),
    st.integers(1, 6),
)
def test_each_disc_given_again_is_the_disc_made_afresh(
    builds: list[tuple[list[tuple[int, int, str, float | None]], int]], skeleton: int
) -> None:
    """Discs laid out by force alone and discs past a skeleton (whose nodes are placed beside
    their neighbours, read from the whole graph), over edits of edges and groups."""
    discs = Discs()
    for edges, split in builds:
        graph = _graph(edges)
        groups = _groups(graph, split)
        kept = topic_layout(graph, groups, WIDTH, HEIGHT, skeleton=skeleton, discs=discs)
        assert kept == topic_layout(_graph(edges), groups, WIDTH, HEIGHT, skeleton=skeleton)


def test_an_edge_added_in_one_topic_lays_out_that_topic_only() -> None:
    discs = Discs()
    edges = [
        (0, 1, "similar", 0.5),
        (2, 3, "link", None),
        (5, 6, "similar", 0.5),
        (6, 8, "tag", None),
    ]
    graph = _graph(edges)
    topic_layout(graph, _groups(graph, 4), WIDTH, HEIGHT, discs=discs)
    assert discs.made == 2
    again = _graph([(0, 1, "similar", 0.75), *edges[1:]])  # (a weight: not read)
    topic_layout(again, _groups(again, 4), WIDTH, HEIGHT, discs=discs)
    assert discs.made == 0
    more = _graph([*edges, (5, 7, "link", None)])  # in the second topic
    laid = topic_layout(more, _groups(more, 4), WIDTH, HEIGHT, discs=discs)
    assert discs.made == 1
    assert laid == topic_layout(
        _graph([*edges, (5, 7, "link", None)]), _groups(more, 4), WIDTH, HEIGHT
    )
    # a disc past its skeleton reads its nodes' neighbours in the whole graph: an edge from
    # a node of the first topic to the second lays out both again
    across = _graph([*edges, (5, 7, "link", None), (2, 7, "link", None)])
    topic_layout(across, _groups(across, 4), WIDTH, HEIGHT, skeleton=1, discs=discs)
    topic_layout(across, _groups(across, 4), WIDTH, HEIGHT, skeleton=1, discs=discs)
    assert discs.made == 0
    wider = _graph([*edges, (5, 7, "link", None), (2, 7, "link", None), (3, 9, "link", None)])
    topic_layout(wider, _groups(wider, 4), WIDTH, HEIGHT, skeleton=1, discs=discs)
    assert discs.made == 2
