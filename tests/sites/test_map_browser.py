"""The knowledge map in a real browser (Debian's Chromium through Playwright), on the
repository's site served under a project subpath: screenshots of map/ and of the seed essay's
local map in the light and dark palettes and on a phone (saved to ``test-artifacts/``), a click
on a node, the filter, zoom."""

from __future__ import annotations

from typing import Any

import pytest
from browser import ARTIFACTS, block_outside
from conftest import SEED

pytestmark = pytest.mark.browser

ESSAY = f"posts/{SEED.stem}/"
PHONE = {"width": 390, "height": 844}


def open_page(browser: Any, base: str, path: str, **context: Any) -> tuple[Any, Any, list[str]]:
    ctx = browser.new_context(**context)
    page = ctx.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    block_outside(page, base)
    response = page.goto(base + path)
    assert response is not None and response.status == 200, path
    page.wait_for_load_state("networkidle")
    return ctx, page, errors


def shot(page: Any, name: str, selector: str | None = None) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    path = str(ARTIFACTS / f"{name}.png")
    if selector:
        page.locator(selector).first.screenshot(path=path)
    else:
        page.screenshot(path=path, full_page=True)
    assert (ARTIFACTS / f"{name}.png").stat().st_size > 5_000


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_screenshots_in_both_palettes(browser: Any, base: str, scheme: str) -> None:
    viewport = {"width": 1280, "height": 900}
    ctx, page, errors = open_page(browser, base, "map/", viewport=viewport, color_scheme=scheme)
    expected = "slate" if scheme == "dark" else "default"
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == expected
    # the map takes Material's colours: an essay is drawn in the primary colour
    fill = page.evaluate(
        "getComputedStyle(document.querySelector('.essay-map__node--essay .essay-map__shape')).fill"
    )
    primary = page.evaluate(
        "getComputedStyle(document.body).getPropertyValue('--md-primary-fg-color').trim()"
    )
    assert fill and primary, (fill, primary)
    label = page.evaluate(
        "getComputedStyle(document.querySelector('.essay-map__labels text')).fill"
    )
    text = page.evaluate("getComputedStyle(document.querySelector('article')).color")
    assert label == text  # labels in the page's text colour, light or dark
    shot(page, f"map-{scheme}")
    ctx.close()
    ctx, page, errors2 = open_page(browser, base, ESSAY, viewport=viewport, color_scheme=scheme)
    page.locator(".essay-map--local").scroll_into_view_if_needed()
    shot(page, f"local-map-{scheme}", ".essay-map--local")
    ctx.close()
    assert errors == [] and errors2 == []


@pytest.mark.parametrize("path", ["map/", ESSAY])
def test_phone(browser: Any, base: str, path: str) -> None:
    ctx, page, errors = open_page(
        browser, base, path, viewport=PHONE, is_mobile=True, has_touch=True
    )
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1, f"{path} scrolls sideways by {overflow}px on a phone"
    picture = page.locator("svg.essay-map__svg").first
    box = picture.bounding_box()
    assert box is not None and box["width"] <= PHONE["width"]
    # a label is at least 9 CSS pixels tall on the phone
    height = page.evaluate(
        "document.querySelector('.essay-map__labels text').getBoundingClientRect().height"
    )
    assert height >= 9, height
    name = "map-phone" if path == "map/" else "local-map-phone"
    if path == ESSAY:
        page.locator(".essay-map--local").scroll_into_view_if_needed()
        shot(page, name, ".essay-map--local")
    else:
        shot(page, name)
    ctx.close()
    assert errors == []


def test_clicking_a_node_lands_on_its_page(browser: Any, base: str) -> None:
    ctx, page, errors = open_page(browser, base, "map/", viewport={"width": 1280, "height": 900})
    page.click("svg.essay-map__svg a[href='../tags/llm/'] .essay-map__shape")
    page.wait_for_url(base + "tags/llm/")
    assert page.locator("article h1").first.inner_text() == "LLM"
    page.goto(base + ESSAY)
    card = "models-algorithms-development"
    page.click(f".essay-map--local a[href$='/{card}/'] .essay-map__shape")
    page.wait_for_url(base + f"patterns/{SEED.stem}/{card}/")
    ctx.close()
    assert errors == []


def test_the_filter_highlights_a_tags_neighbourhood(browser: Any, base: str) -> None:
    ctx, page, errors = open_page(browser, base, "map/", viewport={"width": 1280, "height": 900})
    field = page.locator(".essay-map__input")
    assert field.is_visible()  # shown once the script runs
    field.fill("llm")
    root = page.locator(".essay-map--site")
    assert "essay-map--filtered" in (root.get_attribute("class") or "")
    lit = page.eval_on_selector_all(
        "svg .essay-map__node.is-lit", "nodes => nodes.map(n => n.getAttribute('href'))"
    )
    assert sorted(lit) == ["../posts/" + SEED.stem + "/", "../tags/llm/"]
    assert page.locator(".essay-map__edge--lit").count() == 1
    assert "LLM: 1 connection" in page.locator(".essay-map__status").inner_text()
    shot(page, "map-filter-llm")
    field.fill("")
    assert "essay-map--filtered" not in (root.get_attribute("class") or "")
    field.fill("LLM")
    field.press("Enter")
    page.wait_for_url(base + "tags/llm/")
    ctx.close()
    assert errors == []


def test_zoom_with_buttons_keys_and_wheel(browser: Any, base: str) -> None:
    ctx, page, errors = open_page(browser, base, "map/", viewport={"width": 1280, "height": 900})
    svg = page.locator("svg.essay-map__svg")
    start = svg.get_attribute("viewBox")
    page.click("button[data-zoom='in']")
    zoomed = svg.get_attribute("viewBox")
    assert zoomed != start and float(zoomed.split()[2]) < 1000
    svg.focus()
    page.keyboard.press("0")
    assert svg.get_attribute("viewBox") == "0 0 1000 700"
    page.keyboard.press("+")
    page.keyboard.press("ArrowRight")
    x = float(svg.get_attribute("viewBox").split()[0])
    assert x > 0
    page.keyboard.press("0")
    box = svg.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.wheel(0, -200)
    assert float(svg.get_attribute("viewBox").split()[2]) < 1000
    # drag pans
    before = svg.get_attribute("viewBox")
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] / 2 - 100, box["y"] + box["height"] / 2, steps=5)
    page.mouse.up()
    assert svg.get_attribute("viewBox") != before
    ctx.close()
    assert errors == []
