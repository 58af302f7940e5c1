"""Build real sites with MkDocs into temporary folders and read them back.

``make_site(files, config=...)`` writes a project (``mkdocs.yml`` + ``docs/``) and builds it with
MkDocs itself, in this process. Any warning the test did not declare with ``warnings=[...]``
fails the test, as in mkdocs-section-index's tests.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup
from hypothesis import settings

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

# On a developer's machine the property tests draw new examples each run and keep what they
# find in .hypothesis/; in CI (``CI`` set) they draw the same examples every run, so a change
# lands or fails on its own merits. A bug found locally becomes an explicit test case.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "docs" / "posts" / "generative-ai-development-strategies-and-patterns.md"
# The shared corpora (read only, never copied into the project) sit beside the checkout; CI
# fetches them there (.github/workflows/ci.yml). MKDOCS_ESSAYS_SHARED points elsewhere.
SHARED = Path(os.environ.get("MKDOCS_ESSAYS_SHARED") or REPO.parent / "shared")
CORPORA = SHARED / "corpora"
HUGO_CODER = CORPORA / "hugo-coder"
HUGODOCS = CORPORA / "hugodocs"


def corpus(name: str) -> Path:
    """The folder of the corpus ``name`` (``hugo-coder``, ``hugodocs``); the calling test or
    fixture skips, saying why, when it is absent (a fresh clone without ``../shared``)."""
    path = CORPORA / name
    if not (path / "content").is_dir():
        pytest.skip(
            f"corpus {name!r} is absent: no {path}/content. Fetch it as "
            ".github/workflows/ci.yml does (see its SOURCE.md pins), or set MKDOCS_ESSAYS_SHARED"
        )
    return path


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@dataclass
class Site:
    """A built site: its folders, the log of the build, and HTML read with a real parser."""

    root: Path
    site_dir: Path
    records: list[logging.LogRecord] = field(default_factory=list)
    error: str | None = None
    plugin: Any = None
    """The plugin object that built it (MkDocs keeps one per process: ``plugin.cache``)."""

    @property
    def docs_dir(self) -> Path:
        return self.root / "docs"

    def file(self, url_path: str) -> Path:
        """The output file for a site URL path (``posts/x/`` -> ``posts/x/index.html``)."""
        path = url_path.split("#", 1)[0].lstrip("/")
        if path == "" or path.endswith("/"):
            path += "index.html"
        return self.site_dir / path

    def exists(self, url_path: str) -> bool:
        return self.file(url_path).is_file()

    def text(self, url_path: str) -> str:
        return self.file(url_path).read_text(encoding="utf-8")

    def html(self, url_path: str) -> BeautifulSoup:
        return BeautifulSoup(self.text(url_path), "lxml")

    def content(self, url_path: str) -> BeautifulSoup:
        """The page's main content (Material's ``article``, or the mkdocs theme's ``main``)."""
        soup = self.html(url_path)
        node = soup.select_one("article.md-content__inner") or soup.select_one('[role="main"]')
        assert node is not None, f"no content element in {url_path}"
        return node  # type: ignore[return-value]

    def messages(self, level: int = logging.INFO) -> list[str]:
        return [r.getMessage() for r in self.records if r.levelno >= level]

    def warnings(self) -> list[str]:
        return [r.getMessage() for r in self.records if r.levelno == logging.WARNING]

    def pages(self) -> list[str]:
        """Every HTML page of the site as a URL path (``posts/x/``)."""
        out = []
        for path in sorted(self.site_dir.rglob("*.html")):
            rel = path.relative_to(self.site_dir).as_posix()
            out.append(rel[: -len("index.html")] if rel.endswith("index.html") else rel)
        return out


def write_tree(root: Path, files: Mapping[str, str | bytes]) -> None:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8", newline="")


BASE_CONFIG: dict[str, Any] = {
    "site_name": "Test site",
    "site_url": "https://example.org/",
    "theme": {"name": "material"},
    "plugins": ["search", "essays"],
    "markdown_extensions": [{"toc": {"permalink": True}}, "attr_list"],
}


@pytest.fixture(autouse=True)
def _no_settling(monkeypatch: pytest.MonkeyPatch) -> None:
    """`mkdocs serve` freezes the process's objects half a second after each build
    (``incremental/memory.py``); in the tests, whose builds share one process, a settling
    left pending by one test would freeze objects while another runs. Only the tests of the
    settling itself settle (they set ``IDLE`` back)."""
    from mkdocs_essays.incremental import memory

    monkeypatch.setattr(memory, "IDLE", 24 * 3600.0)


