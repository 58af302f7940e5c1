"""The related essays' ranking is kept by a digest of what it knows of every essay; each
essay's part of it is kept from build to build while its texts are the same objects
(``related/feature.py``, ``Said``). Whatever is kept, the digests are those made afresh."""

from __future__ import annotations

from datetime import datetime

from hypothesis import given, settings
from hypothesis import strategies as st
from mkdocs_essays.related.feature import Said
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
    said = Said()
    last: list[Entry] = []
    for entries in builds:
        if last and data.draw(st.booleans()):
            entries = list(last)  # (the same essays, their texts the same objects)
        assert said.each(entries) == Said().each(entries)
        last = entries


def test_an_essay_with_new_text_of_the_same_length_is_digested_again() -> None:
    said = Said()
    first = Entry("a.md", "A", "one two", None)
    before = said.each([first])
    assert said.each([first]) == before, "the same entry: the same digest"
    other = Entry("a.md", "A", "two one", None)
    assert said.each([other]) != before
    assert said.each([Entry("a.md", "A", "one two", None)]) == before, "same content, new object"
