"""Terms on pages other than essays (issue 11), counted as Hugo 0.168 counts them.

With ``hugo_content`` on, Hugo's rules hold for the whole docs folder: a term written on any
regular page, or on a section's or the home's ``_index.md``, counts and the term page lists
that page with the essays (Hugo's order: newest first, then title). Measured with Hugo 0.168:

- drafts, pages scheduled for later and expired pages do not count (``mkdocs serve`` lists them
  with their badge, as it does essays);
- a page Hugo does not render (``build.render = "never"``, ``headless``) does not count at all;
- a page with ``build.list = "never"`` counts (``tags/d/`` exists, ``.Count`` includes it) but
  no term page lists it, an essay neither; ``list = "local"`` is listed (a term's ``.Pages`` is
  local); ``render = "link"`` is listed by Hugo with a URL it writes nothing at: we leave it
  out of listings rather than link to nothing;
- build options and terms may come from a ``cascade`` (:mod:`.cascade`), applied here to
  every page's front matter, essays' included;
- a section without a ``date`` takes the newest date of the pages inside it.

Without ``hugo_content`` tags on other pages stay Material's tags plugin's business. Feeds
list essays only.
"""

from __future__ import annotations

import dataclasses
import posixpath
from datetime import datetime
from typing import TYPE_CHECKING

from ..model import Essay
from ..model.essay import make_essay
from .layout import is_index_page

if TYPE_CHECKING:
    from ..site import Site
    from .content import HugoContent

__all__ = ["other_pages"]


def other_pages(
    site: Site, feature: HugoContent, essays: list[Essay]
) -> tuple[list[Essay], tuple[tuple[Essay, ...], frozenset[str], frozenset[str]]]:
    """The essays with what cascades give them, and the pages (not essays) whose terms count
    with the src_uris of the pages and essays no listing shows (``build.list = "never"``) and
    of the essays no site-wide listing shows (``"local"``)."""
    if not site.options.hugo_content:
        return essays, ((), frozenset(), frozenset())
    feature.apply_cascades()
    essays = [
        e
        if site.documents.get(e.src_uri, e).front is e.front
        else make_essay(site.documents[e.src_uri], e.src_uri, site.publication, lower=site.lower)
        for e in essays
    ]
    essays = feature.unwritten(essays)
    lists = {e.src_uri: feature.options_of(e.src_uri).list for e in essays}
    unlisted = {src_uri for src_uri, value in lists.items() if value == "never"}
    local = frozenset(src_uri for src_uri, value in lists.items() if value == "local")
    newest = _newest_by_folder(site)
    pages: list[Essay] = []
    for src_uri, document in site.documents.items():
        if src_uri in site.essay_files:
            continue
        options = feature.options_of(src_uri)
        if options.render == "never":
            continue  # Hugo 0.168: in no term's list, not counted
        index = feature.index_pages.get(src_uri)
        if index is not None and index.kind in ("taxonomy", "term"):
            continue
        front = document.front
        if index is not None:
            folder = posixpath.dirname(src_uri)
            if front.date is None and folder in newest:
                front = dataclasses.replace(front, date=newest[folder])
            if front.title is None:
                front = dataclasses.replace(front, title=feature.title_of(index))
            document = dataclasses.replace(document, front=front)
        page = make_essay(document, src_uri, site.publication, lower=site.lower)
        if not any(page.terms(plural) for plural in site.taxonomies.values()):
            continue
        pages.append(page)
        if options.list == "never":
            unlisted.add(src_uri)
    return essays, (tuple(pages), frozenset(unlisted), local)


def _newest_by_folder(site: Site) -> dict[str, datetime]:
    """Folder -> the newest date of the pages inside it (at any depth), as Hugo dates a section:
    each page walks up its own folders once."""
    newest: dict[str, datetime] = {}
    for src_uri, document in site.documents.items():
        date = document.front.date
        if date is None or is_index_page(src_uri):
            continue
        folder = posixpath.dirname(src_uri)
        while True:
            known = newest.get(folder)
            if known is None or _later(date, known):
                newest[folder] = date
            if not folder:
                break
            folder = posixpath.dirname(folder)
    return newest


def _later(a: datetime, b: datetime) -> bool:
    try:
        return a > b
    except TypeError:  # one with a zone, one without
        return a.replace(tzinfo=None) > b.replace(tzinfo=None)
