"""What rendering an essay gives the rest of the build, kept so an essay that is not rendered
again still gives it.

When MkDocs renders an essay, the plugin reads its HTML (``on_page_content``): its text, word
count and summary (``Views.rendered``), each of its pattern cards' HTML, lead, text and
links (``Cards``), the part before its first card (``Cards.intros``), and the addresses it
links to, which make the "Linked from" of other essays (``Backlinks``). Listings, related
essays, the map, ``cards.json`` and the feeds are made from these. An essay whose page is
not rendered in this build (:mod:`.engine`) gets them back from :class:`Products`, kept by
the digest of everything they come from (:meth:`.keys.Keys.body`).

This is the one place that knows where those results live in the features; the feature
contract (issue 24) is to declare them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..build import EssaysBuild
    from ..model import Essay
    from ..pages.views import Rendered

__all__ = ["Products", "Recorder", "adopt", "capture"]

_CARD_FIELDS = ("anchor", "html", "lead", "text", "words", "links")


@dataclass(frozen=True)
class Products:
    key: bytes
    """:meth:`.keys.Keys.body` of the essay when it was rendered."""
    rendered: Rendered
    cards: tuple[tuple[str, tuple[Any, ...], str | None], ...]
    """(card id, the values of :data:`_CARD_FIELDS`, the element its page wraps it in)."""
    intro: str | None
    paths: tuple[str, ...]
    """The internal addresses the essay links to, as ``Backlinks`` looked them up."""


class Recorder(dict[str, Any]):
    """``Backlinks``' table of essays by URL, noting every address looked up in it."""

    seen: list[str] | None = None

    def get(self, key: str, default: Any = None) -> Any:
        if self.seen is not None:
            self.seen.append(key)
        return super().get(key, default)


def _features(build: EssaysBuild) -> tuple[Any, Any]:
    by_name = {type(f).__name__: f for f in build.features}
    return by_name.get("Cards"), by_name.get("Backlinks")


def recorded(build: EssaysBuild, essay: Essay) -> Rendered | None:
    return build.views.rendered.get(essay.src_uri)


def recorder(build: EssaysBuild) -> Recorder | None:
    """Put a :class:`Recorder` in place of ``Backlinks``' table (once per build)."""
    _, backlinks = _features(build)
    if backlinks is None:
        return None
    table = backlinks._essays_by_url()
    if not isinstance(table, Recorder):
        table = backlinks._by_url = Recorder(table)
    return table


def capture(build: EssaysBuild, essay: Essay, key: bytes, paths: list[str]) -> Products | None:
    """What the essay's rendering gave (just after ``on_page_content``)."""
    rendered = recorded(build, essay)
    if rendered is None:
        return None
    cards, _ = _features(build)
    kept: list[tuple[str, tuple[Any, ...], str | None]] = []
    intro = None
    if cards is not None:
        for card in cards.cards_of(essay):
            if card.id in cards.filled:
                values = tuple(getattr(card, name) for name in _CARD_FIELDS)
                kept.append((card.id, values, cards._wrappers.get(card.id)))
        intro = cards.intros.get(essay)
    return Products(key, rendered, tuple(kept), intro, tuple(dict.fromkeys(paths)))


def adopt(build: EssaysBuild, essay: Essay, products: Products) -> None:
    """Give the build what rendering the essay would give (it is not rendered)."""
    build.views.adopt(essay, products.rendered)
    cards, backlinks = _features(build)
    if cards is not None:
        for card_id, values, wrapper in products.cards:
            card = cards.cards.get(card_id)
            if card is None:
                continue
            cards.put(card.filled(**dict(zip(_CARD_FIELDS, values, strict=True))))
            if wrapper is not None:
                cards._wrappers[card_id] = wrapper
            cards.filled.add(card_id)
        if products.intro is not None:
            cards.intros[essay] = products.intro
    if backlinks is not None:
        table = backlinks._essays_by_url()
        for path in products.paths:
            target = dict.get(table, path)
            if target is not None and target is not essay:
                backlinks.inbound.setdefault(target, set()).add(essay)
