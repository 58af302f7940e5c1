"""Pagination as plain functions: pages of a listing, their locations, the page numbers shown,
and Hugo's ``pagerSize`` read by ``mkdocs-essays import``."""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs_essays.cli.hugo_import import plan_import
from mkdocs_essays.hugo.site_config import HugoConfig, pager_size, read_site_config
from mkdocs_essays.pages.pagination import Pager, items_of, page_count, paginate
from mkdocs_essays.pages.plan import PageSpec


@pytest.mark.parametrize(
    ("total", "size", "pages"),
    [(0, 10, 1), (1, 10, 1), (10, 10, 1), (11, 10, 2), (25, 10, 3), (30, 10, 3), (3000, 10, 300)],
)
def test_page_count(total: int, size: int, pages: int) -> None:
    assert page_count(total, size) == pages


def test_a_page_holds_at_least_one_item() -> None:
    with pytest.raises(ValueError):
        page_count(5, 0)


def test_locations_follow_hugo() -> None:
    pager = Pager("posts", 1, 3, 10)
    assert [pager.location(n) for n in (1, 2, 3)] == ["posts", "posts/page/2", "posts/page/3"]
    assert Pager("tags/llm", 2, 2, 10).location(2) == "tags/llm/page/2"
    assert Pager("", 1, 2, 10).location(2) == "page/2"  # a listing at the site's root


def test_slices_cover_every_item_once_in_order() -> None:
    items = list(range(25))
    pages = [Pager("posts", n, 3, 10).slice(items) for n in (1, 2, 3)]
    assert pages == [items[:10], items[10:20], items[20:]]
    assert Pager("posts", 4, 3, 10).slice(items) == []


def test_previous_and_next() -> None:
    assert (Pager("p", 1, 3, 10).previous, Pager("p", 1, 3, 10).next) == (None, 2)
    assert (Pager("p", 2, 3, 10).previous, Pager("p", 2, 3, 10).next) == (1, 3)
    assert (Pager("p", 3, 3, 10).previous, Pager("p", 3, 3, 10).next) == (2, None)
    assert (Pager("p", 1, 1, 10).previous, Pager("p", 1, 1, 10).next) == (None, None)


@pytest.mark.parametrize(
    ("number", "count", "shown"),
    [
        (1, 1, [1]),
        (1, 3, [1, 2, 3]),
        (1, 300, [1, 2, 3, None, 300]),
        (5, 300, [1, 2, 3, 4, 5, 6, 7, None, 300]),  # 2 is shown, not a gap of one number
        (150, 300, [1, None, 148, 149, 150, 151, 152, None, 300]),
        (300, 300, [1, None, 298, 299, 300]),
        (4, 7, [1, 2, 3, 4, 5, 6, 7]),
    ],
)
def test_page_numbers_shown(number: int, count: int, shown: list[int | None]) -> None:
    assert Pager("posts", number, count, 10).numbers() == shown


def test_the_pager_stays_small_however_many_pages() -> None:
    """A pager of 30,000 pages shows as many numbers as one of 30 (no page lists them all)."""
    longest = {
        count: max(len(Pager("p", n, count, 10).numbers()) for n in range(1, count + 1, 7))
        for count in (30, 300, 3000, 30000)
    }
    assert set(longest.values()) == {9}


def test_paginate_makes_one_spec_per_page() -> None:
    spec = PageSpec("essay-index", "posts", "Essays", top_level=True, meta={"hide": ["toc"]})
    pages = list(paginate(spec, 25, 10))
    assert [p.location for p in pages] == ["posts", "posts/page/2", "posts/page/3"]
    first, second, _ = pages
    # Page 1 is the listing itself: its title, nav place and meta.
    assert (first.title, first.top_level, first.meta) == ("Essays", True, {"hide": ["toc"]})
    assert first.pager == Pager("posts", 1, 3, 10)
    # Later pages: their own title, out of the nav, out of search.
    assert second.title == "Essays – page 2"
    assert second.top_level is False
    assert second.meta == {"hide": ["toc"], "search": {"exclude": True}}
    assert second.kind == "essay-index" and second.key is None
    assert items_of(second, list(range(25))) == list(range(10, 20))


def test_an_empty_listing_keeps_its_page() -> None:
    pages = list(paginate(PageSpec("cards", "patterns", "Patterns"), 0, 10))
    assert [(p.location, p.pager) for p in pages] == [("patterns", Pager("patterns", 1, 1, 10))]
    assert items_of(PageSpec("cards", "patterns", "Patterns"), [1, 2]) == [1, 2]  # no pager


# -- Hugo's pagerSize --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "size"),
    [
        ({}, None),
        ({"pagination": {"pagerSize": 7}}, 7),
        ({"Pagination": {"PagerSize": 7}}, 7),  # keys match without case, as in Hugo
        ({"paginate": 4}, 4),  # before Hugo 0.128
        ({"paginate": 4, "pagination": {"pagerSize": 6}}, 6),  # the new key wins
        ({"pagination": {"pagerSize": 0}}, "pagination.pagerSize = 0"),
        ({"paginate": "ten"}, "paginate = 'ten'"),
        ({"paginate": True}, "paginate = True"),
    ],
)
def test_pager_size_from_hugo_config(data: dict, size: int | str | None) -> None:
    assert pager_size(HugoConfig(data)) == size


def _hugo_site(root: Path, config: str) -> Path:
    (root / "content" / "posts").mkdir(parents=True)
    (root / "hugo.toml").write_text(config, encoding="utf-8")
    (root / "content" / "posts" / "a.md").write_text(
        "+++\ntitle = 'A'\ndate = 2024-01-01\n+++\nText.\n", encoding="utf-8"
    )
    return root


def test_import_writes_hugo_pager_size(tmp_path: Path) -> None:
    site = _hugo_site(tmp_path / "hugo", "title = 'x'\n[pagination]\n  pagerSize = 6\n")
    assert read_site_config(site).get("pagination", "pagerSize") == 6
    plan = plan_import(site, tmp_path / "out")
    assert "pager_size: 6" in plan.mkdocs_yml
    # carried over, so not listed as left behind (it said "listings show every essay")
    assert not [note for note in plan.notes if "pagination" in note]


def test_import_reports_a_pager_size_hugo_refuses(tmp_path: Path) -> None:
    site = _hugo_site(tmp_path / "hugo", "title = 'x'\npaginate = 0\n")
    plan = plan_import(site, tmp_path / "out")
    assert "pager_size" not in plan.mkdocs_yml
    assert any("paginate = 0" in note for note in plan.notes)
