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
    # The first free heading of the level (of the title, else any) between the nearest
    # sections found before and after: both bounds only grow from section to section, so
    # each queue of headings is walked once (not every heading once per section).
    after_from = [len(headings)] * (len(sections) + 1)
    for k in range(len(sections) - 1, -1, -1):
        after_from[k] = min(after_from[k + 1], found.get(k, len(headings)))
    queues: dict[object, list[int]] = {}
    for i, heading in enumerate(headings):
        queues.setdefault(heading.level, []).append(i)
        queues.setdefault((heading.level, " ".join(heading.text.split())), []).append(i)
    heads: dict[object, int] = {}

    def first_free(key: object, before: int, after: int) -> int | None:
        queue = queues.get(key, [])
        at = heads.get(key, 0)
        while at < len(queue) and (queue[at] <= before or queue[at] in used):
            at += 1
        heads[key] = at
        return queue[at] if at < len(queue) and queue[at] < after else None

    before = -1
    for section in sections:
        if section.position in found:
            before = max(before, found[section.position])
            continue
        after = after_from[section.position + 1]
        wanted = level or section.level
        index = first_free((wanted, section.title), before, after)
        if index is None:
            index = first_free(wanted, before, after)
        if section.empty and not show_stubs:
            if index is not None:
                used.add(index)
            continue
        at_line = where(section)
        if index is None:
            log.warning(
                f"{at_line}: the heading {section.title!r} is not at the top level of the "
                "rendered essay (inside raw HTML or another block?), so its pattern card "
                "links to the top of the essay; move the heading out of that block"
            )
            continue
        found[section.position] = index
        used.add(index)
        before = index
        real = headings[index].id
        if real == section.anchor:
            continue  # a second heading with this {#id}: warned about in plan()
        log.warning(
            f"{at_line}: the heading {section.title!r} has the id {real!r} on the essay page, "
            f"not {section.anchor!r} as the plugin computed; its pattern card links to "
            f"{real!r}. Give the heading an explicit id ('{{#{real}}}' after its text, "
            "with attr_list) so the card's address stays stable"
        )
    return found


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
