"""Card pages, the card catalog and ``patterns/cards.json`` (issue 4)."""

from __future__ import annotations

from ..pages.feature import Feature

__all__ = ["Cards"]


class Cards(Feature):
    """Not built yet: see issue 4."""
