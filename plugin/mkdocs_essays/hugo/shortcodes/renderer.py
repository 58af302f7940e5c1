"""Rendering a page of shortcode calls: :func:`expand` parses the page, renders every call with
its target (:mod:`.constructs`, :mod:`.builtins`, :mod:`.includes`, or a policy for what has
no equivalent), puts each output in place (:mod:`.layout`), and reports what went wrong at the
lines of the page the writer wrote. No MkDocs import.
"""

from __future__ import annotations

import textwrap
from bisect import bisect_right
from collections.abc import Callable, Generator, Mapping
from dataclasses import replace
from typing import Any

from ..markdown import CodeMap
from . import builtins, constructs, includes
from .layout import Layout
from .syntax import LITERAL, OPEN, Call, Node, ShortcodeSyntaxError, parse, unescape
from .text import Text, plain
from .values import Expansion, Nodes, Out, Problem, Render, Services, Step

__all__ = [
    "BUILTIN",
    "MAX_BLOCKS",
    "NEEDS",
    "POLICIES",
    "RENDERERS",
    "TARGETS",
    "Renderer",
    "expand",
]

# Hugo's names (and well-known theme shortcodes) -> the target that renders them. A site's
# ``shortcodes:`` option adds to this and overrides it.
BUILTIN: Mapping[str, str] = {
    "ref": "ref",
    "relref": "relref",
    "figure": "figure",
    "highlight": "highlight",
    "youtube": "youtube",
    "vimeo": "vimeo",
    "vimeo_simple": "vimeo",
    "x": "x",
    "x_simple": "x",
    "twitter": "x",
    "twitter_simple": "x",
    "tweet": "x",
    "instagram": "instagram",
    "instagram_simple": "instagram",
    "gist": "gist",
    "details": "details",
    "param": "param",
    "qr": "qr",
    "comment": "strip",
    # the include of Hugo's .RenderShortcodes docs (the Hugo docs' own), and Relearn's
    "include": "include",
    # theme shortcodes with an obvious equivalent
    "notice": "admonition",  # Relearn
    "note": "admonition",  # a site's own, often (linkerd.io)
    "hint": "admonition",  # Book
    "callout": "admonition",  # Hextra
    "alert": "admonition",  # Docsy, Blowfish
    "tabgroup": "tabs",
    "tabs": "tabs",
    "tab": "tab",
    "mermaid": "mermaid",
    "expand": "details",
}

POLICIES = ("keep", "strip", "fail")
RENDERERS = (
    "admonition",
    "details",
    "figure",
    "gist",
    "highlight",
    "include",
    "instagram",
    "mermaid",
    "param",
    "qr",
    "ref",
    "relref",
    "tab",
    "tabs",
    "vimeo",
    "x",
    "youtube",
)
TARGETS = RENDERERS + POLICIES
"""Every value the ``shortcodes:`` option accepts."""

# Markdown extension each Markdown target needs (checked against the site's extensions).
NEEDS: Mapping[str, str] = {
    "admonition": "admonition",
    "tabs": "pymdownx.tabbed",
    "tab": "pymdownx.tabbed",
    "mermaid": "pymdownx.superfences",
}

MAX_BLOCKS = 100
"""How many blocks made from shortcodes (admonitions, collapsible blocks, tabs) may nest.
Hugo 0.168 nests any number (it rendered 100,000 nested calls), but Python-Markdown's
parser calls itself three times for each level of an admonition or a ``markdown="1"``
element and ends in a RecursionError past about 300 levels (pymdownx's details and tabs stop
nesting near the limit themselves, and show the rest as code). Deeper calls are written as
their inner text, with a warning."""

Target = Callable[["Renderer", Call], "Out | Step"]
_RENDER: Mapping[str, Target] = {
    **constructs.TARGETS,
    **builtins.TARGETS,
    "include": includes.include,
}


