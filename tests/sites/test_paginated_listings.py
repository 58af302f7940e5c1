"""Listings in pages (issue 12): ``posts/``, term pages and the card catalog show ``pager_size``
essays a page, newest first, later pages at ``<listing>/page/<n>/`` as Hugo writes them.

One site of 25 essays with ``pager_size: 10`` is built once for the module: every essay is
tagged ``AI`` (25 essays: 3 pages), the odd ones ``LLM`` too (13: 2 pages), each has two
sections (two pattern cards), and a draft (newest of all) must appear nowhere.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import BASE_CONFIG, MakeSite, Site, run_build, write_tree
from hugo_compare import require_hugo
from linkcheck import broken_links
from processes import ok

N = 25
SIZE = 10
ROOT = "https://example.org/"


def essay(i: int, *, draft: bool = False) -> str:
    tags = ["AI", "LLM"] if i % 2 else ["AI"]
    return (
        f'+++\ntitle = "Essay {i}"\ndate = 2024-01-{i:02d}T09:00:00Z\n'
        f"tags = {json.dumps(tags)}\n{'draft = true' if draft else ''}\n+++\n\n"
        f"The summary of essay {i}.\n\n<!--more-->\n\n"
        f"## First part of {i}\n\nThe first part of essay {i}.\n\n"
        f"## Second part of {i}\n\nThe second part of essay {i}.\n"
    )


FILES = {
    "docs/index.md": "# Home\n",
    **{f"docs/posts/essay-{i:02d}.md": essay(i) for i in range(1, N + 1)},
    "docs/posts/a-draft.md": essay(28, draft=True),
}


# Every essay has "First part of <n>" and "Second part of <n>": one title each, by its
# letters, which the boilerplate rule would leave out of the catalog (cards_worth_keeping).
PLUGIN = {"pager_size": SIZE, "card_boilerplate": 0}


def build(root: Path, files: dict[str, str], **options: object) -> Site:
    settings = {**BASE_CONFIG, "plugins": ["search", {"essays": {**PLUGIN, **options}}]}
    write_tree(root, {"mkdocs.yml": yaml.safe_dump(settings, sort_keys=False), **files})
    return run_build(root)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    return build(tmp_path_factory.mktemp("paged"), FILES)


def newest(first: int, last: int, step: int = 1) -> list[str]:
    """``Essay first`` down to ``Essay last``."""
    return [f"Essay {i}" for i in range(first, last - 1, -step)]


def listed(site: Site, url: str) -> list[str]:
    return [a.get_text() for a in site.content(url).select(".essay-list__title a")]


def resolve(url: str, href: str) -> str:
    """A link on the page at ``url`` as a site path (``posts/page/2/``)."""
    assert not href.startswith(("/", "http:", "https:")), f"{url}: {href} is not relative"
    return urljoin(ROOT + url, href)[len(ROOT) :]


def pager_links(site: Site, url: str) -> dict[str, str]:
    """rel -> target of the pager's previous/next links."""
    pager = site.content(url).select_one("nav.essay-pager")
    assert pager is not None, f"{url} has no pager"
    return {a["rel"][0]: resolve(url, a["href"]) for a in pager.select("a[rel]")}


def head_links(site: Site, url: str, listing: str) -> dict[str, str]:
    """rel -> target of the ``<head>`` prev/next links into the listing's own pages (Material
    adds its own for a page of the nav, pointing at the nav's neighbours)."""
    head = site.html(url).head
    links = {}
    for link in head.find_all("link", rel=["prev", "next"]):
        target = resolve(url, link["href"])
        if target == listing or target.startswith(listing + "page/"):
            assert link["rel"][0] not in links, f"{url}: two rel={link['rel'][0]} links"
            links[link["rel"][0]] = target
    return links


def numbers(site: Site, url: str) -> list[str]:
    pager = site.content(url).select_one("nav.essay-pager")
    return [" ".join(li.get_text().split()) for li in pager.select("li")]


