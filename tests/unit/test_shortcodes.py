"""Hugo shortcodes: parsing, code-awareness, escapes, every built-in and the policies."""

from __future__ import annotations

import re
from typing import Any

import markdown
import pytest
from bs4 import BeautifulSoup
from conftest import HUGO_CODER
from growth import assert_linear
from hypothesis import given, settings
from hypothesis import strategies as st
from mkdocs_essays.hugo.markdown import CodeMap
from mkdocs_essays.hugo.shortcodes import (
    TARGETS,
    RefError,
    ShortcodeSyntaxError,
    expand,
    parse,
    scan,
    unescape,
)
from mkdocs_essays.render import Renderer

MATERIAL = frozenset(
    {"admonition", "pymdownx.tabbed", "pymdownx.superfences", "pymdownx.details", "md_in_html"}
)


class FakeSite:
    """Services as the plugin gives them, with a fixed set of pages."""

    def __init__(self, params: dict[str, Any] | None = None) -> None:
        self.renderer = Renderer()
        self.params = params or {"author": "Ana", "colors": ["red", "blue"]}
        self.refs: list[tuple[str, bool, bool]] = []

    def html(self, template: str, **context: Any) -> str:
        return self.renderer.render(template, **context)

    def ref(self, target: str, *, relative: bool, in_link: bool) -> str:
        self.refs.append((target, relative, in_link))
        if target.startswith("missing"):
            raise RefError(f"ref {target!r}: no page")
        return "../" + target.replace(".md", "/")

    def param(self, name: str) -> Any:
        return self.params.get(name)

    def resource(self, src: str) -> str:
        return "../" + src if not src.startswith("http") else src


def run(text: str, extensions: frozenset[str] = MATERIAL, **options: Any):
    return expand(text, FakeSite(), extensions=extensions, **options)


def render(text: str, extensions: frozenset[str] = MATERIAL, **options: Any) -> BeautifulSoup:
    """Expand, then render the Markdown with Python-Markdown as MkDocs would."""
    expansion = run(text, extensions, **options)
    assert not [p for p in expansion.problems if p.kind == "error"], expansion.problems
    names = [e for e in extensions if e != "pymdownx.superfences"]
    configs: dict[str, Any] = {"pymdownx.tabbed": {"alternate_style": True}}
    if "pymdownx.superfences" in extensions:
        names.append("pymdownx.superfences")
    html = markdown.markdown(
        expansion.markdown,
        extensions=["fenced_code", "tables", *names],
        extension_configs={k: v for k, v in configs.items() if k in names},
    )
    return BeautifulSoup(html, "lxml")


# -- parsing -------------------------------------------------------------------------------------


def test_arguments_positional_named_quoted_and_raw() -> None:
    (call,) = scan('{{< figure src="a b.png" alt=`raw "x"` width=300 >}}')
    assert call.name == "figure"
    assert call.named == {"src": "a b.png", "alt": 'raw "x"', "width": "300"}
    (call,) = scan('{{< highlight go "linenos=table,hl_lines=2" >}}x{{< /highlight >}}')
    assert call.positional == ("go", "linenos=table,hl_lines=2")
    assert call.inner == ["x"]
    (call,) = scan('{{% notice "say \\"hi\\"" %}}')
    assert call.markdown and call.positional == ('say "hi"',)


def test_tight_self_closing_and_nested_calls() -> None:
    calls = scan("{{<mermaid>}}\ngraph\n{{</mermaid>}} {{< br />}}")
    assert [c.name for c in calls] == ["mermaid", "br"]
    assert calls[0].inner == ["\ngraph\n"] and calls[1].self_closing
    (group, first, second) = scan(
        '{{< tabgroup >}}\n{{< tab name="A" >}}a{{< /tab >}}\n{{< tab "B" >}}b{{< /tab >}}\n'
        "{{< /tabgroup >}}"
    )
    assert group.inner is not None and [c for c in group.inner if not isinstance(c, str)] == [
        first,
        second,
    ]
    assert first.named == {"name": "A"} and second.positional == ("B",)


def test_call_without_closing_tag_gives_its_children_back() -> None:
    nodes = parse("{{< a >}} x {{< b >}}inner{{< /b >}}")
    a, text, b = nodes
    assert a.inner is None and text == " x " and b.inner == ["inner"]


