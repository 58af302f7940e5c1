"""Related essays: under each essay, the essays it shares most with ("read next").

Ranked like Hugo's related content (``.Related``): the site's ``related`` indices
(``keywords``, each taxonomy, the year of ``date``... see :mod:`.settings`), each with its
weight, newer essays left out when ``include_newer`` is false, ties to the newest. Two changes
make the list worth reading on a real blog, where front matter is sparse: a value most essays
carry counts for little, and the essays' own words are one more index (``text``), so an essay
with no tags still finds the essays on its subject (:mod:`.similarity`).

The list is filled in once every essay is rendered (``on_env``), from the essays' rendered
text; the map (:mod:`mkdocs_essays.map.feature`) draws its "similar" edges from the same
ranking. What the ranking depends on is digested, so a rebuild under ``mkdocs serve`` that
changed no essay ranks nothing again.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any

from mkdocs.plugins import get_plugin_logger

from ..cache import Digests, digest
from ..cards.feature import Cards
from ..cards.keep import title_key
from ..cards.model import Section
from ..hugo.site_config import go_date_layout
from ..model import Essay
from ..model.slugs import hugo_path
from ..model.text import markdown_inline_to_text
from ..pages.feature import Feature
from ..pages.inputs import Inputs, essays
from ..render import format_date
from .settings import DATE_FIELDS, Index, indices

if TYPE_CHECKING:
    from ..pages.views import Views
    from ..site import Site
    from .similarity import Entry

__all__ = ["SIMILAR", "Ranking", "RelatedEssays"]

log = get_plugin_logger(__name__)

_TAKEN = 'id="related-essays"'
"""The block's id, as an essay's own heading would have it."""

SIMILAR = 3
"""How many most similar essays each essay is tied to on the map."""

Ranked = list[list[tuple[int, float]]]
"""Per essay (by position in :attr:`RelatedEssays.essays`): ``(position, score)``, best
first."""


@dataclass(frozen=True)
class Ranking:
    related: Ranked
    """The related list of each essay (``include_newer`` applied)."""
    similar: Ranked
    """The most similar essays of each, newer ones too (the map's edges)."""
    words: list[dict[str, float]]
    """Each essay's most distinctive words, heaviest first."""


def _said(entry: Entry) -> tuple[str, tuple[str, ...], tuple[object, ...]]:
    """What the ranking knows of an essay, as :class:`~mkdocs_essays.cache.Digests` takes it."""
    texts = (entry.text, entry.code, *(x for part in entry.parts for x in part))
    stamp = entry.date.isoformat() if entry.date else ""
    return entry.id, texts, (entry.title, stamp, entry.values, len(entry.parts))


class RelatedEssays(Feature):
    """Reads the essays' rendered text, and the pattern cards' sections and texts."""

    needs = (Cards,)

    def __init__(self, site: Site, views: Views, cards: Cards) -> None:
        super().__init__(site, views)
        self._cards = cards
        self._essays: list[Essay] | None = None
        self._indices: list[Index] | None = None
        self._ranking: Ranking | None = None
        self._positions: dict[str, int] | None = None

    # -- what is ranked ----------------------------------------------------------------------

    @cached_property
    def settings(self) -> dict[str, Any]:
        return dict(self.site.options.related)

    @cached_property
    def count(self) -> int:
        """``related_essays`` (read once per build: each essay's page asks)."""
        return max(0, self.site.options.related_essays)

    @property
    def essays(self) -> list[Essay]:
        """The essays that can be related: listed in this build (with their badge under
        ``mkdocs serve``), newest first; Hugo's ``build.list = "never"`` ones left out."""
        if self._essays is None:
            site = self.site
            unlisted = site.collection.unlisted
            self._essays = [
                e
                for e in site.collection.listed
                if e in site.locations and e.src_uri not in unlisted
            ]
        return self._essays

    @property
    def indices(self) -> list[Index]:
        if self._indices is None:
            self._indices = indices(self.settings, self.site.taxonomies.values())
        return self._indices

    def _entry(self, essay: Essay) -> Entry:
        from .similarity import Entry

        rendered = self.views.rendered.get(essay.src_uri)
        if rendered is not None:
            text, code = rendered.text, rendered.code
        else:  # not rendered in this build (--dirty): its Markdown
            text, code = markdown_inline_to_text(self.site.body(essay)), ""
        values = tuple((index.name, self._values(essay, index)) for index in self.indices)
        if self._sections_weight > 0:
            values += (("\x00sections", self._section_titles(essay)),)
        parts: tuple[tuple[str, str], ...] = ()
        intro = self._cards.intros.get(essay)
        if intro is not None and rendered is not None:
            cards = self._cards.cards_of(essay)
            parts = ((essay.title, intro), *((card.title, card.text) for card in cards))
            text = ""  # (the parts say it all)
        return Entry(essay.src_uri, essay.title, text, essay.date, values, code, parts)

    @cached_property
    def _sections_weight(self) -> float:
        return max(int(self.settings.get("sections", 50) or 0), 0) / 100

    def _section_titles(self, essay: Essay) -> tuple[str, ...]:
        """The titles of the essay's sections at the card level, by their letters."""
        sections = self._sections.get(essay, ())
        return tuple(dict.fromkeys(k for k in (title_key(s.title) for s in sections) if k))

    @property
    def _sections(self) -> dict[Essay, list[Section]]:
        return self._cards.sections

    @cached_property
    def _plurals(self) -> dict[str, str]:
        return {p.lower(): p for p in self.site.taxonomies.values()}

    def _values(self, essay: Essay, index: Index) -> tuple[str, ...]:
        """The values an essay carries for an index, as they are compared."""
        name = index.name
        plurals = self._plurals
        front = essay.front
        found: tuple[str, ...]
        if name in DATE_FIELDS:
            when = {
                "date": front.date,
                "publishdate": front.publish_date,
                "lastmod": front.lastmod,
                "expirydate": front.expiry_date,
            }[name]
            layout = go_date_layout(index.pattern or "2006")
            return (format_date(when, layout),) if when else ()
        if name == "keywords":
            found = front.keywords
        elif name in plurals:
            # a term as its page knows it: "LLM" and "llm" are one term
            found = tuple(hugo_path(t) or t.casefold() for t in essay.terms(plurals[name]))
        else:
            value = next((v for k, v in front.params.items() if str(k).lower() == name), None)
            if isinstance(value, str):
                found = (value,)
            elif isinstance(value, list | tuple):
                found = tuple(str(v) for v in value if isinstance(v, str | int | float))
            else:
                found = ()
        if index.to_lower:
            found = tuple(v.casefold() for v in found)
        return tuple(dict.fromkeys(v for v in found if v))

    def ranking(self) -> Ranking:
        """The ranking of every essay (made once per build, kept by content)."""
        if self._ranking is None:
            self._ranking = self._rank()
        return self._ranking

    def _rank(self) -> Ranking:
        from .similarity import Similarity, WordState

        settings = self.settings
        entries = [self._entry(e) for e in self.essays]
        wanted = max(self.count, 1)
        older_only = not settings.get("include_newer", True)
        parts: list[str | bytes] = [
            repr(sorted(settings.items(), key=str)),
            repr(self.indices),
            str(wanted),
        ]
        # (each essay's part kept while its texts are the objects of its last rendering)
        kept = self.site.cache.get("related-entries", digest(self.site.language.code), Digests)
        parts += kept.each(_said(entry) for entry in entries)

        # What the last ranking's words were made of (a save ranks again from it: one essay's
        # words, not every essay's). One per language: each language's build has its own.
        words_key = digest("words", self.site.language.code)

        def make() -> Ranking:
            similarity = Similarity(
                entries,
                text_weight=max(int(settings.get("text", 100) or 0), 0) / 100,
                index_weights={
                    **{i.name: i.weight for i in self.indices},
                    "\x00sections": self._sections_weight,
                },
                cardinality={i.name: i.cardinality_threshold for i in self.indices},
                cache=self.site.cache,
                state=self.site.cache.get("related-words", words_key, WordState),
            )
            similar = similarity.nearest(max(wanted, SIMILAR))
            related = similarity.nearest(wanted, older_only=True) if older_only else similar
            return Ranking(related, similar, similarity.words)

        return self.site.cache.get("related-essays", digest(*parts), make)

    def related(self, essay: Essay) -> list[Essay]:
        """Up to ``related_essays`` essays, best first."""
        at = self._position().get(essay.src_uri)
        if at is None:
            return []
        return [self.essays[j] for j, _ in self.ranking().related[at][: self.count]]

    def similar(self, k: int = SIMILAR) -> list[tuple[Essay, Essay, float]]:
        """Each essay and its ``k`` most similar essays (newer ones too): ``(essay, other,
        score)``, each pair once, in essay order."""
        essays = self.essays
        seen: set[tuple[int, int]] = set()
        out: list[tuple[Essay, Essay, float]] = []
        for i, ranked in enumerate(self.ranking().similar):
            for j, score in ranked[:k]:
                pair = (min(i, j), max(i, j))
                if pair not in seen:
                    seen.add(pair)
                    out.append((essays[i], essays[j], score))
        return out

    def words(self, essay: Essay) -> dict[str, float]:
        """The essay's most distinctive words and their weights (what names its topic)."""
        at = self._position().get(essay.src_uri)
        return self.ranking().words[at] if at is not None else {}

    def _position(self) -> dict[str, int]:
        if self._positions is None:
            self._positions = {e.src_uri: i for i, e in enumerate(self.essays)}
        return self._positions

    # -- under each essay ----------------------------------------------------------------------

    def essay_inputs(self, essay: Essay) -> Inputs:
        return essays(self.related(essay) if self.count else ())

    def essay_late(self, essay: Essay, page_url: str) -> str:
        if not self.count:
            return ""
        related = self.related(essay)
        if not related:
            return ""
        rendered = self.views.rendered.get(essay.src_uri)
        if rendered is not None and _TAKEN in rendered.html:
            log.warning(
                f"{essay.path}: an element of the essay has the id 'related-essays', which the "
                "Related essays block under it has too, so links to #related-essays find the "
                "first; give that heading another id ('## Related essays {#see-also}')"
            )
        return self.site.renderer.render(
            "related_essays.html",
            essays=[self.views.view(other, page_url) for other in related],
        )
