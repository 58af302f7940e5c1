"""Each section (read from the Markdown before rendering) meets its heading on the rendered
page (read from the HTML). No MkDocs import.

A section is found by its anchor; failing that by its title, then by its place among the
page's headings of its level between the sections found before and after it. The two readings
agree whenever the plugin predicted the page's ids; the others are returned, for a warning.
"""

from __future__ import annotations

from collections.abc import Sequence

from .html import PageHeading
from .model import Section

__all__ = ["match_headings"]


class _Queues:
    """The page's headings by level and by (level, title), each walked once from the front:
    both bounds of a search only grow from section to section, so the whole match walks each
    queue once (not every heading once per section)."""

    def __init__(self, headings: Sequence[PageHeading], used: set[int]) -> None:
        self.used = used
        self.queues: dict[object, list[int]] = {}
        for i, heading in enumerate(headings):
            self.queues.setdefault(heading.level, []).append(i)
            self.queues.setdefault((heading.level, " ".join(heading.text.split())), []).append(i)
        self.heads: dict[object, int] = {}

    def first_free(self, key: object, before: int, after: int) -> int | None:
        """The first heading of ``key`` not taken, after ``before`` and before ``after``."""
        queue = self.queues.get(key, [])
        at = self.heads.get(key, 0)
        while at < len(queue) and (queue[at] <= before or queue[at] in self.used):
            at += 1
        self.heads[key] = at
        return queue[at] if at < len(queue) and queue[at] < after else None


def _by_anchor(
    sections: Sequence[Section], headings: Sequence[PageHeading], used: set[int]
) -> dict[int, int]:
    """Section position -> its heading, for the sections whose anchor the page has."""
    by_id: dict[str, int] = {}
    for position, heading in enumerate(headings):
        by_id.setdefault(heading.id, position)
    found: dict[int, int] = {}
    for section in sections:
        at = by_id.get(section.anchor)
        if at is not None and at not in used:
            found[section.position] = at
            used.add(at)
    return found


def match_headings(
    sections: Sequence[Section], headings: Sequence[PageHeading], *, stubs: bool
) -> tuple[dict[int, int], list[tuple[Section, int | None]]]:
    """Section position -> index of its heading on the page, and each section not found by
    its anchor with the heading found for it otherwise (None: not at the page's top level).
    An empty section is a card only with ``stubs``: otherwise its heading is taken quietly."""
    used: set[int] = set()
    found = _by_anchor(sections, headings, used)
    levels = {headings[i].level for i in found.values()}
    level = levels.pop() if len(levels) == 1 else None
    # the nearest heading found at or after each section: the bound of its search
    after_from = [len(headings)] * (len(sections) + 1)
    for k in range(len(sections) - 1, -1, -1):
        after_from[k] = min(after_from[k + 1], found.get(k, len(headings)))
    queues = _Queues(headings, used)
    guessed: list[tuple[Section, int | None]] = []
    before = -1
    for section in sections:
        if section.position in found:
            before = max(before, found[section.position])
            continue
        after = after_from[section.position + 1]
        wanted = level or section.level
        index = queues.first_free((wanted, section.title), before, after)
        if index is None:
            index = queues.first_free(wanted, before, after)
        if section.empty and not stubs:
            if index is not None:
                used.add(index)
            continue
        guessed.append((section, index))
        if index is not None:
            found[section.position] = index
            used.add(index)
            before = index
    return found, guessed
