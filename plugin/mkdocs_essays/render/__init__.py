"""Jinja templates shipped with the package, overridable from a theme's ``custom_dir``.

Templates live under ``essays/`` (``essays/essay_header.html``, ``essays/essay_list.html``, ...).
The loader looks in the theme's folders first (``custom_dir``, then the theme), then in the
package, so a user overrides one template by putting a file of the same name in
``<custom_dir>/essays/``. Autoescape is on: every string a writer typed is escaped.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import datetime
from typing import Any

import jinja2

__all__ = ["Renderer", "View", "format_date", "stylesheet"]


class View(dict[str, Any]):
    """What a template knows of a thing: a dict whose keys read as attributes too.

    Jinja's ``{{ card.title }}`` tries ``getattr`` before the key; on a plain dict that lookup
    fails first, on every use. Keys must not be names of dict methods (``items``, ``keys``...).
    """

    __slots__ = ()

    def __getattr__(self, name: str) -> Any:
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None


def format_date(value: datetime | None, fmt: str, language: str = "en") -> str:
    """``strftime`` with ``%-d`` (day without padding) supported on every platform, and month
    and day names in ``language`` (:func:`..languages.labels.dated`)."""
    if value is None:
        return ""
    from ..languages.labels import dated

    fmt = dated(fmt, value, language)
    return value.strftime(fmt.replace("%-d", str(value.day)).replace("%-m", str(value.month)))


class Renderer:
    """Renders the plugin's HTML fragments."""

    def __init__(
        self,
        theme_dirs: Iterable[str] = (),
        *,
        date_format: str = "%B %-d, %Y",
        language: str = "en",
        labels: Mapping[str, str] | None = None,
    ):
        self.env = jinja2.Environment(
            loader=jinja2.ChoiceLoader(
                [
                    jinja2.FileSystemLoader(list(theme_dirs)),
                    jinja2.PackageLoader("mkdocs_essays", "render/templates"),
                ]
            ),
            autoescape=True,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=False,
            undefined=jinja2.StrictUndefined,
            # A new environment each build: templates never change under it, so no file checks.
            auto_reload=False,
        )
        self._templates: dict[str, jinja2.Template] = {}
        self.date_format = date_format
        self.language = language
        words = dict(labels or {})
        self.env.globals["t"] = lambda text: words.get(text, text)  # the interface's words
        self.env.filters["date"] = self._date
        self.env.filters["isodate"] = lambda d: d.isoformat() if d else ""

    def _date(self, value: datetime | None) -> str:
        return format_date(value, self.date_format, self.language)

    def render(self, template: str, /, **context: Any) -> str:
        """Render ``essays/<template>``; any context name is allowed (``name=`` included)."""
        compiled = self._templates.get(template)
        if compiled is None:
            compiled = self._templates[template] = self.env.get_template(f"essays/{template}")
        return compiled.render(**context)

    def add_global(self, name: str, value: Callable[..., Any] | object) -> None:
        self.env.globals[name] = value


def stylesheet() -> str:
    """Every stylesheet under ``assets/`` (one per feature), in name order, as one file."""
    from importlib.resources import files as package_files

    folder = package_files("mkdocs_essays") / "assets"
    sheets = sorted((p for p in folder.iterdir() if p.name.endswith(".css")), key=lambda p: p.name)
    return "\n".join(p.read_text("utf-8") for p in sheets)
