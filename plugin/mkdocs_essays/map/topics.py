"""Topics: the groups of essays the knowledge graph falls into, and their names.

Found by community detection (networkx's Louvain method, a fixed seed) on the essays, tied
by their links (weight 1) and their "similar" edges (their similarity, which weighs shared
terms and words already, scaled so the median edge weighs 1, at most 2, in eighths: a save
that moves one essay's similarities a little finds the same communities). A term is in the
topic most of its essays are in, a card in its essay's. (With no "similar" edges at all, the
terms join the detection, each tag weighing its rarity, ``log((N + 1) / df) / log(N + 1)``.)
A community of at least :data:`MIN_ESSAYS` essays is a topic; an essay in a smaller one has
none. Topics are numbered from 1, largest first.

A topic is named by its most distinctive words: words of its essays' titles and of their most
distinctive words (TF-IDF), the ones most of its essays have and few others have (the idea
of class-based TF-IDF in topic models), shown as the titles write them (``OpenTelemetry``,
``gRPC``).

Louvain takes time linear in the edges for each of its few passes; every essay has a bounded
number of "similar" edges, so the whole is about linear in the essays.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from itertools import chain

from ..cache import ContentCache, digest
from ..cards.related import tokens
from .graph import KnowledgeGraph

__all__ = ["MIN_ESSAYS", "PALETTE", "SEED", "Topic", "colours", "find_topics"]

SEED = 13
MIN_ESSAYS = 3
"""The fewest essays a topic has."""
WORDS = 3
"""Words in a topic's name."""
_TITLE_WORD = re.compile(r"[^\W\d_][\w'’-]*[^\W_]|[^\W\d_]")


@dataclass(frozen=True)
class Topic:
    id: int
    label: str
    words: tuple[str, ...]
    """The words of its name, as shown."""
    members: tuple[str, ...]
    """Its essays and terms (node ids), in graph order."""
    essays: int
    """How many of its members are essays."""


def find_topics(
    graph: KnowledgeGraph,
    words_of: Callable[[str], Mapping[str, float]],
    *,
    min_essays: int = MIN_ESSAYS,
    cache: ContentCache | None = None,
) -> list[Topic]:
    """The topics of ``graph``'s essays and terms, largest first; ``words_of(node id)``: an
    essay's most distinctive words and their weights. Sets ``graph.topic``. ``cache``: the
    communities are kept by the weighted graph they were found in (a save under `mkdocs
    serve` that moves no weight across a step finds them again for nothing)."""
    essays = [n for n, node in graph.nodes.items() if node.kind == "essay"]
    if not essays:
        return []
    edges = graph.edges
    similar = sorted(w for pair, w in graph.weights.items() if edges.get(pair) == "similar")
    nodes, weighted = _weighted(graph, len(essays), similar)
    # (found among the nodes' places, not their ids: a file renamed keeps its place, and its
    # topics are not looked for again)
    place = {node: i for i, node in enumerate(nodes)}
    pairs = [(min(place[a], place[b]), max(place[a], place[b]), w) for a, b, w in weighted]
    if cache is None:
        found = _communities(len(nodes), pairs)
    else:
        key = digest(repr((SEED, len(nodes), pairs)))
        found = cache.get("topics", key, lambda: _communities(len(nodes), pairs))
    communities = [[nodes[i] for i in community] for community in found]
    position = {node: i for i, node in enumerate(graph.nodes)}
    groups = []
    for community in communities:
        members = sorted(community, key=position.__getitem__)
        count = sum(1 for m in members if graph.nodes[m].kind == "essay")
        if count >= min_essays:
            groups.append((members, count))
    groups.sort(key=lambda g: (-g[1], position[g[0][0]]))
    if similar:
        _place_terms(graph, groups, position)
    namer = _Namer([words_of(e) for e in essays], [graph.nodes[e].title for e in essays])
    at = {e: i for i, e in enumerate(essays)}
    return _named(graph, _merged(groups, namer, at, position), namer, at, position)


def _communities(n: int, pairs: list[tuple[int, int, float]]) -> tuple[tuple[int, ...], ...]:
    """Louvain's communities (a fixed seed) of the graph of nodes ``0..n-1`` (in that order)
    and the weighted edges ``pairs`` (each with its smaller node first): each community's
    nodes, in order. Nodes are numbers, whose sets Python walks in the same order in every
    process (a set of strings is walked in an order that changes from one process to the
    next, and Louvain sums weights in that order)."""
    import networkx as nx  # (numpy, which networkx loads, is loaded already by the ranking)

    g = nx.Graph()
    g.add_nodes_from(range(n))
    g.add_weighted_edges_from(pairs)
    found = nx.community.louvain_communities(g, weight="weight", seed=SEED)
    return tuple(tuple(sorted(c)) for c in found)


