"""MkDocs' Markdown conversion kept by what it is made from under `mkdocs serve`
(``incremental/converted.py``): a page built again whose Markdown and links are as they were
gets its last conversion, with its warnings; a link whose target moved, or a Markdown edited,
converts again. After each save the site is the one a clean build writes."""

from __future__ import annotations

import logging
from pathlib import Path

from bs4 import BeautifulSoup
from conftest import BASE_CONFIG
from serve_session import Session, essays_project, served_as_clean

ALPHA = (
    '+++\ntitle = "Alpha"\ndate = 2024-03-01\ntags = ["LLM"]\n+++\n\n'
    "Alpha opens on prompts and caching.\n\n"
    "See [Beta](beta.md), [its part](beta.md#the-part) and [a page](missing.md).\n\n"
    "## Caching prompts\n\nPrompt caching saves tokens and time.\n"
)
BETA = (
    '+++\ntitle = "Beta"\ndate = 2024-03-02\ntags = ["LLM"]\n+++\n\n'
    "Beta opens on prompts.\n\n## The part\n\nPrompt caching and tokens again.\n"
)
GAMMA = (
    '+++\ntitle = "Gamma"\ndate = 2024-03-03\ntags = ["LLM"]\n+++\n\n'
    "Gamma opens on prompts and caching.\n\n## Tokens\n\nPrompt tokens, counted.\n"
)
MISSING = "is not found among documentation files"


def _warned(session: Session, since: int) -> list[str]:
    return [
        r.getMessage()
        for r in session.records[since:]
        if r.levelno >= logging.WARNING and MISSING in r.getMessage()
    ]


def test_a_page_built_again_reuses_its_conversion_until_what_it_is_made_from_changes(
    tmp_path: Path,
) -> None:
    essays = {"alpha.md": ALPHA, "beta.md": BETA, "gamma.md": GAMMA}
    root = essays_project(tmp_path / "p", essays, BASE_CONFIG)
    served, clean = tmp_path / "served", tmp_path / "clean"
    session = Session(root, served)
    conversions = session.plugin.incremental.conversions
    beta = root / "docs/posts/beta.md"
    try:
        session.build()
        assert conversions.reused == 0

        # Beta's words change what Alpha's related essays are: Alpha is built again, its
        # Markdown as it was: its conversion is given back, and its warning given again
        seen = len(session.records)
        beta.write_text(BETA.replace("Prompt caching and tokens again.", "Nothing shared."))
        session.build()
        assert "posts/alpha.md" in session.plugin.incremental.built
        assert conversions.reused >= 1
        assert _warned(session, seen), "the kept conversion's warning was not given again"
        served_as_clean(root, served, clean)

        # Beta moves: Alpha's links point elsewhere, so Alpha converts again
        seen = len(session.records)
        beta.write_text(BETA.replace('title = "Beta"', 'title = "Beta"\nslug = "bee"'))
        session.build()
        html = BeautifulSoup((served / "posts/alpha/index.html").read_text("utf-8"), "html.parser")
        hrefs = [a["href"] for a in html.select("article a") if "bee" in a.get("href", "")]
        assert "../bee/" in hrefs and "../bee/#the-part" in hrefs, hrefs
        assert _warned(session, seen)
        served_as_clean(root, served, clean)
    finally:
        session.close()
