"""The ``include`` target: another page's Markdown, with its shortcodes rendered into the
calling page as Hugo renders them, each included page expanded once per page, loops and runaway
includes refused with a message. No MkDocs import."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .syntax import Call
from .values import Out, Problem, RefError, Services, Withheld

if TYPE_CHECKING:
    from .renderer import Renderer

__all__ = ["MAX_INCLUDED", "MAX_INCLUDES", "Includes", "include"]

MAX_INCLUDES = 16
"""``include`` inside included pages, at most this deep (deeper is a loop in practice)."""
MAX_INCLUDED = 10_000_000
"""Characters the includes of one page may add to it. Each included page is expanded once per
page, but text included again and again inside included pages multiplies (ten includes of a
page that includes another ten times...): past this the page is not worth writing."""

Page = tuple[str, str, str]
"""An included page: its src_uri, how messages name it, its Markdown."""


@dataclass
class Includes:
    """What the includes of one page share: each included page expanded once (a page included
    ten times, or by ten included pages, is read and rendered once), and how much text they
    added (:data:`MAX_INCLUDED`)."""

    expanded: dict[str, str] = field(default_factory=dict)
    """src_uri -> its Markdown with its shortcodes rendered."""
    sizes: dict[int, int] = field(default_factory=dict)
    """How deep the includes are -> the characters they gave so far."""
    over: bool = False


class _Including:
    """The calling page's services, for the shortcodes of a page it includes: Hugo renders
    them into the calling page. Carries the chain of pages included so far."""

    def __init__(
        self,
        services: Services,
        chain: tuple[str, ...],
        includes: Includes,
        paths: Mapping[str, str],
    ) -> None:
        self._services = services
        self.include_chain = chain
        self.includes = includes
        self.include_paths = paths
        """src_uri of each included page of the chain -> how messages name it."""

    def __getattr__(self, name: str) -> Any:
        return getattr(self._services, name)


def include(r: Renderer, call: Call) -> Out:
    target = call.arg("file", "path", position=0).strip()
    if not target:
        example = '{{% include "/snippets/note.md" %}}'
        return r.error(call, f"include needs the page to include: {example}")
    find = getattr(r.services, "include", None)
    if find is None:
        return r.error(call, f"include {target!r}: this build cannot read other pages")
    shared = getattr(r.services, "includes", None)
    if shared is None:  # the page's own includes (not an included page's)
        shared = r.includes = r.includes or Includes()
    page = _find(r, call, find, target)
    return page if isinstance(page, Out) else _included(r, call, target, shared, page)


def _find(r: Renderer, call: Call, find: Callable[[str], Page], target: str) -> Page | Out:
    """The page ``target`` names, or the error: a page this build does not publish is
    included under ``mkdocs serve`` only, with a warning."""
    try:
        return find(target)
    except Withheld as withheld:
        message = str(withheld).replace("ref ", "include ", 1)
        if not withheld.preview:
            return r.error(call, message)
        r.problems.append(Problem("warning", call.name, call.line, message))
        return withheld.page
    except RefError as error:
        return r.error(call, str(error).replace("ref ", "include ", 1))


def _included(r: Renderer, call: Call, target: str, shared: Includes, page: Page) -> Out:
    """The page's Markdown, expanded once for the calling page, unless it closes a loop,
    is too deep, or the includes grew too large."""
    src, path, body = page
    chain: tuple[str, ...] = getattr(r.services, "include_chain", ())
    paths: Mapping[str, str] = getattr(r.services, "include_paths", {})
    if src in chain:
        return _loop(r, call, chain, src, path, paths)
    if len(chain) > MAX_INCLUDES:
        return r.error(
            call, f"include {target!r}: includes are nested more than {MAX_INCLUDES} deep"
        )
    if shared.over:
        return Out("", "text")  # said once, at the include that went over
    text = shared.expanded.get(src)
    if text is None:
        services = _Including(r.services, (*chain, src), shared, {**paths, src: path})
        text = shared.expanded[src] = _expanded(r, call, body, services, path)
    if shared.over:  # (inside the page just expanded)
        return Out("", "text")
    # the text of the page's own includes, and of each level of includes below them (a
    # page included many times is counted once at its level: it is kept once)
    size = shared.sizes[len(chain)] = shared.sizes.get(len(chain), 0) + len(text)
    if size > MAX_INCLUDED:
        shared.over = True
        return r.error(
            call,
            f"include {target!r}: the includes of this page add more than "
            f"{MAX_INCLUDED:,} characters to it (pages included many times over inside "
            "included pages); include fewer or smaller pages",
        )
    return Out(text, "text")


def _loop(
    r: Renderer,
    call: Call,
    chain: tuple[str, ...],
    src: str,
    path: str,
    paths: Mapping[str, str],
) -> Out:
    """A loop of includes, named the same from wherever it is entered (so said once)."""
    loop = [path, *(paths.get(s, s) for s in chain[chain.index(src) + 1 :])]
    first = loop.index(min(loop))
    loop = [*loop[first:], *loop[:first], min(loop)]
    message = f"include: a loop of includes ({' -> '.join(loop)}); remove one of them"
    r.problems.append(Problem("error", call.name, call.line, message, "loop"))
    return Out("")


def _expanded(r: Renderer, call: Call, body: str, services: Services, path: str) -> str:
    """The included page's Markdown with its shortcodes rendered; its problems are reported
    at the include, naming the page and line they are at."""
    inner = r.expand_included(body, services)
    for problem in inner.problems:
        source = problem.source or f"{path}:{problem.line}"
        message = problem.message
        if not problem.source:
            message += f" (in {path}, line {problem.line}, included here)"
        r.problems.append(Problem(problem.kind, problem.name, call.line, message, source))
    return inner.markdown.strip("\n")
