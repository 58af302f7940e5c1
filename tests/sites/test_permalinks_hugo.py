"""Permalinks, ugly URLs, disablePathToLower and configuration folders, checked against Hugo
0.168 itself: each small Hugo site below is built by Hugo (stub layouts) and imported with
`mkdocs-essays import` then built by MkDocs; their page and alias URLs must be the same."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import run_build, write_tree
from hugo_compare import OURS_ONLY, run_hugo, url_set, write_stub_layouts
from mkdocs_essays.cli import main


def page(front: str, body: str = "Text.\n") -> str:
    return f"---\n{front}\n---\n{body}"


POSTS = {
    "content/_index.md": "---\ntitle: Home\n---\nWelcome.\n",
    "content/about.md": "---\ntitle: About Us\naliases: [/old-about/]\n---\nAbout.\n",
    "content/posts/_index.md": "---\ntitle: All Posts\n---\nPosts.\n",
    "content/posts/first.md": page(
        'title: "Héllo, Wörld! C++ & Go"\ndate: 2024-03-09T23:30:00-05:00\n'
        "tags: [C++, Generative AI]\naliases: [old-first, /legacy/first.html]",
        "## One\n\nText.\n",
    ),
    "content/posts/second.md": page(
        "title: Second\nslug: shared\ndate: 2024-03-10\ntags: [generative ai]"
    ),
    "content/posts/third.md": page("title: Third\nslug: shared\ndate: 2024-04-01T01:00:00Z"),
    "content/posts/2020/nested.md": page("title: Nested Post\ndate: 2020-12-31T23:59:59+09:00"),
    "content/posts/bundle/index.md": "---\ntitle: A Bundle\ndate: 2021-07-04\n---\n![x](pic.png)\n",
    "content/posts/bundle/pic.png": "png",
    "content/posts/undated.md": "---\ntitle: No Date Here\n---\nText.\n",
    "content/posts/custom.md": page("title: Custom\ndate: 2022-02-02\nurl: /special/:year/:slug/"),
    "content/posts/plain-url.md": "---\ntitle: Plain\nurl: /plain/place/\n---\nText.\n",
    "content/notes/_index.md": "---\ntitle: Notes\n---\n",
    "content/notes/deep/_index.md": "---\ntitle: Deep Section\nslug: deeper\n---\n",
    "content/notes/deep/n1.md": "---\ntitle: Note One\ndate: 2023-05-06\n---\nText.\n",
    "content/notes/n2.md": "---\ntitle: Note Two\nslug: Two Slug\n---\nText.\n",
}

SITES = {
    "by-section": {
        "hugo.toml": (
            'baseURL = "https://example.org/"\ntitle = "By section"\n'
            'timeZone = "America/New_York"\n'
            "[params]\nmainSections = ['posts']\n"
            "[permalinks]\n"
            'posts = "/:year/:month/:day/:slug/"\n'
            'notes = "/n/:sections[1:]/:sectionslug/:title/"\n'
            '"/" = "/p/:filename/"\n'
            'tags = "/topic/:slug/"\n'
        ),
        **POSTS,
    },
    "by-kind": {
        "hugo.toml": (
            'baseURL = "https://example.org/"\ntitle = "By kind"\n'
            "[params]\nmainSections = ['posts']\n"
            "[permalinks.page]\n"
            'posts = "/blog/:06/:Jan/:slugorcontentbasename/"\n'
            'notes = "/:section/:sections[last]/:contentbasename/"\n'
            "[permalinks.section]\n"
            'posts = "/blog/"\n'
            'notes = "/notebook/:slug/"\n'
            "[permalinks.term]\n"
            'tags = "/t/:slug/"\n'
            "[permalinks.taxonomy]\n"
            'tags = "/all-tags/"\n'
        ),
        **POSTS,
    },
    "ugly": {
        "hugo.toml": (
            'baseURL = "https://example.org/"\ntitle = "Ugly"\nuglyURLs = true\n'
            "[params]\nmainSections = ['posts']\n"
            "[permalinks]\n"
            'posts = "/:year/:month/:slug/"\n'
        ),
        **POSTS,
    },
    "ugly-sections": {
        "hugo.toml": (
            'baseURL = "https://example.org/"\ntitle = "Ugly sections"\n'
            "[params]\nmainSections = ['posts']\n"
            "[uglyURLs]\nposts = true\ntags = true\nnotes = false\n"
            "[permalinks]\nposts = '/:year/:month/:slug/'\n"
        ),
        **POSTS,
    },
    "case": {
        "hugo.toml": (
            'baseURL = "https://example.org/"\ntitle = "Case"\ndisablePathToLower = true\n'
            "[params]\nmainSections = ['Posts']\n"
            "[permalinks]\n"
            'Notes = "/N/:year/:title/"\n'
        ),
        "content/Posts/My-Post.md": page(
            "title: A\ntags: [Foo Bar, ABC]\ncategories: [XyZ]", "x\n"
        ),
        "content/Posts/Other.md": "---\ntitle: B\nslug: My Slug\n---\nx\n",
        "content/Posts/Bun/index.md": "---\ntitle: C\n---\n![p](Pic.PNG)\n",
        "content/Posts/Bun/Pic.PNG": "png",
        "content/Notes/n.md": page(
            "title: Hello World\ndate: 2020-01-01\naliases: [Old-One]", "x\n"
        ),
        "content/About.md": "---\ntitle: About\nurl: /Custom/URL/\n---\nx\n",
    },
    "config-folder": {
        "hugo.toml": 'baseURL = "https://example.org/"\n',
        "config/_default/hugo.yaml": "params:\n  mainSections: [posts]\n",
        "config/_default/languages.en.toml": 'title = "From the language"\nweight = 1\n',
        "config/_default/permalinks.toml": '[permalinks]\nposts = "/wrong/:slug/"\n',
        "config/production/permalinks.yaml": "posts: /:year/:month/:day/:slug/\n",
        "config/_default/menus.en.toml": (
            '[[main]]\nname = "About"\npageRef = "/about"\nweight = 2\n'
            '[[main]]\nname = "Posts"\npageRef = "/posts"\nweight = 1\n'
        ),
        **POSTS,
    },
}


@pytest.mark.parametrize("name", sorted(SITES))
def test_urls_are_hugos(tmp_path: Path, name: str) -> None:
    site = tmp_path / "hugo"
    write_tree(site, SITES[name])
    write_stub_layouts(site, site / "content")
    built = run_hugo(site, site / "public", timeout=120)
    assert built.returncode == 0, built.stderr
    theirs = url_set(site / "public")
    assert main(["import", str(site), "--into", str(tmp_path / "ours")]) == 0
    ours = run_build(tmp_path / "ours", strict=True)
    mine = url_set(tmp_path / "ours" / "site", skip=OURS_ONLY)
    for kind in ("pages", "aliases"):
        assert sorted(theirs[kind] - mine[kind]) == [], f"{kind} only Hugo has"
        assert sorted(mine[kind] - theirs[kind]) == [], f"{kind} only we have"
    assert len(theirs["pages"]) > 10 and ours.error is None
