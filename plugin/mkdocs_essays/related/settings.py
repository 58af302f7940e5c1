"""The ``related`` option: Hugo's ``[related]`` configuration, as MkDocs options.

Hugo ranks related content by *indices*: front matter fields (``keywords``, a taxonomy such as
``tags``, ``date`` with a ``pattern``, any param), each with a ``weight``. The plugin reads the
same indices and adds one of its own, the essays' own words (``text``), so an essay whose front
matter says little still finds its neighbours. ``mkdocs-essays import`` writes this option
from the site's ``[related]`` table (:func:`from_hugo`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c

__all__ = ["DATE_FIELDS", "Index", "IndexSettings", "RelatedSettings", "from_hugo", "indices"]

DATE_FIELDS = ("date", "publishdate", "lastmod", "expirydate")
"""Index names Hugo reads as dates (formatted with the index's ``pattern``, ``2006`` by
default: essays of the same year match)."""


class IndexSettings(base.Config):
    name = c.Type(str)
    """The front matter field: ``keywords``, a taxonomy (``tags``), ``date`` (or
    ``publishDate``, ``lastmod``, ``expiryDate``), or any other param."""
    weight = c.Type(int, default=100)
    """How much a match counts (Hugo's ``weight``; 0 leaves the index out)."""
    pattern = c.Type(str, default="")
    """For a date: Hugo's layout of what must match (``2006``: the year, ``200601``: the
    month)."""
    to_lower = c.Type(bool, default=False)
    """Compare the values case-insensitively (Hugo's ``toLower``)."""
    cardinality_threshold = c.Type(int, default=0)
    """A value more than this percent of the essays carry is left out (1-100; 0: none is,
    Hugo's ``cardinalityThreshold``). Values most essays carry count little anyway."""


class RelatedSettings(base.Config):
    include_newer = c.Type(bool, default=True)
    """Relate an essay to newer ones too; ``false`` (Hugo's default) lists only essays
    published before it, so an essay's list never changes once written."""
    to_lower = c.Type(bool, default=False)
    """Compare every index's values case-insensitively (Hugo's ``toLower``)."""
    text = c.Type(int, default=100)
    """The weight of the essays' own words (TF-IDF), beside the indices' weights; 0 ranks by
    front matter alone, as Hugo does."""
    sections = c.Type(int, default=50)
    """The weight of section titles two essays share (by their letters: "What's next for
    Linkerd?", "Binaries"): essays built alike are of a kind (release notes, monthly
    roundups). 0 leaves them out."""
    indices = c.Optional(c.ListOfItems(c.SubConfig(IndexSettings)))
    """Hugo's ``[[related.indices]]``. Unset: ``keywords`` (100), each taxonomy (80) and
    ``date`` (10, the year)."""


@dataclass(frozen=True)
class Index:
    """One front matter index, validated."""

    name: str
    """Lower case."""
    weight: float
    """Hugo's weight / 100."""
    pattern: str = ""
    to_lower: bool = False
    cardinality_threshold: int = 0


def indices(settings: Mapping[str, Any], taxonomies: Iterable[str]) -> list[Index]:
    """The indices of ``settings`` (a validated :class:`RelatedSettings`), or the default ones:
    Hugo's (``keywords`` 100, ``date`` 10) with each taxonomy at 80."""
    given = settings.get("indices")
    if given is None:
        given = [
            {"name": "keywords", "weight": 100},
            *({"name": plural, "weight": 80} for plural in dict.fromkeys(taxonomies)),
            {"name": "date", "weight": 10},
        ]
    lower = bool(settings.get("to_lower"))
    out: list[Index] = []
    for entry in given:
        weight = int(entry.get("weight", 100) or 0)
        if weight <= 0:
            continue
        out.append(
            Index(
                name=str(entry["name"]).lower(),
                weight=weight / 100,
                pattern=str(entry.get("pattern") or ""),
                to_lower=lower or bool(entry.get("to_lower")),
                cardinality_threshold=int(entry.get("cardinality_threshold") or 0),
            )
        )
    return out


_HUGO_KEYS = {
    "includenewer": "include_newer",
    "tolower": "to_lower",
}
_HUGO_INDEX_KEYS = {
    "name": "name",
    "weight": "weight",
    "pattern": "pattern",
    "tolower": "to_lower",
    "cardinalitythreshold": "cardinality_threshold",
}


def from_hugo(table: Mapping[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """Hugo's ``[related]`` table -> this option's value, and what did not carry over."""
    options: dict[str, Any] = {}
    notes: list[str] = []
    for key, value in table.items():
        lowered = str(key).lower()
        if lowered in _HUGO_KEYS and isinstance(value, bool):
            if value or lowered == "includenewer":
                options[_HUGO_KEYS[lowered]] = value
        elif lowered == "threshold":
            notes.append(
                "related threshold: related essays are ranked by how much they share (their "
                "words too), best first; no threshold is needed"
            )
        elif lowered != "indices":
            notes.append(f"related {key}: not used")
    listed: list[dict[str, Any]] = []
    for entry in table.get("indices") or []:
        if not isinstance(entry, Mapping) or not entry.get("name"):
            continue
        kind = str(entry.get("type", "basic")).lower()
        if kind != "basic":
            notes.append(
                f"related index {entry['name']!r} of type {kind!r}: only basic indices are "
                "read; left out"
            )
            continue
        index: dict[str, Any] = {}
        for key, value in entry.items():
            ours = _HUGO_INDEX_KEYS.get(str(key).lower())
            if ours is None or value in ("", None):
                continue
            if ours == "to_lower" and value is False:
                continue
            if ours == "cardinality_threshold" and not value:
                continue
            index[ours] = str(value) if ours in ("name", "pattern") else value
        listed.append(index)
    if "indices" in {str(k).lower() for k in table}:
        options["indices"] = listed
    options.setdefault("include_newer", False)  # Hugo's default, where a site has [related]
    return options, notes
