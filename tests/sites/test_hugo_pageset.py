"""Hugo's page set with ``hugo_content`` (issue 11): build options, cascade targets, bundle
resources of lower-cased pages, ``params`` over top-level keys. Each test builds the same
content with Hugo 0.168 (when installed) and with MkDocs, and asserts what Hugo did too."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup
from conftest import MakeSite, Site
from hugo_compare import require_hugo
from processes import ok

LIST = '{{ range .Pages }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}'
LAYOUTS = {
    "hugo.toml": "baseURL = 'https://example.org/'\ntitle = 'x'\n"
    "disableKinds = ['RSS', 'sitemap', 'robotsTXT', '404']\n",
    "layouts/single.html": "<h1>{{ .Title }}</h1>{{ .Content }}",
    "layouts/list.html": LIST,
    "layouts/term.html": LIST,
    "layouts/home.html": LIST.replace(".Pages", ".Site.RegularPages"),
}
OURS_ONLY = ("assets/", "search/", "404.html", "sitemap", "map/", "patterns/", "tags/index")


def hugo_build(tmp_path: Path, content: dict[str, str | bytes]) -> Path:
    """The content built by Hugo 0.168 (the test skips, saying why, or fails under ``CI``,
    without it: :func:`hugo_compare.require_hugo`)."""
    hugo = require_hugo()
    root = tmp_path / "hugo"
    for name, text in {**LAYOUTS, **{f"content/{k}": v for k, v in content.items()}}.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            (root / name).write_bytes(text)
        else:
            (root / name).write_text(text, "utf-8")
    ok([hugo, "--quiet"], cwd=root, timeout=120)
    return root / "public"


def published(folder: Path, *, ours: bool = False) -> set[str]:
    """Every file written, but the taxonomy lists and (ours) the plugin's own pages."""
    out = set()
    for path in folder.rglob("*"):
        rel = path.relative_to(folder).as_posix()
        if not path.is_file() or rel.startswith("categories/") or rel.endswith(".xml"):
            continue
        if ours and (rel.startswith(OURS_ONLY) or "/page/" in rel or rel == "posts/index.html"):
            continue
        out.add(rel)
    return out - {"tags/index.html"}


def links(site: Site, url: str) -> set[str]:
    content = site.content(url)
    found = set()
    for a in content.find_all("a", href=True):
        path = urlsplit(urljoin(f"https://x.invalid/{url}", a["href"])).path
        if not a["href"].startswith("#") and not path.startswith(("/tags/", "/categories/")):
            found.add(path)
    return found


def page(title: str, day: int, extra: str = "", tags: str = "t") -> str:
    return f"---\ntitle: {title}\ndate: 2024-01-{day:02d}\ntags: [{tags}]\n{extra}---\nBody.\n"


BUILD_OPTIONS: dict[str, str | bytes] = {}
for _section in ("posts", "guide"):
    BUILD_OPTIONS.update(
        {
            f"{_section}/normal.md": page("normal", 1),
            f"{_section}/local.md": page("local", 2, "build:\n  list: local\n"),
            f"{_section}/never.md": page("never", 3, "build:\n  list: never\n"),
            f"{_section}/always.md": page("always", 4, "build:\n  list: always\n"),
            f"{_section}/link.md": page("link", 5, "build:\n  render: link\n"),
            # its own tag makes no term page: a page Hugo does not write counts nowhere
            f"{_section}/rnever.md": page("rnever", 6, "build:\n  render: never\n", "t, solo"),
            f"{_section}/nores/index.md": page("nores", 7, "build:\n  publishResources: false\n"),
            f"{_section}/res/index.md": page("res", 8),
            f"{_section}/linkb/index.md": page("linkb", 9, "build:\n  render: link\n"),
            f"{_section}/hl/index.md": page("hl", 10, "headless: true\n"),
        }
    )
    for _bundle in ("nores", "res", "linkb", "hl"):
        BUILD_OPTIONS[f"{_section}/{_bundle}/photo.png"] = b"PNG"

