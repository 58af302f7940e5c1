"""``cards.json`` under `mkdocs serve`: each card's entry is kept with what it says and encoded
again only when that changed (``cards/feature.py``). A save that changes only what the entry
takes from its essay (title, date, tags, address) gives the file a clean build writes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import BASE_CONFIG
from serve_session import Session, clean_build, differences, essays_project

ALPHA = (
    '+++\ntitle = "Alpha"\ndate = 2024-03-01\ntags = ["LLM"]\n+++\n\nAlpha opens.\n\n'
    "## Caching prompts\n\nPrompt caching saves tokens.\n"
)
BETA = (
    '+++\ntitle = "Beta"\ndate = 2024-03-02\ntags = ["Ops"]\n+++\n\nBeta opens.\n\n'
    "## Deploys\n\nShip small changes often.\n"
)
SAVES = {
    "title": ('"Alpha"', '"Alpha, renamed"', "essay_title", "Alpha, renamed"),
    "date": ("2024-03-01", "2024-02-11", "date", "2024-02-11T00:00:00+00:00"),
    "tags": ('["LLM"]', '["LLM", "Cost"]', "tags", ["LLM", "Cost"]),
    "slug": ('title = "Alpha"', 'title = "Alpha"\nslug = "first"', "essay_url", "posts/first/"),
}


@pytest.mark.parametrize("save", SAVES, ids=list(SAVES))
def test_a_card_entry_follows_its_essay(tmp_path: Path, save: str) -> None:
    root = essays_project(tmp_path / "p", {"alpha.md": ALPHA, "beta.md": BETA}, BASE_CONFIG)
    served = tmp_path / "served"
    session = Session(root, served)
    try:
        session.build()
        old, new, field, shown = SAVES[save]
        page = root / "docs/posts/alpha.md"
        page.write_text(page.read_text("utf-8").replace(old, new, 1), "utf-8")
        session.build()
        cards = json.loads((served / "patterns/cards.json").read_text("utf-8"))["cards"]
        entry = next(c for c in cards if c["title"] == "Caching prompts")
        assert entry[field] == shown, entry
        clean = tmp_path / "clean"
        clean_build(root, clean)
        assert not [d for d in differences(served, clean) if "cards.json" in d]
    finally:
        session.close()
