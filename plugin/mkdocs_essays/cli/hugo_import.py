"""``mkdocs-essays import PATH [--into DIR]``: a Hugo site becomes an MkDocs project.

Copies ``content/`` (and ``static/``, which Hugo serves from the site's root) into
``DIR/docs/``, writes ``DIR/mkdocs.yml`` from the Hugo configuration (title, ``baseURL``,
taxonomies, ``timeZone``, ``summaryLength``, date format, menu, params, and the Markdown
extensions the content needs), and prints what it could not carry over. It never overwrites a
file: what already exists is listed and left alone.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import sys
import zoneinfo
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..hugo.shortcodes import BUILTIN, ShortcodeSyntaxError, scan
from ..hugo.site_config import (
    CONFIG_NAMES,
    HugoConfig,
    HugoConfigError,
    go_date_layout,
    pager_size,
    read_site_config,
)
from ..languages.hugo_import import language_content, language_options
from ..model.site_path import PathError, inside_site
from ..pages.permalinks import PermalinkError, Permalinks
from ..related.settings import from_hugo as related_from_hugo
from .confine import Confinement
from .import_markdown import markdown_extensions
from .import_menus import menu_nav
from .import_params import params_extra

__all__ = ["Plan", "plan_import", "register", "run"]

_MARKDOWN = (".md", ".markdown", ".mdown", ".mkd", ".mkdn")
# Content formats Hugo renders with an external helper (or, for .org, a Go library)
_OTHER_FORMATS = (".adoc", ".asciidoc", ".ad", ".pandoc", ".pdc", ".rst", ".org")
_DEFAULT_TAXONOMIES = {"tag": "tags", "category": "categories"}
# Hugo settings that only its own templates use: named when present, never carried over.
_THEME_ONLY = {
    "theme": "the Hugo theme: the site uses Material for MkDocs (set 'theme:' to change it)",
    "services": "services (comments...): see Material's comment system guide",
    "disqusShortname": "disqusShortname: see Material's comment system guide",
    "outputs": "output formats: the plugin writes HTML pages and RSS feeds",
    "outputformats": "output formats: the plugin writes HTML pages and RSS feeds",
    "module": "Hugo modules: mount their content into docs/ yourself",
    "minify": "minify: see the mkdocs-minify-plugin",
    "imaging": "image processing: images are copied as they are",
    "sitemap": "sitemap settings: MkDocs writes sitemap.xml with defaults",
}
_THEME_ONLY = {key.lower(): value for key, value in _THEME_ONLY.items()}


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "import",
        help="bring a Hugo site (content/ and its configuration) into an MkDocs project",
        description=(
            "Copy a Hugo site's content/ (and static/) into DIR/docs/ and write DIR/mkdocs.yml "
            "from its configuration. Existing files are never overwritten."
        ),
    )
    parser.add_argument("path", metavar="PATH", help="the Hugo site (the folder with content/)")
    parser.add_argument(
        "--into", metavar="DIR", default=".", help="the MkDocs project to create (default: .)"
    )
    parser.add_argument(
        "--allow-outside",
        metavar="PATH",
        action="append",
        default=[],
        type=Path,
        help="a folder outside the Hugo site that the site's settings or links may import "
        "from (staticDir = '../shared'); repeat for more. Without it only the site's own "
        "folder is read",
    )
    parser.set_defaults(run=run)


@dataclass
class Plan:
    """What an import does: files to copy, the mkdocs.yml text, and what did not carry."""

    copies: list[tuple[Path, Path]] = field(default_factory=list)
    mkdocs_yml: str = ""
    notes: list[str] = field(default_factory=list)
    """Not carried over, or carried over differently: one line each."""
    shortcodes: dict[str, list[str]] = field(default_factory=dict)
    """Shortcode name -> where it is used (file:line)."""
    refused: list[str] = field(default_factory=list)
    """Folders and links outside the site, not read (one line each)."""
    language_folders: dict[str, str] = field(default_factory=dict)
    """Language -> its folder in ``docs`` (a ``contentDir`` of its own)."""


def run(args: argparse.Namespace) -> int:
    site = Path(args.path)
    into = Path(args.into)
    try:
        plan = plan_import(site, into, allow_outside=args.allow_outside)
    except (HugoConfigError, FileNotFoundError) as error:
        print(f"mkdocs-essays import: {error}", file=sys.stderr)
        return 2
    skipped: list[Path] = []
    copied = 0
    project = Confinement(into)
    for source, dest in plan.copies:
        if dest.exists() or dest.is_symlink():
            skipped.append(dest)
            continue
        if not project.inside(dest.parent):
            plan.refused.append(f"{dest}: its folder is a link out of {into}; not written")
            continue
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, dest)
        copied += 1
    config = into / "mkdocs.yml"
    wrote_config = not config.exists() and not config.is_symlink()
    if wrote_config:
        into.mkdir(parents=True, exist_ok=True)
        config.write_text(plan.mkdocs_yml, encoding="utf-8")
    print(f"Copied {copied} file{'s' if copied != 1 else ''} into {into / 'docs'}")
    if wrote_config:
        print(f"Wrote {config}")
    else:
        print(f"{config} exists and was left as it is; the configuration for this site would be:")
        print("\n" + plan.mkdocs_yml)
    if skipped:
        print(f"Left {len(skipped)} existing file{'s' if len(skipped) != 1 else ''} as they are:")
        for path in skipped:
            print(f"  {path}")
    if plan.refused:
        print(
            f"Refused {len(plan.refused)} thing{'s' if len(plan.refused) != 1 else ''} "
            "outside the site (nothing outside it is read):"
        )
        for line in plan.refused:
            print(f"  {line}")
    if plan.notes:
        print("Not carried over (or carried over differently):")
        for note in plan.notes:
            print(f"  - {note}")
    if wrote_config:
        print(f"Next: cd {into} && mkdocs serve")
    return 1 if skipped or plan.refused or not wrote_config else 0


def plan_import(site: Path, into: Path, *, allow_outside: Iterable[Path] = ()) -> Plan:
    """Everything the import will do, without touching the disk. Only the site's folder (and
    the ``allow_outside`` folders) is read: see :mod:`.confine`."""
    confine = Confinement(site, allow_outside)
    _check_config_files(site, confine)
    config = read_site_config(site)
    content = _content_folder(site, config, confine)
    plan = Plan()
    docs = into / "docs"
    pages = _plan_content(plan, content, docs, confine)
    default = str(config.get("defaultContentLanguage", default="en")).lower()
    copies, translated, folders = language_content(site, config, content, docs, default, confine)
    plan.copies += copies
    pages += translated
    plan.language_folders = folders
    static = config.get("staticDir", default="static")
    for folder in [static] if isinstance(static, str) else list(static or []):
        root = site / str(folder)
        if root.is_dir() and confine.folder(root, f"staticDir {str(folder)!r}"):
            for path in confine.files(root):
                plan.copies.append((path, docs / path.relative_to(root)))
    if not config.files:
        plan.notes.append(f"{site} has no hugo.toml or config.toml: Hugo's defaults are assumed")
    builder = _ConfigBuilder(config, content, pages, plan, confine)
    builder.check_folders()
    plan.mkdocs_yml = builder.text()
    plan.notes += _left_behind(site, confine)
    plan.refused = confine.refused
    return plan


def _content_folder(site: Path, config: HugoConfig, confine: Confinement) -> Path:
    """The site's content folder (``contentDir``, or a module mount onto content)."""
    mount = _content_mount(config)
    content = site / mount
    if not confine.folder(content, f"the content folder ({mount!r})"):
        raise HugoConfigError(
            f"{site}: nothing was imported: " + confine.refused[0] + " (contentDir or a "
            "module mount onto content)"
        )
    if not content.is_dir():
        raise FileNotFoundError(f"{site} has no {content.name}/ folder: is it a Hugo site?")
    return content


