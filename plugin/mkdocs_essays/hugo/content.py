"""Hugo's content rules (issue 8), the steps of the content step (:mod:`..content`) that are
Hugo's, and what they found, which the features read (:attr:`mkdocs_essays.site.Site.hugo`):

- :meth:`HugoContent.prepare`, before any front matter is read: the file layout
  (:mod:`.files`: translations, leaf bundles' resources, each ``_index.md`` at its address);
- :meth:`HugoContent.apply_cascades` and :meth:`HugoContent.unwritten`, before the collection
  is made: what each ``cascade`` gives the pages its target matches (:mod:`.cascade`), and
  Hugo's build options (``build.list``, ``render``, ``publishResources``, ``headless``);
- :meth:`HugoContent.settle`, once the essays are placed: the other pages published and
  placed (:mod:`.moves`), the index of what links can name (:mod:`.linking`), the titles of
  ``_index.md`` files that have none;
- :meth:`HugoContent.transform`, per page, then :meth:`HugoContent.finish`: shortcodes and
  root links (:mod:`.transform`), the pages without front matter, every problem at once.

Between them, the state they share: what each ``_index.md`` stands for, the leaf bundles,
the pages without front matter.
"""

from __future__ import annotations

import dataclasses
import posixpath
from typing import TYPE_CHECKING

from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import Files, InclusionLevel

from ..frontmatter import Document
from ..model.taxonomy import term_slug
from .cascade import BuildOptions, Cascades, build_options
from .cascade import apply as apply_cascade
from .files import lay_out
from .layout import IndexPage
from .linking import UNPUBLISHED, Links
from .moves import place_pages
from .transform import Transform

if TYPE_CHECKING:
    from ..model import Essay
    from ..site import Site

__all__ = ["HugoContent"]

log = get_plugin_logger(__name__)


class HugoContent:
    """Hugo's content rules: translations, ``_index.md``, bundles, shortcodes, root links."""

    def __init__(self, site: Site) -> None:
        self.site = site
        self.index_pages: dict[str, IndexPage] = {}
        """src_uri of each ``_index.md`` -> what it stands for."""
        self.index_urls: dict[tuple[str, str], str] = {}
        """(kind, folder) of an ``_index.md`` its ``url`` moves -> where it is."""
        self.bundles: dict[str, str] = {}
        """Leaf bundle folder -> its index.md."""
        self.plain: dict[str, Document] = {}
        """src_uri -> each page without front matter, as the content step read it."""
        self.cascades = Cascades({})
        self.links = Links(self)
        """What a ``ref`` or a link from the site's root can name (made by :meth:`settle`)."""
        self.transformer = Transform(self)
        self._unrendered: set[str] | None = None

    # -- the steps, in the order the content step runs them ------------------------------------

    def prepare(self, files: Files) -> None:
        """Hugo's file layout, before any front matter is read (:mod:`.files`)."""
        lay_out(self, files)

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

    def settle(self) -> None:
        """Once the essays are placed: Hugo's rules for the other pages (which are published,
        where each is), then the index of every page a ``ref`` or a link can name."""
        place_pages(self)
        self.links.index()
        self._title_index_pages()

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

    def transform(self, src_uri: str, markdown: str) -> str:
        """A page's Markdown as MkDocs renders it (:mod:`.transform`)."""
        return self.transformer.transform(src_uri, markdown)

    def finish(self) -> None:
        """Once every body is transformed: the pages without front matter, then every
        problem the shortcodes and links had, at once (an error stops the build)."""
        self.transformer.pages_without_front_matter()
        self.transformer.report()

    # -- what Hugo's rules say of a page -------------------------------------------------------

    def options_of(self, src_uri: str) -> BuildOptions:
        """Hugo's build options of a page (its own or cascaded; ``BuildOptions()`` without
        ``hugo_content``)."""
        document = self.site.documents.get(src_uri)
        if document is None or not self.site.options.hugo_content:
            return BuildOptions()
        return build_options(document.front.meta())

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
        return " and ".join(UNPUBLISHED[r] for r in reasons) or None

    def published(self, src_uri: str) -> bool:
        """This build writes the page (essays and pages it leaves out are not included)."""
        included = self.site.included
        if included is None:  # (the content step, which decides it: the file says)
            files = self.site.files
            file = files.get_file_from_path(src_uri) if files is not None else None
            return file is not None and file.inclusion.is_included()
        return src_uri in included

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
        if self.location_of(page) == self.essay_index_location():
            return site.options.index_title
        name = posixpath.basename(page.folder)
        return name[:1].upper() + name[1:]

    def essay_index_location(self) -> str:
        return self.site.policy.section(self.site.essays_dir)

    def read(self, src_uri: str) -> Document | None:
        """The page as the content step read it (None: it was not)."""
        return self.site.documents.get(src_uri) or self.plain.get(src_uri)
