"""The search index's JSON under `mkdocs serve` (``incremental/search.py``, ``IndexText``): each
entry is encoded once while it is the same object, and the index is, byte for byte, what the
search plugin's own ``generate_search_index`` writes (Material's and MkDocs' own)."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from conftest import BASE_CONFIG
from material.plugins.search.plugin import SearchIndex as MaterialIndex
from mkdocs.contrib.search.search_index import SearchIndex as MkDocsIndex
from mkdocs_essays.incremental import search
from mkdocs_essays.incremental.search import IndexText
from serve_session import Session, essays_project, served_as_clean

MATERIAL = {"lang": ["en"], "separator": r"[\s\-]+", "pipeline": ["stemmer"], "fields": {}}
MKDOCS = {"lang": ["en"], "separator": r"[\s\-]+", "min_search_length": 3, "prebuild_index": False}


def _entries(n: int, tag: str) -> list[dict[str, Any]]:
    return [
        {
            "location": f"posts/{tag}-{i}/#s{i}",
            "title": f"Title {i} «{tag}»",
            "text": f'<p>Text {i} with "quotes", \\ and \u2028 {tag}</p>',
            **({"tags": [f"t{i}", "ü"]} if i % 3 == 0 else {}),
            **({"boost": 2} if i % 5 == 0 else {}),
        }
        for i in range(n)
    ]


def _index(kind: str, entries: list[dict[str, Any]], **extra: Any) -> Any:
    if kind == "material":
        index = MaterialIndex(**MATERIAL, **extra)
        index.entries = list(entries)
    else:
        index = MkDocsIndex(**{**MKDOCS, **extra})
        index._entries = list(entries)
    return index


def _config(index: Any) -> Any:
    return SimpleNamespace(plugins={"search": SimpleNamespace(search_index=index)})


def _args(index: Any) -> tuple[None, ...]:
    """``generate_search_index``'s arguments: Material's takes the last index (None)."""
    return () if isinstance(index, MkDocsIndex) else (None,)


def _own(index: Any) -> str:
    """The index as the plugin's own method writes it."""
    return type(index).generate_search_index(index, *_args(index))


def _write(index: Any) -> str:
    return index.generate_search_index(*_args(index))


@pytest.fixture
def encoded(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """The entries encoded one by one (``search._encode``), in order."""
    out: list[dict[str, Any]] = []
    real = search._encode
    monkeypatch.setattr(search, "_encode", lambda e, s: out.append(e) or real(e, s))
    return out


@pytest.mark.parametrize("kind", ["material", "mkdocs"])
def test_the_index_is_the_plugins_own_and_only_new_entries_are_encoded(
    kind: str, encoded: list[dict[str, Any]]
) -> None:
    text = IndexText()
    first = _entries(40, "a")
    index = _index(kind, first)
    assert text.install(_config(index))
    assert _write(index) == _own(index)
    assert len(encoded) == 40

    # the next build: most entries are the same objects, two pages rendered again
    encoded.clear()
    again = _entries(3, "b")
    second = [*first[:10], again[0], *first[12:30], *again[1:], *first[30:]]
    index = _index(kind, second)
    assert text.install(_config(index))
    assert _write(index) == _own(index)
    assert encoded == again, "only the entries that are new objects are encoded"

    # an empty index, and one entry
    for entries in ([], first[:1]):
        index = _index(kind, entries)
        text.install(_config(index))
        assert _write(index) == _own(index)


@pytest.mark.parametrize("kind", ["material", "mkdocs"])
def test_an_entry_changed_in_place_is_caught_by_the_check(kind: str) -> None:
    text = IndexText()
    entries = _entries(5, "a")
    index = _index(kind, entries)
    text.install(_config(index))
    _write(index)
    entries[0]["title"] = "Changed in place"  # (no plugin does; the first entry is checked)
    index = _index(kind, entries)
    text.install(_config(index))
    assert _write(index) == _own(index)


def test_installing_twice_on_one_index_wraps_once_and_prebuilt_indexes_are_left_alone() -> None:
    text = IndexText()
    index = _index("material", _entries(3, "a"))
    assert text.install(_config(index))
    wrapped = index.generate_search_index
    assert text.install(_config(index))
    assert index.generate_search_index is wrapped
    prebuilt = _index("mkdocs", _entries(3, "a"), prebuild_index="python")
    assert not text.install(_config(prebuilt))
    assert "generate_search_index" not in vars(prebuilt)
    assert not text.install(SimpleNamespace(plugins={"search": SimpleNamespace(search_index=None)}))


ALPHA = (
    '+++\ntitle = "Alpha"\ndate = 2024-03-01\ntags = ["LLM"]\n+++\n\nAlpha.\n\n## One\n\nText.\n'
)
BETA = '+++\ntitle = "Beta"\ndate = 2024-03-02\ntags = ["LLM"]\n+++\n\nBeta.\n\n## Two\n\nMore.\n'


def test_a_served_index_encodes_the_saved_pages_entries_and_equals_a_clean_build(
    tmp_path: Path, encoded: list[dict[str, Any]]
) -> None:
    others = {
        f"e{i}.md": BETA.replace("Beta", f"Essay {i}")
        .replace("LLM", f"T{i}")
        .replace("02", f"1{i}")
        for i in range(6)
    }
    root = essays_project(tmp_path / "p", {"alpha.md": ALPHA, **others}, BASE_CONFIG)
    served, clean = tmp_path / "served", tmp_path / "clean"
    session = Session(root, served)
    try:
        session.build()
        session.build()
        total = len(encoded)
        assert total > 10, "every entry was encoded once"
        encoded.clear()
        (root / "docs/posts/alpha.md").write_text(ALPHA.replace("Text.", "Other text."))
        session.build()
        assert encoded, "the saved essay's entries are encoded again"
        assert any(e["location"].startswith("posts/alpha/") for e in encoded)
        assert len(encoded) < total / 2, "the other pages' entries are not encoded again"
        served_as_clean(root, served, clean)
    finally:
        session.close()
