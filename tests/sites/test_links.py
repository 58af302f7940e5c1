"""Every internal link and #fragment resolves, with the site served under a project subpath.

The repository's own site and a generated 50-essay site are built, served at `/repo/` (as
GitHub Pages serves a project site) and crawled over HTTP from the home page.
"""

from __future__ import annotations

import random
import urllib.error
import urllib.request
from collections import deque
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit

from bs4 import BeautifulSoup
from conftest import MakeSite, copy_project, run_build
from linkcheck import broken_links
from serving import serve_site

ATTRIBUTES = (("a", "href"), ("link", "href"), ("img", "src"), ("script", "src"))


def crawl(base: str) -> tuple[set[str], list[str]]:
    """Breadth-first from ``base``; returns the pages seen and every broken link."""
    seen: dict[str, BeautifulSoup | None] = {}
    problems: list[str] = []
    queue = deque([base])

    def fetch(url: str) -> BeautifulSoup | int | None:
        if url in seen:
            return seen[url]
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                kind = response.headers.get("Content-Type", "")
                body = response.read()
        except urllib.error.HTTPError as error:
            return error.code
        soup = BeautifulSoup(body, "lxml") if "html" in kind else None
        seen[url] = soup
        if soup is not None:
            queue.append(url)
        return soup

    fetch(base)
    fragments: list[tuple[str, str, str]] = []
    while queue:
        page = queue.popleft()
        soup = seen[page]
        assert soup is not None
        for tag, attribute in ATTRIBUTES:
            for element in soup.find_all(tag, attrs={attribute: True}):
                link = element[attribute]
                absolute = urljoin(page, link)
                if urlsplit(absolute).netloc != urlsplit(base).netloc:
                    continue
                target, fragment = urldefrag(absolute)
                if not target.startswith(base):
                    problems.append(f"{page}: {link} leaves the subpath")
                    continue
                result = fetch(target)
                if isinstance(result, int):
                    problems.append(f"{page}: {link} -> HTTP {result}")
                elif fragment and result is not None:
                    fragments.append((page, link, fragment))
    for page, link, fragment in fragments:
        target = seen[urldefrag(urljoin(page, link))[0]]
        assert target is not None
        if not target.find(id=fragment) and not target.find("a", attrs={"name": fragment}):
            problems.append(f"{page}: {link} -> no id {fragment!r}")
    return {u for u, s in seen.items() if s is not None}, problems


def test_repository_site_under_a_subpath(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    site = run_build(project)
    assert broken_links(site.site_dir) == []
    with serve_site(site.site_dir, "/repo/") as base:
        pages, problems = crawl(base)
    assert problems == []
    expected = {
        "posts/",
        "posts/generative-ai-development-strategies-and-patterns/",
        "tags/",
        "tags/llm/",
        "patterns/",
    }
    assert {base + p for p in expected} <= pages


TAGS = [f"Topic {i}" for i in range(12)] + ["C++", "C#", "日本語"]


def generated_site(count: int, seed: int = 7) -> dict[str, str]:
    rng = random.Random(seed)
    files = {"docs/index.md": "# Home\n\nA generated site.\n"}
    for i in range(count):
        tags = rng.sample(TAGS, 3)
        links = [f"[essay {j}](essay-{j}.md#section-1)" for j in rng.sample(range(count), 2)]
        sections = "\n\n".join(
            f"## Section {s}\n\nText of section {s} in essay {i}, see {' and '.join(links)}."
            for s in range(1, rng.randint(3, 5))
        )
        files[f"docs/posts/essay-{i}.md"] = (
            f'+++\ntitle = "Essay {i}"\ndate = 2024-01-{1 + i % 28:02d}\n'
            f"tags = {tags!r}\n+++\n\nOpening of essay {i}.\n\n{sections}\n"
        ).replace("'", '"')
    return files


def test_generated_fifty_essay_site_has_no_broken_link(make_site: MakeSite) -> None:
    site = make_site(generated_site(50))
    assert broken_links(site.site_dir) == []
    with serve_site(site.site_dir, "/repo/") as base:
        pages, problems = crawl(base)
    assert problems == []
    assert sum("/posts/essay-" in p for p in pages) == 50