class Renderer:
    """Renders a tree of calls. Every call that renders what is inside it (``keep``,
    ``admonition``, ``details``, ``tabs``...) is a generator that yields a request
    (:class:`~.values.Nodes`, :class:`~.values.Render`) and gets the rendered text back:
    :meth:`nodes` runs them with a stack of its own, so a call nested 100,000 deep (Hugo 0.168
    renders them) needs no Python stack. What a target may use: the page's ``text``,
    ``services``, ``extensions``, the ``inner_*`` parts of its call, and the reporting methods
    (:meth:`error`, :meth:`needs`, :meth:`room`, :meth:`require_inner`)."""

    def __init__(
        self,
        text: str,
        services: Services,
        mapping: Mapping[str, str],
        unknown: str,
        extensions: frozenset[str] | set[str],
    ) -> None:
        self.text = text
        self.services = services
        self.mapping = mapping
        self.unknown = unknown
        self.extensions = frozenset(extensions)
        self.problems: list[Problem] = []
        self.layout = Layout(text, lambda call: self.target(call) or self.unknown)
        self.includes: includes.Includes | None = None
        """What the page's own includes share (made by the first of them)."""
        self._blocks = 0
        """Blocks (admonitions, collapsible blocks, tabs) around the call being rendered."""
        self._flat = 0
        """Calls around it written flat because they were too deep for a block."""

    # -- structure --------------------------------------------------------------------------

    def page(self, nodes: list[Node]) -> tuple[str, LineMap]:
        """The page's nodes rendered, and where each line of the result comes from."""
        pieces: list[str] = []
        starts: list[tuple[int, int, bool]] = []
        line, offset = 1, 0
        for node in nodes:
            if isinstance(node, str):
                piece = unescape(node, opening=LITERAL)
                starts.append((line, self.layout.line_of(offset), True))
                offset += len(node)
            else:
                piece = self.nodes([node])
                starts.append((line, node.line, False))
                offset = node.close_end
            pieces.append(piece)
            line += piece.count("\n")
        return "".join(pieces), LineMap(starts)

    def nodes(self, nodes: list[Node]) -> str:
        """The nodes rendered. The steps waiting for what is inside them are kept on a list,
        one per level of nesting, never on Python's stack."""
        stack: list[Step] = [self._nodes(nodes)]
        sent: Any = None
        while stack:
            try:
                request = stack[-1].send(sent)
            except StopIteration as done:
                stack.pop()
                sent = done.value
                continue
            if isinstance(request, Nodes):
                stack.append(self._nodes(request.nodes, request.margin, request.start))
            else:
                stack.append(self._call(request.call))
            sent = None
        return plain(sent)

    def _nodes(self, nodes: list[Node], margin: str = "", start: int = -1) -> Step:
        out = Text()
        offset = start
        for at, node in enumerate(nodes):
            if isinstance(node, str):
                piece = node
                if margin and offset >= 0:
                    before_call = at + 1 < len(nodes)
                    piece = self.layout.dedented(node, offset, margin, before_call)
                    offset += len(node)
                out = out.add(unescape(piece, opening=LITERAL))
            else:
                if margin:
                    self.layout.margins[id(node)] = margin
                out = out.add((yield Render(node)))
                offset = node.close_end
        return out

    def target(self, call: Call) -> str:
        return self.mapping.get(call.name, self.mapping.get(call.name.lower(), ""))

    def _call(self, call: Call) -> Step:
        """A call rendered and put in place."""
        target = self.target(call)
        if not target:
            target = self.unknown
            kind = "unknown" if target != "fail" else "error"
            self.problems.append(
                Problem(kind, call.name, call.line, _unknown_message(call, target))
            )
        # (a target without a renderer cannot happen: the option only accepts TARGETS)
        render = _RENDER.get(target) or _POLICIES.get(target, keep)
        out = render(self, call)
        if isinstance(out, Generator):  # it renders what is inside it
            out = yield from out
        return self.layout.place(call, out)

    # -- a call's inner part ----------------------------------------------------------------

    def inner_markdown(self, call: Call, *, block: bool = False) -> Step:
        """The inner part with its shortcodes rendered, dedented, without outer blank lines.
        ``block``: the call puts it in a block (which counts towards :data:`MAX_BLOCKS`)."""
        return plain((yield from self.inner_text(call, block=block)))

    def inner_text(self, call: Call, *, block: bool = False) -> Step:
        """:meth:`inner_markdown` as a :class:`~.text.Text`, joined only when it must be
        dedented."""
        if not call.inner:
            return ""
        if block:
            self._blocks += 1
        rendered: Text = yield Nodes(call.inner, self.layout.margin(call), call.end)
        if block:
            self._blocks -= 1
        rendered.strip_newlines_left()
        rendered.strip_right()
        if not rendered.plain():
            return Text.of(textwrap.dedent(str(rendered)).strip("\n"))
        return rendered

    def inner_raw(self, call: Call) -> str:
        """The inner part exactly as written (escaped calls made literal), for code."""
        if call.inner is None:
            return ""
        raw = unescape(self.text[call.inner_start : call.inner_end], opening=LITERAL)
        lines = raw.split("\n")
        while lines and not lines[0].strip():
            lines.pop(0)
        while lines and not lines[-1].strip():
            lines.pop()
        return textwrap.dedent("\n".join(lines))

    def expand_included(self, body: str, services: Services) -> Expansion:
        """Another page's Markdown with its shortcodes rendered as this page's are."""
        return expand(
            body, services, mapping=self.mapping, unknown=self.unknown, extensions=self.extensions
        )

    # -- what went wrong --------------------------------------------------------------------

    def room(self, call: Call, what: str) -> bool:
        """Whether the call may put its inner part in one more block (:data:`MAX_BLOCKS`).
        When not, the outermost call past the limit is reported."""
        if self._blocks < MAX_BLOCKS:
            return True
        if not self._flat:
            self.problems.append(
                Problem(
                    "warning",
                    call.name,
                    call.line,
                    f"the shortcode {call.name!r} is nested inside {MAX_BLOCKS} blocks made "
                    "from shortcodes (admonitions, collapsible blocks, tabs), the most "
                    "Python-Markdown can nest (its parser calls itself for each level and "
                    "would exceed Python's recursion limit); it and the shortcodes inside it "
                    f"are written as their inner text, without the {what}. Close some of the "
                    "shortcodes around it sooner",
                )
            )
        return False

    def keep(self, call: Call) -> Step:
        """The call's inner text (the ``keep`` policy)."""
        return keep(self, call)

    def flat(self, call: Call) -> Step:
        """A call too deep for a block (see :meth:`room`): its inner text, as ``keep``."""
        self._flat += 1
        out = yield from keep(self, call)
        self._flat -= 1
        return out

    def needs(self, call: Call, target: str) -> bool:
        """Whether the extension a target needs is enabled; reports it once otherwise."""
        extension = NEEDS.get(target)
        if extension is None or extension in self.extensions:
            return True
        self.problems.append(
            Problem(
                "extension",
                f"{target}:{extension}",
                call.line,
                f"the shortcode {call.name!r} becomes {_a(target)} {target}, which needs the "
                f"Markdown extension '{extension}'; add it to markdown_extensions in mkdocs.yml. "
                "Until then its inner text is kept as it is",
            )
        )
        return False

    def error(self, call: Call, message: str) -> Out:
        self.problems.append(Problem("error", call.name, call.line, message))
        return Out("")

    def require_inner(self, call: Call) -> bool:
        if call.inner is not None:
            return True
        close = (
            ("{{< /" if not call.markdown else "{{% /")
            + call.name
            + (" >}}" if not call.markdown else " %}}")
        )
        self.error(
            call, f"the shortcode {call.name!r} needs an inner part closed by {close}; add it"
        )
        return False


