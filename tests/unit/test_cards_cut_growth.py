"""Growth of the cut as ``Cards.essay_html`` runs it on a body without footnotes: every
top-level section cut, and everything a card reads of it (text, HTML, lead, links, rebased
HTML, wrapper), on many sections, one long section, and sections never closed."""

from __future__ import annotations

import pytest
from growth import LIMIT, ratios
from mkdocs_essays.cards.html import EssayBody


def _sections(n: int) -> str:
    return "".join(
        f'<h2 id="s{i}">S {i} <a class="headerlink" href="#s{i}">¶</a></h2>'
        f'<p id="p{i}">Text &amp; <a href="../x{i}/">a link</a> <img src="i{i}.png"> e.g. more.'
        f"</p><script>x</script><ul><li>item <code>c</code></li></ul>"
        f'<h3 id="t{i}">T</h3><p>Sub <a href="#s{i}">back</a>.</p>'
        for i in range(n)
    )


def _cut_every_card(html: str) -> list[object]:
    parsed = EssayBody(html)
    out: list[object] = []
    for index in range(len(parsed.headings)):
        fragment = parsed.section(index)
        ids = fragment.ids
        out += [fragment.text, fragment.html, fragment.lead(), fragment.wrapper()]
        out.append(fragment.links("posts/e/", local_ids=ids))
        out.append(fragment.rebase("posts/e/", "patterns/e/c/", local_ids=ids))
    return out


GROWTH = {
    "many sections, each a slice": (_cut_every_card, _sections, 40),
    "one long section": (
        _cut_every_card,
        lambda n: '<h2 id="a">A</h2>' + '<p><a href="x/">x</a> <b id="b">y</b></p>' * n * 20,
        40,
    ),
    "sections never closed": (
        _cut_every_card,
        lambda n: "".join(f'<h2 id="h{i}">H</h2><div><p><span>x' for i in range(n * 10)),
        40,
    ),
}


@pytest.mark.parametrize("case", GROWTH)
def test_cutting_every_card_is_linear(case: str) -> None:
    function, make, n = GROWTH[case]
    assert ratios(function, make, n)[-1] < LIMIT
