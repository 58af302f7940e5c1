"""A build that fails under `mkdocs serve` (a page that cannot be rendered) leaves the site as
it was, and the writer's next save gives the site a clean build writes. ``sitemap.xml`` is
rendered before the pages: the one the failed build made beside the site is thrown away with
it, and the next build must not take the site's own (the last good build's) for it
(``incremental/engine.py``, ``Run.post_template`` and ``Run.finish``)."""

from __future__ import annotations

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


def test_a_build_that_fails_leaves_the_site_as_it_was(
    session: Session, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from mkdocs_essays.build import EssaysBuild

    site = session.site_dir
    before = {_rel(str(p), site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    rendered: list[str] = []
    render = EssaysBuild.render_page

    def failing(self, page):  # type: ignore[no-untyped-def]
        rendered.append(page.file.src_uri)
        if len(rendered) == 3:  # (two pages are written by then)
            raise RuntimeError("a page that cannot be rendered")
        return render(self, page)

    monkeypatch.setattr(EssaysBuild, "render_page", failing)
    _save(session, "gamma.md", "\nA third word.\n")
    text = (session.root / "docs/posts/gamma.md").read_text("utf-8")
    (session.root / "docs/posts/gamma.md").write_text(
        text.replace('tags = ["x"]', 'tags = ["x", "other"]'), "utf-8"
    )
    with pytest.raises(Exception, match="cannot be rendered"):
        session.build()
    assert len(rendered) == 3
    after = {_rel(str(p), site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    assert after.keys() == before.keys()
    assert [path for path in before if before[path] != after[path]] == []
    monkeypatch.undo()
    session.build()  # the writer's next save: the site is the one a clean build writes
    assert "A third word." in (site / "posts/gamma/index.html").read_text("utf-8")
    served_as_clean(session.root, site, tmp_path / "clean")
