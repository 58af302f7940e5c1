"""Every page a ``ref``, a ``relref`` or a link written from the site's root can name, with
its URL and (read when a link asks) the ids of its headings and elements.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import cached_property
from typing import TYPE_CHECKING
from urllib.parse import unquote

from mkdocs.structure.files import File, InclusionLevel

from ..parsing.ids import Namer, site_namer
from .markdown import heading_ids
from .refs import PageIndex, RefTarget, element_ids

if TYPE_CHECKING:
    from .content import HugoContent

__all__ = ["Links", "url_key"]

UNPUBLISHED = {"draft": "a draft", "future": "scheduled for later", "expired": "expired"}


class Links:
    """The pages links can name, by ``ref`` target and by URL (made once the pages are placed)."""

    def __init__(self, hugo: HugoContent) -> None:
        self.hugo = hugo
        self.urls: dict[str, str] = {}
        """src_uri -> site-relative URL of every page a link can point to."""
        self.by_url: dict[str, str] = {}
        """unquoted URL path (``posts/x/``) -> src_uri, for links written from the root."""
        self.refs = PageIndex(())
        self._anchors: dict[str, Mapping[str, str]] = {}

    def index(self) -> None:
        """Every page a ``ref``, ``relref`` or a root link can name, with its URL."""
        hugo = self.hugo
        site = hugo.site
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
                    unpublished = " and ".join(UNPUBLISHED.get(r, r) for r in essay.left_out)
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
        generated = [(site.essays_dir, hugo.essay_index_location(), "the essay index")]
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
            self.by_url.setdefault(url_key(url), src_uri)
        for file in files:
            if not file.is_documentation_page() and file.inclusion.is_included():
                self.by_url.setdefault(url_key(file.url), file.src_uri)

    def _anchors_of(self, file: File) -> Callable[[], Mapping[str, str]]:
        def anchors() -> Mapping[str, str]:
            cached = self._anchors.get(file.src_uri)
            if cached is None:
                document = self.hugo.read(file.src_uri)
                text = document.body if document is not None else None
                if text is None:
                    text = self.hugo.site.reader.text(file, errors="replace") or ""
                cached = {i: i for i in element_ids(text)} | heading_ids(text, self._namer)
                self._anchors[file.src_uri] = cached
            return cached

        return anchors

    @cached_property
    def _namer(self) -> Namer:
        """Names headings as the pattern cards do (the site's Markdown and ``toc`` slugify)."""
        config = self.hugo.site.config
        return site_namer(config.markdown_extensions, config.mdx_configs)[0]


def url_key(url: str) -> str:
    """A site URL as links are compared: no leading slash, unquoted, ``index.html`` dropped."""
    key = unquote(url).lstrip("/")
    if key in (".", "./"):
        return ""
    if key.endswith("index.html"):
        key = key[: -len("index.html")]
    return key
