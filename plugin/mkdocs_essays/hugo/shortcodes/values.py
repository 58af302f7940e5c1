"""What rendering shortcodes passes around: what the site supplies (:class:`Services`), what
went wrong (:class:`Problem`), what a target gives for a call (:class:`Out`), and the requests
a rendering step makes (:class:`Nodes`, :class:`Render`). No MkDocs import."""

from __future__ import annotations

from collections.abc import Generator
from dataclasses import dataclass, field
from typing import Any, Protocol

from .syntax import Call, Node
from .text import Text

__all__ = [
    "Expansion",
    "Nodes",
    "Out",
    "Problem",
    "RefError",
    "Render",
    "Services",
    "Step",
    "Withheld",
]


class RefError(LookupError):
    """A ``ref``/``relref`` target that does not exist (the message says which and why)."""


class Withheld(RefError):
    """An ``include`` of a page this build does not publish (a draft, a page scheduled for
    later, an expired one) from a page it does: an error, since the text would be published
    (Hugo 0.168's ``site.GetPage`` does not see such a page). ``preview``: ``mkdocs serve``
    shows unpublished pages, so the include is rendered, with a warning; ``page`` is what
    :meth:`Services.include` would have returned."""

    def __init__(self, message: str, page: tuple[str, str, str], *, preview: bool) -> None:
        super().__init__(message)
        self.page = page
        self.preview = preview


class Services(Protocol):
    """What rendering needs from the site."""

    def html(self, template: str, **context: Any) -> str:
        """Render ``essays/<template>`` (an overridable Jinja template)."""
        ...

    def ref(self, target: str, *, relative: bool, in_link: bool) -> str:
        """The URL of a page (and heading) named the way Hugo's ``ref`` names it.

        ``in_link``: the call is a Markdown link's destination (``[text]({{< ref "x" >}})``),
        where the page's source path lets MkDocs check the link. Raises :class:`RefError` when
        there is no such page or heading.
        """
        ...

    def param(self, name: str) -> Any:
        """A page param, else a site param; None when neither has it."""
        ...

    def resource(self, src: str) -> str:
        """The URL to use in the page for an image or file path written in a shortcode."""
        ...


@dataclass(frozen=True)
class Problem:
    kind: str
    """``error`` (stops the build), ``ref`` (a missing ref target: error or warning by option),
    ``warning`` (reported, the build goes on: a ref's fragment the page does not have),
    ``unknown`` (a shortcode with no equivalent, kept or stripped), ``extension`` (a Markdown
    extension the output needs is not enabled)."""
    name: str
    line: int
    message: str
    source: str = ""
    """For a problem inside an included page: that page and line (``docs/s.md:3``), the same
    whichever page includes it (a build reports it once); ``loop`` for a loop of includes (its
    message names every page of the loop)."""


@dataclass
class Expansion:
    markdown: str
    problems: list[Problem] = field(default_factory=list)


@dataclass(frozen=True)
class Out:
    text: str | Text
    kind: str = "inline"
    """``inline`` (text in place), ``html`` (HTML, a block when the call is alone on its
    lines), ``block`` (Markdown that must be a block of its own), ``text`` (Markdown, a block
    when the call is alone on its lines, else in place)."""


@dataclass(frozen=True, slots=True)
class Nodes:
    """A renderer's request: these nodes rendered (the text they become), the lines of their
    text taken ``margin`` to the left (the nodes start at ``start`` in the page)."""

    nodes: list[Node]
    margin: str = ""
    start: int = -1


@dataclass(frozen=True, slots=True)
class Render:
    """A renderer's request: this call rendered and put in place (see :mod:`.layout`)."""

    call: Call


Request = Nodes | Render
Step = Generator[Request, Any, Any]
"""A rendering step: it yields a request for what it needs rendered, gets the text back (a
:class:`~.text.Text` or a ``str``), and returns its result. Steps wait on a stack, so nesting is
never Python recursion."""
