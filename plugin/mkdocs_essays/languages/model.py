"""A multilingual site as Hugo 0.168 lays it out, from paths and settings alone (no MkDocs).

Each language is a site of its own, built from the pages in that language: the default
language's at the root (or at ``/<code>/`` with ``default_language_in_subdir``), every other
one at ``/<code>/``. A page is in a language by its file name (``about.pt-br.md``, Hugo's
translation by file name) or by the folder it is in (``content_dir``, Hugo's ``contentDir``);
a page with neither is in the default language. Inside its language a page has its neutral
path (``about.md``): two pages with the same neutral path, or the same ``translationKey``, are
translations of each other.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..hugo.layout import language_of, without_language

__all__ = ["Language", "SiteLanguages", "display_name", "text_direction"]


def _locale(code: str) -> Any:
    """Babel's locale for a Hugo language code (``pt-br``), or None when Babel has none."""
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(code.replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        try:
            return Locale.parse(code.split("-")[0])
        except (UnknownLocaleError, ValueError, TypeError):
            return None


def display_name(code: str) -> str:
    """A language's name in that language (``pt-br`` -> ``Português (Brasil)``), else the code."""
    locale = _locale(code)
    name = locale.get_display_name() if locale is not None else None
    return name[:1].upper() + name[1:] if name else code


def text_direction(code: str) -> str:
    """``rtl`` for Arabic, Hebrew, Persian, Urdu...; ``ltr`` else (and for unknown codes)."""
    locale = _locale(code)
    return "rtl" if locale is not None and locale.text_direction == "rtl" else "ltr"


@dataclass(frozen=True)
class Language:
    """One language of the site (Hugo's ``[languages.<code>]``)."""

    code: str
    """Lower case, as Hugo keeps it (``pt-br``): the folder of its pages in the site."""
    name: str = ""
    """What the language switcher shows (Hugo's ``languageName``); its own name if empty."""
    title: str | None = None
    """The site's name in this language (``site_name``)."""
    content_dir: str | None = None
    """The folder of ``docs_dir`` holding this language's pages (Hugo's ``contentDir``)."""
    direction: str = "ltr"
    weight: int = 0
    params: Mapping[str, Any] = field(default_factory=dict)
    """Laid over ``extra`` in this language (Hugo's ``[languages.<code>.params]``)."""
    date_format: str | None = None
    labels: Mapping[str, str] = field(default_factory=dict)
    """The plugin's interface words in this language, over the built-in ones."""
    theme_language: str | None = None
    """Material's ``theme.language`` (``pt-BR``) in this language; from the code if unset."""
    nav: list[Any] | None = None
    """The navigation in this language (Hugo's per-language menu); the site's if unset."""

    @property
    def label(self) -> str:
        return self.name or display_name(self.code)


@dataclass(frozen=True)
class SiteLanguages:
    """The site's languages: the default one first, then the others by weight and code."""

    languages: tuple[Language, ...]
    in_subdir: bool = False
    """Hugo's ``defaultContentLanguageInSubdir``: the default language at ``/<code>/`` too."""
    known: bool = True
    """False when ``languages`` is unset: the site is in one language, and a page named
    ``x.<code>.md`` for any language code is a translation, left out."""

    @classmethod
    def of(
        cls,
        default: str,
        settings: Mapping[str, Mapping[str, Any]] | None,
        *,
        in_subdir: bool = False,
    ) -> SiteLanguages:
        """From the plugin's options: ``default_language`` and ``languages`` (None: unset)."""
        default = default.strip().lower()
        raw: dict[str, dict[str, Any]] = {default: {}}
        for code, options in (settings or {}).items():
            key = str(code).strip().lower()
            raw[key] = {**raw.get(key, {}), **(options or {})}
        found = {code: _language(code, options) for code, options in raw.items()}
        first = found.pop(default)
        others = sorted(found.values(), key=lambda lang: (lang.weight or 1 << 30, lang.code))
        return cls((first, *others), in_subdir=in_subdir, known=settings is not None)

    @property
    def default(self) -> Language:
        return self.languages[0]

    @property
    def multilingual(self) -> bool:
        return len(self.languages) > 1

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(language.code for language in self.languages)

    def get(self, code: str) -> Language:
        return next(lang for lang in self.languages if lang.code == code)

    def prefix(self, code: str) -> str:
        """The language's folder in the site: ``""`` or ``pt-br/``."""
        if code == self.default.code and not (self.in_subdir and self.multilingual):
            return ""
        return f"{code}/"

    def place(self, src_uri: str, *, page: bool = True) -> tuple[str, str]:
        """(language, path inside the language) of a file of ``docs_dir``.

        ``pt/posts/x.md`` with ``content_dir: pt`` -> ``("pt", "posts/x.md")``;
        ``posts/x.pt-br.md`` -> ``("pt-br", "posts/x.md")``; ``posts/x.md`` -> the default
        language. ``x.de.md`` where ``de`` is no language of the site is the page ``x.de``
        (Hugo), unless ``languages`` is unset: then it is in ``de`` (a language the site does
        not publish: the caller compares codes). A file other than a page is in a language
        by its folder alone (``image.fr.png`` is a file of every language).
        """
        language, path = self.default.code, src_uri
        for lang in sorted(self._with_dirs(), key=lambda lang: -len(lang.content_dir or "")):
            folder = _folder(lang.content_dir)
            if src_uri.startswith(folder + "/"):
                language, path = lang.code, src_uri[len(folder) + 1 :]
                break
        suffix = language_of(path) if page else None
        if suffix is not None and (suffix in self.codes or not self.known):
            return suffix, without_language(path)
        return language, path

    def _with_dirs(self) -> Iterable[Language]:
        return (lang for lang in self.languages if _folder(lang.content_dir))


def _folder(path: str | None) -> str:
    return posixpath.normpath(path).strip("/") if path and path.strip("/.") else ""


def _language(code: str, options: Mapping[str, Any]) -> Language:
    direction = options.get("direction") or text_direction(code)
    return Language(
        code=code,
        name=str(options.get("name") or ""),
        title=options.get("title"),
        content_dir=_folder(options.get("content_dir")) or None,
        direction=str(direction),
        weight=int(options.get("weight") or 0),
        params=dict(options.get("params") or {}),
        date_format=options.get("date_format"),
        labels=dict(options.get("labels") or {}),
        theme_language=options.get("theme_language"),
        nav=options.get("nav"),
    )
