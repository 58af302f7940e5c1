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
        st.sampled_from(["text", "add", "delete", "tags", "title", "move"]),
        st.integers(0, 60),
        texts,
        tags,
    ),
    min_size=1,
    max_size=12,
)


def card(
    key: int, text: str, labels: tuple[str, ...] = (), title: str = "", group: str = ""
) -> Document:
    return Document(f"c{key}", group or f"essay{key % 5}", labels, title or f"Card {key}", text)


def test_a_saved_card_finds_the_lists_of_the_cards_near_it_again() -> None:
    """Of 300 cards, one edited: the related lists found again are those of the cards that
    share a feature with what changed; the others are kept as they were."""
    cards = [
        card(k, " ".join(VOCABULARY[(k * 5 + j) % 49] for j in range(6)) + f" own{k} own{k + 1}")
        for k in range(300)
    ]
    state = VectorState()
    index = RelatedIndex(cards, state=state)
    before = state.related(index, cards, 5)
    cards[10] = card(10, cards[10].text + " own40", cards[10].tags)
    index = RelatedIndex(cards, state=state)
    after = state.related(index, cards, 5)
    again = [i for i in after if after[i] is not before[i]]
    assert "c10" in again
    assert len(again) < 150, len(again)
    assert after == {d.id: RelatedIndex(cards).related(d, 5) for d in cards}


def same(a: RelatedIndex, b: RelatedIndex, state: VectorState) -> None:
    assert a.postings_cap == b.postings_cap
    assert a.vectors == b.vectors
    assert a.postings == b.postings  # (kept lists, made again where a vector changed)
    assert a.idf == b.idf
    assert a.tag_idf == b.tag_idf
    fresh = {d.id: b.related(d, 3) for d in b.documents}
    assert [a.related(d, 3) for d in a.documents] == list(fresh.values())
    # the lists a state keeps, each found again only where a vector or a posting changed
    assert state.related(a, a.documents, 3) == fresh


@settings(max_examples=120, deadline=None)
@given(
    start=st.lists(st.tuples(texts, tags), max_size=14),
    steps=edits,
    cap=st.sampled_from([1, 2, 16]),
)
def test_a_kept_state_gives_what_a_ranking_afresh_gives(start, steps, cap) -> None:
    """``cap``: the posting lists cut short (at 1,000 essays a word's list is cut at 16 of
    hundreds of cards), so a card is scored through one feature's list while another
    feature's list, below whose cut it sits, reads its weight too."""
    cards = {k: card(k, text, labels) for k, (text, labels) in enumerate(start)}
    state = VectorState()
    first = list(cards.values())
    same(
        RelatedIndex(first, state=state, postings_cap=cap),
        RelatedIndex(first, postings_cap=cap),
        state,
    )
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
                cards[key] = card(key, text, old.tags, old.title, old.group)
            elif kind == "tags":
                cards[key] = card(key, old.text, labels, old.title, old.group)
            elif kind == "move":  # (the same card in another essay: its essay's file renamed)
                group = f"essay{(int(old.group[5:]) + 1 + at) % 5}"
                cards[key] = card(key, old.text, old.tags, old.title, group)
            else:
                cards[key] = card(key, old.text, old.tags, text[:20] or "Other", old.group)
        now = list(cards.values())
        same(
            RelatedIndex(now, state=state, postings_cap=cap),
            RelatedIndex(now, postings_cap=cap),
            state,
        )


def test_one_card_edited_makes_one_vector_again() -> None:
    """Of 300 cards, one edited: its vector is made again, and those of the cards that carry
    a word whose weight moved; the others are kept."""
    cards = [
        card(k, " ".join(VOCABULARY[(k * 5 + j) % 49] for j in range(15)) + f" own{k} own{k + 1}")
        for k in range(300)
    ]
    state = VectorState()
    first = RelatedIndex(cards, state=state)
    kept = dict(state.vectors)
    cards[10] = card(10, cards[10].text + " own40", cards[10].tags)
    second = RelatedIndex(cards, state=state)
    again = [i for i, vector in state.vectors.items() if vector is not kept[i]]
    assert "c10" in again
    assert len(again) <= 4, again
    # the posting lists are made again for the features of those vectors only
    remade = [f for f, listed in second.postings.items() if listed is not first.postings.get(f)]
    assert "own40" in remade and len(remade) < 40, remade
    assert second.postings == RelatedIndex(cards).postings


def test_a_card_moved_into_another_essay_leaves_its_lists() -> None:
    """Cards of one essay are never related: a card whose essay's file was renamed into the
    essay of a card it was related to (same id, same words) leaves that card's list."""
    words = "aaword abword acword adword"
    cards = [card(k, f"{words} own{k}", group=f"essay{k}") for k in range(4)]
    cards.append(card(9, "zzword yyword", group="essay9"))
    state = VectorState()
    first = state.related(RelatedIndex(cards, state=state), cards, 3)
    assert "c1" in first["c0"]
    cards[1] = card(1, cards[1].text, group="essay0")
    moved = state.related(RelatedIndex(cards, state=state), cards, 3)
    assert "c1" not in moved["c0"]
    assert moved == {d.id: RelatedIndex(cards).related(d, 3) for d in cards}


def test_a_new_card_finds_again_only_the_lists_it_can_change() -> None:
    """Of 300 cards sharing one tag, a new card with the tag: a list is found again when the
    posting lists it is scored through changed, or a card it was scored with changed its
    weights; the cards that merely carry one of the new card's features keep their lists."""
    cards = [
        card(k, " ".join(VOCABULARY[(k * 5 + j) % 49] for j in range(6)) + f" own{k}", ("llm",))
        for k in range(300)
    ]
    state = VectorState()
    before = state.related(RelatedIndex(cards, state=state), cards, 5)
    cards.append(card(300, f"{VOCABULARY[3]} {VOCABULARY[7]} own300 own301", ("llm",)))
    index = RelatedIndex(cards, state=state)
    after = state.related(index, cards, 5)
    again = [i for i in before if after[i] is not before[i]]
    assert 0 < len(again) < 100, len(again)  # (62; every list, 300, before)
    carrying = [d.id for d in cards[:300] if "#llm" in index.vector(d)]
    assert len(carrying) == 300  # (every one of them shares a feature with the new card)
    assert after == {d.id: RelatedIndex(cards).related(d, 5) for d in cards}