def _plan_content(plan: Plan, content: Path, docs: Path, confine: Confinement) -> list[Path]:
    """Every file of the content folder copied to ``docs``; its Markdown pages, and a note
    for the pages of formats MkDocs does not render."""
    pages: list[Path] = []
    other_formats: list[str] = []
    for path in confine.files(content):
        plan.copies.append((path, docs / path.relative_to(content)))
        if path.suffix.lower() in _MARKDOWN:
            pages.append(path)
        elif path.suffix.lower() in _OTHER_FORMATS:
            other_formats.append(f"docs/{path.relative_to(content).as_posix()}")
    if other_formats:
        shown = ", ".join(other_formats[:3]) + (
            f" and {len(other_formats) - 3} more" if len(other_formats) > 3 else ""
        )
        plan.notes.append(
            f"{shown}: content Hugo renders with an external tool (AsciiDoc, Pandoc, "
            "reStructuredText, Emacs Org); MkDocs renders Markdown only, so they are copied as "
            "files, not published as pages. Convert them to Markdown to keep them"
        )
    return pages


def _left_behind(site: Path, confine: Confinement) -> list[str]:
    """A note for each of the site's folders only Hugo's templates use."""
    notes = []
    for folder, what in (
        ("layouts", "layouts/: the theme's templates and your own shortcodes"),
        ("assets", "assets/: Hugo Pipes resources (SCSS, JS); add CSS with 'extra_css'"),
        ("data", "data/: data files are only used by Hugo templates"),
        ("i18n", "i18n/: translations of the theme's strings"),
    ):
        if (
            (site / folder).is_dir()
            and confine.inside(site / folder)
            and any((site / folder).iterdir())
        ):
            notes.append(what)
    return notes


