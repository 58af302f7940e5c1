"""Which sections of the essays are pattern cards, and where each card lives (``on_files``).

The Markdown MkDocs will render is cut into sections at ``card_level`` headings
(:mod:`.extract`), each with the id MkDocs will give its heading; the sections that are cards
are chosen (:mod:`.keep`: a heading's ``data-card``, the essay's ``cards``, the collection's
boilerplate rule); each gets its place ``patterns/<essay-key>/<heading-key>/``. Empty
sections are stubs: left out of ``mkdocs build`` (one info line each) unless
``publish_stubs``, shown with a badge under ``mkdocs serve``. Problems of the Markdown (a fence
never closed, two headings with one id) are reported with their line in the file.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING
from urllib.parse import unquote

from mkdocs.plugins import get_plugin_logger

from ..cache import ByObject, digest
from ..model import Essay
from ..model.slugs import hugo_path
from ..pages.urls import folder_of
from ..parsing.ids import Namer, PlainNamer, site_namer
from .extract import SameId, extract_sections
from .keep import Boilerplate, essay_choice, mark_value, title_key
from .model import Card, Section

if TYPE_CHECKING:
    from ..site import Site

__all__ = ["CardPlan"]

log = get_plugin_logger(__name__)

_SAFE_SEGMENT = re.compile(r"\w[\w.-]*")


class CardPlan:
    """The cards of a build as ``on_files`` decides them (their text comes later, from each
    rendered essay: :mod:`.cutting`)."""

    def __init__(self, site: Site, reserved: Iterable[str] = ()) -> None:
        self.site = site
        self.reserved = tuple(reserved)
        """Names an essay's cards cannot have as their folder (the catalog's own)."""
        self.cards: dict[str, Card] = {}
        """Every card shown in this build, by id: essays newest first, then heading order."""
        self.by_essay: dict[Essay, list[str]] = {}
        self.sections: dict[Essay, list[Section]] = {}
        """Every section of every shown essay, stubs included."""
        self.keys: dict[Essay, str] = {}
        """Essay -> its cards' folder under ``patterns/``."""
        self.sibling_at: dict[str, int] = {}
        """Card id -> its place among its essay's cards (previous / next links)."""
        self.namer: Namer = PlainNamer()
        self._bodies: ByObject[bytes] = ByObject()
        """An essay's body -> its digest, kept in the site's cache from build to build."""
        self._lines: dict[Essay, tuple[str, list[str] | None, dict[str, int]]] = {}
        """Per essay: its rendered body, that body's lines when a transform changed it, and
        the first line of the file holding each text (see :meth:`file_line`)."""

    @property
    def show_stubs(self) -> bool:
        return self.site.serve or self.site.options.publish_stubs

    def make(self) -> None:
        """Cut every shown essay's Markdown into sections, choose its cards, place them."""
        self.namer = self._namer()
        self.keys.update(self._essay_keys())
        self._bodies = self.site.cache.get("body digests", b"", ByObject)
        self._bodies.begin()
        for essay in self.site.collection.essays:
            if essay in self.keys:
                self.sections[essay] = self._sections_of(essay)
        boilerplate = Boilerplate.of(self.sections.values(), self.site.options.card_boilerplate)
        recurring: Counter[tuple[str, str]] = Counter()
        for essay, sections in self.sections.items():
            self._place(essay, self._chosen(essay, sections, boilerplate, recurring))
        self._report_boilerplate(boilerplate, recurring)

    def _sections_of(self, essay: Essay) -> list[Section]:
        """The essay's sections at the card level, as MkDocs will render its body; a fence
        never closed and two headings with one id are reported."""
        body = self.site.body(essay)
        level = self.site.options.card_level
        attr_list = getattr(self.namer, "attr_list", True)
        md_in_html = getattr(self.namer, "md_in_html", False)

        def cut() -> tuple[tuple[Section, ...], tuple[int, ...], tuple[SameId, ...]]:
            unclosed: list[int] = []
            same_ids: list[SameId] = []
            sections = extract_sections(
                body,
                level=level,
                namer=self.namer,
                attr_list=attr_list,
                md_in_html=md_in_html,
                unclosed=unclosed,
                same_ids=same_ids,
            )
            return tuple(sections), tuple(unclosed), tuple(same_ids)

        # (kept by the body and the settings; the namer is the site's Markdown extensions',
        # and a changed mkdocs.yml empties the cache)
        # (a body's digest kept while it is the same text: 10 MB digested at every save)
        key = digest(self._bodies.of(body, digest), repr((level, attr_list, md_in_html)))
        cut_sections, unclosed, same_ids = self.site.cache.get("sections", key, cut)
        sections = list(cut_sections)
        lines = body.split("\n") if unclosed else []
        for line in unclosed:
            text = lines[line - 1].strip()
            fence = text[min(i for i in (text.find("`"), text.find("~")) if i >= 0) :]
            closing = fence[: len(fence) - len(fence.lstrip(fence[0]))]
            log.warning(
                f"{self.where_line(essay, line)}: the code fence {fence!r} is never closed, "
                "so the page shows it as text and the lines after it as Markdown; add a "
                f"line {closing!r} where the code ends"
            )
        for same in same_ids:
            first = self.file_line(essay, same.first_line)
            earlier = f"on line {first}" if first else "above it"
            log.warning(
                f"{self.where_line(essay, same.line)}: the heading {same.title!r} and the "
                f"heading {same.first_title!r} {earlier} both have the id {same.id!r} "
                f"('{{#{same.id}}}' on each), so links to #{same.id} (and this heading's "
                "pattern card) go to the first one; give one of the two headings another id"
            )
        return sections

    def _place(self, essay: Essay, chosen: Iterable[Section]) -> None:
        """A card for each chosen section that can be one, at ``patterns/<key>/<segment>/``."""
        taken = _Names()
        key = self.keys[essay]
        for section in chosen:  # (where a heading is: told only when it is reported)
            if not section.title:
                where = self.where(essay, section)
                log.info(f"{where}: a heading without text gets no pattern card; give it one")
                continue
            if section.empty and not self.show_stubs:
                where = self.where(essay, section)
                log.info(
                    f"{where}: the section {section.title!r} has no text, so it gets no "
                    "pattern card; write it, or set publish_stubs: true to publish a stub"
                )
                continue
            segment = _segment(section, taken)
            card = Card(
                id=f"{key}/{segment}",
                essay=essay,
                section=section,
                location=self.site.policy.card(key, segment),
                stub=section.empty,
            )
            self.cards[card.id] = card
            siblings = self.by_essay.setdefault(essay, [])
            self.sibling_at[card.id] = len(siblings)
            siblings.append(card.id)

    def _chosen(
        self,
        essay: Essay,
        sections: list[Section],
        boilerplate: Boilerplate,
        recurring: Counter[tuple[str, str]],
    ) -> Iterator[Section]:
        """The sections of an essay that are cards (:mod:`.keep`): a heading's ``data-card``
        first, then the essay's ``cards``, then the collection's boilerplate rule (each
        section it leaves out is counted in ``recurring`` by what recurs)."""
        choice, key = essay_choice(essay.front.params)
        if key is not None:
            line = essay.front.line_of(key)
            if choice.problem:
                log.warning(
                    f"{essay.path}:{line}: {choice.problem} (for example cards = false, or "
                    'cards = ["First section", "Third section"]); the sections are cards by '
                    "the collection's rule"
                )
            for name in choice.unmatched(sections):
                titles = ", ".join(repr(s.title) for s in sections) or "none"
                log.warning(
                    f"{essay.path}:{line}: '{key}' names the section {name!r}, which this essay "
                    f"does not have (its sections: {titles}); write a section's title or anchor"
                )
        for section in sections:
            wanted = mark_value(section.mark)
            if section.mark is not None and wanted is None:
                log.warning(
                    f"{self.where(essay, section)}: data-card={section.mark!r} on the heading "
                    f"{section.title!r} says neither yes nor no; write {{ data-card }} to make "
                    'it a pattern card or { data-card="false" } to leave it out'
                )
            if wanted is None:
                wanted = choice.wants(section)
            if wanted is None:
                recurs = boilerplate.recurs(section)
                if recurs is not None:
                    what = title_key(section.title) if recurs[0] == "title" else section.title
                    recurring[(recurs[0], what)] += 1
                    continue
                wanted = True
            if wanted:
                yield section

    def _report_boilerplate(
        self, boilerplate: Boilerplate, recurring: Counter[tuple[str, str]]
    ) -> None:
        """One line for every section the boilerplate rule left out, most common first."""
        if not recurring:
            return
        shown = []
        for (what, key), _ in recurring.most_common(12):
            if what == "title":
                essays = boilerplate.titles[key]
                shown.append(f"{boilerplate.shown.get(key, key)!r} ({essays} essays)")
            else:
                shown.append(f"{key!r} (the same text)")
        more = len(recurring) - len(shown)
        listed = ", ".join(shown) + (f" and {more} more" if more > 0 else "")
        log.info(
            f"pattern cards: {recurring.total()} sections are boilerplate, not cards: their "
            f"titles or texts recur in {boilerplate.threshold} essays or more: {listed}. "
            "Mark a heading { data-card }, or list its essay's cards in front matter "
            "(cards = [...]), to make one a card; card_boilerplate: 0 turns the rule off"
        )

    def _namer(self) -> Namer:
        config = self.site.config
        namer, error = site_namer(config.markdown_extensions, config.mdx_configs)
        if error is not None:  # a third-party extension that cannot load on its own
            log.info(
                "pattern cards: the site's Markdown extensions could not be loaded on their own "
                f"({error}); heading ids are read with plain rules and each card's anchor is "
                "checked against its rendered essay"
            )
        return namer

    def _essay_keys(self) -> dict[Essay, str]:
        """``patterns/<key>/``: the essay's slug; a second essay with that slug gets ``-2``.
        An essay a permalink places has its address as key (``patterns/2025/09/05/x/``):
        its cards follow its URL, and dated posts sharing a slug keep readable card paths.
        Decided in path order, so adding a newer essay never moves older cards."""
        site = self.site
        shown = [e for e in site.collection.essays if e in site.locations]
        shown = [e for e in shown if site.collection.shown(e)]
        keys: dict[Essay, str] = {}
        # the catalog's later pages (patterns/page/2/) and its cards.json
        reserved = set(self.reserved)
        used = _Names(reserved)
        for essay in sorted(shown, key=lambda e: e.src_uri):
            base = essay.slug
            if site.policy.permalinked(essay):
                base = folder_of(site.locations[essay])
            key = used.free(base)
            if key != base:
                why = (
                    f"/{site.url_of(site.policy.cards())}{base} is the catalog's"
                    if base.casefold() in reserved
                    else f"another essay has the slug {base!r}"
                )
                log.info(
                    f"{essay.path}: {why}, so this essay's "
                    f"pattern cards are at /{site.url_of(site.policy.cards())}{key}/"
                )
            keys[essay] = key
        return keys

    def where(self, essay: Essay, section: Section) -> str:
        """``docs/posts/x.md:12``: the heading's line in the file when it can be told."""
        return self.where_line(essay, section.line)

    def where_line(self, essay: Essay, body_line: int) -> str:
        """``docs/posts/x.md:12`` for a line of the body MkDocs renders, when it can be told."""
        line = self.file_line(essay, body_line)
        return f"{essay.path}:{line}" if line else essay.path

    def file_line(self, essay: Essay, body_line: int) -> int | None:
        """The file's line number of a line of the body MkDocs renders, when it can be told:
        a transform (a shortcode, a rewritten link) may have changed the body, and then the
        line is found by its text. Both bodies are split once per essay, not once per call."""
        body = self.site.body(essay)
        cached = self._lines.get(essay)
        if cached is None or cached[0] is not body:
            if body is essay.body or body == essay.body:
                cached = (body, None, {})
            else:
                first: dict[str, int] = {}
                for index, text in enumerate(essay.body.split("\n")):
                    first.setdefault(text, index)
                cached = (body, body.split("\n"), first)
            self._lines[essay] = cached
        _, lines, first = cached
        if lines is None:
            return essay.body_line + body_line - 1
        if not 0 < body_line <= len(lines) or lines[body_line - 1] not in first:
            return None
        return essay.body_line + first[lines[body_line - 1]]


