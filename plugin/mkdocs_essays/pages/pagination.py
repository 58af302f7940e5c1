"""Listings split into pages (issue 12): ``posts/``, ``posts/page/2/``, ``posts/page/3/``...

A listing of many essays (the essay index, a term page, the card catalog) shows
``pager_size`` essays per page, newest first, as Hugo's ``.Paginate`` and Material's blog do:
page 1 at the listing's own URL, page ``n`` at ``<listing>/page/<n>/`` (Hugo's default
``[pagination] path``), each with previous/next links, page numbers and ``rel="prev"`` /
``rel="next"`` in its ``<head>``. ``<listing>/page/1/`` redirects to the listing, as Hugo
writes it for every list a theme paginates (hugo-coder's, for one). The default size is
Hugo's and Material blog's (10): a site imported from Hugo keeps the addresses of its listing
pages, and each holds the same essays it held in Hugo.

:func:`paginate` turns the spec of a listing into one spec per page (each carries its
:class:`Pager`); a feature's ``render`` shows :func:`items_of` the page and
:func:`pager_html` under it. :class:`Pagination` is the feature that adds the ``<head>``
links and the ``page/1/`` redirects for every paginated listing of the build.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, TypeVar

from markupsafe import Markup, escape

from .aliases import alias_dest, redirect_page
from .feature import Feature
from .plan import PageSpec
from .urls import folder_of, relative_url

if TYPE_CHECKING:
    from ..site import Site
    from .views import Views

__all__ = [
    "DEFAULT_PAGER_SIZE",
    "PAGE_PATH",
    "Pager",
    "Pagination",
    "items_of",
    "page_count",
    "pager_html",
    "paginate",
]

DEFAULT_PAGER_SIZE = 10
"""Essays per listing page: Hugo's ``pagerSize`` and Material blog's ``pagination_per_page``."""
PAGE_PATH = "page"
"""The folder of later pages (Hugo's default ``[pagination] path``)."""
AROUND = 2
"""Page numbers shown on each side of the current one (the first and last always show)."""

T = TypeVar("T")


@dataclass(frozen=True)
class Pager:
    """Where one page of a paginated listing sits among the others."""

    base: str
    """The listing's location (page 1): ``posts``, ``tags/llm``, ``patterns``."""
    number: int
    """This page, from 1."""
    count: int
    """How many pages the listing has (at least 1)."""
    size: int
    """Items per page."""

    def location(self, number: int) -> str:
        """Page ``number`` of the listing: the listing itself, then ``<base>/page/<n>``
        (``<base>/page/<n>.html`` for a listing published as a file, a term under
        ``ugly_urls``, as Hugo writes it)."""
        if number == 1:
            return self.base
        return page_location(self.base, number)

    @property
    def previous(self) -> int | None:
        return self.number - 1 if self.number > 1 else None

    @property
    def next(self) -> int | None:
        return self.number + 1 if self.number < self.count else None

    def linked(self) -> tuple[object, ...]:
        """What the page's ``<head>`` links to (:meth:`Pagination.head`): the pages before
        and after it, when the listing has more than one."""
        return (self.base, self.number, self.next is not None, self.count > 1)

    def slice(self, items: Sequence[T]) -> Sequence[T]:
        """The items on this page (of all the listing's items, in order)."""
        start = (self.number - 1) * self.size
        return items[start : start + self.size]

    def numbers(self, around: int = AROUND) -> list[int | None]:
        """Page numbers to show: the first, the last and ``around`` on each side of this one;
        ``None`` where numbers are left out (a gap of one number shows the number instead)."""
        low, high = max(1, self.number - around), min(self.count, self.number + around)
        shown = sorted({1, self.count, *range(low, high + 1)})
        out: list[int | None] = []
        before = 0
        for n in shown:
            if n - before == 2:
                out.append(n - 1)
            elif n - before > 2:
                out.append(None)
            out.append(n)
            before = n
        return out


def page_location(base: str, number: int) -> str:
    """Where page ``number`` of the listing at ``base`` is."""
    folder = folder_of(base)
    suffix = base[len(folder) :]  # ".html" under ugly_urls
    return posixpath.join(folder, PAGE_PATH, str(number)) + suffix


def page_count(total: int, size: int) -> int:
    """Pages for ``total`` items, ``size`` per page; an empty listing still has its page 1."""
    if size < 1:
        raise ValueError(f"a page holds at least one item, not {size}")
    return max(1, -(-total // size))


def paginate(spec: PageSpec, total: int, size: int) -> Iterator[PageSpec]:
    """The spec of each page of the listing ``spec`` of ``total`` items: page 1 is ``spec``
    at its own location (with its pager); later pages are out of the nav and of search (their
    items are on their own pages, and the listing is found by its first page)."""
    count = page_count(total, size)
    yield replace(spec, pager=Pager(spec.location, 1, count, size))
    for number in range(2, count + 1):
        pager = Pager(spec.location, number, count, size)
        yield replace(
            spec,
            location=pager.location(number),
            title=f"{spec.title} – page {number}",
            top_level=False,
            meta={**spec.meta, "search": {"exclude": True}},
            pager=pager,
        )


def items_of(spec: PageSpec, items: Sequence[T]) -> Sequence[T]:
    """The items the page of ``spec`` shows: its slice of a paginated listing, else all."""
    return spec.pager.slice(items) if spec.pager is not None else items


def pager_html(site: Site, spec: PageSpec, page_url: str) -> Markup:
    """The pager under a listing page (``essays/pager.html``); empty for a one-page listing."""
    pager = spec.pager
    if pager is None or pager.count < 2:
        return Markup("")

    def link(number: int | None) -> str | None:
        if number is None:
            return None
        return relative_url(site.url_of(pager.location(number)), page_url)

    pages = [
        {"number": n, "url": link(n), "current": n == pager.number, "gap": n is None}
        for n in pager.numbers()
    ]
    return Markup(
        site.renderer.render(
            "pager.html",
            number=pager.number,
            count=pager.count,
            previous=link(pager.previous),
            next=link(pager.next),
            pages=pages,
        )
    )


class Pagination(Feature):
    """``rel="prev"``/``"next"`` in the ``<head>`` of every page of a listing of several
    pages, and a redirect at the ``<listing>/page/1/`` of every listing (Hugo writes one for
    each list its templates paginate, of one page too). Placed after the features that plan
    listings, so every paginated spec of the build is known."""

    def __init__(self, site: Site, views: Views) -> None:
        super().__init__(site, views)
        self.redirects: dict[str, PageSpec] = {}
        """``<listing>/page/1/index.html`` -> the listing's first page."""
        self._pagers: dict[str, Pager] | None = None

    def _paged(self) -> Iterable[PageSpec]:
        return (spec for spec in self.views.planned.values() if spec.pager is not None)

    def extra_files(self) -> Iterable[str]:
        site = self.site
        assert site.files is not None
        for spec in self._paged():
            assert spec.pager is not None
            if spec.pager.number != 1:
                continue
            dest = alias_dest(page_location(spec.location, 1))
            if site.files.get_file_from_path(dest) is None:
                self.redirects[dest] = spec
        return list(self.redirects)

    def file_content(self, path: str) -> str:
        spec = self.redirects[path]
        return redirect_page(self.site, path, self.site.url_of(spec.location), spec.title)

    def describe(self, path: str) -> str | None:
        spec = self.redirects.get(path)
        if spec is None:
            return None
        return f"the redirect /{path} to the listing /{self.site.url_of(spec.location)}"

    def head(self, page_url: str) -> str:
        if self._pagers is None:
            site = self.site
            self._pagers = {
                site.url_of(spec.location): spec.pager
                for spec in self._paged()
                if spec.pager is not None and spec.pager.count > 1
            }
        pager = self._pagers.get(page_url)
        if pager is None:
            return ""
        # (what it reads of the pager is Pager.linked: a page patched keeps its head)
        links = []
        for rel, number in (("prev", pager.previous), ("next", pager.next)):
            if number is not None:
                url = relative_url(self.site.url_of(pager.location(number)), page_url)
                links.append(f'<link rel="{rel}" href="{escape(url)}">')
        return "".join(links)
