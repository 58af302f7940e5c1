"""The knowledge map (map/) and the local maps under essays and card pages, in built sites."""

from __future__ import annotations

import json
import posixpath

import pytest
from bs4 import Tag
from conftest import SEED, MakeSite, Site, copy_project, run_build
from linkcheck import broken_links

ESSAY = f"posts/{SEED.stem}/"
CARDS = [
    "strategies-for-the-ai-era",
    "models-algorithms-development",
    "strategies-for-personal-growth",
]


def essay(title: str, date: str, body: str, extra: str = "") -> str:
    return f"+++\ntitle = {json.dumps(title)}\ndate = {date}\n{extra}\n+++\n\n{body}\n"


FILES = {
    "docs/index.md": "# Home\n",
    "docs/posts/one.md": essay(
        "One <b>bold</b> & Co",
        "2024-01-01",
        "## First part\n\nText [two](two.md).\n",
        extra="tags = ['Alpha', 'Beta']",
    ),
    "docs/posts/two.md": essay("Two", "2024-02-01", "## Other\n\nText.\n", extra="tags = ['Beta']"),
    "docs/posts/draft.md": essay(
        "A Draft", "2024-03-01", "## Part\n\nText.\n", extra="draft = true\ntags = ['Alpha']"
    ),
}


def svg(site: Site, url: str, which: str = ".essay-map") -> Tag:
    node = site.content(url).select_one(which)
    assert node is not None, f"no map in {url}"
    found = node.select_one("svg.essay-map__svg")
    assert found is not None
    return found


def graph(site: Site, url: str, which: str = ".essay-map") -> tuple[list[str], set[frozenset[str]]]:
    """The map's nodes (their pages, site-relative) and its edges, as the script reads them."""
    picture = svg(site, url, which)
    folder = url if url.endswith("/") else posixpath.dirname(url)
    pages = [
        posixpath.normpath(posixpath.join(folder, a["href"])) + "/" for a in picture.select("a")
    ]
    data = site.content(url).select_one(f"{which} .essay-map__data")
    assert data is not None
    edges = json.loads(data.text)["edges"]
    pairs = {frozenset((pages[a], pages[b])) for a, b in zip(edges[::2], edges[1::2], strict=True)}
    return pages, pairs


@pytest.fixture(scope="module")
def seed_site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    return run_build(copy_project(tmp_path_factory.mktemp("seed-map")))


def test_the_seed_map_shows_the_essay_its_cards_and_tags_connected(seed_site: Site) -> None:
    pages, edges = graph(seed_site, "map/")
    essay = ESSAY
    cards = [f"patterns/{SEED.stem}/{c}/" for c in CARDS]
    tags = ["tags/generative-ai/", "tags/llm/", "tags/strategy/"]
    assert sorted(pages) == sorted([essay, *cards, *tags])
    assert edges == {frozenset((essay, other)) for other in cards + tags}
    titles = [t.text for t in svg(seed_site, "map/").select("a > title")]
    assert "Generative AI Development Strategies and Patterns" in titles
    assert "Tags: LLM" in titles
    legend = seed_site.content("map/").select(".essay-map__key")
    assert [li.text for li in legend][:3] == ["Essay", "Pattern cards", "Tags"]


def test_the_map_is_in_the_nav_linked_from_home_and_out_of_search(seed_site: Site) -> None:
    tabs = [a.text.strip() for a in seed_site.html("").select("a.md-tabs__link")]
    assert "Map" in tabs
    assert seed_site.content("").select_one('a[href="map/"]') is not None
    index = json.loads(seed_site.text("search/search_index.json"))
    assert not [d for d in index["docs"] if d["location"].startswith("map/")]
    assert not [d for d in index["docs"] if "Map around" in d["text"]]


def test_every_link_of_every_map_resolves(seed_site: Site) -> None:
    site_dir = seed_site.site_dir
    pages = [p for p in site_dir.rglob("*.html") if b"essay-map__svg" in p.read_bytes()]
    assert len(pages) == 1 + 1 + 3  # map/, the essay, its three cards
    assert broken_links(site_dir, pages=pages) == []
    script = site_dir / "assets" / "mkdocs-essays" / "map.js"
    assert script.is_file() and b"essay-map" in script.read_bytes()


def test_local_maps_under_the_essay_and_its_cards(seed_site: Site) -> None:
    pages, edges = graph(seed_site, ESSAY, ".essay-map--local")
    assert pages[3] == ESSAY or ESSAY in pages
    center = svg(seed_site, ESSAY, ".essay-map--local").select_one(".essay-map__node--center")
    assert center is not None and center["aria-current"] == "page"
    assert len(pages) == 7
    card = f"patterns/{SEED.stem}/{CARDS[1]}/"
    pages, edges = graph(seed_site, card, ".essay-map--local")
    assert frozenset((ESSAY, card)) in edges
    assert {"tags/llm/", f"patterns/{SEED.stem}/{CARDS[0]}/"} <= set(pages)  # two steps out
    size = len(str(seed_site.content(card).select_one(".essay-map--local")))
    assert size < 8_000, size


def test_drafts_only_under_serve_with_their_badge_and_titles_escaped(make_site: MakeSite) -> None:
    built = make_site(FILES)
    pages, edges = graph(built, "map/")
    assert "posts/draft/" not in pages
    assert frozenset(("posts/one/", "posts/two/")) in edges  # one links to two
    assert frozenset(("posts/one/", "tags/beta/")) in edges
    raw = built.text("map/")
    assert "<b>bold</b>" not in raw and "One &lt;b&gt;bold&lt;/b&gt; &amp; Co" in raw
    served = make_site(FILES, serve=True)
    pages, _ = graph(served, "map/")
    assert "posts/draft/" in pages
    node = svg(served, "map/").select_one('a[href="../posts/draft/"]')
    assert node is not None and "essay-map__node--draft" in node["class"]


def test_local_map_option_turns_them_off(make_site: MakeSite) -> None:
    site = make_site(FILES, plugin={"local_map": False})
    assert site.content("posts/one/").select_one(".essay-map") is None
    assert site.content("patterns/one/first-part/").select_one(".essay-map") is None
    assert site.content("map/").select_one(".essay-map svg") is not None


def test_without_directory_urls_links_still_resolve(make_site: MakeSite) -> None:
    site = make_site(FILES, config={"use_directory_urls": False})
    pages = [p for p in site.site_dir.rglob("*.html") if b"essay-map__svg" in p.read_bytes()]
    assert pages and broken_links(site.site_dir, pages=pages) == []


def test_two_builds_give_the_same_maps(make_site: MakeSite) -> None:
    first, second = make_site(FILES), make_site(FILES)
    for url in ("map/", "posts/one/", "patterns/one/first-part/"):
        a, b = (site.content(url).select_one(".essay-map") for site in (first, second))
        assert a is not None and a.select(".essay-map__node"), f"{url} has no map to compare"
        assert str(a) == str(b)
