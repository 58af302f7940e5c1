"""Golden files for card extraction: ``tests/golden/cards/<name>.md`` is an essay body;
``<name>.json`` holds the options it is read with and the sections it must give (title,
anchor, line, level, whether empty, the section's Markdown). ``seed.json`` is the seed essay.

Every golden input is also rendered with Python-Markdown itself, as MkDocs would, and each
extracted anchor must be the id of the heading with that title on the page, at the top level:
the goldens cannot drift from what MkDocs does.

The test never writes them. After a deliberate change, ``python tests/update_goldens.py``
rewrites them; review the diff and commit it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import markdown
import pytest
from conftest import SEED
from mkdocs_essays.cards.extract import extract_sections
from mkdocs_essays.cards.html import page_headings
from mkdocs_essays.frontmatter import read
from mkdocs_essays.parsing.ids import PlainNamer, SiteNamer
from mkdocs_essays.parsing.markdown import scan
from pymdownx.slugs import slugify as pymdownx_slugify

GOLDEN = Path(__file__).resolve().parent.parent / "golden" / "cards"
CASES = ["seed", *sorted(p.stem for p in GOLDEN.glob("*.md"))]
# What MkDocs renders with by default (its builtins) plus attr_list, as in tests/conftest.py.
MKDOCS_EXTENSIONS = ["toc", "tables", "fenced_code", "attr_list"]


def source(name: str) -> str:
    if name == "seed":
        return read(SEED.read_bytes(), "docs/posts/seed.md").body
    return (GOLDEN / f"{name}.md").read_text("utf-8")


def options_of(name: str) -> dict[str, Any]:
    path = GOLDEN / f"{name}.json"
    if path.exists():
        return json.loads(path.read_text("utf-8")).get("options", {"level": 2, "attr_list": True})
    return {"level": 2, "attr_list": True}


def extensions(options: dict[str, Any]) -> list[str]:
    chosen = [e for e in MKDOCS_EXTENSIONS if options["attr_list"] or e != "attr_list"]
    return chosen + (["md_in_html"] if options.get("md_in_html") else [])


def outcome(name: str) -> dict[str, Any]:
    options = options_of(name)
    namer = SiteNamer(extensions(options), {"toc": {"permalink": True}})
    sections = extract_sections(
        source(name),
        level=options["level"],
        namer=namer,
        attr_list=options["attr_list"],
        md_in_html=options.get("md_in_html", False),
    )
    return {
        "options": options,
        "sections": [
            {
                "title": s.title,
                "anchor": s.anchor,
                "line": s.line,
                "level": s.level,
                "empty": s.empty,
                "markdown": s.markdown,
            }
            for s in sections
        ],
    }


@pytest.mark.parametrize("name", CASES)
def test_golden(name: str) -> None:
    path = GOLDEN / f"{name}.json"
    actual = outcome(name)
    expected = json.loads(path.read_text(encoding="utf-8"))
    assert actual == expected


@pytest.mark.parametrize("name", CASES)
def test_anchors_are_the_ids_python_markdown_gives(name: str) -> None:
    options = options_of(name)
    md = markdown.Markdown(
        extensions=extensions(options), extension_configs={"toc": {"permalink": True}}
    )
    page = page_headings(md.convert(source(name)))
    level = options["level"]
    on_page = [(h.id, h.text) for h in page if h.level == level]
    extracted = [(s["anchor"], s["title"]) for s in outcome(name)["sections"]]
    assert extracted == on_page


def test_seed_gives_three_sections_with_text_and_one_empty() -> None:
    sections = outcome("seed")["sections"]
    assert [(s["title"], s["empty"]) for s in sections] == [
        ("Strategies for the AI Era", False),
        ("Models & Algorithms Development", False),
        ("Strategies for Personal Growth", False),
        ("Augumented LLM and Worflows", True),
    ]
    lines = SEED.read_text("utf-8").split("\n")
    body_line = read(SEED.read_bytes(), "x").body_line
    for section in sections:  # the line numbers point at the headings in the file
        assert lines[body_line + section["line"] - 2] == "## " + section["title"]


def test_tricky_headings_cover_every_rule() -> None:
    anchors = {s["title"]: s["anchor"] for s in outcome("tricky_headings")["sections"]}
    assert [a for t, a in anchors.items() if t == "Plain heading"] == ["plain-heading_2"]
    all_anchors = [s["anchor"] for s in outcome("tricky_headings")["sections"]]
    assert all_anchors[:3] == ["plain-heading", "plain-heading_1", "plain-heading_2"]
    assert anchors["Heading with inline code and emphasis"] == (
        "heading-with-inline-code-and-emphasis"
    )
    assert anchors["A linked strong heading"] == "a-linked-strong-heading"
    assert anchors["Explicit id"] == "custom-id"
    assert anchors["Explicit with class"] == "other-id"
    assert anchors["Custom ID"] == "custom-id_1"
    assert anchors["Setext heading level two"] == "setext-heading-level-two"
    assert anchors["Closing hashes"] == "closing-hashes"
    assert anchors["Quoted heading"] == "quoted-heading_1"
    assert anchors["Café Ünïcode & Ampersand"] == "cafe-unicode-ampersand"
    titles = list(anchors)
    for hidden in ("Not a heading", "Commented out", "Inside raw HTML", "A heading in a"):
        assert not any(t.startswith(hidden) for t in titles)
    empty = [s["title"] for s in outcome("tricky_headings")["sections"] if s["empty"]]
    assert empty == ["Empty section"]


def test_plain_namer_agrees_on_everyday_headings() -> None:
    """The fallback (no Markdown renderer) gives the same ids for plain and lightly marked-up
    headings; the build checks anchors against the page anyway."""
    site = SiteNamer(MKDOCS_EXTENSIONS, {})
    plain = PlainNamer()
    for heading in (
        "Strategies for the AI Era",
        "Models & Algorithms Development",
        "Use `code` and *emphasis*",
        "A [link](https://example.org) here",
        "Explicit {#given}",
        "Café Ünïcode",
    ):
        assert plain(heading) == site(heading), heading


def test_site_namer_follows_a_custom_slugify_and_separator() -> None:
    configs = {"toc": {"slugify": pymdownx_slugify(case="lower"), "separator": "_"}}
    body = "## Café & Ünïcode\n\ntext\n\n## Plain words here\n\ntext\n\n## Plain words here\n"
    namer = SiteNamer(["toc", "attr_list"], configs)
    anchors = [s.anchor for s in extract_sections(body, namer=namer)]
    page = markdown.Markdown(extensions=["toc", "attr_list"], extension_configs=configs)
    assert anchors == [h.id for h in page_headings(page.convert(body))]
    assert anchors == ["café__ünïcode", "plain_words_here", "plain_words_here_1"]
    assert namer.rendered == 1  # the plain headings needed no renderer


def test_heading_scanner_marks_quoted_headings_nested() -> None:
    found = scan("> ## In a quote\n\n## Outside\n\ntext\n{: #p }\n")
    headings, block_ids = found.headings, found.block_ids
    assert [(h.source, h.nested) for h in headings] == [
        ("In a quote", True),
        ("Outside", False),
    ]
    assert block_ids == {"p"}
