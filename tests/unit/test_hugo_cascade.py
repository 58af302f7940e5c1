"""Hugo's cascade targets and build options (issue 11): globs, page paths, merging."""

from __future__ import annotations

import pytest
from growth import assert_linear
from mkdocs_essays.frontmatter import read
from mkdocs_essays.hugo.cascade import (
    BuildOptions,
    Cascades,
    _Glob,
    apply,
    build_options,
    glob_match,
    page_path,
)


@pytest.mark.parametrize(
    ("pattern", "path", "matches"),
    [
        ("/blog/**", "/blog/a", True),
        ("/blog/**", "/blog/sub/b", True),
        ("/blog/**", "/blog", False),  # Hugo 0.168: the section itself is not matched
        ("{/hidden,/hidden/**}", "/hidden", True),
        ("{/hidden,/hidden/**}", "/hidden/d", True),
        ("{/hidden,/hidden/**}", "/hiddenx", False),
        ("/blog/*", "/blog/a", True),
        ("/blog/*", "/blog/sub/b", False),
        ("{page,section}", "section", True),
        ("/p[a-c]?t", "/pact", True),
        ("/p[a-c]?t", "/post", False),
        ("/x[!a]", "/xb", True),
        ("/x[!a]", "/xa", False),
        ("/a\\*", "/a*", True),
        ("/a\\*", "/ab", False),
        ("{/a", "{/a", True),  # no closing brace: the characters as written
        ("{/a,/b/{c,d}}", "/b/d", True),
        ("{/a,/b/{c,d}}", "/b/e", False),
        ("{a,}x", "x", True),
        ("}{,", "}{,", True),
    ],
)
def test_globs_as_hugo_matches_them(pattern: str, path: str, matches: bool) -> None:
    assert glob_match(pattern, path) is matches


def test_page_paths_and_kinds() -> None:
    assert page_path("Blog/Post-A/index.md") == ("/blog/post-a", "page")
    assert page_path("blog/_index.md") == ("/blog", "section")
    assert page_path("_index.md") == ("/", "home")
    assert page_path("tags/x/_index.md", ["tags"]) == ("/tags/x", "term")
    assert page_path("a/b.md") == ("/a/b", "page")


def _meta(text: str) -> dict:
    return read(text, "docs/x.md").front.meta()


def test_nearest_cascade_wins_and_params_merge_key_by_key() -> None:
    # Hugo 0.168: t/u/p.md got color "first" (t's first entry) and size "near" (t/u's)
    metas = {
        "t/_index.md": _meta(
            "---\ncascade:\n  - params: {color: first}\n"
            "  - params: {color: second, size: s2}\n---\n"
        ),
        "t/u/_index.md": _meta("---\ncascade:\n  params: {size: near}\n---\n"),
    }
    cascades = Cascades(metas)
    assert cascades.of("t/u/p.md") == {"params": {"size": "near", "color": "first"}}


def test_targets_narrow_an_entry() -> None:
    metas = {
        "_index.md": _meta(
            "---\ncascade:\n"
            "  - {target: {path: /blog/**}, params: {color: red}}\n"
            "  - {_target: {kind: section}, build: {render: never}}\n"
            "  - {target: {environment: development}, draft: true}\n"
            "  - {target: {lang: fr}, tags: [fr]}\n"
            "---\n"
        )
    }
    build = Cascades(metas)
    assert build.of("blog/a.md") == {"params": {"color": "red"}}
    assert build.of("blog/_index.md") == {"build": {"render": "never"}}
    assert build.of("other.md") == {}
    assert Cascades(metas, environment="development").of("other.md") == {"draft": True}


def test_a_bad_entry_is_reported_and_ignored() -> None:
    seen: list[tuple[str, str]] = []
    metas = {"a/_index.md": _meta("---\ncascade:\n  - 5\n  - {target: x, draft: true}\n---\n")}
    cascades = Cascades(metas, warn=lambda src, message: seen.append((src, message)))
    assert cascades.of("a/b.md") == {}
    assert [src for src, _ in seen] == ["a/_index.md", "a/_index.md"]
    assert "not a table" in seen[0][1]


def test_own_front_matter_wins_over_the_cascade() -> None:
    # Hugo 0.168: a page's own `build` replaces a cascaded one whole; params merge by key
    front = read(
        "---\nbuild: {list: never}\nsize: top\nparams: {size: small}\n---\n", "docs/x.md"
    ).front
    cascaded = {"build": {"render": "never"}, "params": {"color": "red", "size": "big"}}
    applied = apply(front, cascaded, ["tags"])
    meta = applied.meta()
    assert build_options(meta) == BuildOptions(list="never")
    assert meta["params"] == {"color": "red", "size": "small"}
    tagged = apply(read("---\ntitle: T\n---\n", "docs/x.md").front, {"tags": "a"}, ["tags"])
    assert tagged.tags == ("a",)
    draft = apply(read("---\ndraft: false\n---\n", "docs/x.md").front, {"draft": True}, [])
    assert draft.draft is False


def test_build_options() -> None:
    assert build_options({"headless": True}) == BuildOptions("never", "never", True)
    assert build_options({"_build": {"render": False}}).render == "never"
    assert build_options({"build": {"publishResources": False}}).publish_resources is False
    assert build_options({"build": {"List": "LOCAL"}}).list == "local"
    # Hugo 0.168: `build` inside `params` is a param, not build options
    assert build_options({"params": {"build": {"render": "never"}}}).rendered


@pytest.mark.parametrize(
    ("case", "function", "make", "n"),
    [
        # (a fresh _Glob each time: glob_match keeps compiled globs, and their steps)
        ("path", lambda x: _Glob("/a/**/b*c*d?x").match(x), lambda k: "/a/" + "bc/" * k, 2000),
        ("braces", lambda x: _Glob(x).match("/abc"), lambda k: "{/a,/b}" * k, 50),
        ("classes", lambda x: _Glob(x).match("/abc"), lambda k: "[" * k + "]", 5000),
        ("unclosed", lambda x: _Glob(x).match("/abc"), lambda k: "{[" * k, 2000),
        ("nested", lambda x: _Glob(x).match("a"), lambda k: "{" * k + "a" + "}" * k, 2000),
        ("alternatives", lambda x: _Glob(x).match("/" + "a" * 50), lambda k: "{/a,/b}*" * k, 200),
    ],
)
def test_glob_matching_is_linear(case: str, function, make, n: int) -> None:  # type: ignore[no-untyped-def]
    assert_linear(function, make, n)


def test_one_cascade_glob_over_many_pages_is_linear() -> None:
    """A glob of 1,000 alternatives and n, 2n, 4n, 8n pages: compiled once, each page a lookup
    per character (it was compiled again for every page: 2,400 pages took 15 s)."""
    alternatives = ",".join(f"/section-{i}/**" for i in range(1000))
    cascade = {"cascade": [{"target": {"path": "{" + alternatives + "}"}, "params": {"x": 1}}]}

    def make(n: int) -> tuple[Cascades, list[str]]:
        pages = [f"section-{i % 50}/page-{i}.md" for i in range(n)]
        metas = {"_index.md": cascade, **{p: {"title": p} for p in pages}}
        return Cascades(metas), pages

    def cascade_all(made: tuple[Cascades, list[str]]) -> None:
        cascades, pages = made
        assert all(cascades.of(page) for page in pages)

    assert_linear(cascade_all, make, 1000)
