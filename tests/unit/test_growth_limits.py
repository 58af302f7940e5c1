"""Time and size that grew faster than the input (issue 25), each measured at n, 2n, 4n, 8n
(ratios, never absolute times), with the bound that now holds where one is the answer."""

from __future__ import annotations

import contextlib

import markdown
from bs4 import BeautifulSoup
from conftest import MakeSite, Site
from growth import assert_linear
from markdown.extensions.toc import slugify
from mkdocs_essays.cards.extract import extract_sections
from mkdocs_essays.cards.feature import TERM_CARDS
from mkdocs_essays.cards.html import NESTED_NOTES, EssayBody
from mkdocs_essays.cards.model import Section
from mkdocs_essays.cards.planning import _Names, _segment
from mkdocs_essays.feeds.rss import FEED_CATEGORIES
from mkdocs_essays.frontmatter import FrontMatterErrors, read
from mkdocs_essays.frontmatter.handlers import BLOCK_VALUES
from mkdocs_essays.hugo.markdown import heading_ids
from mkdocs_essays.hugo.refs import MissingFragment, PageIndex, RefTarget
from mkdocs_essays.pages.chips import LISTED_TERMS
from mkdocs_essays.parsing.ids import PlainNamer, SiteNamer

# -- footnotes citing footnotes ---------------------------------------------------------------


def _chained_notes(n: int) -> str:
    """n sections, section i cites note i, note i cites note i+1: each card used to carry
    every note after its own (1,000 notes: 24.6 s and a 1 GB site)."""
    sections = "".join(f"## S{i}\n\nText.[^n{i}]\n\n" for i in range(n))
    notes = "".join(f"[^n{i}]: Note {i} cites the next.[^n{i + 1}]\n\n" for i in range(n))
    notes += f"[^n{n}]: The last.\n"
    return markdown.markdown(sections + notes, extensions=["footnotes", "toc"])


def _every_card(html: str) -> int:
    parsed = EssayBody(html)
    return sum(len(parsed.section(i).html) for i in range(len(parsed.headings)))


def test_cards_of_chained_footnotes_are_linear() -> None:
    assert_linear(_every_card, _chained_notes, 200)


def test_a_card_shows_its_notes_and_a_bounded_number_of_notes_they_cite() -> None:
    parsed = EssayBody(_chained_notes(100))
    first = BeautifulSoup(parsed.section(0).html, "html.parser")
    shown = [li["id"] for li in first.select("div.footnote li")]
    assert shown == [f"fn:n{i}" for i in range(1 + NESTED_NOTES)]
    # the last note on the card cites one it does not show: that link leaves the card
    assert first.select_one(f'a.footnote-ref[href="#fn:n{NESTED_NOTES + 1}"]') is not None
    fragment = parsed.section(0)
    moved = fragment.rebase("posts/e/", "patterns/e/s0/", local_ids=fragment.ids)
    assert f'href="../../../posts/e/#fn:n{NESTED_NOTES + 1}"' in moved


# -- k tags on one essay; cards x tags ---------------------------------------------------------


def _tagged(k: int, sections: int = 1) -> dict[str, str]:
    tags = ", ".join(f'"tag {i}"' for i in range(k))
    body = "".join(f"## Section {i}\n\nText {i}.\n\n" for i in range(sections))
    return {"docs/posts/a.md": f"---\ntitle: A\ntags: [{tags}]\n---\nIntro.\n\n{body}"}


def _term_pages(site: Site, k: int) -> int:
    """The bytes of the k term pages' main content and of their feeds."""
    pages = (len(str(site.content(f"tags/tag-{i}/"))) for i in range(k))
    return sum(pages) + sum(len(site.text(f"tags/tag-{i}/feed.xml")) for i in range(k))


def test_the_term_pages_of_k_tags_grow_linearly(make_site: MakeSite) -> None:
    """Each of an essay's k term pages listed it with its k chips, each term feed gave it k
    categories: k squared (2,000 tags: 85 s, 555 MB). At k and 4k: ~4 times the bytes (before:
    12 times)."""
    sizes = [_term_pages(make_site(_tagged(k)), k) for k in (20, 80)]
    assert sizes[1] / sizes[0] < 6, sizes


def test_listings_show_ten_chips_and_the_essay_page_all(make_site: MakeSite) -> None:
    site = make_site(_tagged(25, sections=25))
    header = site.content("posts/a/").select_one("nav.essay-terms--tags")
    assert len(header.select("a.essay-tag")) == 25  # the essay's own page: every tag
    listed = site.content("tags/tag-7/").select_one(".essay-list nav.essay-terms--tags")
    chips = [a.get_text() for a in listed.select("a.essay-tag")]
    assert len(chips) == LISTED_TERMS + 1 and chips[-1] == f"+{25 - LISTED_TERMS} more"
    assert listed.select("a.essay-tag")[-1]["href"] == "../../posts/a/"
    feed = BeautifulSoup(site.text("tags/tag-7/feed.xml"), "xml")
    assert len(feed.find("item").find_all("category")) == FEED_CATEGORIES
    # the catalog gives the essay's tags once, not on each of its 25 cards
    catalog = site.content("patterns/")
    assert len(catalog.select("[data-tags]")) == 1
    assert catalog.select("li.essay-card a.essay-tag") == []
    # a term page lists 20 of the essay's cards and a line to the essay for the rest
    cards = site.content("tags/tag-7/").select("#essays-term-cards ~ ul li")
    assert len(cards) == TERM_CARDS + 1
    assert cards[-1].get_text(strip=True) == f"{25 - TERM_CARDS} more cards from A"


