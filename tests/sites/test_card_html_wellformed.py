"""Card pages are well-formed whatever their essay holds, and carry their own footnotes.

Issue 11: hugoDocs' ``methods/page/GitInfo.md`` (a table with footnote references, then
footnotes holding an indented fence) stopped ``mkdocs build`` in Material's search plugin with
``ValueError: '<li>' is not in list``, and so did any card with an admonition inside a list
item: the card's section sat in a ``<div data-search-exclude>``, and Material's indexer ends
that exclusion at the first ``</div>`` inside it. These builds run Material's search plugin
over such essays, read every card page with a real parser (lxml), and check its footnotes.
"""

from __future__ import annotations

import json
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import BASE_CONFIG, SHARED, MakeSite, Site, run_build, write_tree
from linkcheck import broken_links

GITINFO = SHARED / "corpora" / "hugodocs" / "content" / "en" / "methods" / "page" / "GitInfo.md"

EXTENSIONS = [
    {"toc": {"permalink": True}},
    "attr_list",
    "admonition",
    "footnotes",
    "tables",
    "def_list",
    "md_in_html",
    "pymdownx.details",
    "pymdownx.superfences",
    {"pymdownx.tabbed": {"alternate_style": True}},
]
CONFIG = {"markdown_extensions": EXTENSIONS}

# An essay shaped like GitInfo.md: sections, a definition list holding fences, a table whose
# cells reference footnotes, and footnotes holding an indented fence. Written for this test.
CLONES = """+++
title = "Clone depth"
date = 2024-05-01
tags = ["git"]
+++

Commit data comes from the repository's history.

## Methods

`Hash`
: Returns the full hash.

    ```text
    {{ .Hash }}
    ```

`Subject`
: Returns the first line of the message.[^subject]

## Hosting

On a build server the clone must be deep.[^1] Shallow clones give wrong dates.

Host|Default|Configurable
:--|:--|:--
Amplify|Deep|N/A
Cloudflare|Shallow|Yes [^1]
Pages|Shallow|Yes [^2]
Render|Shallow|Yes [^1]

## Lists

- A step with a note inside:

    !!! note
        The note is in the list item.

- A second step.[^2]

## Plain

Nothing to note here.

[^subject]: The subject is the summary line.
[^1]: To clone deeply, add this to the build script:

    ```sh
    if [ "$(git rev-parse --is-shallow-repository)" = "true" ]; then
      git fetch --unshallow
    fi
    ```

[^2]: Set `fetch-depth: 0` in the checkout step.
"""


def card_pages(site: Site, essay: str) -> dict[str, BeautifulSoup]:
    """Each card page of an essay (by its last URL segment): the card's section element."""
    cards = json.loads(site.text("patterns/cards.json"))["cards"]
    out = {}
    for card in cards:
        if card["url"].startswith(f"patterns/{essay}/"):
            section = site.content(card["url"]).select_one(".essay-card-page__section")
            assert section is not None, card["url"]
            out[card["url"].rstrip("/").rsplit("/", 1)[-1]] = section
    return out


class _Strict(HTMLParser):
    """Every end tag closes the innermost open element; nothing is left open."""

    VOID = frozenset(
        [
            "area",
            "base",
            "br",
            "col",
            "embed",
            "hr",
            "img",
            "input",
            "link",
            "meta",
            "param",
            "source",
            "track",
            "wbr",
        ]
    )

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.stack: list[str] = []
        self.problems: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        pass  # <hr />: opened and closed

    def handle_endtag(self, tag):
        if self.stack and self.stack[-1] == tag:
            self.stack.pop()
        else:
            self.problems.append(f"</{tag}> with {self.stack[-3:]} open")


def assert_well_formed(site: Site, url: str) -> None:
    """The page's content, as Material's search plugin reads it (``page.content`` is inside
    ``article``), opens and closes its elements in order."""
    article = site.text(url).split('<article class="md-content__inner md-typeset">', 1)[1]
    article = article.split("</article>", 1)[0]
    checker = _Strict()
    checker.feed(article)
    checker.close()
    assert not checker.problems and not checker.stack, (url, checker.problems, checker.stack)


