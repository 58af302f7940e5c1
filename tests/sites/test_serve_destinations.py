"""The paths of a served site checked once while they stay the same (``pages/destinations.py``):
a save that moves no file checks nothing again; a save that makes two files clash stops the
build with the error a clean build gives; MkDocs' own clashes are said at every build."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import BASE_CONFIG
from mkdocs.exceptions import Abort, PluginError
from mkdocs_essays.pages import destinations
from serve_session import Session, essays_project, served_as_clean

ALPHA = (
    '+++\ntitle = "Alpha"\ndate = 2024-03-01\ntags = ["LLM"]\n+++\n\nAlpha.\n\n## One\n\nText.\n'
)
BETA = '+++\ntitle = "Beta"\ndate = 2024-03-02\ntags = ["LLM"]\n+++\n\nBeta.\n\n## Two\n\nMore.\n'


def _counting(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    added: list[str] = []
    real = destinations.Destinations.add

    def add(self: destinations.Destinations, dest: str, *args: object, **kwargs: object) -> object:
        added.append(dest)
        return real(self, dest, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(destinations.Destinations, "add", add)
    return added


def test_a_save_that_moves_no_file_is_not_checked_again_and_a_clash_still_stops_the_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = essays_project(tmp_path / "p", {"alpha.md": ALPHA, "beta.md": BETA}, BASE_CONFIG)
    served, clean = tmp_path / "served", tmp_path / "clean"
    added = _counting(monkeypatch)
    session = Session(root, served)
    beta = root / "docs/posts/beta.md"
    try:
        session.build()
        assert "posts/alpha/index.html" in added
        added.clear()
        (root / "docs/posts/alpha.md").write_text(ALPHA.replace("Text.", "Other text."))
        session.build()
        assert added == [], "the same paths as the last clean build: nothing checked"
        served_as_clean(root, served, clean)

        # beta's address made the theme's 404.html (as many files, the same writers, one path
        # moved): the build stops, naming both sides
        beta.write_text(BETA.replace('title = "Beta"', 'title = "Beta"\nurl = "/404.html"'))
        for _ in range(2):  # (a build that stopped is not taken for a clean one)
            session.records.clear()
            with pytest.raises((PluginError, Abort)) as error:
                session.build()
            said = str(error.value) + "".join(r.getMessage() for r in session.records)
            assert "the essay docs/posts/beta.md" in said and "the theme's 404.html" in said, said

        beta.write_text(BETA)
        added.clear()
        session.build()
        assert added == [], "the paths of the last clean build again: clean"
        served_as_clean(root, served, clean)
    finally:
        session.close()


def test_mkdocs_own_clash_is_said_at_every_build(tmp_path: Path) -> None:
    root = essays_project(tmp_path / "p", {"alpha.md": ALPHA}, BASE_CONFIG)
    (root / "docs/404.html").write_text("<p>mine</p>", "utf-8")
    session = Session(root, tmp_path / "served")
    try:
        for build in range(3):
            session.records.clear()
            session.build()
            said = [
                r.getMessage() for r in session.records if "is also the theme's" in r.getMessage()
            ]
            assert len(said) == 1, (build, said)
    finally:
        session.close()
