"""Read a Hugo site's configuration, the way Hugo 0.168 finds it.

The root file ``hugo.toml`` (or ``.yaml``/``.json``, then the older ``config.*``), then the
configuration directory laid over it: ``config/_default/`` and, for a build, the environment's
folder ``config/production/`` over that (each read recursively). In a folder ``hugo.toml`` is
merged at the top and ``params.toml`` under ``params`` (its own ``[params]`` table unwrapped
when it is the file's only key); a key's file wins over ``hugo.toml``'s table of that key.
``menus.en.toml`` (any ``<key>.<lang>.*``) belongs to that language: it goes under
``languages.en.menus``, and ``languages.en.toml`` is ``languages.en``. Every later file wins
over what is already there, table by table, as Hugo merges (checked with ``hugo config``).

Keys are matched without regard to case, as Hugo does. No MkDocs import. Settings nested
deeper than :data:`MAX_DEPTH` are refused with a message naming the file (no reader or walk
ever recurses into them).
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..frontmatter.dates import translate_layout

__all__ = [
    "CONFIG_NAMES",
    "MAX_DEPTH",
    "HugoConfig",
    "HugoConfigError",
    "Language",
    "go_date_layout",
    "pager_size",
    "read_site_config",
]

CONFIG_NAMES = tuple(
    f"{stem}.{extension}"
    for stem in ("hugo", "config")
    for extension in ("toml", "yaml", "yml", "json")
)
_EXTENSIONS = (".toml", ".yaml", ".yml", ".json")
MAX_DEPTH = 64
"""Tables and lists nested deeper than this are refused (no real configuration comes near)."""


class HugoConfigError(ValueError):
    """A configuration file that cannot be read (the message names it)."""


@dataclass(frozen=True)
class Language:
    """One of the site's languages (Hugo's ``[languages.<code>]``), as later features read it."""

    code: str
    """Lower case, as in file names (``pt-br``)."""
    title: str | None = None
    content_dir: str | None = None
    weight: int = 0
    label: str | None = None
    """``label`` (``languageName`` before Hugo 0.158)."""
    locale: str | None = None
    """``locale`` (``languageCode`` before)."""
    disabled: bool = False
    params: Mapping[str, Any] = field(default_factory=dict)
    settings: Mapping[str, Any] = field(default_factory=dict)
    """Everything the table holds (``menus``, ``permalinks``...), keys as written."""


@dataclass
class HugoConfig:
    data: dict[str, Any] = field(default_factory=dict)
    files: list[Path] = field(default_factory=list)
    """The files read, in order."""
    site: Path | None = None
    """The site's folder."""

    def get(self, *keys: str, default: Any = None) -> Any:
        """``get("markup", "goldmark", "renderer", "unsafe")``, matching keys without case."""
        current: Any = self.data
        for key in keys:
            if not isinstance(current, Mapping):
                return default
            found = _key(current, key)
            if found is None:
                return default
            current = current[found]
        return current

    def table(self, *keys: str) -> dict[str, Any]:
        value = self.get(*keys)
        return dict(value) if isinstance(value, Mapping) else {}

    @property
    def default_language(self) -> str:
        """``defaultContentLanguage`` (``en`` unless set), lower case."""
        return str(self.get("defaultContentLanguage", default="en") or "en").strip().lower()

    def languages(self) -> list[Language]:
        """The site's languages, by ``weight`` then code, as Hugo orders them; a site without
        ``[languages]`` has its default language alone."""
        found: list[Language] = []
        for code, settings in self.table("languages").items():
            table = settings if isinstance(settings, Mapping) else {}

            def value(*names: str, table: Mapping[str, Any] = table) -> Any:
                for name in names:
                    key = _key(table, name)
                    if key is not None:
                        return table[key]
                return None

            weight = value("weight")
            params = value("params")
            found.append(
                Language(
                    code=str(code).strip().lower(),
                    title=_text(value("title")),
                    content_dir=_text(value("contentDir")),
                    weight=weight
                    if isinstance(weight, int) and not isinstance(weight, bool)
                    else 0,
                    label=_text(value("label", "languageName")),
                    locale=_text(value("locale", "languageCode")),
                    disabled=value("disabled") is True,
                    params=dict(params) if isinstance(params, Mapping) else {},
                    settings=dict(table),
                )
            )
        if not any(language.code == self.default_language for language in found):
            found.append(Language(self.default_language))
        return sorted(found, key=lambda language: (language.weight or 1 << 30, language.code))

    def language(self, code: str | None = None) -> Language:
        """One language's settings (the default language's when ``code`` is None)."""
        wanted = (code or self.default_language).lower()
        return next((lang for lang in self.languages() if lang.code == wanted), Language(wanted))


def _whole(value: Any) -> int:
    """A weight as Hugo reads it (a number, or a numeral in a string); 0 otherwise."""
    if isinstance(value, bool):
        return 0
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().lstrip("+-").isdigit():
        return int(value.strip())
    return 0


def _text(value: Any) -> str | None:
    return str(value) if isinstance(value, str | int | float) and str(value) else None


def _key(mapping: Mapping[str, Any], key: str) -> str | None:
    if key in mapping:
        return key
    lowered = key.lower()
    return next((k for k in mapping if str(k).lower() == lowered), None)


