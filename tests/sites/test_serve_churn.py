"""`mkdocs serve` under churn: 200 rapid edits, renames, deletions and broken saves of essays
while the real server runs and rebuilds. The server never stops and never prints a traceback,
and once the writer stops, the site it serves is the site a clean build of the final sources
gives (the same pages, the same main content of each; the live-reload script aside).

Bounded: the edits take a few seconds, the server is polled on 127.0.0.1 only, and the wait
for the last rebuild has a deadline.
"""

from __future__ import annotations

import os
import random
import re
import shutil
import time
import urllib.error
import urllib.request
from pathlib import Path

import yaml
from bs4 import BeautifulSoup
from conftest import run_build
from serving import free_port, mkdocs_serve

OPERATIONS = 200
SETTLE = 90.0
"""Seconds the server may take to show the final sources once the writer stops."""
TAGS = ["LLM", "RAG", "Agents", "Evaluation", "Cost", "Memory"]
WORDS = [
    "agent",
    "cache",
    "chunk",
    "context",
    "eval",
    "guard",
    "index",
    "memory",
    "model",
    "plan",
    "prompt",
    "rank",
    "tool",
]


def essay(rng: random.Random, title: str) -> tuple[str, list[str], list[str]]:
    """(source, its tags, its section headings)."""
    tags = rng.sample(TAGS, rng.randint(0, 3))
    draft = "draft = true\n" if rng.random() < 0.1 else ""
    sections = [f"{rng.choice(WORDS).capitalize()} {rng.choice(WORDS)}" for _ in range(3)]
    body = [" ".join(rng.choice(WORDS) for _ in range(12)) + "."]
    for heading in sections[: rng.randint(1, 3)]:
        body.append(f"## {heading}")
        if rng.random() < 0.85:  # else an empty section: a stub under serve
            body.append(" ".join(rng.choice(WORDS) for _ in range(20)) + ".")
    source = (
        f"+++\ntitle = {title!r}\ndate = 2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}\n"
        f"tags = {tags!r}\n{draft}+++\n\n" + "\n\n".join(body) + "\n"
    )
    return source, tags, sections


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, ""
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return 0, ""


def main_content(html: str) -> str:
    soup = BeautifulSoup(html, "lxml")
    node = soup.select_one("article.md-content__inner")
    return " ".join(str(node).split()) if node is not None else ""


def test_serve_survives_200_rapid_changes(tmp_path: Path) -> None:
    rng = random.Random(2024)
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    config = {
        "site_name": "Churn",
        "site_url": base,
        "theme": {"name": "material"},
        "plugins": ["search", "essays"],
        "markdown_extensions": [{"toc": {"permalink": True}}],
    }
    root = tmp_path / "project"
    posts = root / "docs" / "posts"
    posts.mkdir(parents=True)
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config), "utf-8")
    (root / "docs" / "index.md").write_text("# Home\n\nChurn.\n", "utf-8")
    urls: set[str] = set()  # every address an essay, tag or card ever had

    def write(name: str) -> None:
        source, tags, sections = essay(rng, f"Essay {name}")
        (posts / f"{name}.md").write_text(source, "utf-8")
        urls.add(f"posts/{name}/")
        urls.update(f"tags/{slug(t)}/" for t in tags)
        urls.update(f"patterns/{name}/{slug(s)}/" for s in sections)

    for n in range(12):
        write(f"e{n:03d}")
    log_path = tmp_path / "serve.log"
    with mkdocs_serve(root, port, log_path) as server:

        def alive() -> None:
            assert server.poll() is None, "mkdocs serve stopped:\n" + log_path.read_text()[-3000:]

        deadline = time.monotonic() + 60
        while get(base + "posts/e000/")[0] != 200:
            alive()
            assert time.monotonic() < deadline, "mkdocs serve did not come up"
            time.sleep(0.3)

        # -- the churn ----------------------------------------------------------------
        started = time.perf_counter()
        counts = {"edit": 0, "new": 0, "rename": 0, "delete": 0, "broken": 0}
        fresh = 100
        for step in range(OPERATIONS):
            names = sorted(p.stem for p in posts.glob("*.md"))
            kind = rng.choices(list(counts), [8, 3, 3, 2, 1])[0]
            if not names:
                kind = "new"
            if kind == "edit":
                write(rng.choice(names))
            elif kind == "new":
                write(f"e{fresh:03d}")
                fresh += 1
            elif kind == "rename":
                old = rng.choice(names)
                new = f"e{fresh:03d}"
                fresh += 1
                os.rename(posts / f"{old}.md", posts / f"{new}.md")
                urls.add(f"posts/{new}/")
                text = (posts / f"{new}.md").read_text("utf-8")
                urls.update(
                    f"patterns/{new}/{slug(h)}/" for h in re.findall(r"^## (.+)$", text, re.M)
                )
            elif kind == "delete":
                (posts / f"{rng.choice(names)}.md").unlink()
            else:  # a save in the middle of typing: broken TOML
                (posts / f"{rng.choice(names)}.md").write_text(
                    "+++\ntitle = 'unfinished\n", "utf-8"
                )
            counts[kind] += 1
            time.sleep(rng.uniform(0.0, 0.04))
            if step % 25 == 0:
                alive()
                assert get(base)[0] in (200, 404, 0)  # the server answers while rebuilding
        churn = time.perf_counter() - started
        # the writer fixes what is still broken, then stops
        for path in posts.glob("*.md"):
            if "unfinished" in path.read_text("utf-8"):
                write(path.stem)

        # -- a clean build of the final sources, as `mkdocs serve` builds -------------------
        clean_root = tmp_path / "clean"
        shutil.copytree(root, clean_root, ignore=shutil.ignore_patterns("site"))
        clean = run_build(clean_root, serve=True)
        expected = {p: main_content(clean.text(p)) for p in clean.pages() if p != "404.html"}
        gone = urls - set(expected)

        # -- the served site becomes that site ------------------------------------------
        settled = time.perf_counter()
        deadline = time.monotonic() + SETTLE
        while True:
            alive()
            wrong = [p for p, html in expected.items() if main_content(get(base + p)[1]) != html]
            wrong += [p for p in sorted(gone) if get(base + p)[0] != 404]
            if not wrong:
                break
            assert time.monotonic() < deadline, f"{len(wrong)} pages differ, e.g. {wrong[:5]}"
            time.sleep(1.0)
        output = log_path.read_text("utf-8", errors="replace")
        assert "Traceback" not in output, output[output.index("Traceback") - 500 :][:4000]
        print(
            f"\nserve churn: {OPERATIONS} changes ({counts}) in {churn:.2f} s; the served site "
            f"matched a clean build of {len(expected)} pages ({len(gone)} old addresses gone) "
            f"{time.perf_counter() - settled:.2f} s later; {output.count('Building documentation')}"
            " builds"
        )
