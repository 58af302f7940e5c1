"""Values kept by the object they were made from, from one build to the next, and only while
a build asks for them (``cache.py``, ``ByObject``: the Hugo content step's text scans and the
page keys' digests)."""

from __future__ import annotations

from mkdocs_essays.cache import ByObject


class Length:
    """``len``, noting each text it was asked for."""

    def __init__(self) -> None:
        self.made: list[str] = []

    def __call__(self, text: str) -> int:
        self.made.append(text)
        return len(text)


def test_a_value_is_made_once_while_its_object_is_the_same() -> None:
    kept: ByObject[int] = ByObject()
    length = Length()
    made = length.made

    text = "".join(["some ", "text"])
    kept.begin()
    assert kept.of(text, length) == 9
    assert kept.of(text, length) == 9
    kept.begin()
    assert kept.of(text, length) == 9
    assert made == [text], "made once: the same object, build after build"
    same = "".join(["some ", "text"])
    assert same == text and same is not text
    assert kept.of(same, length) == 9
    assert len(made) == 2, "an equal text that is another object is another entry"


def test_what_a_build_did_not_ask_for_is_dropped_at_the_next() -> None:
    kept: ByObject[int] = ByObject()
    length = Length()
    made = length.made

    a, b = "".join(["a", "a"]), "".join(["b", "bb"])
    kept.begin()
    kept.of(a, length)
    kept.of(b, length)
    kept.begin()
    kept.of(a, length)  # (b not asked in this build)
    kept.begin()
    assert len(kept._held) == 1, "b is no longer held"
    kept.of(b, length)
    assert made == [a, b, b]
    kept.begin()
    kept.begin()  # (a build that asked for nothing keeps what it had)
    kept.of(b, length)
    assert made == [a, b, b]
