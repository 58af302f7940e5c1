"""Nearest neighbours of sparse vectors through capped posting lists, summed with numpy: the
engine under related cards (:mod:`mkdocs_essays.cards.related`) and related essays
(:mod:`.similarity`).

Every feature of the ``pool``'s vectors has a posting list: the pool's entries for it,
heaviest first (ties by ``rank``), cut at ``cap`` entries. A query's score with a pool vector
is the sum, over the query's features in their order, of the products of the query's weight
with the entries of that feature's list, each list in its order: exactly the sums plain loops
make (``numpy.bincount`` adds its weights in the order given), so a reference written as two
loops gets the same floats. No pair of vectors is compared directly: a query costs at most
``features * cap`` products, whatever the size of the pool.

A query is never its own neighbour, nor one of its ``group`` (the cards of its essay); with
``stamps``, only pool vectors stamped no later than the query (Hugo's ``includeNewer =
false``). Of the rest, those scoring above 0, best first, ties by ``rank``: the first
``limit``. Queries are summed a block at a time (bounded memory).
"""

from __future__ import annotations

from collections.abc import Hashable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

__all__ = ["Pool", "nearest"]

_BLOCK = 1_000_000
"""Products summed at once, at most (memory: about 60 bytes each)."""

Ranked = list[list[tuple[int, float]]]


def nearest(
    pool: Sequence[Mapping[Any, float]],
    queries: Sequence[Mapping[Any, float]],
    limit: int,
    *,
    cap: int,
    rank: Sequence[int],
    groups: tuple[Sequence[int], Sequence[int]] | None = None,
    stamps: tuple[Sequence[float], Sequence[float]] | None = None,
    prepared: Pool | None = None,
) -> Ranked:
    """For each query, up to ``limit`` ``(position in pool, score)``, best first.

    ``rank``: each pool vector's place in the order ties go by (lower first). ``groups``:
    ``(the pool's groups, the queries' groups)``, a query never meets its own group (give
    each essay its own to leave out only itself). ``stamps``: ``(the pool's, the queries')``,
    a query meets only pool vectors stamped no later. ``prepared``: :meth:`Pool.of` the same
    ``pool``, ``cap`` and ``rank``, made already.
    """
    out: Ranked = [[] for _ in queries]
    if limit <= 0 or not pool or not queries:
        return out
    prepared = prepared or Pool.of(pool, cap, rank)
    by_rank, features, postings = prepared.by_rank, prepared.features, prepared.postings
    if postings is None:
        return out
    q_row, q_col, q_val = _entries(queries, features, add=False)
    if not len(q_row):
        return out
    lens = postings.length[q_col]
    meets = _Meets.of(np.asarray(by_rank, dtype=np.int64), groups, stamps)
    for lo, hi in _blocks(q_row, lens, len(queries)):
        summed = _sums(postings, meets, q_row[lo:hi], q_col[lo:hi], q_val[lo:hi], len(pool))
        if summed is not None:
            for i, j, s in _best(*summed, limit):
                out[i].append((by_rank[j], s))
    return out


@dataclass(frozen=True)
class Pool:
    """The pool's posting lists, the pool numbered in the order ties go by (a pair sorted by
    its numbers is sorted by that order among equal scores)."""

    by_rank: list[int]
    """Number -> place in the pool."""
    features: dict[Hashable, int]
    postings: _Postings | None

    @classmethod
    def of(cls, pool: Sequence[Mapping[Any, float]], cap: int, rank: Sequence[int]) -> Pool:
        by_rank = sorted(range(len(pool)), key=rank.__getitem__)
        features: dict[Hashable, int] = {}
        postings = _Postings.of([pool[i] for i in by_rank], features, cap)
        return cls(by_rank, features, postings)

    def posting(self, feature: Hashable) -> list[tuple[int, float]]:
        """A feature's posting list, in order: ``(place in the pool, weight)`` of each entry."""
        at = self.features.get(feature)
        postings = self.postings
        if at is None or postings is None:
            return []
        lo = int(postings.start[at])
        hi = lo + int(postings.length[at])
        by_rank = self.by_rank
        rows = [by_rank[r] for r in postings.row[lo:hi].tolist()]
        return list(zip(rows, postings.val[lo:hi].tolist(), strict=True))


@dataclass(frozen=True)
class _Postings:
    """Every feature's posting list: the pool's entries for it, heaviest first (ties by the
    order ties go by), the first ``cap``; list ``f`` is ``row[start[f]:start[f] + length[f]]``."""

    row: np.ndarray
    val: np.ndarray
    start: np.ndarray
    length: np.ndarray

    @classmethod
    def of(
        cls, vectors: Sequence[Mapping[Any, float]], features: dict[Hashable, int], cap: int
    ) -> _Postings | None:
        row, col, val = _entries(vectors, features, add=True)
        if not len(row):
            return None
        order = np.lexsort((row, -val, col))
        row, col, val = row[order], col[order], val[order]
        ids = np.arange(len(features))
        within = np.arange(len(col)) - np.searchsorted(col, ids)[col]
        kept = within < cap
        row, col, val = row[kept], col[kept], val[kept]
        start = np.searchsorted(col, ids)
        return cls(row, val, start, np.searchsorted(col, ids, side="right") - start)


