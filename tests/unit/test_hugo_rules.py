"""Hugo's content rules from paths and Markdown alone: translations, _index.md, bundles,
headings and their ids, the <!--more--> heading, root links, and ref's page lookup."""

from __future__ import annotations

import pytest
from markdown.extensions.toc import slugify
from mkdocs_essays.hugo.layout import (
    bundle_folders,
    bundle_of,
    classify_index,
    is_index_page,
    language_of,
    without_language,
)
from mkdocs_essays.hugo.markdown import (
    heading_ids,
    hugo_anchor,
    more_out_of_headings,
    rewrite_root_links,
)
from mkdocs_essays.hugo.refs import PageIndex, RefTarget, logical_path
from mkdocs_essays.hugo.shortcodes import RefError
from mkdocs_essays.parsing.ids import PlainNamer


@pytest.mark.parametrize(
    ("path", "language"),
    [
        ("about.pt-br.md", "pt-br"),
        ("posts/x.fr.md", "fr"),
        ("categories/themes/_index.pt-br.md", "pt-br"),
        ("posts/x.zh-Hant-TW.md", "zh-hant-tw"),
        ("about.md", None),
        ("notes.v2.md", None),
        ("backup.old.md", None),
        ("x.draft.md", None),
        ("version.1.2.md", None),
    ],
)
def test_language_of_a_file_name(path: str, language: str | None) -> None:
    assert language_of(path) == language


def test_without_language() -> None:
    assert without_language("posts/x.en.md") == "posts/x.md"
    assert without_language("_index.pt-br.md") == "_index.md"


def test_index_pages_are_classified_as_hugo_does() -> None:
    plurals = ("tags", "categories", "series")
    assert is_index_page("posts/_index.md") and not is_index_page("posts/index.md")
    assert classify_index("_index.md", plurals).kind == "home"
    assert classify_index("posts/_index.md", plurals).kind == "section"
    assert classify_index("tags/_index.md", plurals).kind == "taxonomy"
    term = classify_index("categories/Théme Demo/_index.md", plurals)
    assert (term.kind, term.taxonomy, term.term) == ("term", "categories", "Théme Demo")
    assert classify_index("notes/deep/_index.md", plurals).kind == "section"


def test_leaf_bundles() -> None:
    uris = [
        "posts/a/index.md",
        "posts/a/notes.md",
        "posts/a/inner/index.md",
        "posts/b.md",
        "posts/index.md",
        "about/index.md",
    ]
    bundles = bundle_folders(uris, "posts")
    assert bundles == {"posts/a": "posts/a/index.md"}  # outermost only; not the section
    assert bundle_of("posts/a/notes.md", bundles) == "posts/a"
    assert bundle_of("posts/a/inner/index.md", bundles) == "posts/a"
    assert bundle_of("posts/a/index.md", bundles) is None
    assert bundle_of("posts/b.md", bundles) is None


# -- headings -------------------------------------------------------------------------------------


def test_heading_ids_outside_code_with_explicit_ids() -> None:
    text = (
        "# Title\n\n```\n# not a heading\n```\n\n## Café & Crème {#custom}\n\n"
        "Setext\n------\n\n    # indented code\n"
    )
    ids = heading_ids(text, PlainNamer(slugify))
    assert ids == {"title": "title", "custom": "custom", "setext": "setext"}


def test_hugo_ids_lead_to_mkdocs_ids() -> None:
    text = "## Café au lait\n\n## Notes\n\n## Notes\n\n## Hello, World!\n"
    ids = heading_ids(text, PlainNamer(slugify))
    assert hugo_anchor("Café au lait") == "café-au-lait"
    assert ids["café-au-lait"] == "cafe-au-lait"  # Hugo's id -> MkDocs' id
    assert ids["cafe-au-lait"] == "cafe-au-lait"
    assert ids["notes"] == "notes"
    assert ids["notes-1"] == "notes_1" and ids["notes_1"] == "notes_1"
    assert ids["hello-world"] == "hello-world"


