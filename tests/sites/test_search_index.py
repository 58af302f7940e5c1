"""Material's search index: every essay once, cards by their title, no listing noise.

Card pages repeat their essay's sections, and listing pages repeat summaries; they are marked
``data-search-exclude`` so a search for a word of an essay finds the essay, not the same text
five times over (and the index of a large site stays small).
"""

from __future__ import annotations

import json

from conftest import SEED, MakeSite


def test_search_index_holds_each_text_once(make_site: MakeSite) -> None:
    site = make_site({"docs/posts/" + SEED.name: SEED.read_bytes(), "docs/index.md": "# Home\n"})
    docs = json.loads((site.site_dir / "search" / "search_index.json").read_text("utf-8"))["docs"]
    phrase = "Avoid blindly following scaling laws"
    holders = [d["location"] for d in docs if phrase in d["text"]]
    assert holders == [f"posts/{SEED.stem}/#models-algorithms-development"]
    cards = [d for d in docs if d["location"].startswith("patterns/") and "#" not in d["location"]]
    assert sorted(d["title"] for d in cards) == [
        "Models &amp; Algorithms Development",
        "Patterns",
        "Strategies for Personal Growth",
        "Strategies for the AI Era",
    ]
    titles = {d["title"] for d in docs}
    for noise in ("Essays", "Pattern cards", "Often appears with", "Latest essays"):
        assert not [d for d in docs if d["title"] == noise and "#" in d["location"]], noise
    assert "LLM" in titles and "Generative AI" in titles  # term pages are found by name
    summary = "AI embodies distinct capabilities rather than functionalities."
    assert [d["location"] for d in docs if summary in d["text"]] == [
        f"posts/{SEED.stem}/#strategies-for-the-ai-era",
        f"patterns/{SEED.stem}/strategies-for-the-ai-era/",  # the card's lead
    ]
