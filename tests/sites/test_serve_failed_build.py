"""A build that fails under `mkdocs serve` (a page that cannot be rendered) leaves the site as
it was, and the writer's next save gives the site a clean build writes. ``sitemap.xml`` is
rendered before the pages: the one the failed build made beside the site is thrown away with
it, and the next build must not take the site's own (the last good build's) for it
(``incremental/engine.py``, ``Run.post_template`` and ``Run.finish``)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import BASE_CONFIG
from serve_session import Session, append, served, served_as_clean, site_files


@pytest.fixture
def session(tmp_path: Path) -> Iterator[Session]:
    yield from served(tmp_path, BASE_CONFIG)


def test_a_build_that_fails_leaves_the_site_as_it_was(
    session: Session, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from mkdocs_essays.build import EssaysBuild

    site = session.site_dir
    before = {rel: path.read_bytes() for rel, path in site_files(site).items()}
    rendered: list[str] = []
    render = EssaysBuild.render_page

    def failing(self, page):  # type: ignore[no-untyped-def]
        rendered.append(page.file.src_uri)
        if len(rendered) == 3:  # (two pages are written by then)
            raise RuntimeError("a page that cannot be rendered")
        return render(self, page)

    monkeypatch.setattr(EssaysBuild, "render_page", failing)
    append(session.root, "gamma.md", "\nA third word.\n")
    text = (session.root / "docs/posts/gamma.md").read_text("utf-8")
    (session.root / "docs/posts/gamma.md").write_text(
        text.replace('tags = ["x"]', 'tags = ["x", "other"]'), "utf-8"
    )
    with pytest.raises(Exception, match="cannot be rendered"):
        session.build()
    assert len(rendered) == 3
    after = {rel: path.read_bytes() for rel, path in site_files(site).items()}
    assert after.keys() == before.keys()
    assert [path for path in before if before[path] != after[path]] == []
    monkeypatch.undo()
    session.build()  # the writer's next save: the site is the one a clean build writes
    assert "A third word." in (site / "posts/gamma/index.html").read_text("utf-8")
    served_as_clean(session.root, site, tmp_path / "clean")
