"""The map page's layout is given again while the nodes drawn, the edges between them and the
topics' groups are the same (``map/feature.py``, ``_Layout``); what it gives is always what a
layout made afresh gives, weights or not."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from mkdocs_essays.cache import Kept
from mkdocs_essays.map import feature
from mkdocs_essays.map.feature import HEIGHT, WIDTH, _layout
from mkdocs_essays.map.graph import KnowledgeGraph, Node
from mkdocs_essays.map.layout import topic_layout

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
    for edges, split in builds:
        graph = _graph(edges)
        groups = _groups(graph, split)
        assert _layout(kept, graph, groups) == topic_layout(_graph(edges), groups, WIDTH, HEIGHT)


def test_it_is_laid_out_again_only_when_what_it_is_made_of_changes(monkeypatch) -> None:
    made: list[int] = []
    layout = feature.topic_layout

    def counted(*args, **kwargs):
        made.append(1)
        return layout(*args, **kwargs)

    monkeypatch.setattr(feature, "topic_layout", counted)
    kept: Kept = Kept()
    edges = [(0, 1, "similar", 0.5), (1, 8, "tag", None), (2, 3, "link", None)]
    first = _layout(kept, _graph(edges), _groups(_graph(edges), 4))
    other_weight = [(0, 1, "similar", 0.75), (1, 8, "tag", None), (2, 3, "link", None)]
    retitled = _graph(other_weight, titles="U")
    assert _layout(kept, retitled, _groups(retitled, 4)) is first, "weights and titles: not drawn"
    assert len(made) == 1
    more = _graph([*edges, (4, 5, "similar", 0.5)])
    fresh = topic_layout(more, _groups(more, 4), WIDTH, HEIGHT)
    assert _layout(kept, more, _groups(more, 4)) == fresh
    assert len(made) == 2, "an edge more: laid out again"
    regrouped = _graph([*edges, (4, 5, "similar", 0.5)])
    _layout(kept, regrouped, _groups(regrouped, 5))
    assert len(made) == 3, "other topics: laid out again"
