"""The one-pass scanners that replaced backtracking regexes (issue 11) give the regexes' results.

Each old regex is kept here as the reference and compared with its replacement on generated
text over the characters that matter to it (hypothesis), plus the fence and repeated-id rules
of card extraction on the cases that motivated them.
"""

from __future__ import annotations

import html
import re

from hypothesis import given, settings
from hypothesis import strategies as st
from markdown.extensions.toc import unique
from mkdocs_essays.cards.extract import SameId, extract_sections
from mkdocs_essays.model.essay import _atx_h1, _drop_attr_list
from mkdocs_essays.model.text import bracketed, markdown_inline_to_text
from mkdocs_essays.parsing.html import html_to_text
from mkdocs_essays.parsing.ids import unique_id
from mkdocs_essays.parsing.markdown import _quote_end, drop_footnote_refs, header_attrs

OLD_INLINE = (
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), r"\1"),
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),
    (re.compile(r"\[([^\]]+)\]\[[^\]]*\]"), r"\1"),
    (re.compile(r"`+([^`]+)`+"), r"\1"),
    (re.compile(r"(\*\*|__)(.+?)\1"), r"\2"),
    (re.compile(r"(?<![\w*])([*_])(?!\s)(.+?)(?<!\s)\1(?![\w*])"), r"\2"),
    (re.compile(r"~~(.+?)~~"), r"\1"),
    (re.compile(r"<[^>]+>"), ""),
)


def old_inline_to_text(text: str) -> str:
    for pattern, replacement in OLD_INLINE:
        text = pattern.sub(replacement, text)
    text = re.sub(r"\\([\\`*_{}\[\]()#+\-.!|<>~])", r"\1", text)
    return re.sub(r"\s+", " ", html.unescape(text)).strip()


def texts(alphabet: str, size: int = 16) -> st.SearchStrategy[str]:
    return st.text(alphabet=alphabet, max_size=size)


@settings(max_examples=1000, deadline=None)
@given(texts("![]()<>`*_~ a\n\\&;#é"))
def test_inline_markdown_to_text_as_the_regexes_did(text: str) -> None:
    assert markdown_inline_to_text(text) == old_inline_to_text(text)


@settings(max_examples=800, deadline=None)
@given(texts("![]a "))
def test_reference_links_as_the_regex_did(text: str) -> None:
    old = re.sub(r"(!?)\[([^\]]*)\]\[[^\]]*\]", r"\1[\2]()", text)
    assert bracketed(text, lambda m, x: f"{m}[{x}]()", then="[", end="]", bang="?") == old


@settings(max_examples=800, deadline=None)
@given(texts("[^] a\t"))
def test_footnote_references_as_the_regex_did(text: str) -> None:
    assert drop_footnote_refs(text) == re.sub(r"\[\^[^\]\s]+\]", "", text)


@settings(max_examples=1000, deadline=None)
@given(texts(" {}:a\t#"))
def test_heading_attribute_lists_as_the_regex_did(text: str) -> None:
    found = re.search(r"[ ]+\{\:?[ ]*([^\}\n ][^\n]*)\}[ ]*$", text)
    assert header_attrs(text) == ((found.start(), found.group(1)) if found else None)


@settings(max_examples=800, deadline=None)
@given(texts(" >a"))
def test_blockquote_marks_as_the_regex_did(text: str) -> None:
    found = re.match(r"^(?:[ ]{0,3}>[ ]?)+", text)
    assert _quote_end(text) == (found.end() if found else 0)


@settings(max_examples=1000, deadline=None)
@given(texts(" \t#a{}\r"))
def test_leading_h1_as_the_regexes_did(text: str) -> None:
    found = re.match(r"^ {0,3}#(?!#)[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*$", text)
    assert _atx_h1(text) == (found.group(1) if found else None)
    assert _drop_attr_list(text) == re.sub(r"\s*\{[^}]*\}\s*$", "", text)


@settings(max_examples=800, deadline=None)
@given(texts('<>!-/ab="x', 24).map(lambda t: t.replace("b", "<script>").replace("x", "-->")))
def test_html_to_text_keeps_well_formed_results(text: str) -> None:
    """Always text without tags; the same as the regexes on HTML a Markdown renderer writes."""
    assert "<script>" not in html_to_text(text + "</script>")
    rendered = f'<h2 id="a">T<a class="headerlink" href="#a">¶</a></h2><p>{html.escape(text)}</p>'
    old = re.sub(r"<a\b[^>]*\bclass=\"[^\"]*\bheaderlink\b[^\"]*\"[^>]*>.*?</a>", " ", rendered)
    old = re.sub(r"<[^>]*>", " ", old)
    assert html_to_text(rendered) == re.sub(r"\s+", " ", html.unescape(old)).strip()


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["x", "x", "x_1", "x_2", "x_3", "y", "y_3", ""]), max_size=30))
def test_unique_ids_as_toc_gives_them(ids: list[str]) -> None:
    taken_toc: set[str] = {"x_2"}
    taken: set[str] = {"x_2"}
    counters: dict[str, int] = {}
    for id in ids:
        assert unique_id(id, taken, counters) == unique(id, taken_toc)


# -- fences and repeated ids --------------------------------------------------------------------


def unclosed_and_titles(markdown: str) -> tuple[list[int], list[str]]:
    unclosed: list[int] = []
    sections = extract_sections(markdown, unclosed=unclosed)
    return unclosed, [s.title for s in sections]


def test_a_fence_after_a_list_marker_or_footnote_label_is_a_fence() -> None:
    assert unclosed_and_titles("- ```bash\n  hugo\n  ```\n\n## A\n\nt\n") == ([], ["A"])
    assert unclosed_and_titles("1. ```bash\n   hugo\n   ```\n\n## A\n\nt\n") == ([], ["A"])
    assert unclosed_and_titles("x[^1]\n\n[^1]: ```py\n    x\n    ```\n\n## A\n\nt\n") == (
        [],
        ["A"],
    )


def test_a_fence_in_an_indented_code_block_is_code() -> None:
    top = "Text:\n\n    ```python\n    print(1)\n\n## A\n\nt\n\n```\nx\n```\n"
    assert unclosed_and_titles(top) == ([], ["A"])
    in_list = "- item\n\n        ```python\n        print(1)\n\n## A\n\nt\n"
    assert unclosed_and_titles(in_list) == ([], ["A"])


def test_an_unclosed_fence_that_the_page_shows_as_text_is_still_reported() -> None:
    assert unclosed_and_titles("Text.\n\n```python\nx\n\n## A\n\nt\n") == ([3], ["A"])
    # in a list item, indented by 4: a paragraph of the item, so text
    assert unclosed_and_titles("- item\n\n    ```python\n    x\n\n## A\n\nt\n") == ([3], ["A"])


def test_headings_repeating_an_id_are_reported_with_both_lines() -> None:
    same: list[SameId] = []
    body = "## First {#same}\n\nOne.\n\n### Deeper {#same}\n\n## Third {#other}\n\nThree.\n"
    sections = extract_sections(body, same_ids=same)
    assert [s.anchor for s in sections] == ["same", "other"]
    assert same == [SameId("same", 1, "First", 5, "Deeper")]
