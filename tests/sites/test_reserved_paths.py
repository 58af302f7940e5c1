"""Every path the build writes is checked against every other, as a file and as a folder:
an alias, ``url``, slug or tag that lands on a file the build or MkDocs writes is one error
naming both sides (before: an ``OSError`` traceback, or one page silently replacing another).
"""

from __future__ import annotations

import pytest
from conftest import MakeSite
from growth import assert_linear
from mkdocs_essays.pages.destinations import Destinations


def essay(front: str, body: str = "Text.\n\n## Idea\n\nMore.\n") -> str:
    return f"---\ntitle: A\ndate: 2024-01-01\n{front}\n---\n{body}"


# (case, files, plugin options, what the error names: both sides)
CASES = [
    (
        "alias on the site feed",
        {"docs/posts/a.md": essay('aliases: ["/feed.xml"]')},
        {},
        ["docs/posts/a.md:4: alias '/feed.xml'", "the RSS feed /feed.xml"],
    ),
    (
        "url under the search index",
        {"docs/posts/a.md": essay("url: /search/search_index.json")},
        {},
        ["the essay docs/posts/a.md:4", "the search plugin's search/search_index.json"],
    ),
    (
        "a tag named like the taxonomy page's file",
        {"docs/posts/a.md": essay('tags: ["index.html"]')},
        {},
        ["the taxonomy page 'Tags'", "the term page 'index.html'"],
    ),
    (
        "url under cards.json",
        {"docs/posts/a.md": essay("url: /patterns/cards.json/")},
        {},
        ["the essay docs/posts/a.md:4", "/patterns/cards.json"],
    ),
    (
        "alias on 404.html",
        {"docs/posts/a.md": essay('aliases: ["/404.html"]')},
        {},
        ["docs/posts/a.md:4: alias '/404.html'", "the theme's 404.html"],
    ),
    (
        "url on 404.html",
        {"docs/posts/a.md": essay("url: /404.html")},
        {},
        ["the essay docs/posts/a.md:4 (/404.html)", "the theme's 404.html"],
    ),
    (
        "url on sitemap.xml",
        {"docs/posts/a.md": essay("url: /sitemap.xml")},
        {},
        ["the essay docs/posts/a.md:4", "the theme's sitemap.xml"],
    ),
    (
        "alias under sitemap.xml.gz",
        {"docs/posts/a.md": essay('aliases: ["/sitemap.xml.gz"]')},
        {},
        ["alias '/sitemap.xml.gz'", "MkDocs' sitemap.xml.gz"],
    ),
    (
        "url on the plugin's stylesheet",
        {"docs/posts/a.md": essay("url: /assets/mkdocs-essays/essays.css")},
        {},
        ["the essay docs/posts/a.md:4", "/assets/mkdocs-essays/essays.css the plugin writes"],
    ),
    (
        "alias on a theme asset",
        {"docs/posts/a.md": essay('aliases: ["/assets/images/favicon.png"]')},
        {},
        ["alias '/assets/images/favicon.png'", "the theme's file assets/images/favicon.png"],
    ),
    (
        "a tag under a term's feed",
        {"docs/posts/a.md": essay('tags: ["x", "x/feed.xml"]')},
        {},
        ["the RSS feed /tags/x/feed.xml of tags 'x'", "the generated term page"],
    ),
    (
        "an essay on a listing's page/1/ redirect",
        {
            **{f"docs/posts/e{i}.md": essay(f"date: 2024-01-{i + 1:02d}") for i in range(11)},
            "docs/posts/z.md": essay("url: /posts/page/1/"),
        },
        {},
        ["the redirect /posts/page/1/index.html to the listing /posts/", "docs/posts/z.md:4"],
    ),
    (
        "a term page on a page/1/ redirect",
        {
            **{f"docs/posts/e{i}.md": essay(f"date: 2024-01-{i + 1:02d}") for i in range(11)},
            "docs/posts/z.md": essay('"posts/page": ["1"]'),
        },
        {"taxonomies": {"tag": "tags", "category": "posts/page"}},
        ["the redirect /posts/page/1/index.html", "the generated term page /posts/page/1/"],
    ),
    (
        "a content folder where the card catalog is",
        {"docs/patterns/a.md": essay("slug: cards.json")},
        {"hugo_content": True},
        ["the section page 'Patterns'", "the cards page"],
    ),
]


@pytest.mark.parametrize(
    ("files", "plugin", "named"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_a_clash_is_one_error_naming_both_sides(
    make_site: MakeSite, files: dict[str, str], plugin: dict, named: list[str]
) -> None:
    site = make_site(files, plugin=plugin, expect_error=True)
    assert site.error is not None
    assert "Traceback" not in site.error and "Errno" not in site.error
    lines = [line for line in site.error.splitlines() if all(n in line for n in named)]
    assert len(lines) == 1, site.error
    assert not site.site_dir.exists() or not any(site.site_dir.rglob("*.html"))


def test_an_essay_named_page_keeps_its_cards_off_the_catalogs_pages(make_site: MakeSite) -> None:
    """An essay ``page.md`` with a ``## 2`` section: its card was written over the card
    catalog's second page (``patterns/page/2/``); its cards are now at ``patterns/page-2/``."""
    files = {
        **{
            f"docs/posts/e{i}.md": essay(f"date: 2024-01-{i + 1:02d}", "## One\n\nT.\n")
            for i in range(3)
        },
        "docs/posts/page.md": essay("date: 2023-01-01", "## 2\n\nT.\n"),
    }
    # (four sections with the text "T.": boilerplate, but for card_boilerplate: 0)
    site = make_site(files, plugin={"pager_size": 2, "card_boilerplate": 0})
    assert site.exists("patterns/page/2/") and site.exists("patterns/page-2/2/")
    assert "pattern card" not in site.html("patterns/page/2/").title.get_text()
    assert any("/patterns/page is the catalog's" in m for m in site.messages())


def test_mkdocs_own_clash_is_a_warning(make_site: MakeSite) -> None:
    """A writer's ``docs/404.html`` and the theme's ``404.html``: MkDocs writes one over the
    other whatever the plugin does; the build goes on and says so."""
    files = {"docs/404.html": "<p>mine</p>", "docs/posts/a.md": essay("")}
    make_site(files, warnings=[r"docs/404\.html: /404\.html is also the theme's 404\.html"])


def test_destinations_find_files_and_folders_both_ways() -> None:
    paths = Destinations([("feed.xml", "the feed")])
    assert paths.clash("feed.xml") == "/feed.xml is also the feed"
    assert paths.clash("feed.xml/index.html") == (
        "/feed.xml/index.html needs a folder /feed.xml/ where the feed is a file"
    )
    assert paths.add("tags/x/index.html", "the term x") is None
    assert paths.clash("tags") == "/tags would be a file where the term x needs a folder"
    assert paths.clash("tags/x") is not None and paths.clash("tags/y/index.html") is None
    assert paths.clash("feed.xmlx") is None and paths.clash("tag") is None


def test_destinations_are_linear() -> None:
    def make(n: int) -> list[tuple[str, str]]:
        return [(f"a/{i % 97}/b{i}/index.html", f"p{i}") for i in range(n)]

    assert_linear(lambda entries: Destinations(entries), make, 4000)
