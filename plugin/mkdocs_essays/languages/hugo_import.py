"""What ``mkdocs-essays import`` carries over of a multilingual Hugo site (issue 21).

Hugo's ``[languages]`` (in the site's configuration or in ``languages.<code>.*`` files, which
:func:`..hugo.site_config.read_site_config` lays under ``languages``) become the plugin's
``languages``: each language's name, title, weight, direction, params and main menu. A
language whose pages are in a ``contentDir`` of their own is copied to ``docs/<code>/`` and
gets ``content_dir: <code>``; translations by file name (``x.fr.md``) are copied as they are.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

__all__ = ["language_content", "language_options"]

_MARKDOWN = (".md", ".markdown", ".mdown", ".mkd", ".mkdn")


def _settings(config: Any) -> dict[str, Mapping[str, Any]]:
    """Hugo's languages, by lower-case code, the disabled ones left out."""
    table = config.table("languages")
    return {
        str(code).lower(): settings
        for code, settings in table.items()
        if isinstance(settings, Mapping) and settings.get("disabled") is not True
    }


def _get(settings: Mapping[str, Any], *names: str) -> Any:
    lowered = {str(k).lower(): v for k, v in settings.items()}
    for name in names:
        if lowered.get(name.lower()) not in (None, ""):
            return lowered[name.lower()]
    return None


def language_content(
    site: Path, config: Any, content: Path, docs: Path, default: str, confine: Any = None
) -> tuple[list[tuple[Path, Path]], list[Path], dict[str, str]]:
    """The files of the languages whose pages are in a ``contentDir`` of their own: copied to
    ``docs/<code>/``. (copies, their Markdown pages, code -> its folder in ``docs``).
    ``confine`` (:class:`..cli.confine.Confinement`) says what may be read: a folder outside
    the site is listed there and left out, links are followed only inside."""
    copies: list[tuple[Path, Path]] = []
    pages: list[Path] = []
    folders: dict[str, str] = {}
    for code, settings in _settings(config).items():
        folder = _get(settings, "contentDir")
        if code == default or not isinstance(folder, str) or not folder.strip("/"):
            continue
        root = site / posixpath.normpath(folder.strip("/"))
        if not root.is_dir() or root.resolve() == content.resolve():
            continue
        if confine is not None:
            if not confine.folder(root, f"[languages.{code}] contentDir {folder!r}"):
                continue
        elif not root.resolve().is_relative_to(site.resolve()):
            continue  # a contentDir outside the site: not Hugo content we copy
        folders[code] = code
        found = confine.files(root) if confine is not None else root.rglob("*")
        for path in sorted(p for p in found if p.is_file()):
            copies.append((path, docs / code / path.relative_to(root)))
            if path.suffix.lower() in _MARKDOWN:
                pages.append(path)
    return copies, pages, folders


def language_options(
    config: Any,
    default: str,
    folders: Mapping[str, str],
    nav: Callable[[Any], list[Any]],
    notes: list[str],
) -> dict[str, Any]:
    """The plugin's ``languages`` (and ``default_language_in_subdir``) for the site."""
    options: dict[str, Any] = {}
    languages: dict[str, dict[str, Any]] = {}
    for code, settings in _settings(config).items():
        entry: dict[str, Any] = {}
        name = _get(settings, "label", "languageName")
        if isinstance(name, str) and not name.startswith(":"):  # ":uk:": an emoji code
            entry["name"] = name
        title = _get(settings, "title")
        if isinstance(title, str):
            entry["title"] = title
        weight = _get(settings, "weight")
        if isinstance(weight, int) and not isinstance(weight, bool) and weight:
            entry["weight"] = weight
        direction = _get(settings, "direction", "languageDirection")
        if direction in ("ltr", "rtl"):
            entry["direction"] = direction
        if code in folders:
            entry["content_dir"] = folders[code]
        params = _get(settings, "params")
        if isinstance(params, Mapping):
            plain = {str(k): v for k, v in params.items() if _plain(v)}
            if plain:
                entry["params"] = plain
        menu = _get(settings, "menu", "menus")
        if isinstance(menu, Mapping) and code != default:
            items = nav(menu.get("main"))
            if items:
                entry["nav"] = items
        if code != default or entry:
            languages[code] = entry
    if default not in languages and languages:
        languages = {default: {}, **languages}
    options["languages"] = {k: v for k, v in languages.items() if v or k != default} or []
    if not isinstance(options["languages"], list) and all(
        not v for v in options["languages"].values()
    ):
        options["languages"] = sorted(options["languages"])
    if config.get("defaultContentLanguageInSubdir") is True and len(languages) > 1:
        options["default_language_in_subdir"] = True
    disabled = sorted(
        str(code).lower()
        for code, settings in config.table("languages").items()
        if isinstance(settings, Mapping) and settings.get("disabled") is True
    )
    for code in disabled:
        notes.append(f"language {code!r} is disabled in Hugo: it is left out here too")
    return options


def _plain(value: Any) -> bool:
    if isinstance(value, (str, int, float, bool)):
        return True
    if isinstance(value, list):
        return all(_plain(v) for v in value)
    if isinstance(value, Mapping):
        return all(_plain(v) for v in value.values())
    return False
