"""The Hugo site's ``params`` worth keeping as an imported site's ``extra`` (for templates and
``{{< param >}}``), its social links as Material's ``extra.social`` and its analytics. Part of
``mkdocs-essays import``."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from ..hugo.site_config import HugoConfig

__all__ = ["analytics", "params_extra", "plain"]


def params_extra(config: HugoConfig, notes: list[str]) -> dict[str, Any]:
    """Params worth keeping (for templates and ``{{< param >}}``) and the social links."""
    params = config.table("params")
    params.update(config.language().params)  # the language's own win, as in Hugo
    extra: dict[str, Any] = {}
    found = analytics(config)
    if found:
        extra["analytics"] = found
    dropped: list[str] = []
    for key, value in params.items():
        lowered = str(key).lower()
        if lowered in ("description", "author", "dateformat", "date_format", "mainsections"):
            continue
        if lowered == "social" and isinstance(value, list | Mapping):
            social = _social(_social_entries(value), notes)
            if social:
                extra["social"] = social
            continue
        if plain(value):
            extra[str(key)] = value
        elif value in ([], {}, None, ""):
            continue
        else:
            dropped.append(str(key))
    if dropped:
        notes.append(
            f"params {', '.join(sorted(dropped))}: settings of the Hugo theme (tables); "
            "not carried over"
        )
    return extra


def analytics(config: HugoConfig) -> dict[str, str]:
    """``[services.googleAnalytics] id`` (or the older ``googleAnalytics``) as Material's
    ``extra.analytics``."""
    found = config.get("services", "googleAnalytics", "id") or config.get("googleAnalytics")
    if isinstance(found, str) and found.strip():
        return {"provider": "google", "property": found.strip()}
    return {}


def plain(value: Any) -> bool:
    """A scalar, or a non-empty list of scalars: a param templates and shortcodes can use."""
    if isinstance(value, str | int | float | bool):
        return True
    return isinstance(value, list) and bool(value) and all(plain(v) for v in value)


_FA_STYLES = {"fa-brands": "brands", "fab": "brands", "fa-solid": "solid", "fas": "solid"}
_FA_STYLES |= {"fa-regular": "regular", "far": "regular"}


_SOCIAL_URLS = {
    "twitter": "https://twitter.com/{}",
    "x": "https://x.com/{}",
    "github": "https://github.com/{}",
    "gitlab": "https://gitlab.com/{}",
    "linkedin": "https://www.linkedin.com/in/{}",
    "youtube": "https://www.youtube.com/{}",
    "instagram": "https://www.instagram.com/{}",
    "facebook": "https://www.facebook.com/{}",
}


def _social_entries(value: Any) -> list[Any]:
    """``[[params.social]]`` entries as they are; a table of service -> handle
    (``social: {twitter: Linkerd}``, Hugo's internal templates' form) as entries."""
    if not isinstance(value, Mapping):
        return list(value)
    entries = []
    for service, handle in value.items():
        name, text = str(service).lower(), str(handle or "").strip()
        if not text:
            continue
        link = text if "://" in text else _SOCIAL_URLS.get(name, "").format(text.lstrip("@"))
        if link:
            entries.append({"name": str(service), "url": link, "icon": f"fa-brands fa-{name}"})
    return entries


def _social(entries: Iterable[Any], notes: list[str]) -> list[dict[str, str]]:
    """Hugo themes' ``[[params.social]]`` (name, icon, url) as Material's ``extra.social``."""
    try:
        import material
    except ImportError:  # pragma: no cover - a dependency
        return []
    icons = Path(os.path.dirname(material.__file__)) / "templates" / ".icons"
    out: list[dict[str, str]] = []
    for entry in entries:
        if not isinstance(entry, Mapping):
            continue
        link = str(entry.get("url") or entry.get("link") or "")
        name = str(entry.get("name") or "")
        if not link:
            continue
        tokens = str(entry.get("icon") or "").split()
        style = next((_FA_STYLES[t] for t in tokens if t in _FA_STYLES), "solid")
        glyphs = [
            t[3:]
            for t in tokens
            if t.startswith("fa-")
            and t not in _FA_STYLES
            and not re.fullmatch(r"fa-(\dx|lg|sm|xs|fw|spin|pulse|border|inverse)", t)
        ]
        icon = f"fontawesome/{style}/{glyphs[0]}" if glyphs else ""
        if not icon or not (icons / f"{icon}.svg").is_file():
            if icon:
                notes.append(f"social icon {icon!r} for {name or link}: Material has no such icon")
            icon = "fontawesome/solid/link"
        item = {"icon": icon, "link": link}
        if name:
            item["name"] = name
        out.append(item)
    return out
