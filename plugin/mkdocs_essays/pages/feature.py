"""The feature contract: what a feature (essay index, taxonomies, cards, feeds...) reads, and
what it gives the build.

A feature reads the :class:`~mkdocs_essays.site.Site` (read-only: the collection, where each
essay is, every page's front matter and body), the :class:`~.views.Views` (essays as MkDocs
rendered them, the pages planned) and the results of the features it names in
:attr:`Feature.needs`, handed to its constructor. It writes nothing any other object reads:
it returns pages (:meth:`~Feature.plan`), files (:meth:`~Feature.extra_files`) and HTML (its
pages, and fragments of pages another feature or MkDocs owns), and keeps what it works out
for itself.

It also says what each of its pages and fragments shows of the collection (the ``*_inputs``
methods, :mod:`.inputs`): which essays, which terms, which other values. An incremental
build keys each page by them. ``None`` (the default) says nothing is declared: the page is
then rendered again at every build.

The build calls every feature at each step, in the order of ``plugin.FEATURES``:

========================  ==============  =====================================================
method                    hook            gives
========================  ==============  =====================================================
``plan``                  ``on_files``    pages to add (:class:`~.plan.PageSpec`)
``extra_files``           ``on_files``    other files to add (their text: ``file_content``)
``essay_html``            page_content    the essay's body with what the feature adds inside
``essay_footer``          page_content    HTML after an essay's body
``render``                ``on_env`` and  the HTML of one of its pages (``kinds``)
                          page_context
``file_content``          ``on_env``      the text of one of its ``extra_files``
``essay_late``            ``on_env``      HTML after an essay, from every other essay
``term_section``          (term pages)    HTML another feature adds to a term's page
``term_counts``           (term pages)    counts another feature adds to a term
``card_footer``           (card pages)    HTML after a pattern card's page
``head``                  post_page       HTML for every page's ``<head>``
========================  ==============  =====================================================

and what each shows: ``inputs(spec)`` for its pages, ``essay_inputs(essay)`` for what it adds
to an essay's page (``essay_html``, ``essay_footer``, ``essay_late``), ``term_inputs(term)``
for ``term_section``, ``card_inputs(card)`` for ``card_footer``. A feature may also say, for
one of its pages, a few values that decide its inputs and cost less to work out
(``depends(spec, essay_key)``): an incremental build whose values are those of the last build
keeps the page's key without working its inputs out.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, ClassVar

from .inputs import Inputs
from .plan import PageSpec

if TYPE_CHECKING:
    from ..cards.model import Card
    from ..model import Essay, Term
    from ..site import Site
    from .views import Views

__all__ = ["Feature"]


class Feature:
    """Base class: every method gives nothing."""

    kinds: ClassVar[tuple[str, ...]] = ()
    """The :class:`PageSpec` kinds this feature plans and renders."""
    needs: ClassVar[tuple[type[Feature], ...]] = ()
    """The features whose results this one reads, handed to its constructor after ``site``
    and ``views``, in this order; each comes before it in ``plugin.FEATURES``."""

    def __init__(self, site: Site, views: Views) -> None:
        self.site = site
        self.views = views

    # -- on_files ------------------------------------------------------------------------------

    def plan(self) -> Iterable[PageSpec]:
        """Pages to add, called once the site is collected."""
        return ()

    def extra_files(self) -> Iterable[str]:
        """Non-page files (``feed.xml``, ``patterns/cards.json``) to add as virtual files.

        Their content is asked for with :meth:`file_content` after every page is rendered.
        """
        return ()

    def describe(self, path: str) -> str | None:
        """How a message names the extra file ``path`` (``the feed /feed.xml``), when two
        files of the site would be written at one path (:mod:`.destinations`)."""
        return None

    # -- on_page_content ------------------------------------------------------------------------

    def essay_html(self, essay: Essay, html: str, page_url: str) -> str:
        """Change an essay's rendered body (e.g. link headings to their cards)."""
        return html

    def essay_footer(self, essay: Essay, page_url: str) -> str:
        """HTML placed after an essay's body."""
        return ""

    # -- on_env ---------------------------------------------------------------------------------

    def render(self, spec: PageSpec, page_url: str, *, hosted: bool) -> str:
        """The HTML of a page of one of :attr:`kinds`.

        ``hosted`` is true when the listing goes into a writer's own page (which has its title).
        """
        raise NotImplementedError(spec.kind)

    def file_content(self, path: str) -> str | bytes:
        raise NotImplementedError(path)

    def essay_late(self, essay: Essay, page_url: str) -> str:
        """HTML placed after :meth:`essay_footer` once every essay is rendered (``on_env``):
        what depends on other essays' bodies (e.g. the essays that link to this one)."""
        return ""

    def term_section(self, term: Term, page_url: str) -> str:
        """HTML another feature adds to a term page (e.g. the cards carrying the term)."""
        return ""

    def term_counts(self, term: Term) -> dict[str, int]:
        """Counts another feature adds to a term in the taxonomy index (e.g. ``{"cards": 3}``)."""
        return {}

    def card_footer(self, card: Card, page_url: str) -> str:
        """HTML placed after a pattern card's page (e.g. the map around the card)."""
        return ""

    # -- on_post_page ---------------------------------------------------------------------------

    def head(self, page_url: str) -> str:
        """HTML for every page's ``<head>`` (e.g. a feed's ``<link rel="alternate">``): it
        may depend only on the site's settings and the page's address (and where its pager
        links: :meth:`.pagination.Pager.linked`)."""
        return ""

    # -- what each page shows ------------------------------------------------------------------

    def inputs(self, spec: PageSpec) -> Inputs | None:
        """What the page of ``spec`` (one of :attr:`kinds`) shows, besides its own address,
        title and pager (which the build adds)."""
        return None

    def essay_inputs(self, essay: Essay) -> Inputs | None:
        """What :meth:`essay_html`, :meth:`essay_footer` and :meth:`essay_late` show on the
        essay's page."""
        return None

    def term_inputs(self, term: Term) -> Inputs | None:
        """What :meth:`term_section` shows on the term's page (``term`` as that page shows it:
        a paginated term page's essays are the page's)."""
        return None

    def card_inputs(self, card: Card) -> Inputs | None:
        """What :meth:`card_footer` shows on the card's page."""
        return None

    def depends(
        self, spec: PageSpec, essay_key: Callable[[Essay], bytes]
    ) -> tuple[object, ...] | None:
        """A few values that decide :meth:`inputs` of ``spec`` (what its page shows of the
        collection), cheaper to work out than the inputs themselves: two builds that give the
        page equal values give it equal inputs. ``essay_key(essay)`` changes whenever anything
        of that essay's own does (its Markdown as transformed, front matter, address, plan of
        cards, what its links resolved to: all that its rendering is made of), and not when
        another essay changes. None (the default): not said, the inputs are worked out.

        The values must decide everything the inputs draw from: a value left out is a page
        kept stale (``tests/sites/test_incremental.py`` checks every page kept this way
        against its inputs)."""
        return None
