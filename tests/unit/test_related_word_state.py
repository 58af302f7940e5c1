"""The related essays' words and lists worked out again only where they changed
(``WordState``, ``Lists``, issue 23): after any sequence of edits, added and deleted essays,
every vector, every essay's words and every related list are those a ranking made afresh
gives, exactly."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st
from mkdocs_essays.related.similarity import Entry, Similarity, WordState

START = datetime(2024, 1, 1, tzinfo=UTC)
VOCABULARY = [f"{a}{b}word" for a in "abcdefgh" for b in "abcdefgh"]

texts = st.lists(st.sampled_from(VOCABULARY), min_size=0, max_size=30).map(" ".join)
parts = st.lists(st.tuples(st.sampled_from(["", "Intro", "Card"]), texts), max_size=3)
edits = st.lists(
    st.tuples(
        st.sampled_from(["edit", "add", "delete", "title", "code", "date", "rename"]),
        st.integers(0, 40),
        texts,
        parts,
    ),
    min_size=1,
    max_size=12,
)


def make(
    key: int, text: str, title: str = "", code: str = "", pieces=(), day: int | None = None
) -> Entry:
    return Entry(
        f"e{key}",
        title or f"T{key}",
        text,
        START + timedelta(days=key if day is None else day),
        (("tags", (f"t{key % 3}",)),),
        code=code,
        parts=tuple(pieces),
    )


def same(a: Similarity, b: Similarity) -> None:
    assert a.vectors == b.vectors
    assert a.words == b.words
    assert a.nearest(5) == b.nearest(5)
    assert a.nearest(3, older_only=True) == b.nearest(3, older_only=True)


@settings(max_examples=60, deadline=None)
@given(start=st.lists(texts, min_size=0, max_size=12), steps=edits)
def test_a_kept_state_gives_what_a_ranking_afresh_gives(start, steps) -> None:
    entries = {k: make(k, text) for k, text in enumerate(start)}
    state = WordState()
    weights = {"tags": 1.0}
    same(
        Similarity(list(entries.values()), state=state, index_weights=weights),
        Similarity(list(entries.values()), index_weights=weights),
    )
    for kind, at, text, pieces in steps:
        keys = sorted(entries)
        if kind == "add" or not keys:
            entries[max(keys, default=-1) + 1] = make(max(keys, default=-1) + 1, text)
        else:
            key = keys[at % len(keys)]
            old = entries[key]
            if kind == "delete":
                del entries[key]
            elif kind == "edit":
                entries[key] = make(key, text, old.title, old.code, pieces)
            elif kind == "date":  # (dates shared by several essays: ties go by id)
                entries[key] = make(key, old.text, old.title, old.code, old.parts, day=at % 4)
            elif kind == "rename":  # (its file renamed: the same essay by another id)
                del entries[key]
                moved = max(keys) + 1
                day = (old.date - START).days
                entries[moved] = make(moved, old.text, old.title, old.code, old.parts, day=day)
            elif kind == "title":
                entries[key] = make(key, old.text, text[:20] or "Other", old.code, old.parts)
            else:
                entries[key] = make(key, old.text + " " + text, old.title, text, old.parts)
        now = list(entries.values())
        same(
            Similarity(now, state=state, index_weights=weights),
            Similarity(now, index_weights=weights),
        )


def test_a_saved_word_finds_few_lists_again() -> None:
    """Of 300 essays, one edited: the related lists found again are its own and those of the
    essays sharing a feature whose posting list changed, not all 300."""
    entries = [
        make(k, " ".join(VOCABULARY[(k * 7 + j) % 64] for j in range(20)) + f" own{k}")
        for k in range(300)
    ]
    state = WordState()
    Similarity(entries, state=state).nearest(5)
    lists = next(iter(state.lists.values()))
    kept = dict(lists.found)
    entries[10] = make(10, entries[10].text + " own11")
    fresh = Similarity(entries).nearest(5)
    assert Similarity(entries, state=state).nearest(5) == fresh
    again = [i for i, found in lists.found.items() if found is not kept[i]]
    assert "e10" in again
    assert len(again) < 100, len(again)


def test_a_renamed_file_finds_again_only_the_lists_it_can_meet() -> None:
    """Of 300 essays, one's file renamed (the same essay by another id): the lists found
    again are those of the features whose posting lists it left or entered, not every list
    that shares a word or its tag with it (all 300, before)."""
    entries = [
        make(k, " ".join(VOCABULARY[(k * 7 + j) % 64] for j in range(20)) + f" own{k}")
        for k in range(300)
    ]
    state = WordState()
    Similarity(entries, state=state, index_weights={"tags": 1.0}).nearest(5)
    lists = next(iter(state.lists.values()))
    kept = dict(lists.found)
    old = entries[150]
    entries[150] = Entry("renamed", old.title, old.text, old.date, old.values)
    fresh = Similarity(entries, index_weights={"tags": 1.0}).nearest(5)
    assert Similarity(entries, state=state, index_weights={"tags": 1.0}).nearest(5) == fresh
    again = [i for i, found in lists.found.items() if found is not kept.get(i)]
    assert "renamed" in again
    assert len(again) < 100, len(again)  # (1, its own; 220 before)


def test_a_saved_word_works_out_one_essay_again() -> None:
    """Of 300 essays, one edited: its words are counted and weighed again, and those of the
    essays that carry a word whose weight moved; the others are kept."""
    entries = [
        make(k, " ".join(VOCABULARY[(k * 7 + j) % 64] for j in range(20)) + f" own{k}")
        for k in range(300)
    ]
    state = WordState()
    Similarity(entries, state=state)
    kept = dict(state.tops)
    entries[10] = make(10, entries[10].text + " own11 own12")
    Similarity(entries, state=state)
    again = [i for i, top in state.tops.items() if top is not kept[i]]
    assert "e10" in again
    assert len(again) <= 3, again
