"""A reader in a real browser (Debian's Chromium through Playwright) on the repository's site,
served under a project subpath as GitHub Pages serves it.

Screenshots of the home page, the seed essay, the tag index and the card catalog are saved to
``test-artifacts/``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from browser import ARTIFACTS, block_outside
from conftest import SEED

pytestmark = pytest.mark.browser

ESSAY = f"posts/{SEED.stem}/"
PHONE = {"width": 390, "height": 844}


class Reader:
    """A browser tab that records every console error and uncaught exception."""

    def __init__(self, browser: Any, base: str, **context: Any) -> None:
        self.base = base
        self.context = browser.new_context(**context)
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.page.on(
            "console",
            lambda m: (
                self.errors.append(f"{self.page.url}: {m.text}") if m.type == "error" else None
            ),
        )
        self.page.on("pageerror", lambda e: self.errors.append(f"{self.page.url}: {e}"))
        self.page.on(
            "response",
            lambda r: (
                self.errors.append(f"{self.page.url}: HTTP {r.status} for {r.url}")
                if r.status >= 400
                else None
            ),
        )
        block_outside(self.page, base)

    def open(self, path: str) -> None:
        response = self.page.goto(self.base + path)
        assert response is not None and response.status == 200, path
        self.page.wait_for_load_state("networkidle")

    def shot(self, name: str) -> None:
        ARTIFACTS.mkdir(exist_ok=True)
        self.page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)

    def close(self) -> None:
        self.context.close()


def test_reader_journey(browser: Any, base: str) -> None:
    reader = Reader(browser, base, viewport={"width": 1280, "height": 900})
    page = reader.page
    reader.open("")
    reader.shot("home")

    page.click("a.md-tabs__link:text-is('Essays')")
    page.wait_for_url(base + "posts/")
    page.click("article .essay-list__title a:has-text('Generative AI Development')")
    page.wait_for_url(base + ESSAY)
    assert page.locator("article h1").first.inner_text() == (
        "Generative AI Development Strategies and Patterns"
    )
    reader.shot("essay")

    page.click("article .essay-tag:text-is('LLM')")
    page.wait_for_url(base + "tags/llm/")
    assert page.locator("article h1").first.inner_text() == "LLM"
    page.click("article .essay-card-list__title:text-is('Models & Algorithms Development')")
    card = (
        "patterns/generative-ai-development-strategies-and-patterns/models-algorithms-development/"
    )
    page.wait_for_url(base + card)
    assert "Avoid blindly following scaling laws" in page.locator("article").inner_text()

    page.click("article a:has-text('Read in context')")
    page.wait_for_url(base + ESSAY + "#models-algorithms-development")
    heading = page.locator("#models-algorithms-development")
    assert heading.inner_text().startswith("Models & Algorithms Development")
    box = heading.bounding_box()
    assert box is not None and 0 <= box["y"] < 900, box  # the heading is on screen

    for path, name in (("tags/", "tag-index"), ("patterns/", "card-catalog")):
        reader.open(path)
        reader.shot(name)
    reader.close()
    assert reader.errors == []
    for name in ("home", "essay", "tag-index", "card-catalog"):
        assert (ARTIFACTS / f"{name}.png").stat().st_size > 10_000


def search(reader: Reader, query: str) -> list[str]:
    page = reader.page
    page.click("input.md-search__input")
    page.keyboard.type(query)
    page.locator(".md-search-result__item a").first.wait_for(state="attached", timeout=15_000)
    # Material re-renders the list as each key is handled: read it whole, once it is still
    hrefs: list[str] = []
    for _ in range(100):
        page.wait_for_timeout(100)
        now = page.eval_on_selector_all(
            ".md-search-result__item a", "links => links.map(a => a.getAttribute('href') || '')"
        )
        if now and now == hrefs:
            break
        hrefs = now
    return hrefs


def test_search_finds_essays_by_body_words_and_cards_by_title(browser: Any, base: str) -> None:
    reader = Reader(browser, base, viewport={"width": 1280, "height": 900})
    reader.open("")
    hrefs = search(reader, "semiconductors")
    assert any(f"/repo/posts/{SEED.stem}/" in href for href in hrefs), hrefs
    reader.open("")
    hrefs = search(reader, "Strategies for Personal Growth")
    card = f"/repo/patterns/{SEED.stem}/strategies-for-personal-growth/"
    assert any(href.endswith(card) for href in hrefs), hrefs
    reader.close()
    assert reader.errors == []


@pytest.mark.parametrize(
    "path",
    ["", "posts/", ESSAY, "tags/", "tags/llm/", "patterns/"],
)
def test_phone_viewport(browser: Any, base: str, path: str) -> None:
    reader = Reader(browser, base, viewport=PHONE, is_mobile=True, has_touch=True)
    reader.open(path)
    overflow = reader.page.evaluate(
        "() => document.documentElement.scrollWidth - window.innerWidth"
    )
    assert overflow <= 1, f"{path} scrolls sideways by {overflow}px on a phone"
    assert reader.page.locator("article h1").first.is_visible()
    if path == ESSAY:
        assert reader.page.locator("article .essay-tag").first.is_visible()
        reader.shot("essay-phone")
    reader.close()
    assert reader.errors == []


def test_artifacts_folder_is_ignored_by_git() -> None:
    ignore = (Path(__file__).resolve().parents[2] / ".gitignore").read_text("utf-8")
    assert "/test-artifacts/" in ignore.split()
