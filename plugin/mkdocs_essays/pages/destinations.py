"""Every file a build writes, checked against every other before the first one is written.

An essay's ``url``, ``slug`` or ``aliases``, a tag, a heading (a card's folder) or a listing's
later pages each become a path in the site folder; so do the files MkDocs writes besides the
pages (``sitemap.xml``, ``sitemap.xml.gz``, ``404.html``, the theme's assets, the search
plugin's ``search/search_index.json``) and the plugin's own (``feed.xml``,
``patterns/cards.json``, redirects). Two of them at one path would silently replace one
another; a file where another needs a folder (an alias ``/feed.xml`` is
``feed.xml/index.html``) ended the build in an ``OSError``. :class:`Destinations` finds both
kinds, each as one message naming the two sides; :func:`check` stops the build with all of
them at once (``on_files``), after the features have settled the clashes they know how to
settle (a writer's page hosting a listing, ``alias_conflicts``...).
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

    from ..build import EssaysBuild

__all__ = ["Destinations", "check", "mkdocs_writes", "written"]

log = get_plugin_logger(__name__)

_SEARCH_PLUGINS = ("search", "material/search", "material/plugins/search")


Who = str | Callable[[], str]
"""Who writes a file, as a message names it: the name, or what makes it (asked only for a
message: naming the 6,000 files of a site at each build cost more than checking them)."""


def _named(who: Who) -> str:
    return who if isinstance(who, str) else who()


class Destinations:
    """Paths of a site folder, each a file and the folders above it, and who writes each."""

    def __init__(self, entries: Iterable[tuple[str, str]] = ()) -> None:
        self.files: dict[str, tuple[Who, bool]] = {}
        """dest -> who writes it (as a message names it), and whether it is the plugin."""
        self.folders: dict[str, tuple[Who, bool]] = {}
        """folder -> the first file written inside it (the same)."""
        self.clashes: list[str] = []
        """``who: how it clashes`` for each clash with a side the plugin writes."""
        self.others: list[str] = []
        """The same for clashes between MkDocs' own files (a ``docs/404.html`` and the
        theme's ``404.html``): MkDocs writes one over the other without a word."""
        for dest, who in entries:
            self.add(dest, who, ours=False)

    def clash(self, dest: str) -> str | None:
        """How ``dest`` would clash with a file already added (a sentence naming that file),
        or None. Linear in the length of ``dest``."""
        found = self._clash(dest)
        return found[0] if found else None

    def _clash(self, dest: str) -> tuple[str, bool] | None:
        other = self.files.get(dest)
        if other is not None:
            return f"/{dest} is also {_named(other[0])}", other[1]
        inside = self.folders.get(dest)
        if inside is not None:
            return f"/{dest} would be a file where {_named(inside[0])} needs a folder", inside[1]
        at = dest.find("/")
        while at != -1:
            folder = dest[:at]
            other = self.files.get(folder)
            if other is not None:
                return (
                    f"/{dest} needs a folder /{folder}/ where {_named(other[0])} is a file",
                    other[1],
                )
            at = dest.find("/", at + 1)
        return None

    def add(self, dest: str, who: Who, *, ours: bool = True) -> str | None:
        """Add ``dest``, written by ``who`` (``ours``: the plugin writes it); a clash is
        recorded (as ``who: <clash>``) and returned, and the path is left to the first one."""
        found = self._clash(dest)
        if found is not None:
            problem, other_ours = found
            said = f"{_named(who)}: {problem}"
            (self.clashes if ours or other_ours else self.others).append(said)
            return problem
        self.files[dest] = (who, ours)
        at = dest.find("/")
        while at != -1:
            self.folders.setdefault(dest[:at], (who, ours))
            at = dest.find("/", at + 1)
        return None


