"""One Markdown structure scanner (``parsing.markdown``) for the pattern cards and for Hugo
references, and the rendered page (Python-Markdown as MkDocs configures it) is the truth."""

from __future__ import annotations

import markdown
import pytest
from bs4 import BeautifulSoup
from growth import assert_linear
from mkdocs_essays.cards.extract import extract_sections
from mkdocs_essays.hugo.markdown import CodeMap, heading_ids
from mkdocs_essays.parsing.ids import SiteNamer
from mkdocs_essays.parsing.markdown import scan

# What MkDocs renders with by default (its builtins) plus attr_list, as in tests/conftest.py.
EXTENSIONS = ["toc", "tables", "fenced_code", "attr_list"]
NAMER = SiteNamer(EXTENSIONS, {})

BODIES = {
    "a fence never closed": "Intro.\n\n```python\nx = 1\n\n## After\n\nText.\n",
    "a fence closed by a longer one": "```\ncode\n````\n\n## Still code\n\n```\n\n## After\n",
    "a closed fence": "```\n## Code\n```\n\n## After\n",
    "indented code": "Text.\n\n    ## Code\n\n## After\n",
    "a raw HTML block": "<div>\n\n## Hidden\n\n</div>\n\n## After\n",
    "a blockquote": "> ## Quoted\n\n## After\n",
    "a hashtag line": "Text\n#hashtag\n\n## After\n",
    "setext headings": "Title\n=====\n\nSub\n---\n\n## After\n",
    "explicit ids": "## One {#x}\n\n## One\n\n## Two {#x}\n\nText\n{: #one }\n",
    "a comment": "<!--\n## Hidden\n-->\n\n## After\n",
}


def page_ids(body: str) -> list[str]:
    html = markdown.markdown(body, extensions=EXTENSIONS)
    soup = BeautifulSoup(html, "html.parser")
    return [h["id"] for h in soup.find_all(["h1", "h2", "h3", "h4", "h5", "h6"]) if h.get("id")]


@pytest.mark.parametrize("name", BODIES)
def test_hugo_references_see_the_headings_of_the_rendered_page(name: str) -> None:
    body = BODIES[name]
    ids = heading_ids(body, NAMER)
    assert sorted(set(ids.values())) == sorted(set(page_ids(body)))


@pytest.mark.parametrize("name", BODIES)
def test_cards_see_the_headings_of_the_rendered_page(name: str) -> None:
    body = BODIES[name]
    anchors = [s.anchor for s in extract_sections(body, namer=NAMER)]
    shown = [i for i in page_ids(body) if i in {s.anchor for s in extract_sections(body)}]
    assert anchors == shown


def test_after_a_fence_never_closed_the_heading_is_found_by_cards_and_references() -> None:
    """The two scanners disagreed: Hugo references found no heading after a fence never
    closed, where the cards (and the rendered page) had ``## After``."""
    body = BODIES["a fence never closed"]
    assert page_ids(body) == ["after"]
    assert heading_ids(body, NAMER) == {"after": "after"}
    unclosed: list[int] = []
    assert [s.anchor for s in extract_sections(body, unclosed=unclosed)] == ["after"]
    assert unclosed == [3]
    assert not CodeMap(body).inside(body.index("## After"))  # nor is it code for shortcodes


def test_the_structure_of_a_body() -> None:
    body = "# T\n\n```\n## no\n```\n\nText\n{: #p }\n\n    code\n    more\n\n> ## q\n"
    found = scan(body)
    assert [(h.level, h.source, h.line, h.nested) for h in found.headings] == [
        (1, "T", 1, False),
        (2, "q", 13, True),
    ]
    assert found.block_ids == {"p"}
    assert found.code == [(2, 4), (9, 10)]  # 0-based first and last lines
    assert found.unclosed == []


GROWTH = {
    "fences": lambda n: "```\n## x\n```\n\n## y\n\n" * n,
    "fences never closed": lambda n: "```\n## y\n" * n,
    "fences of every length": lambda n: "".join("`" * (3 + k % 40) + "\n" for k in range(n)),
    "HTML blocks": lambda n: "<div>\n<div>\n## x\n</div>\n</div>\n\n## y\n\n" * n,
    "indented code in lists": lambda n: "- a\n\n        code\n\n## y\n\n" * n,
    "comments": lambda n: "<!--\n## x\n-->\n\n## y\n\n" * n,
}


@pytest.mark.parametrize("case", GROWTH, ids=list(GROWTH))
def test_the_scanner_is_linear(case: str) -> None:
    assert_linear(scan, GROWTH[case], 300)


@pytest.mark.parametrize("case", GROWTH, ids=list(GROWTH))
def test_the_code_map_is_linear(case: str) -> None:
    assert_linear(CodeMap, GROWTH[case], 300)
