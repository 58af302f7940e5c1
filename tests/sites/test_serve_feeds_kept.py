"""The RSS feeds under `mkdocs serve` (``feeds/rss.py``): a feed whose channel is what the last
build wrote is not written out again; one whose essays changed is; a term gone takes its feed
with it. After each save the site is the one a clean build writes."""

from __future__ import annotations

from pathlib import Path

from conftest import BASE_CONFIG
from serve_session import Session, essays_project, served_as_clean


def _essay(title: str, date: str, tag: str) -> str:
    return (
        f'+++\ntitle = "{title}"\ndate = {date}\ntags = ["{tag}"]\n+++\n\n'
        f"{title} opens.\n\n## A part of {title}\n\nWords.\n"
    )


def test_a_feed_is_written_again_only_when_its_channel_changes(tmp_path: Path) -> None:
    essays = {
        "alpha.md": _essay("Alpha", "2024-03-01", "LLM"),
        "beta.md": _essay("Beta", "2024-03-02", "Ops"),
    }
    root = essays_project(tmp_path / "p", essays, BASE_CONFIG)
    served, clean = tmp_path / "served", tmp_path / "clean"
    session = Session(root, served)
    try:
        session.build()
        written = session.plugin.cache.get("rss feeds", b"", dict)
        before = {path: kept.value for path, kept in written.items()}
        assert "feed.xml" in before and len(before) == 3, sorted(before)
        ops = next(p for p in before if "ops" in p)
        llm = next(p for p in before if "llm" in p)

        alpha = root / "docs/posts/alpha.md"
        alpha.write_text(_essay("Alpha renamed", "2024-03-01", "LLM"), "utf-8")
        session.build()
        written = session.plugin.cache.get("rss feeds", b"", dict)
        assert written[ops].value is before[ops], "Beta's feed is as it was: not written again"
        assert "Alpha renamed" in written[llm].value
        assert "Alpha renamed" in written["feed.xml"].value
        served_as_clean(root, served, clean)

        alpha.write_text(_essay("Alpha renamed", "2024-03-01", "Ops"), "utf-8")
        session.build()
        written = session.plugin.cache.get("rss feeds", b"", dict)
        assert llm not in written, "the term is gone, and its feed with it"
        assert "Alpha renamed" in written[ops].value
        served_as_clean(root, served, clean)
    finally:
        session.close()
