"""A key over a whole collection is made of each item's digest, kept from build to build
while the item's texts are the same objects (``cache.py``, ``Digests``: the related essays'
ranking and the related cards' ranking). Whatever is kept, the digests are those made afresh."""

from __future__ import annotations

from datetime import datetime

from hypothesis import given, settings
from hypothesis import strategies as st
from mkdocs_essays.cache import Digests
from mkdocs_essays.related.feature import _said
from mkdocs_essays.related.similarity import Entry

TEXTS = ["one two", "three four", "five"]


def _entry(i: int, title: str, text: str, day: int, tag: str, parts: int) -> Entry:
    return Entry(
        f"e{i}.md",
        title,
        "".join([text]),  # (a new object each time: what a rendering gives)
        datetime(2026, 1, day) if day else None,
        (("tags", (tag,)),),
        "",
        tuple((f"P{p}", "".join([text, str(p)])) for p in range(parts)),
    )


entry_st = st.builds(
    _entry,
    st.integers(0, 3),
    st.sampled_from(["A", "B"]),
    st.sampled_from(TEXTS),
    st.integers(0, 2),
    st.sampled_from(["x", "y"]),
    st.integers(0, 2),
)


@settings(max_examples=80, deadline=None)
@given(st.lists(st.lists(entry_st, max_size=4), min_size=1, max_size=5), st.data())
def test_each_digest_is_the_one_made_afresh(builds: list[list[Entry]], data: st.DataObject) -> None:
    kept = Digests()
    last: list[Entry] = []
    for entries in builds:
        if last and data.draw(st.booleans()):
            entries = list(last)  # (the same essays, their texts the same objects)
        assert kept.each(map(_said, entries)) == Digests().each(map(_said, entries))
        last = entries


def test_an_item_with_new_text_of_the_same_length_is_digested_again() -> None:
    kept = Digests()
    first = ("a.md", ("one two",), ("A",))
    before = kept.each([first])
    assert kept.each([first]) == before, "the same item: the same digest"
    assert kept.each([("a.md", ("two one",), ("A",))]) != before
    assert kept.each([("a.md", ("".join(["one ", "two"]),), ("A",))]) == before, "a new object"
    assert kept.each([("a.md", ("one two",), ("B",))]) != before, "the rest counts"
    assert kept.each([("a.md", ("one", " two"), ("A",))]) != before, "texts are told apart"


def test_the_related_cards_key_follows_every_cards_text() -> None:
    """The related cards' ranking is kept by such a key: a card's text saved changes it."""
    from mkdocs_essays.cache import ContentCache
    from mkdocs_essays.cards.related import Document, rank

    def documents(second: str) -> list[Document]:
        return [
            Document("a/x", "a.md", ("tags:t",), "X", "".join(["alpha beta gamma"])),
            Document("b/y", "b.md", ("tags:t",), "Y", second),
        ]

    cache = ContentCache()
    cache.begin(b"settings")
    first = documents("alpha beta delta")
    rank(first, first, 5, cache)
    assert cache.misses["related"] == 1
    cache.begin(b"settings")
    same = documents("".join(["alpha beta ", "delta"]))
    rank(same, same, 5, cache)
    assert cache.misses["related"] == 0, "the same texts: the ranking kept"
    cache.begin(b"settings")
    changed = documents("alpha beta epsilon")
    rank(changed, changed, 5, cache)
    assert cache.misses["related"] == 1, "a card's text saved: ranked again"
