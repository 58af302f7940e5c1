"""Knowledge that means something on a real collection (issue 22): the Linkerd blog (157 posts,
no tags, few links, many release announcements and monthly roundups), imported with
`mkdocs-essays import` and built once. Its cards leave out the sections every post repeats,
its related essays make sense, every post is tied to another on the map, which names its
topics; screenshots of the map in both palettes, on a desktop and a phone, are saved under
``$MKDOCS_ESSAYS_ARTIFACTS`` (else ``test-artifacts/``) for a person to look at."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

import pytest
from browser import ARTIFACTS, block_outside
from conftest import Site, corpus, run_build
from mkdocs_essays.cli import main

pytestmark = pytest.mark.slow

# Material's two palettes, switched by the reader's system setting: the screenshots need both.
PALETTE = """  palette:
  - media: "(prefers-color-scheme: light)"
    scheme: default
    toggle: {icon: material/weather-night, name: Dark}
  - media: "(prefers-color-scheme: dark)"
    scheme: slate
    toggle: {icon: material/weather-sunny, name: Light}
"""
ANNOUNCEMENT = re.compile(r"^Announcing Linkerd 2\.\d+")
ROUNDUP = re.compile(r"Edge Release Roundup")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Site:
    source = corpus("linkerd-blog")
    root = tmp_path_factory.mktemp("linkerd-knowledge") / "site"
    assert main(["import", str(source), "--into", str(root)]) == 0
    config = root / "mkdocs.yml"
    text = config.read_text("utf-8")
    assert "theme:\n  name: material\n" in text
    config.write_text(
        text.replace("theme:\n  name: material\n", "theme:\n  name: material\n" + PALETTE)
    )
    return run_build(root, strict=True)


@pytest.fixture(scope="module")
def graph(built: Site) -> dict[str, Any]:
    return json.loads(built.text("map/graph.json"))


def related_titles(site: Site, url: str) -> list[str]:
    block = site.content(url).select_one("#related-essays")
    return (
        [a.get_text(" ", strip=True) for a in block.select(".essay-card-list__title")]
        if block
        else []
    )


def essays(graph: dict[str, Any]) -> list[dict[str, Any]]:
    return [n for n in graph["nodes"] if n["kind"] == "essay"]


def test_sections_every_post_repeats_are_no_cards(built: Site) -> None:
    cards = json.loads(built.text("patterns/cards.json"))["cards"]
    titles = [card["title"] for card in cards]
    # 700 sections were cards before; 53 posts end with "Linkerd is for everyone"
    assert 400 < len(cards) < 520
    for boilerplate in ("Linkerd is for everyone", "What are Linkerd Heroes?", "Conclusion"):
        assert boilerplate not in titles
    # the sections stay in their posts, without a link to a card
    post = "2025/10/31/announcing-linkerd-2.19/"
    page = built.content(post)
    heading = next(
        (h for h in page.find_all("h2") if "Linkerd is for everyone" in h.get_text()), None
    )
    assert heading is not None
    ref = heading.find_next_sibling()
    assert ref is None or "essay-card-ref" not in (ref.get("class") or [])
    said = [m for m in built.messages() if "sections are boilerplate" in m]
    assert len(said) == 1 and "'Linkerd is for everyone' (53 essays)" in said[0]


def test_every_post_is_tied_to_another_on_the_map(graph: dict[str, Any]) -> None:
    tied = {e[k] for e in graph["edges"] for k in ("source", "target")}
    posts = essays(graph)
    assert len(posts) == 157
    assert [p["title"] for p in posts if p["id"] not in tied] == []
    kinds = {e["kind"] for e in graph["edges"]}
    assert {"similar", "card"} <= kinds


def test_the_map_names_its_topics(built: Site, graph: dict[str, Any]) -> None:
    topics = graph["topics"]
    assert 5 <= len(topics) <= 15
    assert sum(t["essays"] for t in topics) >= 150  # nearly every post is in a topic
    labels = [t["label"] for t in topics]
    assert len({tuple(t["words"][:2]) for t in topics}) == len(topics)  # no two alike
    roundups = next(t for t in topics if "Roundup" in t["words"])
    by_id = {n["id"]: n for n in graph["nodes"]}
    in_topic = [by_id[m]["title"] for m in roundups["members"] if by_id[m]["kind"] == "essay"]
    assert sum(bool(ROUNDUP.search(title)) for title in in_topic) >= 0.8 * len(in_topic)
    page = built.content("map/")
    named = [t.get_text() for t in page.select("text.essay-map__label--topic")]
    assert len(named) == len(topics)  # every topic is named on the picture (a desktop's)
    assert all(any(label.startswith(n) for label in labels) for n in named)
    assert not page.select("text.essay-map__label--essay")  # topics, not cut titles


def test_related_essays_make_sense(built: Site, graph: dict[str, Any]) -> None:
    """The site's [related] keeps Hugo's includeNewer = false: only older posts are listed."""
    urls = {p["title"]: p["url"] for p in essays(graph)}
    announcements = [t for t in urls if ANNOUNCEMENT.match(t)]
    roundups = [t for t in urls if ROUNDUP.search(t)]
    assert len(announcements) >= 15 and len(roundups) >= 15
    # an announcement's neighbours are mostly announcements (13% of the posts are)
    listed = [r for t in announcements for r in related_titles(built, urls[t])]
    share = sum(bool(ANNOUNCEMENT.match(r)) for r in listed) / len(listed)
    assert share >= 0.5, share
    listed = [r for t in roundups for r in related_titles(built, urls[t])]
    assert sum(bool(ROUNDUP.search(r)) for r in listed) / len(listed) >= 0.8
    # posts on metrics and tracing find each other
    otel = related_titles(built, urls["Beyond linkerd-viz: Linkerd Metrics with OpenTelemetry"])
    assert "A guide to distributed tracing with Linkerd" in otel
    profiles = related_titles(built, urls["Service Profiles for Per-Route Metrics"])
    assert any("Monitoring" in title for title in profiles), profiles


@pytest.mark.browser
def test_screenshots_of_the_map(built: Site) -> None:
    """The whole map and a post's own map, light and dark, desktop and phone: saved for a
    person to look at; checked here only for what a machine can tell (the topics' names are
    drawn where the key says, in the topic's colour, and no name overlaps another)."""
    from browser import chromium
    from serving import serve_site

    folder = Path(os.environ.get("MKDOCS_ESSAYS_ARTIFACTS") or ARTIFACTS) / "linkerd-map"
    folder.mkdir(parents=True, exist_ok=True)
    post = "2025/10/31/announcing-linkerd-2.19/"
    sizes = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
    with serve_site(built.site_dir, "/") as base, chromium() as browser:
        for scheme in ("light", "dark"):
            for device, viewport in sizes.items():
                ctx = browser.new_context(viewport=viewport, color_scheme=scheme)
                page = ctx.new_page()
                errors: list[str] = []
                page.on("pageerror", lambda e, seen=errors: seen.append(str(e)))
                block_outside(page, base)
                page.goto(base + "map/")
                page.wait_for_load_state("networkidle")
                shot = folder / f"map-{scheme}-{device}.png"
                page.screenshot(path=str(shot), full_page=True)
                assert shot.stat().st_size > 20_000
                boxes = page.evaluate(
                    """() => [...document.querySelectorAll('.essay-map__label--topic')]
                        .filter(t => getComputedStyle(t).display !== 'none')
                        .map(t => { const b = t.getBoundingClientRect();
                                    return [b.left, b.top, b.right, b.bottom]; })"""
                )
                assert len(boxes) >= (6 if device == "desktop" else 4)
                for i, a in enumerate(boxes):
                    for b in boxes[i + 1 :]:
                        apart = a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1]
                        assert apart, (scheme, device, a, b)
                if scheme == "light" and device == "desktop":
                    filter_finds_a_topic(page)
                page.goto(base + post)
                page.wait_for_load_state("networkidle")
                local = page.locator(".essay-map--local").first
                local.screenshot(path=str(folder / f"local-{scheme}-{device}.png"))
                assert errors == []
                ctx.close()


def filter_finds_a_topic(page: Any) -> None:
    """The filter finds a topic by its name and lights its essays; its key does the same."""
    key = page.locator(".essay-map__key--topic").nth(1)
    name = key.locator(".essay-map__topic-name").inner_text()
    count = int(key.locator(".essay-map__topic-count").inner_text())
    page.fill(".essay-map__input", name.split(" · ")[0].lower())
    status = page.locator(".essay-map__status").inner_text()
    assert status.startswith(name.split(" · ")[0]), status
    page.fill(".essay-map__input", "")
    key.click()
    lit = page.evaluate("document.querySelectorAll('.essay-map__node--essay.is-lit').length")
    assert lit == count, (lit, count)
    assert page.locator("ellipse.essay-map__area.is-lit").count() == 1
    key.click()  # again: off
    assert page.locator(".essay-map__node.is-lit").count() == 0
