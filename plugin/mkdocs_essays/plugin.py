"""The MkDocs adapter: each hook is a guard and one call into :mod:`mkdocs_essays.build`."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, Literal

from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority

from .build import ASSET, EssaysBuild
from .cache import ContentCache, config_fingerprint
from .cards.feature import Cards
from .config import EssaysConfig
from .feeds.rss import Feeds
from .hugo.alerts import NAME as ALERTS
from .hugo.reflabels import NAME as REFLABELS
from .hugo.sections import HugoSections
from .incremental import Incremental
from .incremental.files import GeneratedFiles
from .incremental.memory import Settle
from .incremental.theme_env import ThemeEnv
from .incremental.watching import instant_events, quiet_builds
from .languages.sites import Sites
from .map.feature import KnowledgeMap
from .pages.aliases import Aliases
from .pages.backlinks import Backlinks
from .pages.essay_index import EssayIndex
from .pages.feature import Feature
from .pages.pagination import Pagination
from .pages.taxonomy import Taxonomies
from .related.feature import RelatedEssays
from .site import Site

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page

FEATURES: list[type[Feature]] = [
    HugoSections,  # Hugo's section list pages (the content step made the site before)
    EssayIndex,  # posts/ and the home page's latest essays
    Taxonomies,  # tags/, a page per term (with what Cards and Feeds add to it: Views)
    Cards,  # pattern cards: cut from each essay as it is rendered; the catalog, cards.json
    Backlinks,  # reads each essay's links as it is rendered
    RelatedEssays,  # needs Cards (sections, texts)
    KnowledgeMap,  # needs Cards, Backlinks, RelatedEssays (its edges and topics)
    Feeds,  # RSS, linked from term pages and every <head>
    Pagination,  # after every feature that plans a listing: reads the pages they planned
    Aliases,  # last: a redirect must not land on a page or file planned before it
]
"""The features, in the order the build runs each step for them: pages are added to the site
(and clashes reported) in this order, and a feature's ``needs`` come before it."""


