"""Incremental builds: `mkdocs serve` renders again only the pages
whose inputs changed, and the site they leave is the one a full build writes.

MkDocs builds every page at every save. The plugin keeps a record of each page it saw built
(:class:`PageRecord`: the key of its inputs, :mod:`.keys`; where its HTML is; its search
entries; the warnings it gave) and of what each essay's rendering gave the rest of the build
(:mod:`.products`). In the next build:

1. ``on_pre_build``: MkDocs is pointed at an empty folder beside the site (``config.site_dir``
   is changed for the build), so the site the last build left is not deleted: the server
   keeps serving it while this build runs, and pages that do not change are not written;
2. ``on_files``: every page that has a record is left out of the build
   (``InclusionLevel.EXCLUDED``: MkDocs neither reads, renders nor writes it), except the
   essays whose Markdown or address changed (they must be rendered to give their products).
   An essay left out gives the build its products as its rendering would. The pages in the
   navigation are left out at ``on_nav``, once MkDocs has made the navigation with them (left
   out before, they would be missing from every page's navigation), with the title and meta
   their last build gave them;
3. ``on_env``: every page's key is worked out (all the build's data is known by then); a page
   left out whose key differs from its record's is taken back in and read as MkDocs reads
   a page (``_populate_page``), before the plugin fills in what depends on every essay;
4. each page built gets, before the search plugin reads it, the search entries of the pages
   left out before it (:mod:`.search`); ``sitemap.xml`` lists every page;
5. ``on_post_build``: what MkDocs wrote is moved into the site, over the old files (the pages
   it rendered were written into one folder, not each into a folder of its own: see
   :meth:`Run._write_flat`); files the site no longer has are deleted; ``config.site_dir`` is
   set back.

A page left out is never half used: its key (everything it shows) and its output file (same
size and modification time as recorded) must both match, or it is built. A build that fails
leaves the last site and records as they were.

The records stay in memory while `mkdocs serve` runs (the plugin object outlives its builds),
and on disk (:mod:`.disk`: ``.cache/mkdocs-essays/`` beside ``mkdocs.yml``) for the next
command: a second `mkdocs build`, or `mkdocs serve` started again, begins from them.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import itertools
import logging
import os
import posixpath
import re
import shutil
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from importlib import metadata
from pathlib import PurePath
from typing import TYPE_CHECKING, Any

import mkdocs
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from ..cache import config_fingerprint
from . import patching
from . import products as made
from .converted import Conversions
from .disk import Disk
from .keys import CONTENT, Keys, Memo, digest_of, stable_repr
from .search import IndexText, SearchEntries, search_entries
from .templates import Compiled

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.nav import Navigation

    from ..build import EssaysBuild
    from ..config import EssaysConfig

__all__ = ["Incremental", "PageRecord", "State"]

log = get_plugin_logger("mkdocs_essays.incremental")

SAFE_PLUGINS = frozenset({"search", "material/search", "essays"})
"""Plugins whose work on a page a build without that page can do without: the search
plugin's entries are kept (:mod:`.search`). Another plugin turns incremental builds off."""
NEW = ".mkdocs-essays-new"
"""Suffix of the folder MkDocs writes a build into, beside the site, before it is moved in."""
FLAT = ".pages"
"""The folder, in the one MkDocs writes a build to, that it writes the pages to
(:meth:`Run._write_flat`); hidden, as MkDocs' clean leaves it."""
OLD = ".replaced"
"""The folder, there too, that holds the files the build replaces until it is deleted."""

Warning_ = tuple[str, int, str]
Copied = tuple[object, tuple[int, int]]
"""What a file copied as it is was made from (its source's size and modification time, or
the content a plugin gave it), and its copy's size and modification time."""


@dataclass(frozen=True)
class PageRecord:
    """A page as the last build that built it left it."""

    key: bytes
    dest: str
    """Its file, relative to the site's folder."""
    stat: tuple[int, int]
    """Size and modification time (ns) of that file as written."""
    search: tuple[dict[str, Any], ...] | None
    warnings: tuple[Warning_, ...] = ()
    lookups: tuple[str, ...] = ()
    """The paths its Markdown's links were looked up at (what they resolve to is part of its
    key)."""
    nav: tuple[str | None, dict[str, Any]] | None = None
    """A page in the navigation: its title and meta as built (what the navigation of every
    other page shows of it, while it is not built)."""
    depends: tuple[object, ...] | None = None
    """What decided its key, when its feature says it (:mod:`.keys`)."""
    local: patching.Local | None = None
    """Its local map as written, when the page can get another put in its place
    (:mod:`.patching`)."""


@dataclass
class State:
    """What the last complete build left."""

    generation: bytes
    site_dir: str
    pages: dict[str, PageRecord] = field(default_factory=dict)
    products: dict[str, made.Products] = field(default_factory=dict)
    files: frozenset[str] = frozenset()
    """Every file the build left in ``site_dir`` (relative, ``/``-separated)."""
    static: dict[str, Copied] = field(default_factory=dict)
    """Each file MkDocs copied or wrote into the site as it is (the theme's assets, the
    writer's images, the plugin's ``cards.json`` and feeds) -> what it was made from (its
    source's size and modification time, or its content) and its copy's size and modification
    time. Under `mkdocs serve` only (not kept on disk)."""


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return ""


def _tree(folder: str) -> tuple[tuple[str, int, int], ...]:
    """(path, size, mtime) of every file under ``folder`` (a theme's custom_dir)."""
    out = []
    for top, dirs, names in os.walk(folder):
        dirs.sort()
        for name in sorted(names):
            path = os.path.join(top, name)
            try:
                stat = os.stat(path)
            except OSError:
                continue
            out.append((os.path.relpath(path, folder), stat.st_size, stat.st_mtime_ns))
    return tuple(out)


def _package_digest() -> bytes:
    """The plugin's own files (a working copy changes without a new version number)."""
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    parts = []
    for path, size, mtime in _tree(root):
        if "__pycache__" not in path:
            parts.append((path, size, mtime))
    return digest_of(tuple(parts))


_PACKAGE = _package_digest()


