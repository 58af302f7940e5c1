"""Every function that scans a writer's text runs in linear time, on hostile input too.

Each case runs one function on an input of size n, 2n, 4n and 8n built to defeat it (the
inputs that made regexes backtrack: words before ``{#id}``, runs of ``#`` and spaces, ``[``
never closed, ``*a`` never closed, shortcode openers never closed...). The time (best of 3)
of 8n over n must stay under :data:`LIMIT`: linear code gives about 8, quadratic about 64,
anything exponential never finishes at 8n. Ratios only, never absolute times; a case is
measured up to three times before it fails, so a slow moment of a shared machine does not
fail it. n is chosen so the whole file runs in a few seconds.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from types import MappingProxyType, SimpleNamespace
from unittest.mock import patch

import pytest
from growth import assert_linear
from mkdocs_essays.cards.cutting import match as cut_match
from mkdocs_essays.cards.extract import extract_sections
from mkdocs_essays.cards.html import (
    PageHeading,
    first_sentence,
    lead_of,
    links_of,
    page_headings,
    rebase,
)
from mkdocs_essays.cards.model import Section
from mkdocs_essays.cards.planning import CardPlan
from mkdocs_essays.cli.import_markdown import uses_math as _uses_math
from mkdocs_essays.frontmatter import FrontMatter, read
from mkdocs_essays.frontmatter.schema import FrontMatterErrors
from mkdocs_essays.hugo import markdown as hm
from mkdocs_essays.hugo.markdown import heading_ids, rewrite_root_links
from mkdocs_essays.hugo.shortcodes import ShortcodeSyntaxError, scan
from mkdocs_essays.model import Essay
from mkdocs_essays.model.essay import leading_h1
from mkdocs_essays.model.taxonomy import CO_OCCURRING, build_taxonomy
from mkdocs_essays.model.text import (
    auto_summary,
    first_words,
    markdown_inline_to_text,
    word_count,
)
from mkdocs_essays.parsing import markdown as structure
from mkdocs_essays.parsing.html import html_to_text
from mkdocs_essays.parsing.ids import PlainNamer, SiteNamer
from mkdocs_essays.parsing.markdown import explicit_id


def _quiet(function: Callable[[str], object]) -> Callable[[str], object]:
    """``function``, with the error a hostile input may rightly raise taken as its result."""

    def run(text: str) -> object:
        try:
            return function(text)
        except (ShortcodeSyntaxError, FrontMatterErrors) as error:
            return error

    return run


# -- heading naming ---------------------------------------------------------------------------

WORDS = ["Ordered", "list", "after", "an", "unordered", "list"]


def _words(n: int) -> str:
    return " ".join(WORDS[i % len(WORDS)] for i in range(n))


SITE_NAMER = SiteNamer(["toc", "attr_list"], {})
PLAIN_NAMER = PlainNamer()

NAMING: dict[str, tuple[Callable[[str], object], Callable[[int], str], int]] = {
    # the hang of issue 11: words, then {#id} (each word doubled the time of the old regex)
    "site-namer-words-then-id": (SITE_NAMER, lambda n: _words(n) + " {#olist}", 4),
    "site-namer-long-word-colon": (SITE_NAMER, lambda n: "Anti" * n + ": why", 16),
    "site-namer-spaces-then-colon": (SITE_NAMER, lambda n: "a" + " " * n + ":", 64),
    "plain-namer-words-then-id": (PLAIN_NAMER, lambda n: _words(n) + " {#olist}", 400),
    "plain-namer-open-brackets": (PLAIN_NAMER, lambda n: "x " + "[" * n, 4000),
    "plain-namer-open-images": (PLAIN_NAMER, lambda n: "x " + "![" * n, 2000),
    "plain-namer-open-links": (PLAIN_NAMER, lambda n: "x " + "[a](" * n, 1000),
    "plain-namer-open-emphasis": (PLAIN_NAMER, lambda n: "x " + "*a " * n, 1000),
    "plain-namer-open-underscores": (PLAIN_NAMER, lambda n: "x " + "_a " * n, 1000),
    "plain-namer-backticks": (PLAIN_NAMER, lambda n: "x " + "`" * n, 4000),
    "plain-namer-open-tags": (PLAIN_NAMER, lambda n: "x " + "<" * n, 4000),
    "plain-namer-footnote-refs": (PLAIN_NAMER, lambda n: "x " + "[^a" * n, 2000),
    "explicit-id-open-braces": (explicit_id, lambda n: "x" + " {a" * n, 2000),
    "explicit-id-spaces": (explicit_id, lambda n: "x" + " " * n + "y}", 8000),
    "explicit-id-many-lists": (explicit_id, lambda n: "x" + " {#a}" * n, 2000),
}


@pytest.mark.parametrize("case", NAMING, ids=list(NAMING))
def test_heading_naming_is_linear(case: str) -> None:
    function, make, n = NAMING[case]
    assert_linear(function, make, n)


def test_the_issue_11_headings_are_named_at_once() -> None:
    """The two headings that took 33 s: named, with their ids, as MkDocs names them."""
    assert SITE_NAMER("Ordered list after an unordered list {#olist}") == (
        "Ordered list after an unordered list",
        "olist",
    )
    assert SITE_NAMER("Antidisestablishmentarianism: why") == (
        "Antidisestablishmentarianism: why",
        "antidisestablishmentarianism-why",
    )


# -- card extraction --------------------------------------------------------------------------


def _sections(n: int) -> str:
    return "".join(f"## {_words(6)} {k} {{#s{k}}}\n\nText {k}.\n\n" for k in range(n))


EXTRACTION = {
    "sections-with-ids": (_sections, 100),
    "hash-runs": (lambda n: ("#" * 40 + " " + "# " * 20 + "\n") * n, 100),
    "one-line-of-hashes": (lambda n: "# " + "#" * (100 * n) + " x\n", 100),
    "one-line-of-hashes-and-spaces": (lambda n: "# " + "# " * (50 * n) + "\n", 100),
    "unclosed-fences": (lambda n: "```python\ncode\n\n" * n, 500),
    "indented-fences-in-lists": (lambda n: "- item\n\n    ```\n    x\n    ```\n\n" * n, 300),
    "footnote-fences": (lambda n: "[^1]: ```py\n    x\n    ```\n\n" * n, 300),
    "nested-quotes": (lambda n: ("> " * 50 + "## q\n") * n, 100),
    "unclosed-comments": (lambda n: "<!-- x\n\n## h\n\n" * n, 300),
    "html-blocks": (lambda n: "<div>\n<div>\n## x\n</div>\n</div>\n\n" * n, 300),
    "setext-candidates": (lambda n: "Title\n---\n\n" * n, 500),
    "long-paragraph-line": (lambda n: "word " * (200 * n) + "{: #x }\n", 100),
}


@pytest.mark.parametrize("case", EXTRACTION, ids=list(EXTRACTION))
def test_card_extraction_is_linear(case: str) -> None:
    make, n = EXTRACTION[case]
    assert_linear(lambda text: extract_sections(text, unclosed=[], same_ids=[]), make, n)


def test_heading_scan_is_linear() -> None:
    assert_linear(structure.scan, lambda n: ("## x {#a}\n\n" + "> ## q\n\n") * n, 300)


def test_site_namer_over_an_essay_is_linear() -> None:
    """Hundreds of {#custom-id} headings, each of many words, named with the site's Markdown."""
    assert_linear(lambda text: extract_sections(text, namer=SITE_NAMER), _sections, 50)


# -- the leading H1 ----------------------------------------------------------------------------

H1 = {
    "hashes-and-spaces": lambda n: "# " + "# " * (100 * n) + "x",
    "hashes-and-tabs": lambda n: "#\t" + "#\t" * (100 * n) + "\t",
    "spaces-then-hashes": lambda n: "# a" + " " * (100 * n) + "#" * (100 * n) + "b",
    "open-braces": lambda n: "# Title" + " {" * (100 * n),
    "setext-braces": lambda n: "Title" + " {" * (100 * n) + "\n===\n",
}


@pytest.mark.parametrize("case", H1, ids=list(H1))
def test_leading_h1_is_linear(case: str) -> None:
    assert_linear(leading_h1, H1[case], 50)


# -- summaries and plain text ------------------------------------------------------------------

INLINE = {
    "open-brackets": lambda n: "[" * n,
    "open-images": lambda n: "![" * n,
    "open-link-targets": lambda n: "[a](" * n,
    "open-references": lambda n: "[a][" * n,
    "open-emphasis": lambda n: "*a " * n,
    "open-underscores": lambda n: "_a " * n,
    "open-strong": lambda n: "**a " * n,
    "open-strike": lambda n: "~~a " * n,
    "backtick-runs": lambda n: "`" * n,
    "open-tags": lambda n: "<" * n,
    "prose": lambda n: "Some *words* and `code` with [a link](x) and <b>tags</b>. " * (n // 8),
}


@pytest.mark.parametrize("case", INLINE, ids=list(INLINE))
def test_markdown_inline_to_text_is_linear(case: str) -> None:
    assert_linear(markdown_inline_to_text, INLINE[case], 2000)


HTML = {
    "paragraphs": lambda n: "<p>Some <em>words</em> &amp; more.</p>\n" * n,
    "open-comments": lambda n: "<p>x</p><!--" * n,
    "open-scripts": lambda n: "<p>x</p><script>" * n,
    "open-tags": lambda n: "<p>x</p><" * n,
    "headerlinks": lambda n: '<a class="headerlink x" href="#a">' * n,
}


@pytest.mark.parametrize("case", HTML, ids=list(HTML))
def test_html_to_text_is_linear(case: str) -> None:
    assert_linear(html_to_text, HTML[case], 500)


@pytest.mark.parametrize("case", HTML, ids=list(HTML))
def test_auto_summary_is_linear(case: str) -> None:
    assert_linear(lambda html: auto_summary(html, 10**9), HTML[case], 500)


def test_word_count_and_first_words_are_linear() -> None:
    mixed = lambda n: "word 中文字 " * n  # noqa: E731
    assert_linear(word_count, mixed, 500)
    assert_linear(lambda text: first_words(text, 10**9), mixed, 500)
    assert_linear(lambda text: first_words(text, len(text) // 20), mixed, 500)


SENTENCES = {
    "abbreviations": lambda n: "See e.g. " * n,
    "initials": lambda n: "J. " * n,
    "lower-case-after-stop": lambda n: "a. b " * n,
}


@pytest.mark.parametrize("case", SENTENCES, ids=list(SENTENCES))
def test_first_sentence_is_linear(case: str) -> None:
    assert_linear(first_sentence, SENTENCES[case], 500)


# -- front matter -------------------------------------------------------------------------------

FRONT = {
    "toml-many-keys": lambda n: "+++\n" + "".join(f"k{i} = {i}\n" for i in range(n)) + "+++\nx\n",
    "yaml-many-keys": lambda n: "---\n" + "".join(f"k{i}: {i}\n" for i in range(n)) + "---\nx\n",
    "toml-never-closed": lambda n: "+++\n" + "title = 'x'\n" * n,
    "long-body": lambda n: "+++\ntitle = 'x'\n+++\n" + "+++ text\n" * n,
}


@pytest.mark.parametrize("case", FRONT, ids=list(FRONT))
def test_front_matter_reader_is_linear(case: str) -> None:
    assert_linear(_quiet(lambda text: read(text, "x.md")), FRONT[case], 100)


# -- shortcodes ---------------------------------------------------------------------------------

SHORTCODES = {
    "calls": lambda n: 'Text {{< param "x" >}} and {{% tab %}}x{{% /tab %}}.\n' * n,
    "openers-never-closed": lambda n: "{{< " * n,
    "nested-never-closed": lambda n: "{{< a >}}" * n,
    "escaped": lambda n: "{{</* a */>}}" * n,
    "in-code": lambda n: "```\n{{< a >}}\n```\n" * n,
    "long-argument": lambda n: '{{< a "' + "x" * (50 * n) + '" >}}',
}


@pytest.mark.parametrize("case", SHORTCODES, ids=list(SHORTCODES))
def test_shortcode_lexer_is_linear(case: str) -> None:
    assert_linear(_quiet(scan), SHORTCODES[case], 200)


# -- link rewriting -----------------------------------------------------------------------------

ROOT_LINKS = {
    "links": lambda n: "See [a](/posts/a/) and <a href='/b/'>b</a>.\n" * n,
    "open-link-targets": lambda n: "](" + " " * n,
    "hrefs-without-values": lambda n: "href " * n,
    "links-in-code": lambda n: "```\n[a](/x/)\n```\n" * n,
}


@pytest.mark.parametrize("case", ROOT_LINKS, ids=list(ROOT_LINKS))
def test_root_link_rewriting_is_linear(case: str) -> None:
    def rewrite(text: str) -> str:
        return rewrite_root_links(text, lambda path, html: "/x" + path)

    assert_linear(rewrite, ROOT_LINKS[case], 200)


def hugo_ids(text: str) -> dict[str, str]:
    return heading_ids(text, PlainNamer())


def test_hugo_heading_ids_are_linear() -> None:
    assert_linear(hugo_ids, _sections, 100)


FRAGMENT = lambda n: '<h2 id="a">A</h2>\n' + '<p>See <a href="../b/">b</a> e.g. x.</p>\n' * n  # noqa: E731


def test_card_html_is_linear() -> None:
    assert_linear(lambda f: rebase(f, "posts/a/", "patterns/a/b/", local_ids=set()), FRAGMENT, 100)
    assert_linear(lambda f: links_of(f, "posts/a/", local_ids=set()), FRAGMENT, 100)
    assert_linear(lead_of, FRAGMENT, 100)


# -- Hugo's Markdown rules (hugo/markdown.py) and the lexer that maps code first -----------------


def _root_links(text: str) -> str:
    return rewrite_root_links(text, lambda path, html: "/x" + path)


HUGO_MARKDOWN: dict[str, tuple[Callable[[str], object], Callable[[int], str], int]] = {
    # each was a regex rescanning the rest of its line or text (8n/n 38-62 before, issue 11)
    "headings-spaces-and-tabs": (hugo_ids, lambda n: "# a" + " \t" * n + "x\n", 60),
    "headings-open-braces": (hugo_ids, lambda n: "# a" + " {" * n + "\n", 200),
    "headings-braces-and-spaces": (hugo_ids, lambda n: "# a {" + " " * n + "x\n", 200),
    "headings-closing-hashes": (hugo_ids, lambda n: "# a" + " #" * n + " x\n", 200),
    "setext-open-braces": (hugo_ids, lambda n: "a" + " {" * n + "\n---\n", 200),
    "more-heading-spaces": (
        hm.more_out_of_headings,
        lambda n: "# <!--more-->" + " " * n + "x\n",
        250,
    ),
    "more-heading-hashes": (
        hm.more_out_of_headings,
        lambda n: "# <!--more-->" + " #" * n + "\n",
        250,
    ),
    "more-headings": (hm.more_out_of_headings, lambda n: "## <!--more--> ##\n\ntext\n" * n, 100),
    "root-links-unclosed-pre": (_root_links, lambda n: "[a](/b/) <pre>x\n" * n, 75),
    "root-links-pre-elements": (_root_links, lambda n: "[a](/b/) <pre>x</pre>\n" * n, 75),
    "root-links-pre-in-fences": (_root_links, lambda n: "```\n<pre>\n```\n[a](/b/)\n" * n, 75),
    "root-links-unclosed-backticks": (_root_links, lambda n: "[a](/b/) ``a` " * n, 800),
    "root-links-backticks-of-every-length": (
        _root_links,
        lambda n: "[a](/b/) " + "".join("`" * (k % 50 + 1) + "a " for k in range(n)),
        100,
    ),
    "root-links-code-spans": (_root_links, lambda n: "[a](/b/) `x` ``y`` " * n, 400),
    "shortcodes-unclosed-pre": (_quiet(scan), lambda n: "{{< a />}} <pre>x\n" * n, 150),
    "shortcodes-unclosed-backticks": (_quiet(scan), lambda n: "{{< a />}} ``a` " * n, 400),
}


@pytest.mark.parametrize("case", HUGO_MARKDOWN, ids=list(HUGO_MARKDOWN))
def test_hugo_markdown_rules_are_linear(case: str) -> None:
    function, make, n = HUGO_MARKDOWN[case]
    assert_linear(function, make, n)


def test_the_hugo_rewrites_keep_their_results() -> None:
    """What the one-pass scanners give on the inputs above (the regexes' results)."""
    # the ids of the rendered page: ``# a x #`` keeps its '#' (spaces after it), ``{x}`` is no
    # attribute list, so neither is the list after it
    assert hugo_ids("# a \t x #  \n## b ## #\n") == {
        "a-x": "a-x",
        "a-x-": "a-x",
        "b": "b",
        "b-": "b",
    }
    assert hugo_ids("# a {x} {: #y .z}\n") == {"a-x-y-z": "a-x-y-z", "a-x--y-z": "a-x-y-z"}
    assert hm.more_out_of_headings("## <!--more--> ##\n`# <!--more-->`\n") == (
        "<!--more-->\n`# <!--more-->`\n"
    )
    assert hm.CodeMap("a <pre>x</pre> <pre>y").ranges == [(2, 14)]
    assert hm.CodeMap("``a` b `` c`").ranges == [(0, 9)]


# -- import, taxonomies, card pages -----------------------------------------------------------

START = datetime(2024, 1, 1, tzinfo=UTC)


def _tagged(tags: int, essays: int = 1) -> list[Essay]:
    made = []
    for k in range(essays):
        front = FrontMatter(
            title=f"e{k}",
            date=START + timedelta(days=k),
            taxonomies=MappingProxyType({"tags": tuple(f"Tag {i}" for i in range(tags))}),
        )
        made.append(
            Essay(
                src_uri=f"posts/e{k}.md",
                path=f"docs/posts/e{k}.md",
                front=front,
                body="",
                body_line=1,
                title=f"e{k}",
                slug=f"e{k}",
                section="posts",
            )
        )
    return made


def test_math_detection_is_linear() -> None:
    """``^\\s*math`` crossed every blank line from every line start (8n/n 59 before)."""
    assert_linear(_uses_math, lambda n: "\n" * (500 * n) + "x", 100)
    assert_linear(_uses_math, lambda n: " \n" * (250 * n) + "math = 1", 100)
    assert_linear(_uses_math, lambda n: "math = true x\n" * (20 * n), 100)


def test_co_occurrence_is_linear_in_an_essays_tags() -> None:
    """500 tags on one essay made 124,750 pairs; its first CO_OCCURRING tags pair up now."""
    assert_linear(lambda essays: build_taxonomy("tags", essays), lambda n: _tagged(n), 200)
    assert_linear(lambda essays: build_taxonomy("tags", essays), lambda n: _tagged(60, n), 10)


def test_an_essay_with_many_tags_pairs_its_first_ones_only() -> None:
    tags = build_taxonomy("tags", _tagged(CO_OCCURRING + 10))
    term = {t.name: t for t in tags}
    first, last_counted, beyond = term["Tag 0"], term[f"Tag {CO_OCCURRING - 1}"], term["Tag 55"]
    assert {t.name for t, _ in tags.related_to(first, 10**6)} == {
        f"Tag {i}" for i in range(1, CO_OCCURRING)
    }
    assert first in {t for t, _ in tags.related_to(last_counted, 10**6)}
    assert list(tags.related_to(beyond, 10**6)) == []
    assert beyond.count == 1  # still a term of the essay, with its page


def _unclosed_headings(n: int) -> str:
    return '<h2 id="a">A\n<p>x</p>\n' * n


def test_card_links_after_headings_are_linear() -> None:
    """Where each heading ends, as the body's reading finds it (``.*?</h2>`` searched the rest
    of the page from every heading never closed)."""

    def ends(html: str) -> list[int]:
        return [h.end for h in page_headings(html)]

    assert_linear(ends, _unclosed_headings, 100)
    assert_linear(ends, lambda n: "<h2 " + ' id="a"' * (20 * n) + ">x</h2>", 100)
    assert_linear(ends, lambda n: '<h2 id="a">A</h2>\n<p>x</p>\n' * n, 100)


def test_sections_meet_headings_in_linear_time() -> None:
    """Sections whose anchors are not on the page cost sections x headings (the title search)."""

    def run(n: int) -> Callable[[None], object]:
        sections = [Section(f"S {k}", f"s{k}", 2, 1, "text", k) for k in range(n)]
        headings = [PageHeading(2, f"h{k}", f"T {k}", 0, 0) for k in range(n)]

        def match(_: None) -> object:
            with patch("mkdocs_essays.cards.cutting.log"):
                return cut_match(sections, headings, show_stubs=True, where=lambda s: "x.md:1")

        return match

    assert_linear(lambda match: match(None), run, 200)
    found = run(3)(None)
    assert found == {0: 0, 1: 1, 2: 2}


def test_stub_detection_is_linear() -> None:
    """A section is a stub when only comments are under it; ``<!--`` never closed, many times."""
    assert_linear(lambda text: Section("T", "t", 2, 1, text, 0).empty, lambda n: "<!--" * n, 500)


# -- a card's line in the file ------------------------------------------------------------------


@dataclass(frozen=True)
class _Essay:
    body: str
    body_line: int
    path: str


def test_where_a_card_is_is_found_in_linear_time() -> None:
    """8,000 sections after a shortcode changed the body took 13.6 s: every section's line was
    looked up by splitting the whole essay again."""

    def where_all(n: int) -> Callable[[None], object]:
        body = "{{< param x >}}\n\n" + _sections(n)
        essay = _Essay(body=body, body_line=5, path="docs/posts/x.md")
        rendered = body.replace("{{< param x >}}", "value")
        lines = range(3, 4 * n, 4)

        def run(_: None) -> object:
            cards = CardPlan(SimpleNamespace(body=lambda e: rendered))  # type: ignore[arg-type]
            return [cards.where_line(essay, line) for line in lines]  # type: ignore[arg-type]

        return run

    assert_linear(lambda run: run(None), lambda k: where_all(k), 200)
    cards = CardPlan(SimpleNamespace(body=lambda e: "value\n\n## A\n"))  # type: ignore[arg-type]
    essay = _Essay(body="{{< param x >}}\n\n## A\n", body_line=5, path="docs/x.md")
    assert cards.where_line(essay, 3) == "docs/x.md:7"  # type: ignore[arg-type]
