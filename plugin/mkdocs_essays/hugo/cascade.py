"""Hugo's ``cascade``: front matter an ``_index.md`` passes down, to the pages its ``target``
matches (issue 11). Measured with Hugo 0.168:

- a cascade applies to the ``_index.md``'s own page and every page below it; the page's own
  front matter wins, key by key at the top level (a page's own ``build`` table replaces a
  cascaded one whole), except ``params``, merged key by key;
- a nearer ``_index.md`` wins over one further up (``params`` again key by key); among the
  entries of one list (``[[cascade]]``), the first that matches wins;
- ``target`` (or the older ``_target``) narrows an entry: ``path`` is a glob on the page's
  logical path (``/blog/**`` matches ``/blog/a`` and ``/blog/sub/b``, not the section
  ``/blog`` itself; ``{/docs,/docs/**}`` both), ``kind`` a glob on ``page``, ``section``,
  ``home``, ``taxonomy``, ``term``, ``environment`` one on ``production`` (``mkdocs build``,
  Hugo's ``hugo``) or ``development`` (``mkdocs serve``, Hugo's ``hugo server``), ``lang`` one
  on the site's language. Keys are matched without regard to case;
- ``build`` in ``params`` is a param, not build options.

Globs are matched with a set of states walked once along the path (no backtracking).
"""

from __future__ import annotations

import dataclasses
import posixpath
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..frontmatter import FrontMatter
from ..model.slugs import hugo_path
from .layout import classify_index, is_index_page

__all__ = ["BuildOptions", "Cascades", "apply", "build_options", "glob_match", "page_path"]

_TARGETS = ("target", "_target")
_TARGET_KEYS = ("path", "kind", "environment", "lang")


@dataclass(frozen=True)
class BuildOptions:
    """Hugo's ``build`` front matter. ``headless = true`` is ``list`` and ``render`` never
    (Hugo 0.168 still publishes a headless bundle's resources)."""

    list: str = "always"
    """``always``, ``local`` (in its section's and terms' lists, not site-wide) or ``never``."""
    render: str = "always"
    """``always``, ``link`` (not written, but has a URL) or ``never``."""
    publish_resources: bool = True

    @property
    def rendered(self) -> bool:
        return self.render == "always"


def build_options(
    meta: Mapping[str, Any], cascaded: Mapping[str, Any] | None = None
) -> BuildOptions:
    """The build options of a page: its own front matter's, else what a cascade gives it."""
    own = {str(k).lower(): v for k, v in meta.items()}
    merged = {**(cascaded or {}), **own}
    if merged.get("headless") is True:
        return BuildOptions("never", "never")
    table = merged.get("build")
    if table is None:
        table = merged.get("_build")
    if not isinstance(table, Mapping):
        return BuildOptions()
    options = {str(k).lower(): v for k, v in table.items()}
    return BuildOptions(
        list=_choice(options.get("list"), ("always", "local", "never")),
        render=_choice(options.get("render"), ("always", "link", "never")),
        publish_resources=options.get("publishresources") is not False
        and str(options.get("publishresources")).lower() != "false",
    )


def _choice(value: Any, allowed: tuple[str, ...]) -> str:
    """Hugo's old booleans (``render = false``) are ``never``, ``true`` is ``always``."""
    if value is True:
        return "always"
    if value is False:
        return "never"
    text = str(value).lower() if value is not None else "always"
    return text if text in allowed else "always"


# -- which page a target matches ------------------------------------------------------------


def page_path(src_uri: str, taxonomies: Iterable[str] = ()) -> tuple[str, str]:
    """(Hugo's logical path, kind) of a content file: ``Blog/Post-A/index.md`` ->
    (``/blog/post-a``, ``page``); ``blog/_index.md`` -> (``/blog``, ``section``)."""
    folder, name = posixpath.split(src_uri)
    if not folder and posixpath.splitext(name)[0] in ("index", "README"):
        return "/", "home"  # MkDocs' home page
    if is_index_page(src_uri):
        kind = classify_index(src_uri, taxonomies).kind
        parts = folder.split("/") if folder else []
    else:
        kind = "page"
        stem = posixpath.splitext(name)[0]
        parts = folder.split("/") if folder else []
        if stem != "index" or not folder:
            parts.append(stem)
    return "/" + "/".join(hugo_path(p).lower() for p in parts if p), kind


def glob_match(pattern: str, text: str) -> bool:
    """Hugo's globs (gobwas/glob with ``/`` as separator): ``*`` within a segment, ``**``
    across segments, ``?``, ``[a-z]``/``[!a]``, ``{a,b}`` (nested too), ``\\`` escapes. A
    brace or bracket that is never closed is a character as written. A pattern is compiled
    once per process (a cascade's glob was compiled again for each of 2,400 pages: 15 s)."""
    return _glob(pattern).match(text)


