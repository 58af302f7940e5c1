"""The guide on the project's own site, and the short README that leads to it.

The guide's pages are pages of the site (a Guide tab beside the essays), not essays: no card,
no feed item, no node of the map, no entry in ``posts/``. Their shortcodes are shown as written.
The README is at most 12,000 bytes, opens with the two commands, shows a real screenshot and
links to every guide page.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import unquote

import pytest
import yaml
from conftest import REPO, SEED, Site, copy_project, run_build

GUIDE = REPO / "docs" / "guide"
PAGES = sorted(p.stem for p in GUIDE.glob("*.md"))
README = REPO / "README.md"
DECIDED = [
    "architecture",
    "bad-input",
    "cards",
    "development",
    "essays",
    "hugo",
    "index",
    "languages",
    "map",
    "options",
    "performance",
    "publishing",
    "taxonomies",
    "urls",
]


def url(stem: str) -> str:
    return "guide/" if stem == "index" else f"guide/{stem}/"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    return run_build(copy_project(tmp_path_factory.mktemp("guide-site")), strict=True)


def test_the_guide_has_the_decided_pages() -> None:
    assert sorted(DECIDED) == sorted(set(PAGES) & set(DECIDED)), "a decided page is missing"


def test_every_guide_page_is_in_the_guide_tab(site: Site) -> None:
    nav = yaml.load((REPO / "mkdocs.yml").read_text("utf-8"), Loader=yaml.BaseLoader)["nav"]
    tabs = [next(iter(item)) for item in nav]
    assert tabs[:2] == ["Home", "Essays"] and "Guide" in tabs
    guide = next(item["Guide"] for item in nav if "Guide" in item)
    listed = [next(iter(e.values())) if isinstance(e, dict) else e for e in guide]
    assert sorted(listed) == [f"guide/{stem}.md" for stem in PAGES]
    home = site.html("")
    tab = [a for a in home.select(".md-tabs__link") if a.get_text(strip=True) == "Guide"]
    assert [a["href"] for a in tab] == ["guide/"]
    for stem in PAGES:
        assert site.exists(url(stem)), url(stem)
        assert site.content(url(stem)).find("h1") is not None, url(stem)


def test_guide_pages_are_not_essays_cards_or_feed_items(site: Site) -> None:
    cards = json.loads(site.text("patterns/cards.json"))["cards"]
    assert cards and {c["essay_url"] for c in cards} == {f"posts/{SEED.stem}/"}
    assert "guide" not in site.text("feed.xml")
    listed = {a["href"] for a in site.content("posts/").select("a[href]")}
    assert listed and not any("guide" in href for href in listed)
    nodes = [a["href"] for a in site.html("map/").select("svg a[href]")]
    assert nodes and not any("guide" in href for href in nodes)
    assert not any(p.startswith("patterns/guide") for p in site.pages())
    for stem in PAGES:
        content = site.content(url(stem))
        found = content.select(".essay-meta, .essay-card-list, .essay-card-ref, .essay-map__svg")
        assert not found, stem


def test_the_seed_essay_keeps_its_cards_tags_and_map(site: Site) -> None:
    essay = site.content(f"posts/{SEED.stem}/")
    assert [a.get_text() for a in essay.select("a.essay-tag")] == [
        "Generative AI",
        "LLM",
        "Strategy",
    ]
    assert len(essay.select(".essay-card-list__item")) == 3
    assert essay.select(".essay-map__svg")  # the local map


def test_shortcodes_in_the_guide_are_shown_as_written(site: Site) -> None:
    hugo = site.content("guide/hugo/")
    blocks = [pre.get_text() for pre in hugo.find_all("pre")]
    assert any('{{< notice warning "Mind the tide" >}}' in b for b in blocks), blocks
    text = hugo.get_text()
    assert "{{</* tab */>}}" in text and "{{< tab >}}" in text
    assert '{{% include "/_common/note.md" %}}' in text


def test_readme_is_short_and_starts_with_the_two_commands() -> None:
    text = README.read_text("utf-8")
    assert len(text.encode("utf-8")) <= 12_000
    blocks = re.findall(r"```sh\n(.*?)\n```", text, re.S)
    assert blocks[:2] == ["pip install -e . && mkdocs serve", "pip install -e '.[test]' && pytest"]
    assert text.index(blocks[1]) < 400, "the two commands come first"


def test_readme_shows_a_screenshot_and_links_to_every_guide_page() -> None:
    text = README.read_text("utf-8")
    images = re.findall(r"!\[[^\]]+\]\(([^)]+)\)", text)
    assert len(images) == 1
    image = REPO / images[0]
    assert image.is_file() and image.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    links = {unquote(link) for link in re.findall(r"\]\((docs/guide/[^)#]+)", text)}
    assert links == {f"docs/guide/{stem}.md" for stem in PAGES}
    for link in links:
        assert (REPO / link).is_file(), link


def test_the_screenshot_is_of_the_site() -> None:
    """The picture is a page of this site as a browser draws it (tests/screenshot.py)."""
    png = REPO / "docs" / "images" / "screenshot.png"
    width, height = (int.from_bytes(png.read_bytes()[16 + i : 20 + i], "big") for i in (0, 4))
    assert (width, height) == (1280, 860)
    assert "screenshot.png" in Path(REPO / "tests" / "screenshot.py").read_text("utf-8")
