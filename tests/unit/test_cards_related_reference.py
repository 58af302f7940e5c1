"""The related-card ranking against a plain implementation of what its module describes.

``RelatedIndex`` computes its weights and scores through ``map`` and ``sorted``, and counts
ASCII words by splitting, for speed; the reference below is the straightforward version (one
loop per step, ``heapq``), kept here. The two must agree exactly: same ids, same order, for
every card, on corpora made to tie (few words, few tags, equal texts), with small caps so that
truncated postings and the candidate limit matter, cards sharing nothing, empty texts, one
group.
"""

from __future__ import annotations

import heapq
import math
import re
from collections import Counter, defaultdict

from hypothesis import given, settings
from hypothesis import strategies as st
from mkdocs_essays.cards.related import (
    STOPWORDS,
    Document,
    RelatedIndex,
    _count_words,
    idf,
    tokens,
)

_WORD = re.compile(r"[^\W\d_](?:[\w'’-]*[^\W_])?")


def reference_tokens(text: str) -> list[str]:
    words = _WORD.findall(text.casefold().replace("’", "'"))
    return [w for w in words if len(w) >= 3 and w not in STOPWORDS]


def reference_counts(title: str, text: str) -> Counter[str]:
    counted = Counter(reference_tokens(text))
    for word in reference_tokens(title):
        counted[word] += 2
    return counted


class Reference:
    def __init__(self, documents, *, terms_per_card=12, postings_cap=32, tag_weight=0.4):
        self.documents = list(documents)
        self.terms_per_card = terms_per_card
        self.tag_weight = tag_weight
        counts = [reference_counts(d.title, d.text) for d in self.documents]
        n = len(self.documents)
        df: Counter[str] = Counter()
        for counted in counts:
            df.update(counted.keys())
        # A tag is an essay's: its rarity is counted in essays, and a tag of one essay
        # (its cards are never related to each other) relates nothing: one tag added to
        # an essay changes its own cards' tags, not every list they were heavy in.
        tag_groups: dict[str, set[str]] = defaultdict(set)
        for document in self.documents:
            for tag in document.tags:
                tag_groups[tag].add(document.group)
        essays = len({d.group for d in self.documents})
        self.idf = {w: idf(n, c) for w, c in df.items() if 1 < c < n}
        self.tag_idf = {t: idf(essays + 1, len(g)) for t, g in tag_groups.items() if len(g) > 1}
        self.vectors = [
            self._vector(c, d.tags) for c, d in zip(counts, self.documents, strict=True)
        ]
        ids = [d.id for d in self.documents]
        postings = defaultdict(list)
        for index, vector in enumerate(self.vectors):
            for feature, weight in vector.items():
                postings[feature].append((weight, index))
        self.postings = {}
        for feature, entries in postings.items():
            entries.sort(key=lambda e: (-e[0], ids[e[1]]))
            self.postings[feature] = entries[:postings_cap]
        self.position = {d.id: i for i, d in enumerate(self.documents)}

    def _vector(self, counted, tags):
        scored = [((1 + math.log(c)) * self.idf[w], w) for w, c in counted.items() if w in self.idf]
        top = heapq.nsmallest(self.terms_per_card, scored, key=lambda e: (-e[0], e[1]))
        words = [(w, x) for x, w in top]
        vector = {}
        norm = math.sqrt(sum(w * w for _, w in words))
        if norm:
            scale = math.sqrt(1 - self.tag_weight) / norm
            vector.update((w, x * scale) for w, x in words)
        weighted = [(t, self.tag_idf[t]) for t in dict.fromkeys(tags) if t in self.tag_idf]
        norm = math.sqrt(sum(w * w for _, w in weighted))
        if norm:
            scale = math.sqrt(self.tag_weight) / norm
            vector.update(("#" + t, x * scale) for t, x in weighted)
        return vector

    def related(self, document, limit=5):
        if limit <= 0:
            return []
        at = self.position.get(document.id)
        if at is not None and self.documents[at] is document:
            query = self.vectors[at]
        else:
            query = self._vector(reference_counts(document.title, document.text), document.tags)
        scores = {}
        for feature, weight in query.items():
            for other_weight, index in self.postings.get(feature, ()):
                if self.documents[index].group != document.group:
                    scores[index] = scores.get(index, 0.0) + weight * other_weight
        ranked = []
        for index, _ in heapq.nlargest(3 * limit, scores.items(), key=lambda e: e[1]):
            other = self.documents[index]
            if other.id == document.id:
                continue
            vector = self.vectors[index]
            exact = sum(w * vector.get(f, 0.0) for f, w in query.items())
            if exact > 0:
                ranked.append((exact, other.id))
        ranked.sort(key=lambda e: (-e[0], e[1]))
        return [identifier for _, identifier in ranked[:limit]]


# Word characters, separators and the characters the tokeniser treats specially: digits,
# ``_``, ``'``, ``’``, ``-``, non-ASCII letters (``ß`` and ``K`` change when case-folded).
_TEXT = st.text(alphabet=st.sampled_from(list("abcAB xyz01_'’-.,\n\téßK٣日")), max_size=60)
_WORDS = st.sampled_from(["vector", "index", "model", "search", "tomato", "the", "a", "q9"])
_PROSE = st.lists(_WORDS, max_size=12).map(" ".join)


@settings(max_examples=400, deadline=None)
@given(_TEXT, _TEXT)
def test_tokens_and_counts_are_the_reference_ones(title: str, text: str) -> None:
    assert tokens(text) == reference_tokens(text)
    assert dict(_count_words(title, text)) == dict(reference_counts(title, text))


_DOCUMENT = st.tuples(
    st.sampled_from(["g1", "g2", "g3", "g4"]),
    st.lists(st.sampled_from(["tags:a", "tags:b", "tags:c"]), max_size=3).map(tuple),
    _PROSE,
    st.one_of(_PROSE, _TEXT),
)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(_DOCUMENT, max_size=14),
    st.integers(min_value=0, max_value=4),
    st.integers(min_value=0, max_value=5),
    st.integers(min_value=1, max_value=4),
    st.sampled_from([0.0, 0.4, 1.0]),
    st.booleans(),
)
def test_rankings_are_the_reference_ones(
    cards, terms: int, cap: int, limit: int, tag_weight: float, one_group: bool
) -> None:
    documents = [
        Document(f"{group}/{n}", "g" if one_group else group, tags, title, text)
        for n, (group, tags, title, text) in enumerate(cards)
    ]
    pool = documents[: len(documents) * 3 // 4]  # some cards ask without being in the index
    options = {"terms_per_card": terms, "postings_cap": cap, "tag_weight": tag_weight}
    index = RelatedIndex(pool, **options)
    reference = Reference(pool, **options)
    for document in documents:
        assert index.related(document, limit) == reference.related(document, limit)