def _check_config_files(site: Path, confine: Confinement) -> None:
    """The configuration files Hugo would read (the root file, ``config/_default/`` and
    ``config/production/`` with their subfolders), refused (nothing imported) when one is a
    link to a file outside the site: reading it could print what it holds."""
    candidates = [site / name for name in CONFIG_NAMES]
    folder = site / "config"
    before = len(confine.refused)
    if folder.is_dir() or folder.is_symlink():
        candidates.append(folder)
        for env in ("_default", "production"):
            path = folder / env
            if path.exists() or path.is_symlink():
                candidates.append(path)
                if confine.inside(folder) and confine.inside(path) and path.is_dir():
                    confine.files(path)  # a link inside that leads out is recorded
    outside = [
        str(path)
        for path in candidates
        if (path.exists() or path.is_symlink()) and not confine.inside(path)
    ]
    outside += [line.split(": ", 1)[0] for line in confine.refused[before:]]
    if outside:
        raise HugoConfigError(
            f"{site}: nothing was imported: its configuration links out of the site "
            f"({', '.join(outside)}); name the target with --allow-outside to import it"
        )


def _content_mount(config: HugoConfig) -> str:
    """The folder Hugo reads content from: a module mount onto ``content`` (Hugo's docs mount
    ``content/en``), else ``contentDir``."""
    mounts = config.get("module", "mounts")
    for mount in mounts if isinstance(mounts, list) else []:
        if isinstance(mount, Mapping) and str(mount.get("target", "")).strip("/") == "content":
            source = mount.get("source")
            if isinstance(source, str) and source.strip():
                return source.rstrip("/") or "/"  # "/etc" stays absolute (and is refused)
    # translation by content directory: the default language's ``contentDir`` (Hugo Book's
    # example site: ``[languages.en] contentDir = 'content.en'``); the others are translations
    folder = config.language().content_dir
    if folder and folder.strip():
        return folder.rstrip("/") or "/"
    return str(config.get("contentDir", default="content"))