def _custom_dirs(config: MkDocsConfig) -> list[str]:
    """The theme's folders that are the writer's (``custom_dir``), not an installed theme's."""
    import mkdocs

    packages = os.path.dirname(os.path.dirname(os.path.abspath(mkdocs.__file__)))
    return [folder for folder in config.theme.dirs if not folder.startswith(packages)]


def generation(config: MkDocsConfig, options: EssaysConfig, *, serve: bool) -> bytes:
    """What invalidates every record: versions of everything, the configuration as written and
    as MkDocs read it, and the files of a theme's custom folders."""
    import mkdocs

    theme = config.theme
    custom = _custom_dirs(config)
    themes = tuple((folder, _tree(folder) if folder in custom else ()) for folder in theme.dirs)
    plugins = tuple(
        (name, stable_repr(sorted(getattr(plugin, "config", {}).items())))
        for name, plugin in config.plugins.items()
    )
    return digest_of(
        "mkdocs-essays incremental 1",
        _version("mkdocs-essays"),
        _PACKAGE,
        mkdocs.__version__,
        _version("mkdocs-material"),
        sys.version,
        config_fingerprint(config.config_file_path, options),
        serve,
        config.site_url,
        config.use_directory_urls,
        config.docs_dir,
        stable_repr(sorted((k, stable_repr(v)) for k, v in theme.items())),
        themes,
        plugins,
        stable_repr(config.markdown_extensions),
        stable_repr(config.mdx_configs),
        stable_repr(config.extra),
        stable_repr(config.extra_css),
        stable_repr(config.extra_javascript),
        stable_repr(config.nav),
        stable_repr(config.validation),
    )


def _is_content(record: PageRecord) -> bool:
    """The record is of a page patched with a new content (not a new local map)."""
    return record.local is not None and record.local.value.startswith(CONTENT)


def _nav_digest(nav: Navigation | None) -> bytes:
    """What the navigation shows on every page: its items' titles, addresses and meta."""
    if nav is None:
        return b""

    def walk(items: Any) -> tuple[Any, ...]:
        out: list[Any] = []
        for item in items:
            children = getattr(item, "children", None)
            if children is not None:
                out.append(("section", item.title, walk(children)))
            elif isinstance(item, Page):
                out.append(("page", item.title, item.url, item.file.src_uri, repr(item.meta)))
            else:
                out.append(("link", item.title, getattr(item, "url", None)))
        return tuple(out)

    return digest_of(walk(nav.items))


class _Warnings(logging.Handler):
    """Warnings given while MkDocs reads or builds a page, by page (replayed when the page is
    not built again: a strict build fails as a full one would)."""

    def __init__(self, config: MkDocsConfig) -> None:
        super().__init__(logging.WARNING)
        self.config = config
        self.by_page: dict[str, list[Warning_]] = {}
        self.replaying = False

    def emit(self, record: logging.LogRecord) -> None:
        if self.replaying:
            return
        page = getattr(self.config, "_current_page", None)
        if page is None:
            return
        self.by_page.setdefault(page.file.src_uri, []).append(
            (record.name, record.levelno, record.getMessage())
        )


class _SitemapSkipped(logging.Filter):
    """MkDocs says it skipped a template that gave nothing: ``sitemap.xml``, when the last
    build's stands (:meth:`Run.post_template`), is not skipped but kept."""

    def __init__(self) -> None:
        super().__init__()
        self.on = False

    def filter(self, record: logging.LogRecord) -> bool:
        if self.on and record.getMessage() == _SKIPPED:
            self.on = False
            return False
        return True


_SKIPPED = "Template skipped: 'sitemap.xml' generated empty output."


class _LeftOutLinks(logging.Filter):
    """MkDocs notes each link to a page it does not build ("excluded from the built site");
    the pages this build leaves out are in the site all the same."""

    _LINK = re.compile(r"contains a link to '(.*)' which is excluded from the built site")

    def __init__(self, left_out: dict[str, Any]) -> None:
        super().__init__()
        self.left_out = left_out

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno > logging.INFO:
            return True
        found = self._LINK.search(record.getMessage())
        return found is None or found.group(1) not in self.left_out


