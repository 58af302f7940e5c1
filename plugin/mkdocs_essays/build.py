"""One build of the site: the state the plugin keeps from ``on_files`` to ``on_post_build``.

A new :class:`EssaysBuild` each ``on_config``: only what ``cache.py`` keeps by content outlives
a build. Each hook makes one call here. Sources -> front matter -> model -> pages -> HTML.
"""

from __future__ import annotations

import html as htmllib
import os
import posixpath
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote
from zoneinfo import ZoneInfo

from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.toc import TableOfContents

from .cache import CACHE
from .errors import CollectionError
from .frontmatter import Document, FrontMatterErrors
from .hugo.term_pages import other_pages
from .languages.labels import labels_for
from .languages.model import Language, SiteLanguages
from .model import Collection, Essay, Publication, Term, make_essay
from .model.text import auto_summary, first_words, markdown_inline_to_text, summary_before_more
from .model.text import reading_time as minutes_for
from .model.text import word_count as count_words
from .pages.chips import LISTED_TERMS, Chips, chips_of
from .pages.destinations import check as check_destinations
from .pages.feature import Feature
from .pages.placing import make_policy, move_file, place_essays
from .pages.plan import PageSpec
from .pages.urls import relative_url
from .parsing.html import ParsedHtml
from .reading import drop_gone, gone, read_source, read_text, without_controls
from .render import Renderer, View, stylesheet
from .render.deferred import Deferred
from .writing import release_written

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.pages import Page

    from .config import EssaysConfig

log = get_plugin_logger(__name__)

ASSET = "assets/mkdocs-essays/essays.css"
# What MkDocs sees before the body of a page we read: an empty YAML block, so MkDocs does not
# take the body's first lines for MultiMarkdown meta ("Note: ..." would vanish otherwise).
_EMPTY_META = "---\n{}\n---\n"
# Meta fields themes print inside an attribute (Material: <meta name="description" content="...">)
# without escaping them: they get escaped text, quotes included.
_ATTRIBUTE_META = ("description", "author")
# Where an essay page waits for what depends on every other essay (``Feature.essay_late``).
LATE = "<!-- mkdocs-essays: after the essay -->"


@dataclass(frozen=True)
class Rendered:
    """What an essay's rendered body gave: its HTML (before our header) and its text."""

    html: str
    text: str
    words: int
    summary: str
    parsed: ParsedHtml | None = field(default=None, compare=False, repr=False)
    """The body's one reading, while its page is rendered (``on_page_content``); None after,
    so a build does not keep every essay's tokens."""