class _ConfigBuilder:
    def __init__(
        self,
        config: HugoConfig,
        content: Path,
        pages: list[Path],
        plan: Plan,
        confine: Confinement | None = None,
    ) -> None:
        self.confine = confine
        self.config = config
        self.content = content
        self.pages = pages
        self.plan = plan
        self.notes = plan.notes
        self.default_language = config.default_language
        taxonomies = config.get("taxonomies")
        self.taxonomies: dict[str, str] = (
            {str(k): str(v) for k, v in taxonomies.items()}
            if isinstance(taxonomies, Mapping)
            else dict(_DEFAULT_TAXONOMIES)
        )

    def check_folders(self) -> None:
        """Refuse names that would become folders outside the site (``[taxonomies] tag =
        "../../x"``): raises :class:`HugoConfigError` naming each, before anything is written."""
        where = self.config.files[0].name if self.config.files else "the configuration"
        problems: list[str] = []
        for singular, plural in self.taxonomies.items():
            try:
                inside_site(plural, f"[taxonomies] {singular}")
            except PathError as error:
                problems.append(str(error))
        try:
            inside_site(self.essays_dir().strip("/"), "mainSections")
        except PathError as error:
            problems.append(str(error))
        if problems:
            raise HugoConfigError(
                f"{where}: nothing was imported:\n" + "\n".join(f"  {p}" for p in problems)
            )

    # -- the file -------------------------------------------------------------------------------

    def text(self) -> str:
        head: dict[str, Any] = {"site_name": self.site_name()}
        base = str(self.config.get("baseURL", default="") or "")
        if base.startswith(("http://", "https://")):
            head["site_url"] = base if base.endswith("/") else base + "/"
        description = self.config.get("params", "description")
        if isinstance(description, str) and description:
            head["site_description"] = description
        if (self.content / "templates").is_dir():
            # MkDocs leaves a top-level templates/ folder out by default; Hugo publishes it
            head["exclude_docs"] = "!/templates/"
        author = self.config.get("params", "author") or self.config.get("author")
        if isinstance(author, Mapping):
            author = author.get("name")
        if isinstance(author, str) and author:
            head["site_author"] = author
        copyright = self.config.get("copyright")
        if isinstance(copyright, str) and copyright:
            head["copyright"] = copyright
        head["theme"] = self.theme()
        head["plugins"] = ["search", {"essays": self.plugin_options()}]
        parts = [_dump(head), markdown_extensions(self.config, self.pages, self.notes)]
        tail: dict[str, Any] = {}
        nav = self.nav()
        if nav:
            tail["nav"] = nav
        extra = params_extra(self.config, self.notes)
        if extra:
            tail["extra"] = extra
        if tail:
            parts.append(_dump(tail))
        self.theme_only()
        return "\n".join(parts)

    def site_name(self) -> str:
        """The default language's ``title`` (which Hugo prefers), else the site's."""
        title = self.config.language().title or self.config.get("title")
        if not title:
            self.notes.append("no title in the configuration: the site is called 'My site'")
        return str(title or "My site")

    def theme(self) -> dict[str, Any]:
        theme: dict[str, Any] = {"name": "material"}
        code = str(
            self.config.get("locale")
            or self.config.get("languageCode")
            or self.config.get("defaultContentLanguage")
            or ""
        )
        if len(self.pages) > 200:
            # Material draws the whole nav into every page unless pruned: with a thousand
            # pages that is most of the build (hugodocs: 134 of 219 s)
            theme["features"] = ["navigation.prune"]
        language = _material_language(code)
        if language:
            theme["language"] = language
        elif code:
            self.notes.append(f"language {code!r}: Material has no such language; English is used")
        scheme = str(self.config.get("params", "colorScheme", default="")).lower()
        if scheme in ("auto", "dark"):
            light: dict[str, Any] = {"media": "(prefers-color-scheme: light)", "scheme": "default"}
            dark: dict[str, Any] = {"media": "(prefers-color-scheme: dark)", "scheme": "slate"}
            light["toggle"] = {"icon": "material/weather-night", "name": "Switch to dark mode"}
            dark["toggle"] = {"icon": "material/weather-sunny", "name": "Switch to light mode"}
            theme["palette"] = [dark, light] if scheme == "dark" else [light, dark]
        return theme

    def plugin_options(self) -> dict[str, Any]:
        """The essays plugin's options for the site: what it publishes, its dates and
        listings, Hugo's build switches, its URLs and languages, its shortcodes and related
        content (in the order ``mkdocs.yml`` shows them)."""
        options: dict[str, Any] = {}
        options.update(self._publishing())
        options.update(self._dates_and_listings())
        options.update(self._switches())
        options.update(self.urls())
        if self.default_language != "en":
            options["default_language"] = self.default_language
        options.update(
            language_options(
                self.config,
                self.default_language,
                self.plan.language_folders,
                self._menu_nav,
                self.notes,
            )
        )
        shortcodes = self.shortcodes()
        if shortcodes:
            options["shortcodes"] = shortcodes
        related = self.config.get("related")
        if isinstance(related, Mapping) and related:  # Hugo's [related]: related essays
            options["related"], notes = related_from_hugo(related)
            self.notes.extend(notes)
        return options

    def _publishing(self) -> dict[str, Any]:
        """The essays' folder, the taxonomies and the feeds (``disableKinds`` turns them off)."""
        options: dict[str, Any] = {}
        essays_dir = self.essays_dir()
        if essays_dir != "posts":
            options["essays_dir"] = essays_dir
        disabled = self.disabled_kinds()
        if {"taxonomy", "term"} <= disabled:
            options["taxonomies"] = {}  # Hugo writes no taxonomy or term page
        elif {k.lower(): v for k, v in self.taxonomies.items()} != _DEFAULT_TAXONOMIES:
            options["taxonomies"] = self.taxonomies
        items = self.feed_items()
        if "rss" in disabled:
            options["feed_items"] = 0
        elif items is not None:
            options["feed_items"] = items
        return options

    def _dates_and_listings(self) -> dict[str, Any]:
        """``timeZone``, ``summaryLength``, the pager's size, the theme's date format."""
        config = self.config
        options: dict[str, Any] = {}
        zone = config.get("timeZone")
        if isinstance(zone, str) and zone:
            try:
                zoneinfo.ZoneInfo(zone)
                options["timezone"] = zone
            except (zoneinfo.ZoneInfoNotFoundError, ValueError):
                self.notes.append(f"timeZone {zone!r} is not an IANA zone; dates use UTC")
        summary = config.get("summaryLength")
        if isinstance(summary, int) and not isinstance(summary, bool):
            options["summary_length"] = summary
        size = pager_size(config)
        if isinstance(size, int):
            options["pager_size"] = size
        elif size is not None:
            self.notes.append(f"{size} is not a number of 1 or more; listings show 10 a page")
        params = {**config.table("params"), **config.language().params}
        layout = next(
            (v for k, v in params.items() if str(k).lower() in ("dateformat", "date_format")), None
        )
        if isinstance(layout, str) and layout:
            options["date_format"] = go_date_layout(layout)
        return options

    def _switches(self) -> dict[str, Any]:
        """Hugo's build switches (drafts, future, expired; ``refLinksErrorLevel``), and Hugo's
        rules for the imported content."""
        options: dict[str, Any] = {}
        for hugo, ours in (
            ("buildDrafts", "build_drafts"),
            ("buildFuture", "build_future"),
            ("buildExpired", "build_expired"),
        ):
            if self.config.get(hugo) is True:
                options[ours] = True
        if str(self.config.get("refLinksErrorLevel", default="")).lower() == "warning":
            options["ref_errors"] = "warning"
        # Hugo lets an alias silently replace a page or another alias; keep building the same
        # content, naming each conflict at info level (the page wins).
        options["alias_conflicts"] = "info"
        options["hugo_content"] = True  # Hugo's rules (lower-case URLs...) for every page
        return options

    def disabled_kinds(self) -> set[str]:
        """Hugo's ``disableKinds``: what has an equivalent is carried over by the caller
        (taxonomy and term pages, feeds), the rest is named."""
        value = self.config.get("disableKinds")
        kinds = {str(k).lower() for k in value} if isinstance(value, list) else set()
        carried = {"rss"} | ({"taxonomy", "term"} if {"taxonomy", "term"} <= kinds else set())
        for kind in sorted(kinds - carried):
            what = {
                "taxonomy": "the taxonomies' index pages (term pages are kept)",
                "term": "term pages (a taxonomy's index links to them)",
                "sitemap": "sitemap.xml (MkDocs always writes one)",
                "robotstxt": "robots.txt (add one to docs/ if you want it)",
                "404": "the 404 page (MkDocs always writes one)",
            }.get(kind, f"pages of kind {kind!r}")
            self.notes.append(f"disableKinds {kind!r}: {what} cannot be left out; published")
        return kinds

    def urls(self) -> dict[str, Any]:
        """``permalinks``, ``uglyURLs`` and ``disablePathToLower``, as the plugin reads them."""
        config = self.config
        options: dict[str, Any] = {}
        own = config.get("languages", self.default_language, "permalinks")  # the language's win
        permalinks = permalinks_of(own or config.get("permalinks"), self.notes)
        if permalinks:
            options["permalinks"] = permalinks
        ugly = config.get("uglyURLs")
        if isinstance(ugly, Mapping):
            ugly = {str(k): bool(v) for k, v in ugly.items() if isinstance(v, bool)}
        if ugly:
            options["ugly_urls"] = ugly
        if config.get("disablePathToLower") is True:
            options["disable_path_to_lower"] = True
        return options

    def essays_dir(self) -> str:
        """Hugo's ``mainSections``, else the section with the most pages."""
        main = self.config.get("params", "mainSections") or self.config.get("mainSections")
        if isinstance(main, list) and main:
            if len(main) > 1:
                self.notes.append(
                    f"mainSections {main}: only {main[0]!r} is the essays folder "
                    "(the others are published as plain pages)"
                )
            return str(main[0])
        if isinstance(main, str) and main:
            return main
        plurals = set(self.taxonomies.values())
        counts: Counter[str] = Counter()
        for page in self._own():
            parts = page.relative_to(self.content).parts
            if len(parts) > 1 and parts[0] not in plurals and not page.stem.startswith("_index"):
                counts[parts[0]] += 1
        return counts.most_common(1)[0][0] if counts else "posts"

    def shortcodes(self) -> dict[str, str]:
        """Scan the content: map inline shortcodes, report the ones with no equivalent."""
        uses: dict[str, list[str]] = defaultdict(list)
        for page in self.pages:
            text = page.read_text(encoding="utf-8-sig", errors="replace")
            where = self._where(page)
            try:
                calls = scan(text)
            except ShortcodeSyntaxError as error:
                self.notes.append(f"docs/{where}:{error.line}: {error}")
                continue
            for call in calls:
                uses[call.name].append(f"docs/{where}:{call.line}")
        self.plan.shortcodes = dict(uses)
        mapping: dict[str, str] = {}
        enabled = self.config.get("enableInlineShortcodes") is True
        for name, places in sorted(uses.items()):
            if name in BUILTIN or name.lower() in BUILTIN:
                continue
            first = places[0] + (f" and {len(places) - 1} more" if len(places) > 1 else "")
            if name.endswith(".inline"):
                mapping[name] = "strip"
                if enabled:
                    self.notes.append(
                        f"shortcode {name!r} ({first}): an inline shortcode, a Go template "
                        "that cannot run here; left out (shortcodes: strip). Replace it with "
                        "Markdown or HTML"
                    )
                else:
                    self.notes.append(
                        f"shortcode {name!r} ({first}): an inline shortcode, which Hugo prints "
                        "nothing for (enableInlineShortcodes is off); left out the same way "
                        "(shortcodes: strip)"
                    )
                continue
            self.notes.append(
                f"shortcode {name!r} ({first}): no equivalent; the build keeps its inner text "
                "and warns. Map it under 'shortcodes:' in mkdocs.yml (admonition, details, "
                "tabs, keep, strip...)"
            )
        return mapping

    def _own(self) -> Iterable[Path]:
        """The pages of the default language's content folder."""
        return (p for p in self.pages if p.is_relative_to(self.content))

    def _where(self, page: Path) -> str:
        """A page's path in ``docs`` (``pt/about.md`` for a language's own contentDir)."""
        if page.is_relative_to(self.content):
            return page.relative_to(self.content).as_posix()
        for code, folder in self.plan.language_folders.items():
            root = self.config.get("languages", code, "contentDir")
            site = self.config.site
            if isinstance(root, str) and site is not None:
                base = site / root.strip("/")
                if page.is_relative_to(base):
                    return f"{folder}/{page.relative_to(base).as_posix()}"
        return page.name

    def nav(self) -> list[Any]:
        """The main menu, as the site's navigation: by ``weight`` (a weight Hugo would refuse
        is named and counts as 0), entries with a ``parent`` nested under it (the parent's own
        page first), as Material shows sections."""
        language = self.default_language
        menu = (
            self.config.get("languages", language, "menus", "main")
            or self.config.get("languages", language, "menu", "main")
            or self.config.get("menu", "main")
            or self.config.get("menus", "main")
        )
        return self._menu_nav(menu)

    def _menu_nav(self, menu: Any) -> list[Any]:
        return menu_nav(menu, self.notes, self._menu_page)

    def _menu_page(self, target: str) -> str | None:
        if target.startswith(("http://", "https://", "mailto:")):
            return target
        path = target.strip().strip("/")
        path = re.sub(r"\.(md|markdown|html)$", "", path)
        existing = {p.relative_to(self.content).as_posix() for p in self._own()}
        candidates = [f"{path}/_index.md", f"{path}.md", f"{path}/index.md"] if path else []
        for candidate in candidates or ["_index.md", "index.md"]:
            if candidate in existing:
                return candidate
        plurals = set(self.taxonomies.values())
        if not path or path == self.essays_dir() or path in plurals:
            return f"{path}/index.md" if path else "index.md"  # a page the plugin generates
        return None

    def feed_items(self) -> int | None:
        """``[services.rss] limit`` (or the older ``rssLimit``): items per feed; -1 is all."""
        limit = self.config.get("services", "rss", "limit")
        if limit is None:
            limit = self.config.get("rssLimit")
        if isinstance(limit, bool) or not isinstance(limit, int) or limit == 0:
            return None
        if limit < 0:
            self.notes.append("services.rss.limit = -1 (every page): feeds hold the latest 1,000")
            return 1000
        return limit

    def theme_only(self) -> None:
        for key, value in self.config.data.items():
            note = _THEME_ONLY.get(str(key).lower())
            if str(key).lower() == "services" and isinstance(value, Mapping):
                carried = ("rss", "googleanalytics")  # feed_items, extra.analytics
                value = {k: v for k, v in value.items() if str(k).lower() not in carried}
            if note and not _empty(value) and note not in self.notes:
                self.notes.append(note)