def expect_pages(site: Site, listing: str, count: int) -> None:
    """Pages 2..count exist, one more does not; prev/next chain them, first and last end it."""
    urls = [listing] + [f"{listing}page/{n}/" for n in range(2, count + 1)]
    for url in urls:
        assert site.exists(url), url
    assert not site.exists(f"{listing}page/{count + 1}/")
    for n, url in enumerate(urls):
        expected = {}
        if n > 0:
            expected["prev"] = urls[n - 1]
        if n + 1 < count:
            expected["next"] = urls[n + 1]
        assert pager_links(site, url) == expected, url
        assert head_links(site, url, listing) == expected, url
        current = site.content(url).select_one(".essay-pager [aria-current=page]")
        assert current is not None and current.get_text() == str(n + 1)
        assert f"Page {n + 1} of {count}" in site.content(url).select_one(".essay-pager").text


# -- posts/ ------------------------------------------------------------------------------------


def test_essay_index_in_pages_newest_first(site: Site) -> None:
    assert listed(site, "posts/") == newest(25, 16)
    assert listed(site, "posts/page/2/") == newest(15, 6)
    assert listed(site, "posts/page/3/") == newest(5, 1)
    expect_pages(site, "posts/", 3)
    assert numbers(site, "posts/page/2/") == ["← Newer", "1", "2", "3", "Older →"]
    assert numbers(site, "posts/") == ["1", "2", "3", "Older →"]


def test_later_pages_have_their_own_title_and_stay_out_of_the_nav(site: Site) -> None:
    assert site.content("posts/").h1.get_text() == "Essays"
    assert site.html("posts/page/2/").title.get_text().startswith("Essays – page 2")
    nav = site.html("posts/").select_one("nav.md-nav--primary")
    targets = {resolve("posts/", a["href"]) for a in nav.find_all("a", href=True)}
    assert "posts/" in targets
    assert not [t for t in targets if "/page/" in t]


def test_page_one_address_redirects_to_the_listing(site: Site) -> None:
    for listing in ("posts/", "tags/ai/", "patterns/"):
        page = site.html(f"{listing}page/1/")
        refresh = page.find("meta", attrs={"http-equiv": "refresh"})["content"]
        target = refresh.split("url=", 1)[1]
        assert resolve(f"{listing}page/1/", target) == listing
        assert page.find("link", rel="canonical")["href"] == ROOT + listing
    assert site.exists("tags/llm/page/1/")  # 2 pages: it has one too


# -- term pages --------------------------------------------------------------------------------


def test_term_pages_in_pages(site: Site) -> None:
    assert listed(site, "tags/ai/") == newest(25, 16)
    assert listed(site, "tags/ai/page/3/") == newest(5, 1)
    expect_pages(site, "tags/ai/", 3)
    assert listed(site, "tags/llm/") == newest(25, 7, 2)
    assert listed(site, "tags/llm/page/2/") == newest(5, 1, 2)
    expect_pages(site, "tags/llm/", 2)
    for url in ("tags/llm/", "tags/llm/page/2/"):  # the counts are the term's, on every page
        meta = site.content(url).select_one(".essay-term__meta").get_text()
        assert "13 essays" in meta and "26 cards" in meta
        assert site.content(url).h1.get_text() == "LLM"


def test_term_page_shows_the_cards_of_its_essays(site: Site) -> None:
    cards = site.content("tags/llm/page/2/").select(
        "#essays-term-cards ~ ul a.essay-card-list__title"
    )
    titles = [a.get_text() for a in cards]
    assert titles == [f"{part} part of {i}" for i in (5, 3, 1) for part in ("First", "Second")]


# -- the card catalog --------------------------------------------------------------------------


def catalog_groups(site: Site, url: str) -> list[str]:
    return [a.get_text() for a in site.content(url).select(".essay-cards-group__title a")]


