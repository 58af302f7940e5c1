"""map/around.py: what each local map shows, kept from graph to graph and walked again only
around what changed, is what a walk of every node's rings gives (random graphs, random edits)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from mkdocs_essays.map.around import Around, _indexes, shown_around, walk
from mkdocs_essays.map.graph import KnowledgeGraph, Node

KINDS = ("essay", "card", "term")


def graph_of(nodes: dict[str, tuple[str, str]], edges: set[tuple[str, str]]) -> KnowledgeGraph:
    graph = KnowledgeGraph()
    for node_id, (kind, title) in nodes.items():
        graph.add(Node(node_id, kind, title, f"{node_id}/"))
    for a, b in sorted(edges):
        graph.connect(a, b, "link" if "term" not in (nodes[a][0], nodes[b][0]) else "tag")
    return graph


def walks(around: Around, graph: KnowledgeGraph) -> tuple[dict[str, bytes | None], list[str]]:
    """``around.of(graph)``, and the maps it walked."""
    import mkdocs_essays.map.around as module

    walked: list[str] = []
    real = module.walk

    def counting(graph: KnowledgeGraph, center: str) -> tuple[bytes | None, list[list[str]]]:
        walked.append(center)
        return real(graph, center)

    module.walk = counting  # type: ignore[assignment]
    try:
        return around.of(graph), walked
    finally:
        module.walk = real  # type: ignore[assignment]


edit = st.tuples(
    st.sampled_from(["add", "drop", "connect", "cut", "rename"]),
    st.integers(0, 39),
    st.integers(0, 39),
    st.sampled_from(KINDS),
)


@settings(max_examples=60, deadline=None)
@given(
    start=st.lists(st.tuples(st.integers(0, 39), st.integers(0, 39)), max_size=60),
    edits=st.lists(st.lists(edit, min_size=1, max_size=4), min_size=1, max_size=6),
)
def test_kept_maps_are_the_maps_a_walk_gives(
    start: list[tuple[int, int]], edits: list[list[tuple[str, int, int, str]]]
) -> None:
    nodes = {f"n{i}": (KINDS[i % 3], f"Node {i}") for i in range(30)}
    edges = {(f"n{a}", f"n{b}") for a, b in start if a != b and a < 30 and b < 30}
    around = Around()
    for step in [[], *edits]:
        for action, a, b, kind in step:
            x, y = f"n{a}", f"n{b}"
            if action == "add" and x not in nodes:
                nodes[x] = (kind, f"Node {a}")
            elif action == "drop":
                nodes.pop(x, None)
            elif action == "connect" and x != y:
                edges.add((x, y))
            elif action == "cut":
                edges = {e for e in edges if x not in e}
            elif action == "rename" and x in nodes:
                nodes[x] = (nodes[x][0], nodes[x][1] + "!")
        edges = {(a, b) for a, b in edges if a in nodes and b in nodes}
        graph = graph_of(nodes, edges)
        kept = around.of(graph)
        fresh = graph_of(nodes, edges)
        assert kept == {n: shown_around(fresh, n) for n in fresh.nodes}
        # the indexes kept map by map are those of every map's rings
        assert (around._showing, around._steering) == _indexes(around._rings, around._kinds)
        # the rings a map is drawn with, given for the graph asked of (not for another)
        for n in fresh.nodes:
            assert around.rings(graph, n) == (walk(fresh, n)[1] or None), n
            assert around.rings(fresh, n) is None


@settings(max_examples=60, deadline=None)
@given(
    hubs=st.lists(st.sets(st.integers(0, 79), max_size=70), min_size=1, max_size=3),
    edits=st.lists(
        st.lists(st.tuples(st.sampled_from(["connect", "cut"]), st.integers(0, 79)), max_size=4),
        min_size=1,
        max_size=5,
    ),
)
def test_maps_around_nodes_of_many_ties_are_the_maps_a_walk_gives(
    hubs: list[set[int]], edits: list[list[tuple[str, int]]]
) -> None:
    """Nodes tied to more than a map's second ring can be chosen from (its first ring's 29
    first ranked neighbours), whose ties change past those: every map is what a walk gives."""
    nodes = {f"n{i}": (KINDS[i % 3], f"Node {i}") for i in range(80)}
    edges = {(f"n{h}", f"n{i}") for h, tied in enumerate(hubs) for i in tied if i != h}
    edges |= {(f"n{i}", f"n{i + 1}") for i in range(79)}
    around = Around()
    around.of(graph_of(nodes, edges))
    for step in edits:
        for at, (action, other) in enumerate(step):
            hub = f"n{at % len(hubs)}"
            if action == "connect" and hub != f"n{other}":
                edges.add((hub, f"n{other}"))
            else:
                edges.discard((hub, f"n{other}"))
        kept = around.of(graph_of(nodes, edges))
        fresh = graph_of(nodes, edges)
        assert kept == {n: shown_around(fresh, n) for n in fresh.nodes}


def test_a_tie_past_what_second_rings_are_chosen_from_walks_few_maps() -> None:
    """A hub tied to 60 essays, each in a chain: a tie added past the hub's 29 first ranked
    neighbours changes no map the hub is in the first ring of (the 60), only the maps that
    show both ends and the two nodes' own."""
    nodes = {"hub": ("essay", "Hub"), **{f"e{i:02d}": ("essay", f"E {i}") for i in range(61)}}
    edges = {("hub", f"e{i:02d}") for i in range(60)}
    edges |= {(f"e{i:02d}", f"e{i + 1:02d}") for i in range(60)}
    around = Around()
    around.of(graph_of(nodes, edges))
    kept, walked = walks(around, graph_of(nodes, edges | {("hub", "e60")}))
    fresh = graph_of(nodes, edges | {("hub", "e60")})
    assert kept == {n: shown_around(fresh, n) for n in fresh.nodes}
    assert "hub" in walked and "e60" in walked
    assert len(walked) < 20, walked  # (every map the hub is in the first ring of, before)


