"""Taxonomies (tags, categories, series, ...) built in one pass over the essays.

A term's URL is Hugo's: ``tags/<hugo_urlize(name)>/``. Names that differ only in case or spacing
("LLM", "llm", " LLM", "Generative AI", "generative-ai") are one term, shown with the spelling
writers used most, at the path Hugo gives that spelling. Two different names that land on one
slug ("Hello, World!" and "hello world", or "C" and "C♯") share the page, as in Hugo, and are
reported as a collision.

The essays are read once: each essay's terms go into a map (essay -> term keys); every count,
list of essays and co-occurrence ("often appears with") comes from that map, never from a scan
of all essays per term. Co-occurrence counts an essay's first :data:`CO_OCCURRING` terms only.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from itertools import combinations
from types import MappingProxyType

from .essay import Essay
from .slugs import hugo_term_urlize

__all__ = [
    "Collision",
    "Merge",
    "Taxonomy",
    "Term",
    "build_taxonomy",
    "fold",
    "spelling",
    "term_slug",
]

CO_OCCURRING = 50
"""How many of an essay's terms (its first, in the order written) count towards "often appears
with": pairs grow as the square of an essay's terms (500 tags would make 124,750 pairs, issue
11); 50 make at most 1,225, so co-occurrence costs at most 49 per term an essay carries."""


def fold(name: str) -> str:
    """The identity of a term name: case, runs of white space and hyphens do not matter.

    ``"LLM"``, ``" llm "``, ``"Generative  AI"`` and ``"generative-ai"`` fold to ``"llm"`` and
    ``"generative ai"``.
    """
    return " ".join(name.replace("-", " ").split()).casefold()


def spelling(name: str) -> str:
    """A name as shown: white space trimmed and collapsed, everything else as written. A blank
    name (``"  "``) stays as written: Hugo 0.168 publishes it, titled so, at ``tags/--/``."""
    return " ".join(name.split()) or name


def term_slug(name: str, lower: bool = True) -> str:
    """Hugo's term path; a name with nothing URL-safe (``🎉``, a tab, for which Hugo 0.168
    writes the term page over the taxonomy's own page) gets its code points instead.
    ``lower=False``: Hugo's ``disablePathToLower``, the term keeps its case."""
    slug = hugo_term_urlize(name, lower)
    if slug:
        return slug
    shown = [c for c in name.strip() if not c.isspace()] or list(name)
    return "-".join(f"u{ord(c):04x}" for c in shown) or "term"


@dataclass(frozen=True, eq=False)
class Term:
    """One term of a taxonomy and the essays carrying it (newest first)."""

    taxonomy: str
    slug: str
    name: str
    """The spelling used most (ties: the first met in newest-first order)."""
    essays: tuple[Essay, ...]
    spellings: tuple[tuple[str, int], ...] = ()
    """Every spelling (white space collapsed) and how many essays used it, most used first."""

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
    """The spelling shown."""
    spellings: tuple[str, ...]
    """Every spelling as written (sorted), the shown one included."""
    slug: str = ""
    """The term's path segment."""
    hugo_slugs: tuple[str, ...] = ()
    """Other paths Hugo would have given some of the spellings (``generative--ai`` for
    ``"Generative  AI"``): this build makes no page there."""


@dataclass(frozen=True)
class Collision:
    """Different names that share one slug (reported as a warning)."""

    taxonomy: str
    slug: str
    names: tuple[str, ...]
    """The different names (each the most used spelling of its own term), sorted."""
    essays: tuple[Essay, ...]
    """Every essay carrying one of the names, newest first."""
    uses: tuple[tuple[str, tuple[Essay, ...]], ...] = ()
    """Each name with the essays that use it."""


