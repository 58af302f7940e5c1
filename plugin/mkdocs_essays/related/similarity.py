"""How much two essays share: their front matter (Hugo's related indices) and their words.

Each essay becomes one sparse vector, and the similarity of two essays is the dot product of
their vectors:

- **words**: the essay's ``WORDS`` most distinctive words (TF-IDF: ``(1 + log tf) * log((N + 1)
  / df)``, on a grid: :func:`~mkdocs_essays.cards.related.idf`; title words counted twice more,
  over the text as rendered), the vector normalised, then scaled by the square root of the
  ``text`` weight: two essays score ``text weight * cosine`` by their words;
- **indices** (``keywords``, ``tags``, ``date``...): each value the essay carries is one entry,
  ``sqrt(weight * informative)``, where ``informative = log((N + 1) / df) / log(N + 1)`` (on the
  same grid) is near 1 for a value no other essay shares and near 0 for one nearly every essay
  carries. Two essays sharing a value score ``weight * informative`` for it, added up over the
  values they share, as Hugo adds the weights of matching indices (Hugo counts every match
  alike: on a blog whose every post has the keyword ``linkerd``, every post would be related to
  every other).

No pair of essays is compared directly (:mod:`.neighbours`): each feature (a word, an index
value) has a posting list, heaviest first (then newest first, as Hugo breaks ties), cut at
``CAP`` entries; an essay's scores are the sums, over its own features, of the products with
the entries of those lists. The work is at most ``features * CAP`` per essay, so it grows
linearly with the essays (a value carried by more than ``CAP`` essays reaches the ``CAP``
newest, and is worth little).

Plain data in, indices out: no MkDocs import.
"""

from __future__ import annotations

import hashlib
import heapq
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from ..cache import ContentCache
from ..cards.related import Carriers, word_counts
from ..cards.related import idf as rarity
from .neighbours import Pool, nearest

__all__ = ["CAP", "WORDS", "Entry", "Feature", "Lists", "Similarity", "WordState"]

WORDS = 24
"""Words per essay vector."""
CAP = 24
"""Entries kept per posting list."""
CALIBRATION = 100
"""Essays asked to scale words against front matter (:meth:`Similarity._calibrate`)."""

Feature = tuple[str, str]
"""``("w", word)`` or ``(index name, value)``."""


@dataclass(frozen=True)
class Entry:
    """What the ranking knows of an essay."""

    id: str
    title: str
    text: str
    date: datetime | None
    values: tuple[tuple[str, tuple[str, ...]], ...] = ()
    """``(index name, the values the essay carries for it)``, front matter indices only."""
    code: str = ""
    """The text of the essay's code blocks (part of ``text``): their words do not count.
    Code says how, prose says what about: two tutorials' YAML keys make no subject."""
    parts: tuple[tuple[str, str], ...] = ()
    """``(title, text)`` of the parts ``text`` is made of, when they are known (the essay's
    introduction and its cards): their word counts, kept by content and counted for the
    cards' ranking already, are added up instead of counting ``text`` again."""