def permalinks_of(value: Any, notes: list[str]) -> dict[str, Any]:
    """Hugo's ``[permalinks]`` as the ``permalinks`` option: the map forms as they are; the
    list form (Hugo 0.161+) where each entry targets a kind and a section
    (``{pattern, target: {kind, path: "{/posts,/posts/**}"}}``). What the plugin cannot
    read is named in ``notes`` and left out."""
    if value is None or value == {} or value == []:
        return {}
    if isinstance(value, list):
        value = _permalinks_from_list(value, notes)
    if not isinstance(value, Mapping):
        notes.append(f"permalinks {value!r}: not a table of patterns; not carried over")
        return {}
    kept: dict[str, Any] = {}
    for key, setting in value.items():
        try:
            Permalinks.parse({key: setting}, option="permalinks")
        except PermalinkError as error:
            notes.append(f"{error}; not carried over (Hugo's default URLs are used instead)")
            continue
        kept[str(key)] = dict(setting) if isinstance(setting, Mapping) else setting
    return kept


def _permalinks_from_list(entries: list[Any], notes: list[str]) -> dict[str, Any]:
    by_kind: dict[str, dict[str, str]] = {}
    for entry in entries:
        pattern = entry.get("pattern") if isinstance(entry, Mapping) else None
        target = entry.get("target") if isinstance(entry, Mapping) else None
        target = target if isinstance(target, Mapping) else {}
        kind = str(target.get("kind") or "page").lower()
        section = _glob_section(str(target.get("path") or "/**"))
        extra = set(map(str, target)) - {"kind", "path"}
        if not isinstance(pattern, str) or section is None or extra:
            notes.append(
                f"permalinks entry {dict(entry) if isinstance(entry, Mapping) else entry!r}: "
                "only a pattern for one kind of page in one section (target.path such as "
                "'{/posts,/posts/**}') has an equivalent; not carried over"
            )
            continue
        by_kind.setdefault(kind, {}).setdefault(section, pattern)  # the first match wins
    return by_kind


