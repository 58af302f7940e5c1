"""Markdown -> card sections, with the ids MkDocs gives their headings (no MkDocs import).

A body's structure (its headings, by Python-Markdown's rules) comes from the one Markdown
scanner, :mod:`mkdocs_essays.parsing.markdown`; the ids from :mod:`mkdocs_essays.parsing.ids`
(a *namer* gives each heading's text and slug). A section is a heading at the card level
outside blockquotes and HTML blocks, and everything under it up to the next heading of the same
or a higher level. The build checks every anchor against the rendered page.
"""

from __future__ import annotations

from dataclasses import dataclass

from markdown.extensions.attr_list import get_attrs_and_remainder

from ..parsing.ids import Namer, PlainNamer, assign_ids
from ..parsing.markdown import Heading, Structure, header_attrs, scan
from .model import Section

__all__ = ["SameId", "card_mark", "extract_sections"]


@dataclass(frozen=True)
class SameId:
    """A heading given the ``{#id}`` an earlier heading of the page has (both keep it)."""

    id: str
    first_line: int
    """1-based line of the earlier heading in the Markdown body."""
    first_title: str
    line: int
    title: str


def card_mark(source: str) -> str | None:
    """The ``data-card`` attribute an attribute list gives a heading (``Title { data-card }``:
    ``""``; ``{ data-card="false" }``: ``"false"``), or None. Like ``attr_list``, an
    unparsable list is text, and the last value given wins."""
    found = header_attrs(source)
    if not found:
        return None
    attrs, remainder = get_attrs_and_remainder(found[1])
    if remainder:
        return None
    marks = [value or "" for key, value in attrs if key == "data-card"]
    return marks[-1] if marks else None


def _same_ids(headings: list[Heading], named: list[tuple[str, str]]) -> list[SameId]:
    """Every heading that gives itself the ``{#id}`` of an earlier heading."""
    out: list[SameId] = []
    first: dict[str, int] = {}
    for i, heading in enumerate(headings):
        if heading.explicit_id is None:
            continue
        j = first.setdefault(heading.explicit_id, i)
        if j != i:
            earlier = headings[j]
            out.append(
                SameId(heading.explicit_id, earlier.line, named[j][0], heading.line, named[i][0])
            )
    return out


def _sections(
    structure: Structure, named: list[tuple[str, str]], level: int, attr_list: bool
) -> list[Section]:
    """The sections at ``level``: each heading's Markdown up to the next one at that level or
    higher (nested headings, in blockquotes or Markdown HTML blocks, end none)."""
    lines = structure.lines
    top = [(h, n) for h, n in zip(structure.headings, named, strict=True) if not h.nested]
    sections: list[Section] = []
    for i, (heading, (text, anchor)) in enumerate(top):
        if heading.level != level:
            continue
        end = len(lines)
        for later, _ in top[i + 1 :]:
            if later.level <= level:
                end = later.line - 1  # (a setext heading's line is its text line)
                break
        # The body starts after the heading line (and a setext underline).
        start = heading.line
        if not lines[heading.line - 1].lstrip().startswith("#"):
            start += 1
        sections.append(
            Section(
                title=text,
                anchor=anchor,
                level=level,
                line=heading.line,
                markdown="\n".join(lines[start:end]).strip("\n"),
                position=len(sections),
                mark=card_mark(heading.source) if attr_list else None,
            )
        )
    return sections


def extract_sections(
    markdown: str,
    *,
    level: int = 2,
    namer: Namer | None = None,
    attr_list: bool = True,
    md_in_html: bool = False,
    unclosed: list[int] | None = None,
    same_ids: list[SameId] | None = None,
) -> list[Section]:
    """One :class:`Section` for every heading of ``level`` outside blockquotes, HTML blocks
    and code. The 1-based lines of code fences never closed are appended to ``unclosed``,
    every heading (of any level) that gives itself the ``{#id}`` an earlier heading has to
    ``same_ids``."""
    namer = namer or PlainNamer(attr_list=attr_list)
    structure = scan(markdown, attr_list=attr_list, md_in_html=md_in_html)
    named = assign_ids(structure.headings, namer, used=structure.block_ids)
    if unclosed is not None:
        unclosed.extend(structure.unclosed)
    if same_ids is not None:
        same_ids.extend(_same_ids(structure.headings, named))
    return _sections(structure, named, level, attr_list)