# What Hugo 0.168 wrote for BUILD_OPTIONS (either section): list local/never/always and
# publishResources=false pages are written, render link/never and headless ones are not; the
# resources of every bundle but the publishResources=false one are published.
HUGO_WRITES = {
    f"{s}/{name}"
    for s in ("posts", "guide")
    for name in (
        "always/index.html",
        "local/index.html",
        "never/index.html",
        "normal/index.html",
        "nores/index.html",
        "res/index.html",
        "res/photo.png",
        "linkb/photo.png",
        "hl/photo.png",
    )
} | {"index.html", "posts/index.html", "guide/index.html", "tags/t/index.html"}


def test_build_options_as_in_hugo(make_site: MakeSite, tmp_path: Path) -> None:
    public = hugo_build(tmp_path, BUILD_OPTIONS)
    assert published(public) == HUGO_WRITES
    home = BeautifulSoup((public / "index.html").read_text("utf-8"), "lxml")
    hrefs = {a["href"] for a in home.find_all("a")}
    assert "/posts/normal/" in hrefs and "/posts/local/" not in hrefs
    site = make_site(
        {"docs/index.md": "# Home\n", **{f"docs/{k}": v for k, v in BUILD_OPTIONS.items()}},
        plugin={"hugo_content": True},
    )
    assert published(site.site_dir, ours=True) == HUGO_WRITES - {"posts/index.html"}
    # Hugo 0.168 lists local, always and plain pages on the section's and the term's page, a
    # list=never page nowhere. (It also lists render=link pages, linking where it writes
    # nothing, and render=never ones in the section without a link: we leave both out.)
    listed = {"always", "local", "normal", "nores", "res"}
    assert links(site, "guide/") == {f"/guide/{n}/" for n in listed}
    term = links(site, "tags/t/") | (
        links(site, "tags/t/page/2/") if site.exists("tags/t/page/2/") else set()
    )
    assert term == {f"/{s}/{n}/" for s in ("posts", "guide") for n in listed}
    essays = links(site, "posts/") | (
        links(site, "posts/page/2/") if site.exists("posts/page/2/") else set()
    )
    assert essays == {f"/posts/{n}/" for n in listed}
    # Hugo 0.168's site-wide list (site.RegularPages) leaves list=local pages out: so does the
    # home page's list of the latest essays
    home = links(site, "")
    assert "/posts/normal/" in home and "/posts/local/" not in home


CASCADE: dict[str, str | bytes] = {
    "_index.md": "+++\ntitle = 'Home'\n"
    + "".join(
        f"[[cascade]]\n{values}\n  [cascade.target]\n{target}\n"
        for values, target in [
            ("  [cascade.params]\n    color = 'red'", "    path = '/blog/**'"),
            ("  tags = ['cascaded']", "    path = '/docs/**'\n    kind = 'page'"),
            ("  draft = true", "    path = '{/hidden,/hidden/**}'"),
            ("  [cascade.build]\n    render = 'never'", "    path = '/norender/**'"),
            ("  [cascade.build]\n    list = 'never'", "    path = '/blog/sub/**'"),
            ("  draft = true", "    environment = 'development'\n    path = '/prod/**'"),
        ]
    )
    + "+++\n",
    "blog/_index.md": "---\ntitle: Blog\n---\n",
    "blog/a.md": '---\ntitle: A\n---\nColor {{% param "color" %}}.\n',
    "blog/sub/b.md": "---\ntitle: B\n---\nB.\n",
    "docs/_index.md": (
        "---\ntitle: Docs\ncascade:\n  target:\n    kind: section\n  headless: true\n---\n"
    ),
    "docs/c.md": "---\ntitle: C\n---\nC.\n",
    "hidden/_index.md": "---\ntitle: Hidden\n---\n",
    "hidden/d.md": "---\ntitle: D\n---\nD.\n",
    "norender/e.md": "---\ntitle: E\n---\nE.\n",
    "prod/f.md": "---\ntitle: F\n---\nF.\n",
}
# What Hugo 0.168 wrote: blog/a and blog/sub/b (red), docs/c (tagged), not the headless docs
# section, nothing of hidden/, norender/ as a list without e, prod/f (development only draft).
HUGO_CASCADE = {
    "index.html",
    "blog/index.html",
    "blog/a/index.html",
    "blog/sub/b/index.html",
    "docs/c/index.html",
    "norender/index.html",
    "prod/index.html",
    "prod/f/index.html",
    "tags/cascaded/index.html",
}


