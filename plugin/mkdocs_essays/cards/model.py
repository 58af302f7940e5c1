"""Pattern cards as plain values: sections out of Markdown, cards out of sections and HTML.

A :class:`Section` is what the Markdown says (the heading, its anchor, the text under it); a
:class:`Card` is a section of one essay placed on the site, and gets what the essay's rendered
HTML says (lead, text, word count, links) once that exists. No MkDocs import.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields

from ..model import Essay
from ..model.text import without_comments

__all__ = ["Card", "Link", "Section"]


@dataclass(frozen=True)
class Section:
    """A heading at the card level and everything under it, up to the next heading of the same
    or a higher level (sub-sections included)."""

    title: str
    """The heading as plain text."""
    anchor: str
    """The id MkDocs gives the heading on the essay page."""
    level: int
    line: int
    """1-based line of the heading in the Markdown body."""
    markdown: str
    """The section's Markdown, without its heading."""
    position: int
    """0-based place among the essay's sections of this level."""
    mark: str | None = None
    """The heading's ``data-card`` attribute (``## Title { data-card="false" }``): ``""``
    when it is given without a value, ``None`` when the heading has none."""

    @property
    def empty(self) -> bool:
        """Nothing but white space and comments under the heading: a stub."""
        text = self.markdown
        if "<!--" not in text:  # (most sections: no copy of the text made)
            return not text or text.isspace()
        return not without_comments(text).strip()


@dataclass(frozen=True)
class Link:
    """An outbound link of a section."""

    text: str
    url: str
    """Site-relative (``posts/other/#x``) for a page of this site, as written otherwise."""
    internal: bool


@dataclass(frozen=True, eq=False)
class Card:
    """One section of one essay, with its own page. Equal when it has the same id."""

    id: str
    """``<essay-key>/<heading-key>``: also its place under ``patterns/``."""
    essay: Essay
    section: Section
    location: str
    """Where its page lives (see :mod:`mkdocs_essays.pages.urls`)."""
    stub: bool = False
    """An empty section shown so the writer sees what is unwritten."""
    anchor: str = None  # type: ignore[assignment]
    """The heading's id on the rendered essay page: the planned one until checked, ``""`` when
    the heading is not on the page (the card then links to the top of the essay)."""
    html: str = ""
    """The section as rendered on the essay page (balanced, with its own footnotes), links
    pointed from the card's page."""
    lead: str = ""
    """The first sentence, plain text, at most about 40 words."""
    text: str = ""
    words: int = 0
    links: tuple[Link, ...] = field(default=())

    def __post_init__(self) -> None:
        if self.anchor is None:
            object.__setattr__(self, "anchor", self.section.anchor)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Card) and other.id == self.id

    def __hash__(self) -> int:
        return hash(self.id)

    def __repr__(self) -> str:
        return f"Card({self.id!r}, title={self.title!r})"

    @property
    def title(self) -> str:
        return self.section.title

    @property
    def published(self) -> bool:
        return self.essay.published

    def filled(self, **values: object) -> Card:
        """A copy with what the rendered HTML says (``html``, ``lead``, ``text``...): the card
        ``dataclasses.replace`` makes, made without going through ``__init__`` field by field
        (every card of the site is filled at every save: 5,000 at 1,000 essays)."""
        unknown = values.keys() - _CARD_FIELD_SET
        if unknown:
            raise TypeError(f"Card has no field {sorted(unknown)[0]!r}")
        copy = object.__new__(Card)
        state = copy.__dict__
        mine = self.__dict__
        for name in _CARD_FIELD_NAMES:
            state[name] = values[name] if name in values else mine[name]
        if state["anchor"] is None:  # (as __post_init__ has it)
            state["anchor"] = state["section"].anchor
        return copy


_CARD_FIELD_NAMES = tuple(f.name for f in fields(Card))
_CARD_FIELD_SET = frozenset(_CARD_FIELD_NAMES)