def _depth(data: Any) -> int:
    """How deep tables and lists nest in ``data`` (walked with a stack, not recursion)."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(data, 0)]
    while stack:
        value, depth = stack.pop()
        deepest = max(deepest, depth)
        if depth > MAX_DEPTH:
            break
        if isinstance(value, Mapping):
            stack.extend((v, depth + 1) for v in value.values())
        elif isinstance(value, list):
            stack.extend((v, depth + 1) for v in value)
    return deepest


def _load(path: Path) -> dict[str, Any]:
    text = path.read_text(encoding="utf-8-sig")
    too_deep = HugoConfigError(
        f"{path}: settings nested more than {MAX_DEPTH} tables or lists deep; no Hugo "
        "configuration needs that many: flatten them"
    )
    try:
        if path.suffix == ".toml":
            data: Any = tomllib.loads(text)
        elif path.suffix in (".yaml", ".yml"):
            data = yaml.safe_load(text)
        else:
            data = json.loads(text)
    except (tomllib.TOMLDecodeError, yaml.YAMLError, json.JSONDecodeError) as error:
        raise HugoConfigError(f"{path}: cannot be read: {error}") from None
    except RecursionError:
        raise too_deep from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise HugoConfigError(f"{path}: expected a table of settings, got {type(data).__name__}")
    if _depth(data) > MAX_DEPTH:
        raise too_deep
    return data


def _merge(into: dict[str, Any], data: Mapping[str, Any]) -> None:
    """Lay ``data`` over ``into``: tables merge key by key (without regard to case), any other
    value of ``data`` wins. A stack of tables to merge, not recursion."""
    stack: list[tuple[dict[str, Any], Mapping[str, Any]]] = [(into, data)]
    while stack:
        target, source = stack.pop()
        for key, value in source.items():
            existing = _key(target, key)
            if existing is None:
                target[key] = value
            elif isinstance(target[existing], dict) and isinstance(value, Mapping):
                stack.append((target[existing], value))
            else:
                target[existing] = value


def _unwrap(data: dict[str, Any], name: str) -> dict[str, Any]:
    """A key's own file may repeat the key (``params.toml`` holding ``[params]``): Hugo unwraps
    it when it is the file's only key (Hugo 0.162+)."""
    if len(data) == 1:
        ((key, value),) = data.items()
        if str(key).lower() == name.lower():
            return value if isinstance(value, dict) else {name: value}
    return data


def _folder_files(folder: Path) -> list[Path]:
    """A configuration folder's files, recursively: ``hugo.*``/``config.*`` first, then the
    others by path (a key's own file wins over hugo.toml's table of that key)."""
    paths = [p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in _EXTENSIONS]

    def order(path: Path) -> tuple[bool, str]:
        stem = path.stem.split(".", 1)[0].lower()
        return stem not in ("hugo", "config"), path.relative_to(folder).as_posix()

    return sorted(paths, key=order)


def read_site_config(site: Path, environment: str = "production") -> HugoConfig:
    """The configuration of the Hugo site at ``site`` for ``environment`` (``production``:
    what ``hugo build`` reads). Empty when the site has none."""
    config = HugoConfig(site=site)
    for name in CONFIG_NAMES:
        path = site / name
        if path.is_file():
            config.data = _load(path)
            config.files.append(path)
            break
    for env in ("_default", environment):
        folder = site / "config" / env
        if not folder.is_dir():
            continue
        for path in _folder_files(folder):
            data = _load(path)
            config.files.append(path)
            name, _, language = path.stem.partition(".")
            if name.lower() in ("hugo", "config") and not language:
                _merge(config.data, data)
                continue
            data = _unwrap(data, name)
            if language and name.lower() == "languages":
                _merge(config.data, {"languages": {language.lower(): data}})
            elif language:
                _merge(config.data, {"languages": {language.lower(): {name: data}}})
            else:
                _merge(config.data, {name: data})
    return config


def pager_size(config: HugoConfig) -> int | str | None:
    """Items per listing page: ``[pagination] pagerSize`` (Hugo 0.128+), else the older
    top-level ``paginate``; ``None`` when neither is set. A value Hugo refuses (not a whole
    number of 1 or more) comes back as its text, for the caller to report."""
    for keys in (("pagination", "pagerSize"), ("paginate",)):
        value = config.get(*keys)
        if value is None:
            continue
        if isinstance(value, int) and not isinstance(value, bool) and value >= 1:
            return value
        return f"{'.'.join(keys)} = {value!r}"
    return None


# Go's reference time, piece by piece, longest first -> strftime.
_GO_LAYOUT = (
    ("January", "%B"),
    ("Monday", "%A"),
    ("2006", "%Y"),
    ("-0700", "%z"),
    ("Jan", "%b"),
    ("Mon", "%a"),
    ("MST", "%Z"),
    ("01", "%m"),
    ("02", "%d"),
    ("_2", "%e"),
    ("06", "%y"),
    ("15", "%H"),
    ("03", "%I"),
    ("04", "%M"),
    ("05", "%S"),
    ("PM", "%p"),
    ("pm", "%p"),
    ("1", "%-m"),
    ("2", "%-d"),
    ("3", "%I"),
    ("4", "%M"),
    ("5", "%S"),
)


def go_date_layout(layout: str) -> str:
    """Hugo's date layout (Go's ``"January 2, 2006"``) as ``strftime`` (``"%B %-d, %Y"``).

    Hugo's named layouts (``:date_long``...) are translated too; ``%`` is escaped.
    """
    named = {
        ":date_full": "%A, %B %-d, %Y",
        ":date_long": "%B %-d, %Y",
        ":date_medium": "%b %-d, %Y",
        ":date_short": "%-m/%-d/%y",
    }
    if layout.strip() in named:
        return named[layout.strip()]
    return translate_layout(layout, _GO_LAYOUT, lambda char: "%%" if char == "%" else char)
