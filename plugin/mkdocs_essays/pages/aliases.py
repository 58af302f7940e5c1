"""Hugo ``aliases``: a small redirect page at each old address of an essay (or of any other
page whose front matter has ``aliases``, as in Hugo).

Hugo's rules, checked against Hugo 0.168: an alias that starts with ``/`` is a path from the
site's root; any other alias is relative to the folder the essay's URL sits in (``old`` on
``posts/x/`` is ``posts/old/``; on an essay with ``url = "/custom/place/"`` it is
``custom/old/``). An alias ending in ``.html`` or ``.htm`` is that file; any other is a folder
with an ``index.html``, whatever ``use_directory_urls`` says, since those are the addresses the
old Hugo site had.

Where Hugo is lax this module is strict: an alias that climbs above the site's root (``..``,
``%2e%2e``) or points to another host stops the build; so does, by default, an alias that
lands on a page of the site or on another alias, with a message naming both sides (Hugo
clamps the first and, for the others, keeps whichever file it happens to write last: it
writes in parallel, so the result changes from run to run). The option
``alias_conflicts: warning|info`` reports conflicts at that level instead and keeps the page
(or the first alias, newest essay first), as ``mkdocs-essays import`` sets it.
"""

from __future__ import annotations

import logging
import posixpath
import warnings
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import quote, unquote, urljoin, urlsplit

from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, InclusionLevel

from ..errors import CollectionError
from ..model import Essay, PathError
from ..model.slugs import fit_location, too_deep
from .destinations import Destinations, mkdocs_writes
from .feature import Feature
from .urls import relative_url

if TYPE_CHECKING:
    from ..site import Site
    from .views import Views

__all__ = ["Aliases", "Redirect", "alias_dest", "redirect_page", "resolve_alias"]

log = get_plugin_logger(__name__)
_LEVELS = {"warning": logging.WARNING, "info": logging.INFO}


def resolve_alias(alias: str, location: str, site_url: str | None = None) -> str:
    """Where an alias of the essay at ``location`` (``posts/x``) lives (``posts/old``).

    Raises :class:`PathError` for an alias that cannot be a page of this site.
    """
    text = alias.strip()
    if not text:
        raise PathError("an alias is empty; remove it or write the old path")
    parts = urlsplit(text)
    if parts.scheme or text.startswith("//"):
        text = _inside_site(alias, site_url)
    if "?" in text or "#" in text:
        raise PathError(
            f"alias {alias!r} has a '?' or '#': a redirect page is a file, found by its path "
            "alone; write the path without the query or fragment"
        )
    decoded = unquote(text).replace("\\", "/")
    if any(ord(c) < 0x20 or ord(c) == 0x7F for c in decoded):
        raise PathError(f"alias {alias!r} contains a control character; remove it")
    base = "" if decoded.startswith("/") else posixpath.dirname(location)
    segments: list[str] = []
    for segment in f"{base}/{decoded}".split("/"):
        if segment in ("", "."):
            continue
        if segment == "..":
            if not segments:
                raise PathError(
                    f"alias {alias!r} leaves the site: its '..' climbs above the site's root; "
                    "write the old path from the root, such as '/old/path/'"
                )
            segments.pop()
            continue
        segments.append(segment)
    if not segments:
        raise PathError(
            f"alias {alias!r} is the site's home page, which cannot be a redirect; remove it"
        )
    problem = too_deep("/".join(segments))
    if problem:
        shown = alias if len(alias) <= 60 else alias[:59] + "…"
        raise PathError(f"alias {shown!r} {problem}")
    return "/".join(segments)


def _inside_site(alias: str, site_url: str | None) -> str:
    """The site path of an absolute alias URL under ``site_url``; other URLs leave the site."""
    split = urlsplit(alias.strip())
    if site_url and split.scheme in ("http", "https", ""):
        site = urlsplit(site_url)
        root = site.path if site.path.endswith("/") else site.path + "/"
        path = split.path if split.path.endswith("/") else split.path + "/"
        if split.netloc.lower() == site.netloc.lower() and path.startswith(root):
            rest = split.path[len(root) :]
            return "/" + rest + (f"?{split.query}" if split.query else "")
    raise PathError(
        f"alias {alias!r} points to another site ({split.netloc or split.scheme}); an alias is "
        "an old address of this site: write its path, such as '/old/path/'"
    )