@dataclass(frozen=True)
class _Meets:
    """Which pool vectors a query may meet: not of its group, not stamped later."""

    pool_group: np.ndarray | None = None
    query_group: np.ndarray | None = None
    pool_stamp: np.ndarray | None = None
    query_stamp: np.ndarray | None = None

    @classmethod
    def of(
        cls,
        original: np.ndarray,
        groups: tuple[Sequence[int], Sequence[int]] | None,
        stamps: tuple[Sequence[float], Sequence[float]] | None,
    ) -> _Meets:
        """``original``: each pool position (numbered by rank) -> its place in the pool."""
        meets: dict[str, np.ndarray] = {}
        if groups is not None:
            meets["pool_group"] = np.asarray(groups[0], dtype=np.int64)[original]
            meets["query_group"] = np.asarray(groups[1], dtype=np.int64)
        if stamps is not None:
            meets["pool_stamp"] = np.asarray(stamps[0], dtype=np.float64)[original]
            meets["query_stamp"] = np.asarray(stamps[1], dtype=np.float64)
        return cls(**meets)

    def keep(self, asking: np.ndarray, other: np.ndarray) -> np.ndarray:
        keep = np.ones(len(asking), dtype=bool)
        if self.pool_group is not None and self.query_group is not None:
            keep &= self.pool_group[other] != self.query_group[asking]
        if self.pool_stamp is not None and self.query_stamp is not None:
            keep &= self.pool_stamp[other] <= self.query_stamp[asking]
        return keep


def _blocks(q_row: np.ndarray, lens: np.ndarray, count: int) -> Iterator[tuple[int, int]]:
    """The query entries in blocks of whole queries, each summing at most about
    :data:`_BLOCK` products: ``(lo, hi)`` of each."""
    bounds = np.searchsorted(q_row, np.arange(count + 1))
    work = np.concatenate(([0], np.cumsum(lens)))[bounds]
    lo = 0
    while lo < count:
        hi = int(np.searchsorted(work, work[lo] + _BLOCK, side="right")) - 1
        hi = min(max(hi, lo + 1), count)
        yield int(bounds[lo]), int(bounds[hi])
        lo = hi


def _sums(
    postings: _Postings,
    meets: _Meets,
    q_row: np.ndarray,
    q_col: np.ndarray,
    q_val: np.ndarray,
    size: int,
) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
    """The scores of a block of query entries: ``(query, pool position, sum)`` of each pair
    that meets, sorted by query then position, or None when no pair does. The products of one
    pair are summed in the order made (a stable sort; ``bincount`` adds its weights in the
    order given)."""
    q_len = postings.length[q_col]
    count = int(q_len.sum())
    if not count:
        return None
    asking = np.repeat(q_row, q_len)
    first = np.repeat(postings.start[q_col], q_len)
    at = first + np.arange(count) - np.repeat(np.cumsum(q_len) - q_len, q_len)
    other = postings.row[at]
    score = np.repeat(q_val, q_len) * postings.val[at]
    keep = meets.keep(asking, other)
    key = asking[keep] * size + other[keep]
    score = score[keep]
    if not len(key):
        return None
    order = np.argsort(key, kind="stable")
    key, score = key[order], score[order]
    starts_pair = np.empty(len(key), dtype=bool)
    starts_pair[0] = True
    np.not_equal(key[1:], key[:-1], out=starts_pair[1:])
    sums = np.bincount(np.cumsum(starts_pair) - 1, weights=score)
    pairs = key[starts_pair]
    return pairs // size, pairs % size, sums


def _best(
    mine: np.ndarray, theirs: np.ndarray, sums: np.ndarray, limit: int
) -> list[tuple[int, int, float]]:
    """The ``limit`` best pairs of each query, best first: ``(query, other, score)``, score
    above 0. The pairs come sorted by query then other (the order ties go by): the best of
    each query is taken ``limit`` times (a pass over the pairs each), never sorted whole."""
    values = np.where(sums > 0, sums, -np.inf)
    starts = np.flatnonzero(np.concatenate(([True], mine[1:] != mine[:-1])))
    lengths = np.diff(np.concatenate((starts, [len(values)])))
    positions = np.arange(len(values))
    chosen: list[np.ndarray] = []
    for _ in range(limit):
        best = np.maximum.reduceat(values, starts)
        hit = values == np.repeat(best, lengths)
        first = np.minimum.reduceat(np.where(hit, positions, len(values)), starts)
        found = first[best > -np.inf]
        if not len(found):
            break
        chosen.append(found)
        values[found] = -np.inf
    if not chosen:
        return []
    picked = np.concatenate(chosen)
    # each query's picks in the order they were taken: best first
    order = np.argsort(mine[picked], kind="stable")
    picked = picked[order]
    return list(
        zip(mine[picked].tolist(), theirs[picked].tolist(), sums[picked].tolist(), strict=True)
    )


def _entries(
    vectors: Sequence[Mapping[Any, float]], features: dict[Hashable, int], *, add: bool
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(vector position, feature number, weight)`` of every entry, in vector order and each
    vector's own order; a feature no pool vector has is left out (``add=False``)."""
    rows: list[int] = []
    cols: list[int] = []
    vals: list[float] = []
    for at, vector in enumerate(vectors):
        for feature, value in vector.items():
            column = features.setdefault(feature, len(features)) if add else features.get(feature)
            if column is None:
                continue
            rows.append(at)
            cols.append(column)
            vals.append(value)
    return (
        np.asarray(rows, dtype=np.int64),
        np.asarray(cols, dtype=np.int64),
        np.asarray(vals, dtype=np.float64),
    )