def run_build(
    root: Path,
    *,
    serve: bool = False,
    strict: bool = False,
    warnings: Iterable[str] = (),
    expect_error: bool = False,
    startup: bool = True,
) -> Site:
    """Build the project at ``root`` with MkDocs in this process: a new command, as
    ``mkdocs build`` runs it, or (``startup=False``) one more build of the last command, as
    ``mkdocs serve`` rebuilds after a save."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, BuildError, ConfigurationError

    handler = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    previous = logger.level
    logger.setLevel(logging.INFO)
    site_dir = root / "site"
    error: str | None = None
    plugin = None
    try:
        config = load_config(str(root / "mkdocs.yml"), site_dir=str(site_dir), strict=strict)
        plugin = config.plugins.get("essays")
        if startup:
            config.plugins.on_startup(command="serve" if serve else "build", dirty=False)
        try:
            build(config, serve_url="http://127.0.0.1:8000/" if serve else None)
        finally:
            if startup:
                config.plugins.on_shutdown()
    except (Abort, BuildError, ConfigurationError) as caught:
        error = str(caught)
    finally:
        logger.removeHandler(handler)
        logger.setLevel(previous)
    site = Site(root, site_dir, handler.records, error, plugin)
    errors = [r.getMessage() for r in handler.records if r.levelno >= logging.ERROR]
    if expect_error:
        assert error is not None or errors, "the build was expected to fail but succeeded"
        site.error = "\n".join([*errors, error or ""]).strip()
        return site
    assert error is None, f"build failed: {error}\n" + "\n".join(errors)
    allowed = [re.compile(w) for w in warnings]
    unexpected = [w for w in site.warnings() if not any(a.search(w) for a in allowed)]
    assert not unexpected, "unexpected warnings:\n" + "\n".join(unexpected)
    for pattern in allowed:
        assert any(pattern.search(w) for w in site.warnings()), f"expected a warning {pattern}"
    return site


MakeSite = Callable[..., Site]


@pytest.fixture
def make_site(tmp_path: Path) -> MakeSite:
    """``make_site({"docs/posts/x.md": "..."}, config={...}, serve=False, warnings=[...])``."""
    counter = iter(range(10_000))

    def make(
        files: Mapping[str, str | bytes],
        *,
        config: Mapping[str, Any] | None = None,
        plugin: Mapping[str, Any] | None = None,
        serve: bool = False,
        strict: bool = False,
        warnings: Iterable[str] = (),
        expect_error: bool = False,
    ) -> Site:
        root = tmp_path / f"project{next(counter)}"
        root.mkdir()
        settings = {**BASE_CONFIG, **(config or {})}
        if plugin is not None:
            settings["plugins"] = [
                {"essays": dict(plugin)} if p == "essays" else p for p in settings["plugins"]
            ]
        write_tree(root, {"mkdocs.yml": yaml.safe_dump(settings, sort_keys=False)})
        if not any(name.startswith("docs/") for name in files):
            (root / "docs").mkdir()
        write_tree(root, files)
        return run_build(
            root, serve=serve, strict=strict, warnings=warnings, expect_error=expect_error
        )

    return make


@pytest.fixture
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


def copy_project(dest: Path) -> Path:
    """A copy of this repository's site (mkdocs.yml + docs/) to build elsewhere."""
    shutil.copy(REPO / "mkdocs.yml", dest / "mkdocs.yml")
    shutil.copytree(REPO / "docs", dest / "docs")
    return dest


# -- the browser tests' shared site and browser ---------------------------------------------


@pytest.fixture(scope="session")
def base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The URL of this repository's site (``mkdocs.yml`` and ``docs/``), built once and served
    under a project subpath (``/repo/``) for every browser test."""
    from serving import serve_site

    project = copy_project(tmp_path_factory.mktemp("repo-site"))
    site = run_build(project)
    with serve_site(site.site_dir, "/repo/") as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Debian's Chromium for one test module (fails, not skips, when ``CI`` is set and it is
    missing: see ``browser.chromium``). Not for the session: other tests start Playwright's
    sync API themselves, and a second one cannot start while this one runs."""
    from browser import chromium

    with chromium() as instance:
        yield instance
