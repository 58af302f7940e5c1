"""A reader switches language in a real browser (Debian's Chromium): Material's switcher on a
translated essay lands on its translation, and on an untranslated one on the other language's
home; in light and dark, on a desktop and a phone, under a project subpath (issue 21)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from browser import ARTIFACTS, block_outside
from conftest import run_build, write_tree
from serving import serve_site

pytestmark = pytest.mark.browser

PALETTE = [
    {"media": "(prefers-color-scheme: light)", "scheme": "default"},
    {"media": "(prefers-color-scheme: dark)", "scheme": "slate"},
]
FILES = {
    "mkdocs.yml": (
        "site_name: Notes\nsite_url: https://example.org/repo/\ntheme:\n  name: material\n"
        "  palette:\n"
        + "".join(f"    - media: '{p['media']}'\n      scheme: {p['scheme']}\n" for p in PALETTE)
        + "plugins:\n  - search\n  - essays:\n      languages:\n        fr:\n"
        "          title: Carnets\n"
    ),
    "docs/index.md": "# Notes\n",
    "docs/index.fr.md": "# Carnets\n",
    "docs/posts/tea.md": "---\ntitle: On tea\ndate: 2024-01-02\ntags: [tea]\n---\nTea.\n",
    "docs/posts/tea.fr.md": "---\ntitle: Du thé\ndate: 2024-01-02\ntags: [thé]\n---\nThé.\n",
    "docs/posts/coffee.md": "---\ntitle: On coffee\ndate: 2024-01-01\n---\nCoffee.\n",
}


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("bilingual")
    write_tree(root, FILES)
    site = run_build(root, strict=True)
    with serve_site(site.site_dir, "/repo/") as url:
        yield url


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize(
    "viewport",
    [{"width": 1280, "height": 900}, {"width": 390, "height": 844}],
    ids=["desktop", "phone"],
)
def test_the_switcher_lands_on_the_translation(
    browser: Any, base: str, scheme: str, viewport: dict[str, int]
) -> None:
    context = browser.new_context(viewport=viewport, color_scheme=scheme)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on(
        "response",
        lambda r: errors.append(f"HTTP {r.status} {r.url}") if r.status >= 400 else None,
    )
    block_outside(page, base)
    try:
        page.goto(base + "posts/tea/")
        expected = "slate" if scheme == "dark" else "default"
        assert page.locator("body").get_attribute("data-md-color-scheme") == expected

        def switch(code: str) -> None:
            page.locator(".md-header__option .md-select button").click()
            link = page.locator(f"a.md-select__link[hreflang='{code}']")
            link.wait_for(state="visible")
            link.click()
            page.wait_for_load_state("networkidle")

        switch("fr")
        assert page.url == base + "fr/posts/tea/"
        assert page.locator("article h1").first.inner_text() == "Du thé"
        assert page.locator("html").get_attribute("lang") == "fr"
        name = f"languages-{scheme}-{'phone' if viewport['width'] < 600 else 'desktop'}"
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{name}.png"))
        switch("en")
        assert page.url == base + "posts/tea/"
        page.goto(base + "posts/coffee/")  # no translation: the French home
        switch("fr")
        assert page.url == base + "fr/"
        # Material's switcher looks for a sitemap.xml beside each link it is given, made for
        # links to a language's root; ours go to the page itself, and the lookup finds none
        assert [e for e in errors if not e.endswith("/sitemap.xml")] == []
    finally:
        context.close()
