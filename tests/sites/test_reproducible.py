"""Reproducible builds and a site that stays in its folder.

- With ``SOURCE_DATE_EPOCH`` set, two ``mkdocs build`` runs of the same sources, in two other
  folders and with two different hash seeds (set and dict orders change between them), give
  byte-identical sites: every file, tags, cards, related lists, feeds and JSON included.
- Whatever a slug, url, alias or heading id says, nothing is written outside the site folder:
  the whole temporary tree is compared before and after.
- ``docs/`` is byte-identical before and after ``mkdocs build`` and after a ``mkdocs serve``
  session that reads every kind of page.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import yaml
from conftest import BASE_CONFIG, REPO, copy_project, run_build, write_tree
from hostile.cases import CASES, docs_of
from hostile.corpus import make_corpus

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1709600000"}
# the hostile essays that build, beside the corpus: unicode paths, tags and headings
SAFE = [c for c in CASES if "errors" not in c and "generate" not in c and "warnings" not in c]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def digests(root: Path, *, skip: Path | None = None, also: Path | None = None) -> dict[str, str]:
    """Every file and folder under ``root`` (but ``skip`` and ``also``): path -> sha256 (''
    for folders)."""
    out: dict[str, str] = {}
    for path in sorted(root.rglob("*")):
        if any(s is not None and (path == s or s in path.parents) for s in (skip, also)):
            continue
        key = path.relative_to(root).as_posix()
        out[key] = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else ""
    return out


def project(root: Path) -> Path:
    """The repository's site, the generated corpus and the safe hostile essays, at ``root``."""
    root.mkdir(parents=True)
    copy_project(root)
    config = root / "mkdocs.yml"
    # the hostile essays' absolute aliases name example.org; served at the root
    text = re.sub(r"(?m)^site_url: .*$", "site_url: https://example.org/", config.read_text())
    config.write_text(text, "utf-8")
    files: dict[str, str | bytes] = {}
    for case in SAFE:
        files.update(docs_of(case))
    files.pop("docs/index.md")  # the repository's own home page stays
    files.update({f"docs/posts/corpus/{e.name}.md": e.source for e in make_corpus(40)})
    write_tree(root, files)
    return root


def mkdocs(root: Path, *args: str, seed: str = "0") -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", *args],
        cwd=root,
        env={**ENV, "PYTHONHASHSEED": seed},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    return result


def test_two_builds_are_byte_identical(tmp_path: Path) -> None:
    first = project(tmp_path / "one" / "project")
    second = tmp_path / "two" / "elsewhere" / "project"
    shutil.copytree(first, second)
    started = time.perf_counter()
    mkdocs(first, "build", seed="1")
    mkdocs(second, "build", seed="2")
    seconds = time.perf_counter() - started
    a, b = digests(first / "site"), digests(second / "site")
    assert sorted(a) == sorted(b), "the two builds wrote different files"
    differ = [path for path in a if a[path] != b[path]]
    assert not differ, f"{len(differ)} files differ, e.g. {differ[:5]}"
    kinds = {Path(p).suffix for p in a if a[p]}
    # the knowledge map and the local maps (their layout is seeded, their coordinates whole)
    assert "map/index.html" in a and "assets/mkdocs-essays/map.js" in a
    essay = first / "site" / "posts/corpus/essay-001/index.html"
    assert b"essay-map--local" in essay.read_bytes()
    assert {".html", ".xml", ".json", ".css", ".gz"} <= kinds
    print(f"\nreproducible: two builds, {len(a)} files each, identical ({seconds:.2f} s)")


