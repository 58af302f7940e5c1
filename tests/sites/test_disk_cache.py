"""The records on disk (``.cache/mkdocs-essays/``, issue 23): a second ``mkdocs build`` and the
start of ``mkdocs serve`` build only what changed, write the site a build from nothing
writes, byte for byte, and never half use a cache they cannot trust.

Each build here is a new command in this process (a new configuration, ``on_startup``, a new
plugin object): nothing is kept in memory from one to the next, only on disk. The site each
writes is compared, file by file, with a build of a copy of the same files without a cache.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import re
import shutil
import sys
from pathlib import Path

import pytest
import yaml
from conftest import BASE_CONFIG, Site, run_build, write_tree
from mkdocs_essays.incremental.disk import Disk
from processes import run, shown
from serve_session import Session, clean_build, differences


def essay(title: str, day: int, tags: list[str], sections: dict[str, str], link: str = "") -> str:
    body = "\n\n".join(f"## {heading}\n\n{text}" for heading, text in sections.items())
    see = f"\n\nSee [the other one]({link}).\n" if link else "\n"
    return (
        f'+++\ntitle = "{title}"\ndate = 2024-03-{day:02d}\ntags = {tags!r}\n+++\n\n'
        f"{title} begins here.\n\n<!--more-->\n\n{body}{see}"
    )


ESSAYS = {
    "docs/index.md": "# Home\n\nWelcome.\n",
    "docs/posts/alpha.md": essay(
        "Alpha",
        1,
        ["LLM", "Cost"],
        {"Caching prompts": "Prompt caching saves tokens.", "Budgets": "Spend less."},
        "beta.md",
    ),
    "docs/posts/beta.md": essay(
        "Beta", 2, ["LLM"], {"Caching results": "Result caching saves money for agents."}
    ),
    "docs/posts/gamma.md": essay(
        "Gamma",
        3,
        ["Cost"],
        {"Ranking chunks": "Retrieval ranks chunks.", "Budgets": "Latency costs."},
        "alpha.md",
    ),
    "docs/posts/delta.md": essay(
        "Delta", 4, ["Agents"], {"Plans": "Agents plan with tools and memory."}
    ),
}
CONFIG = {**BASE_CONFIG, "nav": [{"Home": "index.md"}]}


@pytest.fixture(autouse=True)
def _build_date(monkeypatch: pytest.MonkeyPatch) -> None:
    """One build date for every build (``sitemap.xml.gz`` holds the second it was made)."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1709600000")


BUILT = re.compile(r"(\d+) pages? built, (\d+) kept as the last build left them")
RECORDS = Path(".cache") / "mkdocs-essays" / "build" / "records"


def project(root: Path, files: dict[str, str] = ESSAYS, config: dict | None = None) -> Path:
    root.mkdir()
    settings = config if config is not None else CONFIG
    write_tree(root, {"mkdocs.yml": yaml.safe_dump(settings, sort_keys=False), **files})
    return root


def built_and_kept(site: Site) -> tuple[int, int] | None:
    """(pages built, pages kept) when the build used records; None when it built all."""
    for message in site.messages():
        found = BUILT.search(message)
        if found:
            return int(found.group(1)), int(found.group(2))
    return None


def copy_of(root: Path, dest: str) -> Path:
    """The cache's copy of the site's file ``dest``."""
    return Path(Disk(str(root / "mkdocs.yml"), "build")._copy(dest))


def thrown_away(site: Site) -> list[str]:
    return [m for m in site.messages() if "is thrown away" in m]


def same_as_clean(root: Path, tmp_path: Path, name: str = "clean") -> None:
    """The site in ``root/site`` is the one a build of the same files with no cache writes."""
    other = tmp_path / name
    shutil.copytree(root, other, ignore=shutil.ignore_patterns(".cache", "site"))
    run_build(other)
    assert not (other / "site").joinpath(".cache").exists()
    assert differences(root / "site", other / "site") == []


