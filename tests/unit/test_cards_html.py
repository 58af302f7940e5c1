"""A card's HTML cut out of its essay's rendered body: headings, slices, links, leads."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup
from growth import LIMIT, ratios
from hypothesis import given, settings
from hypothesis import strategies as st
from mkdocs_essays.cards.html import (
    EssayBody,
    Fragment,
    first_sentence,
    ids_in,
    lead_of,
    links_of,
    page_headings,
    rebase,
    resolve,
    section_of,
)
from mkdocs_essays.parsing.html import html_to_text

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


# -- balanced slices, whatever the essay holds ---------------------------------------------------

VOID = _Reference.VOID


class _Balance(HTMLParser):
    """Fails on HTML a strict reader would mis-nest: an end tag that is not the innermost open
    element's, an element never closed, a ``<`` read as text (an unclosed comment, a broken
    tag: a browser may read it otherwise), ``<div/>`` (a browser opens a div)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)  # text as written: "&lt;" is no "<"
        self.stack: list[str] = []
        self.problems: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        if tag not in VOID and not {"svg", "math"}.intersection(self.stack):
            self.problems.append(f"<{tag}/>")

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> with {self.stack[-3:]} open")
        else:
            self.stack.pop()

    def handle_data(self, data):
        if "<" in data and not {"script", "style"}.intersection(self.stack[-1:]):
            self.problems.append(f"text {data[:30]!r}")


def problems_of(fragment: str) -> list[str]:
    checker = _Balance()
    checker.feed(fragment)
    checker.close()
    return checker.problems + [f"<{tag}> never closed" for tag in checker.stack]


def assert_balanced(fragment: str) -> None:
    assert not problems_of(fragment), (problems_of(fragment), fragment[:400])


def test_the_checker_sees_unbalanced_html() -> None:
    assert problems_of("<div><p>a</div>")
    assert problems_of("<p>a</p></div>")
    assert problems_of("<!-- never closed")
    assert problems_of("<div/>")
    assert not problems_of('<div><p>a</p><br><svg><path d="M0"/></svg></div><!-- c -->')


def material_index(fragment: str, wrapper: str) -> list[str]:
    """What Material's search indexer reads of a card page holding ``fragment`` (it raises
    ``ValueError: '<li>' is not in list`` on the pages that stopped builds)."""
    from material.plugins.search.plugin import Parser

    page = (
        '<h1 id="t">Card</h1><p class="lead">The lead.</p>'
        f'<{wrapper} class="essay-card-page__section" data-search-exclude>\n{fragment}\n'
        f"</{wrapper}>"
        '<p class="context"><a href="x/">After the section.</a></p>'
        '<ul class="essay-card-list" data-search-exclude><li><a href="y/">Related</a></li></ul>'
        "<p>The end.</p>"
    )
    parser = Parser()
    parser.feed(page)
    parser.close()
    return [" ".join([*s.title, *s.text]) for s in parser.data]


def assert_indexable(fragment: Fragment | str) -> None:
    parsed = fragment if isinstance(fragment, Fragment) else Fragment.parse(fragment)
    indexed = " ".join(material_index(parsed.html, parsed.wrapper()))
    assert "After the section." in indexed and "The end." in indexed, indexed
    assert "Related" not in indexed  # the section's own exclusion holds too


ADVERSARIAL = [
    "<div><p>unclosed p</div> after",
    "<p>a</p></div></div></li> stray ends",
    "<table><tr><td>cell<td>cell2</table>",
    "<ul><li>one<li>two<ul><li>nested</ul></ul>",
    "<div/><span/>text<br/><img src=x.png/>",
    "<!-- never closed <b>bold</b>",
    "<script>document.write('</div>')</script><style>p>a{}</style>",
    "<script>never closed </div>",
    "a < b and c > d &amp; e & f",
    "<![foo bar <p>after a broken marked section</p>",
    '<div class="x" <p>broken tag</p>',
    "<details><summary>More</summary><p>inside</details>",
    '<svg><path d="M0 0"/><circle r="1"/></svg>',
    "<p>text</br>more</p>",
    "</>empty end tag",
    '<ul><li><div class="admonition note"><p class="admonition-title">N</p>'
    "<p>x</p></div></li></ul>",
    "<textarea></div></textarea>",
    "<a href='a/'>outer <a href='b/'>inner</a> tail</a>",
    "<!DOCTYPE html><?php x ?><![CDATA[ data ]]>",
]


