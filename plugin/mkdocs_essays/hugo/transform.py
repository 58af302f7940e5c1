"""A page's Markdown as MkDocs renders it (the content step's sixth and seventh steps):
``## <!--more-->`` made the divider alone, Hugo's shortcodes rendered (:mod:`.shortcodes`),
links written from the site's root (``/posts/x/``) made relative; then the pages without
front matter, and every problem found, reported at once.
"""

from __future__ import annotations

import dataclasses
import posixpath
from collections import defaultdict
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import InclusionLevel

from ..cache import ByObject, digest
from ..frontmatter import FrontMatterErrors, read
from ..pages.urls import relative_url
from .include import Includable
from .linking import url_key
from .markdown import may_have_root_links, more_out_of_headings, rewrite_root_links
from .shortcodes import Problem, RefError, Withheld, expand

if TYPE_CHECKING:
    from collections.abc import Mapping

    from .content import HugoContent

__all__ = ["Transform"]

log = get_plugin_logger(__name__)


class _Texts:
    """What is read of each text alone, kept while it is the same text object (an unchanged
    file's body is): a save under `mkdocs serve` scans only the texts it changed (issue 23)."""

    def __init__(self) -> None:
        self.settled: ByObject[str] = ByObject()
        """Body -> ``## <!--more-->`` made the divider alone."""
        self.root_links: ByObject[bool] = ByObject()
        """Body as expanded -> whether a link from the site's root may be in it."""

    def begin(self) -> None:
        self.settled.begin()
        self.root_links.begin()


class Transform:
    """Shortcodes and links of every page, and what went wrong with them."""

    def __init__(self, hugo: HugoContent) -> None:
        self.hugo = hugo
        site = hugo.site
        self.mapping: dict[str, str] = dict(site.options.shortcodes)
        self.unknown: str = site.options.unknown_shortcodes
        self.extensions = frozenset(
            e for e in site.config.markdown_extensions if isinstance(e, str)
        )
        self.problems: list[tuple[str, Problem]] = []
        """(file as messages name it, problem with its line in the file)."""
        self._includable: Includable | None = None
        self._included_problems: set[tuple[str, str]] = set()
        self._texts = site.cache.get("hugo texts", digest(site.language.code), _Texts)
        self._texts.begin()

    def transform(self, src_uri: str, markdown: str) -> str:
        """A page's Markdown as MkDocs renders it: ``## <!--more-->`` made the divider alone,
        shortcodes rendered, links written from the site's root made relative."""
        site = self.hugo.site
        file = site.files.get_file_from_path(src_uri) if site.files is not None else None
        written = InclusionLevel.is_in_serve if site.serve else InclusionLevel.is_included
        if file is not None and not written(file.inclusion):
            # a page this build does not write (a draft, a snippet never rendered): its
            # shortcodes are not run, as in Hugo, where an include shows them in its includer
            return markdown
        document = site.documents.get(src_uri)
        path = document.path if document is not None else src_uri
        offset = (document.body_line - 1) if document is not None else 0
        markdown = self._texts.settled.of(markdown, more_out_of_headings)
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
        if not self._texts.root_links.of(expansion.markdown, may_have_root_links):
            return expansion.markdown
        return rewrite_root_links(expansion.markdown, services.root_link)

    def pages_without_front_matter(self) -> None:
        """Shortcodes, root links and ``_index.md`` titles in pages without front matter (as
        the content step read them: the site's documents are the pages that have one)."""
        hugo = self.hugo
        site = hugo.site
        files = site.files
        assert files is not None
        for file in files.documentation_pages(inclusion=InclusionLevel.is_in_serve):
            src_uri = file.src_uri
            document = hugo.plain.get(src_uri)
            if document is None or src_uri in site.documents or file.generated_by is not None:
                continue
            index = hugo.index_pages.get(src_uri)
            if index is not None:
                front = dataclasses.replace(document.front, title=hugo.title_of(index))
                document = dataclasses.replace(document, front=front)
            body = self.transform(src_uri, document.body)
            if index is None and body == document.body:
                continue
            site.documents[src_uri] = document
            site.bodies[src_uri] = body

    def includable(self) -> Includable:
        """Every content page an ``include`` shortcode can name, rendered or not."""
        if self._includable is None:
            site = self.hugo.site
            files = site.files
            assert files is not None
            pages = {f.src_uri: f for f in files.documentation_pages(inclusion=lambda _level: True)}

            def body(src_uri: str) -> str:
                document = self.hugo.read(src_uri)
                if document is None:  # not read by the content step (a bundle's resource...)
                    file = pages[src_uri]
                    path = site.display_path(file)
                    text = site.reader.text(file)
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

    def report(self) -> None:
        """Every problem of the transforms at once: errors stop the build, the rest are
        warnings (an unknown shortcode once, with how often it is used)."""
        errors: list[str] = []
        unknown: dict[str, list[tuple[str, Problem]]] = defaultdict(list)
        extensions: dict[str, tuple[str, Problem]] = {}
        ref_warnings = self.hugo.site.options.ref_errors == "warning"
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

    def __init__(self, transform: Transform, src_uri: str) -> None:
        self.transform = transform
        self.hugo = hugo = transform.hugo
        self.links = hugo.links
        self.site = hugo.site
        self.src_uri = src_uri
        self.page_url = hugo.links.urls.get(src_uri, "")

    def html(self, template: str, **context: Any) -> str:
        return self.site.renderer.render(template, **context)

    def ref(self, target: str, *, relative: bool, in_link: bool) -> str:
        page, fragment = self.links.refs.resolve(target, self.src_uri)
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
        page = self.transform.includable().find(target, self.src_uri)
        why = self.hugo.unpublished(page[0])
        if why is None or not self.hugo.published(self.src_uri):
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
        key = url_key(path)
        src_uri = self.links.by_url.get(key)
        if src_uri is None and not key.endswith("/"):
            src_uri = self.links.by_url.get(key + "/")
        if src_uri is None:
            return None
        fragment = f"#{self._heading(src_uri, unquote(parts.fragment))}" if parts.fragment else ""
        query = f"?{parts.query}" if parts.query else ""
        if html or query:  # not a link MkDocs resolves: the URL itself
            files = site.files
            assert files is not None
            file = files.get_file_from_path(src_uri)
            target = self.links.urls.get(src_uri) or (file.url if file is not None else None)
            if target is None:
                return None
            return relative_url(target, self.page_url) + query + fragment
        return _relative_path(src_uri, self.src_uri) + fragment  # MkDocs resolves and checks it

    def _heading(self, src_uri: str, fragment: str) -> str:
        """A heading id written for Hugo (``#café``) as the target page has it (``#cafe``)."""
        target = self.links.refs.by_src.get(src_uri)
        if target is None or target.anchors is None:
            return fragment
        return target.anchors().get(fragment, fragment)


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