def test_cascade_targets_as_in_hugo(make_site: MakeSite, tmp_path: Path) -> None:
    public = hugo_build(tmp_path, CASCADE)
    assert published(public) == HUGO_CASCADE
    assert "Color red" in (public / "blog/a/index.html").read_text("utf-8")
    assert (public / "blog/index.html").read_text("utf-8").count("<a ") == 1  # not b
    files = {f"docs/{k}": v for k, v in CASCADE.items()}
    site = make_site(files, plugin={"hugo_content": True})
    assert published(site.site_dir, ours=True) == HUGO_CASCADE
    assert "Color red." in site.content("blog/a/").get_text()
    assert links(site, "tags/cascaded/") == {"/docs/c/"}
    # mkdocs serve is Hugo's development environment: there prod/f is a draft (previewed)
    serve = make_site(files, plugin={"hugo_content": True}, serve=True)
    previewed = [m for m in serve.messages() if "only for the preview" in m]
    assert previewed and "/prod/f/" in previewed[0] and "/blog/a/" not in previewed[0]


BUNDLE: dict[str, str | bytes] = {
    "Post-A/index.md": (
        '---\ntitle: A\n---\n![p](Photo.PNG) <img src="Photo.PNG" alt="raw"> [pdf](Sub/Doc.PDF)\n'
    ),
    "Post-A/Photo.PNG": b"PNG",
    "Post-A/Sub/Doc.PDF": b"PDF",
    "posts/Post-B/index.md": "---\ntitle: B\n---\n![p](Photo.PNG)\n",
    "posts/Post-B/Photo.PNG": b"PNG",
}
# Hugo 0.168: the page's folder is lower-cased, its resources keep their own names
HUGO_BUNDLE = {
    "index.html",
    "posts/index.html",
    "post-a/index.html",
    "post-a/Photo.PNG",
    "post-a/Sub/Doc.PDF",
    "posts/post-b/index.html",
    "posts/post-b/Photo.PNG",
}


def test_bundle_resources_follow_a_lower_cased_page(make_site: MakeSite, tmp_path: Path) -> None:
    public = hugo_build(tmp_path, BUNDLE)
    assert published(public) == HUGO_BUNDLE
    site = make_site({f"docs/{k}": v for k, v in BUNDLE.items()}, plugin={"hugo_content": True})
    assert published(site.site_dir, ours=True) == HUGO_BUNDLE - {"posts/index.html"}
    for url in ("post-a/", "posts/post-b/"):
        content = site.content(url)
        targets = [i["src"] for i in content.find_all("img")]
        targets += [a["href"] for a in content.find_all("a", href=True) if ".PDF" in a["href"]]
        assert targets
        for target in targets:  # every image and link resolves to a file written
            path = urlsplit(urljoin(f"https://x.invalid/{url}", target)).path
            assert (site.site_dir / path.lstrip("/")).is_file(), (url, target)


def test_the_params_table_wins_over_a_top_level_key(make_site: MakeSite, tmp_path: Path) -> None:
    content: dict[str, str | bytes] = {
        "a/p.md": (
            '+++\ntitle = "A"\nminVersion = "top"\n[params]\nminVersion = "table"\n+++\n'
            'Version {{% param "minVersion" %}}.\n'
        ),
        "a/r.md": (
            '+++\ntitle = "R"\nminVersion = "top"\n+++\nVersion {{% param "minVersion" %}}.\n'
        ),
    }
    public = hugo_build(tmp_path, content)
    # what Hugo 0.168 printed
    assert "Version table." in (public / "a/p/index.html").read_text("utf-8")
    assert "Version top." in (public / "a/r/index.html").read_text("utf-8")
    site = make_site(
        {"docs/index.md": "# Home\n", **{f"docs/{k}": v for k, v in content.items()}},
        plugin={"hugo_content": True},
    )
    assert "Version table." in site.content("a/p/").get_text()
    assert "Version top." in site.content("a/r/").get_text()


