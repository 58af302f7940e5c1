"""`mkdocs serve` sets what its builds keep aside from the garbage collector a moment after
each build (``incremental/memory.py``); `mkdocs build` does not, and a served site is the
same either way."""

from __future__ import annotations

import gc
import time
from pathlib import Path

import pytest
import yaml
from conftest import BASE_CONFIG, run_build, write_tree
from mkdocs_essays.incremental import memory
from serve_session import Session

ESSAY = (
    '+++\ntitle = "Alpha"\ndate = 2024-03-01\ntags = ["LLM"]\n+++\n\nAlpha.\n\n## One\n\nText.\n'
)


def _until(condition, seconds: float = 20.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


def _project(root: Path) -> None:
    config = {**BASE_CONFIG, "plugins": ["search", "essays"]}
    write_tree(
        root,
        {"mkdocs.yml": yaml.safe_dump(config, sort_keys=False), "docs/posts/alpha.md": ESSAY},
    )


def test_serve_settles_after_each_build_and_not_during_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(memory, "IDLE", 0.5)  # (the tests' default: no settling)
    _project(tmp_path / "p")
    session = Session(tmp_path / "p", tmp_path / "site")
    try:
        session.build()
        settle = session.plugin.settle
        assert _until(lambda: settle.settled == 1), "settled a moment after the build"
        assert gc.get_freeze_count() > 0
        page = tmp_path / "p" / "docs/posts/alpha.md"
        page.write_text(ESSAY.replace("Text.", "Other text."), "utf-8")
        session.build()
        assert _until(lambda: settle.settled == 2)
        served = (tmp_path / "site" / "posts/alpha/index.html").read_text("utf-8")
        assert "Other text." in served
    finally:
        session.close()
    assert gc.get_freeze_count() == 0, "the server's end gives everything back"


def test_build_does_not_settle(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(memory, "IDLE", 0.1)
    _project(tmp_path)
    site = run_build(tmp_path)
    time.sleep(1.0)
    assert site.plugin.settle.settled == 0


def test_a_save_builds_with_the_collector_paused_unless_it_renders_too_many_pages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(memory, "IDLE", 0.1)
    _project(tmp_path / "p")
    session = Session(tmp_path / "p", tmp_path / "site")
    seen: list[tuple[int | None, bool]] = []
    try:
        session.build()
        settle = session.plugin.settle
        rendering = settle.rendering

        def noted(pages: int | None) -> None:
            rendering(pages)
            seen.append((pages, gc.isenabled()))

        monkeypatch.setattr(settle, "rendering", noted)
        assert _until(lambda: settle.settled == 1)
        page = tmp_path / "p" / "docs/posts/alpha.md"
        page.write_text(ESSAY.replace("Text.", "Other text."), "utf-8")
        session.build()
        assert seen[-1][1] is False, "a save renders with the collector paused"
        assert 0 < seen[-1][0] <= memory.PAUSED_PAGES
        assert _until(lambda: settle.settled == 2)
        assert gc.isenabled(), "the settling gives the collector back"
        monkeypatch.setattr(memory, "PAUSED_PAGES", 0)
        page.write_text(ESSAY, "utf-8")
        session.build()
        assert seen[-1][1] is True, "past PAUSED_PAGES the collector runs again"
        assert "Text." in (tmp_path / "site" / "posts/alpha/index.html").read_text("utf-8")
    finally:
        session.close()
    assert gc.isenabled()