class _Glob:
    """A compiled pattern and the steps it has taken so far: a set of instructions and a
    character lead to the next set, worked out once (a DFA built as the pages need it), so a
    glob of 1,000 alternatives costs each page a lookup per character."""

    def __init__(self, pattern: str) -> None:
        self.program = _compile(pattern)
        self.start = frozenset(_close({0}, self.program))
        self.steps: dict[tuple[frozenset[int], str], frozenset[int]] = {}

    def match(self, text: str) -> bool:
        states = self.start
        for char in text:
            key = (states, char)
            following = self.steps.get(key)
            if following is None:
                if len(self.steps) > _STEPS:
                    self.steps.clear()  # a pathological glob: memory stays bounded
                following = self.steps[key] = frozenset(_step(self.program, states, char))
            if not following:
                return False
            states = following
        return len(self.program) in states


_STEPS = 100_000
"""Steps one glob keeps (each a set of instructions); more are worked out again."""


@lru_cache(maxsize=4096)
def _glob(pattern: str) -> _Glob:
    return _Glob(pattern)


# The program a pattern compiles to (a Pike VM): each instruction is a tuple whose first item
# says what it does. Consuming: ("c", char), ("?",), ("[", ranges, negated), ("*",) and
# ("**",) (a star consumes a character and stays, or moves on without one). Not consuming:
# ("split", [targets]), ("jump", [target]).
_Op = tuple[Any, ...]


def _compile(pattern: str) -> list[_Op]:
    closing = _closing_braces(pattern)
    closers = set(closing.values())
    last_close = pattern.rfind("]")  # a "[" after it opens no class: one search in all
    program: list[_Op] = []
    open_braces: list[tuple[list[int], list[int]]] = []  # (split targets, jumps to the end)
    i = 0
    while i < len(pattern):
        char = pattern[i]
        if char == "\\" and i + 1 < len(pattern):
            program.append(("c", pattern[i + 1]))
            i += 2
            continue
        if char == "{" and i in closing:
            targets: list[int] = []
            program.append(("split", targets))
            targets.append(len(program))
            open_braces.append((targets, []))
        elif char == "," and open_braces:
            jump: list[int] = []
            program.append(("jump", jump))
            open_braces[-1][1].append(len(program) - 1)
            open_braces[-1][0].append(len(program))
        elif char == "}" and open_braces and i in closers:
            _, jumps = open_braces.pop()
            for index in jumps:
                program[index][1].append(len(program))
        elif char == "*":
            double = pattern.startswith("**", i)
            while double and i + 1 < len(pattern) and pattern[i + 1] == "*":
                i += 1
            program.append(("**",) if double else ("*",))
        elif char == "?":
            program.append(("?",))
        elif char == "[" and i + 2 <= last_close:
            end = pattern.find("]", i + 2)
            body = pattern[i + 1 : end]
            negated = body[:1] in ("!", "^")
            program.append(("[", _class(body[1:] if negated else body), negated))
            i = end
        else:
            program.append(("c", char))
        i += 1
    return program


def _closing_braces(pattern: str) -> dict[int, int]:
    """Position of each ``{`` that is closed -> position of its ``}`` (one pass)."""
    pairs: dict[int, int] = {}
    stack: list[int] = []
    i = 0
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            i += 2
            continue
        if char == "{":
            stack.append(i)
        elif char == "}" and stack:
            pairs[stack.pop()] = i
        i += 1
    return pairs


def _class(body: str) -> tuple[tuple[str, str], ...]:
    ranges: list[tuple[str, str]] = []
    i = 0
    while i < len(body):
        if i + 2 < len(body) and body[i + 1] == "-":
            ranges.append((body[i], body[i + 2]))
            i += 3
        else:
            ranges.append((body[i], body[i]))
            i += 1
    return tuple(ranges)


def _step(program: list[_Op], states: frozenset[int], char: str) -> set[int]:
    """The instructions reached from ``states`` by ``char`` (no backtracking)."""
    following: set[int] = set()
    for pc in states:
        if pc == len(program):
            continue
        op = program[pc]
        kind = op[0]
        if kind == "**" or (kind == "*" and char != "/"):
            following.add(pc)  # stays on the star
        elif (kind == "?" and char != "/") or (kind == "c" and op[1] == char):
            following.add(pc + 1)
        elif kind == "[":
            inside = any(low <= char <= high for low, high in op[1])
            if inside != op[2] and char != "/":
                following.add(pc + 1)
    return _close(following, program) if following else following


def _close(states: set[int], program: list[_Op]) -> set[int]:
    """Add what is reached without a character: a split's and a jump's targets, the
    instruction after a star (which matches nothing too)."""
    out = set(states)
    stack = list(states)
    while stack:
        pc = stack.pop()
        if pc >= len(program):
            continue
        op = program[pc]
        if op[0] in ("split", "jump"):
            reached = op[1]
        elif op[0] in ("*", "**"):
            reached = [pc + 1]
        else:
            continue
        for target in reached:
            if target not in out:
                out.add(target)
                stack.append(target)
    return out


# -- the cascades of a site -----------------------------------------------------------------


@dataclass(frozen=True)
class _Entry:
    values: Mapping[str, Any]
    """Top-level keys in lower case."""
    target: Mapping[str, str]
    """``path``, ``kind``, ``environment``, ``lang`` -> glob (lower case)."""


