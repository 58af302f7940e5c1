"""The URL policy: where every page of the site lives. The one place that decides paths.

A *location* is a site-relative path without slashes at either end (``posts/my-essay``, ``tags``,
``""`` for the home page). With ``use_directory_urls`` (MkDocs' default and Hugo's only mode) a
location is served as ``<location>/index.html`` and linked as ``<location>/``; a location that
ends in ``.html`` is that file (an essay under ``ugly_urls``, an alias).

Defaults are Hugo's: essays at ``<section>/<slug>/``, terms at ``<taxonomy>/<term>/``, so the
links into a migrated site keep working. ``permalinks`` (Hugo's patterns, :mod:`.permalinks`)
move essays, other pages, sections, terms and taxonomies as Hugo moves them; ``ugly_urls``
publishes a section's pages and a taxonomy's terms as ``x.html``. Cards live at
``patterns/<essay key>/<heading>/``.
"""

from __future__ import annotations

import posixpath
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any
from urllib.parse import quote

from ..model import Essay, PathError, clean_path
from ..model.slugs import fit_location, hugo_path, hugo_slug, is_url, too_deep
from .permalinks import PageFacts, Pattern, PermalinkError, Permalinks, Rule

__all__ = ["UglyUrls", "UrlPolicy", "folder_of", "relative_url"]


@dataclass(frozen=True)
class UglyUrls:
    """Hugo's ``uglyURLs``: ``true`` for the whole site, or a table of sections (and
    taxonomies) -> ``true``/``false``. A page is ``x.html`` instead of ``x/``; sections,
    taxonomies and the home page keep their ``index.html``, as in Hugo."""

    everywhere: bool = False
    sections: tuple[tuple[str, bool], ...] = ()

    @classmethod
    def of(cls, value: Any) -> UglyUrls:
        if isinstance(value, Mapping):
            return cls(False, tuple((str(k).strip("/").lower(), bool(v)) for k, v in value.items()))
        return cls(bool(value))

    def __bool__(self) -> bool:
        return self.everywhere or any(on for _, on in self.sections)

    def applies(self, section: str) -> bool:
        """For the pages of the top-level ``section`` (or the terms of a taxonomy)."""
        return dict(self.sections).get(section.lower(), self.everywhere)


def folder_of(location: str) -> str:
    """Where what belongs to a page lives (``tags/x/feed.xml``, ``tags/x/page/2``): the
    location itself, or, for a page published as a file (``tags/x.html``), its name without
    ``.html`` (Hugo: ``tags/x/page/2.html``, a bundle's ``x/photo.png``)."""
    if location.endswith("/index.html"):  # a permalink's folder named x.html
        return location[: -len("/index.html")]
    for suffix in (".html", ".htm"):
        if location.endswith(suffix):
            return location[: -len(suffix)]
    return location