def test_more_divider_inside_a_heading_becomes_the_divider() -> None:
    text = "Intro.\n\n## <!--more-->\n\n## Real\n\n```\n## <!--more-->\n```\n"
    out = more_out_of_headings(text)
    assert out.startswith("Intro.\n\n<!--more-->\n\n## Real")
    assert out.endswith("```\n## <!--more-->\n```\n")  # code untouched


def test_root_links_are_rewritten_outside_code_only() -> None:
    seen: list[tuple[str, bool]] = []

    def resolve(path: str, html: bool) -> str | None:
        seen.append((path, html))
        return None if path.startswith("/nowhere") else "REL" + path

    text = (
        '[a](/posts/x "t") ![i](/img/a.png) [b](//cdn.example/x) [c](/nowhere)\n'
        '[ref]: /posts/y#h\n<a href="/tags/z/">z</a> `[d](/posts/code)`\n'
    )
    out = rewrite_root_links(text, resolve)
    assert out == (
        '[a](REL/posts/x "t") ![i](REL/img/a.png) [b](//cdn.example/x) [c](/nowhere)\n'
        '[ref]: REL/posts/y#h\n<a href="REL/tags/z/">z</a> `[d](/posts/code)`\n'
    )
    assert ("/tags/z/", True) in seen and ("/posts/x", False) in seen


# -- ref lookup -----------------------------------------------------------------------------------


def index() -> PageIndex:
    def anchors():
        return {"setup": "setup", "café": "cafe"}

    pages = [
        RefTarget("posts/first.md", "posts/first/", "docs/posts/first.md", anchors),
        RefTarget("posts/bundle/index.md", "posts/renamed/", "docs/posts/bundle/index.md"),
        RefTarget("posts/bundle/../_index.md", "posts/", "docs/posts/_index.md"),
        RefTarget("about.md", "about/", "docs/about.md"),
        RefTarget("notes/guide.md", "notes/guide/", "docs/notes/guide.md"),
        RefTarget("posts/guide.md", "posts/guide/", "docs/posts/guide.md"),
        RefTarget("posts/draft.md", "posts/draft/", "docs/posts/draft.md", None, "a draft"),
    ]
    return PageIndex(pages)


@pytest.mark.parametrize(
    ("ref", "src"),
    [
        ("posts/first.md", "posts/first/"),
        ("/posts/first", "posts/first/"),
        ("first.md", "posts/first/"),  # relative to the calling page's folder
        ("first", "posts/first/"),
        ("posts/bundle", "posts/renamed/"),
        ("about", "about/"),  # from the root when not beside the page
        ("bundle/index.md", "posts/renamed/"),
        ("/posts", "posts/"),
        ("POSTS/First.md", "posts/first/"),
    ],
)
def test_refs_find_pages_like_hugo(ref: str, src: str) -> None:
    page, fragment = index().resolve(ref, "posts/other.md")
    assert page.url == src and fragment == ""


def test_ref_headings_and_the_page_itself() -> None:
    pages = index()
    page, fragment = pages.resolve("first.md#café", "posts/other.md")
    assert (page.url, fragment) == ("posts/first/", "cafe")
    page, fragment = pages.resolve("#setup", "posts/first.md")
    assert (page.url, fragment) == ("posts/first/", "setup")


@pytest.mark.parametrize(
    ("ref", "needle"),
    [
        ("nothing.md", "no page at"),
        ("guide", "ambiguous: docs/notes/guide.md, docs/posts/guide.md"),
        ("posts/draft.md", "a draft"),
        # a missing fragment is a MissingFragment (a RefError the renderer reports as a warning)
        ("posts/first.md#nope", "no element with the id 'nope' (its ids: cafe, setup)"),
        ("posts/bundle#x", "it has no headings or ids"),
    ],
)
def test_ref_errors_say_what_was_wrong(ref: str, needle: str) -> None:
    with pytest.raises(RefError) as caught:
        index().resolve(ref, "pages/x.md")
    assert needle in str(caught.value)


def test_logical_paths() -> None:
    assert logical_path("/posts/x.md") == "posts/x"
    assert logical_path("posts/x/index.md") == "posts/x"
    assert logical_path("posts/_index.md") == "posts"
    assert logical_path("posts/./a/../b.md") == "posts/b"
    assert logical_path("../../etc") == "etc"
