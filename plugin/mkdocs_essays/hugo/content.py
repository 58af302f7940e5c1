"""Hugo content folders read as Hugo reads them (issue 8).

Before any front matter is read (:meth:`HugoContent.prepare`):

- translations by file name (``about.pt-br.md``) are left out, one info line per language;
  ``x.<default_language>.md`` is the page ``x``;
- ``_index.md`` moves to the address of its section, taxonomy or term, where it hosts the
  generated listing (its text is the intro, its title the page's title);
- in a leaf bundle (``posts/x/index.md``) the other Markdown files are resources, not pages.

Once every front matter is read, before the collection is made: what each ``cascade`` gives
the pages its target matches (:mod:`.cascade`), and Hugo's build options (``build.list``,
``render``, ``publishResources``, ``headless``) decide which pages are written and listed.

Once the collection exists (:meth:`HugoContent.transform`, per page): ``## <!--more-->``
becomes the divider alone, shortcodes are rendered (:mod:`.shortcodes`), links written from
the site's root (``/posts/x/``) become relative. Pages that ``slug``/``url`` move take their
bundle's resources along. Problems are reported together in :meth:`HugoContent.plan`.
"""

from __future__ import annotations

import dataclasses
import posixpath
from collections import defaultdict
from functools import cached_property
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, unquote, urlsplit

from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel

from ..errors import EssaysError
from ..frontmatter import FrontMatterErrors, read
from ..model import PathError
from ..model.slugs import dot_segments, hugo_slug, is_url
from ..model.taxonomy import term_slug
from ..pages.placing import move_file
from ..pages.urls import folder_of, relative_url
from ..parsing.ids import Namer, site_namer
from ..reading import read_text
from .cascade import BuildOptions, Cascades, build_options
from .cascade import apply as apply_cascade
from .include import Includable
from .layout import (
    IndexPage,
    bundle_folders,
    bundle_of,
    classify_index,
    is_index_page,
)
from .markdown import heading_ids, more_out_of_headings, rewrite_root_links
from .refs import PageIndex, RefTarget, element_ids
from .shortcodes import Problem, RefError, Withheld, expand

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from ..model import Essay
    from ..site import Site

__all__ = ["HugoContent"]

log = get_plugin_logger(__name__)

_NAV_DEFAULT = (InclusionLevel.UNDEFINED, InclusionLevel.INCLUDED)
_UNPUBLISHED = {"draft": "a draft", "future": "scheduled for later", "expired": "expired"}


