"""``cards.json`` is written from each card's own JSON (kept by what the card says, so a save
encodes only the cards it changed): the file must be what ``json.dumps`` of the whole
document writes, byte for byte, as text and as the UTF-8 that is written."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st
from mkdocs_essays.cards.feature import indented_bytes, indented_item, indented_list

TEXT = st.text(alphabet=st.sampled_from('ab \n"\\é{}[],:\u2028'), max_size=8)
VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | TEXT,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(TEXT, inner, max_size=3),
    max_leaves=12,
)


@given(
    document=st.dictionaries(TEXT.filter(lambda k: k != "cards"), VALUES, max_size=4),
    items=st.lists(VALUES, max_size=5),
)
def test_the_file_is_json_dumps_of_the_whole_document(document: dict, items: list) -> None:
    whole = json.dumps({**document, "cards": items}, ensure_ascii=False, indent=1) + "\n"
    parts = [json.dumps(item, ensure_ascii=False, indent=1) for item in items]
    assert indented_list(document, "cards", parts) == whole
    assert json.loads(indented_list(document, "cards", parts))["cards"] == items
    encoded = [indented_item(part).encode() for part in parts]
    assert indented_bytes(document, "cards", encoded) == whole.encode()