@dataclass(frozen=True)
class Taxonomy:
    """Every term of one taxonomy (``tags``), with its slug index."""

    name: str
    terms: tuple[Term, ...]
    """Ordered by essay count (most first), then name."""
    merges: tuple[Merge, ...] = ()
    collisions: tuple[Collision, ...] = ()
    by_slug: Mapping[str, Term] = field(default_factory=dict)
    folded: Mapping[str, str] = field(default_factory=dict, repr=False)
    lower: bool = True
    """Term paths in lower case (Hugo's default; ``disablePathToLower`` keeps the case)."""
    """fold(name) -> slug, for every name met."""
    related: Mapping[str, tuple[tuple[Term, int], ...]] = field(default_factory=dict, repr=False)
    """slug -> the terms that appear on the same essays, with how many essays they share (most
    first, then the more used term, then name)."""

    def slug_of(self, name: str) -> str:
        """The slug of the term a name belongs to (a merged spelling finds its term)."""
        return self.folded.get(fold(name)) or term_slug(spelling(name), self.lower)

    def term_of(self, name: str) -> Term | None:
        return self.by_slug.get(self.slug_of(name))

    def related_to(self, term: Term, limit: int | None = None) -> tuple[tuple[Term, int], ...]:
        found = self.related.get(term.slug, ())
        return found if limit is None else found[:limit]

    def __iter__(self) -> Iterator[Term]:
        return iter(self.terms)

    def __len__(self) -> int:
        return len(self.terms)


def _rank(counter: Counter[str], first_seen: Mapping[str, int]) -> list[tuple[str, int]]:
    return sorted(counter.items(), key=lambda kv: (-kv[1], first_seen[kv[0]]))


@dataclass
class _Read:
    """The one pass over the essays: what each essay carries (by key: one name, whatever its
    case or spacing), and how each key is spelled."""

    carried: list[tuple[Essay, tuple[str, ...]]] = field(default_factory=list)
    shown: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    """key -> spelling -> essays."""
    written: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    """key -> every spelling as written."""
    first_seen: dict[str, int] = field(default_factory=dict)

    @classmethod
    def of(cls, name: str, essays: Iterable[Essay]) -> _Read:
        read = cls()
        for essay in essays:
            met: dict[str, None] = {}
            spelled: set[tuple[str, str]] = set()
            for raw in essay.terms(name):
                key = fold(raw)
                met[key] = None
                read.written[key].add(raw)
                shown_as = spelling(raw)
                read.first_seen.setdefault(shown_as, len(read.first_seen))
                if (key, shown_as) not in spelled:  # "LLM" twice in one essay counts once
                    spelled.add((key, shown_as))
                    read.shown[key][shown_as] += 1
            if met:
                read.carried.append((essay, tuple(met)))
        return read

    def ranked(self) -> dict[str, list[tuple[str, int]]]:
        """Each key's spellings, most used first (ties: the one met first)."""
        return {key: _rank(counter, self.first_seen) for key, counter in self.shown.items()}


@dataclass
class _Grouped:
    """From the map of what each essay carries: the essays of each slug and each key, and how
    many essays each pair of slugs shares."""

    by_slug: dict[str, list[Essay]] = field(default_factory=lambda: defaultdict(list))
    by_key: dict[str, list[Essay]] = field(default_factory=lambda: defaultdict(list))
    pairs: Counter[tuple[str, str]] = field(default_factory=Counter)

    @classmethod
    def of(cls, read: _Read, slug_of_key: Mapping[str, str]) -> _Grouped:
        grouped = cls()
        for essay, carried_keys in read.carried:
            slugs = tuple(dict.fromkeys(slug_of_key[key] for key in carried_keys))
            for key in carried_keys:
                grouped.by_key[key].append(essay)
            for slug in slugs:
                grouped.by_slug[slug].append(essay)
            for a, b in combinations(sorted(slugs[:CO_OCCURRING]), 2):
                grouped.pairs[(a, b)] += 1
        return grouped


