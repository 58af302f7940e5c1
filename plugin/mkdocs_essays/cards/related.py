"""Related cards: shared tags and shared distinctive words, through an inverted index.

Every card becomes a sparse vector: its most distinctive words (TF-IDF: ``(1 + log tf) * log(N /
df)``, on a grid: :func:`idf`; title words counted twice, the ``terms_per_card`` heaviest kept)
and its tags (weighted by how rare they are), each part normalised, tags weighing ``tag_weight``
of the score and words the rest. Two cards' score is the dot product of their vectors.

No pair of cards is compared directly. Each feature has a posting list, heaviest first; a card
gathers candidates from the first ``postings_cap`` entries of the lists of its own features
(impact-ordered postings, as search engines truncate them), and the best few candidates are
scored exactly. The work per card is bounded by ``features * postings_cap``, whatever the size
of the corpus, so 10,000 cards stay fast. Cards of the same group (essay) are never related;
ties go to the smaller id, so results are stable.
"""

from __future__ import annotations

import math
import re
import string
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import compress, filterfalse, repeat
from operator import itemgetter, mul
from sys import intern
from typing import Generic, TypeVar

from ..cache import ContentCache, Digests, digest

__all__ = [
    "Carriers",
    "Document",
    "RelatedIndex",
    "VectorState",
    "idf",
    "rank",
    "tokens",
    "word_counts",
]

D = TypeVar("D")

_WORD = re.compile(r"[^\W\d_](?:[\w'’-]*[^\W_])?")
"""A word: a letter, then letters, digits, ``_``, ``'`` and ``-``, ending on a letter or digit."""
_LONG_WORD = re.compile(r"[^\W\d_][\w'’-]+[^\W_]")
"""The words of :data:`_WORD` of three characters or more, found as :data:`_WORD` finds them.

A match of :data:`_WORD` is the longest word that starts where it starts; the letters inside a
shorter one start only shorter ones (they end where it ends), and what follows its last letter
in the same run (``_``, ``'``, ``-``) starts none. So searching for long words alone skips
exactly the short matches, and never finds one inside them. Linear like :data:`_WORD`: a run
is scanned at most twice (from a short word's first and second letters)."""

_STOPWORDS = """a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing down during each even
    few for from further had has have having he her here hers him his how however i if in into
    is it its itself just like make makes many may me more most much must my no nor not now of
    off often on once one only or other our ours out over own rather same she should so some
    such than that the their theirs them then there these they this those through to too under
    until up upon very was we were what when where which while who whom why will with within
    without would yet you your yours us via per each every whether across among another
    first second new way ways need needs use used using get gets well"""
STOPWORDS = frozenset(_STOPWORDS.split())


def tokens(text: str) -> list[str]:
    """Lower-case words of three letters or more, stop words left out."""
    words = _LONG_WORD.findall(text.casefold().replace("’", "'"))
    return [w for w in words if w not in STOPWORDS]


@dataclass(frozen=True)
class Document:
    """What the ranking knows of a card."""

    id: str
    group: str
    """Cards of the same group (their essay) are never related to each other."""
    tags: tuple[str, ...]
    title: str
    text: str


Vector = dict[str, float]


class _LogTf(dict[int, float]):
    """``1 + log(count)`` by count, computed once per count."""

    def __missing__(self, count: int) -> float:
        value = self[count] = 1 + math.log(count)
        return value


_BY_WORD = itemgetter(1)
_BY_WEIGHT = itemgetter(0)


