"""A site in several languages: one MkDocs build per language, each a whole site of its own.

Hugo builds a site per language (``/`` or ``/en/``, ``/fr/``...), each from that language's
pages, with its own listings, taxonomies, feeds and sitemap. So does this: the default
language is the build MkDocs starts; once it is written (``on_post_build``, after every
plugin's), :meth:`Sites.build_others` runs MkDocs' ``build`` again for each other language.
Every plugin sees a new build (``on_config`` again: this plugin makes a new ``EssaysBuild``
for the language), with the configuration set for that language (:meth:`Sites.configure`):
``site_dir`` and ``site_url`` in the language's folder, ``site_name``, ``extra`` with the
language's params, the theme's language and direction, and the search plugin's language. So
search, the sitemap and the 404 page of each language are that language's.

Between the builds, :class:`Sites` keeps what links the languages: each page's translation key
(``translationKey``, else its path inside its language) and URL. A page links to its
translations (Material's language switcher, ``<link rel="alternate" hreflang>``): to those of
languages built before it at once; to those of languages built after it through a placeholder,
which :meth:`Sites.finish` replaces once every language is built.
"""

from __future__ import annotations

import contextlib
import copy
import os
import re
from collections.abc import MutableMapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from mkdocs.plugins import get_plugin_logger

from ..pages.urls import relative_url
from .model import Language, SiteLanguages

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.pages import Page

    from ..config import EssaysConfig
    from ..render import Renderer
    from ..site import Site

__all__ = ["Sites"]

log = get_plugin_logger(__name__)

_SWITCH = "/@essays-alternate@/{code}/"
"""What Material's switcher links to until the page's translation in that language is known."""
_HREFLANG = '<link rel="alternate" hreflang="{code}" href="{href}">'
_PENDING = "/@essays-hreflang@/{code}/"
# Material writes <link rel="alternate" href="..." hreflang="..."> for each entry of
# extra.alternate, the languages without a translation too: its own are replaced by ours.
_MATERIAL_HREFLANG = re.compile(r'<link rel="alternate" href="[^"<>]*" hreflang="[^"<>]*">\s*')
_SEARCH = ("search", "material/search")


@dataclass
class _Pending:
    """A written page that links to languages built after its own."""

    path: str
    url: str
    """Its URL from the site's root (``pt-br/posts/x/``)."""
    key: str
    code: str