def build_taxonomy(name: str, essays: Iterable[Essay], *, lower: bool = True) -> Taxonomy:
    """One pass: essay -> its terms -> slug groups. ``essays`` should be newest first.
    ``lower=False``: each term's path keeps the case of its spelling (``disablePathToLower``);
    the other spellings of a merged term redirect to it, as they do in lower case."""
    read = _Read.of(name, essays)
    # Each key -> its spelling and Hugo's path for it.
    ranked = read.ranked()
    slug_of_key = {key: term_slug(spellings[0][0], lower) for key, spellings in ranked.items()}
    grouped = _Grouped.of(read, slug_of_key)
    keys_of_slug: dict[str, list[str]] = defaultdict(list)
    for key, slug in slug_of_key.items():
        keys_of_slug[slug].append(key)
    terms: list[Term] = []
    merges: list[Merge] = []
    collisions: list[Collision] = []
    for slug, keys in keys_of_slug.items():
        # The name of the most used key names the page; ties: the one met first.
        keys.sort(key=lambda k: (-len(grouped.by_key[k]), read.first_seen[ranked[k][0][0]]))
        terms.append(_term(name, slug, keys, read, ranked, grouped))
        merges += _merges(name, slug, keys, read, ranked, lower)
        if len(keys) > 1:
            collisions.append(_collision(name, slug, keys, ranked, grouped))
    terms.sort(key=lambda t: (-t.count, t.name.casefold(), t.slug))
    merges.sort(key=lambda m: (m.name.casefold(), m.slug))
    collisions.sort(key=lambda c: c.slug)
    index = {t.slug: t for t in terms}
    return Taxonomy(
        name=name,
        terms=tuple(terms),
        merges=tuple(merges),
        collisions=tuple(collisions),
        by_slug=MappingProxyType(index),
        folded=MappingProxyType(dict(slug_of_key)),
        related=MappingProxyType(_related(grouped.pairs, terms, index)),
        lower=lower,
    )


def _term(
    name: str,
    slug: str,
    keys: list[str],
    read: _Read,
    ranked: Mapping[str, list[tuple[str, int]]],
    grouped: _Grouped,
) -> Term:
    """The term at ``slug``: named by its first key's spelling, with every key's spellings."""
    spellings: Counter[str] = Counter()
    for key in keys:
        spellings.update(read.shown[key])
    return Term(
        name,
        slug,
        ranked[keys[0]][0][0],
        tuple(grouped.by_slug[slug]),
        tuple(_rank(spellings, read.first_seen)),
    )


def _merges(
    name: str,
    slug: str,
    keys: list[str],
    read: _Read,
    ranked: Mapping[str, list[tuple[str, int]]],
    lower: bool,
) -> list[Merge]:
    """A merge for each key written more than one way, with the other paths Hugo gives them
    (a name it gives none, a tab, has no page to redirect)."""
    merges = []
    for key in keys:
        if len(read.written[key]) > 1:
            others = {hugo_term_urlize(s, lower) for s in read.written[key]} - {slug, ""}
            merges.append(
                Merge(
                    name,
                    ranked[key][0][0],
                    tuple(sorted(read.written[key])),
                    slug,
                    tuple(sorted(others)),
                )
            )
    return merges


def _collision(
    name: str,
    slug: str,
    keys: list[str],
    ranked: Mapping[str, list[tuple[str, int]]],
    grouped: _Grouped,
) -> Collision:
    """Different names that land on one slug: they share the page, as in Hugo."""
    uses = tuple(sorted((ranked[k][0][0], tuple(grouped.by_key[k])) for k in keys))
    return Collision(name, slug, tuple(n for n, _ in uses), tuple(grouped.by_slug[slug]), uses)


def _related(
    pairs: Counter[tuple[str, str]], terms: list[Term], index: Mapping[str, Term]
) -> dict[str, tuple[tuple[Term, int], ...]]:
    """Each term's co-occurring terms, most shared essays first (ties: in the terms' order)."""
    order = {t.slug: i for i, t in enumerate(terms)}
    neighbours: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for (a, b), shared in pairs.items():
        neighbours[a].append((b, shared))
        neighbours[b].append((a, shared))
    return {
        slug: tuple(
            (index[other], shared)
            for other, shared in sorted(found, key=lambda o: (-o[1], order[o[0]]))
        )
        for slug, found in neighbours.items()
    }
