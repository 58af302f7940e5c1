"""Pattern cards in real sites built with MkDocs: card pages, the catalog, essay blocks, term
pages, ``patterns/cards.json``; links checked with ``tests/linkcheck.py``."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import BASE_CONFIG, SEED, MakeSite, Site, run_build, write_tree
from linkcheck import broken_links, ids_of

GOLDEN = Path(__file__).resolve().parent.parent / "golden" / "cards"
SLUG = SEED.stem
ESSAY_URL = f"posts/{SLUG}/"
SEED_TITLES = [
    "Strategies for the AI Era",
    "Models & Algorithms Development",
    "Strategies for Personal Growth",
]
SEED_ANCHORS = [
    "strategies-for-the-ai-era",
    "models-algorithms-development",
    "strategies-for-personal-growth",
]
STUB = "Augumented LLM and Worflows"


def essay(title: str, date: str, tags: list[str], body: str, extra: str = "") -> str:
    return (
        f"+++\ntitle = {json.dumps(title)}\ndate = {date}\n"
        f"tags = {json.dumps(tags)}\n{extra}\n+++\n\n{body}\n"
    )


def seed_site(root: Path, *, serve: bool = False, **settings: Any) -> Site:
    config = {**BASE_CONFIG, **settings}
    write_tree(
        root,
        {
            "mkdocs.yml": yaml.safe_dump(config, sort_keys=False),
            f"docs/posts/{SEED.name}": SEED.read_bytes(),
            "docs/index.md": "# Home\n",
        },
    )
    return run_build(root, serve=serve)


@pytest.fixture(scope="module")
def seed(tmp_path_factory: pytest.TempPathFactory) -> Site:
    return seed_site(tmp_path_factory.mktemp("seed"))


def json_of(site: Site) -> dict[str, Any]:
    return json.loads(site.text("patterns/cards.json"))


def card_dirs(site: Site, essay_key: str = SLUG) -> list[str]:
    folder = site.site_dir / "patterns" / essay_key
    return sorted(p.parent.name for p in folder.glob("*/index.html"))


def target(page: str, href: str) -> str:
    """The site path a relative link on ``page`` points to."""
    from posixpath import normpath

    path, _, fragment = href.partition("#")
    joined = normpath(page + path) + ("/" if path.endswith("/") or not path else "")
    return joined + ("#" + fragment if fragment else "")


# -- the seed essay --------------------------------------------------------------------------------


def test_seed_essay_yields_exactly_three_published_cards(seed: Site) -> None:
    assert card_dirs(seed) == sorted(SEED_ANCHORS)
    data = json_of(seed)
    assert [c["title"] for c in data["cards"]] == sorted(SEED_TITLES)
    assert data["count"] == 3
    info = [m for m in seed.messages() if "no pattern card" in m]
    assert info == [
        f"mkdocs_essays: docs/posts/{SEED.name}:42: the section {STUB!r} has no text, so it "
        "gets no pattern card; write it, or set publish_stubs: true to publish a stub"
    ]
    assert not (seed.site_dir / "patterns" / SLUG / "augumented-llm-and-worflows").exists()


def test_seed_cards_link_into_the_essay_at_its_real_ids(seed: Site) -> None:
    essay_ids = ids_of(seed.file(ESSAY_URL))
    essay_page = seed.content(ESSAY_URL)
    for title, anchor in zip(SEED_TITLES, SEED_ANCHORS, strict=True):
        url = f"patterns/{SLUG}/{anchor}/"
        content = seed.content(url)
        assert content.find("h1").get_text(strip=True) == title
        context = content.select_one(".essay-card-page__context a")
        assert context.get_text(strip=True).startswith("Read in context")
        assert target(url, context["href"]) == f"{ESSAY_URL}#{anchor}"
        assert anchor in essay_ids
        heading = essay_page.find(id=anchor)
        assert heading.name == "h2" and heading.get_text(strip=True).rstrip("¶") == title
    assert broken_links(seed.site_dir) == []


def test_seed_card_page_shows_the_section_as_rendered_on_the_essay(seed: Site) -> None:
    essay_page = seed.content(ESSAY_URL)
    for anchor in SEED_ANCHORS:
        paragraphs = []
        for sibling in essay_page.find(id=anchor).find_next_siblings():
            if sibling.name in ("h1", "h2"):
                break
            if sibling.name == "p" and "essay-card-ref" not in (sibling.get("class") or []):
                paragraphs.append(str(sibling))
        card = seed.content(f"patterns/{SLUG}/{anchor}/")
        section = card.select_one(".essay-card-page__section")
        assert [str(p) for p in section.find_all("p")] == paragraphs
        assert len(paragraphs) >= 3
    card = seed.content(f"patterns/{SLUG}/{SEED_ANCHORS[0]}/")
    lead = card.select_one(".essay-card-page__lead").get_text()
    assert lead == "AI embodies distinct capabilities rather than functionalities."
    assert [a.get_text() for a in card.select("a.essay-tag")] == [
        "Generative AI",
        "LLM",
        "Strategy",
    ]
    assert "words" in card.select_one(".essay-card-page__words").get_text()


def test_seed_cards_link_to_their_neighbours(seed: Site) -> None:
    pagers = []
    for anchor in SEED_ANCHORS:
        pager = seed.content(f"patterns/{SLUG}/{anchor}/").select_one(".essay-card-pager")
        previous = pager.select_one(".essay-card-pager__previous")
        following = pager.select_one(".essay-card-pager__next")
        pagers.append((previous and previous["href"], following and following["href"]))
    assert pagers == [
        (None, f"../{SEED_ANCHORS[1]}/"),
        (f"../{SEED_ANCHORS[0]}/", f"../{SEED_ANCHORS[2]}/"),
        (f"../{SEED_ANCHORS[1]}/", None),
    ]


def test_essay_page_lists_its_cards_and_links_each_carded_heading(seed: Site) -> None:
    content = seed.content(ESSAY_URL)
    block = content.select_one(".essay-cards-block--essay")
    assert block.select_one(".essay-cards-block__title").get_text() == "Pattern cards"
    assert block.find("h2") is None  # not a heading of the essay
    assert [a.get_text() for a in block.select("a.essay-card-list__title")] == SEED_TITLES
    for anchor in SEED_ANCHORS:
        ref = content.find(id=anchor).find_next_sibling()
        assert "essay-card-ref" in ref["class"]
        assert ref.a["href"] == f"../../patterns/{SLUG}/{anchor}/"
    stub_heading = content.find(id="augumented-llm-and-worflows")
    following = stub_heading.find_next_sibling()
    assert following is None or "essay-card-ref" not in (following.get("class") or [])


def test_term_pages_list_the_cards_carrying_the_tag(seed: Site) -> None:
    if not seed.exists("tags/llm/"):
        pytest.fail("term pages are missing: the Taxonomies feature renders them")
    content = seed.content("tags/llm/")
    block = content.select_one(".essay-cards-block--term")
    assert [a.get_text() for a in block.select("a.essay-card-list__title")] == SEED_TITLES
    assert "3 cards" in content.get_text()


def test_seed_catalog_is_a_material_card_grid_with_a_tag_filter(seed: Site) -> None:
    content = seed.content("patterns/")
    assert content.find("h1").get_text() == "Patterns"
    items = content.select(".grid.cards > ul > li")
    assert [li.select_one(".essay-card__title a").get_text() for li in items] == SEED_TITLES
    for li in items:
        assert li.select_one(".essay-card__lead").get_text()
        assert li.select_one(".essay-card__essay a")["href"] == f"../{ESSAY_URL}"
        assert not li.has_attr("hidden")  # readable without JavaScript
    # the essay's tags, once for its cards (the filter shows and hides whole groups)
    group = content.select_one("section.essay-cards-group")
    assert group["data-tags"] == "generative-ai llm strategy"
    assert [a.get_text() for a in group.select(".essay-cards-group__tags a")] == [
        "Generative AI",
        "LLM",
        "Strategy",
    ]
    bar = content.select_one(".essay-cards-filter")
    assert bar.has_attr("hidden")  # shown by the script only
    assert [b["data-tag"] for b in bar.find_all("button")] == [
        "",
        "generative-ai",
        "llm",
        "strategy",
    ]
    assert content.find("script") is not None


# -- stubs -----------------------------------------------------------------------------------------


def test_serve_shows_the_empty_section_as_a_stub_card(tmp_path: Path) -> None:
    site = seed_site(tmp_path, serve=True)
    stub = "augumented-llm-and-worflows"
    assert card_dirs(site) == sorted([*SEED_ANCHORS, stub])
    content = site.content(f"patterns/{SLUG}/{stub}/")
    assert content.select_one(".essay-badge--stub").get_text() == "Stub"
    assert "no text yet" in content.select_one(".essay-card-page__stub").get_text()
    catalog = site.content("patterns/")
    assert len(catalog.select(".grid.cards > ul > li")) == 4
    assert len(catalog.select(".essay-card--stub")) == 1
    assert [c["title"] for c in json_of(site)["cards"]] == sorted(SEED_TITLES)  # published only
    assert not [m for m in site.messages() if "no pattern card" in m]


def test_publish_stubs_publishes_the_stub(tmp_path: Path) -> None:
    site = seed_site(tmp_path, plugins=["search", {"essays": {"publish_stubs": True}}])
    data = json_of(site)
    assert [(c["title"], c["stub"]) for c in data["cards"] if c["stub"]] == [(STUB, True)]
    assert data["count"] == 4
    assert broken_links(site.site_dir) == []


# -- tricky headings -------------------------------------------------------------------------------

EXTENSIONS = {
    "mkdocs defaults": [{"toc": {"permalink": True}}, "attr_list"],
    "this repository's": [
        {"toc": {"permalink": True}},
        "attr_list",
        "admonition",
        "pymdownx.details",
        "pymdownx.superfences",
    ],
}


@pytest.mark.parametrize("extensions", EXTENSIONS.values(), ids=EXTENSIONS.keys())
def test_tricky_headings_get_cards_at_the_ids_mkdocs_gives(
    make_site: MakeSite, extensions: list[Any]
) -> None:
    body = (GOLDEN / "tricky_headings.md").read_text("utf-8")
    site = make_site(
        {"docs/posts/tricky.md": essay("Tricky", "2024-01-01", ["Markdown"], body)},
        config={"markdown_extensions": extensions},
    )  # no warning: every anchor was right before the page was rendered
    expected = json.loads((GOLDEN / "tricky_headings.json").read_text("utf-8"))
    anchors = [s["anchor"] for s in expected["sections"] if not s["empty"]]
    assert card_dirs(site, "tricky") == sorted(anchors)
    ids = ids_of(site.file("posts/tricky/"))
    assert set(anchors) <= ids
    assert broken_links(site.site_dir) == []
    card = site.content("patterns/tricky/quoted-heading_1/")
    section = card.select_one(".essay-card-page__section")
    assert section.find(id="a-sub-section") is not None  # sub-sections belong to the card
    assert "Also part of the section." in section.get_text()
    assert card.select_one(".essay-card-page__context a")["href"].endswith(
        "posts/tricky/#quoted-heading_1"
    )


def test_custom_toc_slugify_is_respected(make_site: MakeSite) -> None:
    config = (
        "site_name: Slugs\nsite_url: https://example.org/\ntheme: {name: material}\n"
        "plugins: [search, essays]\nmarkdown_extensions:\n  - attr_list\n  - toc:\n"
        "      permalink: true\n      separator: _\n"
        "      slugify: !!python/name:markdown.extensions.toc.slugify_unicode\n"
    )
    body = (
        "## Café & Ünïcode\n\nText one.\n\n## Plain words\n\nText two.\n\n## Plain words\n\nMore.\n"
    )
    site = make_site(
        {
            "mkdocs.yml": config,
            "docs/posts/slugs.md": essay("Slugs", "2024-01-01", [], body),
        }
    )
    ids = ids_of(site.file("posts/slugs/"))
    anchors = ["café_ünïcode", "plain_words", "plain_words_1"]
    assert set(anchors) <= ids
    assert card_dirs(site, "slugs") == sorted(anchors)
    assert broken_links(site.site_dir) == []


def test_a_heading_the_plugin_cannot_predict_warns_and_links_to_the_real_id(
    make_site: MakeSite,
) -> None:
    """An id set by an attribute list inside a paragraph is not seen before rendering: the
    heading's id on the page is then ``intro_1``; the build says so and links to it."""
    body = "![diagram](d.png){#intro}\n\n## Intro\n\nText.\n\n## [Reference title][ref]\n\nMore.\n"
    site = make_site(
        {
            "docs/posts/refs.md": essay(
                "Refs", "2024-01-01", [], body + "\n[ref]: https://x.org/\n"
            ),
            "docs/posts/d.png": b"\x89PNG\r\n",
        },
        warnings=[
            r"^mkdocs_essays: docs/posts/refs\.md:10: the heading 'Intro' has the id 'intro_1' "
            r"on the essay page, not 'intro' as the plugin computed; its pattern card links to "
            r"'intro_1'\. Give the heading an explicit id"
        ],
    )
    card = site.content("patterns/refs/intro/")
    assert card.select_one(".essay-card-page__context a")["href"].endswith("posts/refs/#intro_1")
    reference = site.content("patterns/refs/reference-title/")  # a reference link is predicted
    assert reference.find("h1").get_text() == "Reference title"
    assert broken_links(site.site_dir) == []


