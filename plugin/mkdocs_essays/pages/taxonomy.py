"""Taxonomy pages: ``<taxonomy>/`` (every term with counts) and ``<taxonomy>/<term>/`` (issue 3)."""

from __future__ import annotations

from ..pages.feature import Feature

__all__ = ["Taxonomies"]


class Taxonomies(Feature):
    """Not built yet: see issue 3."""