class Sites:
    """The languages of one ``mkdocs build`` (or one rebuild of ``mkdocs serve``)."""

    def __init__(
        self, languages: SiteLanguages, config: MkDocsConfig, *, serve: bool, dirty: bool
    ) -> None:
        self.languages = languages
        self.serve = serve
        self.dirty = dirty
        self.current: Language = languages.default
        self.running = False
        """True while the other languages' builds run (their ``on_config`` must not start over)."""
        self.site_dir = config.site_dir
        self.site_url = config.site_url
        self.site_name = config.site_name
        self.nav = copy.deepcopy(config.nav)
        self.extra = copy.deepcopy(dict(config.extra))
        theme = config.theme
        self.theme = {k: theme[k] for k in ("language", "direction", "locale") if k in theme}
        self.search: dict[str, dict[str, Any]] = {}
        for name in _SEARCH:
            plugin = config.plugins.get(name)
            if plugin is not None:
                self.search[name] = {
                    key: copy.deepcopy(plugin.config.get(key))
                    for key in ("lang", "separator", "pipeline")
                    if key in plugin.config
                }
        self.switcher = "alternate" not in self.extra  # the writer's own switcher is kept
        self.urls: dict[str, dict[str, str]] = {lang.code: {} for lang in languages.languages}
        """language -> translation key -> the page's URL from the site's root."""
        self.pending: list[_Pending] = []
        self.built: list[str] = []

    @classmethod
    def of(
        cls, options: EssaysConfig, config: MkDocsConfig, *, serve: bool, dirty: bool
    ) -> Sites | None:
        """The site's languages when it has several (None: one MkDocs build, as always)."""
        if not options.enabled:
            return None
        languages = SiteLanguages.of(
            options.default_language,
            options.languages,
            in_subdir=options.default_language_in_subdir,
        )
        if not languages.multilingual:
            return None
        return cls(languages, config, serve=serve, dirty=dirty)

    # -- each language's build -----------------------------------------------------------------

    def configure(self, config: MkDocsConfig) -> None:
        """Set the configuration for the language about to be built (its ``on_config``)."""
        language = self.current
        prefix = self.languages.prefix(language.code)
        config.site_dir = os.path.join(self.site_dir, prefix) if prefix else self.site_dir
        config.site_url = (self.site_url or "") + prefix if self.site_url else self.site_url
        config.site_name = language.title or self.site_name
        config.nav = copy.deepcopy(language.nav or self.nav)
        config.extra.clear()
        config.extra.update(copy.deepcopy(self.extra))
        _lay_over(config.extra, language.params)
        if self.switcher:
            config.extra["alternate"] = [
                {"name": lang.label, "link": _SWITCH.format(code=lang.code), "lang": lang.code}
                for lang in self.languages.languages
            ]
        theme = config.theme
        for key, value in self.theme.items():
            theme[key] = value
        if theme.name == "material":
            theme["language"] = (
                language.theme_language
                or material_language(language.code)
                or (self.theme.get("language") if language is self.languages.default else "en")
            )
        if theme.name != "material" and "locale" in theme:
            from mkdocs import localization

            with contextlib.suppress(Exception):  # a locale MkDocs' theme has no words for
                theme["locale"] = localization.parse_locale(language.code.replace("-", "_"))
        theme["direction"] = language.direction
        for name, options in self.search.items():
            plugin = config.plugins.get(name)
            if plugin is not None:
                for key, value in options.items():
                    plugin.config[key] = copy.deepcopy(value)

    def build_others(self, config: MkDocsConfig, renderer: Renderer) -> None:
        """Build every other language, after the default one (its ``on_post_build``)."""
        from mkdocs.commands.build import build

        self.built.append(self.current.code)
        self.running = True
        try:
            for language in self.languages.languages[1:]:
                self.current = language
                prefix = self.languages.prefix(language.code)
                serve_url = (self.site_url or "") + prefix if self.serve else None
                build(config, serve_url=serve_url, dirty=self.dirty)
                self.built.append(language.code)
        finally:
            self.running = False
            self.current = self.languages.default
            self.restore(config)
        self.finish(renderer)

    def restore(self, config: MkDocsConfig) -> None:
        config.site_dir, config.site_url, config.site_name = (
            self.site_dir,
            self.site_url,
            self.site_name,
        )
        config.nav = copy.deepcopy(self.nav)
        config.extra.clear()
        config.extra.update(copy.deepcopy(self.extra))

    # -- a page --------------------------------------------------------------------------------

    def page_url(self, page: Page) -> str:
        """The page's URL from the site's root (``pt-br/posts/x/``)."""
        return self.languages.prefix(self.current.code) + page.url

    def record(self, page: Page, site: Site) -> None:
        """Note the page's translation key and URL (``on_page_context``, every page)."""
        key = translation_key(page.file.src_uri, site)
        self.urls[self.current.code].setdefault(key, self.page_url(page))

    def post_page(self, output: str, page: Page, site: Site) -> str:
        """Link the page to its translations: those known now, placeholders for the others."""
        code = self.current.code
        key = translation_key(page.file.src_uri, site)
        url = self.page_url(page)
        later = [c for c in self.languages.codes if c not in self.built and c != code]
        links = []
        for lang in self.languages.codes:
            if lang in later:
                links.append(_HREFLANG.format(code=lang, href=_PENDING.format(code=lang)))
                continue
            target = url if lang == code else self.urls[lang].get(key)
            if target is not None:
                href = relative_url(target, url) or "./"
                links.append(_HREFLANG.format(code=lang, href=href))
            output = output.replace(
                _SWITCH.format(code=lang), relative_url(target or self._home(lang), url) or "./"
            )
        output = _MATERIAL_HREFLANG.sub("", output)
        at = output.find("</head>")
        if at != -1:
            output = output[:at] + "".join(links) + output[at:]
        if later:
            self.pending.append(_Pending(page.file.abs_dest_path, url, key, code))
        return output

    def post_template(self, output: str) -> str:
        """A page written from a theme's template alone (``404.html``, served at any address):
        its switcher goes to each language's home, from the site's root."""
        root = site_root(self.site_url)
        for code in self.languages.codes:
            output = output.replace(_SWITCH.format(code=code), root + self._home(code))
        return _MATERIAL_HREFLANG.sub("", output)

    def _home(self, code: str) -> str:
        return self.languages.prefix(code)

    # -- once every language is built ----------------------------------------------------------

    def finish(self, renderer: Renderer) -> None:
        """Fill in the links to languages built after the page's, and write the root's files."""
        for pending in self.pending:
            try:
                with open(pending.path, encoding="utf-8") as handle:
                    text = handle.read()
            except OSError:
                continue
            for code in self.languages.codes:
                placeholder = _HREFLANG.format(code=code, href=_PENDING.format(code=code))
                if placeholder not in text and _SWITCH.format(code=code) not in text:
                    continue
                target = self.urls[code].get(pending.key)
                tag = ""
                if target is not None:
                    href = relative_url(target, pending.url) or "./"
                    tag = _HREFLANG.format(code=code, href=href)
                text = text.replace(placeholder, tag)
                home = relative_url(target or self._home(code), pending.url) or "./"
                text = text.replace(_SWITCH.format(code=code), home)
            with open(pending.path, "w", encoding="utf-8") as handle:
                handle.write(text)
        self.pending.clear()
        self._root(renderer)

    def _root(self, renderer: Renderer) -> None:
        """What Hugo writes outside the languages' folders: a redirect from the default
        language's folder to the root (``/en/`` -> ``/``), or from the root to that folder
        with ``default_language_in_subdir``."""
        default = self.languages.default.code
        prefix = self.languages.prefix(default)
        source, target = (f"{default}/", "") if not prefix else ("", prefix)
        path = os.path.join(self.site_dir, source, "index.html")
        if os.path.exists(path):
            return  # a page of the site is there: it wins
        os.makedirs(os.path.dirname(path), exist_ok=True)
        href = relative_url(target, source) or "./"
        canonical = (self.site_url or "") + target if self.site_url else href
        html = renderer.render(
            "redirect.html", title=self.site_name, target=href, canonical=canonical,
            language=default,
        )  # fmt: skip
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(html)