class RelatedIndex:
    """Built once over the cards that may be recommended; asked once per card shown.

    Word weights, the choice of candidates and their exact scores go through ``map`` and
    ``sorted`` (loops in C), each step computing the same float operations in the same order
    as the plain loops the module's description states, so the ranking is the same to the
    last bit (``tests/unit/test_cards_related_reference.py`` checks it against them).
    """

    def __init__(
        self,
        documents: Iterable[Document],
        *,
        terms_per_card: int = 12,
        postings_cap: int = 16,
        tag_weight: float = 0.4,
        cache: ContentCache | None = None,
        state: VectorState | None = None,
    ) -> None:
        self.documents = list(documents)
        self.cache = cache
        self.terms_per_card = terms_per_card
        self.postings_cap = postings_cap
        self.tag_weight = tag_weight
        self._tf = _LogTf()
        self.n = len(self.documents)
        self.idf: dict[str, float] = {}
        """Word -> its weight (the words of more than one card and fewer than all)."""
        self.tag_idf: dict[str, float] = {}
        """Tag -> its weight (the tags of more than one essay)."""
        self.state: VectorState | None = None
        """What the vectors were made with (and what ranked from it can keep)."""
        if state is None or len({d.id for d in self.documents}) != self.n:
            self.vectors = self._fresh()  # (ids seen twice: what a state keeps by id cannot say)
        else:
            self.state = state
            self.vectors = state.update(self)

        ids = [d.id for d in self.documents]
        self.postings: dict[str, tuple[tuple[int, float], ...]] = {}
        """Feature -> ``(position, weight)`` of the cards that have it, heaviest first (ties by
        id), the first ``postings_cap`` only."""
        kept = self.state.postings(ids, postings_cap) if self.state is not None else None
        if kept is not None:
            self.postings = kept
        else:
            holders: dict[str, dict[int, float]] = defaultdict(dict)
            for index, vector in enumerate(self.vectors):
                for feature, weight in vector.items():
                    holders[feature][index] = weight
            self.postings = {f: _posting(held, ids, postings_cap) for f, held in holders.items()}
            if self.state is not None:
                self.state.keep_postings(ids, postings_cap, holders, self.postings)
        self.position = {d.id: i for i, d in enumerate(self.documents)}
        self.groups = [d.group for d in self.documents]
        self._members: dict[str, list[int]] = defaultdict(list)
        for index, group in enumerate(self.groups):
            self._members[group].append(index)

    def _fresh(self) -> list[Vector]:
        """Every vector made afresh (what :class:`VectorState` gives, keeping what it can)."""
        counts = [self._counts(d) for d in self.documents]
        n = self.n
        df: Counter[str] = Counter()
        for counted in counts:
            df.update(counted.keys())
        # A word in one card only can match nothing; one in every card tells nothing.
        self.idf = {w: idf(n, c) for w, c in df.items() if 1 < c < n}
        self.tag_idf = _tag_idf(self.documents)
        return [self._vector(c, d.tags) for c, d in zip(counts, self.documents, strict=True)]

    def _counts(self, document: Document) -> Counter[str]:
        return word_counts(document.title, document.text, self.cache)

    def _vector(self, counted: Counter[str], tags: Sequence[str]) -> Vector:
        idf = self.idf
        words = list(filter(idf.__contains__, counted))
        # (1 + log tf) * idf, word by word
        weights = list(
            map(
                mul,
                map(self._tf.__getitem__, map(counted.__getitem__, words)),
                map(idf.__getitem__, words),
            )
        )
        # The heaviest words; ties by word, so the choice is stable. Only the words at least
        # as heavy as the ``terms_per_card``-th heaviest weight can be chosen.
        limit = self.terms_per_card
        scored: list[tuple[float, str]]
        if limit <= 0:
            scored = []
        elif len(weights) > limit:
            cut = sorted(weights, reverse=True)[limit - 1]
            scored = list(compress(zip(weights, words, strict=True), map(cut.__le__, weights)))
        else:
            scored = list(zip(weights, words, strict=True))
        scored.sort(key=_BY_WORD)
        scored.sort(key=_BY_WEIGHT, reverse=True)  # stable: ties stay by word
        top = scored[:limit] if limit > 0 else []
        vector: Vector = {}
        heaviest = [x for x, _ in top]
        norm = math.sqrt(sum(map(mul, heaviest, heaviest)))
        if norm:
            scale = math.sqrt(1 - self.tag_weight) / norm
            vector.update((w, x * scale) for x, w in top)
        weighted = [(t, self.tag_idf[t]) for t in dict.fromkeys(tags) if t in self.tag_idf]
        norm = math.sqrt(sum(w * w for _, w in weighted))
        if norm:
            scale = math.sqrt(self.tag_weight) / norm
            vector.update(("#" + t, x * scale) for t, x in weighted)
        return vector

    def vector(self, document: Document) -> Vector:
        at = self.position.get(document.id)
        if at is not None and self.documents[at] is document:
            return self.vectors[at]
        return self._vector(self._counts(document), document.tags)

    def related(self, document: Document, limit: int = 5) -> list[str]:
        """Up to ``limit`` ids of other groups' cards, best first (none sharing nothing)."""
        return self.ranked(document, limit)[0]

    def ranked(self, document: Document, limit: int = 5) -> tuple[list[str], tuple[str, ...]]:
        """:meth:`related`, and the ids of the candidates it scored exactly: the list can
        change only when one of them changes its vector, or the posting lists of the
        document's features change (they choose the candidates)."""
        if limit <= 0:
            return [], ()
        query = self.vector(document)
        # Each feature adds its share to the score of every card in its postings, in the
        # query's order of features (the same sums, term by term, as the module describes).
        scores: dict[int, float] = {}
        score = scores.get
        postings = self.postings
        for feature, weight in query.items():
            for index, other_weight in postings.get(feature, ()):
                scores[index] = score(index, 0.0) + weight * other_weight
        for index in self._members.get(document.group, ()):
            scores.pop(index, None)  # never its own essay (the others keep their order)
        # Exact scores for the best candidates (truncated postings may have missed a feature):
        # the highest scores, ties to the card scored first (``heapq.nlargest``'s choice).
        wanted = 3 * limit
        candidates: Iterable[int] = scores
        if len(scores) > wanted:
            candidates = sorted(scores, key=scores.__getitem__, reverse=True)[:wanted]
        features = tuple(query)
        factors = tuple(query.values())
        documents = self.documents
        vectors = self.vectors
        ranked: list[tuple[float, str]] = []
        scored: list[str] = []
        for index in candidates:
            other = documents[index]
            if other.id == document.id:
                continue
            scored.append(other.id)
            exact = sum(map(mul, factors, map(vectors[index].get, features, repeat(0.0))))
            if exact > 0:
                ranked.append((exact, other.id))
        ranked.sort(key=lambda e: (-e[0], e[1]))
        return [identifier for _, identifier in ranked[:limit]], tuple(scored)


