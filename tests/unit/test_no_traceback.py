"""Inputs that ended a build in a traceback (issue 11): each now builds, or stops with one
message naming the file, the line and the fix. Hugo 0.168 was run on the same input."""

from __future__ import annotations

from growth import assert_linear
from mkdocs_essays.frontmatter import read
from mkdocs_essays.hugo.shortcodes import expand, scan
from mkdocs_essays.hugo.shortcodes.constructs import line_ranges as _line_ranges
from mkdocs_essays.model.slugs import MAX_SEGMENT_BYTES, fit_location, fit_segment, too_deep
from mkdocs_essays.pages.aliases import alias_dest, resolve_alias
from mkdocs_essays.pages.urls import UrlPolicy
from shortcode_services import StubServices

LONG = "问" * 90  # 270 bytes: one folder name more than a file system holds


# -- names longer than 255 bytes ----------------------------------------------------------------


def test_a_long_segment_is_cut_with_a_hash_and_short_ones_are_kept() -> None:
    assert fit_segment("my-essay") == "my-essay"
    fitted = fit_segment(LONG)
    assert len(fitted.encode()) <= MAX_SEGMENT_BYTES
    assert fitted.startswith("问" * 60) and fitted != LONG
    assert fit_segment(LONG) == fitted  # stable from build to build
    other = fit_segment("问" * 89 + "答")  # same first 190 bytes, another name
    assert other != fitted
    assert fit_segment("a" * 300 + ".html").endswith(".html")


def test_every_page_file_fits_and_links_follow() -> None:
    # Hugo 0.168 stops on this tag: "mkdir .../tags/问问…: file name too long"
    policy = UrlPolicy()
    dest = policy.dest(f"tags/{LONG}")
    assert all(len(part.encode()) <= 255 for part in dest.split("/"))
    assert policy.url(f"tags/{LONG}").endswith("/") and "%E9%97%AE" in policy.url(f"tags/{LONG}")
    assert alias_dest(f"old/{LONG}") == f"old/{fit_segment(LONG)}/index.html"
    assert UrlPolicy(use_directory_urls=False).dest(f"posts/{LONG}").endswith(".html")


def test_a_path_too_deep_is_refused_for_a_field_and_folded_for_a_page() -> None:
    # Hugo 0.168 writes url = "/a/a/…" with 2,000 folders; MkDocs' os.makedirs recurses once
    # per folder (RecursionError), so 'url' is refused with a message naming the fix
    deep = "/".join(["a"] * 2000)
    assert "2,000 folders" in (too_deep(deep) or "")
    assert too_deep("posts/x") is None
    folded = fit_location(deep + "/index.html")
    assert len(folded.split("/")) <= 64 and folded.endswith("/index.html")
    assert len(folded.encode()) <= 1024
    try:
        resolve_alias("/" + deep + "/", "posts/x")
    except ValueError as error:
        assert "2,000 folders" in str(error) and "shorten it" in str(error)
    else:
        raise AssertionError("a 2,000-folder alias was accepted")


# -- nested shortcodes ----------------------------------------------------------------------------


def test_250_nested_shortcodes_render_not_a_recursion_error() -> None:
    # Hugo 0.168 renders 250 nested {{< box >}} ({{ .Inner }}), and 100,000; so do we (the
    # renderer once ended in a RecursionError, then refused more than 64 levels)
    text = "intro\n\n" + "{{< box >}}" * 250 + "core" + "{{< /box >}}" * 250 + "\n"
    expansion = expand(text, StubServices(""))
    assert expansion.markdown.split() == ["intro", "core"]
    assert not [p for p in expansion.problems if p.kind == "error"]
    # mkdocs-essays import only scans: any depth
    assert len(scan("{{< box >}}" * 5000 + "{{< /box >}}" * 5000)) == 5000


# -- hl_lines -------------------------------------------------------------------------------------


def test_hl_lines_are_clamped_to_the_block() -> None:
    # Hugo 0.168, a 3-line block: hl_lines=2 highlights "b" (lines count from the block's first,
    # whatever linenostart says); 4-5 highlights nothing
    assert _line_ranges("1-100000000", 3) == [(1, 3)]
    assert _line_ranges("2 4-5", 3) == [(2, 2)]
    assert _line_ranges("3-1 1 2-2", 5) == [(1, 2)]
    assert _line_ranges("1-" + "9" * 5000, 4) == [(1, 4)]
    assert _line_ranges("9" * 5000, 4) == []
    text = '{{< highlight python "hl_lines=1-100000000" >}}\nx = 1\ny = 2\n{{< /highlight >}}'
    for extensions in (frozenset(), frozenset({"pymdownx.superfences"})):
        out = expand(text, StubServices(""), extensions=extensions).markdown
        assert 'hl_lines="1-2"' in out or 'hl_lines="1 2"' in out  # was 47 s and 9.8 GB


def test_hl_lines_scale_with_the_ranges_not_their_width() -> None:
    # ranges a billion lines wide: the work follows the ranges given, not the lines they span
    assert_linear(
        lambda text: _line_ranges(text, 1000),
        lambda n: " ".join(f"1-{10**9}" for _ in range(n)),
        10000,
    )


# -- hide --------------------------------------------------------------------------------------


def test_hide_of_any_kind_with_toc_false() -> None:
    for hide, expected in (("5", [5, "toc"]), ("true", [True, "toc"]), ('["footer"]', None)):
        source = f"+++\ntitle = 'x'\nhide = {hide}\ntoc = false\n+++\n"
        meta = read(source, "docs/posts/x.md").front.meta()
        assert meta["hide"] == (expected or ["footer", "toc"])
    # without toc = false, Material still reads `"toc" in page.meta.hide`: a list it is
    assert read("+++\nhide = 5\n+++\n", "docs/x.md").front.meta()["hide"] == [5]
    assert read("+++\nhide = 'toc'\n+++\n", "docs/x.md").front.meta()["hide"] == "toc"
