"""Hugo's ``ref`` and ``relref``: find a page (and a heading on it) by the path Hugo uses.

A page is named by its path in the content (docs) folder, with or without ``.md``; a bundle
(``posts/x/index.md``) and a section (``posts/_index.md``) by their folder. A path without a
leading slash is tried relative to the calling page's folder first, then from the root, then,
when it has no slash at all, as a file name anywhere in the site (it must then be unique), the
way Hugo looks pages up. No MkDocs import.
"""

from __future__ import annotations

import heapq
import posixpath
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from urllib.parse import unquote

from ..parsing.html import EMPTY, SELF, START, tokenize
from .shortcodes import RefError

__all__ = ["MissingFragment", "PageIndex", "RefTarget", "element_ids", "logical_path"]

_EXTENSIONS = (".md", ".markdown", ".mdown", ".mkd", ".html", ".htm")


def logical_path(path: str) -> str:
    """``posts/x.md`` -> ``posts/x``; ``posts/x/index.md`` and ``posts/_index.md`` -> folder."""
    path = unquote(path).strip().replace("\\", "/").strip("/")
    path = posixpath.normpath("/" + path).lstrip("/") if path else ""
    lowered = path.lower()
    for extension in _EXTENSIONS:
        if lowered.endswith(extension):
            path = path[: -len(extension)]
            break
    folder, name = posixpath.split(path)
    if name.lower() in ("index", "_index", "readme"):
        path = folder
    return path.lower()


class MissingFragment(RefError):
    """The page exists but has no element with the fragment's id: a warning, since Hugo never
    checks fragments and links to the page with the fragment as written."""

    def __init__(self, message: str, page: str, fragment: str) -> None:
        super().__init__(message)
        self.page = page
        """The ref without its fragment."""
        self.fragment = fragment


_TAGS = (START, SELF, EMPTY)
_ATTR_LIST = re.compile(r"\{[^{}\n]*\}")
_ATTR_ID = re.compile(r"(?:^|[\s:])#([\w\-:.]+)")


def element_ids(text: str) -> set[str]:
    """Every id a Markdown page gives an element besides its headings: ``id`` (and ``<a
    name>``) in raw HTML, read with the plugin's HTML reader, and ``{#id}``/``{: #id}``
    attribute lists. Linear: the attribute-list pattern cannot cross a brace."""
    ids: set[str] = set()
    for kind, tag, attrs, _, _ in tokenize(text):
        if attrs and kind in _TAGS:
            for name, value in attrs:
                if value and (name == "id" or (name == "name" and tag == "a")):
                    ids.add(value)
    for found in _ATTR_LIST.finditer(text):
        ids.update(m.group(1) for m in _ATTR_ID.finditer(found.group()[1:-1]))
    return ids


@dataclass(frozen=True)
class RefTarget:
    """A page a ``ref`` can name."""

    src_uri: str
    url: str
    """Site-relative URL (``posts/x/``)."""
    path: str
    """How messages name the file (``docs/posts/x.md``)."""
    anchors: Callable[[], Mapping[str, str]] | None = None
    """Lazily: every id a link may use for a heading -> the id the page really has."""
    unpublished: str | None = None
    """Why the page is not in this build (``a draft``), or None."""


class PageIndex:
    def __init__(self, targets: Iterable[RefTarget]) -> None:
        self.by_path: dict[str, RefTarget] = {}
        self.by_src: dict[str, RefTarget] = {}
        self.by_name: dict[str, list[RefTarget]] = defaultdict(list)
        self._listed: dict[str, str] = {}
        """src_uri -> the first ids of the page, as a message about a missing one lists them."""
        for target in targets:
            key = logical_path(target.src_uri)
            self.by_path.setdefault(key, target)
            self.by_src[target.src_uri] = target
            name = posixpath.basename(key)
            if name:
                self.by_name[name].append(target)

    def add(self, key: str, target: RefTarget) -> None:
        """A page that has no source file (a generated listing) under a content path."""
        self.by_path.setdefault(logical_path(key), target)

    def resolve(self, ref: str, from_src: str) -> tuple[RefTarget, str]:
        """The page ``ref`` names, seen from the page ``from_src``, and the heading id (or "").

        Raises :class:`RefError` with a message that says what was tried.
        """
        path, _, fragment = ref.strip().partition("#")
        if not path.strip():
            target = self.by_src.get(from_src)
            if target is None:
                raise RefError(f"ref {ref!r}: the page itself is not one a ref can name")
        else:
            target = self._find(path.strip(), from_src, ref)
        if target.unpublished:
            raise RefError(
                f"ref {ref!r}: {target.path} is {target.unpublished}, not published in this build"
            )
        if not fragment:
            return target, ""
        anchors = target.anchors() if target.anchors else {}
        fragment = unquote(fragment)
        if fragment in anchors:
            return target, anchors[fragment]
        listed = self._listed.get(target.src_uri)
        if listed is None:  # once per page: 8,000 broken refs to one page sorted it 8,000 times
            known = heapq.nsmallest(13, set(anchors.values()))
            listed = ", ".join(known[:12]) + (", ..." if len(known) > 12 else "")
            self._listed[target.src_uri] = listed
        raise MissingFragment(
            f"ref {ref!r}: {target.path} has no element with the id {fragment!r}"
            + (f" (its ids: {listed})" if listed else " (it has no headings or ids)")
            + "; the link goes to the page (as in Hugo): fix the part after '#'",
            ref.strip().partition("#")[0],
            fragment,
        )

    def find(self, path: str, from_src: str) -> RefTarget:
        """The page ``path`` names (no fragment), published or not; raises :class:`RefError`."""
        return self._find(path.strip(), from_src, path)

    def _find(self, path: str, from_src: str, ref: str) -> RefTarget:
        tried: list[str] = []
        if path.startswith("/"):
            candidates = [path]
        else:
            base = logical_path(from_src) if _is_folder_page(from_src) else None
            if base is None:
                base = posixpath.dirname(from_src)
            candidates = [posixpath.join(base, path), path]
        for candidate in candidates:
            key = logical_path(candidate)
            tried.append(key or "/")
            if key in self.by_path:
                return self.by_path[key]
        if "/" not in path.strip("/"):
            matches = self.by_name.get(logical_path(path), [])
            if len(matches) == 1:
                return matches[0]
            if len(matches) > 1:
                names = ", ".join(sorted(m.path for m in matches))
                raise RefError(
                    f"ref {ref!r} is ambiguous: {names}; write the path from the docs folder"
                )
        raise RefError(
            f"ref {ref!r}: no page at {' or '.join(dict.fromkeys(tried))}; write the path of "
            'a page from the docs folder, such as "posts/my-essay.md"'
        )


def _is_folder_page(src_uri: str) -> bool:
    name = posixpath.splitext(posixpath.basename(src_uri))[0].lower()
    return name in ("index", "_index", "readme")
