"""Debian's Chromium driven by Playwright, for tests that need a real browser.

Playwright's own browser download is not reachable here; ``.ci/run`` installs Debian's
``chromium``. Without it a test skips on a workstation and fails when ``CI`` is set.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"


def require_chromium() -> str:
    if Path(CHROMIUM).exists() or shutil.which("chromium"):
        return CHROMIUM if Path(CHROMIUM).exists() else str(shutil.which("chromium"))
    if os.environ.get("CI"):
        pytest.fail("Chromium is missing: .ci/run installs Debian's chromium (apt-get install)")
    pytest.skip("Chromium is not installed (apt-get install chromium)")


@contextmanager
def chromium() -> Iterator[Any]:
    """A headless Chromium browser (``playwright.sync_api.Browser``)."""
    executable = require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def block_outside(page: Any, base: str) -> None:
    """Answer every request that leaves ``base``'s host with an empty 204: there is no
    internet here, and a theme's web fonts must not turn into console errors."""
    host = base.split("/", 3)[2]

    def route(route: Any) -> None:
        if route.request.url.split("/", 3)[2] == host:
            route.continue_()
        else:
            route.fulfill(status=204, body="")

    page.route("**/*", route)
