"""What may outlive a build: results that depend only on content, keyed by that content.

``mkdocs serve`` rebuilds the whole site after every save, and most files have not changed.
The project's rule is that every build starts from nothing (:class:`~mkdocs_essays.build.
EssaysBuild` is new each time); the one exception is this cache, whose every key is a digest
of everything its value depends on (the bytes of a file, the settings that change how it is
read). A changed, renamed or deleted file cannot be served from it: its key is new, or nobody
asks for the old one.

The plugin object owns the cache (a new one for each command, ``on_startup``: ``mkdocs serve``
keeps it from one rebuild to the next) and hands it to what uses it; there is no cache of the
process.

Memory is bounded: :meth:`ContentCache.begin` (once per build, from ``on_config``) drops every
entry the previous build did not use, and drops everything when the configuration's
fingerprint changes (an edited ``mkdocs.yml``). Values must be immutable, or treated so.

Plain Python: no MkDocs import (the core rule).
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from datetime import tzinfo
from typing import Any, Generic, TypeVar

from . import frontmatter

__all__ = ["ByObject", "ContentCache", "Digests", "Kept", "digest"]

T = TypeVar("T")


def digest(*parts: str | bytes) -> bytes:
    """A key for ``parts``: sha256 over each part's length and bytes (no two lists collide)."""
    hasher = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        hasher.update(len(data).to_bytes(8, "little"))
        hasher.update(data)
    return hasher.digest()


class ByObject(Generic[T]):
    """Values worked out from objects that stay the same object while their content does
    (an unchanged file's text, parsed front matter), kept from one build to the next. What
    the last build did not ask for is dropped at :meth:`begin`: it holds one build's objects
    (a text-keyed memo would hold every text it ever saw, under `mkdocs serve`)."""

    def __init__(self) -> None:
        self._held: dict[int, tuple[object, T]] = {}
        self._asked: dict[int, tuple[object, T]] = {}

    def begin(self) -> None:
        """A new build: keep what the last one asked for (all, when it asked for nothing)."""
        self._held, self._asked = self._asked or self._held, {}

    def of(self, value: object, make: Callable[[Any], T]) -> T:
        key = id(value)
        held = self._asked.get(key) or self._held.get(key)
        if held is None or held[0] is not value:
            held = (value, make(value))
        self._asked[key] = held
        return held[1]


class Kept(Generic[T]):
    """The last value made, given again while what it is made of is equal (compared as it is,
    not digested: what it is made of is strings and tuples that stay the same objects from build
    to build when nothing changed, so the comparison is cheap). Holds one value."""

    def __init__(self) -> None:
        self._made_of: object = _NOTHING
        self.value: T | None = None
        """The last value made (None before any)."""

    def of(self, made_of: object, make: Callable[[], T]) -> T:
        if self._made_of is _NOTHING or made_of != self._made_of:
            self.value = make()
            self._made_of = made_of
        return self.value  # type: ignore[return-value]


_NOTHING = object()


class Digests:
    """The digest of each item of a collection (its part of a key over the whole collection),
    kept from build to build while the item's texts are the same objects and the rest of it
    is equal: a text not read again is the object the last build read (an essay not rendered
    again hands over the texts of its last rendering), so a save digests the few texts it
    changed, not megabytes of them (issue 23). Holds the last build's items only."""

    def __init__(self) -> None:
        self._held: dict[str, tuple[tuple[str, ...], tuple[object, ...], bytes]] = {}

    def each(self, items: Iterable[tuple[str, tuple[str, ...], tuple[object, ...]]]) -> list[bytes]:
        """``(id, texts, rest)`` -> the digest of each item, in order (``rest``: plain values
        whose ``repr`` says all of them)."""
        held = self._held
        now: dict[str, tuple[tuple[str, ...], tuple[object, ...], bytes]] = {}
        out = []
        for key, texts, rest in items:
            was = held.get(key)
            if (
                was is not None
                and was[1] == rest
                and len(was[0]) == len(texts)
                and all(a is b for a, b in zip(was[0], texts, strict=True))
            ):
                said = was[2]
            else:
                said = digest(key, repr(rest), str(len(texts)), *texts)
            now[key] = (texts, rest, said)
            out.append(said)
        self._held = now
        return out