@pytest.mark.parametrize("source", ADVERSARIAL)
def test_any_fragment_comes_back_balanced_and_indexable(source: str) -> None:
    fragment = Fragment.parse(source)
    assert_balanced(fragment.html)
    assert Fragment.parse(fragment.html).html == fragment.html  # balanced stays as it is
    rebased = rebase(source, "posts/e/", "patterns/e/c/", local_ids=set())
    assert_balanced(rebased)
    assert_indexable(fragment)


def test_the_old_wrapper_stopped_the_build_and_the_new_one_does_not() -> None:
    admonition_in_item = (
        '<ul><li><p>item</p><div class="admonition note"><p>inside</p></div></li></ul>'
    )
    with pytest.raises(ValueError, match="is not in list"):
        material_index(admonition_in_item, "div")  # what card pages used to be
    fragment = Fragment.parse(admonition_in_item)
    assert fragment.wrapper() == "section"
    assert_indexable(fragment)
    crowded = "".join(f"<{t}>x</{t}>" for t in ("section", "div", "article", "aside"))
    assert Fragment.parse(crowded).wrapper() == "essay-card-section-1"
    assert_indexable(crowded + admonition_in_item)


def test_a_comment_never_closed_is_shown_as_text() -> None:
    # Python 3.11 reads it as text up to the next ">", 3.13 as a comment to the end, browsers
    # hide the rest of the page: on a card it is the writer's text, and the page goes on.
    fragment = Fragment.parse("<p>before <!-- never closed <b>bold</b> after</p>")
    assert fragment.text == "before <!-- never closed bold after"
    assert fragment.html == "<p>before &lt;!-- never closed <b>bold</b> after</p>"


def test_no_words_are_lost_in_balancing() -> None:
    for source in ADVERSARIAL:
        if "<script" in source or "<![foo" in source or "never closed" in source:
            continue  # (an unclosed script's text is closed into it; 3.11 stops at <![foo)
        assert " ".join(data_of(Fragment.parse(source).html).split()) == " ".join(
            data_of(source).split()
        ), source


class _Data(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.data: list[str] = []

    def handle_data(self, data):
        self.data.append(data)


def data_of(source: str) -> str:
    parser = _Data()
    parser.feed(source)
    parser.close()
    return "".join(parser.data)


PIECES = [
    "<div>",
    "</div>",
    "<p>",
    "</p>",
    "<ul>",
    "</ul>",
    "<li>",
    "</li>",
    "<table>",
    "<tr>",
    "<td>",
    "</td>",
    "</table>",
    "<span>",
    "</span>",
    "<section>",
    "</section>",
    '<h2 id="a">',
    "</h2>",
    '<h2 id="b">B</h2>',
    '<h3 id="c">C</h3>',
    "<script>",
    "</script>",
    "<!-- c -->",
    "<!--",
    "-->",
    "<br>",
    "</br>",
    "<div/>",
    '<img src="i.png">',
    "<![foo",
    "<",
    ">",
    "&amp;",
    "&",
    "words here. ",
    "\n",
    '<sup id="fnref:1"><a class="footnote-ref" href="#fn:1">1</a></sup>',
    '<sup id="fnref:2"><a class="footnote-ref" href="#fn:2">2</a></sup>',
    '<div class="footnote"><hr /><ol><li id="fn:1"><p>Note <code>x</code>&#160;'
    '<a class="footnote-backref" href="#fnref:1">&#8617;</a></p></li>'
    '<li id="fn:2"><div class="highlight"><pre><code>code</code></pre></div></li></ol></div>',
    "<pre><code>",
    "</code></pre>",
    "<details><summary>s</summary>",
    "</details>",
    '<a href="../x/">',
    "</a>",
    '<div class="admonition note"><p class="admonition-title">Note</p>',
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=60))
def test_every_card_slice_of_any_body_is_balanced(pieces: list[str]) -> None:
    body = '<h2 id="top">Top</h2>' + "".join(pieces) + '<h2 id="end">End</h2><p>last</p>'
    parsed = EssayBody(body)
    assert [h.id for h in parsed.headings][:1] == ["top"]
    for index in range(len(parsed.headings)):
        fragment = parsed.section(index)
        assert_balanced(fragment.html)
        assert_balanced(fragment.rebase("posts/e/", "patterns/e/c/", local_ids=fragment.ids))
        assert Fragment.parse(fragment.html).html == fragment.html
        assert_indexable(fragment)
        ids = fragment.ids
        for ref in footnote_links(fragment.html):  # (a reference to no footnote stays so)
            assert ref in ids or ref not in parsed.footnotes, (ref, fragment.html)


