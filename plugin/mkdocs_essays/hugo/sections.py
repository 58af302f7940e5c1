"""Hugo's sections and their list pages (Hugo 0.168), as :class:`~.content.HugoContent` found
them: every top-level folder of content is a section, ``_index.md`` or not, and so is every
folder below with an ``_index.md``."""

from __future__ import annotations

import html
import posixpath
from collections import defaultdict
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from mkdocs.structure.files import InclusionLevel

from ..pages.feature import Feature
from ..pages.inputs import Inputs
from ..pages.plan import PageSpec
from ..pages.urls import relative_url
from .layout import is_index_page

if TYPE_CHECKING:
    from ..pages.views import Views
    from ..site import Site

__all__ = ["HugoSections"]


class HugoSections(Feature):
    """A list page for each of Hugo's sections (``hugo_content`` only)."""

    kinds = ("section",)

    def __init__(self, site: Site, views: Views) -> None:
        super().__init__(site, views)
        self.hugo = site.hugo

    def plan(self) -> Iterable[PageSpec]:
        return self._sections() if self.site.options.hugo_content else ()

    def _sections(self) -> list[PageSpec]:
        """Hugo's sections and their list pages (Hugo 0.168): every top-level folder of
        content is a section, ``_index.md`` or not, and so is every folder below with an
        ``_index.md``. A page belongs to the nearest section above it, a section to the one
        above it too. A section's ``_index.md`` hosts the list (its text is the intro); a
        top-level folder without one gets a generated list page; an ``_index.md`` Hugo does
        not write (a draft, ``render = "never"``) leaves its section without a list page.
        The essays' folder and taxonomies have their own listings."""
        site = self.site
        files = site.files
        assert files is not None
        pages = [
            f
            for f in files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
            if f.generated_by is None and "/" in f.src_uri
        ]
        taken = {f.dest_uri for f in files.documentation_pages(inclusion=lambda _: True)}
        skip = {site.essays_dir, *site.taxonomies.values()}
        # a folder of drafts or of pages Hugo does not write is a section still (Hugo 0.168)
        read = (s for s in site.documents if "/" in s and not is_index_page(s))
        tops = {f.src_uri.split("/", 1)[0] for f in pages} | {s.split("/", 1)[0] for s in read}
        sections: dict[str, str | None] = {}
        """folder -> the src_uri of its _index.md (None: none, a generated list page)."""
        for folder in tops - skip:
            location = site.policy.section(folder)
            if location and site.policy.dest(location) not in taken:
                sections[folder] = None
        hosts: dict[str, str] = {}
        for src_uri, index in self.hugo.index_pages.items():
            if index.kind != "section" or index.folder.split("/", 1)[0] in skip:
                continue
            sections[index.folder] = src_uri
            file = files.get_file_from_path(src_uri)
            if file is not None and file.inclusion.is_included():
                hosts[index.folder] = src_uri
        members: dict[str, list[str]] = defaultdict(list)
        for file in pages:
            own = self.hugo.index_pages.get(file.src_uri)
            start = file.src_uri.rsplit("/", 1)[0]
            if own is not None:
                if own.kind != "section":
                    continue
                start = posixpath.dirname(own.folder)  # a section is in the one above
            nearest = _nearest(start, sections)
            if nearest is not None:
                members[nearest].append(file.src_uri)
        specs: list[PageSpec] = []
        for folder in sorted(sections):
            key = tuple(members.get(folder, ()))
            if sections[folder] is None:
                location, title = site.policy.section(folder), folder[:1].upper() + folder[1:]
            elif folder in hosts:
                host = self.hugo.index_pages[hosts[folder]]
                document = site.documents.get(hosts[folder])
                title = str(document.front.title) if document and document.front.title else ""
                title = title or self.hugo.title_of(host)
                location = self.hugo.location_of(host)
            else:
                continue
            specs.append(PageSpec("section", location, title, key=key))
        return specs

    def render(self, spec: PageSpec, page_url: str, *, hosted: bool) -> str:
        """A section's list page: a link to each of its pages, in Hugo's default order
        (Hugo 0.168): by ``weight`` (weighted pages first), then newest first (dated pages
        before the others), then by title."""
        links = "".join(
            f'<li><a href="{html.escape(relative_url(url, page_url))}">{html.escape(title)}</a>'
            "</li>"
            for title, url in self._items(spec)
        )
        return f'<ul class="essay-section">{links}</ul>'

    def inputs(self, spec: PageSpec) -> Inputs:
        return Inputs(values=tuple(self._items(spec)))

    def _items(self, spec: PageSpec) -> list[tuple[str, str]]:
        """(title, URL) of each page the section's list shows, in order."""
        site = self.site
        files = site.files
        assert files is not None
        items: list[tuple[tuple[Any, ...], str, str]] = []
        for src_uri in spec.key:
            file = files.get_file_from_path(src_uri)
            if file is None or src_uri not in (site.included or ()):  # (see Site.included)
                continue
            if self.hugo.options_of(src_uri).list == "never":  # in no list (Hugo 0.168)
                continue
            document = site.documents.get(src_uri)
            front = document.front if document is not None else None
            title = str(
                (front.title if front else None) or posixpath.basename(file.url.rstrip("/"))
            )
            weight = front.weight if front else 0
            date = front.date if front else None
            stamp = -_timestamp(date) if date is not None else 0.0
            key = (weight == 0, weight, date is None, stamp, title.casefold())
            items.append((key, title, file.url))
        return [(title, url) for _, title, url in sorted(items, key=lambda item: item[0])]


def _timestamp(date: datetime) -> float:
    """A date as seconds, a date without a zone read as UTC (to order pages)."""
    return (date if date.tzinfo else date.replace(tzinfo=UTC)).timestamp()


def _nearest(folder: str, sections: Mapping[str, Any]) -> str | None:
    """The nearest of ``sections`` at or above ``folder`` (None at the root)."""
    while folder:
        if folder in sections:
            return folder
        folder = posixpath.dirname(folder)
    return None