def test_one_edit_walks_only_around_it() -> None:
    """A new edge between two essays of a chain walks the maps whose rings the edge can
    change: the two essays' own and their neighbours' (each has them in its first ring), not
    every map, nor every map that shows them two steps out."""
    nodes = {f"n{i}": ("essay", f"Node {i}") for i in range(400)}
    edges = {(f"n{i}", f"n{i + 1}") for i in range(399)}
    around = Around()
    around.of(graph_of(nodes, edges))
    kept, walked = walks(around, graph_of(nodes, edges | {("n10", "n300")}))
    assert sorted(walked) == ["n10", "n11", "n299", "n300", "n301", "n9"], walked
    fresh = graph_of(nodes, edges | {("n10", "n300")})
    assert kept == {n: shown_around(fresh, n) for n in fresh.nodes}


def test_the_graph_given_again_gives_its_maps_without_a_look() -> None:
    """The map's graph given again from build to build (KeptGraph: its nodes and edges the
    same, only the weights new) gives the maps it gave, without comparing a node; the record
    kept on disk holds no graph, and one read back compares again."""
    import pickle

    from mkdocs_essays.map.graph import KeptGraph

    kept = KeptGraph()
    nodes = [(f"n{i}", "essay", f"Node {i}", f"n{i}/", (), "") for i in range(30)]
    edges = [(f"n{i}", f"n{i + 1}", "similar", 0.5) for i in range(29)]
    graph = kept.graph(nodes, edges)
    around = Around()
    first = around.of(graph)
    again = kept.graph(list(nodes), [(a, b, k, 0.25) for a, b, k, _ in edges])
    assert again is graph
    import mkdocs_essays.map.around as module

    real = module._data

    def looked(graph: KnowledgeGraph) -> dict[str, tuple[str, str]]:
        raise AssertionError("the graph given again is not compared node by node")

    module._data = looked  # type: ignore[assignment]
    try:
        assert around.of(again) is first
    finally:
        module._data = real  # type: ignore[assignment]
    assert first == {n: shown_around(again, n) for n in again.nodes}
    read_back = pickle.loads(pickle.dumps(around))
    assert read_back._graph is None
    assert read_back.of(again) == first
    other = kept.graph(nodes[:-1], edges[:-1])  # (a node and its edge gone: a new graph)
    assert other is not graph
    assert around.of(other) == {n: shown_around(other, n) for n in other.nodes}


def _shown_of_subgraph(graph: KnowledgeGraph, rings: list[list[str]]) -> tuple[object, ...]:
    """What a drawing of the map holds: its rings, and its subgraph's nodes and edges in order."""
    local = graph.subgraph(n for ring in rings for n in ring)
    return (rings, [n.shown for n in local.nodes.values()], list(local.edges.items()))


@settings(max_examples=80, deadline=None)
@given(
    start=st.lists(st.tuples(st.integers(0, 29), st.integers(0, 29)), max_size=70),
    change=st.tuples(st.integers(0, 29), st.integers(0, 29)),
)
def test_a_maps_digest_is_what_its_subgraph_holds(
    start: list[tuple[int, int]], change: tuple[int, int]
) -> None:
    """``shown`` reads the map's subgraph from the whole graph without making it: two graphs
    give a map the same digest exactly when the map's rings, nodes and edges (in order) are
    the same. Here an edge is added (or taken away) and every node's map compared."""
    from mkdocs_essays.map.around import shown
    from mkdocs_essays.map.graph import neighbourhood

    nodes = {f"n{i}": (KINDS[i % 3], f"Node {i}") for i in range(30)}
    edges = {(f"n{a}", f"n{b}") for a, b in start if a != b}
    a, b = f"n{change[0]}", f"n{change[1]}"
    other = edges ^ {(a, b)} if a != b else edges
    before, after = graph_of(nodes, edges), graph_of(nodes, other)
    for center in nodes:
        if not before.adjacency[center] or not after.adjacency[center]:
            continue
        rings, rings_after = neighbourhood(before, center), neighbourhood(after, center)
        same = _shown_of_subgraph(before, rings) == _shown_of_subgraph(after, rings_after)
        assert (shown(before, rings) == shown(after, rings_after)) == same, center