def test_card_catalog_in_pages(site: Site) -> None:
    assert catalog_groups(site, "patterns/") == newest(25, 16)
    assert catalog_groups(site, "patterns/page/2/") == newest(15, 6)
    assert catalog_groups(site, "patterns/page/3/") == newest(5, 1)
    expect_pages(site, "patterns/", 3)
    for url in ("patterns/", "patterns/page/3/"):
        count = site.content(url).select_one(".essay-cards-catalog__count").get_text()
        assert count.startswith("50 pattern cards from 25 essays")
    cards = site.content("patterns/page/3/").select(".essay-card__title a")
    assert len(cards) == 10
    assert site.exists(resolve("patterns/page/3/", cards[0]["href"]))


def test_catalog_tag_filter_works_without_javascript(site: Site) -> None:
    """On every page of a catalog of several pages, each tag links to its term page (which
    lists every card with the tag); the links show without JavaScript."""
    for url in ("patterns/", "patterns/page/2/", "patterns/page/3/"):
        content = site.content(url)
        tags = content.select_one("nav.essay-cards-tags")
        assert tags is not None and not tags.has_attr("hidden")
        assert not [p for p in tags.parents if p.has_attr("hidden")]
        links = {a.contents[0].strip(): resolve(url, a["href"]) for a in tags.find_all("a")}
        assert links == {"AI": "tags/ai/#essays-term-cards", "LLM": "tags/llm/#essays-term-cards"}
        # A JavaScript filter would only see one page's cards: there is none.
        assert content.select_one(".essay-cards-filter") is None
        assert content.find("script") is None
    counts = [s.get_text() for s in site.content("patterns/").select(".essay-cards-tags__count")]
    assert counts == ["50", "26"]
    # the later pages name the tags without their counts (a tag added to an essay would
    # change every page of the catalog otherwise: issue 23), in the order of their names
    later = site.content("patterns/page/2/").select_one("nav.essay-cards-tags")
    assert later.select(".essay-cards-tags__count") == []
    assert [a.get_text().strip() for a in later.find_all("a")] == ["AI", "LLM"]


def test_later_catalog_pages_name_their_own_essays_tags(tmp_path: Path) -> None:
    """The first page of the catalog names every tag; a later page the tags of its own
    essays: a tag added to one essay changes the first page and its own, not all of them."""
    files = {
        **FILES,
        "docs/posts/essay-25.md": essay(25).replace('["AI", "LLM"]', '["AI", "LLM", "Rare"]'),
        "docs/posts/essay-12.md": essay(12).replace('["AI"]', '["AI", "Middle"]'),
    }
    tagged = build(tmp_path, files)

    def names(url: str) -> list[str]:
        links = tagged.content(url).select_one("nav.essay-cards-tags").find_all("a")
        return [a.contents[0].strip() for a in links]

    assert sorted(names("patterns/")) == ["AI", "LLM", "Middle", "Rare"]
    assert names("patterns/page/2/") == ["AI", "LLM", "Middle"]  # (essays 15 to 6)
    assert names("patterns/page/3/") == ["AI", "LLM"]


def test_a_catalog_of_one_page_keeps_its_filter(tmp_path: Path) -> None:
    small = build(tmp_path, FILES, pager_size=100)
    content = small.content("patterns/")
    assert content.select_one(".essay-cards-filter") is not None
    assert content.select_one("nav.essay-cards-tags") is None
    assert content.select_one("nav.essay-pager") is None
    assert len(catalog_groups(small, "patterns/")) == N
    assert not [p for p in small.pages() if "/page/" in p and "/page/1/" not in p]
    assert small.exists("posts/page/1/")  # Hugo writes it for a list of one page too
    assert not small.html("posts/").head.find("link", rel="next", href=re.compile("page/"))


# -- the rest of the site ----------------------------------------------------------------------