# -- headings Python-Markdown is quadratic on ---------------------------------------------------


def test_naming_bracket_headings_is_linear() -> None:
    """``## ![a![a...``: Python-Markdown takes n squared to render it; the card namer rendered
    it again (twice MkDocs' own time). A heading over 200 characters is named without it."""
    namer = SiteNamer(["toc", "attr_list"], {})
    for unit in ("![a", "[a", "[a](", "`a", "_a"):
        assert_linear(namer, lambda n, unit=unit: unit * n, 2000)


def test_a_long_heading_still_gets_the_id_the_page_gives_it(make_site: MakeSite) -> None:
    heading = "Why `code` " + "![a" * 300
    site = make_site({"docs/posts/a.md": f"---\ntitle: A\n---\nIntro.\n\n## {heading}\n\nText.\n"})
    (h2,) = site.content("posts/a/").select("h2[id]")
    (card,) = site.content("patterns/").select("li.essay-card .essay-card__title a")
    page = site.content("patterns/" + card["href"])
    context = page.select_one(".essay-card-page__context a")["href"]
    assert context.endswith(f"posts/a/#{h2['id']}")


# -- YAML aliases and merge keys ---------------------------------------------------------------


def _merges(n: int) -> str:
    """n mappings, each merging the one before and adding a key: n squared values (165 KB of
    this took 45 s and 1.2 GB)."""
    lines = ["title: A", "m0: &m0 {k0: 0, k1: 1, k2: 2}"]
    lines += [f"m{i}: &m{i}\n  <<: [*m{i - 1}]\n  x{i}: {i}" for i in range(1, n)]
    return "---\n" + "\n".join(lines) + "\n---\nBody.\n"


def _refused(text: str) -> str:
    try:
        read(text, "docs/posts/a.md")
    except FrontMatterErrors as error:
        return str(error)
    raise AssertionError("read")


def test_yaml_that_expands_past_the_cap_is_refused_in_linear_time() -> None:
    assert_linear(_refused, _merges, 1000)
    message = _refused(_merges(1000))
    assert message == (
        f"docs/posts/a.md:2: the YAML front matter expands to more than {BLOCK_VALUES:,} values "
        "(aliases '*name' or merge keys '<<' repeating each other); write the values out"
    )


def test_aliases_and_merges_within_the_cap_are_read() -> None:
    text = "---\ntitle: A\nbase: &b {a: 1, b: 2}\none: {<<: *b, c: 3}\ntwo: [*b, *b]\n---\n"
    meta = read(text, "docs/posts/a.md").front.meta()
    assert meta["one"] == {"a": 1, "b": 2, "c": 3} and meta["two"] == [{"a": 1, "b": 2}] * 2


# -- broken #fragment refs -------------------------------------------------------------------


def test_broken_fragments_to_one_page_are_linear() -> None:
    """n refs to ids a page of n ids does not have: the message's list of its ids was sorted
    again for each (8,000: 14.8 s)."""

    def make(n: int) -> tuple[PageIndex, int]:
        anchors = {f"id-{i}": f"id-{i}" for i in range(n)}
        target = RefTarget("posts/t.md", "posts/t/", "docs/posts/t.md", lambda: anchors)
        return PageIndex([target]), n

    def resolve_all(made: tuple[PageIndex, int]) -> None:
        index, n = made
        for i in range(n):
            with contextlib.suppress(MissingFragment):
                index.resolve(f"/posts/t.md#gone-{i}", "posts/a.md")

    assert_linear(resolve_all, make, 4000)
    try:
        make(20)[0].resolve("/posts/t.md#gone", "posts/a.md")
    except MissingFragment as error:
        assert "(its ids: id-0, id-1, id-10, id-11, id-12, id-13, id-14" in str(error)
        assert str(error).count(", ") == 12  # twelve ids and "..."


# -- repeated headings ---------------------------------------------------------------------------


def test_heading_ids_of_repeated_headings_are_linear_and_tocs() -> None:
    """16,000 repeats of one heading: each tried ``_1``, ``_2``... from the start (26.2 s)."""
    assert_linear(
        lambda text: heading_ids(text, PlainNamer(slugify)), lambda n: "## Same\n\nx\n\n" * n, 2000
    )
    text = "## X\n\n## X_1\n\n## X\n\n## Y {#x_2}\n\n## X\n\n## X_1\n"
    html = markdown.markdown(text, extensions=["toc", "attr_list"])
    toc = [h["id"] for h in BeautifulSoup(html, "html.parser").select("h2")]
    ids = heading_ids(text, PlainNamer(slugify))
    assert toc == ["x", "x_1", "x_3", "x_2", "x_4", "x_5"]
    assert set(toc) == {mkdocs for mkdocs in ids.values()}


def test_card_paths_of_headings_with_one_id_are_linear() -> None:
    """Headings giving themselves one id (``{#x}``): each card's folder tried ``x-2``,
    ``x-3``... from the start (16,000: 25.6 s)."""

    def segments(sections: list[Section]) -> None:
        taken = _Names()
        for section in sections:
            _segment(section, taken)

    make = lambda n: extract_sections("## Same {#x}\n\nText.\n\n" * n)  # noqa: E731
    assert_linear(segments, make, 2000)
    names = _Names(["page"])
    assert [names.free(n) for n in ("x", "X", "x", "x-3", "x", "page")] == [
        "x",
        "X-2",
        "x-3",
        "x-3-2",
        "x-4",
        "page-2",
    ]