def _a(word: str) -> str:
    return "an" if word[:1] in "aeiou" else "a"


def _unknown_message(call: Call, policy: str) -> str:
    inline = call.name.endswith(".inline")
    what = {
        "keep": "its inner text is kept" if call.inner and not inline else "it is left out",
        "strip": "it is left out",
        "fail": "the build stops (unknown_shortcodes: fail)",
    }[policy]
    hint = ""
    if inline:
        hint = (
            " It is an inline shortcode: a Go template, which Hugo runs only with "
            "enableInlineShortcodes and prints nothing for otherwise."
        )
    return (
        f"the shortcode {call.name!r} has no equivalent here; {what}.{hint} Map it under "
        f"'shortcodes:' in the essays plugin options (to one of {', '.join(TARGETS)})"
    )


# -- the policies for what has no equivalent ---------------------------------------------------


def keep(r: Renderer, call: Call) -> Step:
    """The inner text (a Go template, ``x.inline``, is nothing: Hugo prints nothing for it by
    default)."""
    if call.name.endswith(".inline") and not r.target(call):
        return Out("")
    return Out((yield from r.inner_text(call)), "text") if call.inner else Out("")


def strip(r: Renderer, call: Call) -> Out:
    return Out("")


def fail(r: Renderer, call: Call) -> Out:
    if r.target(call) == "fail":  # mapped to fail by name (unknown ones are reported)
        r.problems.append(
            Problem(
                "error",
                call.name,
                call.line,
                f"the shortcode {call.name!r} is mapped to fail in the essays plugin "
                "options; remove it from the page or map it to another target",
            )
        )
    return Out("")