def _weighted(
    graph: KnowledgeGraph, n: int, similar: list[float]
) -> tuple[list[str], list[tuple[str, str, float]]]:
    """The graph of ``n`` essays the communities are found in: its nodes and weighted edges.
    The "similar" edges (weighed by their similarity, ``similar`` sorted, against the typical
    one) weigh shared terms already: the terms join only when there are none, each tag edge
    weighing what its term tells (rare terms more).

    A similarity weighs in eighths of the typical one, and the typical one is rounded to a
    step of 2 ** (1/4): a save that moves one essay's similarities a little leaves the graph
    as it was, and with it the topics of every essay (issue 23)."""
    typical = similar[len(similar) // 2] if similar else 1.0
    if typical > 0:
        typical = 2 ** (round(4 * math.log2(typical)) / 4)
    kinds = ("essay",) if similar else ("essay", "term")
    kept = {node_id for node_id, node in graph.nodes.items() if node.kind in kinds}
    top = math.log(n + 1)
    carriers = {
        t: sum(1 for m in graph.adjacency[t] if graph.nodes[m].kind == "essay")
        for t, node in graph.nodes.items()
        if node.kind == "term"
    }
    nodes = [node for node in graph.nodes if node in kept]
    weighted: list[tuple[str, str, float]] = []
    for (a, b), kind in graph.edges.items():
        if a not in kept or b not in kept:
            continue
        if kind == "similar":
            scaled = min(graph.weights.get((a, b), typical) / typical, 2.0)
            weight = max(round(8 * scaled), 1) / 8 if scaled > 0 else 0.0
        elif kind == "tag":
            term = b if graph.nodes[b].kind == "term" else a
            weight = math.log((n + 1) / max(carriers[term], 1)) / top
        else:
            weight = 1.0
        if weight > 0:
            weighted.append((a, b, weight))
    return nodes, weighted


def _place_terms(
    graph: KnowledgeGraph, groups: list[tuple[list[str], int]], position: Mapping[str, int]
) -> None:
    """Each term joins the group where most of its essays are (ties: the larger topic)."""
    of = {m: k for k, (members, _) in enumerate(groups) for m in members}
    for term in (t for t, node in graph.nodes.items() if node.kind == "term"):
        votes = Counter(of[m] for m in graph.adjacency[term] if m in of)
        if votes:
            groups[min(votes, key=lambda k: (-votes[k], k))][0].append(term)
    for members, _ in groups:
        members.sort(key=position.__getitem__)


def _named(
    graph: KnowledgeGraph,
    groups: list[tuple[list[str], int]],
    namer: _Namer,
    at: Mapping[str, int],
    position: Mapping[str, int],
) -> list[Topic]:
    """The topics, each named by its essays' words (else its largest term), numbered from 1;
    ``graph.topic`` says whose each member is."""
    topics = []
    graph.topic = {}
    for number, (members, count) in enumerate(groups, start=1):
        member_essays = [at[m] for m in members if m in at]
        words = namer.name(member_essays)
        if not words:  # essays without words in common: named by their largest term
            terms = [m for m in members if graph.nodes[m].kind == "term"]
            terms.sort(key=lambda t: (-len(graph.adjacency[t]), position[t]))
            words = tuple(graph.nodes[t].title for t in terms[:1])
        label = " · ".join(words) if words else f"Topic {number}"
        topics.append(Topic(number, label, words, tuple(members), count))
        for member in members:
            graph.topic[member] = number
    return topics


def _merged(
    groups: list[tuple[list[str], int]],
    namer: _Namer,
    at: Mapping[str, int],
    position: Mapping[str, int],
) -> list[tuple[list[str], int]]:
    """Groups whose names share two of their three words are one topic (the Linkerd blog's
    2025 edge release roundups and the earlier ones, which the similar edges keep apart):
    each joins the largest such group before it."""
    kept: list[tuple[list[str], int, set[str]]] = []
    for members, count in groups:
        words = set(namer.keys([at[m] for m in members if m in at]))
        into = next((k for k in kept if len(words & k[2]) >= 2), None)
        if into is None:
            kept.append((list(members), count, words))
        else:
            into[0].extend(members)
            kept[kept.index(into)] = (into[0], into[1] + count, into[2])
    out = [(sorted(m, key=position.__getitem__), count) for m, count, _ in kept]
    out.sort(key=lambda g: (-g[1], position[g[0][0]]))
    return out


class _Namer:
    """Names topics by their most distinctive words: of the words that weigh most in an
    essay (``words``) or are in its title, the ones that the most of a topic's essays have
    (``coverage``: title words count twice) and that few others have (``share``: the part of
    all their uses that is in the topic). Score: ``coverage * share``. A word most essays of
    the collection use, or one with a digit (``2.11``, ``edge-24``), names no topic; a topic
    is named after the larger ones, never with the same first two words (the ones the
    picture shows) as one of them."""

    def __init__(self, words: Sequence[Mapping[str, float]], titles: Sequence[str]) -> None:
        self.words = [set(w) for w in words]
        self.titles = [set(tokens(t)) for t in titles]
        self.raw_titles = list(titles)
        # (counted by Counter's own loop, in C: a save at 1,000 essays names every topic)
        self.used: Counter[str] = Counter(chain.from_iterable(self.words))
        for word, titled in Counter(chain.from_iterable(self.titles)).items():
            self.used[word] += 2 * titled
        essays = Counter(
            chain.from_iterable(w | t for w, t in zip(self.words, self.titles, strict=True))
        )
        half = len(self.words) / 2
        self.common = {w for w, c in essays.items() if c > half or any(d.isdigit() for d in w)}
        self.named: set[frozenset[str]] = set()
        """The first two words of each name given (the words the picture shows)."""

    def name(self, members: Sequence[int], count: int = WORDS) -> tuple[str, ...]:
        chosen = self.keys(members, count, distinct=True)
        if len(chosen) >= 2:
            self.named.add(frozenset(chosen[:2]))
        return _spelled(chosen, [self.raw_titles[i] for i in members])

    def keys(
        self, members: Sequence[int], count: int = WORDS, *, distinct: bool = False
    ) -> list[str]:
        """The words of the name, as counted (lower case); ``distinct``: never the first two
        words of a name given before."""
        here = Counter(chain.from_iterable(self.words[i] for i in members))
        for word, titled in Counter(chain.from_iterable(self.titles[i] for i in members)).items():
            here[word] += 2 * titled
        size = 3 * len(members)
        scored = sorted(
            (
                ((uses / size) * (uses / self.used[w]), w)
                for w, uses in here.items()
                if w not in self.common
            ),
            key=lambda p: (-p[0], p[1]),
        )
        chosen: list[str] = []
        for _, word in scored:
            if any(word.startswith(c) or c.startswith(word) for c in chosen):
                continue  # "hero" and "heroes": one of them
            if distinct and len(chosen) == 1 and frozenset((chosen[0], word)) in self.named:
                continue  # two topics the picture would name alike: this one differs
            chosen.append(word)
            if len(chosen) == count:
                break
        return chosen


def _spelled(words: Sequence[str], titles: Sequence[str]) -> tuple[str, ...]:
    """``words`` as ``titles`` write them most (``gRPC``, ``OpenTelemetry``), a word in lower
    case capitalised."""
    spelled: dict[str, Counter[str]] = defaultdict(Counter)
    wanted = set(words)
    for title in titles:
        for found in _TITLE_WORD.findall(title):
            key = found.casefold().replace("’", "'")
            if key in wanted:
                spelled[key][found] += 1
    out = []
    for word in words:
        forms = spelled.get(word)
        if forms:
            word = max(forms.items(), key=lambda f: (f[1], f[0] != f[0].lower(), f[0]))[0]
        out.append(word[:1].upper() + word[1:] if word.islower() else word)
    return tuple(out)


PALETTE = 10
"""Colours topics are drawn in (``essay-map__node--c0`` ... ``c9`` in ``map.css``)."""


def colours(graph: KnowledgeGraph, topics: Sequence[Topic]) -> dict[int, int]:
    """A colour for each topic, largest first: the colour least used by the topics it shares
    most edges with (so two neighbouring topics differ), then the least used overall."""
    of = graph.topic
    ties: dict[int, Counter[int]] = defaultdict(Counter)
    for a, b in graph.edges:
        ta, tb = of.get(a), of.get(b)
        if ta is not None and tb is not None and ta != tb:
            ties[ta][tb] += 1
            ties[tb][ta] += 1
    chosen: dict[int, int] = {}
    used: Counter[int] = Counter()
    for topic in topics:
        clash: Counter[int] = Counter()
        for other, edges in ties[topic.id].items():
            if other in chosen:
                clash[chosen[other]] += edges
        colour = min(range(PALETTE), key=lambda c: (clash[c], used[c], c))
        chosen[topic.id] = colour
        used[colour] += 1
    return chosen