SECTIONS: dict[str, str | bytes] = {
    "d1/_index.md": "---\ntitle: D1\n---\nThe intro.\n",
    "d1/sub/_index.md": "---\ntitle: Sub\nweight: 1\n---\n",
    "d1/sub/q.md": "---\ntitle: Q\n---\n",
    "d1/x/y.md": "---\ntitle: Y\ndate: 2024-01-01\n---\n",
    "d1/zeta.md": "---\ntitle: zeta\nweight: 2\n---\n",
    "d1/eps.md": "---\ntitle: eps\nweight: 2\ndate: 2020-01-01\n---\n",
    "d1/gamma.md": "---\ntitle: gamma\ndate: 2025-01-01\n---\n",
    "d1/delta.md": "---\ntitle: delta\n---\n",
    "d1/Able.md": "---\ntitle: Able\n---\n",
}
# What Hugo 0.168 listed, in its order: weight (weighted first), newest first, title; a
# folder without _index.md (x/) is no section, its pages are in d1's list, a subsection too
HUGO_D1 = ["/d1/sub/", "/d1/eps/", "/d1/zeta/", "/d1/gamma/", "/d1/x/y/", "/d1/able/"]
HUGO_D1 += ["/d1/delta/"]


def test_sections_list_their_pages_as_hugo(make_site: MakeSite, tmp_path: Path) -> None:
    public = hugo_build(tmp_path, SECTIONS)

    def ordered(html: str, base: str) -> list[str]:
        soup = BeautifulSoup(html, "lxml")
        return [urlsplit(urljoin(base, a["href"])).path for a in soup.find_all("a", href=True)]

    assert ordered((public / "d1/index.html").read_text("utf-8"), "/d1/") == HUGO_D1
    assert ordered((public / "d1/sub/index.html").read_text("utf-8"), "/d1/sub/") == ["/d1/sub/q/"]
    site = make_site(
        {"docs/index.md": "# Home\n", **{f"docs/{k}": v for k, v in SECTIONS.items()}},
        plugin={"hugo_content": True},
    )
    base = "https://x.invalid/d1/"
    listing = str(site.content("d1/").select_one("ul.essay-section"))
    assert ordered(listing, base) == HUGO_D1
    assert "The intro." in site.content("d1/").get_text()  # the _index.md's text stays
    sub = str(site.content("d1/sub/").select_one("ul.essay-section"))
    assert ordered(sub, base + "sub/") == ["/d1/sub/q/"]


ESSAY_CASCADE: dict[str, str | bytes] = {
    "posts/_index.md": (
        "---\ntitle: Posts\ncascade:\n  - target:\n      path: /posts/sub/**\n    draft: true\n"
        "  - tags: [ct]\n    params:\n      color: red\n---\n"
    ),
    "posts/a.md": '---\ntitle: A\ndate: 2024-01-01\n---\nColor {{% param "color" %}}.\n',
    "posts/sub/b.md": "---\ntitle: B\ndate: 2024-01-01\n---\nB.\n",
}


def test_a_cascade_reaches_essays_as_in_hugo(make_site: MakeSite, tmp_path: Path) -> None:
    # Hugo 0.168: posts/sub/b is a draft (not written), posts/a and the section carry the
    # cascaded tag, posts/a the cascaded param
    public = hugo_build(tmp_path, ESSAY_CASCADE)
    expected = {"index.html", "posts/index.html", "posts/a/index.html", "tags/ct/index.html"}
    assert published(public) == expected
    hugo_term = BeautifulSoup((public / "tags/ct/index.html").read_text("utf-8"), "lxml")
    assert {a["href"] for a in hugo_term.find_all("a")} == {"/posts/", "/posts/a/"}
    site = make_site(
        {"docs/index.md": "# Home\n", **{f"docs/{k}": v for k, v in ESSAY_CASCADE.items()}},
        plugin={"hugo_content": True},
    )
    assert published(site.site_dir, ours=True) == expected - {"posts/index.html"}
    assert site.exists("posts/")
    assert "Color red." in site.content("posts/a/").get_text()
    assert links(site, "tags/ct/") == {"/posts/", "/posts/a/"}
