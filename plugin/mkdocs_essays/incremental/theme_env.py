"""The theme's Jinja environments under `mkdocs serve`: its files listed once, its templates
compiled once (issue 23).

Every build, MkDocs lists every file of the theme's folders to find its static files
(``Files.add_files_from_theme``): Material's folders hold 14,510 files, most of them icons, and
walking them and matching each name against a dozen patterns took 40 ms of every save, the
same at 10 essays as at 1,000. :class:`ThemeEnv` keeps the names found in a folder that is
installed (under one of Python's package folders: a theme from PyPI), which nothing changes
while the server runs, and walks every other folder (a ``custom_dir`` in the project) at every
build, as MkDocs does. It also keeps which names MkDocs' own pattern test let through, by the
name and the theme's ``static_templates``, the only setting the test reads. The list given is
the one MkDocs' walk gives: the same names, sorted, filtered the same way.

Each environment the theme makes also gets the plugin's compiled templates
(:class:`.templates.Compiled`, which Jinja checks against each template's source) from the
start: the search plugin renders Material's language partials in an environment of its own at
every build (``_translate``), 20 ms of a save when they were compiled again each time.
"""

from __future__ import annotations

import inspect
import os
import sysconfig
import types
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import jinja2
from mkdocs.structure.files import Files

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

__all__ = ["ThemeEnv"]


def _filter_code() -> types.CodeType | None:
    """The code of the pattern test ``Files.add_files_from_theme`` hands Jinja (MkDocs 1.6)."""
    for const in inspect.unwrap(Files.add_files_from_theme).__code__.co_consts:
        if isinstance(const, types.CodeType) and const.co_name == "filter":
            return const
    return None


_FILTER = _filter_code()


def _installed() -> tuple[str, ...]:
    """Python's package folders, each ending with a separator."""
    paths = sysconfig.get_paths()
    folders = {os.path.abspath(paths[k]) for k in ("purelib", "platlib") if k in paths}
    return tuple(os.path.join(f, "") for f in sorted(folders))


class ThemeEnv:
    """Kept by the plugin from build to build; :meth:`install` on each build's configuration."""

    def __init__(self) -> None:
        self._names: dict[str, tuple[str, ...]] = {}
        """An installed folder -> the names of its files (as Jinja's loader gives them)."""
        self._passed: dict[tuple[str, ...], dict[str, bool]] = {}
        """``static_templates`` -> name -> whether MkDocs' pattern test let it through."""
        self._installed = _installed()
        self.walked = 0
        """Folders walked (tests)."""

    def install(self, config: MkDocsConfig, compiled: jinja2.BytecodeCache | None = None) -> None:
        """Has the theme's Jinja environments in this build list its files this way and load
        templates compiled in ``compiled``."""
        theme = config.theme
        original = theme.get_env
        if getattr(original, "lists_once", False):
            return

        def get_env() -> jinja2.Environment:
            env = original()
            if compiled is not None and env.bytecode_cache is None:
                env.bytecode_cache = compiled
            loader = env.loader
            if type(loader) is jinja2.FileSystemLoader and not loader.followlinks:
                # (the theme's static templates as they are now: a plugin may add one after
                # this plugin's on_config)
                static = tuple(sorted(theme.static_templates))
                env.list_templates = _Listing(self, env, loader, static)  # type: ignore[method-assign]
            return env

        get_env.lists_once = True  # type: ignore[attr-defined]
        theme.get_env = get_env  # type: ignore[method-assign]

    def names(self, folder: str) -> tuple[str, ...]:
        kept = self._names.get(folder)
        if kept is not None:
            return kept
        names = _walk(folder)
        self.walked += 1
        if os.path.abspath(folder).startswith(self._installed):
            self._names[folder] = names
        return names

    def passed(self, static: tuple[str, ...]) -> dict[str, bool]:
        return self._passed.setdefault(static, {})


class _Listing:
    """``Environment.list_templates`` of one environment, from :class:`ThemeEnv`."""

    def __init__(
        self,
        files: ThemeEnv,
        env: jinja2.Environment,
        loader: jinja2.FileSystemLoader,
        static: tuple[str, ...],
    ) -> None:
        self.files, self.env, self.loader, self.static = files, env, loader, static

    def __call__(
        self,
        extensions: Any = None,
        filter_func: Callable[[str], bool] | None = None,
    ) -> list[str]:
        if extensions is not None:  # (Jinja's own way: not what MkDocs asks)
            return jinja2.Environment.list_templates(self.env, extensions, filter_func)
        found: set[str] = set()
        for folder in self.loader.searchpath:
            found.update(self.files.names(folder))
        names = sorted(found)
        if filter_func is None:
            return names
        if _FILTER is None or getattr(filter_func, "__code__", None) is not _FILTER:
            return [name for name in names if filter_func(name)]
        passed = self.files.passed(self.static)
        out = []
        for name in names:
            verdict = passed.get(name)
            if verdict is None:
                verdict = passed[name] = bool(filter_func(name))
            if verdict:
                out.append(name)
        return out


def _walk(searchpath: str) -> tuple[str, ...]:
    """The names Jinja's ``FileSystemLoader.list_templates`` finds in one folder."""
    found: list[str] = []
    for dirpath, _, filenames in os.walk(searchpath):
        for filename in filenames:
            template = (
                os.path.join(dirpath, filename)[len(searchpath) :]
                .strip(os.path.sep)
                .replace(os.path.sep, "/")
            )
            if template[:2] == "./":
                template = template[2:]
            found.append(template)
    return tuple(found)
