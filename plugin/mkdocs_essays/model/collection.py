"""The collection: every essay of a build, and what the site lists."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property

from .essay import Essay
from .taxonomy import Taxonomy, build_taxonomy

__all__ = ["Collection"]


@dataclass(frozen=True)
class Collection:
    """All essays, newest first, and the taxonomies of the ones the site lists.

    ``preview`` is true under ``mkdocs serve``: left-out essays (drafts, future, expired) are then
    listed too, with a badge, so the writer sees them. In ``mkdocs build`` only published essays
    are listed anywhere.
    """

    essays: tuple[Essay, ...]
    taxonomy_names: tuple[str, ...] = ("tags", "categories")
    preview: bool = False
    pages: tuple[Essay, ...] = ()
    """Pages other than essays whose terms count (Hugo content, issue 11), newest first."""
    unlisted: frozenset[str] = frozenset()
    """src_uris of the ``pages`` and essays that count but no listing shows (Hugo's
    ``build.list = "never"``)."""
    local: frozenset[str] = frozenset()
    """src_uris of the essays only their section's and terms' listings show, not site-wide
    ones such as the home page's latest (``build.list = "local"``)."""
    lower: bool = True
    """Term paths in lower case (Hugo's default; ``disablePathToLower`` keeps the case)."""
    _by_src: Mapping[str, Essay] = field(default_factory=dict, repr=False)

    @classmethod
    def of(
        cls,
        essays: Iterable[Essay],
        taxonomy_names: Iterable[str],
        *,
        preview: bool = False,
        pages: tuple[tuple[Essay, ...], frozenset[str], frozenset[str]] = (
            (),
            frozenset(),
            frozenset(),
        ),
        lower: bool = True,
    ) -> Collection:
        ordered = tuple(sorted(essays, key=Essay.newest_first))
        return cls(
            essays=ordered,
            taxonomy_names=tuple(dict.fromkeys(taxonomy_names)),
            preview=preview,
            pages=tuple(sorted(pages[0], key=Essay.newest_first)),
            unlisted=pages[1],
            local=pages[2],
            lower=lower,
            _by_src={essay.src_uri: essay for essay in ordered},
        )

    def __len__(self) -> int:
        return len(self.essays)

    def get(self, src_uri: str) -> Essay | None:
        return self._by_src.get(src_uri)

    @cached_property
    def listed(self) -> tuple[Essay, ...]:
        """The essays listings show, newest first."""
        if self.preview:
            return self.essays
        return tuple(essay for essay in self.essays if essay.published)

    @cached_property
    def published(self) -> tuple[Essay, ...]:
        return tuple(essay for essay in self.essays if essay.published)

    @cached_property
    def left_out(self) -> tuple[Essay, ...]:
        return tuple(essay for essay in self.essays if not essay.published)

    def shown(self, essay: Essay) -> bool:
        """Whether the essay gets a page in this build."""
        return essay.published or self.preview

    @cached_property
    def taxonomies(self) -> Mapping[str, Taxonomy]:
        carriers = self.listed
        pages = [page for page in self.pages if self.shown(page)]
        if pages:
            carriers = tuple(sorted((*carriers, *pages), key=Essay.newest_first))
        return {
            name: build_taxonomy(name, carriers, lower=self.lower) for name in self.taxonomy_names
        }

    def latest(self, count: int) -> tuple[Essay, ...]:
        return self.listed[: max(count, 0)]
