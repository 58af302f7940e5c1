"""Hugo ``aliases`` become redirect pages: where they land (as Hugo puts them), what they hold,
and the errors for aliases that collide or leave the site."""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
from pathlib import Path
from urllib.parse import quote, urljoin

import pytest
from bs4 import BeautifulSoup
from conftest import MakeSite, Site, write_tree
from hugo_compare import require_hugo
from linkcheck import broken_links
from processes import ok, shown

SUBPATH = "https://user.github.io/repo/"
ALIASES = ["old", "/abs/path/", "rel/dir/", "file.html", "../up", "Caps Here", "a/./b/../c"]


def essay(title: str, extra: str = "", date: str = "2024-01-01", body: str = "") -> str:
    body = body or f"The text of {title}.\n\n## Part two\n\nMore."
    return f"+++\ntitle = {json.dumps(title)}\ndate = {date}\n{extra}\n+++\n\n{body}\n"


def aliases(*names: str) -> str:
    return f"aliases = {json.dumps(list(names))}"


def redirect_files(site_dir: Path) -> set[str]:
    """Every alias redirect of a built site (MkDocs' or Hugo's), as a path in the site.

    A listing's ``page/1/`` redirect is pagination's (tests/sites/test_paginated_listings.py),
    not an alias: it is left out here, as Hugo's unpaginated stub layouts write none.
    """
    found = set()
    for path in site_dir.rglob("*.htm*"):
        if path.relative_to(site_dir).as_posix().endswith("page/1/index.html"):
            continue
        if 'http-equiv="refresh"' in path.read_text("utf-8", errors="replace"):
            found.add(path.relative_to(site_dir).as_posix())
    return found


def redirect(site: Site, dest: str) -> tuple[str, str, str, BeautifulSoup]:
    """(refresh target, canonical href, script, soup) of the redirect page at ``dest``."""
    soup = BeautifulSoup((site.site_dir / dest).read_text("utf-8"), "lxml")
    refresh = soup.find("meta", attrs={"http-equiv": "refresh"})
    assert refresh is not None
    delay, target = refresh["content"].split(";", 1)
    assert delay == "0"
    target = target.strip()
    assert target.startswith("url=")
    canonical = soup.find("link", rel="canonical")
    assert canonical is not None
    script = soup.find("script")
    assert script is not None
    return target[len("url=") :], canonical["href"], script.string or "", soup


def url_of(dest: str) -> str:
    return quote(dest[: -len("index.html")] if dest.endswith("/index.html") else dest)


def test_redirect_pages_land_where_hugo_puts_them(make_site: MakeSite) -> None:
    files = {
        "docs/posts/x.md": essay("X", aliases(*ALIASES)),
        "docs/posts/sub/y.md": essay("Y", aliases("old2")),
        "docs/posts/b/index.md": essay("B", aliases("old3")),
        "docs/posts/u.md": essay("U", 'url = "/custom/place/"\n' + aliases("old4")),
    }
    site = make_site(files, config={"site_url": SUBPATH})
    expected = {
        "posts/old/index.html",
        "abs/path/index.html",
        "posts/rel/dir/index.html",
        "posts/file.html",
        "up/index.html",
        "posts/Caps Here/index.html",
        "posts/a/c/index.html",
        "posts/sub/old2/index.html",
        "posts/old3/index.html",
        "custom/old4/index.html",
    }
    assert redirect_files(site.site_dir) == expected

    essay_of = {dest: "posts/x/" for dest in expected}
    essay_of |= {
        "posts/sub/old2/index.html": "posts/sub/y/",
        "posts/old3/index.html": "posts/b/",
        "custom/old4/index.html": "custom/place/",
    }
    for dest, target_url in essay_of.items():
        target, canonical, script, soup = redirect(site, dest)
        assert not target.startswith(("/", "http")), f"{dest}: {target} must be relative"
        # Followed from the old address, under the subpath, it reaches the essay.
        assert urljoin(SUBPATH + url_of(dest), target) == SUBPATH + quote(target_url), dest
        assert canonical == SUBPATH + target_url
        assert script == f'location.replace("{target}" + location.hash)'
        assert soup.find("a")["href"] == target
        assert site.exists(target_url)
    assert broken_links(site.site_dir) == []
    # Redirect pages are not pages of the site: not in the sitemap, nor in the search index.
    sitemap = site.text("sitemap.xml")
    assert "posts/old/" not in sitemap and "abs/path" not in sitemap
    index = json.loads(site.text("search/search_index.json"))
    assert not any(doc["location"].startswith("posts/old") for doc in index["docs"])


