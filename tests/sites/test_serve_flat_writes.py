"""Where a build that keeps pages writes the ones it renders (``incremental/engine.py``,
``Run._write_flat`` and ``Run._move_in``): all in one folder beside the site, moved into their
places once the build is done, so no folder is made for each page (a new essay at 1,000
essays renders 530 pages). Under `mkdocs serve`, a file of the site that a new one replaces
is moved into that folder first, which is deleted off the build's thread: freeing its blocks
costs the save nothing, and no file is replaced (ext4 writes out a file moved over another
at once). A build that fails leaves the site as it was: ``test_serve_failed_build.py``."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import BASE_CONFIG
from mkdocs_essays.incremental.engine import FLAT, NEW
from serve_session import Session, append, served, served_as_clean


@pytest.fixture
def session(tmp_path: Path) -> Iterator[Session]:
    yield from served(tmp_path, BASE_CONFIG)


def _rel(path: str, root: Path) -> str:
    return os.path.relpath(path, root).replace(os.sep, "/")


def test_pages_rendered_get_no_folder_of_their_own_beside_the_site(
    session: Session, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import mkdocs.commands.build

    made: list[str] = []
    written: list[str] = []
    mkdir, write = os.mkdir, mkdocs.commands.build.utils.write_file

    def counting(path, *args, **kwargs):  # type: ignore[no-untyped-def]
        mkdir(path, *args, **kwargs)
        made.append(os.fspath(path))  # (a folder made: not one asked for that was there)

    def writing(content: bytes, path: str) -> None:
        written.append(path)
        write(content, path)

    monkeypatch.setattr(os, "mkdir", counting)
    monkeypatch.setattr(mkdocs.commands.build.utils, "write_file", writing)
    # a new tag: its essay, the tag's pages and every listing that shows the essay's tags
    text = (session.root / "docs/posts/alpha.md").read_text("utf-8")
    (session.root / "docs/posts/alpha.md").write_text(
        text.replace('tags = ["x"]', 'tags = ["x", "fresh"]') + "\nA new word.\n", "utf-8"
    )
    session.build()
    built = session.plugin.incremental.built
    assert len(built) >= 5 and "posts/alpha.md" in built, built
    beside = session.site_dir.parent / (session.site_dir.name + NEW)
    flat = str(beside / FLAT)
    pages = [p for p in written if p.endswith("index.html") or os.path.dirname(p) == flat]
    assert len(pages) == len(built), (pages, built)
    # every page into one folder: no folder made beside the site for a page
    assert {os.path.dirname(p) for p in pages} == {flat}
    assert str(beside / "posts") not in made
    # the tag's pages are new: their folders are made in the site (the only ones: the others
    # were there), each once
    inside = str(session.site_dir) + os.sep
    in_site = [_rel(p, session.site_dir) for p in made if p.startswith(inside)]
    assert "tags/fresh" in in_site and len(in_site) == len(set(in_site)), in_site
    assert all(p.startswith("tags/fresh") for p in in_site), in_site
    assert "A new word." in (session.site_dir / "posts/alpha/index.html").read_text("utf-8")
    monkeypatch.undo()
    served_as_clean(session.root, session.site_dir, tmp_path / "clean")


def test_a_file_replaced_is_moved_aside_before_the_new_one_is_moved_in(
    session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = str(session.site_dir) + os.sep
    there: list[tuple[str, bool]] = []
    replace = os.replace

    def checking(source, target, *args, **kwargs):  # type: ignore[no-untyped-def]
        if os.fspath(target).startswith(site):
            there.append((_rel(target, session.site_dir), os.path.exists(target)))
        return replace(source, target, *args, **kwargs)

    before = (session.site_dir / "patterns/cards.json").read_bytes()
    monkeypatch.setattr(os, "replace", checking)
    append(session.root, "beta.md", "\nAnother word.\n")
    session.build()
    monkeypatch.undo()
    moved = dict(there)
    # the essay, ``cards.json``, the search index: each replaced a file of the site, which
    # was moved aside first (its blocks are freed off the thread, and no file is replaced)
    assert {"posts/beta/index.html", "patterns/cards.json"} <= moved.keys(), moved
    assert not any(moved.values()), moved
    assert "Another word." in (session.site_dir / "posts/beta/index.html").read_text("utf-8")
    assert (session.site_dir / "patterns/cards.json").read_bytes() != before