class EssaysBuild:
    def __init__(
        self,
        options: EssaysConfig,
        config: MkDocsConfig,
        *,
        serve: bool,
        now: datetime,
        features: list[type[Feature]],
        languages: SiteLanguages | None = None,
        language: Language | None = None,
    ) -> None:
        self.options = options
        self.languages = languages or SiteLanguages.of(options.default_language, options.languages)
        self.language = language or self.languages.default
        """The language of this build's pages (a site in several has a build per language)."""
        self.config = config
        self.serve = serve
        self.zone = ZoneInfo(options.timezone)
        self.publication = Publication(
            now=now,
            build_drafts=options.build_drafts,
            build_future=options.build_future,
            build_expired=options.build_expired,
        )
        self.preview = serve and options.drafts_on_serve
        self.policy = make_policy(options, config)
        self.lower = self.policy.lower
        self.renderer = Renderer(
            config.theme.dirs,
            date_format=self.language.date_format or options.date_format,
            language=self.language.code,
            labels=labels_for(self.language.code, self.language.labels),
        )
        self.taxonomies: dict[str, str] = dict(options.taxonomies)
        self.essays_dir = options.essays_dir.strip("/")
        self.root = os.path.dirname(config.config_file_path or "") or os.getcwd()

        self.files: Files | None = None
        self.documents: dict[str, Document] = {}
        self.broken: dict[str, list[str]] = {}
        """src_uri -> front matter errors (only kept under `mkdocs serve`)."""
        self.bodies: dict[str, str] = {}
        """src_uri -> the Markdown MkDocs renders (the body after every feature's transform)."""
        self.collection = Collection.of((), self.taxonomies.values(), preview=self.preview)
        self.locations: dict[Essay, str] = {}
        self.essay_files: dict[str, File] = {}
        self.rendered: dict[str, Rendered] = {}
        self.specs: dict[str, PageSpec] = {}
        """src_uri of the page that shows it -> spec."""
        self.hosted: set[str] = set()
        """src_uris of writers' pages that host a listing."""
        self.extra: dict[str, tuple[Feature, File]] = {}
        self._views: dict[tuple[str, str, bool], dict[str, Any]] | None = None
        self._chips: dict[Essay, tuple[Chips, ...]] = {}
        self._renderers: dict[str, Feature] | None = None
        """Essay views by (essay, page folder), once listings are rendered (``on_env``)."""
        self.deferred = Deferred()
        self.features = [feature(self) for feature in features]

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

    # -- on_files -------------------------------------------------------------------------------

    def collect(self, files: Files) -> Files:
        """Read every page's front matter, build the collection, add the plugin's pages."""
        self.files = files
        for feature in self.features:
            feature.prepare(files)
        errors: list[str] = []
        essays: list[Essay] = []
        for file in files.documentation_pages(inclusion=InclusionLevel.is_in_serve):
            if file.generated_by is not None and file.generated_by != "essays":
                continue
            path = self.display_path(file)
            source = read_source(file, files, path, errors)  # None: gone or unreadable
            if source is None:
                continue
            try:
                document = CACHE.read(source, path, zone=self.zone, taxonomies=self.taxonomies)
            except FrontMatterErrors as error:
                errors.extend(str(e) for e in error.errors)
                self.broken[file.src_uri] = [str(e) for e in error.errors]
                continue
            for warning in document.front.warnings:  # read as Hugo reads it, likely not as meant
                log.warning(str(warning))
            essay_source = self.is_essay_source(file.src_uri)
            if document.front.format is not None or essay_source:
                self.documents[file.src_uri] = document
            if essay_source:
                essays.append(
                    make_essay(document, file.src_uri, self.publication, lower=self.lower)
                )
                self.essay_files[file.src_uri] = file
        if errors and not self.serve:
            raise PluginError("\n".join(errors))
        for message in errors:
            # Under `mkdocs serve` the site keeps working: the broken page shows the error.
            log.error(message)

        names, (essays, pages) = self.taxonomies.values(), other_pages(self, essays)  # issue 11
        self.collection = Collection.of(
            essays, names, preview=self.preview, pages=pages, lower=self.lower
        )
        place_essays(self, files)
        self._report_terms()
        for src_uri, document in self.documents.items():
            body = document.body
            for feature in self.features:
                body = feature.transform(src_uri, body)
            self.bodies[src_uri] = without_controls(document, body)
        dests = {f.dest_uri: f for f in files.documentation_pages()}
        for feature in self.features:
            for spec in feature.plan():
                self._place(spec, files, dests)
            for path in feature.extra_files():
                extra = File.generated(self.config, path, content="")
                if files.get_file_from_path(path) is not None:
                    log.warning(
                        f"docs/{path} is also a file the plugin writes; the plugin's version wins. "
                        "Rename your file to keep it."
                    )
                    files.remove(files.get_file_from_path(path))  # type: ignore[arg-type]
                files.append(extra)
                self.extra[path] = (feature, extra)
        css = File.generated(self.config, ASSET, content=stylesheet())
        files.append(css)
        check_destinations(self, files)  # two files at one path: one error naming both
        return files

    def _report_terms(self) -> None:
        """One info line for every merged spelling; a warning per slug two names share."""
        merged: list[str] = []
        for taxonomy in self.collection.taxonomies.values():
            for merge in taxonomy.merges:
                others = ", ".join(repr(s) for s in merge.spellings if s != merge.name)
                note = f"{taxonomy.name} {merge.name!r} (also written {others})"
                if merge.hugo_slugs:
                    moved = ", ".join(self._shown_url(taxonomy.name, s) for s in merge.hugo_slugs)
                    note += (
                        f" at {self._shown_url(taxonomy.name, merge.slug)}; Hugo's {moved} "
                        "redirects there"
                    )
                merged.append(note)
            for collision in taxonomy.collisions:
                plural = taxonomy.name
                uses = "; ".join(
                    f"{name!r} in " + ", ".join(f"{e.path}:{e.front.line_of(plural)}" for e in used)
                    for name, used in collision.uses
                )
                log.warning(
                    f"{plural}: different names share the page "
                    f"{self._shown_url(plural, collision.slug)}: {uses}. Rename one of them so "
                    "each has its own page, or write them the same way to make them one term."
                )
        if merged:
            log.info(
                "Spellings that differ only in case or spacing are one term, shown as written "
                "most: " + "; ".join(merged)
            )

    def _shown_url(self, taxonomy: str, slug: str) -> str:
        return "/" + unquote(self.url_of(self.policy.term(taxonomy, slug)))

    def _place(self, spec: PageSpec, files: Files, dests: dict[str, File]) -> None:
        """Add the page of a spec, or let the writer's page at that path host it."""
        dest = self.policy.dest(spec.location)
        src_uri = self.policy.src_uri(spec.location)
        host = files.get_file_from_path(src_uri) or dests.get(dest)
        if host is not None and host.src_uri in self.essay_files:
            essay = self.collection.get(host.src_uri)
            problem = CollectionError(
                self.display_path(host),
                essay.front.line_of("slug", "url") if essay else None,
                f"this essay publishes at /{self.url_of(spec.location)}, the path of the "
                f"generated {spec.kind.replace('-', ' ')} page; give it another 'slug' or 'url'",
            )
            raise PluginError(str(problem))
        if host is not None and host.generated_by is None:
            self.specs[host.src_uri] = spec
            self.hosted.add(host.src_uri)
            text = read_text(host, self.display_path(host), errors="replace")
            if text is not None and not _appends(spec, host) and spec.marker not in text:
                log.warning(
                    f"{self.display_path(host)} is at the path of the generated "
                    f"{spec.kind.replace('-', ' ')} page /{self.url_of(spec.location)}; your page "
                    f"is kept and the listing left out. Add the line {spec.marker} where the "
                    "listing should go."
                )
            if host.dest_uri != dest:  # `use_directory_urls: false`: where the links point
                move_file(host, dest, self.url_of(spec.location))
            return
        if host is not None and host.src_uri in self.specs and host.generated_by == "essays":
            other = self.specs[host.src_uri]
            raise PluginError(
                f"Two generated pages at /{self.url_of(spec.location)}: the "
                f"{other.kind.replace('-', ' ')} page {other.title!r} and the "
                f"{spec.kind.replace('-', ' ')} page {spec.title!r}; rename what one of them is "
                "made from (a tag, a taxonomy, a heading)"
            )
        if host is not None:
            files.remove(host)
        inclusion = InclusionLevel.NOT_IN_NAV
        if spec.top_level and self.config.nav is None:
            inclusion = InclusionLevel.INCLUDED
        file = File.generated(self.config, src_uri, content="", inclusion=inclusion)
        if file.dest_uri != dest:  # `use_directory_urls: false`: where the links point
            move_file(file, dest, self.url_of(spec.location))
        files.append(file)
        dests[file.dest_uri] = file
        self.specs[src_uri] = spec

    # -- on_page_read_source / on_page_markdown --------------------------------------------------

    def source(self, page: Page) -> str | None:
        file = page.file
        if file.src_uri in self.broken:
            source = read_text(file, self.display_path(file), errors="replace")
            return _EMPTY_META + self.renderer.render(
                "broken_page.html", errors=self.broken[file.src_uri], source=source or ""
            )
        body = self.bodies.get(file.src_uri)
        if body is None:  # MkDocs reads it, unless it is gone: then an empty page
            return _EMPTY_META if gone(file, self.display_path(file)) else None
        return _EMPTY_META + body

    def body(self, essay: Essay) -> str:
        """The Markdown of an essay as MkDocs renders it (after every transform)."""
        return self.bodies.get(essay.src_uri, essay.body)

    def page_markdown(self, markdown: str, page: Page) -> str:
        src_uri = page.file.src_uri
        document = self.documents.get(src_uri)
        if document is not None:
            meta = document.front.meta()
            essay = self.collection.get(src_uri)
            if essay is not None:
                meta["title"] = essay.title
                if any(essay.terms(plural) for plural in self.taxonomies.values()):
                    # The essay header has chips linking to the term pages: hide the row
                    # Material's tags plugin would add above it (Material's `hide: [tags]`).
                    hide = meta.get("hide") or []
                    meta["hide"] = [*(hide if isinstance(hide, list) else [hide]), "tags"]
            if "title" in meta:
                # MkDocs themes print page titles as HTML: give them escaped text.
                meta["title"] = htmllib.escape(str(meta["title"]), quote=False)
            for key in _ATTRIBUTE_META:
                if isinstance(meta.get(key), str):
                    meta[key] = htmllib.escape(meta[key])
            page.meta = {**page.meta, **meta}
        spec = self.specs.get(src_uri)
        if spec is not None and src_uri not in self.hosted:
            page.meta = {**page.meta, **spec.meta, "title": htmllib.escape(spec.title, quote=False)}
        return markdown

    # -- on_page_content -----------------------------------------------------------------------

    def page_content(self, html: str, page: Page) -> str:
        essay = self.collection.get(page.file.src_uri)
        if essay is None or essay not in self.locations:
            return html
        url = page.url
        rendered = self._measure(essay, ParsedHtml(html))
        self.rendered[essay.src_uri] = rendered
        for feature in self.features:
            html = feature.essay_html(essay, html, url)
        self.rendered[essay.src_uri] = replace(rendered, parsed=None)
        if not essay.front.description:
            page.meta["description"] = htmllib.escape(rendered.summary)
        body_h1 = html.lstrip().startswith("<h1")
        header = self.renderer.render(
            "essay_header.html", essay=self.view(essay, url, full=True), h1=not body_h1
        )
        if body_h1:
            cut = html.find("</h1>") + len("</h1>")
            html = html[:cut] + "\n" + header + html[cut:]
        else:
            html = header + "\n" + html
        footer = "".join(feature.essay_footer(essay, url) for feature in self.features)
        return html + footer + LATE

    def _measure(self, essay: Essay, parsed: ParsedHtml) -> Rendered:
        text = parsed.text()
        if essay.front.summary:
            summary = markdown_inline_to_text(essay.front.summary)
        else:
            summary = summary_before_more(parsed)
            if summary is None:
                summary = auto_summary(parsed, self.options.summary_length)
        words = count_words(text)
        return Rendered(html=parsed.source, text=text, words=words, summary=summary, parsed=parsed)

    def summary(self, essay: Essay) -> str:
        rendered = self.rendered.get(essay.src_uri)
        if rendered is not None:
            return rendered.summary
        # Not rendered in this build (a --dirty rebuild): read it from the Markdown.
        if essay.front.summary:
            return markdown_inline_to_text(essay.front.summary)
        body = essay.body.split("<!--more-->", 1)[0] if "<!--more-->" in essay.body else essay.body
        return first_words(markdown_inline_to_text(body), self.options.summary_length)

    def view(self, essay: Essay, page_url: str, *, full: bool = False) -> dict[str, Any]:
        """What templates know of an essay, with links relative to the page at ``page_url``:
        its term chips as a listing shows them (:mod:`.pages.chips`), all of them when ``full``
        (the essay's own page).

        Once every essay is rendered (``on_env``) a view depends only on the essay and the
        page's folder, so it is made once per pair: the five cards of an essay, or the essays
        listed on sixty term pages, share them. Callers must not change the dict.
        """
        if self._views is None:
            return self._view(essay, page_url, full)
        folder = page_url if page_url.endswith("/") else posixpath.dirname(page_url)
        key = (essay.src_uri, folder, full)
        view = self._views.get(key)
        if view is None:
            view = self._views[key] = self._view(essay, page_url, full)
        return view

    def _view(self, essay: Essay, page_url: str, full: bool) -> dict[str, Any]:
        rendered = self.rendered.get(essay.src_uri)
        url = relative_url(self.essay_url(essay), page_url)
        chips = self._chips.get(essay)
        if chips is None:
            taxonomies = {p: self.collection.taxonomies[p] for p in self.taxonomies.values()}
            chips = self._chips[essay] = chips_of(essay, taxonomies)
        terms = []
        for group in chips:
            shown = group.terms if full else group.terms[:LISTED_TERMS]
            links = [
                View(
                    name=name,
                    url=relative_url(self.url_of(self.policy.term(group.taxonomy, slug)), page_url),
                )
                for name, slug in shown
            ]
            terms.append(
                View(
                    taxonomy=group.taxonomy,
                    label=group.taxonomy.capitalize(),
                    links=links,
                    more=len(group.terms) - len(shown),
                    url=url,
                )
            )
        return View(
            title=essay.title,
            url=url,
            date=essay.date,
            lastmod=essay.front.lastmod,
            badges=essay.badges,
            summary=self.summary(essay),
            minutes=minutes_for(rendered.words) if rendered else None,
            terms=terms,
            essay=essay,
        )

    # -- on_page_context ---------------------------------------------------------------------------

    def page_context(self, page: Page) -> None:
        """``showTableOfContents = false`` hides the table of contents in every theme.

        Material reads ``hide: [toc]`` from the meta; other themes draw ``page.toc``, which is
        emptied here, after the search plugin has used it.
        """
        if page.content:  # the HTML search had no need to read (:meth:`defer`)
            page.content = self.deferred.restore(page.content)
        document = self.documents.get(page.file.src_uri)
        if document is not None and document.front.show_toc is False:
            page.toc = TableOfContents([])

    def defer(self, html: str | Callable[[], str]) -> str:
        """A stand-in for HTML search must not index (``data-search-exclude``, which Material's
        indexer reads all the same): the page gets it back after search (:meth:`page_context`)."""
        return self.deferred.hold(html)

    # -- on_env ----------------------------------------------------------------------------------

    def fill(self, files: Files) -> None:
        """Once every essay is rendered: the listings in writers' own pages, and the contents
        of the virtual files (feeds, cards.json). The plugin's own pages are rendered one at a
        time, just before MkDocs writes each (:meth:`render_page`), so a site of thousands of
        card pages never holds all their HTML at once."""
        drop_gone(files, self.display_path)  # static files removed since the build began
        self._views = {}
        self._renderers = {kind: feature for feature in self.features for kind in feature.kinds}
        for src_uri, spec in self.specs.items():
            file = files.get_file_from_path(src_uri)
            if file is None or file.page is None or file.page.content is None:
                continue
            page = file.page
            feature = self._renderers[spec.kind]
            if src_uri in self.hosted:
                content = page.content or ""
                listing = feature.render(spec, page.url, hosted=True)
                if spec.marker in content:
                    content = content.replace(spec.marker, listing, 1)
                elif _appends(spec, file):
                    content = content + "\n" + listing
                if "<h1" not in content and page.title:
                    content = f"<h1>{page.title}</h1>\n{content}"  # page.title is HTML already
                page.content = content
        for essay, page, content in self._essay_pages(files):
            late = "".join(feature.essay_late(essay, page.url) for feature in self.features)
            before, _, after = content.rpartition(LATE)  # the last: a writer may quote it
            page.content = before + late + after
        for path, (feature, file) in self.extra.items():
            content = feature.file_content(path)
            file.content_string = content.decode() if isinstance(content, bytes) else content

    def _essay_pages(self, files: Files) -> Iterator[tuple[Essay, Page, str]]:
        """Essay pages rendered in this build that wait for :meth:`Feature.essay_late`."""
        for essay in self.locations:
            file = files.get_file_from_path(essay.src_uri)
            page = file.page if file is not None else None
            if page is not None and page.content is not None and LATE in page.content:
                yield essay, page, page.content

    def render_page(self, page: Page) -> None:
        """The HTML of one of the plugin's own pages (``on_page_context``, before search)."""
        if self.extra:  # written with the static files, after on_env and before any page
            release_written(self.extra)  # (and forgets them: tried once)
        src_uri = page.file.src_uri
        spec = self.specs.get(src_uri)
        if spec is None or src_uri in self.hosted or self._renderers is None:
            return
        page.content = self._renderers[spec.kind].render(spec, page.url, hosted=False)

    def term_sections(self, term: Term, page_url: str) -> str:
        return "".join(feature.term_section(term, page_url) for feature in self.features)

    def term_counts(self, term: Term) -> dict[str, int]:
        counts: dict[str, int] = {}
        for feature in self.features:
            counts.update(feature.term_counts(term))
        return counts

    # -- on_post_page / on_post_build -------------------------------------------------------------

    def post_page(self, output: str, page: Page) -> str:
        """Add what features want in every page's ``<head>`` (feed links). A page of the
        plugin's own gives back its HTML here: it is written, and nothing reads it again."""
        page.content = self.deferred.written(page.content)  # (a local map is in the file now)
        if page.file.src_uri in self.specs and page.file.src_uri not in self.hosted:
            page.content = ""
        head = "".join(feature.head(page.url) for feature in self.features)
        if not head:
            return output
        at = output.find("</head>")
        return output if at == -1 else output[:at] + head + output[at:]

    def post_build(self, site_dir: str) -> None:
        for feature in self.features:
            feature.post_build(site_dir)


def _appends(spec: PageSpec, host: File) -> bool:
    """A host page without the marker gets the listing after its text: the home page's latest
    essays, and Hugo's ``_index.md`` section and term pages (their text is the intro)."""
    return spec.kind == "latest" or posixpath.basename(host.src_uri).startswith("_index.")