def test_nothing_is_written_outside_the_site_folder(tmp_path: Path) -> None:
    """Slugs, urls, aliases and heading ids that point upwards, sideways or nowhere."""
    root = tmp_path / "a" / "b" / "c" / "project"
    root.mkdir(parents=True)
    essay = "+++\ntitle = 'Escape {n}'\ndate = 2024-03-05\n{extra}\n+++\n\n{body}\n"
    files = {
        "docs/index.md": "# Home\n",
        "docs/posts/one.md": essay.format(
            n=1, extra="slug = '../../../../../escaped-slug'", body=""
        ),
        "docs/posts/two.md": essay.format(n=2, extra="slug = '%2e%2e/%2e%2e/%2e%2e/x'", body=""),
        "docs/posts/three.md": essay.format(
            n=3,
            extra="aliases = ['../sibling', '/deep/../old/', 'https://example.org/x/../y/']",
            body="## Up {#../../../../../up}\n\ntext\n\n## Dots {#%2e%2e}\n\ntext\n",
        ),
        "docs/posts/four.md": essay.format(n=4, extra="url = '/top/level/'", body="Text."),
        "docs/posts/five.md": essay.format(
            n=5, extra="tags = ['../../../../tag', '%2e%2e', '..', 'a/../../b']", body="Text."
        ),
    }
    settings = {**BASE_CONFIG, "markdown_extensions": ["toc", "attr_list"]}
    write_tree(root, {"mkdocs.yml": yaml.safe_dump(settings), **files})
    # (and the plugin's cache, .cache/mkdocs-essays/ beside mkdocs.yml: issue 23)
    cache = root / ".cache"
    before = digests(tmp_path, skip=root / "site", also=cache)
    site = run_build(root, warnings=[r"'slug' '\.\./\.\./", r"'slug' '%2e%2e/"])
    assert digests(tmp_path, skip=root / "site", also=cache) == before
    assert [p.name for p in cache.iterdir()] == ["mkdocs-essays"]
    written = [p.resolve() for p in site.site_dir.rglob("*")]
    assert all(site.site_dir.resolve() in p.parents for p in written)
    for url in (
        "posts/escaped-slug/",
        "posts/x/",
        "sibling/",
        "old/",
        "y/",
        "top/level/",
        "patterns/three/up/",
        "patterns/three/section-2/",
        "tags/tag/",
        "tags/b/",
    ):
        assert site.exists(url), url

    # and when the build stops on them, it writes nothing but the site folder it cleaned
    files["docs/posts/six.md"] = essay.format(
        n=6, extra="aliases = ['../../../../../../../outside']", body=""
    )
    write_tree(root, files)
    before = digests(tmp_path, skip=root / "site", also=cache)
    run_build(root, expect_error=True)
    assert digests(tmp_path, skip=root / "site", also=cache) == before


def test_docs_untouched_by_build_and_serve(tmp_path: Path) -> None:
    root = project(tmp_path / "project")
    docs = digests(root / "docs")
    top = sorted(p.name for p in root.iterdir())
    mkdocs(root, "build", "--strict")
    assert digests(root / "docs") == docs, "mkdocs build changed docs/"

    port = free_port()
    log = (tmp_path / "serve.log").open("w")
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=root,
        env=ENV,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 60
        while True:
            assert server.poll() is None, (tmp_path / "serve.log").read_text()
            try:
                with urllib.request.urlopen(base, timeout=5) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            assert time.monotonic() < deadline, "mkdocs serve did not come up"
            time.sleep(0.3)
        for path in (
            "",
            "posts/",
            "tags/",
            "tags/c++/",
            "patterns/",
            "patterns/cards.json",
            "feed.xml",
            "posts/emoji-and-chinese/",
            "old/markup-title/",
            "posts/corpus/essay-001/",
        ):
            with urllib.request.urlopen(base + urllib.request.quote(path), timeout=10) as page:
                assert page.status == 200, path
    finally:
        server.terminate()
        server.wait(timeout=20)
        log.close()
    assert digests(root / "docs") == docs, "mkdocs serve changed docs/"
    # the site, and the plugin's cache of each command (issue 23), beside mkdocs.yml
    assert sorted(p.name for p in root.iterdir()) == sorted([*top, "site", ".cache"])
    assert sorted(p.name for p in (root / ".cache" / "mkdocs-essays").iterdir()) == [
        "build",
        "serve",
    ]
    assert REPO.joinpath("docs").is_dir()
