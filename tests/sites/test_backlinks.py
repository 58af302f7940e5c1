"""Backlinks: under each essay, the essays of the build that link to it ("Linked from")."""

from __future__ import annotations

import json
import posixpath

import pytest
from bs4 import BeautifulSoup
from conftest import MakeSite, Site


def essay(title: str, date: str, body: str, extra: str = "") -> str:
    return f"+++\ntitle = {json.dumps(title)}\ndate = {date}\n{extra}\n+++\n\n{body}\n"


FILES = {
    "docs/index.md": "# Home\n\n[The target](posts/target.md): home is no essay.\n",
    "docs/posts/target.md": essay(
        "The Target", "2024-01-01", "## Part one\n\nLinks [to itself](#part-one).\n"
    ),
    "docs/posts/older.md": essay(
        "Older Source",
        "2024-02-01",
        "Read [the target](target.md) and [its part](target.md#part-one) twice.\n",
    ),
    "docs/posts/newer.md": essay(
        "Newer <Source> & Co",
        "2024-03-01",
        "## Section\n\nAs [argued before](target.md#part-one), and [elsewhere](https://example.com/).\n",
    ),
    "docs/posts/draft.md": essay(
        "A Draft", "2024-04-01", "Links to [the target](target.md).", extra="draft = true"
    ),
    "docs/posts/lonely.md": essay("Lonely", "2024-05-01", "Links [out](https://example.org/)."),
}


def linked_from(site: Site, url: str) -> list[tuple[str, str]]:
    """(title, target page) of each entry of the page's "Linked from" block."""
    content = site.content(url)
    block = content.select_one("section.essay-backlinks")
    if block is None:
        return []
    out = []
    for link in block.select("a.essay-card-list__title"):
        target = posixpath.normpath(posixpath.join(url, link["href"])) + "/"
        assert site.exists(target), f"{url}: {link['href']} leads nowhere"
        out.append((link.get_text(), target))
    return out


def test_essays_list_the_essays_that_link_to_them(make_site: MakeSite) -> None:
    site = make_site(FILES)
    assert linked_from(site, "posts/target/") == [
        ("Newer <Source> & Co", "posts/newer/"),  # newest first, each source once
        ("Older Source", "posts/older/"),
    ]
    content = site.content("posts/target/")
    block = content.select_one("section.essay-backlinks")
    assert block is not None and block.has_attr("data-search-exclude")
    assert "Linked from" in block.get_text()
    # the block follows the essay and its pattern cards
    cards = content.select_one("section.essay-cards-block--essay")
    assert cards is not None and cards.find_next("section") is block
    # a self-link, an external link, the home page and a draft make no backlink
    for url in ("posts/older/", "posts/newer/", "posts/lonely/"):
        assert linked_from(site, url) == [], url
    assert "A Draft" not in site.text("posts/target/")
    # nothing of the mechanism leaks
    for url in site.pages():
        assert "mkdocs-essays: after the essay" not in site.text(url), url
    index = json.loads((site.site_dir / "search" / "search_index.json").read_text("utf-8"))
    assert not any("Linked from" in doc["text"] for doc in index["docs"])


def test_drafts_link_under_serve(make_site: MakeSite) -> None:
    site = make_site(FILES, serve=True)
    titles = [title for title, _ in linked_from(site, "posts/target/")]
    assert titles == ["A Draft", "Newer <Source> & Co", "Older Source"]
    entry = site.content("posts/target/").select_one("section.essay-backlinks li")
    assert entry is not None and "Draft" in entry.get_text()


@pytest.mark.parametrize("directory_urls", [True, False])
def test_links_resolve_with_either_url_style(make_site: MakeSite, directory_urls: bool) -> None:
    site = make_site(FILES, config={"use_directory_urls": directory_urls})
    page = "posts/target/" if directory_urls else "posts/target.html"
    soup = BeautifulSoup(site.text(page), "lxml")
    links = soup.select("section.essay-backlinks a.essay-card-list__title")
    expected = ["../newer/", "../older/"] if directory_urls else ["newer.html", "older.html"]
    assert [a["href"] for a in links] == expected


def test_hugo_ref_links_count_and_a_quoted_marker_stays(make_site: MakeSite) -> None:
    quoted = 'Here: <!-- mkdocs-essays: after the essay --> stays.\n\n[t]({{< ref "target.md" >}})'
    site = make_site({**FILES, "docs/posts/quoting.md": essay("Quoting", "2024-06-01", quoted)})
    assert "<!-- mkdocs-essays: after the essay -->" in site.text("posts/quoting/")
    assert ("Quoting", "posts/quoting/") in linked_from(site, "posts/target/")
