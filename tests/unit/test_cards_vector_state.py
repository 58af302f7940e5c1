"""The related cards' vectors made again only where they changed (``VectorState``, issue
23): after any sequence of edits, added and deleted cards, tags added and removed, every
vector, every weight and every related list is what a ranking made afresh gives, exactly."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from mkdocs_essays.cards.related import Document, RelatedIndex, VectorState

VOCABULARY = [f"{a}{b}word" for a in "abcdefg" for b in "abcdefg"]
TAGS = ["llm", "rag", "ops", "cost"]

texts = st.lists(st.sampled_from(VOCABULARY), min_size=0, max_size=25).map(" ".join)
tags = st.lists(st.sampled_from(TAGS), max_size=3).map(tuple)
edits = st.lists(
    st.tuples(
        st.sampled_from(["text", "add", "delete", "tags", "title"]),
        st.integers(0, 60),
        texts,
        tags,
    ),
    min_size=1,
    max_size=12,
)


def card(key: int, text: str, labels: tuple[str, ...] = (), title: str = "") -> Document:
    return Document(f"c{key}", f"essay{key % 5}", labels, title or f"Card {key}", text)


def same(a: RelatedIndex, b: RelatedIndex) -> None:
    assert a.vectors == b.vectors
    assert a.idf == b.idf
    assert a.tag_idf == b.tag_idf
    assert [a.related(d) for d in a.documents] == [b.related(d) for d in b.documents]


@settings(max_examples=60, deadline=None)
@given(start=st.lists(st.tuples(texts, tags), max_size=14), steps=edits)
def test_a_kept_state_gives_what_a_ranking_afresh_gives(start, steps) -> None:
    cards = {k: card(k, text, labels) for k, (text, labels) in enumerate(start)}
    state = VectorState()
    same(RelatedIndex(list(cards.values()), state=state), RelatedIndex(list(cards.values())))
    for kind, at, text, labels in steps:
        keys = sorted(cards)
        fresh = max(keys, default=-1) + 1
        if kind == "add" or not keys:
            cards[fresh] = card(fresh, text, labels)
        else:
            key = keys[at % len(keys)]
            old = cards[key]
            if kind == "delete":
                del cards[key]
            elif kind == "text":
                cards[key] = card(key, text, old.tags, old.title)
            elif kind == "tags":
                cards[key] = card(key, old.text, labels, old.title)
            else:
                cards[key] = card(key, old.text, old.tags, text[:20] or "Other")
        now = list(cards.values())
        same(RelatedIndex(now, state=state), RelatedIndex(now))


def test_one_card_edited_makes_one_vector_again() -> None:
    """Of 300 cards, one edited: its vector is made again, and those of the cards that carry
    a word whose weight moved; the others are kept."""
    cards = [
        card(k, " ".join(VOCABULARY[(k * 5 + j) % 49] for j in range(15)) + f" own{k} own{k + 1}")
        for k in range(300)
    ]
    state = VectorState()
    RelatedIndex(cards, state=state)
    kept = dict(state.vectors)
    cards[10] = card(10, cards[10].text + " own40", cards[10].tags)
    RelatedIndex(cards, state=state)
    again = [i for i, vector in state.vectors.items() if vector is not kept[i]]
    assert "c10" in again
    assert len(again) <= 4, again
