"""Which sections are pattern cards: the writer's word first, then the collection's.

A section carries an idea of its own, so it is a card, unless the collection shows it is
boilerplate: its title, or its text word for word, recurs in ``threshold`` essays or more
("Conclusion", "List of Contributors", "Release Notes", a closing paragraph pasted into every
post). The rule reads the collection itself, not a list of words, so it works in any language:
titles are compared by their letters alone (case, accents' composition, digits, punctuation
and emoji left out, so "Step 1: Install" and "Step 2 — Install" are one title, and so are
"Getting Linkerd 2.19" and "Getting Linkerd 2.20"), each essay counted once.

The writer decides in the end, most specific first:

1. a mark on the heading: ``## Conclusion { data-card }`` is a card, ``## Binaries
   { data-card="false" }`` is not (an attribute, like Material's ``data-search-exclude``);
2. the essay's front matter: ``cards = false`` (no cards), ``cards = true`` (every section),
   or ``cards = ["Title", "anchor"]`` (exactly these sections, named by title or by anchor);
3. the collection's rule above.

Plain Python: the feature (:mod:`.feature`) reports what is decided.
"""

from __future__ import annotations

import functools
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..cache import digest
from ..model.text import without_comments
from .model import Section

__all__ = ["Boilerplate", "EssayChoice", "essay_choice", "mark_value", "title_key"]

_YES = frozenset({"", "true", "yes", "on", "1", "data-card"})
_NO = frozenset({"false", "no", "off", "0"})


@functools.lru_cache(maxsize=1 << 14)  # (each section's, at every build of `mkdocs serve`)
def title_key(title: str) -> str:
    """What two titles share when they are "the same title": their letters, case-folded, in
    runs separated by one space (``"What's next?"`` -> ``"what s next"``)."""
    text = unicodedata.normalize("NFKC", title).casefold()
    return " ".join("".join(c if c.isalpha() else " " for c in text).split())


def _name_key(name: str) -> str:
    """How a writer's list names a section: its title, case and spacing aside."""
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split())


@functools.lru_cache(maxsize=1 << 14)
def _text_key(markdown: str) -> bytes | None:
    """The section's text word for word (case and spacing aside); None when it has none."""
    words = without_comments(markdown).casefold().split()
    return digest(" ".join(words)) if words else None


def mark_value(mark: str | None) -> bool | None:
    """``data-card`` on a heading: True (a card), False (not), None (no mark, or a value that
    says neither: the caller warns)."""
    if mark is None:
        return None
    value = mark.strip().casefold()
    if value in _YES:
        return True
    if value in _NO:
        return False
    return None


@dataclass(frozen=True)
class EssayChoice:
    """What an essay's front matter ``cards`` says."""

    all: bool | None = None
    """True: every section is a card; False: none is; None: the list (or nothing) decides."""
    names: tuple[str, ...] | None = None
    """The sections that are cards, as written; None when there is no list."""
    problem: str | None = None
    """Why the value could not be used (the caller warns; the collection's rule applies)."""

    def wants(self, section: Section) -> bool | None:
        """True or False when the front matter decides this section, else None."""
        if self.all is not None:
            return self.all
        if self.names is None:
            return None
        keys = self._keys
        return _name_key(section.title) in keys or section.anchor in self.names

    @property
    def _keys(self) -> frozenset[str]:
        return frozenset(_name_key(n) for n in self.names or ())

    def unmatched(self, sections: Iterable[Section]) -> list[str]:
        """The names of the list that name no section of the essay."""
        if self.names is None:
            return []
        found: set[str] = set()
        for section in sections:
            found.add(_name_key(section.title))
            found.add(section.anchor)
        return [n for n in self.names if _name_key(n) not in found and n not in found]


def essay_choice(params: Mapping[str, Any]) -> tuple[EssayChoice, str | None]:
    """The ``cards`` key of an essay's params (any case, as Hugo reads param keys), and the
    key as written (None when absent)."""
    key = next((k for k in params if isinstance(k, str) and k.casefold() == "cards"), None)
    if key is None:
        return EssayChoice(), None
    value = params[key]
    if isinstance(value, bool):
        return EssayChoice(all=value), key
    if isinstance(value, str):
        value = [value]
    if isinstance(value, list | tuple) and all(isinstance(v, str) for v in value):
        return EssayChoice(names=tuple(v.strip() for v in value)), key
    shown = repr(value) if len(repr(value)) <= 60 else repr(value)[:59] + "…"
    return (
        EssayChoice(
            problem=f"'{key}' must be true, false or a list of section titles, not {shown}"
        ),
        key,
    )


@dataclass
class Boilerplate:
    """Section titles and texts that recur across a collection (each essay counted once)."""

    threshold: int
    titles: Counter[str] = field(default_factory=Counter)
    texts: Counter[bytes] = field(default_factory=Counter)
    shown: dict[str, str] = field(default_factory=dict)
    """Title key -> the title as first written, for messages."""
    _keys: dict[Section, tuple[str, bytes | None]] = field(default_factory=dict, repr=False)
    """A section -> its title and text keys (each worked out once)."""

    @classmethod
    def of(cls, essays: Iterable[Sequence[Section]], threshold: int) -> Boilerplate:
        found = cls(threshold)
        if threshold <= 0:
            return found
        for sections in essays:
            titles: set[str] = set()
            texts: set[bytes] = set()
            for section in sections:
                key, text = found._key(section)
                if key:
                    titles.add(key)
                    found.shown.setdefault(key, section.title)
                if text is not None:
                    texts.add(text)
            found.titles.update(titles)
            found.texts.update(texts)
        return found

    def recurs(self, section: Section) -> tuple[str, int] | None:
        """``("title", essays)`` or ``("text", essays)`` when the section is boilerplate."""
        if self.threshold <= 0:
            return None
        key, text = self._key(section)
        count = self.titles.get(key, 0) if key else 0
        if count >= self.threshold:
            return "title", count
        count = self.texts.get(text, 0) if text is not None else 0
        if count >= self.threshold:
            return "text", count
        return None

    def _key(self, section: Section) -> tuple[str, bytes | None]:
        keys = self._keys.get(section)
        if keys is None:
            keys = self._keys[section] = (title_key(section.title), _text_key(section.markdown))
        return keys
