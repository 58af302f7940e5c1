"""Where a build that keeps pages writes the ones it renders (``incremental/engine.py``,
``Run._write_flat`` and ``Run._move_in``): all in one folder beside the site, moved into their
places once the build is done, so no folder is made for each page (a new essay at 1,000
essays renders 530 pages). Under `mkdocs serve`, a file replaced keeps a second name until
the folder beside the site is deleted off the build's thread, so freeing its blocks costs
the save nothing. A build that fails leaves the site as it was."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import BASE_CONFIG
from serve_session import Session, essays_project, served_as_clean

ESSAYS = {
    f"{name}.md": (
        f'+++\ntitle = "{name.title()}"\ndate = 2024-03-0{i + 1}\ntags = ["x"]\n+++\n\n'
        f"{name.title()} begins.\n\n## A section of {name}\n\nText of {name} about caching.\n"
    )
    for i, name in enumerate(["alpha", "beta", "gamma", "delta"])
}


@pytest.fixture
def session(tmp_path: Path) -> Iterator[Session]:
    root = essays_project(tmp_path / "project", ESSAYS, BASE_CONFIG)
    session = Session(root, tmp_path / "site")
    try:
        session.build()
        yield session
    finally:
        session.close()


def _save(session: Session, name: str, text: str) -> None:
    path = session.root / "docs" / "posts" / name
    path.write_text(path.read_text("utf-8") + text, "utf-8")


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
    beside = session.site_dir.parent / (session.site_dir.name + ".mkdocs-essays-new")
    flat = str(beside / ".pages")
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


def test_a_file_replaced_keeps_a_name_until_the_build_is_done(
    session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    links: list[int] = []
    replace = os.replace

    def checking(source, target, *args, **kwargs):  # type: ignore[no-untyped-def]
        with contextlib.suppress(FileNotFoundError):
            links.append(os.stat(target).st_nlink)
        return replace(source, target, *args, **kwargs)

    monkeypatch.setattr(os, "replace", checking)
    _save(session, "beta.md", "\nAnother word.\n")
    session.build()
    monkeypatch.undo()
    # the essay, ``cards.json``, the search index: each had a second name when replaced, so
    # the replacement dropped no file's last name (its blocks are freed off the thread)
    assert len(links) >= 3 and all(count >= 2 for count in links), links
    assert "Another word." in (session.site_dir / "posts/beta/index.html").read_text("utf-8")
