"""MkDocs' own ``sitemap.xml``: every page of the site and nothing else (no left-out essay, no
redirect), under the site's subpath."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from urllib.parse import unquote

from conftest import SEED, MakeSite, Site

SUBPATH = "https://user.github.io/repo/"
SEED_URL = "posts/generative-ai-development-strategies-and-patterns/"
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def essay(title: str, date: str, extra: str = "") -> str:
    return (
        f"+++\ntitle = {json.dumps(title)}\ndate = {date}\n{extra}\n+++\n\n"
        f"The text of {title}.\n\n## A section of {title}\n\nMore words.\n"
    )


def sitemap(site: Site, site_url: str) -> list[str]:
    """The page paths the sitemap lists (``posts/x/``), in its order."""
    root = ET.fromstring(site.text("sitemap.xml"))
    locs = [loc.text or "" for loc in root.findall("s:url/s:loc", NS)]
    assert all(loc.startswith(site_url) for loc in locs), locs
    return [unquote(loc[len(site_url) :]) for loc in locs]


def written_pages(site: Site) -> set[str]:
    """Every HTML page written to the site, except the 404 page and redirect pages."""
    pages = set()
    for path in site.site_dir.rglob("*.html"):
        rel = path.relative_to(site.site_dir).as_posix()
        if rel == "404.html" or 'http-equiv="refresh"' in path.read_text("utf-8"):
            continue
        pages.add(rel[: -len("index.html")] if rel.endswith("index.html") else rel)
    return pages


FILES = {
    "docs/index.md": "# Home\n",
    "docs/about.md": "# About\n",
    "docs/posts/" + SEED.name: SEED.read_text(encoding="utf-8"),
    "docs/posts/second.md": essay(
        "Second",
        "2024-06-01",
        'tags = ["LLM", "Patterns"]\ncategories = ["Notes"]\naliases = ["/2019/second/"]',
    ),
    "docs/posts/draft.md": essay("Draft", "2024-07-01", 'draft = true\ntags = ["Draft only"]'),
    "docs/posts/future.md": essay("Future", "2999-01-01", 'tags = ["Later"]'),
    "docs/posts/expired.md": essay("Expired", "2020-01-01", "expiryDate = 2021-01-01"),
}


def test_sitemap_lists_every_page_and_nothing_left_out(make_site: MakeSite) -> None:
    site = make_site(FILES, config={"site_url": SUBPATH})
    listed = sitemap(site, SUBPATH)
    assert len(listed) == len(set(listed)), "a page is listed twice"
    assert set(listed) == written_pages(site)

    for page in (
        "",
        "about/",
        "posts/",
        SEED_URL,
        "posts/second/",
        "tags/",
        "tags/llm/",
        "tags/generative-ai/",
        "tags/patterns/",
        "categories/",
        "categories/notes/",
    ):
        assert page in listed, page
    for left_out in (
        "posts/draft/",
        "posts/future/",
        "posts/expired/",
        "tags/draft-only/",
        "tags/later/",
        "2019/second/",
    ):
        assert left_out not in listed, left_out
        assert not any(p.startswith(left_out) for p in listed), left_out
    assert site.exists("2019/second/"), "the redirect exists, outside the sitemap"


def test_sitemap_lists_the_cards_of_published_essays_only(make_site: MakeSite) -> None:
    """Card pages (``patterns/<essay>/<section>/``) and the catalog are listed like any page;
    the cards of left-out essays are neither written nor listed."""
    site = make_site(FILES, config={"site_url": SUBPATH})
    listed = sitemap(site, SUBPATH)
    cards = {p for p in listed if p.startswith("patterns/")}
    assert cards == {p for p in written_pages(site) if p.startswith("patterns/")}
    assert "patterns/" in cards
    assert "patterns/second/a-section-of-second/" in cards
    seed_cards = {p for p in cards if p.startswith("patterns/generative-ai-development")}
    assert len(seed_cards) >= 3
    for left_out in ("draft", "future", "expired"):
        assert not any(p.startswith(f"patterns/{left_out}/") for p in written_pages(site))


def test_sitemap_under_serve_leaves_previews_out(make_site: MakeSite) -> None:
    """`mkdocs serve` shows drafts with a badge, but they are not pages of the published site."""
    site = make_site(FILES, serve=True)
    listed = sitemap(site, "https://example.org/")
    assert site.exists("posts/draft/")
    assert "posts/draft/" not in listed and "posts/second/" in listed