def test_same_redirects_as_hugo(make_site: MakeSite, tmp_path: Path) -> None:
    """The same essays built by Hugo 0.168 and by the plugin leave the same redirect files."""
    sources = {
        "posts/x.md": essay("X", aliases(*ALIASES)),
        "posts/sub/y.md": essay("Y", aliases("old2", "/2019/01/y.html")),
        "posts/b/index.md": essay("B", aliases("old3", "nested/deeper/")),
        "posts/u.md": essay("U", 'url = "/custom/place/"\n' + aliases("old4")),
        "posts/s.md": essay("S", 'slug = "Slugged Name"\n' + aliases("s-old")),
    }
    hugo_root = tmp_path / "hugo"
    write_tree(hugo_root, {f"content/{k}": v for k, v in sources.items()})
    write_tree(
        hugo_root,
        {
            "hugo.toml": f'baseURL = "{SUBPATH}"\ntitle = "t"\n',
            "layouts/_default/single.html": "{{ .Content }}",
            "layouts/_default/list.html": "list",
        },
    )
    ok([require_hugo(), "--quiet", "--source", str(hugo_root)], timeout=120)
    site = make_site({f"docs/{k}": v for k, v in sources.items()}, config={"site_url": SUBPATH})
    hugo_redirects = redirect_files(hugo_root / "public")
    assert len(hugo_redirects) == 13
    assert redirect_files(site.site_dir) == hugo_redirects
    # And both send each old address to the same page.
    for dest in hugo_redirects:
        hugo_soup = BeautifulSoup((hugo_root / "public" / dest).read_text("utf-8"), "lxml")
        hugo_target = hugo_soup.find("link", rel="canonical")["href"]
        assert redirect(site, dest)[1] == hugo_target, dest


def test_fragment_is_kept(make_site: MakeSite) -> None:
    """The redirect's script, run with a location that has a #fragment, keeps it."""
    node = shutil.which("node")
    if node is None:
        if os.environ.get("CI"):
            pytest.fail("node is needed to run the redirect script")
        pytest.skip("node is not installed")
    site = make_site({"docs/posts/x.md": essay("X", aliases("old", "/deep/er/old.html"))})
    for dest, old in (
        ("posts/old/index.html", SUBPATH + "posts/old/"),
        ("deep/er/old.html", SUBPATH + "deep/er/old.html"),
    ):
        script = redirect(site, dest)[2]
        program = (
            f"const here = new URL({json.dumps(old + '#part-two')});"
            "const location = {hash: here.hash, replace(url) {"
            "  console.log(new URL(url, here).href); }};"
            f"{script}"
        )
        done = ok([node, "-e", program], timeout=30)
        assert done.stdout.strip() == SUBPATH + "posts/x/#part-two", shown(done)
    assert "part-two" in {h.get("id") for h in site.content("posts/x/").find_all("h2")}


def test_titles_are_escaped_and_drafts_have_no_redirects(make_site: MakeSite) -> None:
    files = {
        "docs/posts/x.md": essay('<script>alert("x")</script> & co', aliases("old")),
        "docs/posts/d.md": essay("Draft", "draft = true\n" + aliases("draft-old")),
    }
    site = make_site(files)
    raw = (site.site_dir / "posts/old/index.html").read_text("utf-8")
    assert "<script>alert" not in raw
    assert (
        redirect(site, "posts/old/index.html")[3].title.string == '<script>alert("x")</script> & co'
    )
    assert not site.exists("posts/draft-old/")
    served = make_site(files, serve=True)
    assert served.exists("posts/draft-old/")


def test_redirects_without_site_url_and_with_file_urls(make_site: MakeSite) -> None:
    files = {"docs/posts/x.md": essay("X", aliases("old", "/older.html"))}
    site = make_site(
        files,
        config={"site_url": None, "use_directory_urls": False},
        plugin={"feed_items": 0},
    )
    target, canonical, _, _ = redirect(site, "posts/old/index.html")
    assert target == "../x.html" and canonical == target
    assert redirect(site, "older.html")[0] == "posts/x.html"
    assert broken_links(site.site_dir) == []


def test_aliases_of_other_pages(make_site: MakeSite) -> None:
    """As in Hugo, any page with front matter can have aliases, relative to its own folder."""
    files = {
        "docs/about.md": '+++\ntitle = "About"\naliases = ["about-us", "/team/"]\n+++\n\nUs.\n',
        "docs/guide/setup.md": "---\ntitle: Setup\naliases: [install]\n---\n\nSteps.\n",
        "docs/posts/x.md": essay("X"),
    }
    site = make_site(files, config={"site_url": SUBPATH})
    assert redirect_files(site.site_dir) == {
        "about-us/index.html",
        "team/index.html",
        "guide/install/index.html",
    }
    target, canonical, _, soup = redirect(site, "about-us/index.html")
    assert (target, canonical) == ("../about/", SUBPATH + "about/")
    assert soup.title.string == "About"
    assert redirect(site, "guide/install/index.html")[:2] == ("../setup/", SUBPATH + "guide/setup/")
    assert broken_links(site.site_dir) == []