def test_drafts_appear_nowhere(site: Site) -> None:
    assert not [p for p in site.pages() if "a-draft" in p or "Essay 28" in site.text(p)]


def test_every_link_resolves(site: Site) -> None:
    assert broken_links(site.site_dir) == []


def test_search_finds_listings_by_their_first_page(site: Site) -> None:
    docs = json.loads((site.site_dir / "search" / "search_index.json").read_text("utf-8"))["docs"]
    locations = [d["location"] for d in docs]
    assert "posts/" in locations and "patterns/" in locations
    assert not [loc for loc in locations if "/page/" in loc]
    # Each card by its title, once; each essay section once.
    for i in (1, 13, 25):
        card = [d for d in docs if d["title"] == f"First part of {i}" and "#" not in d["location"]]
        assert [d["location"] for d in card] == [f"patterns/essay-{i:02d}/first-part-of-{i}/"]
        text = f"The second part of essay {i}."  # the section, and its card's lead
        holders = [d["location"] for d in docs if text in d["text"]]
        assert holders == [
            f"posts/essay-{i:02d}/#second-part-of-{i}",
            f"patterns/essay-{i:02d}/second-part-of-{i}/",
        ], holders


def test_feeds_cards_json_and_sitemap_are_unchanged(site: Site, tmp_path: Path) -> None:
    whole = build(tmp_path, FILES, pager_size=1000)

    def feed(s: Site, path: str) -> str:
        return re.sub(r"<lastBuildDate>[^<]*</lastBuildDate>", "", s.text(path))

    for path in ("feed.xml", "tags/ai/feed.xml", "tags/llm/feed.xml"):
        assert feed(site, path) == feed(whole, path), path
    assert site.text("patterns/cards.json") == whole.text("patterns/cards.json")

    def sitemap(s: Site) -> set[str]:
        soup = BeautifulSoup(s.text("sitemap.xml"), "xml")
        return {loc.get_text() for loc in soup.find_all("loc")}

    before, after = sitemap(whole), sitemap(site)
    assert before <= after
    assert {urlsplit(u).path for u in after - before} == {
        f"/{listing}page/{n}/"
        for listing, count in (("posts/", 3), ("tags/ai/", 3), ("tags/llm/", 2), ("patterns/", 3))
        for n in range(2, count + 1)
    }


def test_a_writers_index_page_hosts_page_one(tmp_path: Path) -> None:
    files = {
        **FILES,
        "docs/posts/index.md": "# My essays\n\nWhat I write about.\n\n<!-- essays:index -->\n",
    }
    hosted = build(tmp_path, files)
    content = hosted.content("posts/")
    assert content.h1.get_text().startswith("My essays")
    assert "What I write about." in content.get_text()
    assert listed(hosted, "posts/") == newest(25, 16)
    assert listed(hosted, "posts/page/2/") == newest(15, 6)
    expect_pages(hosted, "posts/", 3)
    assert broken_links(hosted.site_dir) == []


def test_without_directory_urls(tmp_path: Path) -> None:
    root = tmp_path
    settings = {
        **BASE_CONFIG,
        "use_directory_urls": False,
        "plugins": ["search", {"essays": PLUGIN}],
    }
    write_tree(root, {"mkdocs.yml": yaml.safe_dump(settings, sort_keys=False), **FILES})
    flat = run_build(root)
    assert (flat.site_dir / "posts" / "page" / "2.html").is_file()
    page = BeautifulSoup((flat.site_dir / "posts" / "page" / "2.html").read_text("utf-8"), "lxml")
    rels = {a["rel"][0]: a["href"] for a in page.select("nav.essay-pager a[rel]")}
    assert rels == {"prev": "../../posts.html", "next": "3.html"}
    assert broken_links(flat.site_dir) == []


def test_pager_size_must_be_positive(make_site: MakeSite) -> None:
    failed = make_site(FILES, plugin={"pager_size": 0}, expect_error=True)
    assert "pager_size" in failed.error and "1 or more" in failed.error