class Carriers(Generic[D]):
    """Documents' word counts, and how many documents carry each word, kept from one ranking
    to the next: :meth:`update` counts again only the documents whose source changed."""

    def __init__(self) -> None:
        self.sources: dict[str, object] = {}
        """Document id -> what its words were counted from."""
        self.counts: dict[str, Counter[str]] = {}
        """Document id -> its words counted (read, never changed)."""
        self.df: Counter[str] = Counter()
        """Word -> the number of documents that carry it."""

    def update(
        self,
        documents: Sequence[D],
        source: Callable[[D], tuple[str, object]],
        count: Callable[[D], Counter[str]],
    ) -> tuple[list[str], set[str], set[str]]:
        """Make the counts those of ``documents`` (``source(d)``: its id and what its words
        are counted from; ``count(d)``: its words counted). Returns the ids gone, the ids
        counted again, and the words whose number of carriers changed."""
        df = self.df
        moved: set[str] = set()
        named = [source(d) for d in documents]
        ids = {i for i, _ in named}
        gone = [i for i in self.sources if i not in ids]
        for i in gone:
            _carry(df, self.counts.pop(i), -1, moved)
            del self.sources[i]
        changed: set[str] = set()
        for document, (i, what) in zip(documents, named, strict=True):
            if self.sources.get(i) == what:
                continue
            changed.add(i)
            old = self.counts.get(i)
            if old is not None:
                _carry(df, old, -1, moved)
            counted = self.counts[i] = count(document)
            _carry(df, counted, 1, moved)
            self.sources[i] = what
        return gone, changed, moved

    def reweigh(
        self,
        weights: dict[str, float],
        words: Iterable[str],
        weight: Callable[[int], float | None],
    ) -> set[str]:
        """Give each of ``words`` in ``weights`` the weight ``weight(the number of documents
        that carry it)`` (None: none); returns the words whose weight changed."""
        changed: set[str] = set()
        for word in words:
            now = weight(self.df.get(word, 0))
            if weights.get(word) != now:
                changed.add(word)
                if now is None:
                    del weights[word]
                else:
                    weights[word] = now
        return changed