def test_a_heading_inside_a_block_warns_and_its_card_links_to_the_essay(
    make_site: MakeSite,
) -> None:
    body = "## Top\n\nText.\n\n/// note\n## In a block\n\nBlock text.\n///\n\n## After\n\nMore.\n"
    site = make_site(
        {"docs/posts/blocks.md": essay("Blocks", "2024-01-01", [], body)},
        config={"markdown_extensions": ["toc", "attr_list", "pymdownx.blocks.admonition"]},
        warnings=[
            r"docs/posts/blocks\.md:13: the heading 'In a block' is not at the top level of "
            r"the rendered essay .* links to the top of the essay"
        ],
    )
    card = site.content("patterns/blocks/in-a-block/")
    assert (
        target(
            "patterns/blocks/in-a-block/", card.select_one(".essay-card-page__context a")["href"]
        )
        == "posts/blocks/"
    )
    assert card.select_one(".essay-card-page__lead").get_text() == "Block text."
    assert card_dirs(site, "blocks") == ["after", "in-a-block", "top"]
    assert broken_links(site.site_dir) == []


def test_card_level_three(make_site: MakeSite) -> None:
    body = (GOLDEN / "level_three.md").read_text("utf-8")
    site = make_site(
        {"docs/posts/deep.md": essay("Deep", "2024-01-01", [], body)}, plugin={"card_level": 3}
    )
    assert card_dirs(site, "deep") == ["first-idea", "first-idea_1", "second", "third-idea"]
    section = site.content("patterns/deep/first-idea/").select_one(".essay-card-page__section")
    assert "The detail stays with the first idea." in section.get_text()
    assert broken_links(site.site_dir) == []