def assert_own_footnotes(section: BeautifulSoup, ids: set[str]) -> list[str]:
    """The card's footnotes are those its section references, and every footnote link, both
    ways, points at an id of the page. Returns the footnote ids shown."""
    refs = [a["href"] for a in section.select("a.footnote-ref")]
    shown = [li["id"] for li in section.select("div.footnote li")]
    assert all(href.startswith("#") for href in refs), refs
    assert set(shown) == {href[1:] for href in refs}
    assert len(section.select("div.footnote")) <= 1
    for a in section.select("a.footnote-ref, a.footnote-backref"):
        assert a["href"].startswith("#") and a["href"][1:] in ids, a
    for li in section.select("div.footnote li"):
        assert li.select("a.footnote-backref"), li["id"]  # a way back to the text
    return shown


@pytest.fixture(scope="module")
def clones(tmp_path_factory: pytest.TempPathFactory) -> Site:
    root = tmp_path_factory.mktemp("clones")
    settings = {**BASE_CONFIG, **CONFIG}
    write_tree(
        root,
        {
            "mkdocs.yml": yaml.safe_dump(settings, sort_keys=False),
            "docs/index.md": "# Home\n",
            "docs/posts/clone-depth.md": CLONES,
        },
    )
    return run_build(root)  # Material's search plugin indexes every card page


def test_the_gitinfo_shaped_essay_builds_with_search(clones: Site) -> None:
    assert clones.exists("search/search_index.json")
    cards = card_pages(clones, "clone-depth")
    assert sorted(cards) == ["hosting", "lists", "methods", "plain"]
    for key in cards:
        assert_well_formed(clones, f"patterns/clone-depth/{key}/")
    assert_well_formed(clones, "posts/clone-depth/")


def test_each_card_shows_only_its_own_footnotes(clones: Site) -> None:
    cards = card_pages(clones, "clone-depth")
    shown = {}
    for key, section in cards.items():
        page = clones.html(f"patterns/clone-depth/{key}/")
        ids = {el["id"] for el in page.find_all(id=True)}
        shown[key] = assert_own_footnotes(section, ids)
    assert shown == {
        "methods": ["fn:subject"],
        "hosting": ["fn:1", "fn:2"],
        "lists": ["fn:2"],
        "plain": [],
    }
    hosting = cards["hosting"]
    assert "git fetch --unshallow" in hosting.select_one("li#fn\\:1").get_text()  # the fence
    values = {li["id"]: li["value"] for li in hosting.select("div.footnote li")}
    essay = clones.content("posts/clone-depth/")
    numbers = {li["id"]: str(n) for n, li in enumerate(essay.select("div.footnote li"), 1)}
    assert values == {k: numbers[k] for k in values}  # numbered as on the essay page
    assert "The subject is the summary line" not in hosting.get_text()


def test_card_leads_and_search_entries_have_no_footnote_numbers(clones: Site) -> None:
    cards = {c["id"]: c for c in json.loads(clones.text("patterns/cards.json"))["cards"]}
    assert cards["clone-depth/hosting"]["lead"] == "On a build server the clone must be deep."
    assert cards["clone-depth/lists"]["lead"] == "A step with a note inside:"
    assert "↩" not in cards["clone-depth/hosting"]["text"]
    docs = json.loads(clones.text("search/search_index.json"))["docs"]
    hosting = [d for d in docs if d["location"] == "patterns/clone-depth/hosting/"]
    assert hosting and "deep." in hosting[0]["text"] and "deep.1" not in hosting[0]["text"]
    # the section itself stays out of the index (found once, on the essay page)
    assert not [d for d in docs if d["location"].startswith("patterns/") and "fetch" in d["text"]]


