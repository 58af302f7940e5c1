"""Pages whose only change is their local map get the new map put into the file the last build
wrote, and are not rendered again (``incremental/patching.py``, issue 23): the site is then
what a clean build writes, save after save; a file whose map is not where its record says is
rendered as any other page."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import BASE_CONFIG
from serve_session import FOUR_ESSAYS, Session, served, served_as_clean


@pytest.fixture
def session(tmp_path: Path) -> Iterator[Session]:
    """:data:`FOUR_ESSAYS` with local maps, ``alpha`` linking to ``beta``, ``beta`` with text
    that is not ASCII."""
    essays = dict(FOUR_ESSAYS)
    essays["alpha.md"] += "\nSee [Beta](beta.md).\n"
    # (text that is not ASCII before the map: where the map is, in bytes, is not in characters)
    essays["beta.md"] += "\nCafé crème, naïve — déjà vu.\n"
    yield from served(tmp_path, BASE_CONFIG, essays, local_map=True)


def _rename(session: Session, old: str, new: str) -> None:
    path = session.root / "docs" / "posts" / "alpha.md"
    path.write_text(path.read_text("utf-8").replace(f"## {old}", f"## {new}"), "utf-8")


def test_a_page_whose_map_alone_changed_gets_the_new_map(session: Session, tmp_path: Path) -> None:
    """A section of ``alpha`` renamed: its card moves. Beta's page (linked from alpha) shows
    alpha as before, and alpha's card two steps out on its map: only its map changed."""
    beta = session.site_dir / "posts" / "beta" / "index.html"
    before = beta.read_text("utf-8")
    _rename(session, "A section of alpha", "Renamed section")
    session.build()
    engine = session.plugin.incremental
    assert "posts/beta.md" in engine.patched, (engine.patched, engine.built)
    assert "posts/beta.md" not in engine.built
    assert "posts/alpha.md" in engine.built  # (its text changed: rendered)
    after = beta.read_text("utf-8")
    assert after != before and "renamed-section" in after
    served_as_clean(session.root, session.site_dir, tmp_path / "clean")
    # the record of a page patched says where its new map is: patched again
    _rename(session, "Renamed section", "Renamed again")
    session.build()
    assert "posts/beta.md" in engine.patched, (engine.patched, engine.built)
    assert "renamed-again" in beta.read_text("utf-8")
    served_as_clean(session.root, session.site_dir, tmp_path / "clean")


def test_a_file_whose_map_is_not_the_recorded_one_is_rendered(
    session: Session, tmp_path: Path
) -> None:
    """The bytes where the record says the map is are not that map (here: changed behind the
    server's back, as a plugin that moves the map after this one would leave them): the page
    is rendered, and the site is a clean build's."""
    record = session.plugin.incremental.state.pages["posts/beta.md"]
    assert record.local is not None, "beta's page is written with a map it can be given again"
    beta = session.site_dir / "posts" / "beta" / "index.html"
    data = bytearray(beta.read_bytes())
    at = record.local.at + record.local.length // 2
    data[at : at + 1] = b" " if data[at : at + 1] != b" " else b"\n"
    beta.write_bytes(bytes(data))
    _rename(session, "A section of alpha", "Renamed section")
    session.build()
    engine = session.plugin.incremental
    assert "posts/beta.md" in engine.built and "posts/beta.md" not in engine.patched
    served_as_clean(session.root, session.site_dir, tmp_path / "clean")