def test_alias_of_a_page_at_another_page_names_both(make_site: MakeSite) -> None:
    files = {
        "docs/about.md": '+++\ntitle = "About"\n\naliases = ["contact"]\n+++\n\nUs.\n',
        "docs/contact.md": "# Contact\n",
    }
    error = error_of(make_site, files)
    assert "docs/about.md:4: alias 'contact' (/contact/) is the address of docs/contact.md" in error


# -- errors -------------------------------------------------------------------------------------


def error_of(make_site: MakeSite, files: dict[str, str], **kwargs: object) -> str:
    site = make_site(files, expect_error=True, **kwargs)
    assert site.error
    return site.error


def test_alias_at_a_page_of_the_writer_names_both(make_site: MakeSite) -> None:
    files = {
        "docs/about.md": "# About\n",
        "docs/posts/x.md": essay("X", 'tags = ["LLM"]\n' + aliases("/about/")),
    }
    error = error_of(make_site, files)
    assert re.search(
        r"docs/posts/x\.md:5: alias '/about/' \(/about/\) is the address of docs/about\.md", error
    ), error


def test_alias_at_another_essay_names_both(make_site: MakeSite) -> None:
    files = {
        "docs/posts/x.md": essay("X", aliases("y")),
        "docs/posts/y.md": essay("Y"),
    }
    error = error_of(make_site, files)
    assert "docs/posts/x.md:4: alias 'y' (/posts/y/) is the address of docs/posts/y.md" in error


def test_one_alias_in_two_essays_names_both(make_site: MakeSite) -> None:
    files = {
        "docs/posts/a.md": essay("A", aliases("shared"), date="2024-02-01"),
        "docs/posts/b.md": essay("B", "\n" + aliases("/posts/shared/")),
    }
    error = error_of(make_site, files)
    assert (
        "docs/posts/b.md:5: alias '/posts/shared/' (/posts/shared/) is also an alias of "
        "docs/posts/a.md:4 ('shared')"
    ) in error


def test_alias_at_a_generated_page(make_site: MakeSite) -> None:
    files = {"docs/posts/x.md": essay("X", 'tags = ["LLM"]\n' + aliases("/posts/", "/tags/llm/"))}
    error = error_of(make_site, files)
    assert "alias '/posts/' (/posts/) is the address of the generated essay index page" in error
    assert "alias '/tags/llm/' (/tags/llm/) is the address of the generated term page" in error


@pytest.mark.parametrize(
    ("alias", "message"),
    [
        ("../../escape", "leaves the site"),
        ("%2e%2e/%2e%2e/escape", "leaves the site"),
        ("https://evil.example/x/", "points to another site (evil.example)"),
        ("/", "is the site's home page"),
        ("x", "is the essay's own address"),
    ],
)
def test_alias_that_leaves_the_site(make_site: MakeSite, alias: str, message: str) -> None:
    files = {"docs/posts/x.md": essay("X", aliases("fine", alias))}
    error = error_of(make_site, files)
    assert f"docs/posts/x.md:4: alias {alias!r}" in error and message in error, error


def test_every_bad_alias_is_reported_at_once(make_site: MakeSite) -> None:
    files = {
        "docs/posts/x.md": essay("X", aliases("../../a", "https://b.example/")),
        "docs/posts/y.md": essay("Y", aliases("x")),
    }
    error = error_of(make_site, files)
    assert error.count("docs/posts/x.md:4:") == 2
    assert "docs/posts/y.md:4: alias 'x' (/posts/x/) is the address of docs/posts/x.md" in error


@pytest.mark.parametrize("level", ["warning", "info"])
def test_alias_conflicts_can_be_reported_while_the_page_wins(
    make_site: MakeSite, level: str
) -> None:
    files = {
        "docs/about.md": '+++\ntitle = "About"\n\naliases = ["contact", "old-about"]\n+++\n\nUs.\n',
        "docs/contact.md": "# Contact\n\nWrite to us.\n",
        "docs/posts/new.md": essay("New", aliases("/shared/"), date="2024-05-01"),
        "docs/posts/old.md": essay("Old", aliases("/shared/"), date="2020-05-01"),
    }
    site = make_site(
        files,
        plugin={"alias_conflicts": level},
        warnings=[r"alias 'contact'", r"alias '/shared/'"] if level == "warning" else [],
    )
    assert "Write to us." in site.text("contact/")  # the page wins
    assert redirect(site, "shared/index.html")[0] == "../posts/new/"  # the newest essay wins
    assert redirect(site, "old-about/index.html")[0] == "../about/"  # other aliases still work
    messages = site.messages(logging.INFO)
    assert any(
        "docs/about.md:4: alias 'contact' (/contact/) is the address of docs/contact.md" in m
        and "this redirect is not written" in m
        for m in messages
    )
    assert any(
        "docs/posts/old.md:4: alias '/shared/'" in m and "docs/posts/new.md" in m for m in messages
    )
