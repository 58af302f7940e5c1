"""What the disk cache's key is made of must be the same from one process to the next: a
function named in ``mkdocs.yml`` by its module and name, no address in memory."""

from __future__ import annotations

import json

from growth import assert_linear
from mkdocs_essays.incremental.keys import stable_repr


class Thing:
    pass


def test_functions_and_classes_are_named_not_placed() -> None:
    value = {"format": json.dumps, "cls": Thing, "items": [1, ("a", {2, 1})], "none": None}
    text = stable_repr(value)
    assert "<json.dumps>" in text and "<test_stable_repr.Thing>" in text
    assert "0x" not in text
    assert stable_repr(value) == stable_repr(dict(value))
    assert stable_repr({"a": [1]}) != stable_repr({"a": (1,)})


def test_an_object_without_a_repr_of_its_own_loses_only_its_address() -> None:
    text = stable_repr([Thing(), Thing()])
    assert "0x" not in text and text.count("Thing object") == 2


def test_growth() -> None:
    assert_linear(stable_repr, lambda n: [f"<x at 0x{i:x}> " * 50 for i in range(n)], 2000)
