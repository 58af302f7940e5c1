"""What the site is made of: the one object every feature reads, and none writes.

A :class:`Site` is new each build (``on_config``). The content step (:mod:`.content`, in
``on_files``) fills it: MkDocs' files as Hugo's rules leave them, every page's front matter,
the Markdown MkDocs renders, the collection of essays and terms, where each essay lives. Then
it is frozen (:meth:`Site.freeze`): its tables become read-only views and its attributes can no
longer be set, so a feature that tried to change what another reads fails at once.
"""

from __future__ import annotations

import os
import posixpath
from datetime import datetime
from types import MappingProxyType
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from .hugo.content import HugoContent
from .incremental.files import GeneratedFiles
from .languages.labels import labels_for
from .languages.model import Language, SiteLanguages
from .model import Collection, Essay, Publication
from .pages.placing import make_policy
from .reading import Reader
from .render import Renderer

if TYPE_CHECKING:
    from collections.abc import Mapping

    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import File, Files

    from .cache import ContentCache
    from .config import EssaysConfig
    from .frontmatter import Document
    from .pages.urls import UrlPolicy

__all__ = ["Site"]


class Site:
    """The settings of one build and what the content step found (read-only once frozen)."""

    def __init__(
        self,
        options: EssaysConfig,
        config: MkDocsConfig,
        *,
        serve: bool,
        now: datetime,
        cache: ContentCache,
        languages: SiteLanguages | None = None,
        language: Language | None = None,
        generated: GeneratedFiles | None = None,
    ) -> None:
        self.options = options
        self.config = config
        self.serve = serve
        self.cache = cache
        """Results kept by content between builds (:mod:`.cache`)."""
        self.languages = languages or SiteLanguages.of(options.default_language, options.languages)
        self.language = language or self.languages.default
        """The language of this build's pages (a site in several has a build per language)."""
        self.zone = ZoneInfo(options.timezone)
        self.publication = Publication(
            now=now,
            build_drafts=options.build_drafts,
            build_future=options.build_future,
            build_expired=options.build_expired,
        )
        self.preview = serve and options.drafts_on_serve
        """Under `mkdocs serve`, drafts are shown with their badge."""
        self.policy: UrlPolicy = make_policy(options, config)
        self.lower = self.policy.lower
        self.renderer = Renderer(
            config.theme.dirs,
            date_format=self.language.date_format or options.date_format,
            language=self.language.code,
            labels=labels_for(self.language.code, self.language.labels),
        )
        self.taxonomies: Mapping[str, str] = dict(options.taxonomies)
        """Hugo's ``[taxonomies]``: singular -> plural."""
        self.essays_dir = options.essays_dir.strip("/")
        self.root = os.path.dirname(config.config_file_path or "") or os.getcwd()
        self.reader = Reader(self.display_path)
        """Reads the build's files (a file gone since the build began is said once)."""
        self.generated = generated or GeneratedFiles()
        """Makes the ``File`` of each page the build adds (under `mkdocs serve`, the last
        build's, as it was made: :mod:`.incremental.files`)."""

        # -- what the content step finds ---------------------------------------------------
        self.files: Files | None = None
        """MkDocs' files, as Hugo's rules leave them (the build adds its pages after)."""
        self.included: frozenset[str] | None = None
        """src_uri of every page of the site's files this build publishes, as the content step
        leaves them (the pages the build adds after are its own): a page an incremental build
        leaves out (it keeps the page it wrote last time) is published all the same, so
        listings ask this, not the file's inclusion. None until the content step ends."""
        self.documents: dict[str, Document] = {}
        """src_uri -> the page's front matter and body: every essay, every page with front
        matter (with what cascades give it)."""
        self.broken: dict[str, list[str]] = {}
        """src_uri -> front matter errors (only kept under `mkdocs serve`)."""
        self.bodies: dict[str, str] = {}
        """src_uri -> the Markdown MkDocs renders (shortcodes and root links done)."""
        self.collection = Collection.of((), self.taxonomies.values(), preview=self.preview)
        self.locations: dict[Essay, str] = {}
        """Essay -> where it is published (see :mod:`.pages.urls`)."""
        self.essay_files: dict[str, File] = {}
        """src_uri -> file of every essay source read (those Hugo does not write too)."""
        self.hugo = HugoContent(self)
        """Hugo's content rules, as the content step applied them (what each ``_index.md``
        stands for, each page's build options)."""
        self._frozen = False

    def freeze(self) -> None:
        """Once the content step is done: read-only from here on (its tables are typed as the
        dicts the content step fills; a feature that writes into one fails at once)."""
        for name in ("documents", "broken", "bodies", "locations", "essay_files"):
            super().__setattr__(name, MappingProxyType(getattr(self, name)))
        self._frozen = True

    def __setattr__(self, name: str, value: Any) -> None:
        if getattr(self, "_frozen", False):
            raise AttributeError(f"the site is read-only once collected (setting {name!r})")
        super().__setattr__(name, value)

    # -- paths and messages -------------------------------------------------------------------

    def display_path(self, file: File) -> str:
        """How messages name a file: relative to the project (``docs/posts/x.md``)."""
        if file.abs_src_path:
            return os.path.relpath(file.abs_src_path, self.root).replace(os.sep, "/")
        docs = os.path.relpath(self.config.docs_dir, self.root).replace(os.sep, "/")
        return posixpath.join(docs, file.src_uri)

    def is_essay_source(self, src_uri: str) -> bool:
        if not self.essays_dir:
            return False
        if not src_uri.startswith(self.essays_dir + "/"):
            return False
        name = posixpath.basename(src_uri)
        inside = src_uri[len(self.essays_dir) + 1 :]
        if name.startswith("_index."):
            return False  # a Hugo section page, not an essay
        return "/" in inside or posixpath.splitext(name)[0] not in ("index", "README")

    def url_of(self, location: str) -> str:
        return self.policy.url(location)

    def essay_url(self, essay: Essay) -> str:
        return self.policy.url(self.locations[essay])

    def body(self, essay: Essay) -> str:
        """The Markdown of an essay as MkDocs renders it (after Hugo's rules)."""
        return self.bodies.get(essay.src_uri, essay.body)
