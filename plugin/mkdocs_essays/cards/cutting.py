"""An essay's rendered body cut into its cards (``on_page_content``).

Each planned section is found among the headings of the rendered page (:func:`match`): by
its anchor, else by its title, else by its place; a warning names the file and heading when
the page's id is not the one planned. The card then takes its HTML, lead, text, word count
and links from that body (:class:`.html.EssayBody`), so a section's Markdown is rendered once.
"""

from __future__ import annotations

from collections.abc import Callable

from mkdocs.plugins import get_plugin_logger

from .html import EssayBody, PageHeading
from .model import Card, Section

__all__ = ["intro", "match"]

log = get_plugin_logger(__name__)


def match(
    sections: list[Section],
    headings: list[PageHeading],
    *,
    show_stubs: bool,
    where: Callable[[Section], str],
) -> dict[int, int]:
    """Section position -> index of its heading on the rendered page; warns on a mismatch.

    A section is found by its anchor; failing that by its title, then by its place among
    the page's headings of its level between the sections found before and after it.
    """
    found, used = _by_anchor(sections, headings)
    levels = {headings[i].level for i in found.values()}
    level = levels.pop() if len(levels) == 1 else None
    free = _FreeHeadings(headings, used)
    after_from = [len(headings)] * (len(sections) + 1)  # the nearest section found after
    for k in range(len(sections) - 1, -1, -1):
        after_from[k] = min(after_from[k + 1], found.get(k, len(headings)))
    before = -1
    for section in sections:
        if section.position in found:
            before = max(before, found[section.position])
            continue
        after = after_from[section.position + 1]
        wanted = level or section.level
        index = free.first((wanted, section.title), before, after)
        if index is None:
            index = free.first(wanted, before, after)
        if section.empty and not show_stubs:
            if index is not None:
                used.add(index)
            continue
        if index is None:
            log.warning(
                f"{where(section)}: the heading {section.title!r} is not at the top level of the "
                "rendered essay (inside raw HTML or another block?), so its pattern card "
                "links to the top of the essay; move the heading out of that block"
            )
            continue
        found[section.position] = index
        used.add(index)
        before = index
        _check_id(section, headings[index], where)
    return found


def _by_anchor(
    sections: list[Section], headings: list[PageHeading]
) -> tuple[dict[int, int], set[int]]:
    """The sections found by their anchor (position -> heading index), and those headings."""
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
    return found, used


class _FreeHeadings:
    """The first free heading of a level (or of a level and a title) after a bound. Both
    bounds only grow from section to section, so each queue of headings is walked once (not
    every heading once per section)."""

    def __init__(self, headings: list[PageHeading], used: set[int]) -> None:
        self.used = used
        self.queues: dict[object, list[int]] = {}
        for i, heading in enumerate(headings):
            self.queues.setdefault(heading.level, []).append(i)
            self.queues.setdefault((heading.level, " ".join(heading.text.split())), []).append(i)
        self.heads: dict[object, int] = {}

    def first(self, key: object, before: int, after: int) -> int | None:
        queue = self.queues.get(key, [])
        at = self.heads.get(key, 0)
        while at < len(queue) and (queue[at] <= before or queue[at] in self.used):
            at += 1
        self.heads[key] = at
        return queue[at] if at < len(queue) and queue[at] < after else None


def _check_id(section: Section, heading: PageHeading, where: Callable[[Section], str]) -> None:
    """A section found by its title or place whose heading has another id than planned."""
    real = heading.id
    if real == section.anchor:
        return  # a second heading with this {#id}: warned about when the cards were planned
    log.warning(
        f"{where(section)}: the heading {section.title!r} has the id {real!r} on the essay "
        f"page, not {section.anchor!r} as the plugin computed; its pattern card links to "
        f"{real!r}. Give the heading an explicit id ('{{#{real}}}' after its text, "
        "with attr_list) so the card's address stays stable"
    )


def intro(
    sections: list[Section], cards: list[Card], found: dict[int, int], body: EssayBody
) -> str | None:
    """The essay's text before its first card, when its text is that introduction and its
    cards' texts, nothing else (every section is a card, each cut from the page, no heading
    above the card level after the first): the similarity of essays then adds up the cards'
    word counts and this text's instead of reading the whole text again."""
    if not cards or len(cards) != len(sections):
        return None
    first = found.get(sections[0].position)
    if first is None or any(c.section.position not in found for c in cards):
        return None
    headings = body.headings
    level = headings[first].level
    if any(h.level < level for h in headings[first:]):
        return None
    return body.text_before(first)
