"""The URL policy: where every page of the site lives. The one place that decides paths.

A *location* is a site-relative path without slashes at either end (``posts/my-essay``, ``tags``,
``""`` for the home page). With ``use_directory_urls`` (MkDocs' default and Hugo's only mode) a
location is served as ``<location>/index.html`` and linked as ``<location>/``.

Defaults are Hugo's: essays at ``<section>/<slug>/``, terms at ``<taxonomy>/<term>/``, so the
links into a migrated site keep working. Cards live at ``patterns/<essay-slug>/<heading>/``.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import quote

from ..model import Essay, PathError, clean_path
from ..model.slugs import fit_location, is_url, too_deep

__all__ = ["UrlPolicy", "relative_url"]


@dataclass(frozen=True)
class UrlPolicy:
    use_directory_urls: bool = True
    cards_dir: str = "patterns"

    # -- locations ---------------------------------------------------------------------------

    def essay(self, essay: Essay) -> str:
        """Hugo's URL for an essay: ``url`` if set, else ``<section>/<slug>``.

        Raises :class:`PathError` for a ``url`` that leaves the site, a ``slug`` that is a
        whole URL, or either one too deep or too long for a file system to hold.
        """
        if essay.front.url is not None:
            location = clean_path(essay.front.url.strip(), what="'url'")
            problem = too_deep(location)
            if problem:
                raise PathError(f"'url' {problem}")
            return location
        if essay.front.slug is not None and is_url(essay.front.slug):
            raise PathError(
                f"'slug' {essay.front.slug!r} is a whole URL; a slug is the last part of the "
                "essay's own address (posts/<slug>/): write a name such as 'my-essay', or set "
                "'url' to a path of this site"
            )
        location = posixpath.join(essay.section, essay.slug) if essay.section else essay.slug
        problem = too_deep(location)
        if problem:
            raise PathError(f"the essay's path {location[:60]!r}… {problem}")
        return location

    def section(self, name: str) -> str:
        return name.strip("/")

    def taxonomy(self, name: str) -> str:
        return name

    def term(self, taxonomy: str, slug: str) -> str:
        return f"{taxonomy}/{slug}"

    def cards(self) -> str:
        return self.cards_dir

    def card(self, essay_slug: str, heading_slug: str) -> str:
        return f"{self.cards_dir}/{essay_slug}/{heading_slug}"

    # -- files and links ---------------------------------------------------------------------

    def src_uri(self, location: str) -> str:
        """The path a virtual Markdown file pretends to have in the docs folder."""
        return f"{location}/index.md" if location else "index.md"

    @lru_cache(maxsize=1 << 16)  # noqa: B019 - a frozen value, alive as long as the build
    def dest(self, location: str) -> str:
        """The file written in the site folder. A folder or file name longer than a file system
        holds (a long heading, tag or slug) is shortened, with a hash that keeps two long names
        apart (:func:`~mkdocs_essays.model.slugs.fit_location`); links follow, since every URL
        is made from here."""
        if location.endswith((".html", ".htm")):
            return fit_location(location)
        if not location:
            return "index.html"
        if self.use_directory_urls:
            return fit_location(f"{location}/index.html")
        if location.endswith("/index"):
            return fit_location(f"{location}/index.html")
        return fit_location(f"{location}.html")

    @lru_cache(maxsize=1 << 16)  # noqa: B019 - a frozen value, alive as long as the build
    def url(self, location: str) -> str:
        """The site-relative URL of a location, percent-encoded (as MkDocs' ``File.url``)."""
        dest = self.dest(location)
        directory, filename = posixpath.split(dest)
        if self.use_directory_urls and filename == "index.html":
            return quote((directory or ".") + "/")
        return quote(dest)


def _segments(path: str) -> list[str]:
    return [part for part in path.split("/") if part and part != "."]


@lru_cache(maxsize=1 << 14)
def relative_url(target: str, base: str) -> str:
    """``target`` relative to the page at ``base`` (both site-relative URLs, as MkDocs gives).

    Same result as ``mkdocs.utils.get_relative_url`` (a test compares them); kept here so the
    core needs no MkDocs, and cached: listings ask for the same few links on every page.
    """
    path, hashmark, fragment = target.partition("#")
    target_dir, _, target_name = path.rpartition("/")
    if base in (".", "./", ""):
        base_dir = ""
    elif base.endswith("/"):
        base_dir = base[:-1]
    else:
        base_dir = base.rpartition("/")[0]
    to, start = _segments(target_dir), _segments(base_dir)
    common = 0
    for a, b in zip(to, start, strict=False):
        if a != b:
            break
        common += 1
    rel = "/".join([".."] * (len(start) - common) + to[common:])
    if target_name:
        joined = f"{rel}/{target_name}" if rel else target_name
    else:
        joined = f"{rel}/" if rel else "./"
    return joined + hashmark + fragment
