"""What a feature (essay index, taxonomies, cards, feeds, redirects) adds to a build.

A feature plans pages from the collection, renders its listings once every page is rendered,
adds HTML around essays, and can ship extra files. The build calls every feature at each step,
so each capability stays in its own module and ``plugin.py`` stays a thin adapter.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from .plan import PageSpec

if TYPE_CHECKING:
    from ..build import EssaysBuild
    from ..cards.model import Card
    from ..model import Essay, Term

__all__ = ["Feature"]


class Feature:
    """Base class: every hook does nothing."""

    kinds: tuple[str, ...] = ()
    """The :class:`PageSpec` kinds this feature renders."""

    def __init__(self, build: EssaysBuild) -> None:
        self.build = build

    def plan(self) -> Iterable[PageSpec]:
        """Pages to add, called once the collection exists (``on_files``)."""
        return ()

    def extra_files(self) -> Iterable[str]:
        """Non-page files (``feed.xml``, ``patterns/cards.json``) to add as virtual files.

        Their content is asked for with :meth:`file_content` after every page is rendered.
        """
        return ()

    def file_content(self, path: str) -> str | bytes:
        raise NotImplementedError(path)

    def describe(self, path: str) -> str | None:
        """How a message names the extra file ``path`` (``the feed /feed.xml``), when two
        files of the site would be written at one path (:mod:`.destinations`)."""
        return None

    def render(self, spec: PageSpec, page_url: str, *, hosted: bool) -> str:
        """The HTML of a listing of one of :attr:`kinds` (``on_env``).

        ``hosted`` is true when the listing goes into a writer's own page (which has its title).
        """
        raise NotImplementedError(spec.kind)

    def essay_html(self, essay: Essay, html: str, page_url: str) -> str:
        """Change an essay's rendered body (e.g. link headings to their cards)."""
        return html

    def essay_footer(self, essay: Essay, page_url: str) -> str:
        """HTML placed after an essay's body."""
        return ""

    def card_footer(self, card: Card, page_url: str) -> str:
        """HTML placed after a pattern card's page (e.g. the map around the card)."""
        return ""

    def essay_late(self, essay: Essay, page_url: str) -> str:
        """HTML placed after :meth:`essay_footer` once every essay is rendered (``on_env``):
        what depends on other essays' bodies (e.g. the essays that link to this one)."""
        return ""

    def head(self, page_url: str) -> str:
        """HTML for every page's ``<head>`` (e.g. a feed's ``<link rel="alternate">``)."""
        return ""

    def term_section(self, term: Term, page_url: str) -> str:
        """HTML another feature adds to a term page (e.g. the cards carrying the term)."""
        return ""

    def term_counts(self, term: Term) -> dict[str, int]:
        """Counts another feature adds to a term in the taxonomy index (e.g. ``{"cards": 3}``)."""
        return {}
