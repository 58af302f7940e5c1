"""``sitemap.xml`` under `mkdocs serve` (``incremental/engine.py``): a save that leaves every
page's address and date as they were keeps the last build's ``sitemap.xml`` and ``.gz``, not
6,000 pages listed through Jinja and compressed again; a new essay is listed; a theme's own
``sitemap.xml`` is always rendered. After each save the site is the one a clean build writes."""

from __future__ import annotations

from pathlib import Path

import yaml
from conftest import BASE_CONFIG
from serve_session import Session, essays_project, served_as_clean

ALPHA = (
    '+++\ntitle = "Alpha"\ndate = 2024-03-01\ntags = ["LLM"]\n+++\n\nAlpha.\n\n## One\n\nText.\n'
)
BETA = '+++\ntitle = "Beta"\ndate = 2024-03-02\ntags = ["LLM"]\n+++\n\nBeta.\n\n## Two\n\nMore.\n'


def test_a_save_that_moves_no_page_keeps_the_sitemap_and_a_new_essay_is_listed(
    tmp_path: Path,
) -> None:
    root = essays_project(tmp_path / "p", {"alpha.md": ALPHA}, BASE_CONFIG)
    served, clean = tmp_path / "served", tmp_path / "clean"
    session = Session(root, served)
    incremental = session.plugin.incremental
    try:
        session.build()
        session.build()  # (the first build with records: the sitemap is rendered and kept)
        kept = incremental.sitemap
        assert kept is not None
        written = {n: (served / n).stat().st_mtime_ns for n in ("sitemap.xml", "sitemap.xml.gz")}
        (root / "docs/posts/alpha.md").write_text(ALPHA.replace("Text.", "Other text."))
        session.records.clear()
        session.build()
        assert incremental.sitemap is kept, "the same pages: the XML is given back"
        # (and MkDocs writes neither file again: the site's stand, and no "skipped" is said)
        assert {n: (served / n).stat().st_mtime_ns for n in written} == written
        assert not [r for r in session.records if "sitemap" in r.getMessage()]
        served_as_clean(root, served, clean)

        (root / "docs/posts/beta.md").write_text(BETA)
        session.build()
        assert incremental.sitemap is not kept
        assert "posts/beta/" in (served / "sitemap.xml").read_text("utf-8")
        served_as_clean(root, served, clean)
    finally:
        session.close()


def test_a_themes_own_sitemap_is_rendered_at_every_save(tmp_path: Path) -> None:
    root = essays_project(tmp_path / "p", {"alpha.md": ALPHA, "beta.md": BETA}, BASE_CONFIG)
    config = yaml.safe_load((root / "mkdocs.yml").read_text("utf-8"))
    config["theme"] = {**config["theme"], "custom_dir": "overrides"}
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), "utf-8")
    (root / "overrides").mkdir()
    (root / "overrides/sitemap.xml").write_text("<pages>{{ pages|length }}</pages>\n", "utf-8")
    served, clean = tmp_path / "served", tmp_path / "clean"
    session = Session(root, served)
    try:
        session.build()
        first = (served / "sitemap.xml").read_text("utf-8")
        assert first.startswith("<pages>") and first != "<pages>0</pages>\n"
        (root / "docs/posts/alpha.md").write_text(ALPHA.replace("Text.", "Other text."))
        session.build()
        session.build()
        assert (served / "sitemap.xml").read_text("utf-8") == first
        assert session.plugin.incremental.sitemap is None
        served_as_clean(root, served, clean)
    finally:
        session.close()
