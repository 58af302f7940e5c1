"""Acceptance: the Hugo documentation (993 YAML pages, heavy custom shortcodes, aliases, ``url``
and ``slug``), imported with ``mkdocs-essays import`` and not edited, builds without a traceback,
and its page, term and alias URLs are compared with Hugo 0.168's own output of the same content
(stub layouts and shortcodes, the ``_content.gotmpl`` adapter left out of the copy). Every
remaining difference is listed below with its reason.

The site is built once per test session (module fixtures): on 2 busy cores the MkDocs build
takes about 45 s (the import turns on Material's navigation.prune; without it 110-180 s, most
of it Material drawing the 790-page nav into every page) and Hugo's about 3 s.
"""

from __future__ import annotations

import re
import shutil
import time
from pathlib import Path

import pytest
from conftest import Site, corpus, run_build
from hugo_compare import run_hugo, url_set, write_stub_layouts
from mkdocs_essays.cli import main

pytestmark = pytest.mark.slow

# A page Hugo replaces with another page's alias (in most runs), where the plugin keeps the page
# (and says so at info level, alias_conflicts: info): URL -> the alias.
REPLACED_BY_ALIAS = {
    "functions/time/": "functions/time/AsTime.md's alias /functions/time/ (the section page)",
}
# What Hugo writes that we do not, by URL prefix -> the reason.
ONLY_HUGO_PREFIXES: dict[str, str] = {}
# What we write that Hugo does not, by URL prefix -> the reason.
ONLY_OURS_PREFIXES = {
    "patterns/": "pattern cards, which Hugo does not have",
    "404.html": "MkDocs' not-found page (the stub layouts have no 404 layout)",
    "map/": "the knowledge map of essays and tags, which Hugo does not have",
}
# Every warning of the build, examined one by one: each is one of the site's own shortcodes,
# whose templates are in the docs' theme (no open source licence, not in the corpus), so
# nothing here can know what they print; one warning per name, with its number of uses. Hugo's
# embedded ones (qr included) render, and the site's ``include`` is the include of Hugo's
# .RenderShortcodes docs, which the plugin has (its 214 calls bring their snippets in).
WARNINGS = [r"the shortcode '[\w-]+' has no equivalent here"]
SITE_SHORTCODES = set(
    [
        "new-in",
        "deprecated-in",
        "code-toggle",
        "eturl",
        "get-page-desc",
        "current-go-version",
        "module-mounts-note",
        "glossary-term",
        "root-configuration-keys",
        "per-lang-config-keys",
        "datatable",
        "render-list-of-pages-in-section",
        "chroma-lexers",
        "render-table-of-pages-in-section",
        "img",
        "quick-reference",
        "syntax-highlighting-styles-light-with-counterpart",
        "syntax-highlighting-styles",
        "glossary",
        "hl",
        "newtemplatesystem",
    ]
)


@pytest.fixture(scope="module")
def ours(tmp_path_factory: pytest.TempPathFactory) -> tuple[Site, float]:
    source = corpus("hugodocs")
    root = tmp_path_factory.mktemp("hugodocs") / "site"
    assert main(["import", str(source), "--into", str(root)]) == 0
    started = time.perf_counter()
    site = run_build(root, warnings=WARNINGS)
    return site, time.perf_counter() - started


@pytest.fixture(scope="module")
def hugo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    source = corpus("hugodocs")
    root = tmp_path_factory.mktemp("hugodocs-hugo")
    shutil.copytree(source / "content", root / "content")
    for adapter in (root / "content").rglob("_content.gotmpl"):
        adapter.unlink()
    config = (source / "hugo.toml").read_text("utf-8")
    # the site redirects through Netlify (disableAliases = true); Hugo's alias pages are what
    # the plugin's redirects are compared with
    (root / "hugo.toml").write_text(
        re.sub(r"(?m)^disableAliases\s*=\s*true", "disableAliases = false", config), "utf-8"
    )
    write_stub_layouts(root, root / "content")
    result = run_hugo(root, root / "public")
    assert result.returncode == 0, result.stderr
    return root / "public"


