"""The term chips of an essay (its tags, categories...), as listings show them.

An essay's own page shows every term it carries; a listing (a term page, the essay index, the
home page's latest essays, a card's page) shows at most :data:`LISTED_TERMS` of each taxonomy
and a ``+N more`` chip to the essay. Without the bound an essay with k tags put k chips on
each of its k term pages (2,000 tags: 85 s, 555 MB), and each of its cards repeated them.
No MkDocs import.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Essay, Taxonomy

__all__ = ["LISTED_TERMS", "Chips", "chips_of"]

LISTED_TERMS = 10
"""Chips of one taxonomy a listing shows for an essay (its own page shows them all)."""


@dataclass(frozen=True)
class Chips:
    """One taxonomy's terms on an essay: each term once (``LLM`` and ``llm`` are one chip)."""

    taxonomy: str
    terms: tuple[tuple[str, str], ...]
    """(the name shown, the term's slug), in the order the essay gives them."""


def chips_of(essay: Essay, taxonomies: dict[str, Taxonomy]) -> tuple[Chips, ...]:
    """The essay's chips of every taxonomy it uses. Linear in the terms it carries."""
    out: list[Chips] = []
    for plural, taxonomy in taxonomies.items():
        names = essay.terms(plural)
        if not names:
            continue
        terms: dict[str, str] = {}
        for name in names:
            slug = taxonomy.slug_of(name)
            if slug not in terms:
                term = taxonomy.by_slug.get(slug)
                terms[slug] = term.name if term is not None else name
        out.append(Chips(plural, tuple((name, slug) for slug, name in terms.items())))
    return tuple(out)
