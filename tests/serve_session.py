"""`mkdocs serve`'s builds, in this process, and clean builds to compare them with.

:class:`Session` builds a project the way ``mkdocs serve`` does after each save (MkDocs'
``commands/serve.py``): the configuration is read again for every build, the plugin objects
stay (MkDocs keeps a plugin that has ``on_startup``), ``site_url`` is the server's address and
the site is written into one folder, build after build. :func:`clean_build` builds the same
files from nothing, as a first build does: the plugin's memory of earlier builds (its
incremental records and its content cache) is set aside for it, and given back after, so the
session goes on as it would have. :func:`differences` compares two sites file by file.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

SERVE_URL = "http://127.0.0.1:8000/"


def _config(root: Path, site_dir: Path) -> Any:
    from mkdocs.config import load_config

    config = load_config(str(root / "mkdocs.yml"), site_dir=str(site_dir))
    config.site_url = SERVE_URL  # what `mkdocs serve` does to every configuration it reads
    return config


def _plugin(config: Any) -> Any:
    for plugin in config.plugins.values():
        if type(plugin).__name__ == "EssaysPlugin":
            return plugin
    raise AssertionError("no essays plugin in the configuration")


FOUR_ESSAYS = {
    f"{name}.md": (
        f'+++\ntitle = "{name.title()}"\ndate = 2024-03-0{i + 1}\ntags = ["x"]\n+++\n\n'
        f"{name.title()} begins.\n\n## A section of {name}\n\nText of {name} about caching.\n"
    )
    for i, name in enumerate(["alpha", "beta", "gamma", "delta"])
}
"""Four short essays tagged ``x``, one section each: the smallest site whose saves keep pages."""


def served(
    tmp_path: Path,
    base: dict[str, Any],
    essays: dict[str, str] = FOUR_ESSAYS,
    *,
    local_map: bool = False,
    options: dict[str, Any] | None = None,
) -> Iterator[Session]:
    """A session of ``essays`` (``project/``, served into ``site/``), built once; closed when
    done (a fixture's body: ``yield from served(tmp_path, BASE_CONFIG)``). ``options``: more
    of the plugin's options."""
    root = essays_project(tmp_path / "project", essays, base, local_map=local_map, options=options)
    session = Session(root, tmp_path / "site")
    try:
        session.build()
        yield session
    finally:
        session.close()


def append(root: Path, name: str, text: str) -> None:
    """Save ``docs/posts/<name>`` with ``text`` added at its end."""
    path = root / "docs" / "posts" / name
    path.write_text(path.read_text("utf-8") + text, "utf-8")


def essays_project(
    root: Path,
    essays: dict[str, str],
    base: dict[str, Any],
    *,
    local_map: bool = False,
    options: dict[str, Any] | None = None,
) -> Path:
    """A project at ``root``: ``base`` (the tests' ``BASE_CONFIG``), without local maps unless
    ``local_map`` (and with the plugin's ``options``), and ``essays`` (``name.md`` -> text) in
    ``docs/posts/``."""
    import yaml

    config = {
        **base,
        "plugins": ["search", {"essays": {"local_map": local_map, **(options or {})}}],
    }
    root.mkdir(parents=True, exist_ok=True)
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), "utf-8")
    for name, text in essays.items():
        path = root / "docs" / "posts" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")
    return root


class Session:
    """One `mkdocs serve` of ``root`` into ``site_dir``: call :meth:`build` after each save."""

    def __init__(self, root: Path, site_dir: Path) -> None:
        self.root = root
        self.site_dir = site_dir
        self._first: Any = _config(root, site_dir)
        self._first.plugins.on_startup(command="serve", dirty=False)
        self.plugin = _plugin(self._first)
        self.builds = 0
        self.records: list[logging.LogRecord] = []

    def build(self) -> float:
        """One build, as after a save; its seconds."""
        from mkdocs.commands.build import build

        config = self._first if self.builds == 0 else _config(self.root, self.site_dir)
        self.builds += 1
        start = time.perf_counter()
        with _collected(self.records):
            build(config, serve_url=SERVE_URL)
        return time.perf_counter() - start

    def close(self) -> None:
        self._first.plugins.on_shutdown()


@contextmanager
def _collected(records: list[logging.LogRecord]) -> Any:
    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(record)

    handler = Keep(logging.INFO)
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    previous = logger.level
    logger.setLevel(logging.INFO)
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.setLevel(previous)


def clean_build(
    root: Path, site_dir: Path, records: list[logging.LogRecord] | None = None
) -> float:
    """A first `mkdocs serve` build of ``root`` into ``site_dir`` (emptied first); seconds.
    The plugin has no memory of earlier builds for it (none on disk either: it neither reads
    nor writes ``.cache/``); a session's memory is given back after, so the session goes on."""
    from mkdocs.commands.build import build
    from mkdocs_essays.incremental import Incremental

    config = _config(root, site_dir)
    plugin = _plugin(config)  # (the session's object: MkDocs keeps one per process)
    saved = plugin.incremental, plugin.cache
    config.plugins.on_startup(command="serve", dirty=False)
    plugin.incremental = Incremental(disk=False)
    start = time.perf_counter()
    try:
        with _collected(records if records is not None else []):
            build(config, serve_url=SERVE_URL)
    finally:
        plugin.incremental, plugin.cache = saved
    return time.perf_counter() - start


def served_as_clean(root: Path, served: Path, clean: Path) -> None:
    """Build ``root`` afresh into ``clean`` (emptied first) and assert that the session's
    ``served`` site is the same, file for file."""
    import shutil

    shutil.rmtree(clean, ignore_errors=True)
    clean_build(root, clean)
    wrong = differences(served, clean)
    assert not wrong, wrong[:10]


def site_files(site_dir: Path) -> dict[str, Path]:
    out = {}
    for top, _, names in os.walk(site_dir):
        for name in names:
            path = Path(top) / name
            out[path.relative_to(site_dir).as_posix()] = path
    return out


def differences(served: Path, clean: Path) -> list[str]:
    """What differs between two sites: files only in one, files whose bytes differ."""
    a, b = site_files(served), site_files(clean)
    out = [f"only served: {p}" for p in sorted(a.keys() - b.keys())]
    out += [f"only in the clean build: {p}" for p in sorted(b.keys() - a.keys())]
    for path in sorted(a.keys() & b.keys()):
        if a[path].read_bytes() != b[path].read_bytes():
            out.append(f"differs: {path}")
    return out
