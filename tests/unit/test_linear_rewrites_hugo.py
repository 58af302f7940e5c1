"""The one-pass scanners that replaced backtracking regexes in the Hugo modules (issue 11) give
the regexes' results.

Each old regex (or loop) is kept here as the reference and compared with its replacement on
generated text over the characters that matter to it (hypothesis).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from unittest.mock import patch

from hypothesis import example, given, settings
from hypothesis import strategies as st
from mkdocs_essays.cards.cutting import match
from mkdocs_essays.cards.html import PageHeading
from mkdocs_essays.cards.model import Section
from mkdocs_essays.cli.import_markdown import uses_math as _uses_math
from mkdocs_essays.hugo import markdown as hm

# -- the references: hugo/markdown.py as it was --------------------------------------------

OLD_MORE_HEADING = re.compile(
    r"^ {0,3}#{1,6}[ \t]+(<!--\s*more\s*-->)[ \t]*#*[ \t]*$", re.MULTILINE
)
OLD_PRE = re.compile(r"<pre\b.*?</pre\s*>", re.IGNORECASE | re.DOTALL)
BACKTICKS = re.compile(r"`+")


def old_more_out_of_headings(text: str) -> str:
    if "<!--" not in text or not OLD_MORE_HEADING.search(text):
        return text
    code = hm.CodeMap(text)
    return OLD_MORE_HEADING.sub(
        lambda m: m.group(0) if code.inside(m.start()) else m.group(1), text
    )


def old_pre_ranges(text: str, ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    ranges = list(ranges)
    for found in OLD_PRE.finditer(text):
        if not any(s <= found.start() < e for s, e in ranges):
            ranges.append((found.start(), found.end()))
    return sorted(ranges)


def old_spans(text: str, blocks: list[tuple[int, int]]) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    block_starts = [s for s, _ in blocks]

    def in_block(offset: int) -> tuple[int, int] | None:
        at = bisect_right(block_starts, offset) - 1
        if at >= 0 and blocks[at][0] <= offset < blocks[at][1]:
            return blocks[at]
        return None

    position = 0
    while True:
        opening = BACKTICKS.search(text, position)
        if opening is None:
            break
        block = in_block(opening.start())
        if block is not None:
            position = block[1]
            continue
        if opening.start() > 0 and text[opening.start() - 1] == "\\":
            position = opening.end()
            continue
        width = len(opening.group())
        paragraph_end = text.find("\n\n", opening.end())
        limit = len(text) if paragraph_end == -1 else paragraph_end
        closing = None
        for candidate in BACKTICKS.finditer(text, opening.end(), limit):
            if len(candidate.group()) == width:
                closing = candidate
                break
        if closing is None:
            position = opening.end()
            continue
        spans.append((opening.start(), closing.end()))
        position = closing.end()
    return spans


def texts(alphabet: str, size: int = 24) -> st.SearchStrategy[str]:
    return st.text(alphabet=alphabet, max_size=size)


# -- <!--more--> in headings ------------------------------------------------------------------


@settings(max_examples=1000, deadline=None)
@given(
    st.lists(
        st.sampled_from(["# ", "## ", "   ", "#", " ", "\t", "<!--", "more", "-->", "\n", "x"]),
        max_size=14,
    ).map("".join)
)
def test_more_in_headings_as_the_regex_did(text: str) -> None:
    assert hm.more_out_of_headings(text) == old_more_out_of_headings(text)


# -- code -----------------------------------------------------------------------------------

CODE_PIECES = [
    "`", "``", "```", "\\`", "a", " ", "\n", "\n\n", "    ", "<pre>", "<PRE ", "</pre>",
    "</pre >", "<pref", "~~~", "- ", ">",
]  # fmt: skip


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(CODE_PIECES), max_size=16).map("".join))
def test_code_map_as_the_regexes_did(text: str) -> None:
    code = hm.CodeMap(text)
    blocks = hm.CodeMap._blocks(text)
    with patch.object(hm, "_pre_elements", lambda text: []):
        fences_and_indents = hm.CodeMap._blocks(text)
    assert blocks == old_pre_ranges(text, fences_and_indents)
    assert hm.CodeMap._spans(text, blocks) == old_spans(text, blocks)
    assert code.ranges == sorted(blocks + old_spans(text, blocks))


@settings(max_examples=1000, deadline=None)
@given(
    st.lists(st.sampled_from(["`", "``", "```", "\\", "a", " ", "\n"]), max_size=20).map("".join)
)
def test_code_spans_as_the_search_did(text: str) -> None:
    """Without blocks too: every run matched with the next one of its length in the paragraph."""
    assert hm.CodeMap._spans(text, []) == old_spans(text, [])


# -- cards: which heading of the page is each section's ---------------------------------------


def old_match(
    show_stubs: bool, sections: list[Section], headings: list[PageHeading]
) -> dict[int, int]:
    """cards.cutting.match before its queues (without the warnings: they change no result)."""
    by_id: dict[str, int] = {}
    for position, heading in enumerate(headings):
        by_id.setdefault(heading.id, position)
    found: dict[int, int] = {}
    used: set[int] = set()
    for section in sections:
        at = by_id.get(section.anchor)
        if at is not None and at not in used:
            found[section.position] = at
            used.add(at)
    levels = {headings[i].level for i in found.values()}
    level = levels.pop() if len(levels) == 1 else None
    for section in sections:
        if section.position in found:
            continue
        before = max(
            (found[s.position] for s in sections[: section.position] if s.position in found),
            default=-1,
        )
        after = min(
            (found[s.position] for s in sections[section.position + 1 :] if s.position in found),
            default=len(headings),
        )
        between = [
            i
            for i in range(before + 1, after)
            if i not in used and headings[i].level == (level or section.level)
        ]
        titled = [i for i in between if " ".join(headings[i].text.split()) == section.title]
        candidates = titled or between
        index = candidates[0] if candidates else None
        if section.empty and not show_stubs:
            if index is not None:
                used.add(index)
            continue
        if index is None:
            continue
        found[section.position] = index
        used.add(index)
    return found


SECTION = st.tuples(
    st.sampled_from(["A", "B", "A B"]), st.sampled_from(["a", "b", "c"]), st.sampled_from([2, 3])
)
HEADING = st.tuples(
    st.sampled_from([2, 3]), st.sampled_from(["a", "b", "x"]), st.sampled_from(["A", "B", "A  B"])
)


@settings(max_examples=1500, deadline=None)
@given(
    st.lists(st.tuples(SECTION, st.booleans()), max_size=8),
    st.lists(HEADING, max_size=10),
    st.booleans(),
)
def test_sections_meet_their_headings_as_before(
    sections: list[tuple[tuple[str, str, int], bool]],
    headings: list[tuple[int, str, str]],
    show_stubs: bool,
) -> None:
    made = [
        Section(title, anchor, level, 1, "" if stub else "text", k)
        for k, ((title, anchor, level), stub) in enumerate(sections)
    ]
    page = [PageHeading(level, ident, text, 0, 0) for level, ident, text in headings]
    with patch("mkdocs_essays.cards.cutting.log"):
        new = match(made, page, show_stubs=show_stubs, where=lambda section: "x.md:1")
    assert new == old_match(show_stubs, made, page)


# -- import: does a site use math ---------------------------------------------------------------

OLD_MATH = re.compile(r"^\s*math\s*[=:]\s*true\s*$|\$\$|\\\(", re.MULTILINE | re.IGNORECASE)
MATH_PIECES = ["math", "MATH", "=", ":", "true", "True", " ", "\t", "\n", "x", "\u2028", "$", "\\("]


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(MATH_PIECES), max_size=10).map("".join))
@example("title: x\nmath:\n  true\n")
@example("x math = true\n")
def test_math_is_found_as_the_regex_did(text: str) -> None:
    assert _uses_math(text) == bool(OLD_MATH.search(text))
