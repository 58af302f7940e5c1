"""Where Hugo puts the pages that are not essays, once the essays are placed (the content
step's fifth step): which are published, where each goes by its ``slug``, ``url``, its
section's permalink or Hugo's lower case, and the resources of a bundle that moves.
"""

from __future__ import annotations

import posixpath
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, unquote

from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, InclusionLevel

from ..errors import EssaysError
from ..model import PathError
from ..model.slugs import dot_segments, hugo_slug, is_url
from ..pages.placing import move_file
from ..pages.urls import folder_of
from .layout import bundle_of, is_index_page

if TYPE_CHECKING:
    from .content import HugoContent

__all__ = ["place_pages"]

log = get_plugin_logger(__name__)


def place_pages(hugo: HugoContent) -> None:
    """Hugo's rules for the pages other than essays, in order."""
    leave_out_unpublished(hugo)
    move_sections(hugo)
    move_pages(hugo)
    if hugo.site.options.hugo_content and hugo.site.lower:
        lower_case_urls(hugo)
    move_resources(hugo)


def leave_out_unpublished(hugo: HugoContent) -> None:
    """Pages other than essays follow the essays' rules: a draft is never published by
    ``mkdocs build`` (``mkdocs serve`` previews it); with ``hugo_content`` so are pages
    scheduled for later or expired, and pages Hugo does not write: ``headless = true``,
    ``build.render = "never"`` or ``"link"`` (Hugo gives it a URL, writes no file: our
    listings leave it out rather than link to nothing), the old ``_build``, each its own
    or from a ``cascade``. Essays Hugo does not write never reach the collection
    (:meth:`.content.HugoContent.unwritten`)."""
    site = hugo.site
    files = site.files
    assert files is not None
    rules = site.options.hugo_content
    for src_uri, document in site.documents.items():
        file = files.get_file_from_path(src_uri)
        if file is None or file.generated_by is not None:
            continue
        if src_uri in site.essay_files:
            continue  # essays Hugo does not write are left out of the collection
        front = document.front
        reasons = [r for r in site.publication.left_out(front) if rules or r == "draft"]
        if reasons:
            file.inclusion = InclusionLevel.DRAFT if site.preview else InclusionLevel.EXCLUDED
        elif rules and not hugo.options_of(src_uri).rendered:
            file.inclusion = InclusionLevel.EXCLUDED


def move_sections(hugo: HugoContent) -> None:
    """A section's (term's, taxonomy's) ``_index.md`` at the address its permalink gives
    it, now that its ``slug`` and ``title`` are read."""
    site = hugo.site
    files = site.files
    assert files is not None
    if not site.policy.permalinks and not site.policy.slugged:
        return
    for src_uri, page in hugo.index_pages.items():
        file = files.get_file_from_path(src_uri)
        if page.kind not in ("section", "term", "taxonomy") or file is None:
            continue
        location = hugo.location_of(page)
        dest = site.policy.dest(location)
        if dest != file.dest_uri:
            move_file(file, dest, site.url_of(location))


def move_pages(hugo: HugoContent) -> None:
    """Pages other than essays go where their ``slug``, ``url``, their section's permalink
    or ``ugly_urls`` put them, as in Hugo."""
    site = hugo.site
    files = site.files
    assert files is not None
    policy = site.policy
    moves: list[tuple[File, str, int]] = []
    for src_uri, document in site.documents.items():
        front = document.front
        if src_uri in site.essay_files:
            continue
        index = hugo.index_pages.get(src_uri)
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
            location = _page_location(hugo, file, front)
        except PathError as error:
            raise PluginError(str(EssaysError(document.path, line, str(error)))) from None
        if site.policy.dest(location) != file.dest_uri:
            moves.append((file, location, line))
            if index is not None:
                hugo.index_urls[(index.kind, index.folder)] = location
    if not moves:
        return
    dests = {f.dest_uri: f for f in files.documentation_pages(inclusion=InclusionLevel.is_in_serve)}
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


def _page_location(hugo: HugoContent, file: File, front: Any) -> str:
    policy = hugo.site.policy
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


def lower_case_urls(hugo: HugoContent) -> None:
    """Hugo lower-cases the URLs it makes from paths (``disablePathToLower`` off):
    ``Org-File-A.md`` is ``/org-file-a/``. A ``url`` written in front matter is kept."""
    site = hugo.site
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


def move_resources(hugo: HugoContent) -> None:
    """A bundle's files follow its page when ``slug``/``url`` (or Hugo's path rules, as
    lower-casing ``Post-A/`` to ``post-a/``) move it, so the page's relative links to them
    keep working, at the paths Hugo uses (Hugo 0.168: ``Post-A/Photo.PNG`` is published at
    ``post-a/Photo.PNG``, the file's own name kept). With ``build.publishResources = false``
    they are not published (Hugo publishes them only when a template asks for them)."""
    site = hugo.site
    files = site.files
    assert files is not None
    targets: dict[str, str] = {}
    hidden: dict[str, str] = {}
    for folder, index in hugo.bundles.items():
        if not hugo.options_of(index).publish_resources:
            hidden[folder] = ""
            continue
        location = _bundle_location(hugo, index)
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


def _bundle_location(hugo: HugoContent, index: str) -> str | None:
    """Where the page of a bundle's ``index.md`` is (or would be, when Hugo does not write
    it: its resources are published all the same)."""
    site = hugo.site
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
