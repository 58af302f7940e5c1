"""What `mkdocs serve` keeps between rebuilds (``mkdocs_essays/cache.py``): results keyed by
content. Builds the same project several times in one process, as `mkdocs serve` does (the
same plugin instance, a new config each build), and counts the front matter parses and the
related rankings each build makes: a rebuild parses only what changed, and a changed, renamed
or deleted file, or a changed mkdocs.yml, is always seen.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import mkdocs_essays.frontmatter
import pytest
import yaml
from conftest import BASE_CONFIG, Site, run_build, write_tree


def essay(title: str, intro: str, sections: dict[str, str], tags: list[str]) -> str:
    body = "\n\n".join(f"## {heading}\n\n{text}" for heading, text in sections.items())
    return (
        f'+++\ntitle = "{title}"\ndate = 2024-03-0{len(title) % 9 + 1}\ntags = {tags!r}\n+++\n\n'
        f"{intro}\n\n{body}\n"
    )


ESSAYS = {
    "docs/posts/alpha.md": essay(
        "Alpha",
        "Alpha begins here.",
        {"Caching prompts": "Prompt caching saves tokens and latency for agents."},
        ["LLM", "Cost"],
    ),
    "docs/posts/beta.md": essay(
        "Beta",
        "Beta begins here.",
        {"Caching results": "Result caching saves tokens and money for agents."},
        ["LLM"],
    ),
    "docs/posts/gamma.md": essay(
        "Gamma",
        "Gamma begins here.",
        {"Ranking chunks": "Retrieval ranks chunks by latency and cost of tokens."},
        ["Cost"],
    ),
}


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The path of every front matter parse (``frontmatter.read``), in order."""
    seen: list[str] = []
    original = mkdocs_essays.frontmatter.read

    def counting(source, path, **kwargs):  # type: ignore[no-untyped-def]
        seen.append(path)
        return original(source, path, **kwargs)

    monkeypatch.setattr(mkdocs_essays.frontmatter, "read", counting)
    yield seen


def project(root: Path, **config: object) -> Path:
    settings = {**BASE_CONFIG, **config}
    write_tree(root, {"mkdocs.yml": yaml.safe_dump(settings, sort_keys=False), **ESSAYS})
    (root / "docs" / "index.md").write_text("# Home\n\nWelcome.\n", encoding="utf-8")
    return root


def rebuild(root: Path, reads: list[str], *, startup: bool = False) -> tuple[Site, list[str]]:
    """One more build as `mkdocs serve` makes it (``startup``: the first, of a new command,
    with a new cache); the essays whose front matter it parsed."""
    reads.clear()
    site = run_build(root, serve=True, startup=startup)
    return site, sorted(path for path in reads if path.startswith("docs/posts/"))


def cards_json(site: Site) -> dict[str, dict]:
    (path,) = site.site_dir.rglob("cards.json")
    return {card["title"]: card for card in json.loads(path.read_text("utf-8"))["cards"]}


def test_a_rebuild_parses_only_the_changed_file(tmp_path: Path, reads: list[str]) -> None:
    root = project(tmp_path)
    site, parsed = rebuild(root, reads, startup=True)
    assert parsed == sorted(ESSAYS)
    assert site.exists("posts/beta/")

    site, parsed = rebuild(root, reads)
    assert parsed == [], "nothing changed: nothing is parsed again"
    assert site.plugin.cache.misses["related"] == 0, "no card changed: the ranking is kept"

    beta = root / "docs/posts/beta.md"
    beta.write_text(ESSAYS["docs/posts/beta.md"].replace("Beta begins", "Beta now opens"), "utf-8")
    site, parsed = rebuild(root, reads)
    assert parsed == ["docs/posts/beta.md"]
    assert "Beta now opens" in site.content("posts/beta/").get_text()
    assert "Beta begins" not in site.content("posts/beta/").get_text()


def test_a_changed_card_is_ranked_again(tmp_path: Path, reads: list[str]) -> None:
    root = project(tmp_path)
    rebuild(root, reads, startup=True)
    gamma = root / "docs/posts/gamma.md"
    text = ESSAYS["docs/posts/gamma.md"].replace("Ranking chunks", "Sorting chunks")
    gamma.write_text(text, "utf-8")
    site, parsed = rebuild(root, reads)
    assert parsed == ["docs/posts/gamma.md"]
    assert site.plugin.cache.misses["related"] == 1
    titles = cards_json(site)
    assert "Sorting chunks" in titles
    assert "Ranking chunks" not in titles


def test_renamed_and_deleted_files_are_seen(tmp_path: Path, reads: list[str]) -> None:
    root = project(tmp_path)
    rebuild(root, reads, startup=True)
    (root / "docs/posts/beta.md").rename(root / "docs/posts/delta.md")
    (root / "docs/posts/gamma.md").unlink()
    site, parsed = rebuild(root, reads)
    assert parsed == ["docs/posts/delta.md"], "the renamed file is read again under its name"
    assert site.exists("posts/delta/")
    assert not site.exists("posts/beta/")
    assert not site.exists("posts/gamma/")
    listing = site.content("posts/").get_text()
    assert "Gamma" not in listing
    assert "Beta" in listing  # its title, at its new address
    assert "Ranking chunks" not in cards_json(site)


def test_a_changed_mkdocs_yml_drops_everything(tmp_path: Path, reads: list[str]) -> None:
    root = project(tmp_path)
    rebuild(root, reads, startup=True)
    project(root, site_name="Renamed site")  # the same essays, a new mkdocs.yml
    site, parsed = rebuild(root, reads)
    assert parsed == sorted(ESSAYS)
    assert site.plugin.cache.misses["related"] == 1
    assert "Renamed site" in site.text("posts/alpha/")


def test_the_cache_keeps_only_what_the_last_build_used(tmp_path: Path, reads: list[str]) -> None:
    root = project(tmp_path)
    site, _ = rebuild(root, reads, startup=True)
    before = len(site.plugin.cache)
    for number in range(5):  # five saves, each a new version of beta
        text = ESSAYS["docs/posts/beta.md"].replace("Beta begins", f"Beta, save {number},")
        (root / "docs/posts/beta.md").write_text(text, "utf-8")
        rebuild(root, reads)
    # (the last version's entries besides this one's: front matter, sections, their counts)
    assert len(site.plugin.cache) <= before + 4, "old versions of beta are dropped, not piled up"


def test_a_save_after_saves_that_changed_nothing_counts_only_its_words(
    tmp_path: Path, reads: list[str]
) -> None:
    """The rankings kept whole ask for no word counts; the counts stay for the next save."""
    root = project(tmp_path)
    site, _ = rebuild(root, reads, startup=True)
    counted = site.plugin.cache.misses["related-counts"]
    assert counted >= 6  # (every essay's parts: a first build counts them all)
    for _ in range(2):  # (saves that change nothing)
        site, _ = rebuild(root, reads)
        assert site.plugin.cache.hits["related"] == 1
        assert site.plugin.cache.misses["related-counts"] == 0
    beta = root / "docs/posts/beta.md"
    beta.write_text(ESSAYS["docs/posts/beta.md"].replace("Beta begins", "Beta now opens"), "utf-8")
    site, _ = rebuild(root, reads)
    assert site.plugin.cache.misses["related-essays"] == 1  # (its introduction changed)
    assert 0 < site.plugin.cache.misses["related-counts"] <= 2, "only beta's changed part"
