"""Time and size that grew faster than the input (issue 25), each measured at n, 2n, 4n, 8n
(ratios, never absolute times), with the bound that now holds where one is the answer."""

from __future__ import annotations

import markdown
from bs4 import BeautifulSoup
from growth import assert_linear
from mkdocs_essays.cards.html import NESTED_NOTES, EssayBody

# -- footnotes citing footnotes ---------------------------------------------------------------


def _chained_notes(n: int) -> str:
    """n sections, section i cites note i, note i cites note i+1: each card used to carry
    every note after its own (1,000 notes: 24.6 s and a 1 GB site)."""
    sections = "".join(f"## S{i}\n\nText.[^n{i}]\n\n" for i in range(n))
    notes = "".join(f"[^n{i}]: Note {i} cites the next.[^n{i + 1}]\n\n" for i in range(n))
    notes += f"[^n{n}]: The last.\n"
    return markdown.markdown(sections + notes, extensions=["footnotes", "toc"])


def _every_card(html: str) -> int:
    parsed = EssayBody(html)
    return sum(len(parsed.section(i).html) for i in range(len(parsed.headings)))


def test_cards_of_chained_footnotes_are_linear() -> None:
    assert_linear(_every_card, _chained_notes, 200)


def test_a_card_shows_its_notes_and_a_bounded_number_of_notes_they_cite() -> None:
    parsed = EssayBody(_chained_notes(100))
    first = BeautifulSoup(parsed.section(0).html, "html.parser")
    shown = [li["id"] for li in first.select("div.footnote li")]
    assert shown == [f"fn:n{i}" for i in range(1 + NESTED_NOTES)]
    # the last note on the card cites one it does not show: that link leaves the card
    assert first.select_one(f'a.footnote-ref[href="#fn:n{NESTED_NOTES + 1}"]') is not None
    fragment = parsed.section(0)
    moved = fragment.rebase("posts/e/", "patterns/e/s0/", local_ids=fragment.ids)
    assert f'href="../../../posts/e/#fn:n{NESTED_NOTES + 1}"' in moved
