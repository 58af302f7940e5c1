"""RSS 2.0 feeds: ``feed.xml`` (the latest essays) and one per term (``tags/<slug>/feed.xml``).

The first half is a pure writer (:class:`Channel`, :class:`Item`, :func:`rss`); the second is
the :class:`Feeds` feature that fills them from the collection.

Feed readers need absolute links, so feeds are written only when ``site_url`` is set (one
warning says so otherwise). A feed depends on the sources alone: ``lastBuildDate`` is the
newest date of its essays, never the clock, so two builds of the same sources are
byte-identical. Every string is escaped: titles are text, descriptions are HTML (the summary,
escaped as HTML, then as XML), so a title ``<script>`` reaches a reader as those characters.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from email.utils import format_datetime
from html import escape as html_escape
from typing import TYPE_CHECKING
from urllib.parse import quote, urljoin, urlsplit
from xml.sax.saxutils import escape, quoteattr

from mkdocs.plugins import get_plugin_logger

from ..cache import Kept
from ..model import Essay, Term
from ..model.slugs import fit_location
from ..pages.feature import Feature
from ..pages.inputs import Inputs
from ..pages.urls import folder_of, relative_url

if TYPE_CHECKING:
    from ..pages.views import Views
    from ..site import Site

__all__ = ["Channel", "Feeds", "Item", "rss"]

log = get_plugin_logger(__name__)

FEED = "feed.xml"
FEED_CATEGORIES = 20
"""``<category>`` elements of one item at most (its first terms): the item is in the feed of
each of its terms, so k terms made k feeds of k categories."""
GENERATOR = "mkdocs-essays"

# Characters XML 1.0 does not allow at all (not even as references): drop them.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


@dataclass(frozen=True)
class Item:
    """One essay in a feed. ``link`` is absolute; ``categories`` are (name, domain) pairs."""

    title: str
    link: str
    date: datetime | None
    summary: str
    """Plain text; written as escaped HTML in ``<description>``."""
    categories: tuple[tuple[str, str], ...] = ()
    updated: datetime | None = None


@dataclass(frozen=True)
class Channel:
    title: str
    link: str
    """Absolute URL of the page the feed stands for (the site, or a term page)."""
    description: str
    self_link: str
    """Absolute URL of the feed itself (``atom:link rel="self"``)."""
    items: tuple[Item, ...]
    language: str | None = None

    @property
    def last_build(self) -> datetime | None:
        """The newest date (or ``lastmod``) of the items: the feed changes when they do."""
        dates = [d for item in self.items for d in (item.date, item.updated) if d is not None]
        return max(dates) if dates else None


def _text(value: str) -> str:
    return escape(_NOT_XML.sub("", value))


def _attr(value: str) -> str:
    return quoteattr(_NOT_XML.sub("", value))


def _date(value: datetime) -> str:
    """RFC 822 as RSS wants it (``Fri, 03 Jan 2025 10:10:10 +0000``), in the date's own zone."""
    return format_datetime(value)


def rss(channel: Channel) -> str:
    """The RSS 2.0 document of a channel."""
    out = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">',
        "<channel>",
        f"<title>{_text(channel.title)}</title>",
        f"<link>{_text(channel.link)}</link>",
        f"<description>{_text(html_escape(channel.description))}</description>",
    ]
    if channel.language:
        out.append(f"<language>{_text(channel.language)}</language>")
    out.append(f"<generator>{GENERATOR}</generator>")
    if channel.last_build is not None:
        out.append(f"<lastBuildDate>{_date(channel.last_build)}</lastBuildDate>")
    out.append(
        f'<atom:link href={_attr(channel.self_link)} rel="self" type="application/rss+xml"/>'
    )
    for item in channel.items:
        out.append("<item>")
        out.append(f"<title>{_text(item.title)}</title>")
        out.append(f"<link>{_text(item.link)}</link>")
        out.append(f'<guid isPermaLink="true">{_text(item.link)}</guid>')
        if item.date is not None:
            out.append(f"<pubDate>{_date(item.date)}</pubDate>")
        if item.summary:
            out.append(f"<description>{_text(html_escape(item.summary))}</description>")
        for name, domain in item.categories:
            out.append(f"<category domain={_attr(domain)}>{_text(name)}</category>")
        out.append("</item>")
    out.append("</channel>")
    out.append("</rss>")
    return "\n".join(out) + "\n"


