"""Control characters under `mkdocs serve` (``reading.py``): the first one of each file's text
is found once while the text is the same object, and the warning is given at every build that
shows the page, as a clean build gives it; once removed, no warning."""

from __future__ import annotations

import logging
from pathlib import Path

from conftest import BASE_CONFIG
from serve_session import Session, essays_project, served_as_clean

ALPHA = '+++\ntitle = "Alpha"\ndate = 2024-03-01\n+++\n\nAlpha\x1b[1m bold.\n\n## One\n\nText.\n'
BETA = '+++\ntitle = "Beta"\ndate = 2024-03-02\n+++\n\nBeta.\n\n## Two\n\nMore.\n'


def _warned(session: Session, since: int) -> list[str]:
    return [
        r.getMessage()
        for r in session.records[since:]
        if r.levelno >= logging.WARNING and "control character U+001B" in r.getMessage()
    ]


def test_a_control_character_is_warned_at_every_build_until_removed(tmp_path: Path) -> None:
    root = essays_project(tmp_path / "p", {"alpha.md": ALPHA, "beta.md": BETA}, BASE_CONFIG)
    served, clean = tmp_path / "served", tmp_path / "clean"
    session = Session(root, served)
    try:
        session.build()
        assert _warned(session, 0)
        seen = len(session.records)
        (root / "docs/posts/beta.md").write_text(BETA.replace("More.", "Other."), "utf-8")
        session.build()
        assert _warned(session, seen), "Alpha's text is as it was: warned again"
        page = (served / "posts/alpha/index.html").read_text("utf-8")
        assert "\x1b" not in page and "Alpha[1m bold." in page
        served_as_clean(root, served, clean)
        seen = len(session.records)
        (root / "docs/posts/alpha.md").write_text(ALPHA.replace("\x1b", ""), "utf-8")
        session.build()
        assert not _warned(session, seen)
        served_as_clean(root, served, clean)
    finally:
        session.close()