def test_lines_are_counted() -> None:
    calls = scan("one\ntwo\n\n{{< a >}}\n{{< b >}}")
    assert [(c.name, c.line) for c in calls] == [("a", 4), ("b", 5)]


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("{{< /tab >}}", "never opened"),
        ("{{< >}}", "no name follows"),
        ('{{< x a="open >}}', "never closes"),
        ("{{< x a\n\nmore text", "not closed"),
    ],
)
def test_bad_syntax_names_the_line(text: str, needle: str) -> None:
    with pytest.raises(ShortcodeSyntaxError, match=needle) as caught:
        scan("first\n" + text)
    assert caught.value.line == 2
    problems = run("first\n" + text).problems
    assert [(p.kind, p.line) for p in problems] == [("error", 2)]


# -- code and escapes -------------------------------------------------------------------------


def test_calls_inside_code_are_untouched() -> None:
    text = (
        "```go\n{{< youtube abc >}}\n```\n\n"
        "    {{< youtube indented >}}\n\n"
        "Inline `{{< youtube span >}}` code.\n\n"
        "~~~~\n{{< x >}}\n~~~~\n\n"
        "<pre>{{< gist a b >}}</pre>\n"
    )
    assert scan(text) == []
    assert run(text).markdown == text


def test_indented_lines_in_a_list_are_not_code() -> None:
    text = "- item\n\n    {{< youtube abc >}}\n"
    assert [c.name for c in scan(text)] == ["youtube"]


def test_escaped_calls_become_literal_in_code_and_text() -> None:
    text = '```\n{{</* tab name="x" */>}}\n{{%/* notice */%}}\n```\n\nSee {{</* ref "x" */>}}.\n'
    out = run(text).markdown
    assert '{{< tab name="x" >}}' in out and "{{% notice %}}" in out
    assert 'See {{< ref "x" >}}.' in out
    assert "/*" not in out
    assert unescape("{{</*x*/>}}") == "{{<x>}}"


def test_a_fence_never_closed_is_no_code() -> None:
    """As on the rendered page: Python-Markdown shows the fence as text and what follows it as
    Markdown, so a shortcode after it is rendered."""
    code = CodeMap("a\n```\n{{< x >}}\n")
    assert not code.inside(len("a\n```\n"))
    assert run("a\n```\n{{< param author >}}\n").markdown == "a\n```\nAna\n"
    closed = CodeMap("a\n```\n{{< x >}}\n```\n")
    assert closed.inside(len("a\n```\n"))


# -- Hugo's built-ins ----------------------------------------------------------------------------


def test_ref_and_relref_use_the_site() -> None:
    site = FakeSite()
    out = expand('[a]({{< ref "posts/x.md" >}}) and <a href="{{< relref "y.md#h" >}}">b</a>', site)
    assert out.markdown == '[a](../posts/x/) and <a href="../y/#h">b</a>'
    assert site.refs == [("posts/x.md", False, True), ("y.md#h", True, False)]


def test_missing_ref_is_a_ref_problem_and_links_to_the_page() -> None:
    out = run('[a]({{< ref "missing.md" >}})')
    assert out.markdown == "[a](#)"
    assert [(p.kind, p.line) for p in out.problems] == [("ref", 1)]


def test_figure() -> None:
    soup = render(
        '{{< figure src="photo.jpg" alt="A cat" caption="By [Ana](https://a.example) <b>x</b>" '
        'title="Cats" link="big.jpg" width="300" class="wide" >}}'
    )
    figure = soup.find("figure")
    assert figure is not None and "wide" in figure["class"]
    img = figure.find("img")
    assert img["src"] == "../photo.jpg" and img["alt"] == "A cat" and img["width"] == "300"
    assert figure.find("a")["href"] == "../big.jpg"
    caption = figure.find("figcaption")
    assert caption.find("strong").get_text() == "Cats"
    assert caption.find("a", href="https://a.example").get_text() == "Ana"
    assert caption.find("b") is None and "<b>x</b>" in caption.get_text()  # raw HTML escaped


def test_highlight_with_superfences_options() -> None:
    text = (
        '{{< highlight go "linenos=table,hl_lines=2 4-5,linenostart=10" >}}\n'
        "a\nb\n{{< /highlight >}}"
    )
    out = run(text).markdown
    # Hugo 0.168 highlights line 2 only: lines 4-5 are not in the block (clamped away)
    assert '```go linenums="10" hl_lines="2"\na\nb\n```' in out
    soup = render(text)
    assert soup.select(".linenos, .linenodiv, [class*=lineno]"), soup
    assert soup.select("span.hll")