# -- several essays: related cards, cards.json, the catalog ----------------------------------------

CORPUS = {
    "docs/index.md": "# Home\n",
    "docs/posts/rag.md": essay(
        "Retrieval augmented generation",
        "2024-03-01",
        ["RAG", "LLM"],
        "## Vector retrieval\n\nEmbed the documents, store the embeddings in a vector index and "
        "retrieve the nearest chunks for each question. See [search](search.md#vector-search) "
        "and [the next section](#grading-answers).\n\n"
        "## Grading answers\n\nGrade answers against references and check faithfulness.\n",
    ),
    "docs/posts/search.md": essay(
        "Search engines",
        "2024-02-01",
        ["RAG", "Search"],
        "## Vector search\n\nA vector index of embeddings finds the nearest chunks for a query; "
        "semantic retrieval beats keywords.\n\n"
        "## Keyword ranking\n\nBM25 ranks documents by term frequency.\n",
    ),
    "docs/posts/garden.md": essay(
        "Garden",
        "2024-01-01",
        ["Garden"],
        "## Tomatoes\n\nTomatoes want sun, deep watering and a stake.\n\n"
        "## Compost\n\nCompost feeds the tomatoes.\n",
    ),
    "docs/posts/draft.md": essay(
        "Draft on vectors",
        "2024-04-01",
        ["RAG"],
        "## Vector embeddings retrieval\n\nEmbeddings in a vector index, nearest chunks, "
        "retrieval of chunks for each question.\n",
        extra="draft = true",
    ),
}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Site:
    root = tmp_path_factory.mktemp("corpus")
    write_tree(root, {"mkdocs.yml": yaml.safe_dump(BASE_CONFIG, sort_keys=False), **CORPUS})
    return run_build(root)


