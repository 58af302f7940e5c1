"""Shortcodes nested as deep as Hugo 0.168 nests them (issue 11).

Hugo 0.168, a site with ``layouts/shortcodes/box.html`` = ``<div>{{ .Inner }}</div>``: 250,
1,000, 10,000 and 100,000 nested ``{{< box >}}`` render (100,000 ``<div>``, no limit, no
message); ``{{% box %}}`` renders 250, 1,000, 5,000, 10,000 and 20,000 deep too (in 8, 31 and
125 s for the last three: Hugo is quadratic there, but has no limit). The renderer here is
iterative, so any depth renders; only the blocks it writes for Python-Markdown (admonitions,
collapsible blocks, tabs) stop at :data:`MAX_BLOCKS`, because Python-Markdown's parser recurses
once per level of them.
"""

from __future__ import annotations

import re

import markdown
import pytest
from conftest import MakeSite
from growth import assert_linear
from lxml import html as lxml_html
from mkdocs_essays.hugo.shortcodes import MAX_BLOCKS, Problem, expand
from shortcode_services import StubServices

FORMS = {"angle": ("{{< box >}}", "{{< /box >}}"), "percent": ("{{% box %}}", "{{% /box %}}")}


def _nested(form: str, depth: int, *, lines: bool, core: str = "core") -> str:
    opening, closing = FORMS[form]
    if lines:
        return "\n".join([opening] * depth + [core] + [closing] * depth)
    return opening * depth + core + closing * depth


def _errors(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.kind in ("error", "warning")]


# -- any depth --------------------------------------------------------------------------------


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("depth", [250, 1_000, 10_000])
@pytest.mark.parametrize("lines", [False, True], ids=["one-line", "a-line-each"])
def test_nested_shortcodes_render_at_any_depth(form: str, depth: int, lines: bool) -> None:
    # was: "nested more than 64 shortcodes deep" (and a RecursionError before that)
    text = "intro\n\n" + _nested(form, depth, lines=lines) + "\n\nafter\n"
    expansion = expand(text, StubServices())
    assert expansion.markdown.split() == ["intro", "core", "after"]
    assert not _errors(expansion.problems)
    unknown = [p for p in expansion.problems if p.kind == "unknown"]
    assert len(unknown) == depth  # one per call, as for any unknown shortcode
    assert unknown[0].line == 3 and unknown[-1].line == (3 + depth - 1 if lines else 3)


def test_deep_nesting_keeps_what_each_level_writes() -> None:
    depth = 2_000
    text = "".join(f"{{{{< box >}}}}w{i} " for i in range(depth)) + "core" + "{{< /box >}}" * depth
    words = expand(text, StubServices()).markdown.split()
    assert words == [f"w{i}" for i in range(depth)] + ["core"]


def test_deep_nesting_of_known_shortcodes_inside_unknown_ones() -> None:
    # a figure (HTML) and a ref (inline) at the bottom of 5,000 unknown calls
    inner = '{{< figure src="a.jpg" >}} [l]({{< ref "x.md" >}})'
    expansion = expand(_nested("angle", 5_000, lines=True, core=inner), StubServices())
    assert "<span>embed</span> [l](x/)" in expansion.markdown
    assert not _errors(expansion.problems)


# -- blocks for Python-Markdown ---------------------------------------------------------------

BLOCKS = {
    "admonition": ("admonition", ["admonition"], "!!! note", "div.admonition"),
    "pymdownx.details": ("details", ["pymdownx.details"], "??? note", "details"),
    "md_in_html": ("details", ["md_in_html"], "<details", "details"),
    "tab": ("tab", ["pymdownx.tabbed"], '=== "Tab 1"', "div.tabbed-set"),
}


def _count(html: str, selector: str) -> int:
    element, _, css = selector.partition(".")
    tree = lxml_html.fromstring(f"<body>{html}</body>")
    path = f"//{element}" + (f"[contains(concat(' ', @class, ' '), ' {css} ')]" if css else "")
    return len(tree.xpath(path))


@pytest.mark.parametrize("case", BLOCKS)
def test_blocks_nest_as_deep_as_python_markdown_renders_them(case: str) -> None:
    target, extensions, head, selector = BLOCKS[case]
    text = "intro\n\n" + _nested("percent", MAX_BLOCKS, lines=True) + "\n"
    expansion = expand(text, StubServices(), mapping={"box": target}, extensions=set(extensions))
    assert not expansion.problems
    assert expansion.markdown.count(head) == MAX_BLOCKS
    html = markdown.markdown(expansion.markdown, extensions=extensions)
    assert _count(html, selector) == MAX_BLOCKS
    assert "core" in html


@pytest.mark.parametrize("case", BLOCKS)
def test_deeper_blocks_keep_their_inner_text_with_one_warning(case: str) -> None:
    target, extensions, head, selector = BLOCKS[case]
    depth = MAX_BLOCKS + 150
    text = "intro\n\n" + _nested("angle", depth, lines=True) + "\n"
    expansion = expand(text, StubServices(), mapping={"box": target}, extensions=set(extensions))
    [warning] = expansion.problems
    assert warning.kind == "warning"
    assert warning.line == 3 + MAX_BLOCKS  # the first call past the limit
    assert f"nested inside {MAX_BLOCKS} blocks" in warning.message
    assert "Close some of the shortcodes around it sooner" in warning.message
    assert expansion.markdown.count(head) == MAX_BLOCKS
    html = markdown.markdown(expansion.markdown, extensions=extensions)  # no RecursionError
    assert _count(html, selector) == MAX_BLOCKS
    assert "core" in html and "{{" not in html


