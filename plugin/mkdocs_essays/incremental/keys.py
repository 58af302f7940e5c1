"""The key of every page: a digest of everything the page shows.

A page whose key is the key of its output in the last build is not rendered again: its
HTML and its search entries are the ones kept (:mod:`.engine`). So a key must change whenever
the page would come out different, and should change only then (each needless change is a
page rendered again for nothing; a missing input is a stale page, which the equivalence test
``tests/sites/test_incremental.py`` is there to catch).

What the plugin puts on a page is declared by its features (the feature contract,
``pages/inputs.py``; :meth:`~mkdocs_essays.build.EssaysBuild.key`). The rest is here:

- what every page shares (:attr:`Keys.site`): the versions of everything, the configuration,
  the theme's custom folders (the engine's ``generation``), and the navigation;
- the page's own address and the file it is written to, and the meta MkDocs is given;
- what MkDocs renders of it: an essay's or a writer's page's Markdown as the plugin hands it
  over (shortcodes done), its front matter, and what its links resolved to in this build
  (the engine notes where they were looked up); an essay's cards as planned (its rendering
  cuts them).

A long text is digested once while it is the same string (:class:`Memo`, which outlives
builds): an unchanged essay's Markdown is the same object from build to build.

A page whose feature says what decides its inputs (``Feature.depends``: for a pattern card,
its essay's and its related cards' essays' :meth:`Keys.body`, the ids of its related cards,
its essay's view, its footer) is not worked out at all when those values are the ones its
record was made with: its key is the record's. At 1,000 essays these are 5,000 of 6,600
pages, and the values cost a fifth of the inputs.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ..cache import ByObject
from ..pages.inputs import Inputs

if TYPE_CHECKING:
    from mkdocs.structure.files import File

    from ..build import EssaysBuild
    from ..model import Essay

__all__ = ["CONTENT", "Keys", "Memo", "digest_of", "stable_repr"]

LOCAL_MAP = "\x00local map"
"""What stands for the value of a page's local map in its key without it (:meth:`Keys.local`)."""

CONTENT = "\x00content "
"""How the value of a generated page's content begins (:meth:`Keys.local`): the page can get
its content again in its file, as an essay its local map (:mod:`.patching`)."""

_ADDRESS = re.compile(r" at 0x[0-9a-fA-F]+")


def digest_of(*parts: object) -> bytes:
    """A 16-byte digest of ``parts`` (strings, numbers, bytes, dates and tuples of them)."""
    return hashlib.blake2b(repr(parts).encode("utf-8", "surrogatepass"), digest_size=16).digest()


def stable_repr(value: object) -> str:
    """``repr(value)`` without what changes from one process to the next, for what is kept on
    disk: a function or a class (``!!python/name:`` in ``mkdocs.yml``) is named by its module
    and name, and an object's address (``<... at 0x7f...>``) is left out."""
    if isinstance(value, dict):
        items = ", ".join(f"{stable_repr(k)}: {stable_repr(v)}" for k, v in value.items())
        return "{" + items + "}"
    if isinstance(value, list | tuple):
        inner = ", ".join(stable_repr(v) for v in value)
        return f"[{inner}]" if isinstance(value, list) else f"({inner})"
    if isinstance(value, set | frozenset):
        return "{" + ", ".join(sorted(stable_repr(v) for v in value)) + "}"
    if (callable(value) or isinstance(value, type)) and hasattr(value, "__qualname__"):
        return f"<{getattr(value, '__module__', '')}.{value.__qualname__}>"
    return _ADDRESS.sub("", repr(value))


class Memo(ByObject[bytes]):
    """Digests of objects that stay the same object while their content does (texts, parsed
    front matter), kept from one build to the next (:class:`~mkdocs_essays.cache.ByObject`)."""

    def text(self, value: str) -> bytes:
        return self.of(value, _text)

    def repr(self, value: object) -> bytes:
        return self.of(value, _repr)


def _text(value: object) -> bytes:
    assert isinstance(value, str)
    return hashlib.blake2b(value.encode("utf-8", "surrogatepass"), digest_size=16).digest()


def _repr(value: object) -> bytes:
    return digest_of(repr(value))