class VectorState:
    """The cards' vectors as the last ranking made them, and what they were made of: the next
    ranking (a save under ``mkdocs serve``) makes again only the vectors of the cards whose
    words or tags changed, or that carry a word or a tag whose weight changed (issue 23).
    What it gives is what making every vector afresh gives (a test compares the two)."""

    def __init__(self) -> None:
        self.settings: tuple[object, ...] | None = None
        self.step: int | None = None
        """What the words' weights draw from the number of cards (:func:`idf`'s grid step)."""
        self.n = 0
        self.carriers: Carriers[Document] = Carriers()
        """Each card's words counted, by its title, text, tags and group."""
        self.idf: dict[str, float] = {}
        self.tag_idf: dict[str, float] = {}
        self.vectors: dict[str, Vector] = {}
        self.afresh = True
        """Every vector was made again in the last update."""
        self.replaced: set[str] = set()
        """Cards whose vector the last update made again, or dropped."""
        self.touched: set[str] = set()
        """The features of those cards' vectors, before and after: the posting lists that can
        have changed."""
        self.results: dict[str, list[str]] = {}
        """Card id -> its related cards, as the last :meth:`related` found them."""
        self.scored: dict[str, tuple[str, ...]] = {}
        """Card id -> the cards the last :meth:`related` scored it with exactly (its candidates)."""
        self.asked: tuple[int, int] | None = None
        """``(limit, postings cap)`` of the last :meth:`related`."""
        self.previous: tuple[list[str], dict[str, tuple[tuple[int, float], ...]]] | None = None
        """The last :meth:`related`'s cards (ids, in the index's order) and posting lists."""
        self.regrouped: set[str] = set()
        """The features of the cards the last update saw move to another essay."""
        self._pending = False
        """An update was made that no :meth:`related` followed (what changed in it would be
        missed by the next: the lists are then all found again)."""
        self.before: dict[str, Vector] = {}
        """The vector each card of :attr:`replaced` had before the last update."""
        self._posted: tuple[list[str], int] | None = None
        """The cards (ids, in the index's order) and the cap of the kept posting lists."""
        self._holders: dict[str, dict[int, float]] = {}
        """Feature -> each card that has it (its position) and its weight, whole."""
        self._postings: dict[str, tuple[tuple[int, float], ...]] = {}

    def keep_postings(
        self,
        ids: list[str],
        cap: int,
        holders: dict[str, dict[int, float]],
        postings: dict[str, tuple[tuple[int, float], ...]],
    ) -> None:
        """The posting lists a ranking made afresh, and what they were made from."""
        self._posted = (ids, cap)
        self._holders = holders
        self._postings = postings

    def postings(self, ids: list[str], cap: int) -> dict[str, tuple[tuple[int, float], ...]] | None:
        """After :meth:`update`: the posting lists of the cards ``ids`` (in the index's order),
        made from the last ones, again only for the features of the vectors it made again
        (what making them all gives: a test compares the two); None when the cards are not
        the last ones in the same order, or every vector was made again."""
        if self.afresh or self._posted != (ids, cap):
            self._posted = None
            return None
        position = {card: i for i, card in enumerate(ids)}
        if not self.replaced <= position.keys():  # (a card gone: the ids are not the same)
            self._posted = None
            return None
        holders = self._holders
        for card in self.replaced:
            at = position[card]
            for feature in self.before.get(card, {}):
                held = holders.get(feature)
                if held is not None:
                    held.pop(at, None)
            for feature, weight in self.vectors.get(card, {}).items():
                holders.setdefault(feature, {})[at] = weight
        postings = dict(self._postings)  # (a new dict: the last one is kept by :meth:`related`)
        for feature in self.touched:
            held = holders.get(feature)
            if not held:
                holders.pop(feature, None)
                postings.pop(feature, None)
                continue
            postings[feature] = _posting(held, ids, cap)
        self._postings = postings
        return postings

    def update(self, index: RelatedIndex) -> list[Vector]:
        """The vectors of ``index``'s documents (sets its ``idf`` and ``tag_idf``)."""
        documents = index.documents
        n = len(documents)
        step = (n * n - 1).bit_length()
        settings = (index.terms_per_card, index.tag_weight)
        afresh = step != self.step or settings != self.settings
        self.afresh = afresh
        replaced: set[str] = set()
        touched: set[str] = set()
        was: dict[str, Vector] = {}
        self.replaced, self.touched, self.regrouped = replaced, touched, set()
        self.before = was
        if self._pending:
            self.previous = None
        self._pending = True
        carriers = self.carriers
        for document in documents:  # (its own essay's cards are never related to it)
            before = carriers.sources.get(document.id)
            if isinstance(before, tuple) and before[3] != document.group:
                self.regrouped.update(self.vectors.get(document.id, ()))
        gone, changed, moved = carriers.update(documents, _card_source, index._counts)
        for i in gone:
            replaced.add(i)
            was[i] = self.vectors.pop(i)
            touched.update(was[i])
        df = carriers.df
        # A word in one card only can match nothing; one in every card tells nothing.
        weighed: set[str] = set()
        """Words whose weight changed (or that gained or lost one)."""
        if afresh:
            self.idf = {w: idf(n, c) for w, c in df.items() if 1 < c < n}
        else:
            low = min(n, self.n)  # (a word in about every card gains or loses its weight)
            weighed = carriers.reweigh(
                self.idf,
                moved | {w for w, c in df.items() if c >= low},
                lambda c: idf(n, c) if 1 < c < n else None,
            )
        tag_idf = _tag_idf(documents)
        retagged = {t for t in tag_idf.keys() | self.tag_idf.keys()}
        retagged = {t for t in retagged if tag_idf.get(t) != self.tag_idf.get(t)}
        self.tag_idf = tag_idf
        self.step, self.settings, self.n = step, settings, n
        index.idf, index.tag_idf = dict(self.idf), self.tag_idf
        out: list[Vector] = []
        for document in documents:
            counted = carriers.counts[document.id]
            vector = self.vectors.get(document.id)
            if (
                afresh
                or vector is None
                or document.id in changed
                or any(word in counted for word in weighed)
                or any(tag in retagged for tag in document.tags)
            ):
                if not afresh:
                    replaced.add(document.id)
                    was[document.id] = vector or {}
                    touched.update(vector or ())
                vector = self.vectors[document.id] = index._vector(counted, document.tags)
                touched.update(vector)
            out.append(vector)
        return out

    def related(
        self, index: RelatedIndex, documents: Sequence[Document], limit: int
    ) -> dict[str, list[str]]:
        """``{card id: index.related(card, limit)}`` for ``documents``, after :meth:`update`
        for ``index``. A card's list is found again when its vector changed, or a posting list
        of one of its features did (they choose the cards it is scored with exactly), or one
        of the cards it was scored with changed its weight for one of its features (the exact
        score reads the other card's whole vector, not only the posting lists cut at the
        cap), or a card that shares a feature with it moved to another essay; the others are
        kept: their candidates, and each candidate's score, are what they were."""
        asked = (limit, index.postings_cap)
        keep = not self.afresh and asked == self.asked and self.previous is not None
        kept, replaced = self.results, self.replaced
        position, pool = index.position, index.documents
        changed: set[str] = set()
        reweighed: dict[str, set[str]] = {}
        """Card made again -> the features whose weight it changed."""
        if keep:
            assert self.previous is not None
            old_ids, old_postings = self.previous
            new_ids = [d.id for d in pool]
            for feature in self.touched:
                old = [(old_ids[i], w) for i, w in old_postings.get(feature, ())]
                new = [(new_ids[i], w) for i, w in index.postings.get(feature, ())]
                if old != new:
                    changed.add(feature)
            changed |= self.regrouped
            before, vectors = self.before, self.vectors
            for card in replaced:
                was, now = before.get(card, {}), vectors.get(card, {})
                reweighed[card] = {f for f in was.keys() | now.keys() if was.get(f) != now.get(f)}
        out: dict[str, list[str]] = {}
        scored = self.scored
        for document in documents:
            found = kept.get(document.id) if keep else None
            at = position.get(document.id)
            if (
                found is None
                or at is None
                or pool[at] is not document
                or document.id in replaced
                or not changed.isdisjoint(index.vectors[at])
                or (
                    bool(reweighed)
                    and any(
                        not reweighed[other].isdisjoint(index.vectors[at])
                        for other in scored.get(document.id, ())
                        if other in reweighed
                    )
                )
            ):
                found, scored[document.id] = index.ranked(document, limit)
            out[document.id] = found
        for gone in scored.keys() - out.keys():
            del scored[gone]
        self.results, self.asked = out, asked
        self.previous = ([d.id for d in pool], index.postings)
        self._pending = False
        return out


