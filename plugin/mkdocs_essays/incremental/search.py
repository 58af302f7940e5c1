"""The search index of a build where some pages are not rendered.

The search plugin (Material's, or MkDocs' own) adds a page's entries when MkDocs builds the
page (``on_page_context``) and writes them all, in the order the pages were built, once the
build is done. A page that is not rendered again keeps the entries it had: they are put back
where a full build would have put them, just before the search plugin reads the next page
that is built, and the ones after the last before the index is written; so the index is the
one a full build writes, byte for byte.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

__all__ = ["IndexText", "SearchEntries", "search_entries"]

Entries = list[dict[str, Any]]


def _search_plugin(config: MkDocsConfig) -> Any:
    """The build's search plugin (Material's or MkDocs' own), or None."""
    return next(
        (p for name, p in config.plugins.items() if name in ("search", "material/search")), None
    )


def search_entries(config: MkDocsConfig) -> tuple[bool, list[Any] | None]:
    """(whether the site's plugins are understood, the search index's list of entries or None
    when no search plugin indexes this build)."""
    plugin = _search_plugin(config)
    if plugin is None or not getattr(getattr(plugin, "config", None), "enabled", True):
        return True, None
    index = getattr(plugin, "search_index", None)
    entries = getattr(index, "entries", None)  # Material's
    if entries is None:
        entries = getattr(index, "_entries", None)  # MkDocs'
    if not isinstance(entries, list):
        return False, None
    return True, entries


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


class IndexText:
    """The search index's JSON, made of each entry's JSON as last encoded (issue 23).

    Under `mkdocs serve` a save renders a few pages; every other page's entries are the very
    dicts its last rendering made (:class:`SearchEntries` puts them back), and the search plugin
    adds an entry once and never changes it. Encoding the 13 MB index of 1,000 essays anew was
    2% of a save; each entry is encoded once here, while it is the same object, and the index
    is the one the search plugin writes: its document with no entries, the entries spliced in.
    Before each index is written, one entry goes through both ways; a plugin that writes it
    otherwise (another version of Material, MkDocs' ``prebuild_index``) writes its own."""

    def __init__(self) -> None:
        self._held: dict[int, tuple[dict[str, Any], str]] = {}

    def install(self, config: MkDocsConfig) -> bool:
        """Has the search plugin's index write its JSON this way in this build (False: the
        plugin is not one whose JSON is known)."""
        index: Any = getattr(_search_plugin(config), "search_index", None)
        way = _way(index)
        if way is None:
            return False
        attribute, sort_keys = way
        original = index.generate_search_index
        if getattr(original, "from_kept_entries", False):
            return True  # (the same index as the last build's: installed then)

        def generate(*args: Any, **kwargs: Any) -> str:
            if args and args[0] is not None:  # (Material's --dirty reload: its own)
                return original(*args, **kwargs)
            return self._document(index, attribute, sort_keys, original, args, kwargs)

        generate.from_kept_entries = True  # type: ignore[attr-defined]
        index.generate_search_index = generate
        return True

    def _document(
        self,
        index: Any,
        attribute: str,
        sort_keys: bool,
        original: Callable[..., str],
        args: tuple[Any, ...],
        kwargs: dict[str, Any],
    ) -> str:
        entries: list[dict[str, Any]] = getattr(index, attribute)
        try:
            setattr(index, attribute, [])
            empty = original(*args, **kwargs)
            if entries:
                setattr(index, attribute, entries[:1])
                one = original(*args, **kwargs)
        finally:
            setattr(index, attribute, entries)
        if not empty.endswith(_NONE):
            return original(*args, **kwargs)
        head = empty[: -len(_NONE)]
        held, now = self._held, {}
        texts = []
        for entry in entries:
            kept = held.get(id(entry))
            if kept is None or kept[0] is not entry:
                kept = (entry, _encode(entry, sort_keys))
            now[id(entry)] = kept
            texts.append(kept[1])
        if entries and one != f'{head}"docs":[{texts[0]}]}}':
            self._held = {}
            return original(*args, **kwargs)
        self._held = now
        return f'{head}"docs":[{",".join(texts)}]}}'


_NONE = '"docs":[]}'
"""How an index with no entries ends (``docs`` is its last key, both plugins' way)."""


def _way(index: Any) -> tuple[str, bool] | None:
    """(the attribute holding the entries, whether keys are sorted) of a search index whose
    JSON :class:`IndexText` knows how to write."""
    module = type(index).__module__
    if module.startswith("material.plugins.search") and isinstance(
        getattr(index, "entries", None), list
    ):
        return "entries", False
    if module.startswith("mkdocs.contrib.search") and isinstance(
        getattr(index, "_entries", None), list
    ):
        if getattr(index, "config", {}).get("prebuild_index"):
            return None  # (its index is made by another program from the JSON)
        return "_entries", True
    return None


def _encode(entry: dict[str, Any], sort_keys: bool) -> str:
    return json.dumps(entry, sort_keys=sort_keys, separators=(",", ":"), default=str)
