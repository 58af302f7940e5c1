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
from .matching import match_headings
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
    """Section position -> index of its heading on the rendered page (see
    :func:`.matching.match_headings`); warns for each section the plugin did not predict."""
    found, guessed = match_headings(sections, headings, stubs=show_stubs)
    for section, index in guessed:
        at_line = where(section)
        if index is None:
            log.warning(
                f"{at_line}: the heading {section.title!r} is not at the top level of the "
                "rendered essay (inside raw HTML or another block?), so its pattern card "
                "links to the top of the essay; move the heading out of that block"
            )
            continue
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