def test_a_second_build_keeps_every_unchanged_page_and_writes_the_same_site(
    tmp_path: Path,
) -> None:
    root = project(tmp_path / "p")
    first = run_build(root)
    assert built_and_kept(first) is None  # (nothing to keep: a build from nothing)
    assert (root / RECORDS).is_file()
    copy = copy_of(root, "posts/alpha/index.html")
    assert copy.is_file()
    assert copy.read_bytes() == (root / "site/posts/alpha/index.html").read_bytes()
    reference = tmp_path / "reference"
    shutil.copytree(root / "site", reference)

    second = run_build(root)
    built, kept = built_and_kept(second) or (-1, -1)
    assert kept >= 15 and built <= 1, (built, kept)  # (index.md is in the nav: built)
    assert differences(root / "site", reference) == []
    assert thrown_away(second) == []


def test_an_edit_between_two_builds_is_built_and_the_site_is_a_clean_builds(
    tmp_path: Path,
) -> None:
    root = project(tmp_path / "p")
    run_build(root)
    alpha = root / "docs" / "posts" / "alpha.md"
    alpha.write_text(alpha.read_text("utf-8").replace("saves tokens", "saves words"), "utf-8")
    (root / "docs" / "posts" / "delta.md").unlink()
    write_tree(root, {"docs/posts/epsilon.md": essay("Epsilon", 5, ["LLM"], {"Tools": "Use."})})
    site = run_build(root)
    built, kept = built_and_kept(site) or (-1, -1)
    assert built > 0 and kept > 0, (built, kept)
    assert "saves words" in site.text("posts/alpha/")
    assert not site.exists("posts/delta/")
    same_as_clean(root, tmp_path)


def test_a_page_whose_local_map_alone_changed_gets_it_in_a_second_build(
    tmp_path: Path,
) -> None:
    """A section renamed between two ``mkdocs build`` commands: the pages whose only change
    is their local map get the new map in the file the first build wrote (its copy in the
    cache, put back in the site), and the site is a clean build's (``incremental/patching.py``)."""
    root = project(tmp_path / "p")
    run_build(root)
    alpha = root / "docs" / "posts" / "alpha.md"
    alpha.write_text(alpha.read_text("utf-8").replace("## Budgets", "## Spending"), "utf-8")
    site = run_build(root)
    patched = [m for m in site.messages() if "with a new local map" in m]
    assert patched, site.messages()
    same_as_clean(root, tmp_path)
    # and the records of the pages patched, in the cache, are good for the build after
    alpha.write_text(alpha.read_text("utf-8").replace("## Spending", "## Outlays"), "utf-8")
    site = run_build(root)
    assert [m for m in site.messages() if "with a new local map" in m], site.messages()
    assert "outlays" in site.text("posts/alpha/")
    same_as_clean(root, tmp_path, "again")


def test_a_changed_page_copy_throws_the_whole_cache_away(tmp_path: Path) -> None:
    root = project(tmp_path / "p")
    run_build(root)
    copy = copy_of(root, "posts/beta/index.html")
    os.unlink(copy)  # (a link to the site's page: write a new file, as an editor would)
    copy.write_text("<p>tampered</p>", "utf-8")
    site = run_build(root)
    assert any("beta/index.html was changed" in m for m in thrown_away(site))
    assert built_and_kept(site) is None  # (every page built: none kept from that cache)
    assert "tampered" not in site.text("posts/beta/")
    same_as_clean(root, tmp_path)
    assert (root / RECORDS).is_file()  # (a new cache, from this build)


