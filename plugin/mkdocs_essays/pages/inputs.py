"""What a page shows of the collection, written down: the key an incremental build keeps a
page's HTML by.

Every page the plugin writes or adds to says what it shows (the :class:`Inputs` its
features declare): the essays it lists, the terms it names, and every other value it draws
from other pages (a card's title and lead, a pager's place, a local map's nodes). The build
gathers them per page (:meth:`mkdocs_essays.build.EssaysBuild.inputs`): a generated page's
from the feature that renders it and the features that add to it; an essay page's from every
feature that adds to it (its own Markdown and front matter are the rest of its key).
:func:`digest` turns them into bytes: two builds that give a page the same digest give it
the same HTML (``tests/sites/test_page_inputs.py`` checks it over edits of every kind).

An essay is shown as its view (title, URL, dates, badges, summary, reading time and term
chips, :meth:`~.views.Views.view`) and its front matter (a template given the view can read
it); a term as its name, URL, count and what features count for it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..cache import digest as digest_of
from ..model.text import reading_time

if TYPE_CHECKING:
    from ..model import Essay, Term
    from ..site import Site
    from .views import Views

__all__ = ["Inputs", "digest", "essays", "shown_essay", "terms"]


@dataclass(frozen=True)
class Inputs:
    """What one page, or one fragment of a page, shows of the collection."""

    essays: tuple[str, ...] = ()
    """src_uris of the essays it shows, each as its view (see the module)."""
    terms: tuple[tuple[str, str], ...] = ()
    """(taxonomy, slug) of the terms it shows: name, URL, count, what features count."""
    values: tuple[object, ...] = ()
    """Everything else it shows, as plain values whose ``repr`` says all of them (strings,
    numbers, tuples; no object that prints its identity)."""

    def __add__(self, other: Inputs) -> Inputs:
        return Inputs(
            self.essays + other.essays, self.terms + other.terms, self.values + other.values
        )

    @classmethod
    def of(cls, parts: Iterable[Inputs]) -> Inputs:
        total = cls()
        for part in parts:
            total = total + part
        return total


def essays(shown: Iterable[Essay], *values: object) -> Inputs:
    """Inputs of a listing of ``shown`` essays (and ``values``)."""
    return Inputs(essays=tuple(e.src_uri for e in shown), values=values)


def terms(shown: Iterable[Term], *values: object) -> Inputs:
    """Inputs of a list of ``shown`` terms (and ``values``)."""
    return Inputs(terms=tuple((t.taxonomy, t.slug) for t in shown), values=values)


def digest(inputs: Inputs, site: Site, views: Views) -> bytes:
    """The key of ``inputs`` in this build: what each essay and term it names is now, and
    its values. Order counts (a listing in another order is another page)."""
    parts: list[str | bytes] = []
    for src_uri in inputs.essays:
        parts.append("\x00essay")
        parts.append(shown_essay(src_uri, site, views))
    for plural, slug in inputs.terms:
        parts.append("\x00term")
        parts.append(_shown(plural, slug, site, views))
    parts.append("\x00values")
    parts.append(repr(inputs.values))
    return digest_of(*parts)


def shown_essay(src_uri: str, site: Site, views: Views) -> bytes:
    """A digest of what a page shows of the essay of ``src_uri``, as it is in this build."""
    return _shown("essay", src_uri, site, views)


def _shown(kind: str, name: str, site: Site, views: Views) -> bytes:
    """A digest of what is shown of an essay (``kind`` "essay", ``name`` its src_uri) or a
    term (``kind`` its taxonomy, ``name`` its slug). One essay is named by the inputs of many
    pages (every term page it is listed on): once every essay is rendered
    (:meth:`~.views.Views.rendered_all`), each is digested once per build."""
    shown = views.shown
    said = shown.get((kind, name)) if shown is not None else None
    if said is not None:
        return said
    if kind == "essay":
        essay = site.collection.get(name)
        said = digest_of(_essay(essay, site, views) if essay is not None else name)
    else:
        taxonomy = site.collection.taxonomies.get(kind)
        term = taxonomy.by_slug.get(name) if taxonomy is not None else None
        said = digest_of(_term(term, site, views) if term is not None else f"{kind}/{name}")
    if shown is not None:
        shown[(kind, name)] = said
    return said


def _essay(essay: Essay, site: Site, views: Views) -> str:
    rendered = views.rendered.get(essay.src_uri)
    chips = []
    for plural in dict.fromkeys(site.taxonomies.values()):
        taxonomy = site.collection.taxonomies[plural]
        for name in essay.terms(plural):
            slug = taxonomy.slug_of(name)
            term = taxonomy.by_slug.get(slug)
            chips.append((plural, term.name if term is not None else name, slug))
    location = site.locations.get(essay)
    # (the front matter last: its repr is kept while it is the same object, Views.fronts)
    return (
        repr(
            (
                essay.src_uri,
                essay.title,
                site.url_of(location) if location is not None else None,
                essay.badges,
                views.summary(essay),
                reading_time(rendered.words) if rendered is not None else None,
                chips,
            )
        )
        + "\x00"
        + views.fronts.of(essay.front, repr)
    )


def _term(term: Term, site: Site, views: Views) -> str:
    url = site.url_of(site.policy.term(term.taxonomy, term.slug))
    counts = sorted(views.term_counts(term).items())
    return repr((term.taxonomy, term.slug, term.name, url, term.count, counts))