def footnote_links(html: str) -> list[str]:
    soup = BeautifulSoup(html, "html.parser")
    return [
        a["href"][1:]
        for a in soup.select("a.footnote-ref, a.footnote-backref")
        if a.get("href", "").startswith("#")
    ]


# -- essays rendered by Python-Markdown ---------------------------------------------------------

EXTENSIONS = [
    "toc",
    "attr_list",
    "admonition",
    "footnotes",
    "tables",
    "def_list",
    "md_in_html",
    "pymdownx.superfences",
    "pymdownx.details",
    "pymdownx.tabbed",
]


def render_full(body: str) -> str:
    md = markdown.Markdown(extensions=EXTENSIONS, extension_configs={"toc": {"permalink": True}})
    return md.convert(body)


BLOCKS = [
    "Plain prose. Second sentence.",
    "Text with a note.[^a] More text.[^b]",
    "| Host | Clone |\n|:--|:--|\n| Cloudflare | Yes [^a] |\n| GitHub | Yes [^c] |\n"
    "| Render | Yes [^a] |",
    "- item\n\n    !!! note\n        inside a list item\n\n- item two\n    - nested[^b]",
    "<div markdown>\n**md in html** [^c]\n</div>",
    "<details><summary>More</summary>\n\nHidden text.\n\n</details>",
    "</div>",
    "<div>\nunclosed raw div",
    "<script>var x = '</div>';</script>",
    "<!-- a comment -->",
    '=== "Tab one"\n\n    In a tab.[^a]\n\n=== "Tab two"\n\n    Second tab.',
    '??? note "Folded"\n    Folded text.',
    "Term\n:   Definition with a note.[^b]",
    "```python\ndef f():\n    return '<div>'\n```",
    "### Sub heading\n\nSub text.",
    "## Another section\n\nIts text.[^c]",
]
NOTES = (
    "[^a]: Note a holds a fence:\n\n    ```sh\n    git fetch --unshallow\n    ```\n\n"
    "[^b]: Note b.\n\n[^c]: Note c refers on.[^b]\n"
)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(BLOCKS), min_size=1, max_size=12))
def test_rendered_essays_cut_into_balanced_cards_with_their_own_footnotes(
    blocks: list[str],
) -> None:
    body = "Intro.\n\n## First\n\n" + "\n\n".join(blocks) + "\n\n## Last\n\nEnd.[^a]\n\n" + NOTES
    parsed = EssayBody(render_full(body))
    # "First" at least (a raw block left open swallows what follows it, "Last" too)
    assert any(h.level == 2 and h.text == "First" for h in parsed.headings)
    for index, heading in enumerate(parsed.headings):
        if heading.level != 2:
            continue
        fragment = parsed.section(index)
        assert_balanced(fragment.html)
        assert_indexable(fragment)
        soup = BeautifulSoup(fragment.html, "html.parser")
        refs = {a["href"][1:] for a in soup.select("a.footnote-ref")}
        notes = soup.select("div.footnote > ol > li")
        shown = {li["id"] for li in notes}
        assert refs <= shown  # every reference has its footnote on the card
        assert len(soup.select("div.footnote")) <= 1
        for ref in footnote_links(fragment.html):
            assert ref in fragment.ids
        assert "↩" not in fragment.lead() and "↩" not in fragment.text