class Cascades:
    """Every ``_index.md``'s cascade, and what reaches each page."""

    def __init__(
        self,
        metas: Mapping[str, Mapping[str, Any]],
        *,
        taxonomies: Iterable[str] = (),
        environment: str = "production",
        language: str = "en",
        warn: Any = None,
    ) -> None:
        """``metas``: src_uri -> front matter (``page.meta``) of every page read."""
        self.taxonomies = tuple(taxonomies)
        self.environment = environment
        self.language = language
        self.by_folder: dict[str, list[_Entry]] = {}
        for src_uri, meta in metas.items():
            if not is_index_page(src_uri):
                continue
            value = _get(meta, "cascade")
            if value is None:
                continue
            entries = value if isinstance(value, list) else [value]
            parsed = [e for e in (self._entry(src_uri, e, warn) for e in entries) if e]
            if parsed:
                self.by_folder[posixpath.dirname(src_uri)] = parsed

    @staticmethod
    def _entry(src_uri: str, entry: Any, warn: Any) -> _Entry | None:
        if not isinstance(entry, Mapping):
            if warn is not None:
                warn(src_uri, f"a 'cascade' entry is {entry!r}, not a table of front matter")
            return None
        values = {str(k).lower(): v for k, v in entry.items()}
        target: dict[str, str] = {}
        for key in _TARGETS:
            found = values.pop(key, None)
            if found is None:
                continue
            if not isinstance(found, Mapping):
                if warn is not None:
                    warn(src_uri, f"'cascade.{key}' is {found!r}, not a table (path, kind...)")
                return None
            for name, glob in found.items():
                name = str(name).lower()
                if name in _TARGET_KEYS and glob not in (None, ""):
                    target[name] = str(glob).lower()
        return _Entry(values, target)

    def of(self, src_uri: str) -> dict[str, Any]:
        """What the cascades above the page (and its own ``_index.md``'s) give it: top-level
        keys in lower case, nearest first, ``params`` merged key by key."""
        if not self.by_folder:
            return {}
        path, kind = page_path(src_uri, self.taxonomies)
        merged: dict[str, Any] = {}
        folder = posixpath.dirname(src_uri)
        while True:
            for entry in self.by_folder.get(folder, ()):
                if not self._matches(entry.target, path, kind):
                    continue
                for key, value in entry.values.items():
                    if key == "params" and isinstance(value, Mapping):
                        params = merged.setdefault("params", {})
                        if isinstance(params, dict):
                            for name, item in value.items():
                                params.setdefault(str(name).lower(), item)
                    else:
                        merged.setdefault(key, value)
            if not folder:
                return merged
            folder = posixpath.dirname(folder)

    def _matches(self, target: Mapping[str, str], path: str, kind: str) -> bool:
        for key, glob in target.items():
            if key == "path":
                glob = glob if glob.startswith(("/", "{", "*")) else "/" + glob
                subject = path
            else:
                subject = {"kind": kind, "environment": self.environment}.get(key, self.language)
            if not glob_match(glob, subject):
                return False
        return True


def _get(meta: Mapping[str, Any], key: str) -> Any:
    for name, value in meta.items():
        if str(name).lower() == key:
            return value
    return None


# Front matter fields a cascade does not set on a page (each page has its own).
_OWN = frozenset(
    [
        "title",
        "date",
        "publishdate",
        "pubdate",
        "published",
        "expirydate",
        "unpublishdate",
        "lastmod",
        "modified",
        "summary",
        "description",
        "slug",
        "url",
        "aliases",
        "keywords",
        "weight",
        "showtableofcontents",
        "toc",
        "showtoc",
        "cascade",
    ]
)


def apply(
    front: FrontMatter, cascaded: Mapping[str, Any], taxonomies: Iterable[str]
) -> FrontMatter:
    """The page's front matter with what a cascade gives it: ``draft``, terms, ``params``
    (merged key by key) and every other key (``build``, ``headless``...), where the page has
    none of its own."""
    if not cascaded:
        return front
    own = {k.lower() for k in front.lines} | {str(k).lower() for k in front.params}
    changes: dict[str, Any] = {}
    extra: dict[str, Any] = {}
    plurals = set(taxonomies)
    terms = dict(front.taxonomies)
    for key, value in cascaded.items():
        if (key in own and key != "params") or key in _OWN:
            continue
        if key == "draft":
            changes["draft"] = value is True or str(value).lower() == "true"
        elif key in plurals:
            values = value if isinstance(value, list) else [value]
            terms[key] = tuple(str(v) for v in values if v not in (None, ""))
        elif key == "params" and isinstance(value, Mapping):
            params_key = next((k for k in front.params if str(k).lower() == "params"), "params")
            mine = front.params.get(params_key)
            mine = mine if isinstance(mine, Mapping) else {}
            known = {str(k).lower() for k in mine}
            extra[params_key] = {
                **{k: v for k, v in value.items() if str(k).lower() not in known | own},
                **mine,
            }
        else:
            extra[key] = value
    if terms != dict(front.taxonomies):
        changes["taxonomies"] = terms
    if extra:
        changes["params"] = {**front.params, **extra}
    return dataclasses.replace(front, **changes) if changes else front