class Incremental:
    """The plugin's memory of the last build (the plugin object outlives every build of
    `mkdocs serve`), and the incremental side of each build (:class:`Run`)."""

    def __init__(self, *, disk: bool = True) -> None:
        self.state: State | None = None
        self.run: Run | None = None
        self.use_disk = disk
        """Whether the records are kept on disk too (:mod:`.disk`), for the next command."""
        self.disk: Disk | None = None
        self._kept_once = False
        self._unsaved: tuple[State, dict[Any, Any]] | None = None
        self.built: list[str] = []
        """The pages the last build built (src_uri), for the benchmark and tests."""
        self.patched: list[str] = []
        """The pages of the last build that got a new local map (or a new content) in the file
        the build before wrote (:mod:`.patching`): not built (not among :attr:`built`)."""
        self.contents: list[str] = []
        """Those of :attr:`patched` that got a new content (a listing's later pages)."""
        self.decided = 0
        """How many pages the last build kept by what decides their inputs (:mod:`.keys`)."""
        self.listed: dict[str, _Listed] = {}
        """Pages left out as ``sitemap.xml`` sees them, kept from build to build."""
        self.sitemap: tuple[tuple[object, ...], str] | None = None
        """What the last ``sitemap.xml`` listed, and the XML it came out as (:meth:`Run.
        template_context`)."""
        self.memo = Memo()
        """What key making keeps from build to build (:class:`.keys.Memo`)."""
        self.compiled = Compiled()
        """The theme's and the plugin's templates, compiled once (:mod:`.templates`)."""
        self.conversions = Conversions()
        """MkDocs' Markdown conversion of each page, kept by what it is made from."""
        self.index_text = IndexText()
        """The search index's entries as JSON, kept while they are the same (:mod:`.search`)."""
        self.wrote: State | None = None
        """The records of the last build of this `mkdocs serve`, made as it wrote the site: the
        server's site is MkDocs' own temporary folder, which only its builds write, so their
        files are as recorded (:meth:`Run._present`)."""
        self._said: set[str] = set()

    def _say(self, why: str) -> None:
        if why not in self._said:
            self._said.add(why)
            log.info(f"incremental builds are off: {why}")

    def begin(
        self,
        config: MkDocsConfig,
        options: EssaysConfig,
        build: EssaysBuild,
        *,
        serve: bool,
        dirty: bool,
        languages: int,
    ) -> None:
        """``on_config``: whether this build can be incremental."""
        self.run = None
        if not options.cache or not (serve or self.use_disk):
            # (`mkdocs build` builds once per process: records kept in memory only would serve
            # no later build)
            return
        why = None
        others = [name for name in config.plugins if name not in SAFE_PLUGINS]
        if dirty:
            why = "MkDocs' --dirty builds are MkDocs' own"
        elif others:
            why = (
                f"the plugin{'s' if len(others) > 1 else ''} {', '.join(others)} may do work "
                "on each page that a build without the page would miss; every page is built"
            )
        elif config.hooks:
            why = "hooks may do work on each page; every page is built"
        elif config.extra_templates:
            why = "extra_templates may list every page; every page is built"
        elif languages > 1:
            why = "a site in several languages is built whole"
        else:
            try:
                from mkdocs.commands.build import _populate_page  # noqa: F401
            except ImportError:  # (a version of MkDocs this was not made for)
                why = "this version of MkDocs reads pages differently; every page is built"
        if why is not None:
            self._say(why)
            return
        if self.use_disk:  # (one per project and command, kept over `mkdocs serve`'s builds)
            disk = Disk(config.config_file_path, "serve" if serve else "build")
            if self.disk is None or self.disk.root != disk.root:
                self.disk = disk
        self.run = Run(self, config, options, build, serve=serve)
        self.conversions.begin()

    def end(self) -> None:
        self.run = None

    def keep(self, state: State, content: dict[Any, Any], *, serve: bool) -> None:
        """A build is done: its records go to disk. `mkdocs build` writes them now; `mkdocs
        serve` writes its first build's while it serves (a server stopped any way leaves
        them), then its last build's when it stops (Ctrl-C): writing ~70 MB at every save
        would slow the next save down."""
        assert self.disk is not None
        if not serve:
            self.disk.save(state, content, background=False)
        elif not self._kept_once:
            self._kept_once = True
            self.disk.save(state, content, background=True)
        else:
            self._unsaved = (state, content)

    def shutdown(self) -> None:
        """The command ends: the records not written yet are written."""
        if self.disk is None:
            return
        if self._unsaved is not None:
            state, content = self._unsaved
            self._unsaved = None
            self.disk.save(state, content, background=False)
        self.disk.wait()