def related_of(site: Site, url: str) -> list[str]:
    content = site.content(url)
    return [a["href"] for a in content.select(".essay-card-related a.essay-card-list__title")]


def test_related_patterns_rank_the_obvious_answer_first(corpus: Site) -> None:
    assert related_of(corpus, "patterns/rag/vector-retrieval/")[0] == (
        "../../search/vector-search/"
    )
    assert related_of(corpus, "patterns/search/vector-search/")[0] == (
        "../../rag/vector-retrieval/"
    )
    for url in ("patterns/garden/tomatoes/", "patterns/garden/compost/"):
        assert related_of(corpus, url) == []  # nothing else is about gardens
    data = json_of(corpus)
    for card in data["cards"]:
        assert card["id"] not in card["related"]
        essay_key = card["id"].split("/")[0]
        assert all(r.split("/")[0] != essay_key for r in card["related"])
        assert len(card["related"]) <= 5


def test_left_out_essays_have_no_cards_and_are_never_related(corpus: Site) -> None:
    assert not (corpus.site_dir / "patterns" / "draft").exists()
    ids = [c["id"] for c in json_of(corpus)["cards"]]
    assert not any(i.startswith("draft/") for i in ids)
    assert "Draft on vectors" not in corpus.text("patterns/index.html")


def test_cards_json_is_valid_and_every_url_resolves(corpus: Site) -> None:
    data = json_of(corpus)
    assert data["version"] == 1 and data["site_url"] == "https://example.org/"
    ids = [c["id"] for c in data["cards"]]
    assert ids == sorted(ids) and len(ids) == len(set(ids)) == data["count"] == 6
    keys = {
        "id", "title", "lead", "text", "words", "url", "essay_url", "context_url",
        "essay_title", "date", "tags", "terms", "links", "related", "stub",
    }  # fmt: skip
    for card in data["cards"]:
        assert set(card) == keys
        assert card["url"] == f"patterns/{card['id']}/" and corpus.exists(card["url"])
        assert corpus.exists(card["essay_url"])
        page, _, fragment = card["context_url"].partition("#")
        assert page == card["essay_url"] and fragment in ids_of(corpus.file(page))
        assert set(card["related"]) <= set(ids)
        assert card["lead"] and card["text"].startswith(card["lead"].rstrip("…"))
        assert card["words"] == len(card["text"].split())
        assert card["stub"] is False
    rag = next(c for c in data["cards"] if c["id"] == "rag/vector-retrieval")
    assert rag["tags"] == ["RAG", "LLM"]
    assert rag["links"] == [
        {"text": "search", "url": "posts/search/#vector-search", "internal": True},
        {"text": "the next section", "url": "posts/rag/#grading-answers", "internal": True},
    ]
    assert rag["date"].startswith("2024-03-01")


