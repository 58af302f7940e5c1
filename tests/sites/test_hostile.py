"""Hostile essays (``tests/hostile/``): each one built as its own site, checked against the
outcome written next to it in ``tests/hostile/cases.toml``; then all the ones that build,
together, parsed file by file for any element or attribute a title, tag, heading or summary
put into the output.

What every case proves besides its own outcome: no traceback (an exception other than the
build's own error fails the test), no file written outside the site folder (the project sits
three folders deep in a temporary tree that is compared before and after), and for the cases
that build, no broken internal link.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import feedparser
import lxml.etree
import lxml.html
import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import BASE_CONFIG, Site, run_build, write_tree
from hostile.cases import CASES, ESSAYS, docs_of, paragraphs_of
from linkcheck import broken_links

# -- building ---------------------------------------------------------------------------------


def snapshot(root: Path, *, skip: Path, cache: Path | None = None) -> dict[str, str]:
    """Every file and folder under ``root`` except ``skip`` and the plugin's own ``cache``
    (``.cache/mkdocs-essays/`` and the ``.cache`` folder it is made in, issue 23): path ->
    digest ('' for folders)."""
    seen: dict[str, str] = {}
    for path in sorted(root.rglob("*")):
        if path == skip or skip in path.parents:
            continue
        if cache is not None and (path in (cache, cache.parent) or cache in path.parents):
            continue
        key = path.relative_to(root).as_posix()
        seen[key] = hashlib.sha1(path.read_bytes()).hexdigest() if path.is_file() else ""
    return seen


def build(
    tmp: Path,
    files: dict[str, str | bytes],
    *,
    config: dict[str, Any] | None = None,
    serve: bool = False,
    expect_error: bool = False,
    warnings: list[str] = (),  # type: ignore[assignment]
) -> tuple[Site, float]:
    """Build ``files`` three folders deep under ``tmp``; assert nothing outside the site folder
    changed and the build warned exactly ``warnings``. Returns the site and its seconds."""
    root = tmp / "outer" / "middle" / ("serve" if serve else "project")
    root.mkdir(parents=True)
    settings = {**BASE_CONFIG, **(config or {})}
    write_tree(root, {"mkdocs.yml": yaml.safe_dump(settings, sort_keys=False), **files})
    cache = root / ".cache" / "mkdocs-essays"
    before = snapshot(tmp, skip=root / "site", cache=cache)
    started = time.perf_counter()
    allowed = [f"^mkdocs_essays: {re.escape(w)}$" for w in warnings]
    site = run_build(root, serve=serve, expect_error=expect_error, warnings=allowed)
    seconds = time.perf_counter() - started
    after = snapshot(tmp, skip=root / "site", cache=cache)
    assert after == before, "the build wrote outside the site folder (and the plugin's cache)"
    if not serve and not expect_error:
        assert sorted(messages(site, logging.WARNING)) == sorted(warnings)
    return site, seconds


def messages(site: Site, level: int) -> list[str]:
    """Logged lines of exactly ``level`` (a message of several lines counts line by line),
    without the plugin logger's ``mkdocs_essays:`` prefix."""
    return [
        line.removeprefix("mkdocs_essays: ")
        for record in site.records
        if record.levelno == level
        for line in record.getMessage().splitlines()
    ]


def error_lines(site: Site) -> list[str]:
    return [
        line.removeprefix("mkdocs_essays: ")
        for record in site.records
        if record.levelno >= logging.ERROR
        for line in record.getMessage().splitlines()
    ]


def output(site: Site, url: str) -> Path:
    """The file of a URL path as the manifest writes it (``tags/c#/`` is a folder named c#)."""
    path = url if url == "" or not url.endswith("/") else url + "index.html"
    return site.site_dir / (path or "index.html")


def page_text(site: Site, url: str) -> str:
    soup = BeautifulSoup(output(site, url).read_text("utf-8"), "lxml")
    content = soup.select_one("article.md-content__inner") or soup.select_one('[role="main"]')
    assert content is not None, f"no content in {url}"
    return " ".join(content.get_text(" ").split())


