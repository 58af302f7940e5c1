"""Under `mkdocs serve`, the records of the server's own last build are trusted without reading
the status of each page they stand for (``incremental/engine.py``, ``Run._present``): the
server's site is MkDocs' temporary folder, which only its builds write. Records read from the
disk at a server's start are checked, page by page (``test_disk_cache.py`` deletes a copy)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import BASE_CONFIG
from serve_session import FOUR_ESSAYS, Session, essays_project


@pytest.fixture
def stats(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Every path ``os.stat`` is asked for, in order."""
    seen: list[str] = []
    original = os.stat

    def counting(path, *args, **kwargs):  # type: ignore[no-untyped-def]
        seen.append(os.fspath(path))
        return original(path, *args, **kwargs)

    monkeypatch.setattr(os, "stat", counting)
    yield seen


def test_a_save_reads_no_status_of_the_pages_the_last_build_wrote(
    tmp_path: Path, stats: list[str]
) -> None:
    root = essays_project(tmp_path / "project", FOUR_ESSAYS, BASE_CONFIG)
    site_dir = tmp_path / "site"
    session = Session(root, site_dir)
    try:
        session.build()
        first = set(session.plugin.incremental.built)
        assert "posts/beta.md" in first
        target = root / "docs" / "posts" / "alpha.md"
        target.write_text(target.read_text("utf-8") + "\nOne more word.\n", "utf-8")
        stats.clear()
        session.build()
        built = set(session.plugin.incremental.built)
        records = session.plugin.incremental.state.pages
        kept = {records[src].dest for src in records if src not in built}
        written = {records[src].dest for src in built}
        assert "posts/alpha/index.html" in written and kept, (built, kept)
        pages = {
            os.path.relpath(path, site_dir).replace(os.sep, "/")
            for path in stats
            if path.startswith(str(site_dir) + os.sep) and path.endswith(".html")
        }
        # the pages this build wrote are read once written (their records); the kept ones not
        assert not pages & kept
        assert written <= pages
        assert all((site_dir / dest).is_file() for dest in kept)
    finally:
        session.close()