def alias_dest(location: str, *, ugly: bool = False) -> str:
    """The file an alias is written to: Hugo's rule (``.html``/``.htm`` kept, else a folder;
    ``old.html`` for a page under ``ugly_urls``), each name shortened to what a file system
    holds (a long old title as a folder)."""
    if location.endswith((".html", ".htm")):
        return fit_location(location)
    if ugly:
        return fit_location(f"{location}.html")
    return fit_location(f"{location}/index.html")


def _url_of_dest(dest: str) -> str:
    """The URL a reader used for a redirect page (``posts/old/``), percent-encoded."""
    if dest.endswith("/index.html"):
        return quote(dest[: -len("index.html")])
    return quote(dest)


@dataclass(frozen=True)
class Source:
    """A page with ``aliases``: an essay, or another page of the site with front matter."""

    kind: str
    """``essay`` or ``page``, for messages."""
    path: str
    """The file as messages name it (``docs/posts/x.md``)."""
    line: int
    """Line of the ``aliases`` key."""
    title: str
    location: str
    """Where the page lives (``posts/x``): relative aliases start from its folder."""
    url: str
    """The page's site-relative URL, the redirects' target."""
    dest: str
    aliases: tuple[str, ...]
    ugly: bool = False
    """Under ``ugly_urls``: its aliases are ``old.html`` files, as Hugo writes them."""


@dataclass(frozen=True)
class Redirect:
    source: Source
    alias: str
    """As the writer wrote it."""
    dest: str
    """The file in the site folder (``posts/old/index.html``)."""

    @property
    def where(self) -> str:
        return f"{self.source.path}:{self.source.line}"


