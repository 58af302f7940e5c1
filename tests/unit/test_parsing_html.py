"""Rendered HTML is read once (``parsing.html``): one tokenization per body, shared by its
text, summary, cards and links; one function turns HTML into text; no garbage-collector
switching, and no module keeps the last body it read."""

from __future__ import annotations

import gc
from collections import Counter

import pytest
from growth import assert_linear
from mkdocs_essays.cards import html as cards_html
from mkdocs_essays.cards.html import EssayBody, links_of
from mkdocs_essays.model.text import auto_summary, summary_before_more
from mkdocs_essays.parsing import html as parsing_html
from mkdocs_essays.parsing.html import ParsedHtml, html_to_text, tokenize

BODY = (
    '<p>Intro with a claim<sup id="fnref:1"><a class="footnote-ref" href="#fn:1">1</a></sup>.'
    "</p>\n<!--more-->\n"
    '<h2 id="one">One<a class="headerlink" href="#one">¶</a></h2>\n'
    '<p>See <a href="../other/">the other essay</a>.</p>\n'
    '<h2 id="two">Two</h2>\n<p>Last words.</p>\n'
    '<div class="footnote">\n<hr />\n<ol>\n<li id="fn:1"><p>A note.&#160;'
    '<a class="footnote-backref" href="#fnref:1">&#8617;</a></p></li>\n</ol>\n</div>'
)


def test_a_body_is_tokenized_once_for_its_text_summary_cards_and_links(monkeypatch) -> None:
    read: Counter[str] = Counter()
    real = parsing_html.tokenize

    def counted(source: str) -> list:
        read[source] += 1
        return real(source)

    monkeypatch.setattr(parsing_html, "tokenize", counted)
    parsed = ParsedHtml(BODY)
    assert parsed.text().startswith("Intro with a claim. One See the other essay.")
    assert summary_before_more(parsed) == "Intro with a claim."
    assert auto_summary(parsed, 2) == "Intro with a claim."
    essay = EssayBody(parsed)
    assert [h.id for h in essay.headings] == ["one", "two"]
    assert essay.text_before(0) == "Intro with a claim."
    assert essay.section(0).text == "See the other essay."
    links = links_of(parsed, "posts/e/", local_ids=set())
    assert [link.url for link in links if link.internal] == [
        "posts/e/#fn:1",
        "posts/other/",
        "posts/e/#fnref:1",
    ]
    assert read == {BODY: 1}


def test_tokens_are_left_alone_by_the_garbage_collector() -> None:
    """Tokens and their attributes are tuples of strings and numbers: once the collector has
    seen them it stops tracking them (a level of nesting per collection), so a large site's
    tokens cost it nothing (no switching the collector off while reading)."""
    tokens = tokenize('<p class="a" id="b">x <a href="y">z</a></p><br/>')
    for _ in range(3):  # a token, its attributes, an attribute
        gc.collect()
    assert tokens and not any(gc.is_tracked(token) for token in tokens)
    assert tokens[0][2] == (("class", "a"), ("id", "b"))


def test_reading_never_switches_the_collector(monkeypatch) -> None:
    def refuse() -> None:
        raise AssertionError("gc.disable() called")

    monkeypatch.setattr(gc, "disable", refuse)
    essay = EssayBody("<h2 id='a'>A</h2><p>x</p>" * 50)
    assert len(essay.headings) == 50 and essay.section(3).text == "x"


def test_no_module_keeps_the_last_body_it_read() -> None:
    assert not hasattr(cards_html, "_LAST_READ")
    essay = EssayBody(BODY)
    again = EssayBody(BODY)
    assert essay.tokens is not again.tokens  # each reading is its own, carried with its body


@pytest.mark.parametrize(
    ("html", "text"),
    [
        ('<p>A claim<sup><a class="footnote-ref" href="#fn:1">1</a></sup>.</p>', "A claim."),
        ("<p>one<!-- a comment -->two</p>", "onetwo"),  # as a browser shows it
        ("<p>one</p><p>two</p><br>three<hr>four", "one two three four"),
        ("a <em>b</em>c &amp; &lt;d&gt;", "a bc & <d>"),
        ("<p>shown</p><script>hidden</script><template><p>hidden</p></template>", "shown"),
        ("<p>shown<script>never closed <p>hidden", "shown"),  # the rest is script, as in a browser
        ('<h2 id="x">T<a class="headerlink" href="#x">¶</a></h2>', "T"),
        ("x < y and <broken", "x < y and <broken"),
    ],
)
def test_html_to_text_is_what_a_reader_sees(html: str, text: str) -> None:
    assert html_to_text(html) == text


def test_the_summary_before_the_divider_is_read_from_the_tokens() -> None:
    assert summary_before_more(ParsedHtml("<p>No divider.</p>")) is None
    parsed = ParsedHtml("<p>Before <em>it</em></p>\n<!--  more  -->\n<p>After.</p>")
    assert summary_before_more(parsed) == "Before it"


def _many_paragraphs(n: int) -> str:
    return "<p>word &amp; <em>more</em></p>\n" * n + "<!--more-->\n<p>after</p>"


def test_the_summary_before_the_divider_is_linear() -> None:
    assert_linear(lambda html: summary_before_more(ParsedHtml(html)), _many_paragraphs, 400)


def test_the_text_before_the_first_card_is_linear() -> None:
    make = lambda n: _many_paragraphs(n) + '<h2 id="a">A</h2><p>x</p>'  # noqa: E731
    assert_linear(lambda html: EssayBody(html).text_before(0), make, 400)
