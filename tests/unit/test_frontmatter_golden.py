"""Golden files for the front matter reader: ``tests/golden/frontmatter/<name>.md`` is read as
``docs/posts/<name>.md``; ``<name>.json`` holds what the reader must return (the normalised
fields and the body) or the exact error message.

The test never writes them. After a deliberate change, ``python tests/update_goldens.py``
rewrites them; review the diff and commit it.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from mkdocs_essays.frontmatter import FrontMatterErrors, read

GOLDEN = Path(__file__).resolve().parent.parent / "golden" / "frontmatter"
CASES = sorted(p.stem for p in GOLDEN.glob("*.md"))


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def outcome(name: str) -> dict[str, Any]:
    source = (GOLDEN / f"{name}.md").read_bytes()
    try:
        document = read(source, f"docs/posts/{name}.md")
    except FrontMatterErrors as error:
        return {"errors": [str(e) for e in error.errors]}
    front = document.front
    warnings = {"warnings": [str(w) for w in front.warnings]} if front.warnings else {}
    return {
        **warnings,
        "format": front.format,
        "title": front.title,
        "date": _plain(front.date),
        "publishDate": _plain(front.publish_date),
        "expiryDate": _plain(front.expiry_date),
        "lastmod": _plain(front.lastmod),
        "draft": front.draft,
        "taxonomies": _plain(dict(front.taxonomies)),
        "summary": front.summary,
        "description": front.description,
        "slug": front.slug,
        "url": front.url,
        "aliases": list(front.aliases),
        "weight": front.weight,
        "keywords": list(front.keywords),
        "show_toc": front.show_toc,
        "params": _plain(dict(front.params)),
        "body_line": document.body_line,
        "body": document.body,
    }


def test_there_are_golden_cases() -> None:
    assert len(CASES) >= 30
    assert sum(name.startswith("error_") for name in CASES) >= 15


@pytest.mark.parametrize("name", CASES)
def test_golden(name: str) -> None:
    expected_file = GOLDEN / f"{name}.json"
    actual = outcome(name)
    expected = json.loads(expected_file.read_text(encoding="utf-8"))
    assert actual == expected
    assert name.startswith("error_") == ("errors" in actual)


def test_every_error_names_file_and_line() -> None:
    for name in CASES:
        if not name.startswith("error_"):
            continue
        for message in outcome(name)["errors"]:
            assert message.startswith(f"docs/posts/{name}.md:"), message
            line = message.split(":", 2)[1]
            assert line.isdigit() and int(line) >= 1, message


def test_meta_is_what_other_plugins_expect() -> None:
    document = read((GOLDEN / "toml_all_fields.md").read_bytes(), "x.md")
    meta = document.front.meta()
    assert meta["tags"] == ["Generative AI", "LLM"]
    assert isinstance(meta["date"], datetime) and meta["date"].tzinfo is not None
    assert meta["hide"] == ["toc"]
    assert meta["author"] == "Ada"
    assert meta["params"] == {"color": "blue"}
