"""What each page shows, as its features declare it (``pages/inputs.py``), is all it shows.

A site is built, edited (a title, a summary, a tag, a card's first sentence, a heading, a
link, a date, an essay added, one deleted) and built again after each edit. For every page of
the plugin (generated pages, essay pages) the build's key of the page
(:meth:`EssaysBuild.key`, with an essay page's own source) is compared with its HTML: a page
whose key did not change must show the same content. An incremental build keys the pages it
keeps by these declarations; one that left something out would serve a stale page. The edits
must also change some keys and leave
others (the test would pass with a key that changes at every build otherwise).
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from pathlib import Path

import pytest
import yaml
from conftest import BASE_CONFIG, Site, run_build, write_tree


def essay(title: str, date: str, tags: list[str], intro: str, sections: dict[str, str]) -> str:
    body = "\n\n".join(f"## {heading}\n\n{text}" for heading, text in sections.items())
    return f'+++\ntitle = "{title}"\ndate = {date}\ntags = {tags!r}\n+++\n\n{intro}\n\n{body}\n'


ESSAYS = {
    "docs/posts/alpha.md": essay(
        "Alpha",
        "2024-03-01",
        ["LLM", "Cost"],
        "Alpha opens on agents.",
        {"Caching prompts": "Prompt caching saves tokens for agents.", "Budgets": "Spend less."},
    ),
    "docs/posts/beta.md": essay(
        "Beta",
        "2024-03-02",
        ["LLM"],
        "Beta opens on caching. See [Alpha](alpha.md).",
        {"Caching results": "Result caching saves money for agents."},
    ),
    "docs/posts/gamma.md": essay(
        "Gamma",
        "2024-03-03",
        ["Cost", "Search"],
        "Gamma opens on retrieval.",
        {"Ranking chunks": "Retrieval ranks chunks by cost.", "Reranking": "A second pass."},
    ),
    "docs/posts/delta.md": essay(
        "Delta",
        "2024-03-04",
        ["Search"],
        "Delta opens on search.",
        {"Indexes": "An index of chunks for retrieval."},
    ),
    "docs/posts/epsilon.md": essay(
        "Epsilon",
        "2024-03-05",
        ["Ops"],
        "Epsilon opens on operations.",
        {"Deploys": "Ship small changes often."},
    ),
}
OPTIONS = {"pager_size": 2, "home_latest": 3}


def _edit(root: Path, path: str, old: str, new: str) -> None:
    file = root / path
    text = file.read_text("utf-8")
    assert old in text, f"{old!r} not in {path}"
    file.write_text(text.replace(old, new, 1), "utf-8")


EDITS = [
    ("a title", lambda root: _edit(root, "docs/posts/alpha.md", '"Alpha"', '"Alpha, renamed"')),
    ("a summary", lambda root: _edit(root, "docs/posts/beta.md", "Beta opens", "Beta starts")),
    ("a tag", lambda root: _edit(root, "docs/posts/gamma.md", "'Search']", "'Search', 'Ops']")),
    (
        "a card's first sentence",
        lambda root: _edit(root, "docs/posts/alpha.md", "Spend less.", "Spend more."),
    ),
    ("a heading", lambda root: _edit(root, "docs/posts/delta.md", "## Indexes", "## Indices")),
    (
        "a link",
        lambda root: _edit(root, "docs/posts/epsilon.md", "operations.", "[ops](delta.md)."),
    ),
    ("a date", lambda root: _edit(root, "docs/posts/gamma.md", "2024-03-03", "2024-02-01")),
    (
        "a new essay",
        lambda root: write_tree(
            root,
            {
                "docs/posts/zeta.md": essay(
                    "Zeta", "2024-03-06", ["Cost"], "Zeta opens.", {"Costs": "Tokens cost."}
                )
            },
        ),
    ),
    ("a deleted essay", lambda root: (root / "docs/posts/beta.md").unlink()),
]


def pages(site: Site) -> dict[str, tuple[bytes | None, str]]:
    """Every page of the plugin: output path -> (its key, its content as HTML)."""
    build = site.plugin.build
    files = build.site.files
    out: dict[str, tuple[bytes | None, str]] = {}
    owned = [*build.specs, *(e.src_uri for e in build.site.locations)]
    for src_uri in owned:
        file = files.get_file_from_path(src_uri)
        if file is None or not site.exists(file.dest_uri):
            continue
        key = build.key(src_uri)
        if key is not None and file.abs_src_path:  # an essay's (or a writer's) own source
            key += hashlib.sha256(Path(file.abs_src_path).read_bytes()).digest()
        out[file.dest_uri] = (key, str(site.content(file.dest_uri)))
    return out


# without local maps, which draw most of what changes (links, similar essays, cards) on every
# essay and card page, what the other fragments declare is all that can tell their pages apart
@pytest.mark.parametrize("local_map", [True, False], ids=["local-maps", "no-local-maps"])
def test_a_page_whose_inputs_did_not_change_shows_the_same(tmp_path: Path, local_map: bool) -> None:
    plugins = ["search", {"essays": {**OPTIONS, "local_map": local_map}}]
    config = {**BASE_CONFIG, "plugins": plugins}
    write_tree(tmp_path, {"mkdocs.yml": yaml.safe_dump(config, sort_keys=False), **ESSAYS})
    (tmp_path / "docs" / "index.md").write_text("# Home\n\nWelcome.\n", encoding="utf-8")
    before = pages(run_build(tmp_path))
    assert all(key is not None for key, _ in before.values()), "every page says what it shows"
    assert any(path.startswith("patterns/") for path in before)  # cards, catalog
    assert "tags/llm/index.html" in before and "map/index.html" in before
    kept = changed = 0
    for name, edit in EDITS:
        edit(tmp_path)
        after = pages(run_build(tmp_path))
        for path, (key, html) in after.items():
            if path not in before:
                continue
            old_key, old_html = before[path]
            if key == old_key:
                assert html == old_html, f"after {name}: {path} changed, its inputs did not"
                kept += 1
            else:
                changed += 1
        before = after
    assert kept > 50 and changed > 20, (kept, changed)


def test_what_pages_declare(tmp_path: Path) -> None:
    """The declarations name what the pages show (each checked where the test above cannot
    tell it from what else changes with it)."""
    plugins = ["search", {"essays": {**OPTIONS, "local_map": False, "related_essays": 0}}]
    config = {**BASE_CONFIG, "plugins": plugins}
    write_tree(tmp_path, {"mkdocs.yml": yaml.safe_dump(config, sort_keys=False), **ESSAYS})
    build = run_build(tmp_path).plugin.build
    alpha = build.inputs("posts/alpha.md")
    assert alpha.essays[0] == "posts/alpha.md"  # its header
    assert "posts/beta.md" in alpha.essays  # beta links to it
    cards = next(f for f in build.features if type(f).__name__ == "Cards")
    own = cards.cards_of(build.site.collection.get("posts/alpha.md"))
    assert [c.title for c in own] == ["Caching prompts", "Budgets"]
    assert list(alpha.values[:2]) == [cards._listed_card(c) for c in own]  # its cards, listed
    # what a card shows (a digest, worked out once per card): each part counts; a list shows
    # all but its number of words, which only its own page shows
    changed = {"lead": "Spend more.", "words": 99, "stub": True, "anchor": "x", "location": "y"}
    for name, value in changed.items():
        other = replace(own[1], **{name: value})
        assert cards._shows(other) != cards._shows(own[1]), name
        listed = cards._listed_card(other) != cards._listed_card(own[1])
        assert listed == (name != "words"), name
    llm_page = next(src for src, spec in build.specs.items() if spec.location == "tags/llm")
    llm = build.inputs(llm_page)
    assert llm.essays[:2] == ("posts/beta.md", "posts/alpha.md")  # newest first, two a page
    assert llm.terms == (("tags", "llm"),)
    # the terms it often appears with, as shown (name, slug, essays shared), not their counts
    assert ("Cost", "cost", 1) in next(v for v in llm.values if isinstance(v, list))
    card = next(src for src, spec in build.specs.items() if spec.title == "Budgets")
    shown = build.inputs(card)
    assert shown.essays[0] == "posts/alpha.md"
    previous, following = next(v for v in shown.values if isinstance(v, list) and len(v) == 2)
    assert previous == cards._listed_card(own[0]) and following is None
    assert build.key(card) == build.key(card) and build.key(card) != build.key(llm_page)


def test_a_related_card_shows_its_essays_title_not_its_summary(tmp_path: Path) -> None:
    """A card page lists its related cards with their essays' titles and addresses: a title
    changed there changes the page's key (and its HTML); the essay's summary, which the
    page does not show, does not (a word saved in an introduction built every card page
    that listed one of the essay's cards)."""
    plugins = ["search", {"essays": {**OPTIONS, "local_map": False, "related_essays": 0}}]
    config = {**BASE_CONFIG, "plugins": plugins}
    write_tree(tmp_path, {"mkdocs.yml": yaml.safe_dump(config, sort_keys=False), **ESSAYS})
    site = run_build(tmp_path)
    build = site.plugin.build
    cards = next(f for f in build.features if type(f).__name__ == "Cards")
    page, card = next(
        (src, spec.key)
        for src, spec in build.specs.items()
        if spec.kind == "card"
        and any(
            cards.cards[other].essay.src_uri == "posts/alpha.md"
            for other in cards.related()[spec.key]
        )
        and cards.cards[spec.key].essay.src_uri != "posts/alpha.md"
    )
    dest = build.site.files.get_file_from_path(page).dest_uri
    key = build.key(page)

    _edit(tmp_path, "docs/posts/alpha.md", "Alpha opens on agents.", "Alpha opens on tools.")
    build = run_build(tmp_path).plugin.build
    assert build.key(page) == key, "the page does not show the essay's summary"

    _edit(tmp_path, "docs/posts/alpha.md", '"Alpha"', '"Alpha, renamed"')
    site = run_build(tmp_path)
    assert site.plugin.build.key(page) != key, f"{card}: a related card's essay title"
    assert "Alpha, renamed" in str(site.content(dest).select_one(".essay-card-related"))


def test_a_cards_number_of_words_is_shown_on_its_page_only(tmp_path: Path) -> None:
    """A word saved in a section changes its card's number of words, which its own page
    shows and the lists of cards do not (its essay's page, its neighbours, the cards that
    list it as related, the catalog, the term pages): those keep their key and their HTML
    (a word saved at 1,000 essays built some 40 card pages of other essays for nothing)."""
    plugins = ["search", {"essays": {**OPTIONS, "local_map": False, "related_essays": 0}}]
    config = {**BASE_CONFIG, "plugins": plugins}
    write_tree(tmp_path, {"mkdocs.yml": yaml.safe_dump(config, sort_keys=False), **ESSAYS})
    # (a summary of its own: the essay's pages and lists show its summary, which Hugo would
    # otherwise take from its first 70 words, this section's too)
    _edit(tmp_path, "docs/posts/alpha.md", "\n+++\n\n", '\nsummary = "Alpha in short."\n+++\n\n')
    site = run_build(tmp_path)
    build = site.plugin.build
    cards = next(f for f in build.features if type(f).__name__ == "Cards")
    caching = next(c for c in cards.cards.values() if c.title == "Caching prompts")
    own = next(src for src, spec in build.specs.items() if spec.key == caching.id)
    listing = [
        src
        for src, spec in build.specs.items()
        if spec.kind == "card" and caching.id in cards.related()[spec.key]
    ]
    listing += [src for src, spec in build.specs.items() if spec.kind in ("cards", "term")]
    listing += [src for src, spec in build.specs.items() if spec.title == "Budgets"]  # its next
    assert len(listing) > 3, listing
    files = build.site.files
    before = {
        src: (build.key(src), site.text(files.get_file_from_path(src).dest_uri))
        for src in [own, *listing]
    }
    words = caching.words

    # (a sentence after the first: the card's lead stays)
    _edit(tmp_path, "docs/posts/alpha.md", "tokens for agents.", "tokens for agents. Often.")
    site = run_build(tmp_path)
    build = site.plugin.build
    cards = next(f for f in build.features if type(f).__name__ == "Cards")
    assert cards.cards[caching.id].words == words + 1
    assert build.key(own) != before[own][0]
    shown = site.content(files.get_file_from_path(own).dest_uri)
    assert shown.select_one(".essay-card-page__words").get_text() == f"{words + 1} words"
    for src in listing:
        key, html = before[src]
        assert build.key(src) == key, src
        assert site.text(files.get_file_from_path(src).dest_uri) == html, src


def _map_site(tmp_path: Path) -> tuple[str, bytes, str, str]:
    """The essays built with a map and no local maps: the map page's source, its key, its
    HTML and ``graph.json``."""
    plugins = ["search", {"essays": {**OPTIONS, "local_map": False, "related_essays": 0}}]
    config = {**BASE_CONFIG, "plugins": plugins}
    write_tree(tmp_path, {"mkdocs.yml": yaml.safe_dump(config, sort_keys=False), **ESSAYS})
    site = run_build(tmp_path)
    page = next(src for src, spec in site.plugin.build.specs.items() if spec.kind == "map")
    key = site.plugin.build.key(page)
    assert key is not None, "the map page declares what it draws"
    return page, key, site.text("map/"), site.text("map/graph.json")


def test_the_map_page_is_keyed_by_what_it_draws_not_by_the_weights(tmp_path: Path) -> None:
    """A word saved moves the similarities of its essay, and ``graph.json`` with them; the
    map page draws no weight, so it keeps its key and its HTML while its nodes, edges and
    topics stay (it was built again at nearly every save at 1,000 essays). A title changed
    is drawn: the key changes."""
    page, key, html, graph = _map_site(tmp_path)

    _edit(tmp_path, "docs/posts/gamma.md", "by cost.", "by cost and chunks.")
    site = run_build(tmp_path)
    assert site.text("map/graph.json") != graph, "the similarities moved"
    assert site.plugin.build.key(page) == key
    assert site.text("map/") == html

    _edit(tmp_path, "docs/posts/delta.md", '"Delta"', '"Delta, renamed"')
    site = run_build(tmp_path)
    assert site.plugin.build.key(page) != key
    assert "Delta, renamed" in site.text("map/")


def test_a_map_without_cards_is_keyed_by_their_count_not_by_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past ``CARDS_UP_TO`` nodes the map page leaves the pattern cards out and shows only
    how many there are: a section renamed (its card's title and address moved) changes
    ``graph.json`` but not the page, which keeps its key; a section added is one card more,
    and the key changes."""
    from mkdocs_essays.map import feature

    monkeypatch.setattr(feature, "CARDS_UP_TO", 3)
    page, key, html, graph = _map_site(tmp_path)
    assert "Ranking chunks" in graph and "Ranking chunks" not in html, "cards left out"

    _edit(tmp_path, "docs/posts/gamma.md", "## Ranking chunks", "## Ranking the chunks")
    site = run_build(tmp_path)
    assert "Ranking the chunks" in site.text("map/graph.json"), "the card moved"
    assert site.plugin.build.key(page) == key
    assert site.text("map/") == html

    _edit(tmp_path, "docs/posts/gamma.md", "A second pass.", "A second pass.\n\n## More\n\nMore.")
    site = run_build(tmp_path)
    assert site.plugin.build.key(page) != key
    assert site.text("map/") != html, "one card more is counted"
