"""Permalinks, ugly URLs and path case for any writer (no Hugo import): everything that points at
an essay follows its URL (listings, term pages, feeds, sitemap, backlinks, the map, cards and
cards.json, aliases), and every link of the built site resolves."""

from __future__ import annotations

import json
from urllib.parse import urlsplit

from bs4 import BeautifulSoup
from conftest import MakeSite, Site
from linkcheck import broken_links


def essay(title: str, date: str, body: str, extra: str = "") -> str:
    return f"+++\ntitle = {json.dumps(title)}\ndate = {date}\n{extra}\n+++\n\n{body}\n"


FILES = {
    "docs/index.md": "# Home\n",
    "docs/posts/first.md": essay(
        "The First Essay",
        "2024-05-01",
        "## An idea\n\nIts text, see [the second](second.md#more).",
        "tags = ['LLM', 'Writing']\naliases = ['old-first', '/legacy/first/']",
    ),
    "docs/posts/second.md": essay(
        "Second", "2024-06-15", "## More\n\nText.", "tags = ['LLM']\nslug = 'roundup'"
    ),
    "docs/posts/third.md": essay(
        "Third", "2024-07-02T23:30:00-05:00", "## Late\n\nText.", "slug = 'roundup'"
    ),
    "docs/posts/fixed.md": essay("Fixed", "2024-08-01", "Text.", "url = '/place/:year/:slug/'"),
}
PERMALINKS = {"permalinks": {"posts": "/:year/:month/:day/:slug/"}}
# without dates in the URL, the third essay needs a slug of its own
UNDATED = {**FILES, "docs/posts/third.md": essay("Third", "2024-07-02", "Text.", "slug = 'late'")}


def hrefs(site: Site, url: str) -> set[str]:
    """The site paths the page's links point to (resolved against the page)."""
    page = site.file(url)
    soup = BeautifulSoup(page.read_text("utf-8"), "lxml")
    base = page.parent.relative_to(site.site_dir).as_posix()
    out = set()
    for link in soup.find_all("a", href=True):
        href = urlsplit(link["href"])
        if href.scheme or not href.path:
            continue
        out.add((site.site_dir / base / href.path).resolve().relative_to(site.site_dir).as_posix())
    return out


def test_everything_follows_the_permalink(make_site: MakeSite) -> None:
    site = make_site(FILES, plugin=PERMALINKS)
    first, second = "2024/05/01/the-first-essay/", "2024/06/15/roundup/"
    third = "2024/07/02/roundup/"  # the date in its own offset; kept apart from `second`
    for url in (first, second, third, "place/2024/fixed/"):
        assert site.exists(url), url
    assert not site.exists("posts/first/") and not site.exists("posts/roundup/")
    # listings and term pages link to the new addresses
    assert {first.rstrip("/"), second.rstrip("/")} <= hrefs(site, "posts/")
    assert {first.rstrip("/"), second.rstrip("/")} <= hrefs(site, "tags/llm/")
    # feeds and the sitemap
    feed = BeautifulSoup(site.file("feed.xml").read_text("utf-8"), "xml")
    links = {urlsplit(item.link.text).path for item in feed.find_all("item")}
    assert f"/{first}" in links and f"/{third}" in links
    assert f"https://example.org/{second}" in site.file("sitemap.xml").read_text("utf-8")
    # aliases: a relative one starts from the essay's new folder
    assert site.exists("2024/05/01/old-first/") and site.exists("legacy/first/")
    assert first in site.text("2024/05/01/old-first/")
    # backlinks: the second essay lists the first, at its new address
    backlinks = site.content(second).select_one("section.essay-backlinks")
    assert backlinks is not None and "The First Essay" in backlinks.get_text()
    # cards live in the catalog under each essay's address; cards.json says so
    cards = json.loads(site.file("patterns/cards.json").read_text("utf-8"))["cards"]
    by_essay = {card["essay_url"]: card["url"] for card in cards}
    assert by_essay[first] == f"patterns/{first}an-idea/"
    assert by_essay[second] == f"patterns/{second}more/"
    assert by_essay[third] == f"patterns/{third}late/"
    assert all(site.exists(url) for url in by_essay.values())
    # the map
    assert first.rstrip("/") in hrefs(site, "map/")
    assert broken_links(site.site_dir) == []


def test_two_essays_at_one_address_name_the_pattern(make_site: MakeSite) -> None:
    site = make_site(FILES, plugin={"permalinks": {"posts": "/:year/:slug/"}}, expect_error=True)
    assert site.error is not None
    assert "both publish at /2024/roundup/" in site.error
    assert "permalinks.posts ('/:year/:slug/') gives both the same address" in site.error


def test_a_pattern_hugo_would_refuse_stops_the_build(make_site: MakeSite) -> None:
    site = make_site(FILES, plugin={"permalinks": {"posts": "/:year/:titel/"}}, expect_error=True)
    assert site.error is not None and "permalinks.posts" in site.error
    assert "the token ':titel', which Hugo does not know" in site.error
    site = make_site(FILES, plugin={"permalinks": {"posts": "/../../x/:slug/"}}, expect_error=True)
    assert site.error is not None and "permalinks.posts" in site.error and "'..'" in site.error


def test_ugly_urls(make_site: MakeSite) -> None:
    site = make_site(UNDATED, plugin={"ugly_urls": True, "pager_size": 1})
    assert site.exists("posts/first.html") and site.exists("posts/roundup.html")
    assert site.exists("place/2024/fixed/")  # a url keeps its own form
    assert site.exists("tags/llm.html") and site.exists("tags/llm/page/2.html")
    assert site.exists("tags/llm/page/1.html")  # the redirect to page 1
    assert site.exists("tags/llm/feed.xml") and site.exists("posts/")
    assert site.exists("posts/old-first.html") and site.exists("legacy/first.html")
    assert not site.exists("posts/first/")
    assert broken_links(site.site_dir) == []


def test_ugly_urls_by_section(make_site: MakeSite) -> None:
    files = {**UNDATED, "docs/notes/note.md": "+++\ntitle = 'A note'\n+++\n\nText.\n"}
    site = make_site(files, plugin={"ugly_urls": {"posts": True}, "hugo_content": True})
    assert site.exists("posts/first.html") and site.exists("tags/llm/")
    assert site.exists("notes/note/") and not site.exists("notes/note.html")


def test_path_case_is_kept(make_site: MakeSite) -> None:
    files = {
        "docs/posts/My-Post.md": essay("A", "2024-01-01", "Text.", "tags = ['Foo Bar']"),
        "docs/posts/other.md": essay("B", "2024-01-02", "Text.", "tags = ['Foo Bar', 'foo bar']"),
        "docs/posts/third.md": essay("C", "2024-01-03", "Text.", "slug = 'My Slug'"),
    }
    site = make_site(files, plugin={"disable_path_to_lower": True})
    assert site.exists("posts/My-Post/") and site.exists("posts/My-Slug/")
    assert site.exists("tags/Foo-Bar/")
    assert site.exists("tags/foo-bar/")  # the other spelling redirects to the term
    assert 'http-equiv="refresh"' in site.text("tags/foo-bar/")
    assert broken_links(site.site_dir) == []