def test_card_pages_rebase_the_sections_links(corpus: Site) -> None:
    content = corpus.content("patterns/rag/vector-retrieval/")
    hrefs = [a["href"] for a in content.select(".essay-card-page__section a")]
    assert hrefs == ["../../../posts/search/#vector-search", "../../../posts/rag/#grading-answers"]
    assert broken_links(corpus.site_dir) == []


def test_catalog_groups_cards_by_essay_newest_first(corpus: Site) -> None:
    content = corpus.content("patterns/")
    groups = content.select(".essay-cards-group")
    assert [g.find("h2").get_text(strip=True) for g in groups] == [
        "Retrieval augmented generation",
        "Search engines",
        "Garden",
    ]
    assert [len(g.select("li.essay-card")) for g in groups] == [2, 2, 2]
    tags = [b["data-tag"] for b in content.select(".essay-cards-filter button")]
    assert tags == ["", "rag", "garden", "llm", "search"]  # most cards first


def test_stub_info_and_card_counts_when_an_essay_has_no_sections(make_site: MakeSite) -> None:
    site = make_site({"docs/posts/flat.md": essay("Flat", "2024-01-01", ["X"], "Just text.")})
    assert not (site.site_dir / "patterns" / "flat").exists()
    assert json_of(site)["cards"] == []
    assert "No pattern cards yet" in site.content("patterns/").get_text()