class ContentCache:
    """Values by (kind, digest of their inputs); entries unused in a build go at the next."""

    def __init__(self) -> None:
        self._entries: dict[tuple[str, bytes], Any] = {}
        self._used: set[tuple[str, bytes]] = set()
        self._ingredients: set[tuple[str, bytes]] = set()
        """The ingredients the last build that asked for some used."""
        self._fingerprint: bytes | None = None
        self.misses: Counter[str] = Counter()
        """Values computed in this build, by kind (tests count parses with it)."""
        self.hits: Counter[str] = Counter()

    INGREDIENTS = frozenset({"related-counts", "related-words", "related-vectors"})
    """Kinds a build may not ask for because what is made of them was kept whole (a save
    that changes no text keeps the rankings, and asks no essay's word counts): those the last
    build that asked for any used are kept, so the next save that changes one essay counts
    only its words."""

    def begin(self, fingerprint: bytes) -> None:
        """Start a build: keep only what the last build used (and the ingredients the last
        build that asked for some used), nothing if the config changed."""
        if fingerprint != self._fingerprint:
            self._entries.clear()
            self._ingredients = set()
        else:
            self._ingredients = self._ingredients_now()
            keep = self._used | self._ingredients
            self._entries = {k: v for k, v in self._entries.items() if k in keep}
        self._fingerprint = fingerprint
        self._used = set()
        self.misses.clear()
        self.hits.clear()

    def _ingredients_now(self) -> set[tuple[str, bytes]]:
        """Of each kind of :data:`INGREDIENTS`, those this build asked for, or if it asked
        for none of that kind, those kept from the build before."""
        asked = {k for k in self._used if k[0] in self.INGREDIENTS}
        kinds = {kind for kind, _ in asked}
        return asked | {k for k in self._ingredients if k[0] not in kinds}

    def clear(self) -> None:
        self._entries.clear()
        self._used = set()
        self._ingredients = set()
        self._fingerprint = None

    def get(self, kind: str, key: bytes, make: Callable[[], T]) -> T:
        entry = (kind, key)
        self._used.add(entry)
        try:
            value: T = self._entries[entry]
        except KeyError:
            self.misses[kind] += 1
            value = self._entries[entry] = make()
            return value
        self.hits[kind] += 1
        return value

    def __len__(self) -> int:
        return len(self._entries)

    # -- on disk (incremental/disk.py) ------------------------------------------------------

    KEPT_ON_DISK = frozenset(
        {"sections", "related-counts", "related", "related-essays", "local maps"}
    )
    """The kinds worth keeping for the next command: essays cut into sections, the rankings
    and the local maps, whose making is most of a build that renders no page (issue 23)."""

    def export(self) -> dict[tuple[str, bytes], Any]:
        """The entries of :data:`KEPT_ON_DISK` kinds this build used (and the ingredients
        the last build that asked for some used)."""
        kept = self.KEPT_ON_DISK
        wanted = self._used | self._ingredients_now()
        return {k: v for k, v in self._entries.items() if k[0] in kept and k in wanted}

    def restore(self, entries: Mapping[tuple[str, bytes], Any]) -> None:
        """Entries kept on disk by a build of the same configuration and versions (the disk
        cache checks that), for this build; they go at the next unless it uses them."""
        for entry, value in entries.items():
            self._entries.setdefault(entry, value)

    # -- what the plugin keeps ----------------------------------------------------------------

    def read(
        self, source: bytes, path: str, *, zone: tzinfo, taxonomies: Mapping[str, str]
    ) -> frontmatter.Document:
        """:func:`mkdocs_essays.frontmatter.read`, once per content (errors are not kept: a
        broken file is read again, and reports again, at every build)."""
        settings = repr((str(zone), sorted(taxonomies.items())))
        key = digest(source, path, settings)
        return self.get(
            "frontmatter",
            key,
            lambda: frontmatter.read(source, path, zone=zone, taxonomies=taxonomies),
        )


def config_fingerprint(config_file: str | None, options: object) -> bytes:
    """What invalidates everything: the bytes of ``mkdocs.yml`` and the plugin's options."""
    data = b""
    if config_file:
        try:
            with open(config_file, "rb") as handle:
                data = handle.read()
        except OSError:
            data = b""
    return digest(data, repr(options))