def translation_key(src_uri: str, site: Site) -> str:
    """Hugo's: the ``translationKey`` of the page's front matter, else its path inside its
    language (``posts/x.md`` for ``posts/x.pt-br.md``), which the build has renamed it to."""
    document = site.documents.get(src_uri)
    if document is not None:
        meta = document.front.meta()
        for name in ("translationKey", "translationkey"):
            key = meta.get(name)
            if isinstance(key, (str, int)) and str(key):
                return f"key:{key}"
    return src_uri


def material_language(code: str) -> str | None:
    """Material's name for a language code (``pt-br`` -> ``pt-BR``), if Material has it."""
    if not code:
        return None
    try:
        import material
    except ImportError:  # pragma: no cover - a dependency
        return None
    folder = os.path.join(os.path.dirname(material.__file__), "templates", "partials", "languages")
    available = {name[:-5].lower(): name[:-5] for name in os.listdir(folder)}
    code = code.replace("_", "-").lower()
    for candidate in (code, code.split("-")[0]):
        if candidate in available:
            return available[candidate]
    return None


def site_root(site_url: str | None) -> str:
    return urlsplit(site_url or "").path or "/"


def _lay_over(into: MutableMapping[str, Any], over: Any) -> None:
    """``over`` laid over ``into``, tables merged key by key (Hugo's per-language params)."""
    for key, value in dict(over or {}).items():
        if isinstance(value, dict) and isinstance(into.get(key), dict):
            _lay_over(into[key], value)
        else:
            into[key] = copy.deepcopy(value)