def test_highlight_without_superfences_uses_fenced_code() -> None:
    text = '{{< highlight python "hl_lines=1-2" >}}\na = 1\nb = ```x```\n{{< /highlight >}}'
    out = run(text, frozenset()).markdown
    assert '````python hl_lines="1 2"\na = 1\nb = ```x```\n````' in out
    code = render(text, frozenset()).find("code")
    assert code is not None and "b = ```x```" in code.get_text()


def test_highlight_inner_is_raw() -> None:
    text = "{{< highlight html >}}\n<b>{{ .Title }}</b> {{</* x */>}}\n{{< /highlight >}}"
    code = render(text).find("code")
    assert code is not None and code.get_text().strip() == "<b>{{ .Title }}</b> {{< x >}}"


def test_youtube_and_vimeo_are_privacy_enhanced_embeds() -> None:
    soup = render('{{< youtube id="ZJthWmvUzzc" start="30" >}}\n\n{{< vimeo 48912912 >}}')
    youtube, vimeo = soup.find_all("iframe")
    assert youtube["src"] == "https://www.youtube-nocookie.com/embed/ZJthWmvUzzc?start=30"
    assert vimeo["src"] == "https://player.vimeo.com/video/48912912?dnt=1"
    for frame in (youtube, vimeo):
        assert frame["loading"] == "lazy" and frame["title"]
        assert frame.parent.name == "div" and "essays-embed" in frame.parent["class"]


@pytest.mark.parametrize(
    ("call", "url", "text"),
    [
        (
            '{{< x user="SanDiegoZoo" id="1453110110599868418" >}}',
            "https://x.com/SanDiegoZoo/status/1453110110599868418",
            "Post by @SanDiegoZoo on X",
        ),
        (
            "{{< twitter user=jack id=20 >}}",
            "https://x.com/jack/status/20",
            "Post by @jack on X",
        ),
        ("{{< tweet 20 >}}", "https://x.com/i/status/20", "Post on X"),
        (
            "{{< gist spf13 7896402 img.html >}}",
            "https://gist.github.com/spf13/7896402#file-img-html",
            "img.html (gist by spf13)",
        ),
        ("{{< instagram CxOW >}}", "https://www.instagram.com/p/CxOW/", "Instagram post"),
    ],
)
def test_posts_become_links(call: str, url: str, text: str) -> None:
    link = render(call).find("a")
    assert link is not None and link["href"] == url and link.get_text() == text


def test_details_in_each_markdown_dialect() -> None:
    text = '{{< details summary="More" open=true >}}\n**bold**\n{{< /details >}}'
    soup = render(text)
    details = soup.find("details")
    assert details is not None and details.has_attr("open")
    assert details.find("summary").get_text() == "More"
    assert details.find("strong").get_text() == "bold"
    html_only = render(text, frozenset({"md_in_html"}))
    assert html_only.find("details").find("strong") is not None
    bare = run(text, frozenset())
    assert [p.kind for p in bare.problems] == ["extension"]
    assert "**bold**" in bare.markdown and "{{" not in bare.markdown


def test_param_from_the_site() -> None:
    assert run('By {{< param "author" >}}, {{< param colors >}}.').markdown == "By Ana, red, blue."
    out = run('{{< param "nope" >}}')
    assert [p.kind for p in out.problems] == ["error"] and "'nope'" in out.problems[0].message


@pytest.mark.parametrize(
    ("call", "needle"),
    [
        ("{{< youtube >}}", "video id"),
        ("{{< vimeo abc >}}", "numeric video id"),
        ("{{< x user=a >}}", "post id"),
        ("{{< gist a >}}", "user and an id"),
        ("{{< figure >}}", "image"),
        ("{{< highlight go >}}", "closed by {{< /highlight >}}"),
        ("{{< ref >}}", "needs a page"),
    ],
)
def test_built_ins_say_what_they_need(call: str, needle: str) -> None:
    problems = run(call).problems
    assert [p.kind for p in problems] == ["error"]
    assert needle in problems[0].message


# -- Markdown constructs ------------------------------------------------------------------------


def test_notice_becomes_an_admonition() -> None:
    soup = render('{{< notice warning "Careful now" >}}\nDo **not**.\n{{< /notice >}}')
    box = soup.select_one("div.admonition.warning")
    assert box is not None
    assert box.select_one(".admonition-title").get_text() == "Careful now"
    assert box.find("strong").get_text() == "not"


