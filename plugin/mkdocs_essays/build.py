"""One build of the site: the state the plugin keeps from ``on_files`` to ``on_post_page``.

A new :class:`EssaysBuild` each ``on_config``: only what the plugin's cache keeps by content
outlives a build. Each hook makes one call here, and each call runs its steps in order:

- ``on_files`` (:meth:`EssaysBuild.collect`): the content step (:mod:`.content`) makes the
  :class:`~.site.Site`, read-only from then on; then every feature, in the order of
  ``plugin.FEATURES``, plans its pages and files, which are added to MkDocs' files;
- ``on_page_markdown``, ``on_page_content``: an essay's meta, header and what features add to
  its body; the essay's rendered measures are recorded (:class:`~.pages.views.Views`);
- ``on_env`` (:meth:`EssaysBuild.fill`): the listings in writers' pages, what follows each essay
  once every essay is rendered, the text of the virtual files;
- ``on_page_context``, ``on_post_page``: each generated page rendered just before it is
  written, and let go after.
"""

from __future__ import annotations

import html as htmllib
import posixpath
from collections.abc import Iterator
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.toc import TableOfContents

from .content import collect_content
from .errors import CollectionError
from .model import Essay
from .pages.destinations import check as check_destinations
from .pages.destinations import describe
from .pages.feature import Feature
from .pages.inputs import Inputs
from .pages.placing import move_file
from .pages.plan import PageSpec
from .pages.views import Views
from .render import stylesheet
from .site import Site
from .writing import note_written, release_written

if TYPE_CHECKING:
    from mkdocs.structure.pages import Page


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