class Aliases(Feature):
    """A redirect page (virtual ``.html`` file) for each alias of each page the site shows:
    essays, and (as in Hugo) any other page whose front matter has ``aliases``."""

    def __init__(self, site: Site, views: Views) -> None:
        super().__init__(site, views)
        self.redirects: dict[str, Redirect] = {}

    def extra_files(self) -> Iterable[str]:
        sources = self._sources()
        if not sources:
            return ()
        taken = self._taken()
        paths = Destinations([*mkdocs_writes(self.site.config).items(), *taken.items()])
        policy = self.site.options.alias_conflicts
        errors: list[str] = []
        for source in sources:
            for alias in source.aliases:
                problem, conflict = self._add(source, alias, taken, paths)
                if not problem:
                    continue
                message = str(CollectionError(source.path, source.line, problem))
                if conflict and policy != "error":
                    # alias_conflicts: warning/info: the page (or the first alias) wins
                    log.log(_LEVELS[policy], f"{message} (this redirect is not written)")
                else:
                    errors.append(message)
        if errors:
            raise PluginError("\n".join(errors))
        return list(self.redirects)

    def _written(self, file: File) -> bool:
        written = InclusionLevel.is_in_serve if self.site.serve else InclusionLevel.is_included
        return written(file.inclusion)

    def _sources(self) -> list[Source]:
        """Essays the build shows (newest first), then other pages (by path), with aliases."""
        site = self.site
        sources: list[Source] = []
        for essay in site.collection.essays:
            if not essay.front.aliases or essay not in site.locations:
                continue
            if not site.collection.shown(essay):
                continue  # not published in this build: neither are its old addresses
            location = site.locations[essay]
            sources.append(
                Source(
                    "essay",
                    essay.path,
                    essay.front.line_of("aliases"),
                    essay.title,
                    location,
                    site.essay_url(essay),
                    site.policy.dest(location),
                    essay.front.aliases,
                    site.policy.ugly.applies(essay.src_uri.split("/", 1)[0]),
                )
            )
        assert site.files is not None
        for src_uri in sorted(site.documents):
            document = site.documents[src_uri]
            if src_uri in site.essay_files or not document.front.aliases:
                continue
            file = site.files.get_file_from_path(src_uri)
            if file is None or not self._written(file):
                continue
            location = unquote(file.url).rstrip("/")
            sources.append(
                Source(
                    "page",
                    site.display_path(file),
                    document.front.line_of("aliases"),
                    document.front.title or file.url,
                    "" if location == "." else location,
                    file.url,
                    file.dest_uri,
                    document.front.aliases,
                    site.policy.ugly.applies(src_uri.split("/", 1)[0] if "/" in src_uri else ""),
                )
            )
        return sources

    def _add(
        self, source: Source, alias: str, taken: dict[str, str], paths: Destinations
    ) -> tuple[str, bool]:
        """Record one redirect; else return what is wrong with it, and whether that is a
        conflict with another page or alias (which ``alias_conflicts`` may let pass)."""
        try:
            location = resolve_alias(alias, source.location, self._site_url())
        except PathError as error:
            return str(error), False
        dest = alias_dest(location, ugly=source.ugly)
        at = f"/{_url_of_dest(dest)}"
        if dest == source.dest:
            return f"alias {alias!r} ({at}) is the {source.kind}'s own address; remove it", True
        other = self.redirects.get(dest)
        if other is not None:
            if other.source == source:
                return f"alias {alias!r} ({at}) is given twice; remove one", True
            return (
                f"alias {alias!r} ({at}) is also an alias of {other.where} ({other.alias!r}); "
                "keep it on one of the two pages"
            ), True
        if dest in taken:
            return (
                f"alias {alias!r} ({at}) is the address of {taken[dest]}; a redirect there "
                "would replace that page: remove the alias or move that page"
            ), True
        clash = paths.clash(dest)  # a file MkDocs writes, or a file where a folder must be
        if clash is not None:
            return (
                f"alias {alias!r} ({at}): {clash}; a redirect there would replace that file or "
                "stop the build: remove the alias or move that page"
            ), True
        self.redirects[dest] = Redirect(source, alias, dest)
        paths.add(dest, f"the alias {alias!r} of {source.path}:{source.line}")
        return "", False

    def describe(self, path: str) -> str | None:
        redirect = self.redirects.get(path)
        return f"the alias {redirect.alias!r} of {redirect.where}" if redirect else None

    def _site_url(self) -> str | None:
        """The ``site_url`` of mkdocs.yml. ``mkdocs serve`` puts its own address in
        ``config.site_url``, but an alias written as ``https://example.org/old/`` still
        names the real site (it stopped `mkdocs serve` as "another site" before)."""
        with warnings.catch_warnings():  # deprecated in MkDocs 1.6, there until 1.7
            warnings.simplefilter("ignore", DeprecationWarning)
            written = getattr(self.site.config, "user_configs", [])
        for settings in reversed(written):
            url = settings.get("site_url") if isinstance(settings, dict) else None
            if url:
                return str(url)
        return self.site.config.site_url

    def _taken(self) -> dict[str, str]:
        """Every file this build writes (dest -> how a message names it)."""
        site = self.site
        assert site.files is not None
        by_essay = {essay.src_uri: essay for essay in site.locations}
        return {
            file.dest_uri: self._name(file, by_essay) for file in site.files if self._written(file)
        }

    def _name(self, file: File, essays: dict[str, Essay]) -> str:
        essay = essays.get(file.src_uri)
        if essay is not None:
            return essay.path
        spec = self.views.planned.get(file.src_uri)
        if spec is not None and file.generated_by is not None:
            return f"the generated {spec.kind.replace('-', ' ')} page"
        return self.views.describe(file)

    def file_content(self, path: str) -> str:
        redirect = self.redirects[path]
        page_url = redirect.source.url
        return redirect_page(self.site, path, page_url, redirect.source.title)


def redirect_page(site: Site, dest: str, page_url: str, title: str) -> str:
    """The HTML of a redirect written at ``dest`` (a file in the site) to the page at
    ``page_url`` (site-relative): relative target, absolute canonical when site_url is set."""
    target = relative_url(page_url, _url_of_dest(dest))
    site_url = site.config.site_url
    canonical = urljoin(site_url, page_url) if site_url else target
    language = site.config.theme.get("language") or getattr(site.config.theme, "locale", "")
    return site.renderer.render(
        "redirect.html",
        title=title,
        target=target,
        canonical=canonical,
        language=str(language or "en"),
    )