def test_tabgroup_becomes_content_tabs_with_code_inside() -> None:
    text = (
        '{{< tabgroup align="right" >}}\n{{< tab name="Ruby" >}}\n\n```ruby\nputs 1\n```\n\n'
        '{{< /tab >}}\n{{< tab name="Python" >}}\nprint(1)\n{{< /tab >}}\n{{< /tabgroup >}}'
    )
    soup = render(text)
    assert [label.get_text() for label in soup.select(".tabbed-labels label")] == [
        "Ruby",
        "Python",
    ]
    blocks = soup.select(".tabbed-block")
    assert blocks[0].find("code").get_text().strip() == "puts 1"
    assert blocks[1].get_text().strip() == "print(1)"


def test_two_tab_groups_stay_apart() -> None:
    group = '{{< tabs >}}{{< tab "A" >}}a{{< /tab >}}{{< /tabs >}}\n'
    soup = render(group + "\n" + group)
    assert len(soup.select(".tabbed-set")) == 2


def test_mermaid_becomes_a_mermaid_fence() -> None:
    out = run("{{<mermaid>}}\nflowchart LR\n    A --> B\n{{</mermaid>}}").markdown
    assert "```mermaid\nflowchart LR\n    A --> B\n```" in out


def test_a_call_inside_a_list_item_keeps_its_indentation() -> None:
    soup = render(
        "1. Step one\n\n    {{< notice tip >}}\n    Hint.\n    {{< /notice >}}\n\n2. Two\n"
    )
    item = soup.find("li")
    assert item is not None and item.select_one("div.admonition.tip") is not None
    assert len(soup.find_all("li")) == 2


def test_missing_extension_is_reported_and_text_kept() -> None:
    out = run("{{< notice note >}}\nHello.\n{{< /notice >}}", frozenset())
    assert [(p.kind, p.name) for p in out.problems] == [("extension", "admonition:admonition")]
    assert "'admonition'" in out.problems[0].message
    assert out.markdown.strip() == "Hello."


# -- what has no equivalent ---------------------------------------------------------------------


def test_unknown_keeps_inner_text_by_default_and_reports_each_use() -> None:
    out = run("{{< foo >}}\nInner *text*.\n{{< /foo >}}\n\nA {{< foo a >}} b.\n")
    assert "Inner *text*." in out.markdown and "{{" not in out.markdown
    assert [(p.kind, p.name, p.line) for p in out.problems] == [
        ("unknown", "foo", 1),
        ("unknown", "foo", 5),
    ]
    assert "inner text is kept" in out.problems[0].message
    assert "shortcodes:" in out.problems[0].message


def test_unknown_strip_and_fail() -> None:
    stripped = run("a {{< foo >}}inner{{< /foo >}} b", unknown="strip")
    assert stripped.markdown == "a  b" and stripped.problems[0].kind == "unknown"
    failed = run("{{< foo >}}", unknown="fail")
    assert [p.kind for p in failed.problems] == ["error"]


def test_mapping_chooses_the_target_without_a_warning() -> None:
    out = run(
        "{{< callout info >}}\nx\n{{< /callout >}}\n{{< foo >}}y{{< /foo >}}\n{{< bar >}}",
        mapping={"callout": "admonition", "foo": "keep", "bar": "fail"},
    )
    assert "!!! info" in out.markdown and "y" in out.markdown
    assert [(p.kind, p.name) for p in out.problems] == [("error", "bar")]


def test_inline_shortcodes_are_templates_not_text() -> None:
    out = run("{{< css.inline >}}\n<style>{{ .Title }}</style>\n{{< /css.inline >}}\n")
    assert out.markdown.strip() == ""
    assert out.problems[0].kind == "unknown" and "inline shortcode" in out.problems[0].message
    assert "left out" in out.problems[0].message


def test_every_target_is_accepted_by_the_option() -> None:
    for target in TARGETS:
        out = run("{{< thing >}}", mapping={"thing": target})
        assert not [p for p in out.problems if p.kind == "unknown"], target


# -- the corpus and properties --------------------------------------------------------------------


def outside_code(text: str) -> str:
    code = CodeMap(text)
    return "".join(c for i, c in enumerate(text) if not code.inside(i))


