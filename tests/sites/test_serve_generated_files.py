"""The generated pages' ``File`` objects under `mkdocs serve` (``incremental/files.py``): made
once and handed out again, as they were made, while the incremental engine runs; what a build
set on one (its page, its inclusion, a path moved for ``use_directory_urls: false``) does not
reach the next build, and the site served is the clean build's."""

from __future__ import annotations

from pathlib import Path

import yaml
from conftest import BASE_CONFIG
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import InclusionLevel
from mkdocs_essays.incremental.files import GeneratedFiles
from serve_session import Session, served_as_clean


def _essay(title: str, day: int, tags: list[str], sections: dict[str, str]) -> str:
    body = "\n\n".join(f"## {heading}\n\n{text}" for heading, text in sections.items())
    head = f'+++\ntitle = "{title}"\ndate = 2024-03-{day:02d}\ntags = {tags!r}\n+++\n\n'
    return f"{head}{title} opens.\n\n<!--more-->\n\n{body}\n"


def _config(root: Path) -> MkDocsConfig:
    config = MkDocsConfig()
    (root / "docs").mkdir()
    config.load_dict(
        {"site_name": "x", "site_dir": str(root / "site"), "docs_dir": str(root / "docs")}
    )
    errors, _ = config.validate()
    assert not errors
    config.plugins._current_plugin = "essays"  # (as while the plugin's on_files runs)
    return config


def test_a_file_is_handed_out_again_as_it_was_made(tmp_path: Path) -> None:
    config = _config(tmp_path)
    made = GeneratedFiles()
    made.begin(reuse=True)
    file = made.file(config, "patterns/a/b.md", InclusionLevel.NOT_IN_NAV)
    url, dest = file.url, file.dest_uri
    # what a build does to it
    file.page = object()  # type: ignore[assignment]
    file.inclusion = InclusionLevel.EXCLUDED
    file.dest_uri, file.url = "elsewhere.html", "elsewhere.html"
    made.begin(reuse=True)
    again = made.file(config, "patterns/a/b.md", InclusionLevel.NOT_IN_NAV)
    assert again is file
    assert again.page is None and again.inclusion is InclusionLevel.NOT_IN_NAV
    assert (again.url, again.dest_uri) == (url, dest)
    # another inclusion, another file; a build that does not reuse makes its own
    other = made.file(config, "patterns/a/b.md", InclusionLevel.INCLUDED)
    assert other is not file
    made.begin(reuse=False)
    assert made.file(config, "patterns/a/b.md", InclusionLevel.NOT_IN_NAV) is not file
    # what the last reusing build did not ask for is let go
    made.begin(reuse=True)
    made.file(config, "patterns/c.md", InclusionLevel.NOT_IN_NAV)
    made.begin(reuse=True)
    assert made.file(config, "patterns/a/b.md", InclusionLevel.NOT_IN_NAV) is not file


def test_served_with_the_files_of_the_last_build_is_the_clean_build(tmp_path: Path) -> None:
    root = tmp_path / "p"
    plugins = ["search", {"essays": {"pager_size": 2}}]
    config = {**BASE_CONFIG, "plugins": plugins, "use_directory_urls": False}
    (root / "docs" / "posts").mkdir(parents=True)
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), "utf-8")
    (root / "docs" / "index.md").write_text("# Home\n\nWelcome.\n", "utf-8")
    posts = root / "docs" / "posts"
    essays = {
        "alpha.md": _essay("Alpha", 1, ["LLM"], {"Caching": "Cache tokens.", "Budgets": "Less."}),
        "beta.md": _essay("Beta", 2, ["LLM", "Cost"], {"Ranking": "Rank chunks by cost."}),
        "gamma.md": _essay("Gamma", 3, ["Cost"], {"Indexes": "Index chunks."}),
    }
    for name, text in essays.items():
        (posts / name).write_text(text, "utf-8")
    served, clean = tmp_path / "served", tmp_path / "clean"
    session = Session(root, served)
    try:
        session.build()
        session.build()  # (the first build has no records: MkDocs writes the site itself)
        build = session.plugin.build
        before = {src: build.site.files.get_file_from_path(src) for src in build.specs}
        assert any(f is not None and f.dest_uri.endswith(".html") for f in before.values())

        (posts / "alpha.md").write_text(essays["alpha.md"].replace("Less.", "Less, more."))
        session.build()
        build = session.plugin.build
        after = {src: build.site.files.get_file_from_path(src) for src in build.specs}
        generated = [src for src in after if src not in build.hosted]  # (not the home page)
        reused = [src for src in generated if before.get(src) is after[src]]
        assert generated and reused == generated, "every page's file is the last build's"
        served_as_clean(root, served, clean)

        # a tag renamed: its pages are new files, the rest the last build's
        (posts / "gamma.md").write_text(essays["gamma.md"].replace("['Cost']", "['Ops']"))
        session.build()
        build = session.plugin.build
        files = {src: build.site.files.get_file_from_path(src) for src in build.specs}
        assert any(after.get(src) is None for src in files), "the new tag's pages"
        served_as_clean(root, served, clean)
    finally:
        session.close()
