"""Taxonomies (tags, categories, series, ...) built in one pass over the essays.

A term's URL is Hugo's: ``tags/<hugo_urlize(name)>/``. Names that differ only in case or spacing
("LLM", "llm") are one term, shown with the spelling writers used most. Two different names that
land on one slug share the page and are reported as a collision.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from .essay import Essay
from .slugs import hugo_urlize

__all__ = ["Collision", "Merge", "Taxonomy", "Term", "build_taxonomy", "fold", "term_slug"]


def fold(name: str) -> str:
    """The identity of a term name: case and runs of white space do not matter."""
    return " ".join(name.split()).casefold()


def term_slug(name: str) -> str:
    """Hugo's term path; a name with nothing URL-safe (``🎉``) gets its code points instead."""
    slug = hugo_urlize(name)
    if slug:
        return slug
    return "-".join(f"u{ord(c):04x}" for c in name.strip() if not c.isspace()) or "term"


@dataclass(frozen=True, eq=False)
class Term:
    """One term of a taxonomy and the essays carrying it (newest first)."""

    taxonomy: str
    slug: str
    name: str
    """The spelling used most (ties: the first met in newest-first order)."""
    essays: tuple[Essay, ...]
    spellings: tuple[tuple[str, int], ...] = ()
    """Every spelling and how many essays used it, most used first."""

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Term) and (other.taxonomy, other.slug) == (
            self.taxonomy,
            self.slug,
        )

    def __hash__(self) -> int:
        return hash((self.taxonomy, self.slug))

    def __lt__(self, other: Term) -> bool:
        return (self.taxonomy, self.slug) < (other.taxonomy, other.slug)

    def __repr__(self) -> str:
        return f"Term({self.taxonomy!r}, {self.slug!r}, {self.name!r}, {len(self.essays)} essays)"

    @property
    def count(self) -> int:
        return len(self.essays)


@dataclass(frozen=True)
class Merge:
    """Spellings that became one term (reported once, at info level)."""

    taxonomy: str
    name: str
    spellings: tuple[str, ...]


@dataclass(frozen=True)
class Collision:
    """Different names that share one slug (reported as a warning)."""

    taxonomy: str
    slug: str
    names: tuple[str, ...]
    essays: tuple[Essay, ...]


@dataclass(frozen=True)
class Taxonomy:
    """Every term of one taxonomy (``tags``), with its slug index."""

    name: str
    terms: tuple[Term, ...]
    """Ordered by essay count (most first), then name."""
    merges: tuple[Merge, ...] = ()
    collisions: tuple[Collision, ...] = ()
    by_slug: Mapping[str, Term] = field(default_factory=dict)

    def slug_of(self, name: str) -> str:
        return term_slug(name)

    def __iter__(self):
        return iter(self.terms)

    def __len__(self) -> int:
        return len(self.terms)


def build_taxonomy(name: str, essays: Iterable[Essay]) -> Taxonomy:
    """One pass: essay -> its terms -> slug groups. ``essays`` should be newest first."""
    by_slug: dict[str, list[Essay]] = defaultdict(list)
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    folded_names: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    first_seen: dict[str, int] = {}
    order = 0
    for essay in essays:
        seen: set[str] = set()
        for written in essay.terms(name):
            slug = term_slug(written)
            spellings[slug][written] += 1
            folded_names[slug][fold(written)].add(written)
            first_seen.setdefault(written, order)
            order += 1
            if slug not in seen:
                seen.add(slug)
                by_slug[slug].append(essay)
    terms: list[Term] = []
    merges: list[Merge] = []
    collisions: list[Collision] = []
    for slug, essays_of in by_slug.items():
        counted = spellings[slug]
        ranked = sorted(counted.items(), key=lambda kv: (-kv[1], first_seen[kv[0]]))
        terms.append(Term(name, slug, ranked[0][0], tuple(essays_of), tuple(ranked)))
        groups = folded_names[slug]
        for variants in groups.values():
            if len(variants) > 1:
                best = next(s for s, _ in ranked if s in variants)
                merges.append(Merge(name, best, tuple(sorted(variants))))
        if len(groups) > 1:
            names = tuple(
                sorted(next(s for s, _ in ranked if s in variants) for variants in groups.values())
            )
            collisions.append(Collision(name, slug, names, tuple(essays_of)))
    terms.sort(key=lambda t: (-t.count, t.name.casefold(), t.slug))
    return Taxonomy(
        name=name,
        terms=tuple(terms),
        merges=tuple(merges),
        collisions=tuple(collisions),
        by_slug={t.slug: t for t in terms},
    )