# -- each case on its own ---------------------------------------------------------------------


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_case(case: dict[str, Any], tmp_path: Path) -> None:
    files = docs_of(case)
    failing = "errors" in case or case.get("generate") == "dates-invalid"
    site, seconds = build(
        tmp_path,
        files,
        config=case.get("config"),
        expect_error=failing,
        warnings=case.get("warnings", []),
    )
    if seconds > 1:
        print(f"\nhostile case {case['name']}: built in {seconds:.2f} s")

    if failing:
        expected = case.get("errors") or [error for _, error in case["dates"].values()]
        assert sorted(error_lines(site)) == sorted(expected)
        assert not (site.site_dir / "posts").exists(), "a failed build published essays"
        if "serve" in case:
            served, _ = build(tmp_path, files, serve=True)
            assert expected[0] in error_lines(served), "serve does not report the error"
            shown = page_text(served, case["serve"])
            message = expected[0].split(": ", 1)[1]
            assert message in shown, f"{case['serve']} under serve does not show the error"
        return

    infos = messages(site, logging.INFO)
    for info in case.get("infos", []):
        assert info in infos
    for url in case.get("pages", []):
        assert output(site, url).is_file(), f"{url} is missing"
    for url in case.get("absent", []):
        assert not output(site, url).exists(), f"{url} should not exist"
    for pattern, count in case.get("count", {}).items():
        assert len(list(site.site_dir.glob(pattern))) == count, pattern
    for url, texts in case.get("shows", {}).items():
        shown = page_text(site, url)
        for text in texts:
            assert text in shown, f"{url} does not show {text!r}"
    for name, (_, datetime) in case.get("dates", {}).items():
        url = f"posts/{name}/"
        if not datetime:
            assert not site.exists(url), f"{url} is in the future and must be left out"
            continue
        time_tag = site.html(url).select_one("time.essay-date")
        assert time_tag is not None and time_tag["datetime"] == datetime, name
    if "paragraphs" in case:
        check_paragraphs(site, case["paragraphs"], files)

    pages = sorted(site.site_dir.rglob("*.html"))
    if len(pages) > 300:  # the big cases: the essay, and a few cards and tags
        pages = [output(site, case["pages"][0]), *pages[:5], *pages[-5:]]
    assert not broken_links(site.site_dir, pages=[p for p in pages if p.name != "404.html"])


def check_paragraphs(site: Site, url: str, files: dict[str, str | bytes]) -> None:
    """Every paragraph of the essay's source is a paragraph of its page."""
    source = next(t for p, t in files.items() if p.endswith(".md") and "posts/" in p)
    assert isinstance(source, str)
    started = time.perf_counter()
    tree = lxml.html.fromstring(output(site, url).read_bytes())
    shown = {" ".join(p.text_content().split()) for p in tree.iter("p")}
    wanted = paragraphs_of(source)
    missing = [p for p in wanted if p not in shown]
    assert not missing, f"{len(missing)} of {len(wanted)} paragraphs missing, e.g. {missing[:2]}"
    print(
        f"\n{url}: {len(wanted)} paragraphs found on the page "
        f"({time.perf_counter() - started:.2f} s to check)"
    )


def test_every_essay_file_belongs_to_a_case() -> None:
    used = {c["name"] + ".md" for c in CASES if "files" not in c and "generate" not in c}
    used |= {source for c in CASES for source in c.get("files", {}).values()}
    assert {p.name for p in ESSAYS.glob("*.md")} == used
    assert len(CASES) >= 30


# -- no injection -----------------------------------------------------------------------------

# Every marker planted in a title, tag, heading or summary (tests/hostile/essays/markup-*.md).
MARKER = re.compile(r"pwn")


def injected_html(markup: str, where: str) -> Iterator[str]:
    """Elements or attributes of ``markup`` that came from a planted marker."""
    soup = BeautifulSoup(markup, "lxml")
    for element in soup.find_all(True):
        if str(element.get("id", "")).startswith("pwn"):
            yield f"{where}: <{element.name} id={element['id']}>"
        for name, value in element.attrs.items():
            text = " ".join(value) if isinstance(value, list) else str(value)
            if MARKER.search(name) or (name.startswith("on") and MARKER.search(text)):
                yield f"{where}: <{element.name} {name}={text!r}>"
            elif not re.fullmatch(r"[a-zA-Z_:][-a-zA-Z0-9_:.]*", name):
                yield f"{where}: <{element.name}> has the attribute {name!r}"