def _segment(section: Section, taken: _Names) -> str:
    """The card's last URL segment: its anchor when that is a safe path segment."""
    anchor = section.anchor
    if _SAFE_SEGMENT.fullmatch(anchor):
        base = anchor
    else:
        # (percent-escapes decoded first: an id such as %2e%2e must not name a '..' folder)
        base = hugo_path(unquote(anchor)).replace("/", "-").strip(".")
        base = base or f"section-{section.position + 1}"
    return taken.free(base)


class _Names:
    """Names given so far, compared without case; :meth:`free` finds the next free one
    without trying every number again (a thousand headings giving one name: one step each)."""

    def __init__(self, taken: Iterable[str] = ()) -> None:
        self.taken = {name.casefold() for name in taken}
        self._next: dict[str, int] = {}

    def __contains__(self, name: str) -> bool:
        return name.casefold() in self.taken

    def free(self, base: str) -> str:
        """``base``, else ``base-2``, ``base-3``... the first not given, now given."""
        folded = base.casefold()
        name, n = base, self._next.get(folded, 2)
        if folded in self.taken:
            while f"{base}-{n}".casefold() in self.taken:
                n += 1
            name = f"{base}-{n}"
            self._next[folded] = n + 1
        self.taken.add(name.casefold())
        return name