def _posting(
    held: Mapping[int, float], ids: Sequence[str], cap: int
) -> tuple[tuple[int, float], ...]:
    """A feature's posting list: ``(position, weight)`` of the cards that have it (``held``:
    position -> weight), heaviest first, ties by id, the first ``cap``."""
    ranked = sorted(held.items(), key=lambda entry: (-entry[1], ids[entry[0]]))
    return tuple(ranked[:cap])


def _tag_idf(documents: Sequence[Document]) -> dict[str, float]:
    """Each tag's weight. A tag is an essay's: its rarity is counted in essays, and a tag of
    one essay (its cards are never related to each other) relates nothing: one tag added to
    an essay changes its own cards' tags, not every list they were heavy in."""
    groups: dict[str, set[str]] = defaultdict(set)
    for document in documents:
        for tag in document.tags:
            groups[tag].add(document.group)
    essays = len({d.group for d in documents})
    return {t: idf(essays + 1, len(g)) for t, g in groups.items() if len(g) > 1}


def _card_source(document: Document) -> tuple[str, object]:
    return document.id, (document.title, document.text, document.tags, document.group)


def _carry(df: Counter[str], counted: Counter[str], sign: int, moved: set[str]) -> None:
    """Count (``sign`` 1) or uncount (-1) the words of one document (a card, an essay) in
    ``df``, the number of documents that carry each word; ``moved`` gains the words."""
    have = df.get
    for word in counted:
        left = have(word, 0) + sign
        if left:
            df[word] = left
        else:
            del df[word]
    moved.update(counted)