def test_card_pages_have_no_broken_links(clones: Site) -> None:
    broken = [b for b in broken_links(clones.site_dir) if b.page.startswith("patterns/")]
    assert not broken, "\n".join(map(str, broken))


def test_an_admonition_in_a_list_item_no_longer_stops_the_build(make_site: MakeSite) -> None:
    essay = (
        "---\ntitle: Steps\ndate: 2024-01-01\n---\n\n## One\n\n- item\n\n    !!! note\n"
        "        inside\n\n- item two\n\n## Two\n\n<div>\n\nraw div never closed\n"
    )
    site = make_site(
        {"docs/posts/steps.md": essay},
        config={"markdown_extensions": [{"toc": {"permalink": True}}, "admonition"]},
    )
    cards = card_pages(site, "steps")
    assert sorted(cards) == ["one", "two"]  # both sections are cards, so both are checked
    assert "inside" in cards["one"].get_text() and "raw div never closed" in cards["two"].get_text()
    for key in cards:
        assert_well_formed(site, f"patterns/steps/{key}/")


@pytest.mark.skipif(not GITINFO.is_file(), reason=f"the hugoDocs corpus is not at {GITINFO}")
def test_hugodocs_gitinfo_builds_through_the_plugin(tmp_path: Path) -> None:
    settings = {**BASE_CONFIG, **CONFIG}
    write_tree(
        tmp_path,
        {"mkdocs.yml": yaml.safe_dump(settings, sort_keys=False), "docs/index.md": "# Home\n"},
    )
    (tmp_path / "docs" / "posts").mkdir()
    shutil.copyfile(GITINFO, tmp_path / "docs" / "posts" / "GitInfo.md")  # at test time only
    site = run_build(tmp_path, warnings=[r"shortcode 'code-toggle'", r"shortcode 'new-in'"])
    cards = card_pages(site, "gitinfo")
    assert "hosting-considerations" in cards
    for key, section in cards.items():
        url = f"patterns/gitinfo/{key}/"
        assert_well_formed(site, url)
        ids = {el["id"] for el in site.html(url).find_all(id=True)}
        shown = assert_own_footnotes(section, ids)
        assert shown == (["fn:1", "fn:2", "fn:3"] if key == "hosting-considerations" else [])
    hosting = cards["hosting-considerations"]
    assert "git fetch --unshallow" in hosting.select_one("li#fn\\:1").get_text()
    assert len(hosting.select("li#fn\\:1 a.footnote-backref")) == 3  # Cloudflare, Render, Vercel


def test_the_essay_summary_has_no_footnote_numbers(clones: Site) -> None:
    meta = clones.html("posts/clone-depth/").select_one('meta[name="description"]')
    assert meta is not None
    summary = meta["content"]
    assert "first line of the message. " in summary + " "  # not "message.1"
    assert "deep. Shallow" in summary  # not "deep.1 Shallow"
    assert "↩" not in summary


def test_the_card_link_follows_the_cards_own_heading(make_site: MakeSite) -> None:
    """Found by the parse that cut the cards: a raw ``<h2>`` of the same id inside a block (not
    a card's heading), or a heading never closed, does not take the link."""
    essay = (
        "---\ntitle: Twice\ndate: 2024-01-01\n---\n\nIntro.\n\n"
        '<div><h2 id="one">Raw heading in a block</h2></div>\n\n'
        "## One\n\nThe card's text.\n\n## Two\n\nMore.\n"
    )
    site = make_site(
        {"docs/posts/twice.md": essay},
        config={"markdown_extensions": [{"toc": {"permalink": True}}]},
    )
    content = site.content("posts/twice/")
    assert len(content.select("h2#one")) == 2  # raw HTML is no heading to toc: same id
    refs = content.select("p.essay-card-ref")
    assert len(refs) == 2
    for ref in refs:
        heading = ref.find_previous_sibling(["h2"])
        assert heading is not None and heading.parent.name != "div"
        assert ref.a["href"].endswith(f"/{heading.get_text().strip(' ¶').lower()}/")
