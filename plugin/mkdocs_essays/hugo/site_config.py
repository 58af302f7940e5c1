"""Read a Hugo site's configuration, the way Hugo finds it.

``hugo.toml`` (or ``.yaml``/``.yml``/``.json``), else ``config.toml`` (...), then the files of
``config/_default/`` (``hugo.toml`` merged at the top, ``params.toml`` under ``params``...).
Keys are matched without regard to case, as Hugo does. No MkDocs import.
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
    "HugoConfig",
    "HugoConfigError",
    "go_date_layout",
    "pager_size",
    "read_site_config",
]

CONFIG_NAMES = tuple(
    f"{stem}.{extension}"
    for stem in ("hugo", "config")
    for extension in ("toml", "yaml", "yml", "json")
)


class HugoConfigError(ValueError):
    """A configuration file that cannot be read (the message names it)."""


@dataclass
class HugoConfig:
    data: dict[str, Any] = field(default_factory=dict)
    files: list[Path] = field(default_factory=list)
    """The files read, in order."""

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


def _key(mapping: Mapping[str, Any], key: str) -> str | None:
    if key in mapping:
        return key
    lowered = key.lower()
    return next((k for k in mapping if str(k).lower() == lowered), None)


def _load(path: Path) -> dict[str, Any]:
    text = path.read_text(encoding="utf-8-sig")
    try:
        if path.suffix == ".toml":
            data: Any = tomllib.loads(text)
        elif path.suffix in (".yaml", ".yml"):
            data = yaml.safe_load(text)
        else:
            data = json.loads(text)
    except (tomllib.TOMLDecodeError, yaml.YAMLError, json.JSONDecodeError) as error:
        raise HugoConfigError(f"{path}: cannot be read: {error}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise HugoConfigError(f"{path}: expected a table of settings, got {type(data).__name__}")
    return data


def _merge(into: dict[str, Any], data: Mapping[str, Any]) -> None:
    """Add ``data`` to ``into``; keys already there win (the root file over config/_default)."""
    for key, value in data.items():
        existing = _key(into, key)
        if existing is None:
            into[key] = value
        elif isinstance(into[existing], dict) and isinstance(value, Mapping):
            _merge(into[existing], value)


def read_site_config(site: Path) -> HugoConfig:
    """The configuration of the Hugo site at ``site`` (empty when it has none)."""
    config = HugoConfig()
    for name in CONFIG_NAMES:
        path = site / name
        if path.is_file():
            config.data = _load(path)
            config.files.append(path)
            break
    folder = site / "config" / "_default"
    if folder.is_dir():
        for path in sorted(folder.iterdir()):
            if path.suffix not in (".toml", ".yaml", ".yml", ".json") or not path.is_file():
                continue
            data = _load(path)
            config.files.append(path)
            if path.stem in ("hugo", "config"):
                _merge(config.data, data)
            else:
                _merge(config.data, {path.stem: data})
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
