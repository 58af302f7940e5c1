"""Take the README's screenshot: a real page of the project's own site, in Debian's Chromium.

    python tests/screenshot.py                       # docs/images/screenshot.png
    python tests/screenshot.py --page tags/llm/ --out /tmp/tag.png

The site (``mkdocs.yml`` and ``docs/``) is built into a temporary folder, served under a
project subpath as GitHub Pages serves it, and the page is shot at a desktop width, light
palette, with requests outside the site (web fonts) answered empty, as the browser tests do.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from browser import block_outside, chromium
from conftest import REPO, SEED, copy_project, run_build
from serving import serve_site

PAGE = f"posts/{SEED.stem}/"
OUT = REPO / "docs" / "images" / "screenshot.png"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--page", default=PAGE, help=f"the page's URL path (default: {PAGE})")
    parser.add_argument("--out", type=Path, default=OUT, help="the PNG file to write")
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--height", type=int, default=860)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        site = run_build(copy_project(Path(folder)))
        with serve_site(site.site_dir, "/repo/") as base, chromium() as browser:
            context = browser.new_context(
                viewport={"width": args.width, "height": args.height},
                color_scheme="light",
                device_scale_factor=1,
            )
            page = context.new_page()
            block_outside(page, base)
            response = page.goto(base + args.page, timeout=30_000)
            if response is None or response.status != 200:
                print(f"{args.page}: no page there", file=sys.stderr)
                return 1
            page.wait_for_load_state("networkidle", timeout=30_000)
            args.out.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(args.out), full_page=False)
            context.close()
    print(args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