class Keys:
    """Keys of one build's pages (read-only on the build)."""

    def __init__(
        self,
        build: EssaysBuild,
        generation: bytes,
        lookups: Callable[[str], tuple[Any, ...]],
        memo: Memo,
    ) -> None:
        self.build = build
        self.generation = generation
        """What every record depends on: versions, configuration, theme (:mod:`.engine`)."""
        self.site = generation
        """What every page shares: :attr:`generation` and the navigation (set at ``on_env``)."""
        self._lookups = lookups
        """src_uri -> what the page's links resolved to in this build (:mod:`.engine`)."""
        self.memo = memo
        self.depends: dict[str, tuple[object, ...]] = {}
        """src_uri -> what decides the page's key, for a page whose feature says it (the
        record made of the page keeps it)."""
        self.decided = 0
        """Pages whose key was their record's by what decides it, in this build."""
        self._last: tuple[str, Inputs, list[object], list[str]] | None = None
        """The page :meth:`page` worked out the key of last from its inputs: its src_uri,
        inputs, the parts of its key and the values of the local maps they declare."""
        self.bodies: dict[str, bytes] | None = {}
        """:meth:`body` of each essay, while no page is rendered yet (``on_files`` asks it of
        every essay left out, and the keys of ``on_env`` again); None once pages are rendered
        (a page's links are then looked up anew)."""

    check = False
    """Work out the key of a page kept by what decides it all the same, and fail when it is
    not the record's (the tests' way of proving ``Feature.depends`` says enough)."""

    def page(
        self,
        file: File,
        source: Callable[[], bytes],
        last: tuple[tuple[object, ...] | None, bytes] | None = None,
    ) -> bytes | None:
        """The key of the page of ``file``; None when it must be rendered whatever happens.
        ``source``: the file's bytes (read only for a writer's page without front matter).
        ``last``: what decided the key of the page's record, and that key."""
        build = self.build
        site = build.site
        src = file.src_uri
        if src in site.broken:
            return None
        spec = build.specs.get(src)
        if spec is not None:
            said = build.owners[spec.kind].depends(spec, self.body)
            if said is not None:
                said = (
                    self.site,
                    file.url,
                    file.dest_uri,
                    repr(spec.meta),
                    spec.shown(src in build.hosted),
                    said,
                )
                self.depends[src] = said
                if last is not None and last[0] == said:
                    self.decided += 1
                    if self.check:
                        self._check(file, source, last[1])
                    return last[1]
        views = build.views
        maps: list[str] = []
        views.local_maps = maps
        try:
            inputs = build.inputs(src)
        finally:
            views.local_maps = None
        if inputs is None:
            return None
        parts: list[object] = [self.site, src, file.url, file.dest_uri, views.digest(inputs)]
        essay = site.collection.get(src)
        if essay is not None and essay in site.locations:
            parts.append(self.body(essay))
        elif spec is None or src in build.hosted:
            document = site.documents.get(src)
            body = site.bodies.get(src)
            parts += [
                self.memo.repr(document.front) if document is not None else None,
                self.memo.text(body) if body is not None else digest_of(source()),
                self._lookups(src),
            ]
        if spec is not None:
            parts.append(repr(spec.meta))
        self._last = (src, inputs, parts, maps)
        return digest_of(*parts)

    def local(self, src: str) -> tuple[str, bytes] | None:
        """For the page whose key :meth:`page` worked out last, ``src``: the value of the one
        local map it shows and its key as if that map showed nothing (equal from one build to
        the next when only the map changed: :mod:`.patching`). None when the page shows no
        map, or more than one, or its key was its record's by what decides it.

        A page the plugin renders whole (not a writer's page) and that shows no local map:
        the value of its content (:data:`CONTENT` and the digest of its inputs) and its key
        without it (its address, title, meta and where its pager links: what the theme shows
        of it besides its content, and all a feature's ``head`` may read,
        :meth:`~mkdocs_essays.pages.plan.PageSpec.framed`). A listing's later page is the same
        page with other items when an essay comes or goes (:mod:`.patching`)."""
        last = self._last
        if last is None or last[0] != src:
            return None
        _, inputs, parts, maps = last
        build = self.build
        spec = build.specs.get(src)
        if spec is not None and src not in build.hosted and not maps:
            rest = list(parts)
            rest[4] = build.views.digest(Inputs(values=spec.framed()))
            rest.append(CONTENT)
            value = parts[4]
            assert isinstance(value, bytes)
            return CONTENT + value.hex(), digest_of(*rest)
        if len(maps) != 1 or inputs.values.count(maps[0]) != 1:
            return None
        value = maps[0]
        values = tuple(LOCAL_MAP if v == value else v for v in inputs.values)
        rest = list(parts)
        rest[4] = self.build.views.digest(Inputs(inputs.essays, inputs.terms, values))
        return value, digest_of(*rest)

    def _check(self, file: File, source: Callable[[], bytes], kept: bytes) -> None:
        if self.page(file, source) != kept:
            raise AssertionError(
                f"{file.src_uri}: kept by what decides its inputs, but its key changed"
            )

    def body(self, essay: Essay) -> bytes:
        """What MkDocs renders of an essay and what the plugin reads from it: its Markdown as
        transformed, its front matter, its address and its cards' plan, the targets its links
        resolved to. The products of its rendering (:mod:`.products`) are kept by it."""
        bodies = self.bodies
        if bodies is not None:
            said = bodies.get(essay.src_uri)
            if said is None:
                said = bodies[essay.src_uri] = self._body(essay)
            return said
        return self._body(essay)

    def _body(self, essay: Essay) -> bytes:
        build = self.build
        site = build.site
        plan: tuple[object, ...] = ()
        cards = _cards(build)
        if cards is not None:
            plan = tuple(
                (
                    c.id,
                    c.location,
                    c.stub,
                    c.section.position,
                    c.section.anchor,
                    c.section.title,
                    c.section.level,
                )
                for c in cards.cards_of(essay)
            )
            plan += (len(cards.sections.get(essay, ())),)
        return digest_of(
            self.generation,
            essay.src_uri,
            site.essay_url(essay),
            self.memo.text(site.body(essay)),
            self.memo.repr(essay.front),
            essay.badges,
            plan,
            self._lookups(essay.src_uri),
        )


def _cards(build: EssaysBuild) -> Any:
    return build.owners.get("card")
