"""Hugo content folders read as Hugo reads them (issue 8)."""

from __future__ import annotations

from ..pages.feature import Feature

__all__ = ["HugoContent"]


class HugoContent(Feature):
    """Not built yet: see issue 8."""
