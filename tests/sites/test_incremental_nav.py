"""Pages of the navigation in an incremental build (issue 23): a site without ``nav:`` (a
Hugo site imported, a writer's pages beside the essays) has every page of ``docs/`` in the
navigation of every page. They are left out of a build like any other page, keeping the title
and meta the navigation shows of them; when one is built again and its title changes, every
page shows the new navigation, so every page is built.

Each save is served as `mkdocs serve` builds it (``tests/serve_session.py``) and compared, file
by file, with a clean build of the same files.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from serve_session import Session, clean_build, differences

PAGES = {
    "docs/index.md": "# Home\n\nWelcome.\n",
    "docs/guide/setup.md": "# Setting up\n\nInstall it.\n",
    "docs/guide/usage.md": "---\ntitle: Using it\n---\n\nRun it with care.\n",
    "docs/guide/faq.md": "Questions, answered.\n",  # (a title from the file's name)
    "docs/posts/alpha.md": "+++\ntitle = 'Alpha'\ndate = 2024-03-01\ntags = ['LLM']\n+++\n\n"
    "Alpha begins.\n\n## Caching prompts\n\nPrompt caching saves tokens.\n",
    "docs/posts/beta.md": "+++\ntitle = 'Beta'\ndate = 2024-03-02\ntags = ['LLM']\n+++\n\n"
    "Beta begins.\n\n## Ranking chunks\n\nRetrieval ranks chunks.\n",
}


@pytest.fixture(autouse=True)
def _build_date(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1709600000")


def write(root: Path, path: str, text: str) -> None:
    target = root / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, "utf-8")


@pytest.fixture
def served(tmp_path: Path) -> tuple[Path, Session]:
    root = tmp_path / "project"
    root.mkdir()
    config = {
        "site_name": "Navigation",
        "site_url": "https://example.org/",
        "theme": {"name": "material", "features": ["navigation.footer"]},
        "plugins": ["search", "essays"],
        "markdown_extensions": [{"toc": {"permalink": True}}, "attr_list"],
    }
    write(root, "mkdocs.yml", yaml.safe_dump(config, sort_keys=False))
    for path, text in PAGES.items():
        write(root, path, text)
    session = Session(root, tmp_path / "served")
    session.build()
    yield root, session
    session.close()


def save_and_compare(root: Path, session: Session, path: str, text: str | None) -> list[str]:
    """Save (or delete) a file, build as the server does; the pages built. The site served
    must be a clean build's."""
    if text is None:
        (root / path).unlink()
    else:
        write(root, path, text)
    session.build()
    clean = root.parent / "clean"
    shutil.rmtree(clean, ignore_errors=True)
    clean_build(root, clean)
    assert differences(session.site_dir, clean) == [], f"after saving {path}"
    return session.plugin.incremental.built


def test_a_body_saved_builds_its_page_not_the_navigation(served: tuple[Path, Session]) -> None:
    root, session = served
    built = save_and_compare(root, session, "docs/guide/setup.md", "# Setting up\n\nPip it.\n")
    assert "guide/setup.md" in built
    assert "guide/usage.md" not in built and "index.md" not in built, built


def test_a_title_saved_builds_every_page(served: tuple[Path, Session]) -> None:
    root, session = served
    total = len(session.plugin.incremental.state.pages)
    built = save_and_compare(root, session, "docs/guide/setup.md", "# Installing\n\nPip it.\n")
    assert len(built) == total  # (every page shows the navigation, and the footer's titles)
    built = save_and_compare(root, session, "docs/guide/usage.md", "---\ntitle: Use\n---\n\nGo.\n")
    assert len(built) == total
    served_page = (session.site_dir / "posts" / "alpha" / "index.html").read_text("utf-8")
    assert "Installing" in served_page and "Use" in served_page


def test_a_page_added_or_deleted_changes_every_navigation(served: tuple[Path, Session]) -> None:
    root, session = served
    save_and_compare(root, session, "docs/guide/news.md", "# News\n\nFresh.\n")
    save_and_compare(root, session, "docs/guide/news.md", None)
    built = save_and_compare(root, session, "docs/posts/beta.md", PAGES["docs/posts/beta.md"])
    assert "guide/faq.md" not in built  # (nothing changed: the navigation pages are kept)