def _glob_section(path: str) -> str | None:
    """The section a page matcher's path glob names: ``{/posts,/posts/**}``, ``/posts/**``,
    ``{/posts/**}`` (``/**`` or ``/*``: the top); None for any other glob."""
    text = path.strip()
    if text.startswith("{") and text.endswith("}"):
        options = [o.strip() for o in text[1:-1].split(",")]
    else:
        options = [text]
    sections = set()
    for option in options:
        stem = option[: -len("/**")] if option.endswith("/**") else option
        if stem in ("", "/*"):
            stem = "/"
        if any(c in stem for c in "*?[]{}!"):
            return None
        sections.add(stem.strip("/"))
    return sections.pop() if len(sections) == 1 else None


def _empty(value: Any) -> bool:
    """Nothing set: an empty value, or tables holding only empty values (at any depth)."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, Mapping):
            stack.extend(item.values())
        elif item not in ([], None, ""):
            return False
    return True


def _dump(data: Mapping[str, Any]) -> str:
    return yaml.safe_dump(dict(data), sort_keys=False, allow_unicode=True, width=100)


def _material_language(code: str) -> str | None:
    """Material's name for a language code (``pt-br`` -> ``pt-BR``), if Material has it."""
    if not code:
        return None
    try:
        import material
    except ImportError:  # pragma: no cover - a dependency
        return None
    folder = Path(os.path.dirname(material.__file__)) / "templates" / "partials" / "languages"
    available = {p.stem.lower(): p.stem for p in folder.glob("*.html")}
    code = code.replace("_", "-").lower()
    for candidate in (code, code.split("-")[0]):
        if candidate in available:
            return available[candidate]
    return None