class Run:
    """One build."""

    def __init__(
        self,
        engine: Incremental,
        config: MkDocsConfig,
        options: EssaysConfig,
        build: EssaysBuild,
        *,
        serve: bool,
    ) -> None:
        self.engine = engine
        self.config = config
        self.options = options
        self.build = build
        self.serve = serve
        self.included = InclusionLevel.is_in_serve if serve else InclusionLevel.is_included
        self.generation = b""
        self.state: State | None = None
        self.site_dir = ""
        """The site's folder (MkDocs writes this build elsewhere: :attr:`new_dir`)."""
        self.new_dir: str | None = None
        self.files: Files | None = None
        self.nav: Navigation | None = None
        self.keys: Keys | None = None
        self.left_out: dict[str, tuple[File, InclusionLevel]] = {}
        """src_uri -> (file, its inclusion), for each page left out at ``on_files``."""
        self.kept: dict[str, PageRecord] = {}
        """The pages not built: their records stand."""
        self._env: Any = None
        """This build's Jinja environment (``on_env``)."""
        self._sitemap: tuple[object, ...] | None = None
        """What this build's ``sitemap.xml`` lists, when MkDocs' own template renders it."""
        self._sitemap_given: str | None = None
        """The XML of the last build's, when it lists the same (rendered from no pages)."""
        self._sitemap_made: list[tuple[tuple[object, ...], str] | None] = []
        """What ``sitemap.xml`` lists and says, when this build wrote it (:meth:`finish`)."""
        self.sitemap_kept: frozenset[str] = frozenset()
        """``sitemap.xml`` and its ``.gz``, when the last build's stand (:meth:`post_template`)."""
        self._skipped = _SitemapSkipped()
        self.rendering: int | None = None
        """How many pages this build renders (known at ``on_env``)."""
        self.flat: dict[str, str] = {}
        """The path MkDocs writes each page rendered to -> where the page goes in the site
        (:meth:`_write_flat`)."""
        self.sources: dict[str, object] = {}
        """Each file copied as it is, by its place in the site -> what it is made from: its
        source's size and modification time before the copy, or its content
        (:meth:`_keep_copies`, :meth:`keep_written`)."""
        self.copies_kept: dict[str, Copied] = {}
        """The files copied as they are that this build does not copy again: their copies
        in the site are their sources' (:meth:`_keep_copies`)."""
        self.keys_now: dict[str, bytes] = {}
        """src_uri -> the key of each page left out and taken back in at ``on_env``."""
        self.locals_now: dict[str, tuple[str, bytes] | None] = {}
        """src_uri -> :meth:`.keys.Keys.local` of each of those pages."""
        self.patched: dict[str, tuple[PageRecord, bytes]] = {}
        """src_uri -> the record of each page left out that gets a new local map, or a new
        content (a listing's later page), and its file with it (:meth:`_patch`); written with
        the pages rendered (:meth:`_write_flat`)."""
        self._contents: list[tuple[File, PageRecord, bytes, tuple[str, bytes]]] = []
        """Pages left out that get a new content, once the pages taken back are read (their
        listings show them): :meth:`_patch_contents`."""
        self.spots: dict[str, tuple[int, int, bytes]] = {}
        """src_uri -> where the local map (or the content of a page the plugin renders whole)
        is in each page rendered (:func:`.patching.spot`)."""
        self.lookups: dict[str, list[str]] = {}
        self._looking: list[str] | None = None
        self._paths: list[str] | None = None
        self.products: dict[str, made.Products] = {}
        self.entries: dict[str, tuple[dict[str, Any], ...]] = {}
        self.search: SearchEntries | None = None
        self._listed: tuple[Files, list[File]] | None = None
        self._search_list: list[Any] | None = None
        self.warnings = _Warnings(config)
        self.filter = _LeftOutLinks(self.left_out)
        self._recorder: made.Recorder | None = None
        self.in_nav: Callable[[File], bool] = lambda file: False
        self._titled: set[str] = set()
        """Pages of the navigation left out, given their last title (see :meth:`on_nav`)."""
        build.site.renderer.env.bytecode_cache = engine.compiled

    # -- on_pre_build --------------------------------------------------------------------------

    def pre_build(self) -> None:
        config = self.config
        understood, entries = search_entries(config)
        if not understood:
            self.engine._say("the search plugin is not one this plugin knows")
            self.engine.run = None
            return
        self._search_list = entries
        self.generation = generation(config, self.options, serve=self.serve)
        self.site_dir = os.path.abspath(config.site_dir)
        state = self.engine.state
        if state is not None and (
            state.generation != self.generation or state.site_dir != self.site_dir
        ):
            state = self.engine.state = None
        disk = self.engine.disk
        if disk is not None:
            disk.wait()  # (the last build's records are written before anything changes)
        if state is None and disk is not None:
            loaded = disk.load(self.generation, self.site_dir)
            if loaded is not None:
                state = self.engine.state = loaded[0]
                self.build.site.cache.restore(loaded[1])
        if state is None:
            self.engine.memo = Memo()
        self.engine.memo.begin()
        self.state = state
        logging.getLogger("mkdocs").addHandler(self.warnings)
        logging.getLogger("mkdocs.structure.pages").addFilter(self.filter)
        logging.getLogger("mkdocs.commands.build").addFilter(self._skipped)
        if state is not None:  # the site stays; MkDocs writes this build beside it
            self.new_dir = self.site_dir + NEW
            shutil.rmtree(self.new_dir, ignore_errors=True)
            os.makedirs(self.new_dir)
            config.site_dir = self.new_dir

    # -- on_files ------------------------------------------------------------------------------

    def _lookups(self, src_uri: str) -> tuple[tuple[str, str | None], ...]:
        """What the paths a page's links were looked up at resolve to in this build."""
        paths = self.lookups.get(src_uri)
        if paths is None:
            record = self.state.pages.get(src_uri) if self.state is not None else None
            paths = list(record.lookups) if record is not None else []
        files = self.files
        assert files is not None
        src_uris = files.src_uris
        out = []
        for path in paths:
            file = src_uris.get(_posix(path))  # (Files.get_file_from_path, its path made once)
            out.append((path, file.url if file is not None else None))
        return tuple(out)

    def on_files(self, files: Files) -> None:
        """Leave out every page a record may stand for; essays left out give their products."""
        self.files = files
        build = self.build
        self.keys = Keys(build, self.generation, self._lookups, self.engine.memo)
        self._recorder = made.recorder(build)
        state = self.state
        self.in_nav = self._in_nav(files)
        self._keep_copies(files)
        if state is None:
            return
        in_nav = self.in_nav
        for file in self._documents(self.included):
            src = file.src_uri
            record = state.pages.get(src)
            if record is None or in_nav(file) or src in build.site.broken:
                continue
            if not self._present(record):
                continue
            essay = build.site.collection.get(src)
            if essay is not None and essay in build.site.locations:
                products = state.products.get(src)
                if products is None or products.key != self.keys.body(essay):
                    continue
                made.adopt(build, essay, products)
                self.products[src] = products
            self.left_out[src] = (file, file.inclusion)
            file.inclusion = InclusionLevel.EXCLUDED

    def _documents(self, inclusion: Callable[[InclusionLevel], bool] | None = None) -> list[File]:
        """The build's documentation pages (``Files.documentation_pages``), listed once: once
        the plugin's ``on_files`` is done no file comes or goes (only plugins this engine
        knows run), only their inclusion changes, which is read at each call. Going over
        6,700 files for it was 5 ms each time, seven times a build."""
        files = self.files
        assert files is not None
        listed = self._listed
        if listed is None or listed[0] is not files:
            listed = self._listed = (
                files,
                list(files.documentation_pages(inclusion=lambda _: True)),
            )
        documents = listed[1]
        if inclusion is None:
            return documents
        return [file for file in documents if inclusion(file.inclusion)]

    def _keep_copies(self, files: Files) -> None:
        """A file MkDocs copies into the site as it is, whose source is as it was when it was
        last copied and whose copy is as it was left, is not copied again (some 200 files of
        the theme each save)."""
        for file in files:
            if file.is_documentation_page() or not self.included(file.inclusion):
                continue
            source = file.abs_src_path
            if file.generated_by is not None or source is None:
                continue
            if getattr(file, "_content", None) is not None:  # (written: keep_written)
                continue
            try:
                stat = os.stat(source)
            except OSError:
                continue
            self._keep_copy(file, (stat.st_size, stat.st_mtime_ns))

    def keep_written(self, files: Files) -> None:
        """Once the plugins have given their files their content (``on_env``): a file whose
        content is what it was when it was last written, and whose copy is as it was left, is
        not written again (``cards.json``, ``graph.json``, the feeds)."""
        for file in files:
            if file.is_documentation_page() or not self.included(file.inclusion):
                continue
            content = getattr(file, "_content", None)
            if content is None:
                continue
            # (the content itself: comparing 10 MB that are equal takes a millisecond,
            # digesting them twenty)
            self._keep_copy(file, ("content", content))

    def _keep_copy(self, file: File, source: object) -> None:
        dest = file.dest_uri
        self.sources[dest] = source
        recorded = self.state.static.get(dest) if self.state is not None else None
        if recorded is None or recorded[0] != source:
            return
        try:
            copy = os.stat(os.path.join(self.site_dir, dest))
        except OSError:
            return
        if (copy.st_size, copy.st_mtime_ns) == recorded[1]:
            self.copies_kept[dest] = recorded
            file.copy_file = _copied  # type: ignore[method-assign]

    def _in_nav(self, files: Files) -> Callable[[File], bool]:
        nav = self.config.nav
        if nav is None:
            return lambda file: file.inclusion.is_in_nav()
        listed: set[str] = set()

        def walk(item: Any) -> None:
            if isinstance(item, str):
                listed.add(posixpath.normpath(item))
            elif isinstance(item, dict):
                for value in item.values():
                    walk(value)
            elif isinstance(item, list):
                for value in item:
                    walk(value)

        walk(nav)
        return lambda file: file.src_uri in listed

    def _present(self, record: PageRecord) -> bool:
        """The record's file is in the site, as written. Under `mkdocs serve`, the records
        of its last build are (:attr:`Incremental.wrote`): reading the status of 6,600 files
        was 3% of a word saved at 1,000 essays. Records read from the disk are checked."""
        if self.state is not None and self.state is self.engine.wrote:
            return True
        try:
            stat = os.stat(os.path.join(self.site_dir, record.dest))
        except OSError:
            return False
        return (stat.st_size, stat.st_mtime_ns) == record.stat

    # -- reading pages -------------------------------------------------------------------------

    def markdown_done(self, files: Files, page: Page) -> None:
        """Just before MkDocs renders a page's Markdown: note where its links are looked up;
        under `mkdocs serve`, a conversion made from what this one would be is given back
        (:mod:`.converted`)."""
        looked: list[str] = []
        self._looking = looked
        find = Files.get_file_from_path

        def looking(path: str) -> File | None:
            looked.append(path)
            return find(files, path)

        files.get_file_from_path = looking  # type: ignore[method-assign]
        if self.serve:
            src = page.file.src_uri
            self.engine.conversions.wrap(
                page,
                files,
                generation=self.generation,
                digest=self.engine.memo.text,
                looked=looked,
                warnings=lambda: self.warnings.by_page.get(src, []),
            )

    def content_start(self, page: Page, files: Files) -> None:
        """Its HTML is made (``on_page_content``): the lookups were its links'."""
        if self._looking is not None:
            self.lookups[page.file.src_uri] = list(dict.fromkeys(self._looking))
            self._looking = None
            if self.keys is not None and self.keys.bodies is not None:
                self.keys.bodies.pop(page.file.src_uri, None)  # (its links: looked up anew)
            if "get_file_from_path" in vars(files):
                del files.get_file_from_path
        self._paths = []
        if self._recorder is not None:
            self._recorder.seen = self._paths

    def content_done(self, page: Page) -> None:
        """The plugin has read the essay's HTML: keep what it gave."""
        if self._recorder is not None:
            self._recorder.seen = None
        build = self.build
        essay = build.site.collection.get(page.file.src_uri)
        if essay is None or essay not in build.site.locations or self.keys is None:
            return
        products = made.capture(build, essay, self.keys.body(essay), self._paths or [])
        if products is not None:
            self.products[essay.src_uri] = products

    # -- on_nav / on_env -------------------------------------------------------------------------

    def on_nav(self, nav: Navigation) -> None:
        """The pages in the navigation are left out now, once it is made with them: each keeps
        the title and meta its last build gave it, which is what the navigation of the other
        pages shows (a page whose key then differs is built, and if its title or meta come out
        different, every page is: see :meth:`on_env`)."""
        self.nav = nav
        state, files = self.state, self.files
        if state is None or files is None:
            return
        broken = self.build.site.broken
        for file in self._documents(self.included):
            src = file.src_uri
            record = state.pages.get(src)
            page = file.page
            if record is None or record.nav is None or page is None or src in broken:
                continue
            if src in self.left_out or not self.in_nav(file) or not self._present(record):
                continue
            title, meta = record.nav
            if "title" not in vars(page):  # (a title of the `nav:` setting stays)
                page.title = title
                self._titled.add(src)
            page.meta = dict(meta)
            self.left_out[src] = (file, file.inclusion)
            file.inclusion = InclusionLevel.EXCLUDED

    def on_env(self, env: Any, files: Files) -> None:
        """Every page's key; the pages left out whose key changed are read after all."""
        env.bytecode_cache = self.engine.compiled
        self._env = env
        self.build.views.rendered_all()
        keys = self.keys
        assert keys is not None
        nav = _nav_digest(self.nav)
        keys.site = digest_of(self.generation, nav)
        state = self.state
        later: list[File] = []
        if state is not None:
            for src, (file, _) in self.left_out.items():
                record = state.pages[src]
                key = keys.page(file, _reader(file), (record.depends, record.key))
                if key == record.key:
                    self.kept[src] = record
                    continue
                local = keys.local(src) if key is not None else None
                if key is not None and self._patch(file, record, key, local):
                    continue
                later.append(file)
                if key is not None:
                    # (its Markdown is the last build's, so are the paths its links ask
                    # for: the key it gets once built is this one)
                    self.keys_now[src] = key
                    self.locals_now[src] = local
        keys.bodies = None  # (pages are rendered from here: their links looked up anew)
        self._take_back(later, files)
        later += self._patch_contents(files)
        if later and self.kept and _nav_digest(self.nav) != nav:
            # (a page of the navigation built again shows another title or meta: every page
            # shows the navigation)
            log.info("the navigation changed: every page is built")
            everything = [self.left_out[src][0] for src in self.kept]
            self.kept.clear()
            self.patched.clear()
            self.keys_now.clear()
            self.locals_now.clear()
            keys.site = digest_of(self.generation, _nav_digest(self.nav))
            self._take_back(everything, files)
        for src, (file, level) in self.left_out.items():
            if src not in self.kept:  # (taken back in above)
                file.inclusion = level
        order = []
        for file in self._documents():
            held = self.left_out.get(file.src_uri)
            if self.included(held[1] if held else file.inclusion):
                order.append(file.src_uri)
        self.rendering = len(order) - len(self.kept)
        self._write_flat()
        if self._search_list is not None:
            kept = {src: record.search or () for src, record in self.kept.items()}
            self.search = SearchEntries(self._search_list, order, kept)
        self.warnings.replaying = True
        try:
            for record in self.kept.values():
                for name, levelno, message in record.warnings:
                    logging.getLogger(name).log(levelno, message)
        finally:
            self.warnings.replaying = False

    def _write_flat(self) -> None:
        """Each page this build renders is written into one folder beside the site, not into a
        folder of its own there: :meth:`_move_in` puts it in its place. A new essay at 1,000
        essays renders 530 pages, and making a folder for each took 0.1-0.25 s. The pages
        given a new local map are written there now."""
        if self.new_dir is None:
            return
        flat = os.path.join(self.new_dir, FLAT)
        os.mkdir(flat)
        for file in self._documents(self.included):
            if file.src_uri in self.kept:
                continue
            path = os.path.join(flat, str(len(self.flat)))
            file.abs_dest_path = path
            self.flat[path] = file.dest_uri
        for record, data in self.patched.values():
            path = os.path.join(flat, str(len(self.flat)))
            with open(path, "wb") as stream:
                stream.write(data)
            self.flat[path] = record.dest

    def _patch(
        self, file: File, record: PageRecord, key: bytes, local: tuple[str, bytes] | None
    ) -> bool:
        """A page left out whose key changed but not its key without its local map: its file
        as the last build wrote it, with the map drawn now in place of the one it has
        (:mod:`.patching`). False when it must be rendered. A page whose content alone
        changed is patched once the pages taken back are read (:meth:`_patch_contents`)."""
        was = record.local
        if local is None or was is None or local[1] != was.rest or self.new_dir is None:
            return False
        if local[0].startswith(CONTENT):
            if record.search:  # (its words are in the search index: the page is read again)
                return False
            self._contents.append((file, record, key, local))
            self.kept[file.src_uri] = record
            return True
        return self._put(file, record, key, local)

    def _put(self, file: File, record: PageRecord, key: bytes, local: tuple[str, bytes]) -> bool:
        """The page's file with what :func:`.patching.draw` makes now in place of what
        ``record.local`` says it holds (False: it must be rendered)."""
        was = record.local
        assert was is not None
        html = patching.draw(self.build, file.src_uri, file.url, local[0])
        if html is None:
            return False
        try:
            with open(os.path.join(self.site_dir, record.dest), "rb") as stream:
                old = stream.read()
        except OSError:
            return False
        made = patching.patch(old, was, html)
        if made is None:
            return False
        data, (at, length, digest) = made
        now = patching.Local(local[0], local[1], at, length, digest)
        self.kept[file.src_uri] = record
        self.patched[file.src_uri] = (replace(record, key=key, local=now), data)
        return True

    def _patch_contents(self, files: Files) -> list[File]:
        """The pages left out whose content alone changed get it in their files, rendered now
        that every page taken back is read (what a listing shows of an essay is what its
        rendering gave); those whose file is not as recorded are taken back, and returned."""
        later: list[File] = []
        for file, record, key, local in self._contents:
            if self._put(file, record, key, local):
                continue
            del self.kept[file.src_uri]
            later.append(file)
            self.keys_now[file.src_uri] = key
            self.locals_now[file.src_uri] = local
        self._contents.clear()
        self._take_back(later, files)
        return later

    def _take_back(self, later: list[File], files: Files) -> None:
        """Pages left out that are built after all: read as MkDocs reads a page."""
        if not later:
            return
        from mkdocs.commands.build import _populate_page

        for file in later:
            file.inclusion = self.left_out.pop(file.src_uri)[1]
            page = file.page
            if page is None or not self.in_nav(file):
                page = Page(None, file, self.config)
            elif file.src_uri in self._titled:  # (its own title, from what it is now)
                del vars(page)["title"]
            _populate_page(page, self.config, files)

    def template_context(self, name: str, context: Any) -> Any:
        """``sitemap.xml`` lists the pages left out too, as a full build lists them."""
        if name != "sitemap.xml" or not self.kept or self.files is None:
            return context
        from mkdocs.utils import get_build_date

        pages: list[Any] = []
        site_url = self.config.site_url
        today = get_build_date()
        listed = self.engine.listed
        for file in self._documents():
            held = self.left_out.get(file.src_uri)
            if held is None:
                if file.inclusion.is_included():
                    pages.append(file)
            elif held[1].is_included():
                stand_in = listed.get(file.src_uri)
                if stand_in is None or stand_in.seen != (file.url, site_url, today):
                    stand_in = listed[file.src_uri] = _Listed(file.url, site_url, today)
                pages.append(stand_in)
        context["pages"] = pages
        said = self._sitemap_lists(pages)
        kept = self.engine.sitemap
        if said is not None and kept is not None and kept[0] == said:
            # (listing 6,000 pages through Jinja again was 3% of a save at 1,000 essays)
            self._sitemap_given = kept[1]
            context["pages"] = []
        self._sitemap = said
        return context

    def _sitemap_lists(self, pages: list[Any]) -> tuple[object, ...] | None:
        """All MkDocs' ``sitemap.xml`` reads of each page, with what every page shares (a
        theme's own ``sitemap.xml`` may read more: None)."""
        if self._env is None:
            return None
        try:
            template = self._env.get_template("sitemap.xml")
        except Exception:  # (a theme without one: MkDocs skips it)
            return None
        if template.filename is None or os.path.normpath(template.filename) != _SITEMAP:
            return None
        assert self.keys is not None
        shown: list[object] = [self.keys.site]
        for file in pages:
            page = file.page
            if page is None:
                shown.append(None)
            else:
                shown.append((page.is_link, page.abs_url, page.canonical_url, page.update_date))
        return tuple(shown)

    def post_template(self, name: str, output: str) -> str:
        """``sitemap.xml``: the last build's when it lists the same pages. MkDocs writes
        nothing then (it skips a template whose output is empty), and the site's
        ``sitemap.xml`` and ``sitemap.xml.gz`` stand: writing them again and compressing 1 MB
        was some 20 ms of a save at 1,000 essays. The ``.gz`` is stamped with the pages' date,
        which is in the XML."""
        if name != "sitemap.xml":
            return output
        given, said = self._sitemap_given, self._sitemap
        self._sitemap_given = self._sitemap = None
        if given is not None:
            standing = frozenset({"sitemap.xml", "sitemap.xml.gz"})
            if self.serve and self.state is not None and standing <= self.state.files:
                self.sitemap_kept = standing
                self._skipped.on = True
                return ""
            return given
        # (the last build's until this one is done: a build that fails after writing it,
        # beside the site, leaves the site's own, which the next build must not keep for it)
        self._sitemap_made = [(said, output) if said is not None else None]
        return output

    # -- building pages ------------------------------------------------------------------------

    def page_written(self, page: Page, output: str) -> None:
        """Where the page's local map (or the content of a page the plugin renders whole, as
        the theme was given it) is in what is written (:mod:`.patching`)."""
        build = self.build
        deferred = build.views.deferred
        drawn = deferred.drawn
        src = page.file.src_uri
        if (
            not drawn
            and deferred.given
            and src in build.specs
            and src not in build.hosted
            and not self.entries.get(src)  # (a page searched is not patched: _patch)
        ):
            drawn = [deferred.given]
        found = patching.spot(output, drawn)
        if found is not None:
            self.spots[page.file.src_uri] = found

    def page_context_before(self, page: Page) -> None:
        if self.search is not None:
            self.search.before(page.file.src_uri)

    def page_context_after(self, page: Page) -> None:
        if self.search is not None:
            self.entries[page.file.src_uri] = tuple(self.search.after())

    def post_build_search(self) -> None:
        if self.search is not None:
            self.search.finish()
            if self.serve:  # (`mkdocs build` writes one index per process)
                self.engine.index_text.install(self.config)

    # -- on_post_build -------------------------------------------------------------------------

    def finish(self) -> None:
        """Move the build into the site, delete what it no longer has, keep the records."""
        config = self.config
        try:
            self._sitemap_gz()
            written = self._move_in()
        finally:
            config.site_dir = self.site_dir
            self._detach()
        state = self.state
        keys = self.keys
        assert keys is not None and self.files is not None
        pages: dict[str, PageRecord] = {}
        present = set(written)
        depends = keys.depends
        for src, record in self.kept.items():
            patched = self.patched.get(src)
            if patched is not None:
                record = patched[0]
                with contextlib.suppress(OSError):  # (else the next build finds it changed)
                    stat = os.stat(os.path.join(self.site_dir, record.dest))
                    record = replace(record, stat=(stat.st_size, stat.st_mtime_ns))
            said = depends.get(src)
            if said != record.depends:  # (its key is this build's: so is what decided it)
                record = replace(record, depends=said)
            pages[src] = record
            present.add(record.dest)
        keys.bodies = {}  # (every page is rendered: an essay's body key is final)
        for file in self._documents(self.included):
            src = file.src_uri
            if src in self.kept or file.page is None:
                continue
            dest = file.dest_uri
            local: tuple[str, bytes] | None
            key: bytes | None
            if src in self.keys_now:
                key, local = self.keys_now[src], self.locals_now.get(src)
            else:
                key = keys.page(file, _reader(file))
                local = keys.local(src) if key is not None else None
            if key is None:
                continue
            spot = self.spots.get(src)
            mapped = patching.Local(local[0], local[1], *spot) if local and spot else None
            try:
                stat = os.stat(os.path.join(self.site_dir, dest))
            except OSError:
                continue  # (an empty page: MkDocs wrote nothing)
            search = self.entries.get(src) if self.search is not None else None
            pages[src] = PageRecord(
                key=key,
                dest=dest,
                stat=(stat.st_size, stat.st_mtime_ns),
                search=search,
                warnings=tuple(self.warnings.by_page.get(src, ())),
                lookups=tuple(self.lookups.get(src, ())),
                nav=(file.page.title, dict(file.page.meta)) if self.in_nav(file) else None,
                depends=depends.get(src),
                local=mapped,
            )
        static = dict(self.copies_kept)
        for dest, source in self.sources.items():
            if dest in static or dest not in present:
                continue
            try:
                copy = os.stat(os.path.join(self.site_dir, dest))
            except OSError:
                continue
            static[dest] = (source, (copy.st_size, copy.st_mtime_ns))
        present.update(self.copies_kept)
        present.update(self.sitemap_kept)
        products = {
            src: p
            for src, p in self.products.items()
            if self.build.site.collection.get(src) is not None
        }
        self.engine.state = State(
            self.generation,
            self.site_dir,
            pages,
            products,
            frozenset(present),
            static,
        )
        self.engine.wrote = self.engine.state if self.serve else None
        if self._sitemap_made:
            self.engine.sitemap = self._sitemap_made[0]
        self.engine.built = [src for src in pages if src not in self.kept]
        self.engine.patched = list(self.patched)
        self.engine.contents = [
            src for src, (record, _) in self.patched.items() if _is_content(record)
        ]
        self.engine.decided = keys.decided
        documents = self._documents()
        self.engine.conversions.keep_only({file.src_uri for file in documents})
        if self.engine.disk is not None:
            self.engine.keep(self.engine.state, self.build.site.cache.export(), serve=self.serve)
        if state is not None:
            built = len(pages) - len(self.kept)
            notes = []
            contents = len(self.engine.contents)
            if len(self.patched) > contents:
                notes.append(f"{len(self.patched) - contents} with a new local map")
            if contents:
                notes.append(f"{contents} with a new content")
            note = f" ({', '.join(notes)})" if notes else ""
            log.info(
                f"{built} page{'s' if built != 1 else ''} built, {len(self.kept)} kept as the "
                f"last build left them{note}"
            )

    def _sitemap_gz(self) -> None:
        """MkDocs stamps ``sitemap.xml.gz`` with the latest date of the pages it built, or with
        the time of the build when it built none: a build that left every page out writes it
        again, stamped as a full build stamps it."""
        files = self.files
        if not self.kept or files is None:
            return
        if any(f.page is not None for f in self._documents(InclusionLevel.is_included)):
            return
        path = os.path.join(self.config.site_dir, "sitemap.xml")
        try:
            with open(path, "rb") as stream:
                data = stream.read()
        except OSError:
            return
        from mkdocs.utils import get_build_timestamp

        stamp = get_build_timestamp(pages=[_Listed("", None, _today())])  # type: ignore[list-item]
        with (
            open(path + ".gz", "wb") as out,
            gzip.GzipFile(fileobj=out, filename=path + ".gz", mode="wb", mtime=stamp) as gz,
        ):
            gz.write(data)

    def _move_in(self) -> frozenset[str]:
        """Every file of this build, in the site (relative paths)."""
        if self.new_dir is None:  # (a first build; `mkdocs build`'s next is another process)
            return frozenset(_files_under(self.site_dir)) if self.serve else frozenset()
        new = self.new_dir
        written = _files_under(new)
        moves = [(os.path.join(new, rel), rel) for rel in written]
        kept_old = os.path.join(new, OLD)
        if self.serve:  # (see below)
            os.mkdir(kept_old)
        flat = os.path.join(new, FLAT)
        made = {entry.path for entry in os.scandir(flat)} if self.flat else set()
        for path, rel in self.flat.items():
            if path in made:  # (MkDocs writes no file for an empty page)
                moves.append((path, rel))
                written.append(rel)
        made_dirs: set[str] = set()
        for at, (path, rel) in enumerate(moves):
            target = os.path.join(self.site_dir, rel)
            parent = os.path.dirname(target)
            if parent not in made_dirs:
                _make_dir(parent)
                made_dirs.add(parent)
            if os.path.isdir(target) and not os.path.islink(target):
                shutil.rmtree(target)
            if self.serve:
                # The file replaced is moved into the folder deleted while the server goes
                # on (:func:`_discard`), then the new one into its place: its blocks are freed
                # there, and the new file moved in replaces nothing, which on ext4 makes the
                # new file's blocks be allocated at once (``auto_da_alloc``). The 15 MB of
                # ``cards.json`` and the search index took 15-40 ms of a word saved, and 530
                # pages replaced (a new essay) twice as long. Between the two moves (a few
                # microseconds) the server answers 404 for that file; MkDocs without the
                # plugin serves an emptied site for a whole build.
                with contextlib.suppress(OSError):  # (none there)
                    os.rename(target, os.path.join(kept_old, str(at)))
            os.replace(path, target)
        keep = (
            set(written)
            | {record.dest for record in self.kept.values()}
            | self.copies_kept.keys()
            | self.sitemap_kept
        )
        assert self.state is not None
        for rel in self.state.files - keep:
            _remove(self.site_dir, rel)
        if not self.serve:  # `mkdocs build` cleans the site: what it did not write goes
            for rel in _files_under(self.site_dir):
                if rel not in keep:
                    _remove(self.site_dir, rel)
        _discard(new, wait=not self.serve)
        return frozenset(written)

    def _detach(self) -> None:
        logging.getLogger("mkdocs").removeHandler(self.warnings)
        logging.getLogger("mkdocs.structure.pages").removeFilter(self.filter)
        logging.getLogger("mkdocs.commands.build").removeFilter(self._skipped)
        files = self.files
        if files is not None and "get_file_from_path" in vars(files):
            del files.get_file_from_path

    def abort(self) -> None:
        """The build failed: the site and the records stay as the last build left them."""
        self.config.site_dir = self.site_dir or self.config.site_dir
        self._detach()
        if self.new_dir is not None:
            shutil.rmtree(self.new_dir, ignore_errors=True)