def idf(documents: int, carriers: int) -> float:
    """How rare a word (or a tag) carried by ``carriers`` of ``documents`` is: ``log(documents
    / carriers)`` on a grid of half powers of two (``log2 documents`` rounded up to a half,
    ``log2 carriers`` down), so above 0 whenever ``carriers < documents``.

    On a grid, because one document more or less moves every word's weight a little, and on
    a collection of close scores each little move reorders some related lists: one essay
    more, saved under `mkdocs serve`, would change the related cards and essays of hundreds of
    pages (issue 23). On the grid, a word's weight changes when its count crosses a step
    (about once in ``0.35 * carriers`` new documents that carry it), and every weight when
    the collection grows by a factor of 1.41. (In integers, exact: ``ceil(2 log2 d)`` is
    ``bit_length(d * d - 1)``, ``floor(2 log2 c)`` is ``bit_length(c * c) - 1``.)"""
    up = (documents * documents - 1).bit_length()
    down = (carriers * carriers).bit_length() - 1
    return (up - down) * _HALF


_HALF = math.log(2) / 2


def word_counts(title: str, text: str, cache: ContentCache | None = None) -> Counter[str]:
    """The words of :func:`tokens` in ``text`` and each of ``title``'s twice more, counted
    (kept by content in ``cache`` between ``mkdocs serve`` rebuilds; the Counter returned is
    then shared and must not be changed)."""
    if cache is None:
        return _count_words(title, text)
    return cache.get("related-counts", digest(title, text), lambda: _count_words(title, text))