def injected_xml(path: Path, where: str) -> Iterator[str]:
    tree = lxml.etree.parse(str(path))  # well-formed, or this raises
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        local = lxml.etree.QName(element).localname
        if local in ("script", "img", "b"):
            yield f"{where}: XML element <{local}>"
        for name, value in element.attrib.items():
            if MARKER.search(name) or (name.startswith("on") and MARKER.search(value)):
                yield f"{where}: <{local} {name}>"
        if local == "description" and element.text:
            # RSS descriptions are HTML, escaped once more for XML
            yield from injected_html(element.text, f"{where} <description>")
    if path.name == "feed.xml":
        parsed = feedparser.parse(path.read_bytes())
        assert not parsed.bozo, f"{where}: {parsed.bozo_exception}"


def injections(site_dir: Path, *, html_search: bool) -> list[str]:
    """Every planted element or attribute in the site. ``html_search``: the search index holds
    HTML (Material's; MkDocs' own holds text its search page escapes)."""
    found: list[str] = []
    for path in sorted(site_dir.rglob("*")):
        where = path.relative_to(site_dir).as_posix()
        if path.suffix == ".html":
            found += injected_html(path.read_text("utf-8"), where)
        elif path.suffix == ".xml":
            found += injected_xml(path, where)
        elif path.suffix == ".json":
            data = json.loads(path.read_text("utf-8"))
            if path.name == "search_index.json" and html_search:
                for doc in data["docs"]:
                    for field in ("title", "text"):
                        found += injected_html(doc.get(field, ""), f"{where} {doc['location']}")
    return found


SAFE_CASES = [c for c in CASES if "errors" not in c and "generate" not in c]


@pytest.mark.parametrize("theme", ["material", "mkdocs"])
def test_no_markup_from_any_field_reaches_the_output(theme: str, tmp_path: Path) -> None:
    files: dict[str, str | bytes] = {}
    for case in SAFE_CASES:
        files.update(docs_of(case))
    site, seconds = build(
        tmp_path,
        files,
        # every essay in the feed, whatever the number of cases (20 would cut the marked ones)
        config={"theme": {"name": theme}, "plugins": ["search", {"essays": {"feed_items": 1000}}]},
        warnings=[w for c in SAFE_CASES for w in c.get("warnings", [])],
    )
    started = time.perf_counter()
    found = injections(site.site_dir, html_search=theme == "material")
    checked = len(list(site.site_dir.rglob("*.*")))
    print(
        f"\n{theme}: {len(SAFE_CASES)} hostile essays built in {seconds:.2f} s, {checked} files "
        f"parsed in {time.perf_counter() - started:.2f} s"
    )
    assert not found, "\n".join(found)

    # The markers are text where the writer put them: escaped, never dropped.
    title = 'Title <script id="pwn-title">alert(1)</script> " onmouseover="pwn_title() & Co'
    assert site.html("posts/markup-in-title/").select_one("h1").get_text() == title
    redirect = site.html("old/markup-title/")
    assert redirect.title.get_text() == title
    cards = json.loads(site.text("patterns/cards.json"))["cards"]
    titles = {card["title"] for card in cards}
    assert '<script id="pwn-heading">alert(1)</script> & "quotes"' in titles
    tags = {tag for card in cards for tag in card["tags"]}
    assert '<img src=x id="pwn-tag" onerror=pwn_tag()>' in tags
    feed = feedparser.parse(site.text("feed.xml"))
    assert title in {entry.title for entry in feed.entries}
    summaries = {
        entry.title: BeautifulSoup(entry.get("summary", ""), "lxml").get_text()
        for entry in feed.entries
    }
    assert summaries["Markup in the summary"] == (
        'alert(1) <b id="pwn-summary2"> " onmouseover="pwn_summary() & more'
    )
    description = site.html("posts/markup-in-summary/").find("meta", attrs={"name": "description"})
    if description is not None:  # Material prints it; the mkdocs theme only on the home page
        assert description["content"] == (
            '" onmouseover="pwn_description() <b id="pwn-description">'
        )
