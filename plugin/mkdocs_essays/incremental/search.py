"""The search index of a build where some pages are not rendered.

The search plugin (Material's, or MkDocs' own) adds a page's entries when MkDocs builds the
page (``on_page_context``) and writes them all, in the order the pages were built, once the
build is done. A page that is not rendered again keeps the entries it had: they are put back
where a full build would have put them, just before the search plugin reads the next page
that is built, and the ones after the last before the index is written; so the index is the
one a full build writes, byte for byte.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

__all__ = ["SearchEntries", "search_entries"]

Entries = list[dict[str, Any]]


def search_entries(config: MkDocsConfig) -> tuple[bool, list[Any] | None]:
    """(whether the site's plugins are understood, the search index's list of entries or None
    when no search plugin indexes this build)."""
    for name, plugin in config.plugins.items():
        if name not in ("search", "material/search"):
            continue
        if not getattr(getattr(plugin, "config", None), "enabled", True):
            return True, None
        index = getattr(plugin, "search_index", None)
        entries = getattr(index, "entries", None)  # Material's
        if entries is None:
            entries = getattr(index, "_entries", None)  # MkDocs'
        if not isinstance(entries, list):
            return False, None
        return True, entries
    return True, None


class SearchEntries:
    """Puts the kept entries of the pages not rendered in place, and notes the entries of each
    page that is."""

    def __init__(
        self, entries: list[Any], order: Sequence[str], kept: Mapping[str, Sequence[dict[str, Any]]]
    ):
        self.entries = entries
        self._order: Iterator[str] = iter(order)
        """The src_uri of every page a full build would build, in its order."""
        self._kept = kept
        """src_uri -> its entries, for each page that is not rendered."""
        self._start = 0

    def before(self, src_uri: str) -> None:
        """Before the search plugin reads the page ``src_uri``."""
        for other in self._order:
            if other == src_uri:
                break
            kept = self._kept.get(other)
            if kept:
                self.entries.extend(kept)
        self._start = len(self.entries)

    def after(self) -> Entries:
        """The entries the search plugin just added for the page."""
        return self.entries[self._start :]

    def finish(self) -> None:
        """Before the index is written: the entries of the pages after the last built one."""
        self.before("\x00none")