# -- footnotes -----------------------------------------------------------------------------------

FOOTNOTED = """
Intro.[^intro]

## Hosting

Most hosts clone deeply.[^1] Some do not.[^2]

Host|Configurable
:--|:--
Cloudflare|Yes [^1]
GitHub|Yes [^2]

## Later

More text.[^3] Again the first.[^1]

## Plain

No notes here.

[^intro]: The intro's note.
[^1]: To clone deeply:

    ```sh
    git fetch --unshallow
    ```

[^2]: Set `fetch-depth: 0`.
[^3]: Third.
"""


def cards_of(body: str) -> dict[str, Fragment]:
    parsed = EssayBody(render_full(body))
    return {h.id: parsed.section(i) for i, h in enumerate(parsed.headings) if h.level == 2}


def test_a_card_shows_the_footnotes_its_section_references() -> None:
    cards = cards_of(FOOTNOTED)
    soup = {key: BeautifulSoup(f.html, "html.parser") for key, f in cards.items()}
    listed = {
        key: [(li["id"], li.get("value")) for li in s.select("div.footnote li")]
        for key, s in soup.items()
    }
    assert listed == {
        "hosting": [("fn:1", "2"), ("fn:2", "3")],  # numbered as on the essay page
        "later": [("fn:3", "4"), ("fn:1", "2")],
        "plain": [],
    }
    assert soup["plain"].select("div.footnote") == []
    assert "The intro's note" not in cards["hosting"].html  # not this section's
    hosting = soup["hosting"]
    assert hosting.select_one("li#fn\\:1 code") is not None  # the note's fence came along
    # the back links of footnote 1 on each card: to that card's own references to it
    for key, count in (("hosting", 2), ("later", 1)):
        refs = {f"#{sup['id']}" for sup in soup[key].select("sup") if sup.a["href"] == "#fn:1"}
        backs = {a["href"] for a in soup[key].select("li#fn\\:1 a.footnote-backref")}
        assert len(refs) == count and backs == refs, (key, refs, backs)
    for key, fragment in cards.items():
        for ref in footnote_links(fragment.html):
            assert ref in fragment.ids, (key, ref)


def test_leads_and_text_leave_out_footnote_numbers() -> None:
    cards = cards_of(FOOTNOTED)
    assert cards["hosting"].lead() == "Most hosts clone deeply."
    assert cards["later"].lead() == "More text."
    assert "↩" not in cards["hosting"].text
    assert "deeply. Some" in cards["hosting"].text
    assert "git fetch --unshallow" in cards["hosting"].text  # footnotes are the card's words
    assert lead_of(section_html(FOOTNOTED, "later")) == "More text."


def section_html(body: str, anchor: str) -> str:
    html = render_full(body)
    headings = page_headings(html)
    return section_of(html, headings, next(i for i, h in enumerate(headings) if h.id == anchor))


def test_footnote_links_stay_on_the_card_page_after_rebasing() -> None:
    fragment = cards_of(FOOTNOTED)["hosting"]
    moved = fragment.rebase("posts/git/", "patterns/git/hosting/", local_ids=fragment.ids)
    soup = BeautifulSoup(moved, "html.parser")
    hrefs = {a["href"] for a in soup.select("a.footnote-ref, a.footnote-backref")}
    assert len(hrefs) == 6  # fn:1, fn:2, and the four references to them
    assert {h[1:] for h in hrefs if h.startswith("#")} <= fragment.ids
    assert {h for h in hrefs if not h.startswith("#")} == set()


