"""A card's HTML cut out of its essay's rendered body: headings, slices, links, leads."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import markdown
from bs4 import BeautifulSoup
from mkdocs_essays.cards.html import (
    first_sentence,
    ids_in,
    lead_of,
    links_of,
    page_headings,
    rebase,
    resolve,
    section_of,
)
from mkdocs_essays.model.text import html_to_text

BODY = """
Intro.

## First {#first}

One. Two [other essay](../other/) and [a site](https://example.org/x).

### Sub

![diagram](img/d.png)
See [above](#first) and [the sub](#sub) and [second](#second).

!!! note
    ## Heading in an admonition

## Second

Second text.

# Top

Top text.
"""


def render(body: str = BODY) -> str:
    md = markdown.Markdown(
        extensions=["toc", "attr_list", "admonition"], extension_configs={"toc": {"permalink": 1}}
    )
    return md.convert(body)


def test_page_headings_are_the_top_level_ones_with_ids_and_text() -> None:
    headings = page_headings(render())
    assert [(h.level, h.id, h.text) for h in headings] == [
        (2, "first", "First"),
        (3, "sub", "Sub"),
        (2, "second", "Second"),
        (1, "top", "Top"),
    ]


def test_section_runs_to_the_next_heading_of_the_same_or_higher_level() -> None:
    html = render()
    headings = page_headings(html)
    first = section_of(html, headings, 0)
    assert first.startswith("<p>One.")
    assert 'id="sub"' in first and "Heading in an admonition" in first
    assert "Second text" not in first
    second = section_of(html, headings, 2)
    assert "Second text" in second and "Top text" not in second
    assert section_of(html, headings, 3) == "<p>Top text.</p>"


def test_rebase_points_links_from_the_card_page() -> None:
    html = render()
    headings = page_headings(html)
    fragment = section_of(html, headings, 0)
    moved = rebase(fragment, "posts/essay/", "patterns/essay/first/", local_ids=ids_in(fragment))
    soup = BeautifulSoup(moved, "lxml")
    hrefs = {a.get_text(): a["href"] for a in soup.find_all("a")}
    assert hrefs["other essay"] == "../../../posts/other/"
    assert hrefs["a site"] == "https://example.org/x"
    assert hrefs["the sub"] == "#sub"  # inside the card: stays
    assert hrefs["above"] == "../../../posts/essay/#first"  # the card's own heading is not on it
    assert hrefs["second"] == "../../../posts/essay/#second"
    assert soup.find("img")["src"] == "../../../posts/essay/img/d.png"


def test_rebase_leaves_code_text_alone() -> None:
    fragment = '<pre><code>&lt;a href="x/"&gt;</code></pre><a href="y/">y</a>'
    moved = rebase(fragment, "posts/e/", "patterns/e/c/", local_ids=set())
    assert '&lt;a href="x/"&gt;' in moved
    assert 'href="../../../posts/e/y/"' in moved


def test_resolve_keeps_queries_and_refuses_what_leaves_the_site() -> None:
    assert resolve("../b/?q=1#x", "posts/a/") == "posts/b/?q=1#x"
    assert resolve("#x", "posts/a/") == "posts/a/#x"
    assert resolve("../../../../x", "posts/a/") is None
    assert resolve("/abs/", "posts/a/") is None
    assert resolve("mailto:a@b.c", "posts/a/") is None
    assert resolve("other.html", "posts/a.html") == "posts/other.html"


def test_links_are_outbound_links_resolved_against_the_essay() -> None:
    html = render()
    headings = page_headings(html)
    fragment = section_of(html, headings, 0)
    links = links_of(fragment, "posts/essay/", local_ids=ids_in(fragment))
    assert [(link.text, link.url, link.internal) for link in links] == [
        ("other essay", "posts/other/", True),
        ("a site", "https://example.org/x", False),
        ("above", "posts/essay/#first", True),
        ("second", "posts/essay/#second", True),
    ]  # permalinks and the link to #sub (inside the card) are not outbound


def test_lead_is_the_first_sentence_of_the_first_prose_block() -> None:
    assert lead_of("<p>First one. Second one.</p>") == "First one."
    assert lead_of("<p>Use tools, e.g. a hammer. Then stop.</p>") == "Use tools, e.g. a hammer."
    assert lead_of("<pre><code>x = 1</code></pre><p>Prose here.</p>") == "Prose here."
    admonition = '<div class="admonition"><p class="admonition-title">Note</p><p>Body.</p></div>'
    assert lead_of(admonition) == "Body."
    long = "<p>" + " ".join(["word"] * 60) + " end.</p>"
    lead = lead_of(long, limit=40)
    assert lead.endswith("…") and len(lead.split()) == 40
    assert lead_of("<ul><li>Item one. More.</li></ul>") == "Item one."
    assert lead_of("") == ""
    assert lead_of('<h3 id="x">Only</h3><pre><code>code</code></pre>') == ""  # no prose
    assert lead_of("Bare text. More.") == "Bare text."


def test_first_sentence_handles_quotes_initials_and_cjk() -> None:
    assert first_sentence('He said "stop." Then left.') == 'He said "stop."'
    assert first_sentence("Ask J. Smith about it. Later.") == "Ask J. Smith about it."
    assert first_sentence("版本很好。下一句。") == "版本很好。"
    assert first_sentence("no ending") == "no ending"
    assert first_sentence("Version 3.5 is out. Next.") == "Version 3.5 is out."


# -- page_headings against an HTML parser ---------------------------------------------------------


class _Reference(HTMLParser):
    """The top-level headings as Python's HTML parser sees them (the scan must agree)."""

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

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=True)
        self.source = source
        self.lines = [0] + [i + 1 for i, c in enumerate(source) if c == "\n"]
        self.stack: list[str] = []
        self.open: tuple[int, str, int] | None = None
        self.found: list[tuple[int, str, str, int, int]] = []

    def at(self) -> int:
        line, column = self.getpos()
        return self.lines[line - 1] + column

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            return
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6") and not self.stack:
            self.open = (int(tag[1]), next((v for k, v in attrs if k == "id" and v), ""), self.at())
        self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        pass

    def handle_endtag(self, tag):
        if tag not in self.stack:
            return
        while self.stack and self.stack.pop() != tag:
            pass
        if not self.stack and self.open is not None and tag.startswith("h") and len(tag) == 2:
            level, ident, start = self.open
            self.open = None
            end = self.source.find(">", self.at()) + 1
            self.found.append((level, ident, html_to_text(self.source[start:end]), start, end))


def reference(source: str) -> list[tuple[int, str, str, int, int]]:
    parser = _Reference(source)
    parser.feed(source)
    parser.close()
    return parser.found


TRICKY = [
    '<div class="admonition"><h2 id="in">Inside</h2></div>\n<h2 id="out">Out</h2>',
    '<h2 id="a" title="x > y">A &amp; B</h2><p>t</p></span><h3 id="b">B</h3>',
    "<!-- <h2 id=\"c\">comment</h2> -->\n<h2 id='d'>D</h2><br><hr/><div/><h2 id=e>E</h2>",
    '<script>document.write("<h2 id=x>no</h2>")</script><h2 id="f">F</h2>',
    '<ul><li><h2 id="g">in list</h2></li></ul>'
    '<h2 id="h">H<a class="headerlink" href="#h">¶</a></h2>',
    '<p>unclosed <div><h2 id="i">nested in unclosed div</h2>',
    '<h2 id="j&quot;k">Quoted</h2><H2 ID="L">Upper</H2>',
]


def test_page_headings_agree_with_an_html_parser() -> None:
    golden = Path(__file__).resolve().parent.parent / "golden" / "cards"
    sources = list(TRICKY)
    for path in sorted(golden.glob("*.md")):
        sources.append(
            markdown.markdown(
                path.read_text("utf-8"),
                extensions=["toc", "attr_list", "admonition", "md_in_html", "fenced_code"],
            )
        )
    for source in sources:
        ours = [(h.level, h.id, h.text, h.start, h.end) for h in page_headings(source)]
        assert ours == reference(source), source[:200]
