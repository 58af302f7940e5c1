"""A listing's later pages whose items alone changed get their new content in the file the last
build wrote, and are not rendered again (``incremental/patching.py``, issue 23): the site is
then what a clean build writes, save after save; a file whose content is not where its record
says is rendered, and so is a page whose words are in the search index."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import BASE_CONFIG
from serve_session import FOUR_ESSAYS, Session, served, served_as_clean

PAGE_2 = "posts/page/2/index.md"
"""The essay index's second page (two essays a page): out of search and of the navigation."""


def _essay(name: str, day: int) -> str:
    return (
        f'+++\ntitle = "{name.title()}"\ndate = 2024-03-{day:02d}\ntags = ["x"]\n+++\n\n'
        f"{name.title()} begins.\n\n## A section of {name}\n\nText of {name} about caching.\n"
    )


@pytest.fixture
def session(tmp_path: Path) -> Iterator[Session]:
    """Five essays, two a page: every listing has three pages, and a sixth essay keeps three."""
    essays = {**FOUR_ESSAYS, "epsilon.md": _essay("epsilon", 5)}
    yield from served(tmp_path, BASE_CONFIG, essays, options={"pager_size": 2})


def _add(session: Session, name: str, day: int) -> None:
    (session.root / "docs" / "posts" / name).write_text(_essay(name[:-3], day), "utf-8")


def test_a_new_essay_gives_the_later_pages_their_new_items(
    session: Session, tmp_path: Path
) -> None:
    """The newest essay comes first: every page of the index moves by one essay."""
    page = session.site_dir / "posts" / "page" / "2" / "index.html"
    before = page.read_text("utf-8")
    _add(session, "zeta.md", 9)
    session.build()
    engine = session.plugin.incremental
    assert PAGE_2 in engine.contents, (engine.contents, engine.built)
    assert PAGE_2 in engine.patched and PAGE_2 not in engine.built
    assert "tags/x/page/2/index.md" in engine.contents
    # the first page is searched: its entries are made again, so it is rendered
    assert "posts/index.md" in engine.built and "posts/index.md" not in engine.patched
    after = page.read_text("utf-8")
    assert after != before
    served_as_clean(session.root, session.site_dir, tmp_path / "clean")
    # the record of a page patched says where its new content is: patched again (delta is on
    # the second page now: zeta and epsilon are newer)
    delta = session.root / "docs" / "posts" / "delta.md"
    delta.write_text(delta.read_text("utf-8").replace('"Delta"', '"Delta, retitled"'), "utf-8")
    session.build()
    assert PAGE_2 in engine.contents, (engine.contents, engine.built)
    assert "Delta, retitled" in page.read_text("utf-8")
    served_as_clean(session.root, session.site_dir, tmp_path / "clean")
    # a seventh essay: four pages, not three. The numbers under page 2 are its content; the
    # pages it links to in its head (1 and 3) are the same
    _add(session, "eta.md", 10)
    session.build()
    assert PAGE_2 in engine.contents, (engine.contents, engine.built)
    assert 'href="../4/"' in page.read_text("utf-8")
    served_as_clean(session.root, session.site_dir, tmp_path / "clean")


def test_a_file_whose_content_is_not_the_recorded_one_is_rendered(
    session: Session, tmp_path: Path
) -> None:
    """The bytes where the record says the content is are not that content (changed behind
    the server's back): the page is rendered, and the site is a clean build's."""
    record = session.plugin.incremental.state.pages[PAGE_2]
    assert record.local is not None, "the page is written with a content it can be given again"
    assert not record.search
    page = session.site_dir / "posts" / "page" / "2" / "index.html"
    data = bytearray(page.read_bytes())
    at = record.local.at + record.local.length // 2
    data[at : at + 1] = b" " if data[at : at + 1] != b" " else b"\n"
    page.write_bytes(bytes(data))
    _add(session, "zeta.md", 9)
    session.build()
    engine = session.plugin.incremental
    assert PAGE_2 in engine.built and PAGE_2 not in engine.patched
    assert "tags/x/page/2/index.md" in engine.contents  # (the others are patched)
    served_as_clean(session.root, session.site_dir, tmp_path / "clean")


def test_a_page_that_moves_to_another_pager_is_rendered(session: Session, tmp_path: Path) -> None:
    """An essay deleted: the index has two pages, not three. Its second page links to no third
    page, and its head says so: more than its content changed, so it is rendered."""
    (session.root / "docs" / "posts" / "epsilon.md").unlink()
    session.build()
    engine = session.plugin.incremental
    assert PAGE_2 in engine.built and PAGE_2 not in engine.patched, engine.contents
    assert not (session.site_dir / "posts" / "page" / "3").exists()
    served_as_clean(session.root, session.site_dir, tmp_path / "clean")