class Feeds(Feature):
    """``feed.xml`` and a feed per term, linked from every page's ``<head>``."""

    def __init__(self, site: Site, views: Views) -> None:
        super().__init__(site, views)
        self.feeds: dict[str, Term | None] = {}
        """Path of each feed -> its term (None: the whole site)."""
        self.term_pages: dict[str, tuple[str, Term]] = {}
        """URL of a term page -> (its feed's path, the term)."""
        self.items: dict[Essay, Item] = {}
        self._domains: dict[str, str] = {}
        """Taxonomy -> the absolute URL of its page (a category's domain), once per build."""

    @property
    def limit(self) -> int:
        return max(self.site.options.feed_items, 0)

    def extra_files(self) -> Iterable[str]:
        site = self.site
        if self.limit == 0:
            return ()
        if not site.config.site_url:
            log.warning(
                "mkdocs.yml has no site_url, so no RSS feeds are written (feed.xml, "
                "tags/<term>/feed.xml): feed readers need absolute links. Set site_url (for "
                "example https://user.github.io/repo/), or set the essays option feed_items: 0 "
                "to turn feeds off."
            )
            return ()
        self.feeds[FEED] = None
        for plural, taxonomy in site.collection.taxonomies.items():
            for term in taxonomy:
                location = site.policy.term(plural, term.slug)
                path = fit_location(f"{folder_of(location)}/{FEED}")  # long: a short folder
                self.feeds[path] = term
                self.term_pages[site.url_of(location)] = (path, term)
        written = self._written()
        for gone in written.keys() - self.feeds.keys():
            del written[gone]
        return list(self.feeds)

    def _written(self) -> dict[str, Kept[str]]:
        """Each feed's channel and XML as the last build wrote them: a feed whose channel is
        the same is not written out again (378 feeds at 1,000 essays, at every save)."""
        return self.site.cache.get("rss feeds", b"", dict)

    # -- links --------------------------------------------------------------------------------

    def absolute(self, url: str) -> str:
        """An absolute URL from a site-relative one (``posts/x/``), under ``site_url``."""
        base = self.site.config.site_url or "/"
        return urljoin(base if base.endswith("/") else base + "/", url)

    def head(self, page_url: str) -> str:
        """The site's feed, on every page. A term's own feed is linked in the term page's text
        instead: Material fetches ``sitemap.xml`` beside every ``<link rel="alternate">`` (it
        takes them for language versions), so one in ``tags/<term>/`` would 404."""
        if not self.feeds:
            return ""
        return (
            '<link rel="alternate" type="application/rss+xml" '
            f"title={_attr(self.site.config.site_name)} href={_attr(self.href(FEED, page_url))}>"
        )

    def term_section(self, term: Term, page_url: str) -> str:
        term_feed = self.term_pages.get(page_url)
        if term_feed is None or term_feed[1] != term:
            return ""
        href = self.href(term_feed[0], page_url)
        return self.site.renderer.render("term_feed.html", href=href, term=term.name)

    def term_inputs(self, term: Term) -> Inputs:
        """The link to the term's feed (on its own page)."""
        location = self.site.policy.term(term.taxonomy, term.slug)
        return Inputs(values=(self.term_pages.get(self.site.url_of(location), ("", term))[0],))

    def href(self, path: str, page_url: str) -> str:
        """A link to a feed, relative to the page (the site works under any subpath); a 404
        page is served at any address, so it gets the path from ``site_url`` instead."""
        if page_url == "404.html":
            return urlsplit(self.absolute(quote(path))).path
        return relative_url(quote(path), page_url)

    # -- content ------------------------------------------------------------------------------

    def describe(self, path: str) -> str | None:
        if path not in self.feeds:
            return None
        term = self.feeds[path]
        return f"the RSS feed /{path}" + (f" of {term.taxonomy} {term.name!r}" if term else "")

    def file_content(self, path: str) -> str:
        site = self.site
        term = self.feeds[path]
        name = site.config.site_name
        language = site.config.theme.get("language") or getattr(site.config.theme, "locale", None)
        if term is None:
            essays: Sequence[Essay] = site.collection.published
            title = name
            link = self.absolute("")
            description = site.config.site_description or f"The latest essays of {name}"
        else:
            essays = term.essays
            title = f"{name}: {term.name}"
            link = self.absolute(site.url_of(site.policy.term(term.taxonomy, term.slug)))
            description = f"The latest essays of {name} in {term.taxonomy} “{term.name}”"
        # Hugo's RSS: the home's lists site.RegularPages (no build.list never or local pages),
        # a term's its .Pages (no never ones)
        collection = site.collection
        skip = collection.unlisted | (collection.local if term is None else frozenset())
        chosen = [
            e for e in essays if e.published and e in site.locations and e.src_uri not in skip
        ][: self.limit]
        channel = Channel(
            title=title,
            link=link,
            description=description,
            self_link=self.absolute(quote(path)),
            items=tuple(self.item(essay) for essay in chosen),
            language=str(language) if language else None,
        )
        return self._written().setdefault(path, Kept()).of(channel, lambda: rss(channel))

    def item(self, essay: Essay) -> Item:
        """The essay's item, made once per build (it is the same in every feed it is in)."""
        item = self.items.get(essay)
        if item is None:
            item = self.items[essay] = self._item(essay)
        return item

    def _item(self, essay: Essay) -> Item:
        site = self.site
        categories: dict[tuple[str, str], None] = {}
        for plural in site.taxonomies.values():
            taxonomy = site.collection.taxonomies[plural]
            domain = self._domains.get(plural)
            if domain is None:
                domain = self.absolute(site.url_of(site.policy.taxonomy(plural)))
                self._domains[plural] = domain
            for name in essay.terms(plural):
                if len(categories) >= FEED_CATEGORIES:
                    break  # an essay with 2,000 tags in each of its 2,000 tags' feeds
                term = taxonomy.by_slug.get(taxonomy.slug_of(name))
                shown = term.name if term is not None else name
                categories[(shown, domain)] = None
        return Item(
            title=essay.title,
            link=self.absolute(site.essay_url(essay)),
            date=essay.date,
            summary=self.views.summary(essay),
            categories=tuple(categories),
            updated=essay.front.lastmod,
        )
