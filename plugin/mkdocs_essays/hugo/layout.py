"""Hugo's rules for what a file in the content folder is, from its path alone.

Translations by file name (``about.pt-br.md``), section and term pages (``_index.md``), leaf
bundles (``posts/x/index.md`` and the files beside it). No MkDocs import.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass

__all__ = [
    "ISO_639_1",
    "IndexPage",
    "bundle_folders",
    "classify_index",
    "is_index_page",
    "language_of",
    "without_language",
]

# Two-letter language codes (ISO 639-1): the first part of a language tag in a file name.
_CODES = """aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs
    cu cv
    cy da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht
    hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la
    lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj
    om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv
    sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh
    zu"""
ISO_639_1 = frozenset(_CODES.split())
_TAG = re.compile(r"([A-Za-z]{2})((?:-[A-Za-z0-9]{2,8})*)")
_MARKDOWN = (".md", ".markdown", ".mdown", ".mkd", ".mkdn")


def language_of(src_uri: str) -> str | None:
    """The language of a page named ``name.<lang>.md`` (lower case, ``pt-br``), else None."""
    stem = posixpath.splitext(posixpath.basename(src_uri))[0]
    if "." not in stem:
        return None
    tag = stem.rsplit(".", 1)[1]
    found = _TAG.fullmatch(tag)
    if found is None or found.group(1).lower() not in ISO_639_1:
        return None
    return tag.lower()


def without_language(src_uri: str) -> str:
    """``posts/x.en.md`` -> ``posts/x.md``."""
    folder, name = posixpath.split(src_uri)
    stem, extension = posixpath.splitext(name)
    return posixpath.join(folder, stem.rsplit(".", 1)[0] + extension)


def is_index_page(src_uri: str) -> bool:
    """Hugo's ``_index.md``: a section, taxonomy or term page (a branch bundle)."""
    name = posixpath.basename(src_uri)
    stem, extension = posixpath.splitext(name)
    return stem == "_index" and extension.lower() in _MARKDOWN


@dataclass(frozen=True)
class IndexPage:
    """What an ``_index.md`` stands for."""

    kind: str
    """``home``, ``section``, ``taxonomy`` or ``term``."""
    folder: str
    """Its folder in the docs folder (``tags/shortcodes``)."""
    taxonomy: str = ""
    """The plural name of its taxonomy (``tags``), for ``taxonomy`` and ``term``."""
    term: str = ""
    """The term's folder as written (``shortcodes``), for ``term``."""


def classify_index(src_uri: str, taxonomies: Iterable[str]) -> IndexPage:
    """An ``_index.md`` is the home page, a taxonomy's page, a term's page or a section's."""
    folder = posixpath.dirname(src_uri)
    if not folder:
        return IndexPage("home", "")
    first, _, rest = folder.partition("/")
    if first in set(taxonomies):
        if not rest:
            return IndexPage("taxonomy", folder, first)
        return IndexPage("term", folder, first, rest)
    return IndexPage("section", folder)


def bundle_folders(src_uris: Iterable[str], root: str) -> dict[str, str]:
    """Leaf bundles under ``root``: folder -> its ``index.md``.

    A folder holding an ``index.md`` (not ``_index.md``) is a leaf bundle: Hugo publishes its
    index as one page and every other file in it, Markdown included, as that page's resources.
    A bundle inside another bundle is a resource of the outer one.
    """
    prefix = root.strip("/") + "/" if root.strip("/") else ""
    found: dict[str, str] = {}
    for src_uri in src_uris:
        if not src_uri.startswith(prefix):
            continue
        folder, name = posixpath.split(src_uri)
        stem, extension = posixpath.splitext(name)
        if stem == "index" and extension.lower() in _MARKDOWN and folder and folder + "/" != prefix:
            found[folder] = src_uri
    # keep the outermost bundles only
    outer: dict[str, str] = {}
    for folder in sorted(found, key=len):
        if not any(folder.startswith(other + "/") for other in outer):
            outer[folder] = found[folder]
    return outer


def bundle_of(src_uri: str, bundles: dict[str, str]) -> str | None:
    """The leaf bundle folder holding ``src_uri`` (other than as its index), or None."""
    folder = posixpath.dirname(src_uri)
    while folder:
        if folder in bundles:
            return folder if bundles[folder] != src_uri else None
        folder = posixpath.dirname(folder)
    return None