def test_python_markdown_recurses_on_nested_admonitions() -> None:
    # why MAX_BLOCKS exists: written out, 1,000 nested admonitions end Python-Markdown 3.x in a
    # RecursionError (parseChunk -> parseBlocks -> AdmonitionProcessor.run, once per level).
    # When this fails, Python-Markdown nests without recursing and the limit can go.
    text = "\n\n".join("    " * level + "!!! note" for level in range(1_000)) + "\n\n"
    text += "    " * 1_000 + "core\n"
    with pytest.raises(RecursionError):
        markdown.markdown(text, extensions=["admonition"])


def test_a_warning_for_each_place_too_deep() -> None:
    depth = MAX_BLOCKS + 5
    deep = _nested("angle", depth, lines=True)  # 2 * depth + 1 lines
    text = deep + "\n\n" + deep + "\n"
    expansion = expand(
        text, StubServices(), mapping={"box": "admonition"}, extensions={"admonition"}
    )
    second = 2 * depth + 3
    assert [p.line for p in expansion.problems] == [1 + MAX_BLOCKS, second + MAX_BLOCKS]


# -- in a MkDocs build ------------------------------------------------------------------------


def _essay(body: str) -> str:
    return "+++\ntitle = 'Deep'\ndate = 2024-01-01\n+++\n\nIntro.\n\n" + body + "\n\nAfter.\n"


def test_a_site_builds_with_shortcodes_nested_deep(make_site: MakeSite) -> None:
    # the essay of tests/hostile/ (250 on one line), 1,000 {{% %}} a line each, and 250 nested
    # admonitions: Python-Markdown renders 100 of them, the rest keep their text
    site = make_site(
        {
            "docs/posts/unknown.md": _essay(_nested("percent", 1_000, lines=True)),
            "docs/posts/notes.md": _essay(
                _nested("percent", 250, lines=True).replace("box", "note")
            ),
        },
        config={"plugins": ["essays"], "markdown_extensions": ["admonition"]},
        plugin={"shortcodes": {"note": "admonition"}},
        warnings=[
            re.escape("docs/posts/unknown.md:8: the shortcode 'box' has no equivalent here")
            + ".*1000 uses in 1 file",
            re.escape(
                f"docs/posts/notes.md:{8 + MAX_BLOCKS}: the shortcode 'note' is nested inside "
                f"{MAX_BLOCKS} blocks"
            ),
        ],
    )
    unknown = site.content("posts/unknown/")
    for page in (unknown, notes := site.content("posts/notes/")):
        for block in page.select(".essay-cards-block"):  # (related essays, the map)
            block.decompose()
    assert unknown.get_text().split()[-3:] == ["Intro.", "core", "After."]
    assert len(notes.select("div.admonition")) == MAX_BLOCKS
    assert notes.get_text().split()[-3:] == ["Note", "core", "After."]


# -- linear time ------------------------------------------------------------------------------


def _expand(text: str) -> object:
    return expand(text, StubServices())


def _expand_admonitions(text: str) -> object:
    return expand(text, StubServices(), mapping={"box": "admonition"}, extensions={"admonition"})


A, Z = FORMS["angle"]
P, Q = FORMS["percent"]
GROWTH = {
    # depth: n nested calls
    "depth-one-line": (_expand, lambda n: A * n + "core" + Z * n, 500),
    "depth-one-line-percent": (_expand, lambda n: P * n + "core" + Q * n, 500),
    "depth-a-line-each": (_expand, lambda n: "\n".join([A] * n + ["core"] + [Z] * n), 500),
    "depth-never-closed": (_expand, lambda n: A * n + "core", 500),
    "depth-a-word-each": (_expand, lambda n: (A + "w ") * n + "core" + Z * n, 500),
    "depth-a-line-of-text-each": (_expand, lambda n: (A + "\nw\n") * n + "core" + Z * n, 500),
    "depth-indented-text-each": (_expand, lambda n: (A + "\n  w\n") * n + "core" + Z * n, 500),
    "depth-in-quotes": (
        _expand,
        lambda n: "\n".join(["> " + A] * n + ["> core"] + ["> " + Z] * n),
        500,
    ),
    # width: n calls side by side
    "width-one-line": (_expand, lambda n: (A + "x" + Z) * n, 500),
    "width-a-line-each": (_expand, lambda n: (A + "\nx\n" + Z + "\n") * n, 500),
    "width-inside-one": (_expand, lambda n: A + (P + "x" + Q + " ") * n + Z, 500),
    "width-admonitions": (_expand_admonitions, lambda n: (A + "\nx\n" + Z + "\n\n") * n, 500),
}


@pytest.mark.parametrize("case", GROWTH)
def test_nesting_is_linear(case: str) -> None:
    function, make, n = GROWTH[case]
    assert_linear(function, make, n)