def _count_words(title: str, text: str) -> Counter[str]:
    """The counts of :func:`tokens` of ``text``, each of ``title``'s counted twice more (in no
    particular order: nothing depends on it)."""
    low = text.casefold().replace("’", "'")
    if low.isascii():
        # Runs of word characters, split on the others: each run holds at most one word of
        # _WORD, from its first letter to its last letter or digit (the whole run, when it is
        # all letters); the words of the text are those of its runs, in order.
        counted = Counter(low.translate(_ASCII_SEPARATORS).split())
        for run in list(filterfalse(str.isalpha, counted)):
            times = counted.pop(run)
            for word in _LONG_WORD.findall(run):
                counted[word] += times
        dropped = _ASCII_DROPPED
    else:
        counted = Counter(_LONG_WORD.findall(low))
        dropped = STOPWORDS
    for word in dropped.intersection(counted):
        del counted[word]
    for word in tokens(title):
        counted[word] += 2
    # Each card's words are new strings, and the cache keeps them through the build: one
    # copy of each word for all the cards (some 38 MB of words at 1,000 essays, before).
    return Counter(dict(zip(map(intern, counted), counted.values(), strict=True)))


_ASCII_SEPARATORS = str.maketrans(
    {c: " " for c in map(chr, range(128)) if not (c in "'-_" or c.isdigit() or c.islower())}
)
"""Every ASCII character that is no word character of :data:`_WORD` (in lower case) -> a space."""
_ASCII_DROPPED = STOPWORDS | {
    a + b for a in string.ascii_lowercase for b in ["", *string.ascii_lowercase]
}
"""Stop words, and every ASCII run of one or two letters (too short to be a word)."""


def rank(
    documents: Sequence[Document],
    pool: Sequence[Document],
    limit: int,
    cache: ContentCache | None = None,
    state: VectorState | None = None,
) -> dict[str, list[str]]:
    """For each of ``documents``, up to ``limit`` related ids among ``pool``.

    The whole ranking depends only on the cards' ids, groups, tags, titles and texts: it is
    kept by their digest in ``cache``, so a rebuild under ``mkdocs serve`` that changed no card
    (a save of an essay's introduction, of a page that is no essay) ranks nothing again.
    """
    parts: list[str | bytes] = [str(limit), str(len(documents))]
    # (each card's part kept while its text is the object of its essay's last rendering)
    kept = cache.get("related-card-documents", b"", Digests) if cache is not None else Digests()
    parts += kept.each((d.id, (d.text,), (d.group, d.tags, d.title)) for d in documents)
    # the pool: by id when it is one of the documents (its text is in the key already)
    asked = {id(d) for d in documents}
    parts.append(str(len(pool)))
    for d in pool:
        if id(d) in asked:
            parts += ["\x00", d.id]
        else:
            parts += ["\x01", d.id, d.group, "\x1f".join(d.tags), d.title, d.text]
    key = digest(*parts)

    def make() -> dict[str, list[str]]:
        index = RelatedIndex(pool, cache=cache, state=state)
        if index.state is state and state is not None:
            return state.related(index, documents, limit)
        return {d.id: index.related(d, limit) for d in documents}

    ranked = make() if cache is None else cache.get("related", key, make)
    return {card_id: list(ids) for card_id, ids in ranked.items()}
