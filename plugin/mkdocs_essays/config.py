"""The plugin's options, grouped by concern. Every option has a docstring, and a row on the
guide's options page (docs/guide/options.md; tests/unit/test_guide_options.py checks both)."""

from __future__ import annotations

import re
import zoneinfo
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c

from .hugo.shortcodes import TARGETS as SHORTCODE_TARGETS
from .model.site_path import PathError, inside_site
from .pages.permalinks import PermalinkError, Permalinks
from .related.settings import RelatedSettings

# A language code as Hugo's [languages] keys are written: en, pt-br, zh-hant, sr-latn-rs
_LANGUAGE_CODE = re.compile(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*")


class TimeZone(c.Type[str]):
    """An IANA zone name (``Europe/Lisbon``) or ``UTC``."""

    def __init__(self, default: str = "UTC") -> None:
        super().__init__(str, default=default)

    def run_validation(self, value: object) -> str:
        name = super().run_validation(value)
        try:
            zoneinfo.ZoneInfo(name)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            raise base.ValidationError(
                f"Expected an IANA time zone such as 'UTC' or 'Europe/Lisbon', but received "
                f"{name!r}."
            ) from None
        return name


class PagerSize(c.Type[int]):
    """A whole number of 1 or more (Hugo: "pagerSize must be positive")."""

    def __init__(self, default: int) -> None:
        super().__init__(int, default=default)

    def run_validation(self, value: object) -> int:
        size = super().run_validation(value)
        if isinstance(size, bool) or size < 1:
            raise base.ValidationError(
                f"Expected the number of essays per listing page (1 or more), but received "
                f"{size!r}."
            )
        return size


class SiteFolder(c.Type[str]):
    """A folder of the site (``posts``, ``blog/posts``): slashes at either end are dropped,
    a path that leaves the site is refused (:func:`~mkdocs_essays.model.site_path.inside_site`)."""

    def __init__(self, default: str) -> None:
        super().__init__(str, default=default)

    def run_validation(self, value: object) -> str:
        folder = super().run_validation(value).strip("/")
        try:
            return inside_site(folder, self._name)
        except PathError as error:
            raise base.ValidationError(str(error)) from None


class Taxonomies(c.DictOfItems[str]):
    """Hugo's ``[taxonomies]``: each plural is a folder of the site (refused if it leaves it)."""

    def __init__(self, default: dict[str, str]) -> None:
        super().__init__(c.Type(str), default=default)

    def run_validation(self, value: object) -> dict[str, str]:
        taxonomies = super().run_validation(value)
        for singular, plural in taxonomies.items():
            try:
                inside_site(plural, singular)
            except PathError as error:
                raise base.ValidationError(str(error)) from None
        return taxonomies


class PermalinkPatterns(c.OptionallyRequired[dict[str, Any]]):
    """Hugo's ``[permalinks]``: section -> pattern, or kind -> {section: pattern}."""

    def run_validation(self, value: object) -> dict[str, Any]:
        try:
            Permalinks.parse(value, option="permalinks")
        except PermalinkError as error:
            raise base.ValidationError(str(error)) from None
        assert isinstance(value, dict)
        return value


class UglyUrlsOption(c.OptionallyRequired[bool | dict[str, bool]]):
    """``true``/``false``, or a table of sections -> ``true``/``false`` (Hugo's ``uglyURLs``)."""

    def run_validation(self, value: object) -> bool | dict[str, bool]:
        if isinstance(value, bool):
            return value
        if isinstance(value, dict) and all(isinstance(v, bool) for v in value.values()):
            return {str(k): v for k, v in value.items()}
        raise base.ValidationError(
            f"Expected true, false or a table of sections such as {{posts: true}}, but received "
            f"{value!r}."
        )


class LanguageConfig(base.Config):
    """One language's settings (Hugo's ``[languages.<code>]``)."""

    name = c.Optional(c.Type(str))
    title = c.Optional(c.Type(str))
    content_dir = c.Optional(c.Type(str))
    weight = c.Type(int, default=0)
    direction = c.Optional(c.Choice(("ltr", "rtl")))
    params = c.Type(dict, default={})
    date_format = c.Optional(c.Type(str))
    labels = c.DictOfItems(c.Type(str), default={})
    theme_language = c.Optional(c.Type(str))
    nav = c.Optional(c.Type(list))


class LanguagesOption(c.BaseConfigOption[dict[str, dict[str, Any]] | None]):
    """A list of language codes, or a mapping of codes to their settings (None: unset)."""

    def __init__(self) -> None:
        super().__init__()
        self.default = None

    def run_validation(self, value: object) -> dict[str, dict[str, Any]] | None:
        if value is None:
            return None
        if isinstance(value, list):
            value = {code: {} for code in value}
        if not isinstance(value, dict):
            raise base.ValidationError(
                "Expected a list of language codes ([fr, pt-br]) or a mapping of codes to "
                f"their settings, but received {type(value).__name__}."
            )
        languages: dict[str, dict[str, Any]] = {}
        for code, settings in value.items():
            if not isinstance(code, str) or not _LANGUAGE_CODE.fullmatch(code.strip()):
                raise base.ValidationError(
                    f"{code!r} is not a language code: write it as Hugo does (en, fr, pt-br)."
                )
            known = {name for name, _ in LanguageConfig._schema}
            unknown = sorted(set(settings or {}) - known)
            if unknown:
                raise base.ValidationError(
                    f"language {code!r}: unknown setting {unknown[0]!r} (known: "
                    f"{', '.join(sorted(known))})."
                )
            folder = (settings or {}).get("content_dir")
            if isinstance(folder, str):  # a folder of docs_dir (``fr``), never out of it
                try:
                    inside_site(folder.strip("/"), f"language {code!r}: content_dir")
                except PathError as error:
                    raise base.ValidationError(str(error)) from None
            sub = c.SubConfig(LanguageConfig)
            sub.key_name = code  # type: ignore[attr-defined]  # (set in MkDocs' validation)
            try:
                languages[code.strip().lower()] = dict(sub.run_validation(settings or {}))
            except base.ValidationError as error:
                raise base.ValidationError(f"language {code!r}: {error}") from None
        return languages


class EssaysConfig(base.Config):
    enabled = c.Type(bool, default=True)
    """Turn the plugin off without removing it (for example ``enabled: !ENV [ESSAYS, true]``)."""

    # -- where essays are ------------------------------------------------------------------
    essays_dir = SiteFolder(default="posts")
    """Folder inside ``docs_dir`` whose Markdown files are essays (Hugo's ``content/posts``)."""

    # -- URLs ------------------------------------------------------------------------------
    permalinks = PermalinkPatterns(default={})
    """Hugo's ``[permalinks]``: where the pages of a section go, as a pattern of tokens
    (``posts: /:year/:month/:slug/``), or by kind (``page``, ``section``, ``term``,
    ``taxonomy``: ``{page: {posts: ...}, term: {tags: /topics/:slug/}}``). A section's
    pattern also places the terms of a taxonomy of that name, as in Hugo. A front matter
    ``url`` wins. ``mkdocs-essays import`` writes Hugo's."""
    ugly_urls = UglyUrlsOption(default=False)
    """Hugo's ``uglyURLs``: publish essays (and term pages) as ``x.html`` instead of
    ``x/index.html``; ``true`` for the whole site or a table of sections (``{posts: true}``,
    a taxonomy such as ``tags`` for its terms). Listings keep their ``index.html``."""
    disable_path_to_lower = c.Type(bool, default=False)
    """Hugo's ``disablePathToLower``: keep the case of file, folder, slug and term names in
    URLs (``My-Post.md`` at ``My-Post/``) instead of lower-casing them."""

    # -- Hugo's front matter and publication rules -----------------------------------------
    timezone = TimeZone(default="UTC")
    """Zone for dates written without one (``date = 2025-01-03``), like Hugo's ``timeZone``."""
    build_drafts = c.Type(bool, default=False)
    """Publish essays with ``draft = true`` in ``mkdocs build`` (Hugo's ``--buildDrafts``)."""
    build_future = c.Type(bool, default=False)
    """Publish essays whose ``publishDate`` (else ``date``) is in the future (``--buildFuture``)."""
    build_expired = c.Type(bool, default=False)
    """Publish essays past their ``expiryDate`` (``--buildExpired``)."""
    drafts_on_serve = c.Type(bool, default=True)
    """Under ``mkdocs serve``, list left-out essays too, with a Draft/Scheduled/Expired badge."""

    # -- listings ----------------------------------------------------------------------------
    summary_length = c.Type(int, default=70)
    """Words in an automatic summary (Hugo's ``summaryLength``)."""
    date_format = c.Type(str, default="%B %-d, %Y")
    """``strftime`` format for dates shown to readers; ``%-d`` is the day without padding."""
    index_title = c.Type(str, default="Essays")
    """Title of the generated essay index at ``<essays_dir>/``."""
    home_latest = c.Type(int, default=5)
    """How many latest essays the home page lists (0: none). Placed at ``<!-- essays:latest -->``
    if the home page has that comment, else after its text."""
    pager_size = PagerSize(default=10)
    """Essays per page of a listing (the essay index, term pages, the card catalog), as Hugo's
    ``[pagination] pagerSize``: page 1 at the listing's URL, then ``<listing>/page/2/``..."""

    # -- taxonomies --------------------------------------------------------------------------
    taxonomies = Taxonomies(default={"tag": "tags", "category": "categories"})
    """Hugo's ``[taxonomies]``: singular -> plural. Each plural gets ``<plural>/`` and
    ``<plural>/<term>/`` pages."""

    # -- pattern cards -----------------------------------------------------------------------
    card_level = c.Choice((1, 2, 3, 4, 5, 6), default=2)
    """Heading level whose sections become pattern cards (2: every ``##`` section)."""
    card_boilerplate = c.Type(int, default=3)
    """A section whose title (by its letters: case, digits and punctuation aside), or whose
    text word for word, recurs in this many essays or more is boilerplate ("Conclusion",
    "List of Contributors") and no pattern card; 0 turns the rule off. A heading's
    ``{ data-card }`` / ``{ data-card="false" }`` and an essay's ``cards`` front matter
    decide before it."""
    publish_stubs = c.Type(bool, default=False)
    """Publish cards for empty sections in ``mkdocs build`` too, with a Stub badge (under
    ``mkdocs serve`` they always show)."""

    # -- related essays ---------------------------------------------------------------------
    related_essays = c.Type(int, default=5)
    """How many related essays to list under each essay (``id="related-essays"``); 0: none.
    The map draws its "similar" edges from the same ranking either way."""
    related = c.SubConfig(RelatedSettings)
    """How essays are related: Hugo's ``[related]`` (``include_newer``, ``to_lower``,
    ``indices``) and the weight of the essays' own words (``text``). ``mkdocs-essays import``
    writes it from the site's configuration."""

    # -- the knowledge map ------------------------------------------------------------------
    local_map = c.Type(bool, default=True)
    """Draw a small map under each essay and each pattern card page: the page, its cards, its
    terms, the essays linking to it or from it, its related cards. The whole map is at
    ``map/`` either way."""

    # -- feeds -------------------------------------------------------------------------------
    feed_items = c.Type(int, default=20)
    """How many of the latest published essays each RSS feed holds (``feed.xml`` and
    ``<taxonomy>/<term>/feed.xml``); 0 writes no feeds. Feeds need ``site_url``."""

    alias_conflicts = c.Choice(("error", "warning", "info"), default="error")
    """An alias that lands on a page of the site or on another page's alias stops the build
    (``error``), or is reported at that level while the page (or the first alias, newest
    essay first) wins (``warning``, ``info``). Hugo silently keeps whichever it writes last,
    so ``mkdocs-essays import`` writes ``info``: an imported site builds, as it did in Hugo."""

    # -- incremental builds -------------------------------------------------------------------
    cache = c.Type(bool, default=True)
    """Keep a record of every page built (the digest of what it shows, its HTML, its search
    entries) so that `mkdocs serve` renders again only the pages a save changed; ``false``:
    every build renders every page."""

    # -- Hugo content ------------------------------------------------------------------------
    shortcodes = c.DictOfItems(c.Choice(SHORTCODE_TARGETS), default={})
    """Hugo shortcodes -> what they become, added to the built-in mapping (``notice:
    admonition``, ``tabgroup: tabs``, ``tab: tab``, ``mermaid: mermaid``, Hugo's own
    shortcodes...). A target is a renderer (``admonition``, ``tabs``, ``tab``, ``mermaid``,
    ``details``, ``highlight``, ``figure``, ``youtube``, ``vimeo``, ``x``, ``gist``,
    ``instagram``, ``param``, ``ref``, ``relref``) or a policy (``keep``, ``strip``,
    ``fail``)."""
    unknown_shortcodes = c.Choice(("keep", "strip", "fail"), default="keep")
    """What a shortcode with no mapping becomes: ``keep`` its inner text, ``strip`` it, or
    ``fail`` the build. ``keep`` and ``strip`` warn once per shortcode name."""
    ref_errors = c.Choice(("error", "warning"), default="error")
    """A ``ref``/``relref`` to a page or heading that does not exist stops the build
    (``error``) or is reported and links to the page itself (``warning``), like Hugo's
    ``refLinksErrorLevel``."""
    hugo_content = c.Type(bool, default=False)
    """Every page of ``docs_dir`` is Hugo content: URLs lower-cased as Hugo makes them
    (``API-Guide.md`` -> ``api-guide/``), and pages outside ``essays_dir`` scheduled for later,
    expired, headless or ``build: {render: never}`` left out. ``mkdocs-essays import`` writes
    ``true``. Drafts are left out everywhere, whatever this says."""
    default_language = c.Type(str, default="en")
    """Hugo's ``defaultContentLanguage``: the language of pages without a language in their
    name (``x.md``, and ``x.<default_language>.md``, which is the page ``x``)."""
    languages = LanguagesOption()
    """The site's languages (Hugo's ``[languages]``): a list of codes, or codes with their
    settings (``name``, ``title``, ``content_dir``, ``weight``, ``direction``, ``params``,
    ``nav``, ``date_format``, ``labels``, ``theme_language``; see the guide's Languages page). Each
    language other than the default is published at ``/<code>/``, from its translations:
    ``x.<code>.md`` or the pages in its ``content_dir``. ``[]``: a site in one language, where
    any other suffix is part of the page's name, as in Hugo (``note.de.md`` is ``note.de/``).
    Unset: a site in one language, where ``x.<code>.md`` is a translation, left out."""
    default_language_in_subdir = c.Type(bool, default=False)
    """Publish the default language at ``/<default_language>/`` too, the root redirecting
    there (Hugo's ``defaultContentLanguageInSubdir``); only for a site in several languages."""