def _copied(dirty: bool = False) -> None:
    """A file's ``copy_file`` when its copy in the site is its source's already."""


class _Listed:
    """A page left out, as ``sitemap.xml`` sees it (``file.page``: its addresses, today)."""

    def __init__(self, url: str, site_url: str | None, today: str) -> None:
        self.seen = (url, site_url, today)
        self.url = url
        self.is_link = False
        self.update_date = today
        self.canonical_url: str | None = None
        self.abs_url: str | None = None
        Page._set_canonical_url(self, site_url)  # type: ignore[arg-type]
        self.page = self


@functools.lru_cache(maxsize=1 << 16)
def _posix(path: str) -> str:
    """``path`` as MkDocs' ``Files.get_file_from_path`` looks it up."""
    return PurePath(path).as_posix()


def _today() -> str:
    from mkdocs.utils import get_build_date

    return get_build_date()


def _reader(file: File) -> Callable[[], bytes]:
    """The file's bytes, read only if asked (a writer's page without front matter)."""
    return lambda: file.content_bytes


def _files_under(root: str) -> list[str]:
    """Every file under ``root`` (relative, ``/``-separated); top-level hidden entries aside,
    as MkDocs' clean leaves them."""
    out: list[str] = []
    stack = [("", root)]
    while stack:
        rel, folder = stack.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            if not rel and entry.name.startswith("."):
                continue
            path = f"{rel}/{entry.name}" if rel else entry.name
            if entry.is_dir(follow_symlinks=False):
                stack.append((path, entry.path))
            else:
                out.append(path)
    return out


