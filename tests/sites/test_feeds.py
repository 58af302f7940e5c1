"""RSS feeds of real sites: feed.xml, one feed per term, and the links to them in every page."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from urllib.parse import quote, unquote, urljoin

import feedparser
from bs4 import BeautifulSoup
from conftest import SEED, MakeSite, Site

SUBPATH = "https://user.github.io/repo/"
SEED_URL = "posts/generative-ai-development-strategies-and-patterns/"


def essay(title: str, date: str, tags: list[str] = (), extra: str = "", body: str = "") -> str:  # type: ignore[assignment]
    return (
        f"+++\ntitle = {json.dumps(title)}\ndate = {date}\ntags = {json.dumps(list(tags))}\n"
        f"{extra}\n+++\n\n{body or 'The text of ' + title + '.'}\n"
    )


def many(count: int) -> dict[str, str]:
    """``count`` essays dated one day apart (essay-01 is the oldest), tagged odd or even."""
    return {
        f"docs/posts/essay-{n:02d}.md": essay(
            f"Essay {n:02d}",
            f"2024-01-{n:02d}T09:00:00Z",
            ["Odd" if n % 2 else "Even", "All"],
        )
        for n in range(1, count + 1)
    }


def parse(site: Site, path: str) -> feedparser.FeedParserDict:
    parsed = feedparser.parse((site.site_dir / path).read_bytes())
    assert not parsed.bozo, f"{path}: {parsed.get('bozo_exception')}"
    return parsed


def page_of(site: Site, url: str, site_url: str = "https://example.org/") -> str:
    """The page path of an absolute link of the site; fails when the page does not exist."""
    assert url.startswith(site_url), url
    path = unquote(url[len(site_url) :])
    assert site.exists(path), f"{url} is not a page of the site"
    return path


def test_site_feed_holds_the_latest_twenty_published_essays(make_site: MakeSite) -> None:
    files = many(25)
    files["docs/posts/draft.md"] = essay("A draft", "2024-02-01", ["All"], "draft = true")
    files["docs/posts/future.md"] = essay("Future", "2999-01-01", ["All"])
    files["docs/posts/" + SEED.name] = SEED.read_text(encoding="utf-8")
    site = make_site(files)

    feed = parse(site, "feed.xml")
    titles = [entry.title for entry in feed.entries]
    assert titles == [
        "Generative AI Development Strategies and Patterns",
        *(f"Essay {n:02d}" for n in range(25, 6, -1)),
    ]
    assert feed.feed.title == "Test site"
    assert feed.feed.link == "https://example.org/"
    seed = feed.entries[0]
    assert seed.link == "https://example.org/" + SEED_URL
    assert page_of(site, seed.link) == SEED_URL
    assert seed.published == "Fri, 03 Jan 2025 10:10:10 +0000"
    assert [t.term for t in seed.tags] == ["Generative AI", "LLM", "Strategy"]
    assert seed.summary.startswith("AI embodies distinct capabilities rather than functionalities.")
    # The summary is the one the essay index shows.
    index_summary = site.content("posts/").select_one(".essay-summary, p").get_text(" ", strip=True)
    assert index_summary.split()[:6] == seed.summary.split()[:6]
    for entry in feed.entries:
        page_of(site, entry.link)
        assert entry.id == entry.link
    root = ET.fromstring(site.text("feed.xml"))
    assert root.findtext("channel/lastBuildDate") == "Fri, 03 Jan 2025 10:10:10 +0000"


def test_a_feed_per_term(make_site: MakeSite) -> None:
    files = many(24)
    files["docs/posts/signs.md"] = essay(
        "Signs", "2024-03-01", ["C#", "R&D", "Ünïcode"], 'categories = ["Notes"]'
    )
    files["docs/posts/spelled.md"] = essay("Spelled", "2024-03-02", ["odd"])
    site = make_site(files)

    odd = parse(site, "tags/odd/feed.xml")
    assert [e.title for e in odd.entries] == [
        "Spelled",
        *(f"Essay {n:02d}" for n in range(23, 0, -2)),
    ]
    assert odd.feed.title == "Test site: Odd"
    assert odd.feed.link == "https://example.org/tags/odd/"
    assert [e.title for e in parse(site, "tags/all/feed.xml").entries][-1] == "Essay 05"
    assert len(parse(site, "tags/all/feed.xml").entries) == 20

    assert [e.title for e in parse(site, "tags/c#/feed.xml").entries] == ["Signs"]
    assert [e.title for e in parse(site, "tags/rd/feed.xml").entries] == ["Signs"]
    assert [e.title for e in parse(site, "tags/ünïcode/feed.xml").entries] == ["Signs"]
    notes = parse(site, "categories/notes/feed.xml")
    assert [e.title for e in notes.entries] == ["Signs"]
    signs = notes.entries[0]
    assert [(t.term, t.scheme) for t in signs.tags] == [
        ("C#", "https://example.org/tags/"),
        ("R&D", "https://example.org/tags/"),
        ("Ünïcode", "https://example.org/tags/"),
        ("Notes", "https://example.org/categories/"),
    ]
    # The feed's own address is percent-encoded, as a reader requests it.
    root = ET.fromstring((site.site_dir / "tags/c#/feed.xml").read_text("utf-8"))
    self_link = root.find("channel/{http://www.w3.org/2005/Atom}link")
    assert self_link is not None
    assert self_link.get("href") == "https://example.org/tags/c%23/feed.xml"


def alternate_links(site: Site, url: str) -> list[tuple[str, str]]:
    """The feed links in the head of the page at ``url`` (a path that may contain ``#``)."""
    path = site.site_dir / (url + "index.html" if url == "" or url.endswith("/") else url)
    soup = BeautifulSoup(path.read_text("utf-8"), "lxml")
    return [
        (link["title"], link["href"])
        for link in soup.select('head link[rel="alternate"][type="application/rss+xml"]')
    ]


def term_feed_link(site: Site, url: str) -> str:
    """The feed link in the text of the page at ``url`` (a path that may contain ``#``)."""
    path = site.site_dir / (url + "index.html" if url.endswith("/") else url)
    soup = BeautifulSoup(path.read_text("utf-8"), "lxml")
    links = soup.select('article a[type="application/rss+xml"], [role="main"] a[type]')
    assert len(links) == 1, links
    return links[0]["href"]


def test_every_page_links_its_feeds_relatively_under_a_subpath(make_site: MakeSite) -> None:
    files = {
        "docs/index.md": "# Home\n",
        "docs/about.md": "# About\n",
        "docs/posts/x.md": essay("X", "2024-01-01", ["C#"], 'aliases = ["old-x"]'),
    }
    site = make_site(files, config={"site_url": SUBPATH, "site_name": 'Mine & "yours"'})
    feed_url = SUBPATH + "feed.xml"
    for url in ("", "about/", "posts/", "posts/x/", "tags/c#/"):
        links = alternate_links(site, url)
        assert links[0][0] == 'Mine & "yours"'
        assert not links[0][1].startswith(("/", "http")), links
        assert urljoin(SUBPATH + quote(url), links[0][1]) == feed_url, url
    # A term's feed is linked in the term page's text, not its head: Material fetches a
    # sitemap.xml beside every <link rel="alternate">, which would 404 in tags/<term>/.
    assert len(alternate_links(site, "tags/c#/")) == 1
    term_feed = term_feed_link(site, "tags/c#/")
    assert urljoin(SUBPATH + "tags/c%23/", term_feed) == SUBPATH + "tags/c%23/feed.xml"
    assert (site.site_dir / "tags/c#/feed.xml").is_file()
    assert len(alternate_links(site, "posts/x/")) == 1
    feed = parse(site, "feed.xml")
    assert feed.entries[0].link == SUBPATH + "posts/x/"
    assert page_of(site, feed.entries[0].link, SUBPATH) == "posts/x/"
    assert parse(site, "feed.xml").feed.title == 'Mine & "yours"'


def test_without_site_url_feeds_are_skipped_with_one_warning(make_site: MakeSite) -> None:
    site = make_site(
        {**many(3), "docs/index.md": "# Home\n"},
        config={"site_url": None},
        warnings=[r"no site_url, so no RSS feeds are written .*Set site_url"],
    )
    assert len(site.warnings()) == 1
    assert not list(site.site_dir.rglob("feed.xml"))
    assert alternate_links(site, "") == []
    assert alternate_links(site, "posts/essay-01/") == []


def test_feed_items_zero_turns_feeds_off_quietly(make_site: MakeSite) -> None:
    site = make_site(many(3), config={"site_url": None}, plugin={"feed_items": 0})
    assert not list(site.site_dir.rglob("feed.xml"))
    assert alternate_links(site, "posts/essay-01/") == []
    three = make_site(many(5), plugin={"feed_items": 3})
    assert [e.title for e in parse(three, "feed.xml").entries] == [
        "Essay 05",
        "Essay 04",
        "Essay 03",
    ]


def test_two_builds_of_the_same_sources_are_byte_identical(make_site: MakeSite) -> None:
    files = {**many(4), "docs/posts/" + SEED.name: SEED.read_text(encoding="utf-8")}
    first = make_site(files)
    second = make_site(files)
    feeds = sorted(p.relative_to(first.site_dir) for p in first.site_dir.rglob("feed.xml"))
    assert len(feeds) == 1 + 3 + 3  # the site, Odd/Even/All, the seed's three tags
    for path in feeds:
        assert (first.site_dir / path).read_bytes() == (second.site_dir / path).read_bytes()


def test_hostile_titles_and_tags_are_escaped(make_site: MakeSite) -> None:
    title = "<script>alert(\"t\")</script> & 'quotes'"
    tag = '<b>bold</b> & "q"'
    site = make_site(
        {"docs/posts/x.md": essay(title, "2024-01-01", [tag], body="Text with <i>tags</i> & amps.")}
    )
    raw = site.text("feed.xml")
    assert "<script" not in raw and "<b>" not in raw and "<i>" not in raw
    entry = parse(site, "feed.xml").entries[0]
    assert entry.title == title
    assert [t.term for t in entry.tags] == [tag]
    assert "<i>" not in entry.summary and "tags" in entry.summary
    root = ET.fromstring(raw)
    assert root.findtext("channel/item/title") == title


def test_serve_feeds_hold_published_essays_only(make_site: MakeSite) -> None:
    files = {
        **many(2),
        "docs/posts/draft.md": essay("A draft", "2024-02-01", ["Odd"], "draft = true"),
    }
    site = make_site(files, serve=True)
    assert "A draft" not in [e.title for e in parse(site, "feed.xml").entries]
    assert [e.title for e in parse(site, "tags/odd/feed.xml").entries] == ["Essay 01"]


def test_mkdocs_theme_and_file_urls(make_site: MakeSite) -> None:
    site = make_site(many(2), config={"theme": {"name": "mkdocs"}, "use_directory_urls": False})
    links = alternate_links(site, "posts/essay-01.html")
    assert links == [("Test site", "../feed.xml")]
    assert alternate_links(site, "tags/odd.html") == [("Test site", "../feed.xml")]
    assert term_feed_link(site, "tags/odd.html") == "odd/feed.xml"
    assert (site.site_dir / "tags/odd/feed.xml").is_file()
    entry = parse(site, "feed.xml").entries[0]
    assert entry.link == "https://example.org/posts/essay-02.html"
    assert site.file("posts/essay-02.html").is_file()


def test_build_list_never_and_local_as_in_hugos_feeds(make_site: MakeSite) -> None:
    """Hugo 0.168's RSS template lists site.RegularPages on the home (no ``build.list`` never
    or local pages) and a term's .Pages (no never ones)."""
    files = {
        "docs/posts/a.md": essay("Always", "2024-01-01", ["t"]),
        "docs/posts/n.md": essay("Never", "2024-01-02", ["t"], "[build]\nlist = 'never'"),
        "docs/posts/l.md": essay("Local", "2024-01-03", ["t"], "[build]\nlist = 'local'"),
    }
    site = make_site(files, plugin={"hugo_content": True})
    assert [e.title for e in parse(site, "feed.xml").entries] == ["Always"]
    assert [e.title for e in parse(site, "tags/t/feed.xml").entries] == ["Local", "Always"]