class HugoContent:
    """Hugo's content rules: translations, ``_index.md``, bundles, shortcodes, root links."""

    def __init__(self, site: Site) -> None:
        self.site = site
        options = site.options
        self.mapping: dict[str, str] = dict(options.shortcodes)
        self.unknown: str = options.unknown_shortcodes
        self.extensions = frozenset(
            e for e in site.config.markdown_extensions if isinstance(e, str)
        )
        self.index_pages: dict[str, IndexPage] = {}
        self.index_urls: dict[tuple[str, str], str] = {}
        """(kind, folder) of an ``_index.md`` its ``url`` moves -> where it is."""
        """src_uri of each ``_index.md`` -> what it stands for."""
        self.bundles: dict[str, str] = {}
        """Leaf bundle folder -> its index.md."""
        self.problems: list[tuple[str, Problem]] = []
        """(file as messages name it, problem with its line in the file)."""
        self.urls: dict[str, str] = {}
        """src_uri -> site-relative URL of every page a link can point to."""
        self.by_url: dict[str, str] = {}
        """unquoted URL path (``posts/x/``) -> src_uri, for links written from the root."""
        self.refs = PageIndex(())
        self._includable: Includable | None = None
        self._included_problems: set[tuple[str, str]] = set()
        self._anchors: dict[str, Mapping[str, str]] = {}
        self.cascades = Cascades({})
        self._ready = False
        self._unrendered: set[str] | None = None

    # -- prepare: what each file is -------------------------------------------------------------

    def prepare(self, files: Files) -> None:
        pages = self._translations(files)
        pages = self._bundle_resources(pages)
        self._index_hosts(pages)

    def _translations(self, files: Files) -> list[File]:
        """The pages of this build's language, each at its path inside the language
        (``about.pt-br.md`` and ``pt/about.md`` are ``about.md`` in ``pt-br``'s and ``pt``'s
        build; :mod:`..languages.model`). Other languages' files leave this build (they are
        built in theirs); without ``languages``, a translation is left out, with a line."""
        site = self.site
        languages, current = site.languages, site.language.code
        docs = site.config.docs_dir
        left_out: dict[str, list[File]] = defaultdict(list)
        renames: list[tuple[File, str]] = []
        for file in list(files):
            if file.generated_by is not None or file.src_dir != docs:
                continue
            page = file.is_documentation_page()
            code, path = languages.place(file.src_uri, page=page)
            if code == current:
                if path != file.src_uri:
                    renames.append((file, path))
            elif languages.known and code in languages.codes:
                files.remove(file)  # a page of another language: built in that language's site
            elif page:
                file.inclusion = InclusionLevel.EXCLUDED
                left_out[code].append(file)
        for file, path in renames:
            _rename(files, file, path, site)
        for language, group in sorted(left_out.items()):
            names = [site.display_path(f) for f in group]
            shown = ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
            log.info(
                f"{len(names)} page{'s' if len(names) > 1 else ''} in {language!r} left out "
                f"({shown}): translations (Hugo's x.{language}.md); list the site's languages "
                f"under 'languages' (for example [{language}]) to publish them at /{language}/"
            )
        return [
            f
            for f in files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
            if f.generated_by is None
        ]

    def _bundle_resources(self, pages: list[File]) -> list[File]:
        """Markdown files inside a leaf bundle are its resources, as in Hugo: not pages."""
        site = self.site
        root = "" if site.options.hugo_content else site.essays_dir  # Hugo: the whole tree
        self.bundles = bundle_folders((f.src_uri for f in pages), root)
        if not self.bundles:
            return pages
        resources: dict[str, list[File]] = defaultdict(list)
        kept: list[File] = []
        for file in pages:
            folder = bundle_of(file.src_uri, self.bundles)
            if folder is None:
                kept.append(file)
            else:
                file.inclusion = InclusionLevel.EXCLUDED
                resources[folder].append(file)
        for folder, group in resources.items():
            names = ", ".join(site.display_path(f) for f in group)
            log.info(
                f"{names}: left out; Markdown files beside {posixpath.basename(folder)}/index.md "
                "are resources of that leaf bundle, which Hugo does not publish as pages. Move "
                f"them out of {folder}/ to publish them"
            )
        return kept

    def _index_hosts(self, pages: list[File]) -> None:
        """Move each ``_index.md`` to the address of what it stands for."""
        site = self.site
        plurals = tuple(dict.fromkeys(site.taxonomies.values()))
        dests = {f.dest_uri: f for f in pages if not is_index_page(f.src_uri)}
        for file in pages:
            if not is_index_page(file.src_uri):
                continue
            page = classify_index(file.src_uri, plurals)
            location = self.location_of(page)
            dest = site.policy.dest(location)
            other = dests.get(dest)
            if other is not None:
                log.warning(
                    f"{site.display_path(file)} is Hugo's page for /{site.url_of(location)}, "
                    f"where {site.display_path(other)} already is; it is left out. Keep one "
                    "of the two"
                )
                file.inclusion = InclusionLevel.EXCLUDED
                continue
            dests[dest] = file
            move_file(file, dest, site.url_of(location))
            self.index_pages[file.src_uri] = page
            if page.kind == "term" and file.inclusion in _NAV_DEFAULT:
                file.inclusion = InclusionLevel.NOT_IN_NAV  # as the generated term pages

    def location_of(self, page: IndexPage) -> str:
        policy = self.site.policy
        moved = self.index_urls.get((page.kind, page.folder))
        if moved is not None:
            return moved  # its ``url`` (Hugo 0.168: ``url = "categoria/temas"``)
        if page.kind == "home":
            return ""
        if page.kind == "taxonomy":
            return policy.taxonomy(page.taxonomy)
        if page.kind == "term":
            return policy.term(page.taxonomy, term_slug(page.term, policy.lower))
        return policy.section(page.folder)

    # -- once per build, when the collection exists ------------------------------------------

    def settle(self) -> None:
        """Once the essays are placed: Hugo's rules for the other pages (which are published,
        where each is), then the index of every page a ``ref`` or a link can name."""
        if self._ready:
            return
        self._ready = True
        self._leave_out_unpublished()
        self._move_sections()
        self._move_pages()
        if self.site.options.hugo_content and self.site.lower:
            self._lower_case_urls()
        self._move_resources()
        self._index_targets()
        self._title_index_pages()

    def apply_cascades(self) -> None:
        """Every page's front matter with what the ``cascade`` of the ``_index.md`` files above
        it gives it (:mod:`.cascade`), once all front matter is read (``hugo_content`` only)."""
        site = self.site
        metas = {src: d.front.meta() for src, d in site.documents.items()}
        self.cascades = Cascades(
            metas,
            taxonomies=dict.fromkeys(site.taxonomies.values()),
            environment="development" if site.serve else "production",
            language=site.language.code,
            warn=self._cascade_warning,
        )
        if not self.cascades.by_folder:
            return
        plurals = tuple(site.taxonomies.values())
        for src_uri, document in site.documents.items():
            front = apply_cascade(document.front, self.cascades.of(src_uri), plurals)
            if front is not document.front:
                site.documents[src_uri] = dataclasses.replace(document, front=front)

    def unwritten(self, essays: list[Essay]) -> list[Essay]:
        """The essays Hugo writes; those it does not (``headless``, ``build.render`` never or
        link) are left out of the collection: no page, no listing, their terms do not count
        (Hugo 0.168). Their bundle's resources are published all the same."""
        files = self.site.files
        kept: list[Essay] = []
        for essay in essays:
            file = files.get_file_from_path(essay.src_uri) if files is not None else None
            if file is None or self.options_of(essay.src_uri).rendered:
                kept.append(essay)
            else:
                file.inclusion = InclusionLevel.EXCLUDED
        return kept

    def _cascade_warning(self, src_uri: str, message: str) -> None:
        document = self.site.documents.get(src_uri)
        path = document.path if document is not None else src_uri
        line = document.front.line_of("cascade") if document is not None else 1
        log.warning(f"{path}:{line}: {message}; the entry is ignored. Fix or remove it")

    def options_of(self, src_uri: str) -> BuildOptions:
        """Hugo's build options of a page (its own or cascaded; ``BuildOptions()`` without
        ``hugo_content``)."""
        document = self.site.documents.get(src_uri)
        if document is None or not self.site.options.hugo_content:
            return BuildOptions()
        return build_options(document.front.meta())

    def _leave_out_unpublished(self) -> None:
        """Pages other than essays follow the essays' rules: a draft is never published by
        ``mkdocs build`` (``mkdocs serve`` previews it); with ``hugo_content`` so are pages
        scheduled for later or expired, and pages Hugo does not write: ``headless = true``,
        ``build.render = "never"`` or ``"link"`` (Hugo gives it a URL, writes no file: our
        listings leave it out rather than link to nothing), the old ``_build``, each its own
        or from a ``cascade``. Essays Hugo does not write never reach the collection
        (:meth:`unwritten`)."""
        site = self.site
        files = site.files
        assert files is not None
        hugo = site.options.hugo_content
        for src_uri, document in site.documents.items():
            file = files.get_file_from_path(src_uri)
            if file is None or file.generated_by is not None:
                continue
            if src_uri in site.essay_files:
                continue  # essays Hugo does not write are left out of the collection
            front = document.front
            reasons = [r for r in site.publication.left_out(front) if hugo or r == "draft"]
            if reasons:
                file.inclusion = InclusionLevel.DRAFT if site.preview else InclusionLevel.EXCLUDED
            elif hugo and not self.options_of(src_uri).rendered:
                file.inclusion = InclusionLevel.EXCLUDED

    def unpublished(self, src_uri: str) -> str | None:
        """Why this build does not publish a page (``a draft``, ``scheduled for later``,
        ``expired``), by the rules :meth:`_leave_out_unpublished` and the essays follow; None
        when it does (or the page has no front matter to say otherwise)."""
        site = self.site
        document = site.documents.get(src_uri)
        if document is None:
            return None
        reasons = site.publication.left_out(document.front)
        if not (site.options.hugo_content or site.is_essay_source(src_uri)):
            reasons = tuple(r for r in reasons if r == "draft")
        return " and ".join(_UNPUBLISHED[r] for r in reasons) or None

    def published(self, src_uri: str) -> bool:
        """This build writes the page (essays and pages it leaves out are not included)."""
        files = self.site.files
        file = files.get_file_from_path(src_uri) if files is not None else None
        return file is not None and file.inclusion.is_included()

    def _lower_case_urls(self) -> None:
        """Hugo lower-cases the URLs it makes from paths (``disablePathToLower`` off):
        ``Org-File-A.md`` is ``/org-file-a/``. A ``url`` written in front matter is kept."""
        site = self.site
        files = site.files
        assert files is not None
        pages = [
            f
            for f in files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
            if f.generated_by is None
        ]
        taken = {f.dest_uri for f in pages}
        by_file = {site.essay_files[e.src_uri].src_uri: e for e in site.locations}
        for file in pages:
            if file.dest_uri == file.dest_uri.lower():
                continue
            document = site.documents.get(file.src_uri)
            if document is not None and document.front.url is not None:
                continue
            dest = file.dest_uri.lower()
            if dest in taken:
                continue  # two pages whose names differ in case only: both keep theirs
            taken.discard(file.dest_uri)
            taken.add(dest)
            essay = by_file.get(file.src_uri)
            if essay is not None:
                location = site.locations[essay].lower()
                site.locations[essay] = location
                move_file(file, dest, site.url_of(location))
            else:
                move_file(file, dest, quote(unquote(file.url).lower()))

    def unrendered(self, location: str) -> bool:
        """Whether an ``_index.md`` Hugo does not write (``build.render = "never"``,
        ``headless``) stands for the listing at ``location``: Hugo writes no page there, and
        neither does the plugin (a taxonomy a site lists elsewhere)."""
        if not self.site.options.hugo_content:
            return False
        if self._unrendered is None:  # once per build: every term asks
            self._unrendered = {
                self.location_of(page)
                for src_uri, page in self.index_pages.items()
                if page.kind != "section" and not self.options_of(src_uri).rendered
            }
        return location in self._unrendered

    def _move_sections(self) -> None:
        """A section's (term's, taxonomy's) ``_index.md`` at the address its permalink gives
        it, now that its ``slug`` and ``title`` are read."""
        site = self.site
        files = site.files
        assert files is not None
        if not site.policy.permalinks and not site.policy.slugged:
            return
        for src_uri, page in self.index_pages.items():
            file = files.get_file_from_path(src_uri)
            if page.kind not in ("section", "term", "taxonomy") or file is None:
                continue
            location = self.location_of(page)
            dest = site.policy.dest(location)
            if dest != file.dest_uri:
                move_file(file, dest, site.url_of(location))

    def _move_pages(self) -> None:
        """Pages other than essays go where their ``slug``, ``url``, their section's permalink
        or ``ugly_urls`` put them, as in Hugo."""
        site = self.site
        files = site.files
        assert files is not None
        policy = site.policy
        moves: list[tuple[File, str, int]] = []
        for src_uri, document in site.documents.items():
            front = document.front
            if src_uri in site.essay_files:
                continue
            index = self.index_pages.get(src_uri)
            if is_index_page(src_uri):
                if front.url is None or index is None:
                    continue  # Hugo: a list page's ``slug`` does nothing, its ``url`` moves it
            else:
                moved = policy.permalinks or policy.ugly or policy.slugged
                if front.slug is None and front.url is None and not moved:
                    continue
                if posixpath.splitext(src_uri)[0] in ("index", "README"):
                    continue  # the home page
            file = files.get_file_from_path(src_uri)
            if file is None:
                continue
            line = front.line_of("url", "slug")
            try:
                location = self._page_location(file, front)
            except PathError as error:
                raise PluginError(str(EssaysError(document.path, line, str(error)))) from None
            if site.policy.dest(location) != file.dest_uri:
                moves.append((file, location, line))
                if index is not None:
                    self.index_urls[(index.kind, index.folder)] = location
        if not moves:
            return
        dests = {
            f.dest_uri: f for f in files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
        }
        for file, location, line in moves:
            dest = site.policy.dest(location)
            other = dests.get(dest)
            if other is not None:
                log.warning(
                    f"{site.display_path(file)}:{line}: its 'slug'/'url' (or its section's "
                    f"permalink) puts it at /{site.url_of(location)}, where "
                    f"{site.display_path(other)} already is; it stays at /{file.url}. Give it "
                    "another 'slug' or 'url'"
                )
                continue
            del dests[file.dest_uri]
            dests[dest] = file
            move_file(file, dest, site.url_of(location))

    def _page_location(self, file: File, front: Any) -> str:
        policy = self.site.policy
        src_uri = file.src_uri
        title = str(front.title or "")
        facts = policy.facts(src_uri, date=front.date, title=title, slug=front.slug)
        if front.url is not None:
            return policy.url_location(front.url, facts)
        slug = front.slug
        if slug is not None and is_url(slug):
            raise PathError(
                f"'slug' {slug!r} is a whole URL; a slug is the last part of the page's own "
                "address: write a name such as 'about', or set 'url' to a path of this site"
            )
        folder = policy.folder_of(src_uri)
        if slug is None:
            default = unquote(file.url).strip("/")
            if default.endswith(".html"):  # use_directory_urls: false
                default = default[: -len(".html")]
            if policy.slugged:  # a section's slug renames its folder in the pages' URLs
                depth = len([p for p in folder.split("/") if p])
                rest = default.split("/")[depth:]
                default = posixpath.join(policy.folder_path(folder), *rest)
        else:
            section = policy.folder_path(folder)
            leaf = hugo_slug(dot_segments(slug)[0], policy.lower) or "page"
            default = posixpath.join(section, leaf) if section else leaf
        return policy.page(policy.path_of(src_uri), default, lambda: facts)

    def _move_resources(self) -> None:
        """A bundle's files follow its page when ``slug``/``url`` (or Hugo's path rules, as
        lower-casing ``Post-A/`` to ``post-a/``) move it, so the page's relative links to them
        keep working, at the paths Hugo uses (Hugo 0.168: ``Post-A/Photo.PNG`` is published at
        ``post-a/Photo.PNG``, the file's own name kept). With ``build.publishResources = false``
        they are not published (Hugo publishes them only when a template asks for them)."""
        site = self.site
        files = site.files
        assert files is not None
        targets: dict[str, str] = {}
        hidden: dict[str, str] = {}
        for folder, index in self.bundles.items():
            if not self.options_of(index).publish_resources:
                hidden[folder] = ""
                continue
            location = self._bundle_location(index)
            if location is None:
                continue
            location = folder_of(location)  # Hugo: x.html's resources in x/
            if location != folder:
                targets[folder] = location
        for file in files if hidden else ():
            if not file.is_documentation_page() and bundle_of(file.src_uri, hidden):
                file.inclusion = InclusionLevel.EXCLUDED
        if not targets:
            return
        taken = {f.dest_uri: f for f in files}
        moving = dict.fromkeys(targets, "")
        for file in list(files):
            if file.is_documentation_page():
                continue
            holder = bundle_of(file.src_uri, moving)
            if holder is None:
                continue
            dest = posixpath.join(targets[holder], file.src_uri[len(holder) + 1 :])
            other = taken.get(dest)
            if other is not None and other is not file:
                log.warning(
                    f"{site.display_path(file)} would be published at /{dest} with its page, "
                    f"where {site.display_path(other)} already is; it stays at "
                    f"/{file.dest_uri}. Rename one of them"
                )
                continue
            taken[dest] = file
            move_file(file, dest, quote(dest))

    def _bundle_location(self, index: str) -> str | None:
        """Where the page of a bundle's ``index.md`` is (or would be, when Hugo does not write
        it: its resources are published all the same)."""
        site = self.site
        essay = site.collection.get(index)
        if essay is not None:
            return site.locations.get(essay)
        files = site.files
        file = files.get_file_from_path(index) if files is not None else None
        if file is None:
            return None
        location = posixpath.dirname(file.dest_uri)
        document = site.documents.get(index)
        unwritten = not InclusionLevel.is_in_serve(file.inclusion)
        if site.options.hugo_content and unwritten and (document is None or not document.front.url):
            location = location.lower()  # not lower-cased with the pages written
        return location

    def _index_targets(self) -> None:
        """Every page a ``ref``, ``relref`` or a root link can name, with its URL."""
        site = self.site
        files = site.files
        assert files is not None
        collection = site.collection
        targets: list[RefTarget] = []
        for file in files.documentation_pages(inclusion=InclusionLevel.is_in_serve):
            essay = collection.get(file.src_uri)
            unpublished = None
            if essay is not None:
                if essay not in site.locations:
                    continue
                url = site.essay_url(essay)
                if not collection.shown(essay):
                    unpublished = " and ".join(_UNPUBLISHED.get(r, r) for r in essay.left_out)
            else:
                url = file.url
            self.urls[file.src_uri] = url
            targets.append(
                RefTarget(
                    file.src_uri,
                    url,
                    site.display_path(file),
                    anchors=self._anchors_of(file),
                    unpublished=unpublished,
                )
            )
        self.refs = PageIndex(targets)
        # listings the plugin generates (a writer's _index.md, already indexed, comes first)
        generated = [(site.essays_dir, self._essay_index_location(), "the essay index")]
        for plural in dict.fromkeys(site.taxonomies.values()):
            generated.append((plural, site.policy.taxonomy(plural), f"the {plural} page"))
            for term in collection.taxonomies[plural]:
                location = site.policy.term(plural, term.slug)
                generated.append((location, location, f"the {plural} page of {term.name!r}"))
        for key, location, name in generated:
            src_uri = site.policy.src_uri(location)
            target = RefTarget(src_uri, site.url_of(location), name)
            self.refs.add(key, target)
            self.urls.setdefault(src_uri, target.url)
        for src_uri, url in self.urls.items():
            self.by_url.setdefault(_url_key(url), src_uri)
        for file in files:
            if not file.is_documentation_page() and file.inclusion.is_included():
                self.by_url.setdefault(_url_key(file.url), file.src_uri)

    def _essay_index_location(self) -> str:
        return self.site.policy.section(self.site.essays_dir)

    def _anchors_of(self, file: File) -> Callable[[], Mapping[str, str]]:
        def anchors() -> Mapping[str, str]:
            cached = self._anchors.get(file.src_uri)
            if cached is None:
                document = self.site.documents.get(file.src_uri)
                text = document.body if document is not None else None
                if text is None:
                    text = read_text(file, self.site.display_path(file), errors="replace") or ""
                cached = {i: i for i in element_ids(text)} | heading_ids(text, self._namer)
                self._anchors[file.src_uri] = cached
            return cached

        return anchors

    @cached_property
    def _namer(self) -> Namer:
        """Names headings as the pattern cards do (the site's Markdown and ``toc`` slugify)."""
        config = self.site.config
        return site_namer(config.markdown_extensions, config.mdx_configs)[0]

    def _title_index_pages(self) -> None:
        """An ``_index.md`` without a title gets Hugo's: the term, the taxonomy, the section."""
        site = self.site
        for src_uri, page in self.index_pages.items():
            document = site.documents.get(src_uri)
            if document is None or document.front.title:
                continue
            site.documents[src_uri] = dataclasses.replace(
                document, front=dataclasses.replace(document.front, title=self.title_of(page))
            )

    def title_of(self, page: IndexPage) -> str:
        site = self.site
        if page.kind == "home":
            return site.config.site_name
        if page.kind == "taxonomy":
            return page.taxonomy[:1].upper() + page.taxonomy[1:]
        if page.kind == "term":
            taxonomy = site.collection.taxonomies.get(page.taxonomy)
            term = taxonomy.by_slug.get(term_slug(page.term, site.lower)) if taxonomy else None
            return term.name if term is not None else page.term.rsplit("/", 1)[-1]
        if self.location_of(page) == self._essay_index_location():
            return site.options.index_title
        name = posixpath.basename(page.folder)
        return name[:1].upper() + name[1:]

    # -- transform: one page's Markdown ----------------------------------------------------------

    def transform(self, src_uri: str, markdown: str) -> str:
        """A page's Markdown as MkDocs renders it: ``## <!--more-->`` made the divider alone,
        shortcodes rendered, links written from the site's root made relative."""
        self.settle()
        site = self.site
        file = site.files.get_file_from_path(src_uri) if site.files is not None else None
        written = InclusionLevel.is_in_serve if site.serve else InclusionLevel.is_included
        if file is not None and not written(file.inclusion):
            # a page this build does not write (a draft, a snippet never rendered): its
            # shortcodes are not run, as in Hugo, where an include shows them in its includer
            return markdown
        document = site.documents.get(src_uri)
        path = document.path if document is not None else src_uri
        offset = (document.body_line - 1) if document is not None else 0
        markdown = more_out_of_headings(markdown)
        services = _Services(self, src_uri)
        expansion = expand(
            markdown,
            services,
            mapping=self.mapping,
            unknown=self.unknown,
            extensions=self.extensions,
        )
        for problem in expansion.problems:
            if problem.source:  # in an included page: said once, whichever page includes it
                key = (problem.source, problem.message.partition(" (in ")[0])
                if key in self._included_problems:
                    continue
                self._included_problems.add(key)
            self.problems.append((path, dataclasses.replace(problem, line=problem.line + offset)))
        return rewrite_root_links(expansion.markdown, services.root_link)

    # -- finish: pages without front matter, then every message at once -----------------------

    def finish(self) -> None:
        """Once every body is transformed: the pages without front matter, then every
        problem the shortcodes and links had, at once (an error stops the build)."""
        self.settle()
        self._pages_without_front_matter()
        self._report()

    def _pages_without_front_matter(self) -> None:
        """Shortcodes, root links and ``_index.md`` titles in pages without front matter (the
        build only reads pages that have one)."""
        site = self.site
        files = site.files
        assert files is not None
        for file in files.documentation_pages(inclusion=InclusionLevel.is_in_serve):
            src_uri = file.src_uri
            if src_uri in site.documents or src_uri in site.broken:
                continue  # read already, or its front matter is broken (the build said so)
            if file.generated_by is not None:
                continue
            index = self.index_pages.get(src_uri)
            path = site.display_path(file)
            text = read_text(file, path)
            if text is None:
                continue
            try:
                document = read(text, path, zone=site.zone, taxonomies=site.taxonomies)
            except FrontMatterErrors:  # pragma: no cover - the build reported it already
                continue
            if index is not None:
                front = dataclasses.replace(document.front, title=self.title_of(index))
                document = dataclasses.replace(document, front=front)
            body = self.transform(src_uri, document.body)
            if index is None and body == document.body:
                continue
            site.documents[src_uri] = document
            site.bodies[src_uri] = body

    def includable(self) -> Includable:
        """Every content page an ``include`` shortcode can name, rendered or not."""
        if self._includable is None:
            site = self.site
            files = site.files
            assert files is not None
            pages = {f.src_uri: f for f in files.documentation_pages(inclusion=lambda _level: True)}

            def body(src_uri: str) -> str:
                file = pages[src_uri]
                path = site.display_path(file)
                text = read_text(file, path)
                if text is None:
                    raise RefError(f"ref {src_uri!r}: {path} was removed during the build")
                try:
                    document = read(text, path, zone=site.zone, taxonomies=site.taxonomies)
                except FrontMatterErrors as error:
                    message = f"ref {src_uri!r}: its front matter is broken: {error}"
                    raise RefError(message) from None
                # blank lines for the front matter: messages give the line in the file
                return "\n" * (document.body_line - 1) + document.body

            self._includable = Includable(
                ((src, site.display_path(f)) for src, f in pages.items()), body
            )
        return self._includable

    def _report(self) -> None:
        errors: list[str] = []
        unknown: dict[str, list[tuple[str, Problem]]] = defaultdict(list)
        extensions: dict[str, tuple[str, Problem]] = {}
        ref_warnings = self.site.options.ref_errors == "warning"
        for path, problem in self.problems:
            where = f"{path}:{problem.line}"
            if problem.kind == "error" or (problem.kind == "ref" and not ref_warnings):
                errors.append(f"{where}: {problem.message}")
            elif problem.kind == "ref":
                log.warning(f"{where}: {problem.message}; the link points to the page itself")
            elif problem.kind == "warning":
                log.warning(f"{where}: {problem.message}")
            elif problem.kind == "unknown":
                unknown[problem.name].append((path, problem))
            elif problem.kind == "extension":
                extensions.setdefault(problem.name, (path, problem))
        for uses in unknown.values():
            path, first = uses[0]
            files = len({p for p, _ in uses})
            count = (
                f" ({len(uses)} uses in {files} file{'s' if files > 1 else ''})"
                if len(uses) > 1
                else ""
            )
            log.warning(f"{path}:{first.line}: {first.message}{count}")
        for path, problem in extensions.values():
            log.warning(f"{path}:{problem.line}: {problem.message}")
        self.problems.clear()
        if errors:
            raise PluginError("\n".join(errors))


