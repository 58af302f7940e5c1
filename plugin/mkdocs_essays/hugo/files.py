"""Hugo's file layout, before any front matter is read (the content step's first step).

- translations by file name (``about.pt-br.md``) or folder: the pages of this build's
  language are kept at their path inside it; other languages' pages leave this build (they
  are built in theirs) or, without ``languages``, are left out with one info line;
- in a leaf bundle (``posts/x/index.md``) the other Markdown files are resources, not pages;
- each ``_index.md`` moves to the address of its section, taxonomy or term, where it hosts
  the generated listing (its text is the intro, its title the page's title).
"""

from __future__ import annotations

import posixpath
from collections import defaultdict
from typing import TYPE_CHECKING

from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel

from ..pages.placing import move_file
from .layout import bundle_folders, bundle_of, classify_index, is_index_page

if TYPE_CHECKING:
    from ..site import Site
    from .content import HugoContent

__all__ = ["lay_out"]

log = get_plugin_logger(__name__)

_NAV_DEFAULT = (InclusionLevel.UNDEFINED, InclusionLevel.INCLUDED)


def lay_out(hugo: HugoContent, files: Files) -> None:
    """What each file is, as Hugo sees it: ``files`` adjusted in place, ``hugo.bundles`` and
    ``hugo.index_pages`` filled."""
    pages = _translations(hugo, files)
    pages = _bundle_resources(hugo, pages)
    _index_hosts(hugo, pages)


def _translations(hugo: HugoContent, files: Files) -> list[File]:
    """The pages of this build's language, each at its path inside the language
    (``about.pt-br.md`` and ``pt/about.md`` are ``about.md`` in ``pt-br``'s and ``pt``'s
    build; :mod:`..languages.model`). Other languages' files leave this build (they are
    built in theirs); without ``languages``, a translation is left out, with a line."""
    site = hugo.site
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


def _bundle_resources(hugo: HugoContent, pages: list[File]) -> list[File]:
    """Markdown files inside a leaf bundle are its resources, as in Hugo: not pages."""
    site = hugo.site
    root = "" if site.options.hugo_content else site.essays_dir  # Hugo: the whole tree
    hugo.bundles = bundle_folders((f.src_uri for f in pages), root)
    if not hugo.bundles:
        return pages
    resources: dict[str, list[File]] = defaultdict(list)
    kept: list[File] = []
    for file in pages:
        folder = bundle_of(file.src_uri, hugo.bundles)
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


def _index_hosts(hugo: HugoContent, pages: list[File]) -> None:
    """Move each ``_index.md`` to the address of what it stands for."""
    site = hugo.site
    plurals = tuple(dict.fromkeys(site.taxonomies.values()))
    dests = {f.dest_uri: f for f in pages if not is_index_page(f.src_uri)}
    for file in pages:
        if not is_index_page(file.src_uri):
            continue
        page = classify_index(file.src_uri, plurals)
        location = hugo.location_of(page)
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
        hugo.index_pages[file.src_uri] = page
        if page.kind == "term" and file.inclusion in _NAV_DEFAULT:
            file.inclusion = InclusionLevel.NOT_IN_NAV  # as the generated term pages


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