class Similarity:
    """Built once over the essays of a build; :meth:`nearest` ranks every essay at once."""

    def __init__(
        self,
        entries: Sequence[Entry],
        *,
        text_weight: float = 1.0,
        index_weights: dict[str, float] | None = None,
        cardinality: dict[str, int] | None = None,
        words: int = WORDS,
        cap: int = CAP,
        cache: ContentCache | None = None,
        state: WordState | None = None,
    ) -> None:
        self.entries = list(entries)
        self.cache = cache
        self.state = state
        self.cap = cap
        n = len(self.entries)
        self.n = n
        # newest first, then by id: the order ties are broken in (Hugo's, then stable)
        order = sorted(range(n), key=lambda i: _newest_first(self.entries[i]))
        self.rank = [0] * n
        for position, i in enumerate(order):
            self.rank[i] = position
        self.vectors: list[dict[Feature, float]] = [{} for _ in range(n)]
        self.words: list[dict[str, float]] = [{} for _ in range(n)]
        """Each essay's words and their TF-IDF weight, heaviest first (before scaling): what
        topics are named from."""
        if text_weight > 0 and words > 0:
            self._add_words(text_weight, words)
        values = self._values(index_weights or {}, cardinality or {})
        if any(values) and any(self.vectors):
            self._calibrate()
        for vector, more in zip(self.vectors, values, strict=True):
            vector.update(more)

    # -- vectors ---------------------------------------------------------------------------------

    def _add_words(self, text_weight: float, limit: int) -> None:
        state = self.state
        if state is None or len({e.id for e in self.entries}) != self.n:
            tops = _heaviest(self.entries, limit, self.cache)  # (ids seen twice: no state)
        else:
            tops = state.update(self.entries, limit, self.cache)
        scale = math.sqrt(text_weight)
        for at, top in enumerate(tops):
            norm = math.sqrt(sum(x * x for x, _ in top))
            if not norm:
                continue
            self.words[at] = {w: x for x, w in top}
            vector = self.vectors[at]
            for x, w in top:
                vector[("w", w)] = scale * x / norm

    def _calibrate(self) -> None:
        """Scale the words so that an essay's best match by words alone scores ``text
        weight``, as one shared value no other essay carries scores its index's weight (for
        the median essay). Cosines of word vectors are small (0.2 between essays on one
        subject): unscaled, any shared keyword would outweigh all the words."""
        sample = _sample(self.entries, CALIBRATION)
        ranked = self._nearest(self.vectors, 1, queries=sample)
        best = [ranked[i][0][1] for i in sample if ranked[i]]
        typical = sorted(best)[len(best) // 2] if best else 0.0
        if typical <= 0:
            return
        # In steps of 2 ** (1/4): one essay more or less (a save under `mkdocs serve`) moves
        # the median a little, and would otherwise move the weight of words against front
        # matter for every essay, and with it the related lists of hundreds (issue 23).
        scale = 2 ** (round(4 * math.log2(math.sqrt(1 / typical))) / 4)
        for vector in self.vectors:
            for feature in vector:
                vector[feature] *= scale

    def _values(
        self, weights: dict[str, float], cardinality: dict[str, int]
    ) -> list[dict[Feature, float]]:
        """Each essay's entries for the front matter indices."""
        n = self.n
        df: Counter[Feature] = Counter()
        for entry in self.entries:
            df.update({(name, v) for name, values in entry.values for v in values})
        top = rarity(n + 1, 1)
        out: list[dict[Feature, float]] = []
        for entry in self.entries:
            vector: dict[Feature, float] = {}
            out.append(vector)
            for name, values in entry.values:
                weight = weights.get(name, 0.0)
                limit = cardinality.get(name, 0)
                for value in dict.fromkeys(values):
                    count = df[(name, value)]
                    if count < 2 or weight <= 0:
                        continue  # shared with no other essay: it matches nothing
                    if limit and 100 * count > limit * n:
                        continue  # Hugo's cardinalityThreshold
                    informative = rarity(n + 1, count) / top
                    vector[(name, value)] = math.sqrt(weight * informative)
        return out

    # -- ranking ---------------------------------------------------------------------------------

    def nearest(self, limit: int, *, older_only: bool = False) -> list[list[tuple[int, float]]]:
        """For each essay, up to ``limit`` others, best first: ``(position, score)``, score
        above 0. ``older_only``: only essays dated no later than it (Hugo's ``includeNewer =
        false``; an undated essay is older than any). With a state, only the lists that can
        have changed since the last ranking are found again (:class:`Lists`)."""
        state = self.state
        if state is None or len({e.id for e in self.entries}) != self.n:
            return self._nearest(self.vectors, limit, older_only=older_only)
        lists = state.lists.setdefault((limit, older_only, self.cap), Lists())
        return lists.nearest(self, limit, older_only=older_only)

    def _nearest(
        self,
        vectors: list[dict[Feature, float]],
        limit: int,
        *,
        older_only: bool = False,
        queries: Sequence[int] | None = None,
        prepared: Pool | None = None,
    ) -> list[list[tuple[int, float]]]:
        """:meth:`nearest` over ``vectors``, for the essays ``queries`` only (all by
        default)."""
        n = self.n
        asking = list(range(n)) if queries is None else list(queries)
        stamps = None
        if older_only:
            stamp = [e.date.timestamp() if e.date else -math.inf for e in self.entries]
            stamps = (stamp, [stamp[i] for i in asking])
        found = nearest(
            vectors,
            [vectors[i] for i in asking],
            limit,
            cap=self.cap,
            rank=self.rank,
            groups=(range(n), asking),  # (each essay its own group: never itself)
            stamps=stamps,
            prepared=prepared,
        )
        out: list[list[tuple[int, float]]] = [[] for _ in range(n)]
        for i, ranked in zip(asking, found, strict=True):
            out[i] = ranked
        return out


class WordState:
    """Each essay's heaviest words, as the last ranking worked them out, and what they were
    made of: the next ranking (a save under ``mkdocs serve``) works them out again only for
    the essays whose words changed, or that carry a word whose weight changed (issue 23).
    What it gives is what working every essay out afresh gives (a test compares the two)."""

    def __init__(self) -> None:
        self.step: int | None = None
        """What the weights draw from the number of essays (:func:`rarity`'s grid step)."""
        self.carriers: Carriers[Entry] = Carriers()
        """Each essay's words counted, by what they were counted from (:func:`_prose_source`)."""
        self.idf: dict[str, float] = {}
        """Word -> its weight, for the words more than one essay carries."""
        self.tops: dict[str, list[tuple[float, str]]] = {}
        """Essay id -> its ``limit`` heaviest ``(weight, word)``, heaviest first."""
        self.limit: int | None = None
        self.lists: dict[tuple[int, bool, int], Lists] = {}
        """The related lists of the last ranking, by ``(limit, older only, cap)``."""

    def update(
        self, entries: Sequence[Entry], limit: int, cache: ContentCache | None
    ) -> list[list[tuple[float, str]]]:
        """Each entry's heaviest ``(weight, word)``, heaviest first; the state is then that
        of ``entries``."""
        n = len(entries)
        step = ((n + 1) * (n + 1) - 1).bit_length()
        afresh = step != self.step or limit != self.limit
        carriers = self.carriers
        gone, changed, moved = carriers.update(
            entries, _prose_source, lambda entry: _prose_counts(entry, cache)
        )
        for i in gone:
            del self.tops[i]
        df = carriers.df
        weighed: set[str] = set()
        """Words whose weight changed (or that gained or lost one)."""
        idf = self.idf
        if afresh:
            self.idf = idf = {w: rarity(n + 1, c) for w, c in df.items() if c > 1}
        else:
            weighed = carriers.reweigh(idf, moved, lambda c: rarity(n + 1, c) if c > 1 else None)
        self.step, self.limit = step, limit
        tf = _LogTf()
        out: list[list[tuple[float, str]]] = []
        for entry in entries:
            counted = carriers.counts[entry.id]
            top = self.tops.get(entry.id)
            if (
                afresh
                or top is None
                or entry.id in changed
                or any(word in counted for word in weighed)
            ):
                top = self.tops[entry.id] = _top(counted, idf, tf, limit)
            out.append(top)
        return out


class Lists:
    """Each essay's nearest essays as the last ranking found them, and what they were found
    from: the next ranking finds again only the lists that can have changed (issue 23).

    An essay's list is the sums of its vector's products with the posting lists of its
    features, the best first, ties to the newest (and with ``older only``, the essays dated no
    later). It is found again when its vector or its date changed, or a posting list of one
    of its features did (compared as ``(essay, weight)`` in order), or an essay carrying one
    of those features changed its date (ties go by dates). An essay that came or went (a new
    essay, a file renamed) meets only the lists of the features whose posting lists it is in
    or was in, which changed. The others are kept: what they are made of is as it was, and
    the sums are made in the same order."""

    def __init__(self) -> None:
        self.ids: list[str] = []
        self.vectors: dict[str, dict[Feature, float]] = {}
        self.order: dict[str, tuple[float, str]] = {}
        """Essay id -> where it goes among ties (:func:`_newest_first`)."""
        self.pool: Pool | None = None
        self.found: dict[str, list[tuple[str, float]]] = {}

    def nearest(
        self, similarity: Similarity, limit: int, *, older_only: bool
    ) -> list[list[tuple[int, float]]]:
        entries, vectors = similarity.entries, similarity.vectors
        ids = [e.id for e in entries]
        order = {e.id: _newest_first(e) for e in entries}
        by_id = dict(zip(ids, vectors, strict=True))
        pool = Pool.of(vectors, similarity.cap, similarity.rank)
        old_pool, old_vectors, old_order = self.pool, self.vectors, self.order
        asked: list[int] = []
        if old_pool is None:
            asked = list(range(len(ids)))
        else:
            # (an essay that came or went changes the lists that can meet it through the
            # posting lists it is in or was in, compared below; one whose date changed may
            # also go before or after another in a tie without changing a posting list)
            moved = {i for i in ids if i in old_order and old_order[i] != order[i]}
            came = {i for i in ids if i not in old_order} | (old_order.keys() - order.keys())
            changed = {i for i in ids if old_vectors.get(i) != by_id[i]} | moved | came
            changed |= old_vectors.keys() - by_id.keys()
            touched: set[Feature] = set()
            forced: set[Feature] = set()
            for i in changed:
                features = {*old_vectors.get(i, ()), *by_id.get(i, ())}
                touched |= features
                if i in moved:
                    forced |= features
            old_ids = self.ids
            for feature in touched - forced:
                old = [(old_ids[j], w) for j, w in old_pool.posting(feature)]
                new = [(ids[j], w) for j, w in pool.posting(feature)]
                if old != new:
                    forced.add(feature)
            found = self.found
            asked = [
                at
                for at, i in enumerate(ids)
                if i in changed or i not in found or not forced.isdisjoint(vectors[at])
            ]
        ranked = similarity._nearest(
            vectors, limit, older_only=older_only, queries=asked, prepared=pool
        )
        found = {i: self.found[i] for i in ids if i in self.found}
        for at in asked:
            found[ids[at]] = [(ids[j], score) for j, score in ranked[at]]
        position = {i: at for at, i in enumerate(ids)}
        self.ids, self.vectors, self.order, self.pool, self.found = (
            ids,
            by_id,
            order,
            pool,
            found,
        )
        return [[(position[j], score) for j, score in found[i]] for i in ids]


def _heaviest(
    entries: Sequence[Entry], limit: int, cache: ContentCache | None
) -> list[list[tuple[float, str]]]:
    """Each entry's ``limit`` heaviest ``(weight, word)``, heaviest first, worked out afresh
    (what :meth:`WordState.update` gives, keeping what it can)."""
    counts = [_prose_counts(e, cache) for e in entries]
    df: Counter[str] = Counter()
    for counted in counts:
        df.update(counted.keys())
    n = len(entries)
    idf = {w: rarity(n + 1, c) for w, c in df.items() if c > 1}
    tf = _LogTf()
    return [_top(counted, idf, tf, limit) for counted in counts]


def _top(
    counted: Counter[str], idf: dict[str, float], tf: _LogTf, limit: int
) -> list[tuple[float, str]]:
    """The ``limit`` heaviest ``(weight, word)`` of one essay, heaviest first."""
    # (-weight, word): the smallest are the heaviest, ties to the first word; the ``limit``
    # smallest are those of the whole list sorted (heapq's guarantee)
    negated = [(-(tf[c] * idf[w]), w) for w, c in counted.items() if w in idf]
    return [(-x, w) for x, w in heapq.nsmallest(limit, negated)]


def _prose_source(entry: Entry) -> tuple[str, object]:
    """An entry's id, and what :func:`_prose_counts` counts of it."""
    return entry.id, (entry.title, entry.text, entry.code, entry.parts)


class _LogTf(dict[int, float]):
    """``1 + log(count)`` by count, computed once per count."""

    def __missing__(self, count: int) -> float:
        value = self[count] = 1 + math.log(count)
        return value


def _prose_counts(entry: Entry, cache: ContentCache | None) -> Counter[str]:
    """The essay's word counts (of its parts added up, when it has them), less its code's.
    The Counters ``word_counts`` returns are shared (kept by content): they are read, never
    changed."""
    if entry.parts:
        first, *more = (word_counts(title, text, cache) for title, text in entry.parts)
        counted = Counter(first)
        have = counted.get
        for counts in more:  # (what Counter.update does, without its checks: twice as fast)
            for word, times in counts.items():
                counted[word] = have(word, 0) + times
    else:
        counted = word_counts(entry.title, entry.text, cache)
    if not entry.code:
        return counted
    code = word_counts("", entry.code, cache)
    # ``counted - code`` walks every word; this, the code's only
    less = counted if entry.parts else Counter(counted)
    for word, times in code.items():
        left = less.get(word)
        if left is not None:
            if left > times:
                less[word] = left - times
            else:
                del less[word]
    return less


def _sample(entries: Sequence[Entry], size: int) -> list[int]:
    """The positions of ``size`` essays picked by a digest of their ids: the same essays
    whatever the order of the others, and one essay more or less changes at most one of
    them."""
    if len(entries) <= size:
        return list(range(len(entries)))

    def digest(at: int) -> bytes:
        return hashlib.blake2b(entries[at].id.encode("utf-8", "surrogatepass")).digest()

    return sorted(heapq.nsmallest(size, range(len(entries)), key=digest))


def _newest_first(entry: Entry) -> tuple[float, str]:
    return (-(entry.date.timestamp() if entry.date else -math.inf), entry.id)