def _discard(folder: str, *, wait: bool) -> None:
    """Delete a folder (of empty folders, here). Under `mkdocs serve` it is moved aside and
    deleted while the server goes on: on some disks each folder takes milliseconds."""
    if wait:
        shutil.rmtree(folder, ignore_errors=True)
        return
    aside = f"{folder}.{os.getpid()}.{next(_ASIDE)}"
    try:
        os.rename(folder, aside)
    except OSError:
        shutil.rmtree(folder, ignore_errors=True)
        return
    threading.Thread(target=shutil.rmtree, args=(aside, True), daemon=True).start()


_ASIDE = itertools.count()
_SITEMAP = os.path.normpath(
    os.path.join(os.path.dirname(mkdocs.__file__), "templates", "sitemap.xml")
)
"""MkDocs' own ``sitemap.xml`` template (what :meth:`Run._sitemap_lists` knows it reads)."""


def _make_dir(path: str) -> None:
    try:
        os.makedirs(path, exist_ok=True)
    except FileExistsError:  # a file where a folder goes now
        os.remove(path)
        os.makedirs(path)


def _remove(root: str, rel: str) -> None:
    """Delete a file of the site, and the folders it leaves empty."""
    path = os.path.join(root, rel)
    try:
        os.remove(path)
    except FileNotFoundError:
        pass
    except IsADirectoryError:
        shutil.rmtree(path, ignore_errors=True)
    folder = os.path.dirname(path)
    root = os.path.abspath(root)
    while os.path.abspath(folder) != root:
        try:
            os.rmdir(folder)
        except OSError:
            break
        folder = os.path.dirname(folder)