class _Services:
    """What a page's shortcodes and links need from the site."""

    def __init__(self, feature: HugoContent, src_uri: str) -> None:
        self.feature = feature
        self.site = feature.site
        self.src_uri = src_uri
        self.page_url = feature.urls.get(src_uri, "")

    def html(self, template: str, **context: Any) -> str:
        return self.site.renderer.render(template, **context)

    def ref(self, target: str, *, relative: bool, in_link: bool) -> str:
        page, fragment = self.feature.refs.resolve(target, self.src_uri)
        anchor = f"#{fragment}" if fragment else ""
        if page.src_uri == self.src_uri:
            return anchor or "./"
        if in_link:  # a source path MkDocs resolves and checks, wherever the page moves
            return _relative_path(page.src_uri, self.src_uri) + anchor
        return relative_url(page.url, self.page_url) + anchor

    def param(self, name: str) -> Any:
        document = self.site.documents.get(self.src_uri)
        if document is not None:
            meta = document.front.meta()
            params = meta.get("params")
            # Hugo's page params: the ``params`` table of newer front matter wins over a
            # top-level key of the same name (Hugo 0.168: ``minVersion = "a"`` with
            # ``[params] minVersion = "b"`` gives "b"), cascaded params come in the table
            for table in (params if isinstance(params, dict) else {}, meta):
                found = _lookup(table, name)
                if found is not None:
                    return found
        return _lookup(dict(self.site.config.extra or {}), name)

    def resource(self, src: str) -> str:
        parts = urlsplit(src)
        if parts.scheme or parts.netloc or not parts.path:
            return src
        if parts.path.startswith("/"):
            new = self.root_link(src, True)
            return new if new is not None else src
        files = self.site.files
        assert files is not None
        folder = posixpath.dirname(self.src_uri)
        candidate = posixpath.normpath(posixpath.join(folder, unquote(parts.path)))
        file = files.get_file_from_path(candidate)
        if file is None:
            return src  # as Hugo: the path is used as written, relative to the page
        suffix = f"#{parts.fragment}" if parts.fragment else ""
        return relative_url(file.url, self.page_url) + suffix

    @property
    def include_chain(self) -> tuple[str, ...]:
        return (self.src_uri,)

    def include(self, target: str) -> tuple[str, str, str]:
        """(src_uri, how messages name it, Markdown body) of the page an include names.

        Raises :class:`Withheld` for a page this build does not publish (a draft...) when
        this page is published: Hugo's ``site.GetPage`` does not see it (Hugo 0.168 stops:
        'The "include" shortcode was unable to find ...')."""
        page = self.feature.includable().find(target, self.src_uri)
        why = self.feature.unpublished(page[0])
        if why is None or not self.feature.published(self.src_uri):
            return page
        preview = self.site.preview
        raise Withheld(
            f"ref {target!r}: {page[1]} is {why}, not published in this build"
            + (
                " (`mkdocs serve` shows it; `mkdocs build` stops here)"
                if preview
                else f"; its text would be published here. Publish {page[1]} or remove the include"
            ),
            page,
            preview=preview,
        )

    def root_link(self, link: str, html: bool) -> str | None:
        """``/posts/x/#a`` -> the page's relative link, if the site has that page or file."""
        site = self.site
        parts = urlsplit(link)
        path = unquote(parts.path)
        site_root = urlsplit(site.config.site_url or "").path.rstrip("/")
        if site_root and (path == site_root or path.startswith(site_root + "/")):
            path = path[len(site_root) :]
        key = _url_key(path)
        src_uri = self.feature.by_url.get(key)
        if src_uri is None and not key.endswith("/"):
            src_uri = self.feature.by_url.get(key + "/")
        if src_uri is None:
            return None
        fragment = f"#{self._heading(src_uri, unquote(parts.fragment))}" if parts.fragment else ""
        query = f"?{parts.query}" if parts.query else ""
        if html or query:  # not a link MkDocs resolves: the URL itself
            files = site.files
            assert files is not None
            file = files.get_file_from_path(src_uri)
            target = self.feature.urls.get(src_uri) or (file.url if file is not None else None)
            if target is None:
                return None
            return relative_url(target, self.page_url) + query + fragment
        return _relative_path(src_uri, self.src_uri) + fragment  # MkDocs resolves and checks it

    def _heading(self, src_uri: str, fragment: str) -> str:
        """A heading id written for Hugo (``#café``) as the target page has it (``#cafe``)."""
        target = self.feature.refs.by_src.get(src_uri)
        if target is None or target.anchors is None:
            return fragment
        return target.anchors().get(fragment, fragment)


