"""MkDocs' Markdown conversion kept by what it is made from under `mkdocs serve`
(``incremental/converted.py``): a page built again whose Markdown and links are as they were
gets its last conversion, with its warnings; a link whose target moved, or a Markdown edited,
converts again. After each save the site is the one a clean build writes."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import yaml
from bs4 import BeautifulSoup
from conftest import BASE_CONFIG, write_tree
from serve_session import Session, clean_build, differences

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


def _same_as_clean(root: Path, served: Path, clean: Path) -> None:
    shutil.rmtree(clean, ignore_errors=True)
    clean_build(root, clean)
    wrong = differences(served, clean)
    assert not wrong, wrong[:10]


def _warned(session: Session, since: int) -> list[str]:
    return [
        r.getMessage()
        for r in session.records[since:]
        if r.levelno >= logging.WARNING and MISSING in r.getMessage()
    ]


def test_a_page_built_again_reuses_its_conversion_until_what_it_is_made_from_changes(
    tmp_path: Path,
) -> None:
    root = tmp_path / "p"
    config = {**BASE_CONFIG, "plugins": ["search", {"essays": {"local_map": False}}]}
    write_tree(
        root,
        {
            "mkdocs.yml": yaml.safe_dump(config, sort_keys=False),
            "docs/posts/alpha.md": ALPHA,
            "docs/posts/beta.md": BETA,
            "docs/posts/gamma.md": GAMMA,
        },
    )
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
        _same_as_clean(root, served, clean)

        # Beta moves: Alpha's links point elsewhere, so Alpha converts again
        seen = len(session.records)
        beta.write_text(BETA.replace('title = "Beta"', 'title = "Beta"\nslug = "bee"'))
        session.build()
        html = BeautifulSoup((served / "posts/alpha/index.html").read_text("utf-8"), "html.parser")
        hrefs = [a["href"] for a in html.select("article a") if "bee" in a.get("href", "")]
        assert "../bee/" in hrefs and "../bee/#the-part" in hrefs, hrefs
        assert _warned(session, seen)
        _same_as_clean(root, served, clean)
    finally:
        session.close()