_POLICIES: Mapping[str, Target] = {"keep": keep, "strip": strip, "fail": fail}


# -- the page ------------------------------------------------------------------------------------


class LineMap:
    """Where each line of a rendered page comes from in the page it was rendered from: a line
    of text copied as it is, or the first line of the call that wrote it."""

    def __init__(self, starts: list[tuple[int, int, bool]]) -> None:
        self._starts = starts
        """(first line in the result, line in the page, copied) of each top-level piece."""
        self._lines = [start[0] for start in starts]

    def source(self, line: int) -> int:
        at = bisect_right(self._lines, line) - 1
        if at < 0:
            return line
        first, source, copied = self._starts[at]
        return source + (line - first) if copied else source


def _calls_outside_code(text: str) -> bool:
    if not OPEN.search(text):
        return False
    code = CodeMap(text)
    return any(not code.inside(found.start()) for found in OPEN.finditer(text))


def expand(
    text: str,
    services: Services,
    *,
    mapping: Mapping[str, str] | None = None,
    unknown: str = "keep",
    extensions: frozenset[str] | set[str] = frozenset(),
) -> Expansion:
    """Replace every shortcode in ``text``; see the package docstring.

    ``mapping`` (name -> target) is added to :data:`BUILTIN`; ``unknown`` is the policy for the
    rest; ``extensions`` are the site's Markdown extensions (``admonition``,
    ``pymdownx.tabbed``...), which decide how some targets are written.
    """
    if "{{" not in text:
        return Expansion(text)
    targets = {**BUILTIN, **(mapping or {})}
    problems: list[Problem] = []
    maps: list[LineMap] = []  # each pass's: its lines -> the lines of the text it read

    def placed(problem: Problem) -> Problem:
        """The problem at the line of the page as written (a later pass reads rendered text)."""
        line = problem.line
        for lines in reversed(maps):
            line = lines.source(line)
        return problem if line == problem.line else replace(problem, line=line)

    # Escaped calls stay placeholders until the end, so that a second pass cannot take them
    # for calls. A second pass is needed when removing a call changed where code is (a call
    # just before a ``` that then opens a fence): calls that were "code" may now be text.
    for _attempt in range(3):
        try:
            nodes = parse(text)
        except ShortcodeSyntaxError as error:
            problems.append(placed(Problem("error", error.name, error.line, str(error))))
            break
        renderer = Renderer(text, services, targets, unknown, extensions)
        text, lines = renderer.page(nodes)
        problems.extend(placed(problem) for problem in renderer.problems)
        maps.append(lines)
        if not _calls_outside_code(text):
            break
    return Expansion(text.replace(LITERAL, "{{"), problems)
