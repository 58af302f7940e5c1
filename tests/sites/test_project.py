"""The repository's own site: strict build, docs/ untouched, ProperDocs, the seed essay intact."""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import REPO, SEED, SHARED, copy_project
from processes import ok, shown

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def tree_digest(root: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(root).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def test_seed_essay_is_byte_for_byte_the_shared_one() -> None:
    shared = SHARED / "essays" / SEED.name
    if not shared.exists():
        pytest.skip("../shared is not beside this checkout")
    assert SEED.read_bytes() == shared.read_bytes()


def test_repository_site_builds_strict_and_leaves_docs_alone(tmp_path: Path) -> None:
    before = tree_digest(REPO / "docs")
    result = ok(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "site")],
        cwd=REPO,
        env=ENV,
        timeout=600,
    )
    assert "WARNING" not in result.stderr, shown(result)
    assert tree_digest(REPO / "docs") == before
    page = tmp_path / "site" / "posts" / SEED.stem / "index.html"
    soup = BeautifulSoup(page.read_text("utf-8"), "lxml")
    assert soup.find("h1").get_text() == "Generative AI Development Strategies and Patterns"


def test_properdocs_builds_the_same_site(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    ok(
        ["properdocs", "build", "-f", "mkdocs.yml", "-d", str(tmp_path / "out")],
        cwd=project,
        env=ENV,
        timeout=600,
    )
    page = tmp_path / "out" / "posts" / SEED.stem / "index.html"
    soup = BeautifulSoup(page.read_text("utf-8"), "lxml")
    assert soup.find("h1").get_text() == "Generative AI Development Strategies and Patterns"
    assert [a.get_text() for a in soup.select("a.essay-tag")] == [
        "Generative AI",
        "LLM",
        "Strategy",
    ]
    assert (tmp_path / "out" / "posts" / "index.html").is_file()
