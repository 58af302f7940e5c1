"""RSS 2.0 feeds: ``feed.xml`` and one per term (issue 5)."""

from __future__ import annotations

from ..pages.feature import Feature

__all__ = ["Feeds"]


class Feeds(Feature):
    """Not built yet: see issue 5."""
