"""``Card.filled`` makes the card ``dataclasses.replace`` makes (it skips ``__init__``: every
card is filled at every save), field by field, for any values; a name that is no field is a
TypeError, as with ``replace``."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given
from hypothesis import strategies as st
from mkdocs_essays.cards.model import Card, Link, Section

ESSAY = object()  # (a card's fields are copied as they are: its essay is not looked at)
SECTION = Section(title="Idea", anchor="idea", level=2, line=3, markdown="More.\n", position=0)

values = st.fixed_dictionaries(
    {},
    optional={
        "anchor": st.one_of(st.none(), st.text(max_size=5)),
        "html": st.text(max_size=20),
        "lead": st.text(max_size=20),
        "text": st.text(max_size=20),
        "words": st.integers(0, 1000),
        "links": st.lists(
            st.builds(
                Link, text=st.text(max_size=5), url=st.text(max_size=5), internal=st.booleans()
            ),
            max_size=3,
        ).map(tuple),
        "stub": st.booleans(),
        "location": st.text(min_size=1, max_size=10),
    },
)


@given(values=values, anchor=st.one_of(st.none(), st.just("set")))
def test_filled_is_replace(values: dict[str, object], anchor: str | None) -> None:
    card = Card("a/idea", ESSAY, SECTION, "patterns/a/idea.md", anchor=anchor)  # type: ignore[arg-type]
    made = card.filled(**values)
    expected = dataclasses.replace(card, **values)  # type: ignore[arg-type]
    assert type(made) is Card
    for field in dataclasses.fields(Card):
        assert getattr(made, field.name) == getattr(expected, field.name), field.name
    assert list(vars(made)) == list(vars(expected)), "the same fields, in the same order"
    assert made.title == card.title and made == card and hash(made) == hash(card)
    assert made is not card


def test_a_name_that_is_no_field_is_an_error() -> None:
    card = Card("a/idea", ESSAY, SECTION, "patterns/a/idea.md")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="colour"):
        card.filled(colour="red")
    with pytest.raises(TypeError):
        dataclasses.replace(card, colour="red")  # type: ignore[call-arg]