def mkdocs_writes(config: MkDocsConfig) -> dict[str, str]:
    """The files MkDocs and its search plugin write that are not among the build's ``Files``:
    the theme's static templates (``404.html``, ``sitemap.xml`` and its ``.gz``), the
    ``extra_templates``, ``search/search_index.json``."""
    out: dict[str, str] = {}
    for template in sorted(config.theme.static_templates):
        out[template] = f"the theme's {template}"
        if template == "sitemap.xml":
            out["sitemap.xml.gz"] = "MkDocs' sitemap.xml.gz"
    for template in config.extra_templates:
        out[template] = f"the extra template {template}"
    if any(name in config.plugins for name in _SEARCH_PLUGINS):
        out["search/search_index.json"] = "the search plugin's search/search_index.json"
    return out


def written(file: File, *, serve: bool) -> bool:
    """MkDocs writes the file in this build (``mkdocs serve`` writes drafts too)."""
    return (InclusionLevel.is_in_serve if serve else InclusionLevel.is_included)(file.inclusion)


def check(build: EssaysBuild, files: Files) -> None:
    """Stop the build, naming both sides of each, when two files of the site would be
    written at one path or one where the other needs a folder.

    Under `mkdocs serve`, a build whose paths are the last clean build's is clean too (a clash
    is made of paths alone; who writes each only names it): the 6,600 paths of 1,000 essays
    are compared as they are, not checked again (20 ms of a save)."""
    serve = build.site.serve
    mkdocs = mkdocs_writes(build.site.config)
    chosen = [file for file in files if written(file, serve=serve)]
    paths = (tuple(mkdocs), tuple(file.dest_uri for file in chosen))
    last: dict[str, object] = build.site.cache.get("destinations", b"", dict)
    if last.get("clean") == paths:
        return
    destinations = Destinations(mkdocs.items())
    for file in chosen:
        who = functools.partial(describe, build, file)
        destinations.add(file.dest_uri, who, ours=_ours(build, file))
    for clash in destinations.others:
        log.warning(f"{clash}: MkDocs writes one over the other. Rename one of them")
    if destinations.clashes:
        raise PluginError(
            "Two files of the site at one path (the second would replace the first, or stop "
            "the build): give one of them another path.\n" + "\n".join(destinations.clashes)
        )
    if not destinations.others:  # (a warning is said at every build)
        last["clean"] = paths


def _ours(build: EssaysBuild, file: File) -> bool:
    """The plugin writes the file, or put it where it is (an essay, a page moved by its
    ``slug``/``url`` or lower-cased as Hugo does)."""
    if file.generated_by == "essays" or file.src_uri in build.site.essay_files:
        return True
    if file.generated_by is not None:
        return False
    native = File(file.src_uri, file.src_dir, file.dest_dir, file.use_directory_urls)
    return native.dest_uri != file.dest_uri


def describe(build: EssaysBuild, file: File) -> str:
    """How a message names the file that writes ``file`` (the writer's source where there is
    one: ``the essay docs/posts/x.md``, ``the alias '/old/' of docs/posts/x.md:4``)."""
    site = build.site
    essay = site.collection.get(file.src_uri) if file.src_uri in site.essay_files else None
    if essay is not None:
        line = essay.front.line_of("url", "slug")
        return f"the essay {essay.path}:{line} (/{file.url})"
    extra = build.extra.get(file.src_uri)
    if extra is not None:
        feature = extra[0]
        named = getattr(feature, "describe", None)
        shown = named(file.src_uri) if named is not None else None
        return shown or f"the file /{file.dest_uri} the plugin writes"
    spec = build.specs.get(file.src_uri)
    if spec is not None and file.generated_by is not None:
        return f"the generated {spec.kind.replace('-', ' ')} page /{file.url}"
    if file.generated_by == "essays":
        return f"the file /{file.dest_uri} the plugin writes"
    if file.generated_by is not None:
        return f"a file generated by {file.generated_by} ({file.src_uri})"
    docs = os.path.abspath(site.config.docs_dir)
    if file.abs_src_path and not os.path.abspath(file.abs_src_path).startswith(docs + os.sep):
        return f"the theme's file {file.src_uri}"
    return site.display_path(file)