def _url_key(url: str) -> str:
    """A site URL as links are compared: no leading slash, unquoted, ``index.html`` dropped."""
    key = unquote(url).lstrip("/")
    if key in (".", "./"):
        return ""
    if key.endswith("index.html"):
        key = key[: -len("index.html")]
    return key


def _relative_path(src_uri: str, from_src: str) -> str:
    return posixpath.relpath(src_uri, posixpath.dirname(from_src) or ".")


def _lookup(mapping: Mapping[str, Any], name: str) -> Any:
    """A (dotted) key, matched without regard to case, as Hugo's ``.Param``."""
    current: Any = mapping
    for part in name.split("."):
        if not isinstance(current, dict):
            return None
        lowered = {str(k).lower(): v for k, v in current.items()}
        if part.lower() not in lowered:
            return None
        current = lowered[part.lower()]
    return current


def _rename(files: Files, file: File, path: str, site: Site) -> File | None:
    """``posts/x.pt-br.md`` is the page ``posts/x.md`` of its language's site: the same file
    under its path inside the language (read from where it is)."""
    other = files.get_file_from_path(path)
    if other is not None:
        log.warning(
            f"{site.display_path(file)} and {site.display_path(other)} are both the "
            f"{site.language.code!r} page {path}; the first is left out. Remove or rename "
            "one of them"
        )
        file.inclusion = InclusionLevel.EXCLUDED
        return None
    renamed = File(
        path,
        src_dir=file.src_dir,
        dest_dir=file.dest_dir,
        use_directory_urls=file.use_directory_urls,
        inclusion=file.inclusion,
    )
    renamed.abs_src_path = file.abs_src_path  # read from the real file
    renamed.edit_uri = file.edit_uri
    files.remove(file)
    files.append(renamed)
    return renamed