class EssaysPlugin(BasePlugin[EssaysConfig]):
    """Publish Hugo essays: front matter, essay pages and listings, tags, cards, feeds."""

    def __init__(self) -> None:
        self.is_serve = False
        self.is_dirty = False
        self.build: EssaysBuild | None = None
        self.sites: Sites | None = None
        """The site's languages, in a site in several (one MkDocs build each)."""
        self.cache = ContentCache()
        """What outlives a build: results kept by the content they came from (cache.py)."""
        self.incremental = Incremental()
        """What the last build left, so the next renders only what changed (issue 23)."""
        self.settle = Settle()
        """Under `mkdocs serve`, what builds keep is set aside from the garbage collector
        between saves (incremental/memory.py)."""
        self.generated = GeneratedFiles()
        """The ``File`` of each generated page, made once under `mkdocs serve`
        (incremental/files.py)."""
        self.theme_env = ThemeEnv()
        """The theme's files listed and its templates compiled once under `mkdocs serve`
        (incremental/theme_env.py)."""

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        self.is_serve = command == "serve"
        self.is_dirty = dirty
        # A new command (MkDocs keeps this object for every configuration the process loads):
        # `mkdocs serve` keeps both over its rebuilds; a new command reads records from disk.
        self.cache = ContentCache()
        self.incremental.shutdown()
        self.incremental = Incremental()
        self.settle.stop()
        self.settle = Settle()
        self.generated = GeneratedFiles()
        self.theme_env = ThemeEnv()

    @event_priority(100)  # before the search plugin reads the theme's language
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        self.settle.build_starts()
        self.build = None  # `mkdocs serve` reuses this object: nothing survives a rebuild
        self.incremental.end()  # ... but the records of what each page showed (incremental/)
        if self.sites is None or not self.sites.running:  # not another language's build
            # ... but what is kept by content (cache.py), unless mkdocs.yml changed.
            self.cache.begin(config_fingerprint(config.config_file_path, self.config))
            self.sites = Sites.of(self.config, config, serve=self.is_serve, dirty=self.is_dirty)
        if not self.config.enabled:
            return config
        if self.sites is not None:
            self.sites.configure(config)
        site = Site(
            self.config,
            config,
            serve=self.is_serve,
            now=datetime.now(UTC),
            cache=self.cache,
            languages=self.sites.languages if self.sites else None,
            language=self.sites.current if self.sites else None,
            generated=self.generated,
        )
        self.build = EssaysBuild(site, FEATURES)
        self.incremental.begin(
            config,
            self.config,
            self.build,
            serve=self.is_serve,
            dirty=self.is_dirty,
            languages=len(self.sites.languages.languages) if self.sites else 1,
        )
        if self.is_serve and self.incremental.run is not None:
            self.theme_env.install(config, self.incremental.compiled)
        if ASSET not in config.extra_css:
            config.extra_css.append(ASSET)
        for extension in (REFLABELS, ALERTS):  # [`code`][] links; > [!NOTE] alerts
            if extension not in config.markdown_extensions:
                config.markdown_extensions.append(extension)
        return config

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        if self.incremental.run is not None:
            self.incremental.run.pre_build()

    @event_priority(50)
    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files | None:
        if self.build is None:
            return files
        self.generated.begin(reuse=self.incremental.run is not None)
        files = self.build.collect(files)
        if self.incremental.run is not None:
            self.incremental.run.on_files(files)
        return files

    @event_priority(-100)  # the navigation as the other plugins leave it
    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> None:
        if self.incremental.run is not None:
            self.incremental.run.on_nav(nav)

    def on_page_read_source(self, /, *, page: Page, config: MkDocsConfig) -> str | None:
        if self.build is None:
            return None
        return self.build.source(page)

    @event_priority(100)  # before other plugins read page.meta (Material's tags at -50)
    def on_page_markdown(
        self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        if self.build is None:
            return markdown
        markdown = self.build.page_markdown(markdown, page)
        if self.incremental.run is not None:
            self.incremental.run.markdown_done(files, page)
        return markdown

    @event_priority(50)
    def on_page_content(
        self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        if self.build is None:
            return html
        run = self.incremental.run
        if run is not None:
            run.content_start(page, files)
        html = self.build.page_content(html, page)
        if run is not None:
            run.content_done(page)
        return html

    @event_priority(100)
    def on_env(self, env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment:
        if self.incremental.run is not None:
            self.incremental.run.on_env(env, files)  # (pages it takes back in are filled too)
        if self.is_serve:  # (past so many pages, the collector runs: incremental/memory.py)
            run = self.incremental.run
            self.settle.rendering(run.rendering if run is not None else None)
        if self.build is not None:
            self.build.fill(files)
        if self.incremental.run is not None:
            self.incremental.run.keep_written(files)
        # MkDocs makes a new environment each build: its templates cannot change under it, so
        # Jinja need not check each template's file at each of a page's ~30 lookups.
        env.auto_reload = False
        return env

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str | None:
        if self.build is None:
            return output
        output = self.build.post_page(output, page)
        if self.sites is not None:
            output = self.sites.post_page(output, page, self.build.site)
        if self.incremental.run is not None:
            self.incremental.run.page_written(page, output)
        return output

    def on_template_context(
        self, context: Any, /, *, template_name: str, config: MkDocsConfig
    ) -> Any:
        if self.incremental.run is not None:
            return self.incremental.run.template_context(template_name, context)
        return context

    @event_priority(100)  # the template's output as rendered, before any plugin changes it
    def _on_post_template_kept(
        self, output_content: str, /, *, template_name: str, config: MkDocsConfig
    ) -> str | None:
        if self.incremental.run is not None:
            return self.incremental.run.post_template(template_name, output_content)
        return output_content

    def _on_post_template_languages(
        self, output_content: str, /, *, template_name: str, config: MkDocsConfig
    ) -> str | None:
        if self.sites is None:
            return output_content
        return self.sites.post_template(output_content)

    on_post_template = CombinedEvent(_on_post_template_kept, _on_post_template_languages)

    @event_priority(100)  # before the search plugin writes its index
    def _on_post_build_search(self, *, config: MkDocsConfig) -> None:
        if self.incremental.run is not None:
            self.incremental.run.post_build_search()

    @event_priority(-200)  # once every plugin has written this language (search: its index)
    def _on_post_build_languages(self, *, config: MkDocsConfig) -> None:
        if self.sites is not None and not self.sites.running and self.build is not None:
            self.sites.build_others(config, self.build.site.renderer)

    @event_priority(-300)  # once every plugin has written what it writes
    def _on_post_build_incremental(self, *, config: MkDocsConfig) -> None:
        if self.incremental.run is not None:
            self.incremental.run.finish()
            self.incremental.end()
        if self.is_serve:
            self.settle.build_ends()

    on_post_build = CombinedEvent(
        _on_post_build_search, _on_post_build_languages, _on_post_build_incremental
    )

    def on_build_error(self, *, error: Exception) -> None:
        if self.incremental.run is not None:
            self.incremental.run.abort()
            self.incremental.end()
        if self.is_serve:
            self.settle.build_ends()

    @event_priority(100)  # before the search plugin indexes the page
    def _on_page_context_fill(
        self, context: Any, /, *, page: Page, config: MkDocsConfig, nav: Any
    ) -> Any:
        if self.build is not None:
            self.build.render_page(page)
            if self.sites is not None:
                self.sites.record(page, self.build.site)
        if self.incremental.run is not None:
            self.incremental.run.page_context_before(page)
        return context

    @event_priority(-100)  # after the search plugin has indexed the page's sections
    def _on_page_context_toc(
        self, context: Any, /, *, page: Page, config: MkDocsConfig, nav: Any
    ) -> Any:
        if self.build is not None:
            self.build.page_context(page)
        if self.incremental.run is not None:
            self.incremental.run.page_context_after(page)
        return context

    def on_serve(self, server: Any, /, *, config: MkDocsConfig, builder: Any) -> Any:
        """The file watcher waits while the site builds, and the system's file events start a
        rebuild at once (incremental/watching.py)."""
        return instant_events(quiet_builds(server))

    def on_shutdown(self) -> None:
        self.settle.stop()
        self.incremental.shutdown()

    on_page_context = CombinedEvent(_on_page_context_fill, _on_page_context_toc)
