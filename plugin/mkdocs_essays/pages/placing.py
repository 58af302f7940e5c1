"""Where each essay is published: the URL policy (:mod:`.urls`) applied to the collection.

Once every front matter is read, the policy learns the site's sections (each ``_index.md``
with its ``slug`` and ``title``, for the ``:sections`` and ``:sectionslug`` tokens), then each
essay gets its location: ``url``, else its section's permalink, else ``<section>/<slug>``. Two
essays at one address, or an essay at the address of another page, stop the build with a
message naming both files and, when a permalink put them there, the setting.
"""

from __future__ import annotations

import dataclasses
import os
import posixpath
from typing import TYPE_CHECKING
from urllib.parse import unquote

from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel

from ..errors import CollectionError, EssaysError
from ..hugo.layout import is_index_page
from ..model import Essay, PathError
from ..model.slugs import dot_segments
from .permalinks import Permalinks
from .urls import UglyUrls, UrlPolicy

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

    from ..config import EssaysConfig
    from ..site import Site

__all__ = ["learn_sections", "make_policy", "move_file", "place_essays"]

log = get_plugin_logger(__name__)


def make_policy(options: EssaysConfig, config: MkDocsConfig) -> UrlPolicy:
    """The URL policy of a build, from the plugin's options (already checked by config.py)."""
    return UrlPolicy(
        use_directory_urls=config.use_directory_urls,
        permalinks=Permalinks.parse(options.permalinks or None),
        ugly=UglyUrls.of(options.ugly_urls),
        lower=not options.disable_path_to_lower,
        hugo_titles=options.hugo_content,
    )


def learn_sections(site: Site) -> None:
    """Tell the policy the site's sections: each ``_index.md``'s folder, slug and title."""
    sections: dict[str, tuple[str | None, str | None]] = {}
    for src_uri, document in site.documents.items():
        if is_index_page(src_uri):
            front = document.front
            sections[posixpath.dirname(src_uri)] = (front.slug, front.title)
    slugged = any(slug for slug, _ in sections.values())
    site.policy = dataclasses.replace(site.policy, sections=sections, slugged=slugged)


def place_essays(site: Site, files: Files) -> None:
    """Give every essay its location and its file the matching address."""
    learn_sections(site)
    policy = site.policy
    claimed: dict[str, Essay] = {}
    errors: list[str] = []
    others = {
        f.dest_uri: f
        for f in files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
        if f.src_uri not in site.essay_files
    }
    for essay in site.collection.essays:
        try:
            location = policy.essay(essay)
        except PathError as error:
            line = essay.front.line_of("url", "slug")
            errors.append(str(EssaysError(essay.path, line, str(error))))
            continue
        if essay.front.url is None and essay.front.slug and dot_segments(essay.front.slug)[1]:
            log.warning(
                f"{essay.path}:{essay.front.line_of('slug')}: 'slug' "
                f"{essay.front.slug!r} has '..', which cannot climb out of the essay's "
                f"folder: the essay is published at /{unquote(site.url_of(location))}; "
                "write the slug without '..', or set 'url' to place the essay elsewhere"
            )
        file = site.essay_files[essay.src_uri]
        if essay.left_out:
            # `mkdocs build` leaves it out entirely; `mkdocs serve` previews it.
            file.inclusion = InclusionLevel.DRAFT if site.preview else InclusionLevel.EXCLUDED
        elif file.inclusion in (InclusionLevel.UNDEFINED, InclusionLevel.INCLUDED):
            file.inclusion = InclusionLevel.NOT_IN_NAV  # essays stay out of the nav
        dest = policy.dest(location)
        fix = _fix(policy, essay)
        if dest in claimed:
            other = claimed[dest]
            problem = f"this essay and {other.path} both publish at /{site.url_of(location)}; {fix}"
        elif dest in others:
            problem = (
                f"this essay would publish at /{site.url_of(location)}, where "
                f"{site.display_path(others[dest])} already is; {fix}"
            )
        else:
            claimed[dest] = essay
            site.locations[essay] = location
            move_file(file, dest, policy.url(location))
            continue
        line = essay.front.line_of("slug", "url")
        errors.append(str(CollectionError(essay.path, line, problem)))
    if errors:
        raise PluginError("\n".join(errors))


def _fix(policy: UrlPolicy, essay: Essay) -> str:
    """What to change when two pages share an address."""
    if policy.permalinked(essay):
        rule = policy.permalinks.rule("page", policy.path_of(essay.src_uri))
        assert rule is not None
        return (
            f"{rule.where} ({rule.pattern.text!r}) gives both the same address: give one "
            "of them another 'slug' or 'url', or add a token that tells them apart"
        )
    return "give one of them another 'slug'"


def move_file(file: File, dest: str, url: str) -> None:
    """Give a file its address (MkDocs caches these, so set all three)."""
    file.dest_uri = dest
    file.url = url
    file.abs_dest_path = os.path.normpath(os.path.join(file.dest_dir, dest))