class EssaysBuild:
    """One build: the site (read-only once collected), the features in their order, and
    the pages and files they added."""

    def __init__(self, site: Site, features: list[type[Feature]]) -> None:
        self.site = site
        """What the site is made of: settings now, the collection once :meth:`collect` ran."""
        self.kinds = features
        """The features of this build, in the order their steps run."""
        self.features: list[Feature] = []
        """Made once the site is collected (``on_files``)."""
        self.specs: dict[str, PageSpec] = {}
        """src_uri of the page that shows it -> spec."""
        self.hosted: set[str] = set()
        """src_uris of writers' pages that host a listing."""
        self.extra: dict[str, tuple[Feature, File]] = {}
        self.views = Views(self.site, self.specs, lambda file: describe(self, file))
        self.owners: dict[str, Feature] = {}
        """Page kind -> the feature that renders its pages."""

    # -- on_files -------------------------------------------------------------------------------

    def collect(self, files: Files) -> Files:
        """The site from MkDocs' files (:mod:`.content`), then every feature's pages and
        files added to them."""
        site = self.site
        collect_content(site, files)
        self.features = _make(self.kinds, site, self.views)
        self.views.features = tuple(self.features)
        self.owners = {kind: feature for feature in self.features for kind in feature.kinds}
        dests = {f.dest_uri: f for f in files.documentation_pages()}
        for feature in self.features:
            for spec in feature.plan():
                self._place(spec, files, dests)
            for path in feature.extra_files():
                extra = note_written(File.generated(site.config, path, content=""))
                if files.get_file_from_path(path) is not None:
                    log.warning(
                        f"docs/{path} is also a file the plugin writes; the plugin's version wins. "
                        "Rename your file to keep it."
                    )
                    files.remove(files.get_file_from_path(path))  # type: ignore[arg-type]
                files.append(extra)
                self.extra[path] = (feature, extra)
        css = File.generated(site.config, ASSET, content=stylesheet())
        files.append(css)
        check_destinations(self, files)  # two files at one path: one error naming both
        return files

    def _place(self, spec: PageSpec, files: Files, dests: dict[str, File]) -> None:
        """Add the page of a spec, or let the writer's page at that path host it."""
        site = self.site
        dest = site.policy.dest(spec.location)
        src_uri = site.policy.src_uri(spec.location)
        host = files.src_uris.get(src_uri) or dests.get(dest)  # (src_uri: already POSIX)
        if host is not None and host.src_uri in site.essay_files:
            essay = site.collection.get(host.src_uri)
            problem = CollectionError(
                site.display_path(host),
                essay.front.line_of("slug", "url") if essay else None,
                f"this essay publishes at /{site.url_of(spec.location)}, the path of the "
                f"generated {spec.kind.replace('-', ' ')} page; give it another 'slug' or 'url'",
            )
            raise PluginError(str(problem))
        if host is not None and host.generated_by is None:
            self.specs[host.src_uri] = spec
            self.hosted.add(host.src_uri)
            text = site.reader.text(host, errors="replace")
            if text is not None and not _appends(spec, host) and spec.marker not in text:
                log.warning(
                    f"{site.display_path(host)} is at the path of the generated "
                    f"{spec.kind.replace('-', ' ')} page /{site.url_of(spec.location)}; your page "
                    f"is kept and the listing left out. Add the line {spec.marker} where the "
                    "listing should go."
                )
            if host.dest_uri != dest:  # `use_directory_urls: false`: where the links point
                move_file(host, dest, site.url_of(spec.location))
            return
        if host is not None and host.src_uri in self.specs and host.generated_by == "essays":
            other = self.specs[host.src_uri]
            raise PluginError(
                f"Two generated pages at /{site.url_of(spec.location)}: the "
                f"{other.kind.replace('-', ' ')} page {other.title!r} and the "
                f"{spec.kind.replace('-', ' ')} page {spec.title!r}; rename what one of them is "
                "made from (a tag, a taxonomy, a heading)"
            )
        if host is not None:
            files.remove(host)
        inclusion = InclusionLevel.NOT_IN_NAV
        if spec.top_level and site.config.nav is None:
            inclusion = InclusionLevel.INCLUDED
        file = site.generated.file(site.config, src_uri, inclusion)
        if file.dest_uri != dest:  # `use_directory_urls: false`: where the links point
            move_file(file, dest, site.url_of(spec.location))
        files.append(file)
        dests[file.dest_uri] = file
        self.specs[src_uri] = spec

    # -- on_page_read_source / on_page_markdown --------------------------------------------------

    def source(self, page: Page) -> str | None:
        file = page.file
        if file.src_uri in self.site.broken:
            source = self.site.reader.text(file, errors="replace")
            return _EMPTY_META + self.site.renderer.render(
                "broken_page.html", errors=self.site.broken[file.src_uri], source=source or ""
            )
        body = self.site.bodies.get(file.src_uri)
        if body is None:  # MkDocs reads it, unless it is gone: then an empty page
            return _EMPTY_META if self.site.reader.gone(file) else None
        return _EMPTY_META + body

    def page_markdown(self, markdown: str, page: Page) -> str:
        src_uri = page.file.src_uri
        document = self.site.documents.get(src_uri)
        if document is not None:
            meta = document.front.meta()
            essay = self.site.collection.get(src_uri)
            if essay is not None:
                meta["title"] = essay.title
                if any(essay.terms(plural) for plural in self.site.taxonomies.values()):
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
        essay = self.site.collection.get(page.file.src_uri)
        if essay is None or essay not in self.site.locations:
            return html
        url = page.url
        rendered = self.views.measure(essay, html)
        for feature in self.features:
            html = feature.essay_html(essay, html, url)
        self.views.release(essay)
        if not essay.front.description:
            page.meta["description"] = htmllib.escape(rendered.summary)
        body_h1 = html.lstrip().startswith("<h1")
        header = self.site.renderer.render(
            "essay_header.html", essay=self.views.view(essay, url, full=True), h1=not body_h1
        )
        if body_h1:
            cut = html.find("</h1>") + len("</h1>")
            html = html[:cut] + "\n" + header + html[cut:]
        else:
            html = header + "\n" + html
        footer = "".join(feature.essay_footer(essay, url) for feature in self.features)
        return html + footer + LATE

    # -- on_page_context ---------------------------------------------------------------------------

    def page_context(self, page: Page) -> None:
        """``showTableOfContents = false`` hides the table of contents in every theme.

        Material reads ``hide: [toc]`` from the meta; other themes draw ``page.toc``, which is
        emptied here, after the search plugin has used it.
        """
        if page.content:  # the HTML search had no need to read (:meth:`defer`)
            page.content = self.views.deferred.restore(page.content)
        document = self.site.documents.get(page.file.src_uri)
        if document is not None and document.front.show_toc is False:
            page.toc = TableOfContents([])

    # -- on_env ----------------------------------------------------------------------------------

    def fill(self, files: Files) -> None:
        """Once every essay is rendered: the listings in writers' own pages, and the contents
        of the virtual files (feeds, cards.json). The plugin's own pages are rendered one at a
        time, just before MkDocs writes each (:meth:`render_page`), so a site of thousands of
        card pages never holds all their HTML at once."""
        self.site.reader.drop_gone(files)  # static files removed since the build began
        self.views.settle()
        for src_uri in [s for s in self.specs if s in self.hosted]:  # (others: render_page)
            spec = self.specs[src_uri]
            file = files.src_uris.get(src_uri)  # (src_uri: already POSIX)
            if file is None or file.page is None or file.page.content is None:
                continue
            page = file.page
            content = page.content or ""
            listing = self.owners[spec.kind].render(spec, page.url, hosted=True)
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
            text = feature.file_content(path)
            if isinstance(text, bytes):
                file.content_bytes = text  # (written as it is: no text to encode)
            else:
                file.content_string = text

    def _essay_pages(self, files: Files) -> Iterator[tuple[Essay, Page, str]]:
        """Essay pages rendered in this build that wait for :meth:`Feature.essay_late`."""
        for essay in self.site.locations:
            file = files.src_uris.get(essay.src_uri)  # (src_uri: already POSIX)
            page = file.page if file is not None else None
            if page is not None and page.content is not None and LATE in page.content:
                yield essay, page, page.content

    def render_page(self, page: Page) -> None:
        """The HTML of one of the plugin's own pages (``on_page_context``, before search)."""
        if self.extra:  # written with the static files, after on_env and before any page
            release_written(self.extra)  # (and forgets them: tried once)
        src_uri = page.file.src_uri
        spec = self.specs.get(src_uri)
        if spec is None or src_uri in self.hosted:
            return
        page.content = self.owners[spec.kind].render(spec, page.url, hosted=False)

    # -- what each page shows --------------------------------------------------------------------

    def inputs(self, src_uri: str) -> Inputs | None:
        """What the plugin puts on the page of ``src_uri`` draws from the collection (once
        every essay is rendered, ``on_env``): a generated page's, from the feature that renders
        it; an essay's, from every feature that adds to it; None when a feature does not say
        (:mod:`.pages.inputs`). A page's own Markdown and front matter are the rest of its key."""
        spec = self.specs.get(src_uri)
        if spec is not None:
            shown = self.owners[spec.kind].inputs(spec)
            if shown is None:
                return None
            return Inputs(values=spec.shown(src_uri in self.hosted)) + shown
        essay = self.site.collection.get(src_uri)
        if essay is None or essay not in self.site.locations:
            return Inputs()  # its own Markdown, as MkDocs renders it
        added = self.views.essay_inputs(essay)
        return None if added is None else Inputs(essays=(src_uri,)) + added

    def key(self, src_uri: str) -> bytes | None:
        """The digest of :meth:`inputs` (None: not declared, render the page again)."""
        inputs = self.inputs(src_uri)
        return None if inputs is None else self.views.digest(inputs)

    # -- on_post_page -------------------------------------------------------------

    def post_page(self, output: str, page: Page) -> str:
        """Add what features want in every page's ``<head>`` (feed links). A page of the
        plugin's own gives back its HTML here: it is written, and nothing reads it again."""
        page.content = self.views.deferred.written(page.content)  # (a local map is in the file now)
        if page.file.src_uri in self.specs and page.file.src_uri not in self.hosted:
            page.content = ""
        head = "".join(feature.head(page.url) for feature in self.features)
        if not head:
            return output
        at = output.find("</head>")
        return output if at == -1 else output[:at] + head + output[at:]


def _appends(spec: PageSpec, host: File) -> bool:
    """A host page without the marker gets the listing after its text: the home page's latest
    essays, and Hugo's ``_index.md`` section and term pages (their text is the intro)."""
    return spec.kind == "latest" or posixpath.basename(host.src_uri).startswith("_index.")


def _make(kinds: list[type[Feature]], site: Site, views: Views) -> list[Feature]:
    """The features, in order, each handed the features it needs (made before it)."""
    made: dict[type[Feature], Feature] = {}
    for kind in kinds:
        missing = [need.__name__ for need in kind.needs if need not in made]
        if missing:
            raise TypeError(f"{kind.__name__} needs {', '.join(missing)} before it in FEATURES")
        made[kind] = kind(site, views, *(made[need] for need in kind.needs))
    return list(made.values())
