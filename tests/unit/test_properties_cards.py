"""Property tests of the card extractor: for any essay, the preamble plus every card's section
(with the text under higher-level headings between them) reproduces the body exactly, with
nothing dropped or read twice; and on essays built from real Markdown blocks the sections are
exactly the level-``L`` headings Python-Markdown puts at the top of the page, each holding the
text up to the next heading of the same or a higher level.
"""

from __future__ import annotations

from dataclasses import dataclass

import markdown
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from mkdocs_essays.cards.extract import extract_sections
from mkdocs_essays.cards.html import page_headings
from mkdocs_essays.cards.model import Section
from mkdocs_essays.parsing.markdown import scan

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def reassemble(body: str, sections: list[Section], level: int) -> str:
    """Put the body back together from the sections, checking that every line is used once.

    Between two cards (and after the last) only blank lines may stand, or the text under a
    heading of a higher level than the cards' (``#`` over ``##`` cards): that text belongs to
    no card by design, and it must start with such a heading.
    """
    text = body.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    headings = scan(text).headings
    higher = {h.line for h in headings if not h.nested and h.level < level}
    pieces: list[str] = []
    at = 0  # next unused line (0-based)

    def gap(until: int, *, preamble: bool) -> None:
        chunk = lines[at:until]
        filled = [i for i, line in enumerate(chunk, start=at) if line.strip()]
        if filled and not preamble:
            assert filled[0] + 1 in higher, (
                f"text at line {filled[0] + 1} is in no card and under no higher heading"
            )
        pieces.extend(chunk)

    for index, section in enumerate(sections):
        start = section.line - 1
        assert start >= at, f"section {section.title!r} overlaps the one before"
        gap(start, preamble=index == 0)
        atx = lines[start].lstrip().startswith("#")
        heading_lines = 1 if atx else 2  # a setext heading: its text and its underline
        pieces.extend(lines[start : start + heading_lines])
        at = start + heading_lines
        while at < len(lines) and lines[at] == "" and section.markdown:
            pieces.append(lines[at])
            at += 1
        if section.markdown:
            count = section.markdown.count("\n") + 1
            assert "\n".join(lines[at : at + count]) == section.markdown, section.title
            pieces.extend(lines[at : at + count])
            at += count
    gap(len(lines), preamble=not sections)
    return "\n".join(pieces)


def check(body: str, level: int = 2) -> list[Section]:
    sections = extract_sections(body, level=level)
    assert [s.position for s in sections] == list(range(len(sections)))
    assert all(s.level == level for s in sections)
    assert reassemble(body, sections, level) == body.replace("\r\n", "\n").replace("\r", "\n")
    return sections


# -- any text ------------------------------------------------------------------------------

TOKENS = [*"#=-`~ \t\n\n\n<>!{}:.abcXYZ", "<!--", "-->", "<div>", "</div>", "```", "## ", "> "]
MARKDOWNISH = st.lists(st.sampled_from(TOKENS), max_size=80).map("".join)


@SETTINGS
@given(MARKDOWNISH, st.sampled_from([1, 2, 3]))
@example("## A\n\ntext\n\n# Top\n\nunder top\n\n## B\n\nmore", 2)
@example("A\n---\n\ntext\n\nB\n===\n\n## C\n", 2)
@example("```\n## not\n```\n## yes\n\n    ## code\n", 2)
def test_any_markdownish_text(body: str, level: int) -> None:
    check(body, level)


@SETTINGS
@given(st.text(max_size=300))
def test_any_text(body: str) -> None:
    check(body)


# -- essays made of real Markdown blocks, with the truth known -------------------------------

WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=8)
WORDS = st.lists(WORD, min_size=1, max_size=6).map(" ".join)


@dataclass(frozen=True)
class Block:
    text: str
    heading: tuple[int, str] | None = None
    """(level, title) of a heading at the top of the page."""


KINDS = ["para", "para", "atx", "atx", "setext", "fence", "comment", "html", "quote", "list"]


@st.composite
def blocks(draw: st.DrawFn, kinds: tuple[str, ...] = tuple(KINDS)) -> Block:
    kind = draw(st.sampled_from(kinds))
    words = draw(WORDS)
    if kind == "para":
        lines = draw(st.lists(WORDS, min_size=1, max_size=3))
        return Block("\n".join(lines))
    if kind == "atx":
        level = draw(st.integers(min_value=1, max_value=4))
        closing = draw(st.sampled_from(["", " #", " ##"]))
        return Block(f"{'#' * level} {words}{closing}", (level, words))
    if kind == "setext":
        level = draw(st.sampled_from([1, 2]))
        underline = ("=" if level == 1 else "-") * draw(st.integers(min_value=3, max_value=6))
        return Block(f"{words}\n{underline}", (level, words))
    if kind == "fence":
        fence = draw(st.sampled_from(["```", "~~~", "````"]))
        return Block(f"{fence}\n## {words}\ncode line\n{fence}")
    if kind == "comment":
        return Block(f"<!--\n## {words}\n-->")
    if kind == "html":
        return Block(f"<div>\n## {words}\n</div>")
    if kind == "open-fence":  # never closed, unless a later fence block closes it
        return Block(f"{draw(st.sampled_from(['```', '~~~']))}python\nprint({words!r})")
    if kind == "quote":
        return Block(f"> ## {words}\n> quoted text")
    return Block(f"- {words}\n- item two")


@st.composite
def essays(draw: st.DrawFn, kinds: tuple[str, ...] = tuple(KINDS)) -> tuple[str, list[Block]]:
    chosen = draw(st.lists(blocks(kinds), max_size=14))
    separators = [draw(st.sampled_from(["\n\n", "\n\n\n"])) for _ in chosen]
    body = "".join(b.text + s for b, s in zip(chosen, separators, strict=True))
    return body, chosen


def expected_sections(body: str, chosen: list[Block], level: int) -> list[tuple[str, str]]:
    """(title, markdown) of every section, worked out from the blocks themselves."""
    spans: list[tuple[int, int, Block]] = []
    offset = 0
    for block in chosen:
        start = body.index(block.text, offset)
        spans.append((start, start + len(block.text), block))
        offset = start + len(block.text)
    out: list[tuple[str, str]] = []
    for i, (_, end, block) in enumerate(spans):
        if block.heading is None or block.heading[0] != level:
            continue
        stop = len(body)
        for later_start, _, later in spans[i + 1 :]:
            if later.heading is not None and later.heading[0] <= level:
                stop = later_start
                break
        out.append((block.heading[1], body[end:stop].strip("\n")))
    return out


@SETTINGS
@given(essays(), st.sampled_from([1, 2, 3]))
def test_sections_are_the_truth(essay: tuple[str, list[Block]], level: int) -> None:
    body, chosen = essay
    sections = check(body, level)
    assert [(s.title, s.markdown) for s in sections] == expected_sections(body, chosen, level)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(essays((*KINDS, "open-fence")))
@example(("```python\nprint('a')\n\n# a\n\n````\n## a\ncode line\n````\n\n", []))
@example(("```\ncode\n````\n## inside\n```\n\n## out\n", []))
def test_sections_are_the_headings_python_markdown_shows(essay: tuple[str, list[Block]]) -> None:
    body, _ = essay
    md = markdown.Markdown(extensions=["toc", "tables", "fenced_code", "attr_list"])
    shown = [h for h in page_headings(md.convert(body)) if h.level == 2]
    sections = extract_sections(body, level=2)
    assert [(s.title, s.anchor) for s in sections] == [(h.text, h.id) for h in shown]