def test_imports_and_builds_without_edits(ours) -> None:
    site, seconds = ours
    print(f"\nhugodocs: imported site built in {seconds:.1f} s, {len(site.warnings())} warnings")
    assert site.error is None
    assert site.exists("") and site.exists("functions/")
    assert not any("Traceback" in m for m in site.messages())


def test_every_warning_is_one_of_the_sites_own_shortcodes(ours) -> None:
    site, _ = ours
    named = [re.search(r"the shortcode '([\w-]+)'", w) for w in site.warnings()]
    assert all(named)
    names = [m.group(1) for m in named if m]
    assert len(names) == len(set(names))  # one warning per shortcode
    assert set(names) == SITE_SHORTCODES


def test_included_snippets_and_qr_codes_are_on_their_pages(ours) -> None:
    site, _ = ours
    # {{% include "/_common/gitignore-public.md" %}}; _common is never rendered itself
    text = " ".join(site.content("host-and-deploy/host-on-github-pages/").get_text().split())
    assert "Do not commit the contents of the" in text and "Hugo recreates this directory" in text
    assert not site.exists("_common/gitignore-public/")
    codes = site.content("shortcodes/qr/").select('img[src^="data:image/png;base64,"]')
    assert [img["width"] for img in codes] == ["132", "132", "130"]


def test_same_urls_as_hugo(ours, hugo: Path) -> None:
    site, _ = ours
    theirs = url_set(hugo)
    mine = url_set(site.site_dir, skip=tuple(ONLY_OURS_PREFIXES))
    for url in REPLACED_BY_ALIAS:  # the listed differences are real
        # Hugo writes the section page and the alias to the same file in parallel: which one
        # is left differs from run to run (seen in CI); the plugin always keeps the page
        assert url in theirs["aliases"] | theirs["pages"] and url in mine["pages"], url
        theirs["aliases"].discard(url)
        theirs["pages"].discard(url)
        mine["pages"].discard(url)
    only_hugo = sorted(theirs["pages"] - mine["pages"])
    only_ours = sorted(mine["pages"] - theirs["pages"])
    alias_hugo = sorted(theirs["aliases"] - mine["aliases"])
    alias_ours = sorted(mine["aliases"] - theirs["aliases"])
    print(f"\nhugodocs: pages Hugo {len(theirs['pages'])}, ours {len(mine['pages'])}")
    print(f"only Hugo ({len(only_hugo)}):", *only_hugo[:80], sep="\n  ")
    print(f"only ours ({len(only_ours)}):", *only_ours[:80], sep="\n  ")
    print(f"aliases: Hugo {len(theirs['aliases'])}, ours {len(mine['aliases'])}")
    print(f"aliases only Hugo ({len(alias_hugo)}):", *alias_hugo[:40], sep="\n  ")
    print(f"aliases only ours ({len(alias_ours)}):", *alias_ours[:40], sep="\n  ")
    assert len(theirs["pages"]) > 700 and len(theirs["aliases"]) > 200
    assert only_hugo == []
    assert only_ours == []
    assert alias_hugo == []
    assert alias_ours == []


def test_ci_fetches_the_pinned_corpora_beside_the_checkout() -> None:
    import yaml
    from conftest import REPO

    workflow = yaml.safe_load((REPO / ".github/workflows/ci.yml").read_text("utf-8"))
    script = workflow["env"]["FETCH_CORPORA"]
    assert 'dirname "$GITHUB_WORKSPACE")/shared/corpora' in script
    for pin in (
        "luizdepra/hugo-coder 58d956f41c056a12e15d5b6ee27c54fc98cd6e49",
        "gohugoio/hugoDocs 1c613349f4220ae84070df25979d720c43e5cfa6",
    ):
        assert pin in script
    for job in ("test", "lowest"):
        runs = [step.get("run", "") for step in workflow["jobs"][job]["steps"]]
        fetch = runs.index('bash -c "$FETCH_CORPORA"')
        tests = next(i for i, run in enumerate(runs) if ".ci/run" in run)
        assert fetch < tests, job
