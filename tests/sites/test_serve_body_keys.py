"""An essay's key under `mkdocs serve` (``incremental/keys.py``): worked out once per build
while no page is rendered, and again from the links a page looked up once it is rendered, so
an essay whose links changed is rendered once, then kept."""

from __future__ import annotations

from pathlib import Path

from conftest import BASE_CONFIG
from serve_session import Session, essays_project, served_as_clean


def _essay(title: str, date: str, text: str) -> str:
    return f'+++\ntitle = "{title}"\ndate = {date}\n+++\n\n{text}\n\n## Part of {title}\n\nWords.\n'


def test_an_essay_whose_links_changed_is_rendered_once_then_kept(tmp_path: Path) -> None:
    essays = {
        "alpha.md": _essay("Alpha", "2024-03-01", "See [Beta](beta.md)."),
        "beta.md": _essay("Beta", "2024-03-02", "Beta."),
    }
    root = essays_project(tmp_path / "p", essays, BASE_CONFIG)
    about = root / "docs/about.md"
    about.write_text("# About\n\nA page.\n", "utf-8")
    served, clean = tmp_path / "served", tmp_path / "clean"
    session = Session(root, served)
    posts = root / "docs/posts"
    try:
        session.build()
        session.build()
        (posts / "gamma.md").write_text(_essay("Gamma", "2024-03-03", "Gamma."), "utf-8")
        (posts / "alpha.md").write_text(
            _essay("Alpha", "2024-03-01", "See [Beta](beta.md) and [Gamma](gamma.md)."), "utf-8"
        )
        session.build()
        assert "posts/alpha.md" in session.plugin.incremental.built
        served_as_clean(root, served, clean)
        about.write_text("# About\n\nA page, again.\n", "utf-8")
        session.build()
        built = session.plugin.incremental.built
        assert "about.md" in built
        assert "posts/alpha.md" not in built, "Alpha's key is the one its links gave"
        served_as_clean(root, served, clean)
    finally:
        session.close()