# -- themes and URL styles -------------------------------------------------------------------------


def test_mkdocs_theme_shows_cards(tmp_path: Path) -> None:
    site = seed_site(tmp_path, theme={"name": "mkdocs"})
    content = site.content("patterns/")
    assert len(content.select(".essay-cards-grid > ul > li")) == 3
    card = site.content(f"patterns/{SLUG}/{SEED_ANCHORS[1]}/")
    assert card.find("h1").get_text() == SEED_TITLES[1]
    css = site.text("assets/mkdocs-essays/essays.css")
    assert ".essay-cards-grid > ul > li" in css
    assert broken_links(site.site_dir) == []


def test_without_directory_urls_every_card_link_resolves(make_site: MakeSite) -> None:
    site = make_site(
        {**CORPUS, f"docs/posts/{SEED.name}": SEED.read_bytes()},
        config={"use_directory_urls": False},
    )
    assert site.exists("patterns/rag/vector-retrieval.html")
    data = json_of(site)
    assert {c["url"] for c in data["cards"]} >= {"patterns/rag/vector-retrieval.html"}
    assert broken_links(site.site_dir) == []


def test_a_writers_page_hosts_the_catalog(tmp_path: Path) -> None:
    files = {
        "docs/patterns/index.md": "# My patterns\n\nIntro text.\n\n<!-- essays:cards -->\n",
    }
    write_tree(tmp_path, files)
    site = seed_site(tmp_path)
    content = site.content("patterns/")
    assert [h.get_text().rstrip("¶") for h in content.find_all("h1")] == ["My patterns"]
    assert "Intro text." in content.get_text()
    assert len(content.select(".grid.cards > ul > li")) == 3


# -- the tag filter in a browser -------------------------------------------------------------------


@pytest.mark.browser
def test_tag_filter_works_with_and_without_javascript(corpus: Site) -> None:
    from browser import block_outside, chromium
    from serving import serve_site

    with serve_site(corpus.site_dir) as base, chromium() as browser:
        page = browser.new_page()
        block_outside(page, base)  # no internet here: web fonts get an empty answer
        errors: list[str] = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(base + "patterns/")
        visible = "li.essay-card:visible"
        assert page.locator(".essay-cards-filter").is_visible()
        assert page.locator(visible).count() == 6
        page.click('.essay-cards-filter button[data-tag="garden"]')
        assert page.locator(visible).count() == 2
        assert page.locator(".essay-cards-group:visible").count() == 1
        assert "tag=garden" in page.url
        assert page.locator(".essay-cards-filter__status").inner_text() == "2 of 6 cards"
        page.click('.essay-cards-filter button[data-tag="rag"]')
        assert page.locator(visible).count() == 4
        page.click('.essay-cards-filter button[data-tag=""]')
        assert page.locator(visible).count() == 6
        page.goto(base + "patterns/?tag=search")  # a shared link keeps its filter
        assert page.locator(visible).count() == 2
        assert errors == []

        off = browser.new_context(java_script_enabled=False).new_page()
        off.goto(base + "patterns/")
        assert off.locator(visible).count() == 6
        assert not off.locator(".essay-cards-filter").is_visible()


def test_logs_name_nothing_as_an_error(seed: Site) -> None:
    assert not [r for r in seed.records if r.levelno >= logging.WARNING]
