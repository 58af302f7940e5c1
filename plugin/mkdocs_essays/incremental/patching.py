"""Pages whose only change is their local map: the new map is put into the file the last
build wrote, and the page is not rendered again (issue 23).

A save changes the local maps of many pages that show nothing else new: a new essay at 1,000
essays builds some 530 pages, and for 190 of them the map is all that changed; a word that
gives an essay words one other essay has moves related lists, and with them the maps of 410
pages of 500. Rendering such a page again (Material's templates, the search plugin's parse)
takes several times as long as drawing its map.

A local map is put into the page after the search plugin has read it
(:mod:`..render.deferred`), so the page's search entries do not hold it, and nothing else of
the page is made from it. The page's key (:mod:`.keys`) names the map by one value, what it
shows: the key worked out with that value left out (:meth:`.keys.Keys.local`) is the same from
build to build when only the map changed. The record of a page written with a map keeps that
key, the map's value, and where the map's HTML is in the page's text (characters) with a digest
of it. The next build, finding the page's key changed but not its key without the map, reads
the file, checks that the text at that place is the map the record says, and writes the file
with the new map in its place; anything else (the file changed, a plugin that moved the map
after this one) and the page is rendered as any other.

A listing's later pages are patched the same way, their whole content for a map. A new essay
at 1,000 essays moves every page of the essay index, of the patterns' catalog and of its tags'
pages by one item: 280 pages whose address, title, navigation and the pages their pager links
to are the same, and whose content alone changed. Such a page (one the plugin renders whole,
that shows no local map) names its content by one value in its key (:meth:`.keys.Keys.local`);
its content is rendered again and put into its file, without Material's template and the work
MkDocs does around it. A page whose words are in the search index is rendered (its entries
would be the last build's): a listing's later pages are not searched.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .keys import CONTENT

if TYPE_CHECKING:
    from ..build import EssaysBuild

__all__ = ["Local", "draw", "patch", "spot"]


@dataclass(frozen=True)
class Local:
    """A page's local map, as the last build wrote it."""

    value: str
    """What the map shows (its value in the page's key)."""
    rest: bytes
    """The page's key without the map (:meth:`.keys.Keys.local`)."""
    at: int
    """Where the map's HTML starts in the page's text (characters: the file is UTF-8)."""
    length: int
    """Its length (characters)."""
    digest: bytes
    """A digest of it."""


def _digest(text: str) -> bytes:
    """A check that a page's text holds the map a record says (not a key: SHA-1 is twice as
    fast as BLAKE2 on 15 KB of map, and every page written is digested)."""
    data = text.encode("utf-8", "surrogatepass")
    return hashlib.sha1(data, usedforsecurity=False).digest()


_HEAD = 64
"""Characters of a map's HTML looked for first: a long string is slower to look for, and a
page holds the first characters of its map once."""


def spot(output: str, drawn: list[str]) -> tuple[int, int, bytes] | None:
    """Where the one fragment drawn for the written page only (its local map) is in the page's
    ``output``: its start and length (in characters), and a digest of it (None: none, or more
    than one, or not found once as it was drawn)."""
    if len(drawn) != 1 or not drawn[0]:
        return None
    html = drawn[0]
    head = html[:_HEAD]
    first = output.find(head)
    if first == -1:
        return None
    second = output.find(head, first + 1)
    if second != -1 and output.find(head, second + 1) != -1:
        # (its first characters three times or more: the whole looked for, twice, which
        # takes a time linear in the page whatever it holds)
        at = output.find(html)
        if at == -1 or output.find(html, at + 1) != -1:
            return None
        return at, len(html), _digest(html)
    found = [at for at in (first, second) if at != -1 and output.startswith(html, at)]
    return (found[0], len(html), _digest(html)) if len(found) == 1 else None


def draw(build: EssaysBuild, src_uri: str, page_url: str, value: str) -> str | None:
    """What the page of ``src_uri`` gets in its file, made now as its rendering makes it: its
    local map (an essay's or a pattern card's), or the content of a page the plugin renders
    whole (``value``, what the page's key says it is, begins with :data:`.keys.CONTENT`);
    None when it has none."""
    spec = build.specs.get(src_uri)
    if value.startswith(CONTENT):
        if spec is None or src_uri in build.hosted:
            return None
        # (what search is not given is put back at once: the page is not given to search)
        deferred = build.views.deferred
        return deferred.restore(build.owners[spec.kind].render(spec, page_url, hosted=False))
    drawing: Any = next((f for f in build.features if hasattr(f, "local_map")), None)
    if drawing is None:
        return None
    if spec is None:
        return drawing.local_map(f"essay:{src_uri}", page_url, "essay")
    if spec.kind == "card":
        return drawing.local_map(f"card:{spec.key}", page_url, "card")
    return None


def patch(old: bytes, local: Local, html: str) -> tuple[bytes, tuple[int, int, bytes]] | None:
    """The page's file ``old`` with ``html`` in place of the map ``local`` says it holds,
    written as MkDocs writes a page, and where ``html`` is in it (as :func:`spot` says); None
    when what is there is not that map (a character MkDocs wrote as a reference moves it)."""
    try:
        text = old.decode("utf-8")
    except UnicodeDecodeError:
        return None
    end = local.at + local.length
    if end > len(text) or _digest(text[local.at : end]) != local.digest:
        return None
    data = (text[: local.at] + html + text[end:]).encode("utf-8", "xmlcharrefreplace")
    return data, (local.at, len(html), _digest(html))
