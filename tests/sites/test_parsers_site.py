"""One parser per job, in real builds: an essay body is read once (its text, summary, cards,
links), and the Markdown structure the cards and Hugo references see is the rendered page's."""

from __future__ import annotations

import gc
import json
import weakref
from collections import Counter

import pytest
from conftest import MakeSite
from mkdocs_essays import plugin as plugin_module
from mkdocs_essays.pages.feature import Feature
from mkdocs_essays.parsing import html as parsing_html


def essay(title: str, date: str, body: str) -> str:
    return f"+++\ntitle = {json.dumps(title)}\ndate = {date}\n+++\n\n{body}\n"


FILES = {
    "docs/index.md": "# Home\n",
    "docs/posts/a.md": essay(
        "A",
        "2024-01-01",
        "Intro of A[^1].\n\n<!--more-->\n\n## First\n\nSee [B](b.md).\n\n## Second\n\nMore.\n\n"
        "[^1]: A note.",
    ),
    "docs/posts/b.md": essay("B", "2024-02-01", "## Only\n\nBack to [A](a.md#first).\n"),
    "docs/posts/c.md": essay("C", "2024-03-01", "No sections, a link to [A](a.md).\n"),
}
CONFIG = {"markdown_extensions": [{"toc": {"permalink": True}}, "attr_list", "footnotes"]}


def test_every_essay_body_is_tokenized_once(make_site: MakeSite, monkeypatch) -> None:
    read: Counter[str] = Counter()
    real = parsing_html.tokenize

    def counted(source: str) -> list:
        read[source] += 1
        return real(source)

    monkeypatch.setattr(parsing_html, "tokenize", counted)
    site = make_site(FILES, config=CONFIG)
    bodies = [source for source in read if 'id="first"' in source or "No sections" in source]
    assert len(bodies) == 2 and all(read[b] == 1 for b in bodies), read
    description = site.html("posts/a/").find("meta", attrs={"name": "description"})
    assert description["content"] == "Intro of A."  # the summary, without the note's number
    linked = site.content("posts/a/").find(class_="essay-backlinks")
    assert linked is not None and "C" in linked.get_text()


class _Wraps(Feature):
    """A feature before the cards that changes the essay page: headings move."""

    def essay_html(self, essay, html: str, page_url: str) -> str:  # type: ignore[no-untyped-def]
        return "<p>A banner.</p>\n" + html


def test_card_links_follow_headings_a_feature_before_the_cards_moved(
    make_site: MakeSite, monkeypatch: pytest.MonkeyPatch
) -> None:
    features = list(plugin_module.FEATURES)
    cards = next(i for i, f in enumerate(features) if f.__name__ == "Cards")
    monkeypatch.setattr(plugin_module, "FEATURES", [*features[:cards], _Wraps, *features[cards:]])
    site = make_site(FILES)
    page = site.content("posts/a/")
    for anchor in ("first", "second"):
        heading = page.find(id=anchor)
        link = heading.find_next_sibling()
        assert link is not None and "essay-card-ref" in " ".join(link.get("class", [])), heading
        assert link.find("a")["href"].endswith(f"patterns/a/{anchor}/")


def _of_a_build(kinds: tuple[str, ...]) -> list[weakref.ref[object]]:
    gc.collect()
    return [weakref.ref(o) for o in gc.get_objects() if type(o).__name__ in kinds]


def test_no_module_keeps_a_build_alive(make_site: MakeSite) -> None:
    """Once a build is over, nothing of it stays reachable from a module of the plugin (a
    cache keyed by a build's map nodes or URL policy kept them for the builds after). MkDocs
    keeps the last configuration it loaded, and with it the plugin of the last build: the
    first of two builds is checked."""
    kinds = ("EssaysBuild", "UrlPolicy", "Node", "Essay", "Renderer", "ParsedHtml")
    before = {id(ref()) for ref in _of_a_build(kinds)}
    site = make_site(FILES, config=CONFIG)  # (its map and local maps are drawn)
    assert site.exists("map/")
    del site  # it holds the plugin, which holds its build
    first = [ref for ref in _of_a_build(kinds) if id(ref()) not in before]
    # every essay body's reading is let go as soon as the features have read it
    assert {type(ref()).__name__ for ref in first} == set(kinds) - {"ParsedHtml"}
    make_site({"docs/index.md": "# Another site\n"})
    gc.collect()
    left = sorted(type(ref()).__name__ for ref in first if ref() is not None)
    assert not left, left