# -- Hugo, live ---------------------------------------------------------------------------------

HUGO = {
    "hugo.toml": "baseURL = 'https://example.org/'\ntitle = 'x'\n"
    "disableKinds = ['RSS', 'sitemap', 'robotsTXT', '404']\n"
    "[pagination]\n  pagerSize = 10\n",
    "layouts/single.html": "{{ .Title }}",
    "layouts/list.html": "{{ range (.Paginate .Pages).Pages }}<a>{{ .Title }}</a>\n{{ end }}",
}


def test_pages_match_a_live_hugo_build(site: Site, tmp_path: Path) -> None:
    """Hugo with ``pagerSize = 10`` writes the same listing pages, with the same essays on
    each: links into an imported site's listings keep working."""
    hugo = require_hugo()
    content = {k.replace("docs/", "content/"): v for k, v in FILES.items() if "/posts/" in k}
    write_tree(tmp_path, {**HUGO, **content})
    ok([hugo, "--quiet"], cwd=tmp_path, timeout=120)
    public = tmp_path / "public"
    for listing in ("posts/", "tags/ai/", "tags/llm/"):
        pages = sorted(p.parent.name for p in (public / listing / "page").glob("*/index.html"))
        ours = sorted(
            p.parent.name for p in (site.site_dir / listing / "page").glob("*/index.html")
        )
        assert pages == ours, listing
        for name in pages:
            if name == "1":
                continue  # Hugo's and ours both redirect to the listing
            url = f"{listing}page/{name}/"
            html = BeautifulSoup((public / url / "index.html").read_text("utf-8"), "lxml")
            assert [a.get_text() for a in html.find_all("a")] == listed(site, url), url
        first = BeautifulSoup((public / listing / "index.html").read_text("utf-8"), "lxml")
        assert [a.get_text() for a in first.find_all("a")] == listed(site, listing)


def test_a_taxonomy_of_many_terms_has_its_index_in_pages(tmp_path: Path) -> None:
    """1,100 tags: ``tags/`` shows the 500 most used, ``tags/page/2/`` the next 500 and
    ``tags/page/3/`` the last 100, each term once, with the pager and ``rel`` links; a cloud
    of 500 terms or fewer stays one page (the other tests' sites)."""
    from mkdocs_essays.pages.taxonomy import TERMS_PER_PAGE

    assert TERMS_PER_PAGE == 500
    files = {"docs/index.md": "# Home\n"}
    for e in range(4):
        tags = [f"T{t:04d}" for t in range(e * 275, (e + 1) * 275)] + ["Common"]
        files[f"docs/posts/e{e}.md"] = (
            f'+++\ntitle = "E{e}"\ndate = 2024-01-0{e + 1}\ntags = {json.dumps(tags)}\n+++\n\n'
            "Text.\n"
        )
    site = build(tmp_path, files, local_map=False)
    names: list[str] = []
    for number, url in enumerate(("tags/", "tags/page/2/", "tags/page/3/"), start=1):
        terms = [a.contents[0].strip() for a in site.content(url).select("a.essay-cloud__term")]
        assert len(terms) == (500 if number < 3 else 101), url
        names += terms
        assert len(site.text(url)) < 300_000
    assert names[0] == "Common"  # most used first, across the pages
    assert sorted(names) == sorted(["Common", *(f"T{t:04d}" for t in range(1100))])
    assert pager_links(site, "tags/") == {"next": "tags/page/2/"}
    assert pager_links(site, "tags/page/2/") == {"prev": "tags/", "next": "tags/page/3/"}
    head = site.html("tags/page/2/").head
    assert {link["rel"][0] for link in head.select("link[rel=prev], link[rel=next]")} == {
        "prev",
        "next",
    }
    assert site.exists("tags/page/1/") and not site.exists("tags/page/4/")
    assert broken_links(site.site_dir) == []