_CORPUS_PAGES = sorted((HUGO_CODER / "content").rglob("*.md")) or [
    pytest.param(
        None, marks=pytest.mark.skip(reason=f"corpus 'hugo-coder' is absent: {HUGO_CODER}")
    )
]


@pytest.mark.parametrize(
    "path",
    _CORPUS_PAGES,
    ids=lambda p: p.relative_to(HUGO_CODER / "content").as_posix() if p else "absent",
)
def test_no_call_survives_outside_code_in_the_corpus(path) -> None:
    text = path.read_text("utf-8")
    out = run(text, mapping={"css.inline": "strip", "math.inline": "strip"})
    assert not [p for p in out.problems if p.kind != "unknown"], out.problems
    assert not re.search(r"\{\{[<%]", outside_code(out.markdown))


PIECES = st.sampled_from(
    [
        "text ",
        "\n",
        "\n\n",
        "`code {{< x >}}` ",
        "```\n{{< y >}}\n```\n",
        "{{< notice note >}}",
        "{{< /notice >}}",
        '{{< youtube "abc" >}}',
        "{{</* escaped */>}}",
        "{{< foo >}}",
        "{{< /foo >}}",
        "{{% details %}}",
        "{{% /details %}}",
        "- item\n",
        "    indented\n",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(PIECES, max_size=12))
def test_no_unescaped_call_survives_any_mix(pieces: list[str]) -> None:
    text = "".join(pieces)
    out = run(text)
    errors = [p for p in out.problems if p.kind == "error"]
    if errors:
        # A syntax error stops the build (nothing is published); it must name a shortcode of
        # the text and a line.
        for error in errors:
            assert error.line >= 1, (text, error)
            assert called(error) in text, (text, error)
        return
    escaped = text.count("{{</* escaped */>}}")
    remaining = outside_code(out.markdown).count("{{<") + outside_code(out.markdown).count("{{%")
    assert remaining <= escaped, out.markdown


def called(problem) -> str:
    """The shortcode a problem is about: its name, else the call its message quotes."""
    quoted = re.search(r"\{\{[<%] /?([\w.-]+)", problem.message)
    name = problem.name or (quoted[1] if quoted else "")
    assert name, problem
    return name


# Found by the property above once its error branch had to check something: when the first
# pass renders a call that stood just before a ``` (which then opens a fence), the second pass
# reported its errors at lines of the rendered text (here line 8 of a text of 5 lines), and a
# stray closing call's problem carried no name.
STRAY = "{{< notice note >}}```\n{{< y >}}\n```\n{{< /foo >}}\n```\n"


def test_an_error_found_in_the_second_pass_names_its_line_in_the_source() -> None:
    out = run(STRAY)
    assert out.markdown.startswith("\n\n!!! note\n\n```")  # the first pass made the fence
    errors = [p for p in out.problems if p.kind == "error"]
    assert [(p.name, p.line) for p in errors] == [("foo", 4)]


def test_problems_of_a_later_pass_are_placed_in_the_source() -> None:
    """A call the second pass renders is reported at its own line: text copied from the page
    keeps its lines; what a call wrote is placed at the call."""
    text = "Intro.\n\n{{< notice >}}```\n{{< y >}}\n```\n\n{{< unknown >}}\n```\n"
    out = run(text)
    assert [(p.kind, p.name, p.line) for p in out.problems] == [("unknown", "unknown", 7)]


def test_a_stray_closing_call_names_its_shortcode() -> None:
    errors = [p for p in run("text\n{{< /foo >}}\n").problems if p.kind == "error"]
    assert [(p.name, p.line) for p in errors] == [("foo", 2)]


def test_a_syntax_error_names_its_shortcode_when_it_has_one() -> None:
    errors = run('a\n{{< youtube id="x >}}\n').problems
    assert [(p.kind, p.name, p.line) for p in errors] == [("error", "youtube", 2)]
    assert [p.name for p in run("{{< >}}").problems] == [""]  # no name was written


def test_a_second_pass_and_its_line_map_are_linear() -> None:
    def page(n: int) -> str:
        return "{{< notice >}}```\n{{< y >}}\n```\n" + "text\n\n{{< unknown >}}\n" * n + "```\n"

    out = run(page(3))
    assert [p.line for p in out.problems if p.kind == "unknown"] == [6, 9, 12]  # as written
    assert_linear(lambda text: run(text).problems, page, 200)