# -- growth --------------------------------------------------------------------------------------


def _essay_html(n: int) -> str:
    return render_full(
        "".join(
            f"## Section {i}\n\nText [a link](../x{i}/) and a note.[^n{i}] More, e.g. here.\n\n"
            f"- item\n\n    !!! note\n        inside\n\n| a | b |\n|---|---|\n| x[^n{i}] | y |\n\n"
            f"### Sub {i}\n\nSub text <span>raw</span>.\n\n[^n{i}]: Note:\n\n        code {i}\n\n"
            for i in range(n)
        )
    )


def _cut_all(html: str) -> None:
    parsed = EssayBody(html)
    for index, heading in enumerate(parsed.headings):
        if heading.level == 2:
            fragment = parsed.section(index)
            fragment.lead()
            fragment.links("posts/e/", local_ids=fragment.ids)
            fragment.rebase("posts/e/", "patterns/e/c/", local_ids=fragment.ids)


GROWTH = {
    "essay: headings": (page_headings, _essay_html, 40),
    "essay: every card cut": (_cut_all, _essay_html, 40),
    "one section: rebase": (
        lambda f: rebase(f, "posts/e/", "patterns/e/c/", local_ids=set()),
        lambda n: '<p><a href="../x/">x</a> <img src="i.png"></p>' * n * 8,
        50,
    ),
    "one section: links": (
        lambda f: links_of(f, "posts/e/", local_ids=set()),
        lambda n: '<p><a href="../x/">x</a> <a href="#y">y</a></p>' * n * 8,
        50,
    ),
    "one section: lead": (
        lead_of,
        lambda n: "<pre><code>x</code></pre>" * n * 20 + "<p>a.</p>",
        50,
    ),
    "nested links never closed": (
        lambda f: links_of(f, "posts/e/", local_ids=set()),
        lambda n: '<a href="x/">' * n * 20,
        50,
    ),
    "deep nesting": (
        lambda f: section_of(f, page_headings(f), 0),
        lambda n: '<h2 id="a">A</h2>' + "<div><span>" * n * 20 + "</div>" * n * 20,
        150,  # at 50 the first size takes 3 ms, and one collection at 8n read as 20x
    ),
    "stray end tags": (
        lambda f: section_of(f, page_headings(f), 0),
        lambda n: '<h2 id="a">A</h2>' + "</div></li>" * n * 40,
        50,
    ),
    "a lead of abbreviations": (lead_of, lambda n: "<p>" + "e.g. x " * n * 40 + "</p>", 50),
    "a lead of unclosed blocks": (lead_of, lambda n: "<p>x" * n * 20, 50),
    "many footnotes": (_cut_all, lambda n: _essay_html(1) + "<p>x</p>" * n * 40, 100),
    # constructs Python 3.11's parser looks for the end of again from each one
    "start tags never closed": (ids_in, lambda n: "<a href='x " * n * 20, 50),
    "comments never closed": (ids_in, lambda n: "<!-- x>" * n * 20, 50),
    "marked sections never closed": (ids_in, lambda n: "<![CDATA[ x> <![foo " * n * 10, 50),
}


@pytest.mark.parametrize("case", GROWTH)
def test_card_cutting_is_linear(case: str) -> None:
    function, make, n = GROWTH[case]
    assert ratios(function, make, n)[-1] < LIMIT


def test_a_div_of_class_footnote_without_footnotes_stays_in_its_section() -> None:
    body = (
        '<h2 id="a">A</h2><div class="admonition footnote"><p>Words of an admonition.</p></div>'
        '<div class="footnote"><ol><li>an item without an id</li></ol></div>'
        '<h2 id="b">B</h2><p>B.</p>'
    )
    fragment = EssayBody(body).section(0)
    assert "Words of an admonition." in fragment.text
    assert "an item without an id" in fragment.text