@dataclass(frozen=True)
class UrlPolicy:
    use_directory_urls: bool = True
    cards_dir: str = "patterns"
    permalinks: Permalinks = field(default_factory=Permalinks)
    ugly: UglyUrls = field(default_factory=UglyUrls)
    lower: bool = True
    """Lower-case the paths made from names (Hugo's default; ``disablePathToLower`` keeps
    their case)."""
    hugo_titles: bool = False
    """``:title`` and ``:slug`` read the title of the front matter only, as Hugo does (an
    imported site); else the title the essay shows (its first heading, its file name)."""
    sections: Mapping[str, tuple[str | None, str | None]] = field(
        default_factory=dict, hash=False, compare=False
    )
    """Folders with an ``_index.md`` (Hugo's sections below the top) -> its ``slug`` and
    ``title``, for ``:sections`` and ``:sectionslug``."""
    slugged: bool = False
    """Whether one of them has a ``slug``, which renames its folder in URLs."""
    _dests: dict[str, str] = field(
        default_factory=dict, init=False, repr=False, hash=False, compare=False
    )
    """Location -> its file (:meth:`dest`), worked out once for this policy (one build's)."""
    _urls: dict[str, str] = field(
        default_factory=dict, init=False, repr=False, hash=False, compare=False
    )
    """Location -> its URL (:meth:`url`), likewise."""
    _terms: dict[tuple[str, str], str] = field(
        default_factory=dict, init=False, repr=False, hash=False, compare=False
    )
    """(taxonomy, term slug) -> the term's location (:meth:`term`), likewise: each listing
    page asks for the terms of each essay it lists."""

    # -- locations ---------------------------------------------------------------------------

    def essay(self, essay: Essay) -> str:
        """Hugo's URL for an essay: ``url`` if set (its tokens expanded), else the permalink of
        its section, else ``<section>/<slug>``; ``x.html`` under ``ugly_urls``.

        Raises :class:`PathError` for a ``url`` that leaves the site, a ``slug`` that is a
        whole URL, a permalink that gives the home page's address, or a path too deep or too
        long for a file system to hold.
        """
        if essay.front.url is not None:
            return self.url_location(essay.front.url, self.essay_facts(essay))
        if essay.front.slug is not None and is_url(essay.front.slug):
            raise PathError(
                f"'slug' {essay.front.slug!r} is a whole URL; a slug is the last part of the "
                "essay's own address (posts/<slug>/): write a name such as 'my-essay', or set "
                "'url' to a path of this site"
            )
        section = self.folder_path(self.folder_of(essay.src_uri)) if self.slugged else essay.section
        default = posixpath.join(section, essay.slug) if section else essay.slug
        return self.page(self.path_of(essay.src_uri), default, lambda: self.essay_facts(essay))

    def page(self, path: str, default: str, facts: Any) -> str:
        """A regular page at ``path`` (its folder and name, ``posts/2020/x``): the permalink
        of its section (``facts()`` gives its :class:`PageFacts`), else ``default``; ``.html``
        under ``ugly_urls``. Raises :class:`PathError` (see :meth:`essay`)."""
        rule = self.permalinks.rule("page", path)
        location = default if rule is None else self._expand(rule, facts())
        problem = too_deep(location)
        if problem:
            raise PathError(f"the essay's path {location[:60]!r}… {problem}")
        if self.ugly.applies(path.split("/", 1)[0]) and location:
            location += ".html"  # (a pattern ending in .html: x.html.html, as Hugo writes it)
        elif rule is not None and location.endswith((".html", ".htm")):
            location += "/index.html"  # Hugo 0.168: a folder named x.html
        return location

    def permalinked(self, essay: Essay) -> bool:
        """Whether a permalink pattern places the essay (no ``url`` of its own)."""
        return essay.front.url is None and bool(
            self.permalinks.rule("page", self.path_of(essay.src_uri))
        )

    def url_location(self, url: str, facts: PageFacts | None = None) -> str:
        """The location a front matter ``url`` names; Hugo expands permalink tokens in it
        (``url = "/:year/:slug/"``, as a ``cascade`` sets it)."""
        text = url.strip()
        if ":" in text and facts is not None and not is_url(text):
            try:
                pattern = Pattern.parse(text)
            except PermalinkError:
                pattern = None  # a colon that is no token: the path as written
            if pattern is not None and pattern.has_tokens:
                text = "/" + pattern.expand(facts, lower=self.lower) + "/"
        location = clean_path(text, what="'url'")
        problem = too_deep(location)
        if problem:
            raise PathError(f"'url' {problem}")
        return location

    def _expand(self, rule: Rule, facts: PageFacts) -> str:
        location = rule.pattern.expand(facts, lower=self.lower)
        if not location:
            raise PathError(
                f"{rule.where}: {rule.pattern.text!r} gives it the address of the home page; "
                "add a token that tells pages apart, such as :slug"
            )
        return location

    def folder_path(self, folder: str) -> str:
        """A folder as Hugo 0.168 writes it in the URLs of the pages inside: each name as a
        path, or the ``slug`` of its ``_index.md`` (``notes/deep/`` with ``slug: deeper`` is
        ``notes/deeper/``, and so are the pages below it)."""
        parts = [p for p in folder.split("/") if p]
        out = []
        for depth, part in enumerate(parts, start=1):
            slug = self.sections.get("/".join(parts[:depth]), (None, None))[0]
            name = hugo_slug(slug, self.lower) if slug else hugo_path(part, lower=self.lower)
            if name:
                out.append(name)
        return "/".join(out)

    @staticmethod
    def folder_of(src_uri: str) -> str:
        """The folder a page is in (a leaf bundle: the folder holding the bundle)."""
        folder, name = posixpath.split(src_uri)
        if posixpath.splitext(name)[0] in ("index", "README") and folder:
            return posixpath.dirname(folder)
        return folder

    def path_of(self, src_uri: str) -> str:
        """A page's own path as Hugo matches permalinks against it: folders and name, without
        the extension (a leaf bundle: its folder), lower case."""
        folder, name = posixpath.split(src_uri)
        stem = posixpath.splitext(name)[0]
        if stem in ("index", "README") and folder:
            return folder.lower()
        return posixpath.join(folder, stem).lower()

    def essay_facts(self, essay: Essay) -> PageFacts:
        front = essay.front
        title = (front.title or "") if self.hugo_titles else essay.title
        return self.facts(essay.src_uri, date=front.date, title=title, slug=front.slug)

    def facts(
        self, src_uri: str, *, date: Any = None, title: str = "", slug: str | None = None
    ) -> PageFacts:
        """What the tokens read of the page at ``src_uri``."""
        folder, name = posixpath.split(src_uri)
        stem = posixpath.splitext(name)[0]
        if stem in ("index", "README") and folder:  # a leaf bundle: its folder's name
            folder, stem = posixpath.split(folder)
        stem = stem.rsplit(".", 1)[0] if "." in stem else stem  # x.en.md: x
        sections, slugs = self.section_path(folder)
        return PageFacts(
            date=date,
            title=title,
            slug=slug,
            filename=stem,
            sections=sections,
            section_slugs=slugs,
        )

    def section_path(self, folder: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """Hugo's section of a page in ``folder``: the deepest folder above it (itself
        included) with an ``_index.md``, or the top folder; its path and each level's slug
        (or title)."""
        parts = [p for p in folder.split("/") if p]
        while len(parts) > 1 and "/".join(parts) not in self.sections:
            parts.pop()
        slugs = []
        for depth in range(1, len(parts) + 1):
            slug, title = self.sections.get("/".join(parts[:depth]), (None, None))
            automatic = parts[depth - 1][:1].upper() + parts[depth - 1][1:]
            slugs.append(slug or title or automatic)
        return tuple(parts), tuple(slugs)

    def section(self, folder: str) -> str:
        """A section's page (``posts``, ``docs/guides``): its permalink (``[permalinks.section]``),
        else its folders as Hugo writes them."""
        folder = folder.strip("/")
        default = self.folder_path(folder)
        rule = self.permalinks.rule("section", folder)
        if rule is None or not folder:
            return default
        slug, title = self.sections.get(folder, (None, None))
        parts = [p for p in folder.split("/") if p]
        facts = PageFacts(
            title=title or parts[-1][:1].upper() + parts[-1][1:],
            slug=slug,
            sections=tuple(parts),
            section_slugs=self.section_path(folder)[1],
        )
        return self._expand(rule, facts)

    def taxonomy(self, name: str) -> str:
        rule = self.permalinks.rule("taxonomy", name)
        if rule is None:
            return name
        slug, title = self.sections.get(name, (None, None))
        title = title or name[:1].upper() + name[1:]
        facts = PageFacts(title=title, slug=slug, sections=(name,), section_slugs=(title,))
        return self._expand(rule, facts)

    def term(self, taxonomy: str, slug: str) -> str:
        """A term's page: ``<taxonomy>/<term>``, or its permalink, whose ``:slug`` and
        ``:title`` are those of the term's ``_index.md`` when it has one (Hugo 0.168), else
        the term itself."""
        known = self._terms.get((taxonomy, slug))
        if known is None:
            known = self._terms[(taxonomy, slug)] = self._term(taxonomy, slug)
        return known

    def _term(self, taxonomy: str, slug: str) -> str:
        rule = self.permalinks.rule("term", f"{taxonomy}/{slug}")
        location = f"{taxonomy}/{slug}"
        if rule is not None:
            own_slug, own_title = self.sections.get(location, (None, None))
            plural = self.sections.get(taxonomy, (None, None))[1]
            plural = plural or taxonomy[:1].upper() + taxonomy[1:]
            facts = PageFacts(
                title=own_title or slug,
                slug=own_slug,
                sections=(taxonomy,),
                section_slugs=(plural,),
            )
            location = self._expand(rule, facts)
        if self.ugly.applies(taxonomy):
            location += ".html"
        return location

    def cards(self) -> str:
        return self.cards_dir

    def card(self, essay_slug: str, heading_slug: str) -> str:
        return f"{self.cards_dir}/{essay_slug}/{heading_slug}"

    # -- files and links ---------------------------------------------------------------------

    def src_uri(self, location: str) -> str:
        """The path a virtual Markdown file pretends to have in the docs folder."""
        return f"{location}/index.md" if location else "index.md"

    def dest(self, location: str) -> str:
        """The file written in the site folder. A folder or file name longer than a file system
        holds (a long heading, tag or slug) is shortened, with a hash that keeps two long names
        apart (:func:`~mkdocs_essays.model.slugs.fit_location`); links follow, since every URL
        is made from here."""
        dest = self._dests.get(location)
        if dest is None:
            dest = self._dests[location] = self._dest(location)
        return dest

    def _dest(self, location: str) -> str:
        if location.endswith((".html", ".htm")):
            return fit_location(location)
        if not location:
            return "index.html"
        if self.use_directory_urls:
            return fit_location(f"{location}/index.html")
        if location.endswith("/index"):
            return fit_location(f"{location}/index.html")
        return fit_location(f"{location}.html")

    def url(self, location: str) -> str:
        """The site-relative URL of a location, percent-encoded (as MkDocs' ``File.url``)."""
        url = self._urls.get(location)
        if url is None:
            directory, filename = posixpath.split(self.dest(location))
            if self.use_directory_urls and filename == "index.html":
                url = quote((directory or ".") + "/")
            else:
                url = quote(self.dest(location))
            self._urls[location] = url
        return url


def _segments(path: str) -> list[str]:
    return [part for part in path.split("/") if part and part != "."]


@lru_cache(maxsize=1 << 14)
def relative_url(target: str, base: str) -> str:
    """``target`` relative to the page at ``base`` (both site-relative URLs, as MkDocs gives).

    Same result as ``mkdocs.utils.get_relative_url`` (a test compares them); kept here so the
    core needs no MkDocs, and cached: listings ask for the same few links on every page.
    """
    path, hashmark, fragment = target.partition("#")
    target_dir, _, target_name = path.rpartition("/")
    if base in (".", "./", ""):
        base_dir = ""
    elif base.endswith("/"):
        base_dir = base[:-1]
    else:
        base_dir = base.rpartition("/")[0]
    to, start = _segments(target_dir), _segments(base_dir)
    common = 0
    for a, b in zip(to, start, strict=False):
        if a != b:
            break
        common += 1
    rel = "/".join([".."] * (len(start) - common) + to[common:])
    if target_name:
        joined = f"{rel}/{target_name}" if rel else target_name
    else:
        joined = f"{rel}/" if rel else "./"
    return joined + hashmark + fragment