@pytest.mark.parametrize("damage", ["truncated", "garbled", "missing page"])
def test_a_damaged_cache_is_thrown_away(tmp_path: Path, damage: str) -> None:
    root = project(tmp_path / "p")
    run_build(root)
    records = root / RECORDS
    if damage == "truncated":
        records.write_bytes(records.read_bytes()[: records.stat().st_size // 2])
    elif damage == "garbled":
        data = bytearray(records.read_bytes())
        data[len(data) // 2 : len(data) // 2 + 64] = b"\x00" * 64
        records.write_bytes(bytes(data))
    else:
        copy_of(root, "posts/gamma/index.html").unlink()
    site = run_build(root)
    assert thrown_away(site), site.messages()
    assert built_and_kept(site) is None
    same_as_clean(root, tmp_path)


def test_records_that_name_anything_else_are_never_run(tmp_path: Path) -> None:
    root = project(tmp_path / "p")
    run_build(root)
    records = root / RECORDS
    head = b"".join(records.read_bytes().splitlines(keepends=True)[:2])
    marker = tmp_path / "ran"

    class Payload:
        def __reduce__(self) -> tuple[object, tuple[str]]:
            return (os.system, (f"touch {marker}",))

    payload = pickle.dumps(Payload())
    check = hashlib.blake2b(payload, digest_size=16).hexdigest().encode()  # (as if written)
    records.write_bytes(head + check + b"\n" + payload)
    site = run_build(root)
    assert not marker.exists()
    assert any("posix.system" in m or "os.system" in m for m in thrown_away(site))
    same_as_clean(root, tmp_path)


def test_a_cache_of_another_configuration_is_not_read(tmp_path: Path) -> None:
    root = project(tmp_path / "p")
    run_build(root)
    write_tree(root, {"mkdocs.yml": yaml.safe_dump({**CONFIG, "site_name": "Other"})})
    site = run_build(root)
    assert any("another version or configuration" in m for m in thrown_away(site))
    assert built_and_kept(site) is None
    same_as_clean(root, tmp_path)


def test_cache_false_keeps_nothing_on_disk(tmp_path: Path) -> None:
    config = {**CONFIG, "plugins": ["search", {"essays": {"cache": False}}]}
    root = project(tmp_path / "p", config=config)
    run_build(root)
    run_build(root)
    assert not (root / ".cache").exists()


def test_serve_starts_from_the_records_the_last_serve_left(tmp_path: Path) -> None:
    root = project(tmp_path / "p")
    beta = root / "docs" / "posts" / "beta.md"
    first = Session(root, tmp_path / "served1")
    first.build()  # (its records are written while it serves)
    beta.write_text(beta.read_text("utf-8").replace("money", "time"), "utf-8")
    first.build()  # (a save: its records are written when the server stops)
    first.close()
    assert (root / ".cache" / "mkdocs-essays" / "serve" / "records").is_file()
    second = Session(root, tmp_path / "served2")  # (a new server: a new, empty folder)
    second.build()
    found = [BUILT.search(r.getMessage()) for r in second.records]
    built, kept = next((int(m.group(1)), int(m.group(2))) for m in found if m)
    assert kept >= 15 and built <= 1, (built, kept)  # (the last build's records: beta's too)
    clean_build(root, tmp_path / "clean")
    assert differences(tmp_path / "served2", tmp_path / "clean") == []

    gamma = root / "docs" / "posts" / "gamma.md"  # (and a save after a start from disk)
    gamma.write_text(gamma.read_text("utf-8").replace("Retrieval", "Search"), "utf-8")
    second.build()
    second.close()
    clean_build(root, tmp_path / "clean2")
    assert differences(tmp_path / "served2", tmp_path / "clean2") == []


def test_a_second_mkdocs_build_process_keeps_the_pages_with_functions_in_mkdocs_yml(
    tmp_path: Path,
) -> None:
    """Two `mkdocs build` processes: a ``!!python/name:`` function in ``mkdocs.yml`` (as
    Material's docs configure superfences) is the same configuration in both, though its
    address in memory differs (which once threw every such cache away)."""
    settings = {k: v for k, v in CONFIG.items() if k != "markdown_extensions"}
    root = project(tmp_path / "p", config=settings)
    config = (root / "mkdocs.yml").read_text("utf-8")
    config += (
        "markdown_extensions:\n"
        "  - toc:\n"
        "      permalink: true\n"
        "  - attr_list\n"
        "  - pymdownx.superfences:\n"
        "      custom_fences:\n"
        "        - name: mermaid\n"
        "          class: mermaid\n"
        "          format: !!python/name:pymdownx.superfences.fence_code_format\n"
    )
    (root / "mkdocs.yml").write_text(config, "utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "build"]
    first = run(command, cwd=root, env=env, timeout=300)
    assert first.returncode == 0, shown(first)
    second = run(command, cwd=root, env=env, timeout=300)
    assert second.returncode == 0, shown(second)
    assert "thrown away" not in second.stderr, shown(second)
    found = BUILT.search(second.stderr)
    assert found is not None and int(found.group(2)) >= 15, shown(second)
