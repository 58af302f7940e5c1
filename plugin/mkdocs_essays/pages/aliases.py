"""Hugo ``aliases``: small redirect pages at each old URL (issue 5)."""

from __future__ import annotations

from ..pages.feature import Feature

__all__ = ["Aliases"]


class Aliases(Feature):
    """Not built yet: see issue 5."""
