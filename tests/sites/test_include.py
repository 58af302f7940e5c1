"""The ``include`` shortcode: another content page's Markdown in place, as the include that
Hugo's own documentation gives for ``.RenderShortcodes`` (``layouts/_shortcodes/include.html``:
``{{ with site.GetPage (.Get 0) }}{{ .RenderShortcodes }}{{ end }}``) renders it in Hugo 0.168,
which is built here on the same content and compared."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import MakeSite
from growth import assert_linear
from hugo_compare import STUB_SITE, build_with_hugo, run_hugo
from mkdocs_essays.hugo.shortcodes import MAX_INCLUDED, RefError, expand
from mkdocs_essays.render import Renderer

# Hugo's documented template, with its error for a page it cannot find
INCLUDE_HTML = """{{ with .Get 0 }}
  {{ with $.Page.GetPage . }}
    {{- .RenderShortcodes }}
  {{ else }}
    {{ errorf "The %q shortcode was unable to find %q. See %s" $.Name . $.Position }}
  {{ end }}
{{ end }}"""

CONTENT = {
    "_common/_index.md": "---\ncascade:\n  build:\n    list: never\n    render: never\n---\n",
    "_common/note.md": (
        "---\n_comment: Do not remove front matter.\n---\n\n"
        "Do not commit the public folder.\n\n"
        '{{% include "/_common/inner.md" %}}\n'
    ),
    "_common/inner.md": "---\n---\n\nThe inner snippet, **included twice deep**.\n",
    "posts/a.md": (
        "---\ntitle: A\ndate: 2024-01-01\n---\n\nBefore.\n\n"
        '{{% include "/_common/note.md" %}}\n\n'
        '- item\n\n    {{% include "/_common/inner" %}}\n\nAfter.\n'
    ),
}


def _text(soup: BeautifulSoup) -> str:
    return " ".join(soup.get_text().split())


def test_included_pages_render_in_place_as_in_hugo(make_site: MakeSite, tmp_path: Path) -> None:
    site = make_site(
        {f"docs/{name}": text for name, text in CONTENT.items()},
        plugin={"hugo_content": True, "essays_dir": "posts"},
    )
    ours = site.content("posts/a/")
    text = _text(ours)
    assert "Do not commit the public folder." in text
    assert text.count("The inner snippet, included twice deep.") == 2
    assert "_comment" not in text and "{{%" not in text
    assert ours.find("strong").get_text() == "included twice deep"
    # the one in the list item stays in the list item
    assert "included twice deep" in ours.find("li").get_text()
    assert not site.exists("_common/note/") and not site.exists("_common/inner/")

    public = build_with_hugo(
        tmp_path / "hugo",
        {
            "layouts/_shortcodes/include.html": INCLUDE_HTML,
            **{f"content/{name}": text for name, text in CONTENT.items()},
        },
    )
    hugo = BeautifulSoup((public / "posts/a/index.html").read_text("utf-8"), "lxml")
    assert "Do not commit the public folder." in _text(hugo)
    # (the include nested in the list item is a code block there: in CommonMark four spaces
    # after "- " are code; Python-Markdown, which MkDocs uses, keeps it in the item)
    assert hugo.find("strong").get_text() == "included twice deep"
    assert not (public / "_common/note/index.html").exists()


def test_a_missing_page_and_a_loop_are_errors_naming_the_line(make_site: MakeSite) -> None:
    files = {
        "docs/posts/a.md": '---\ntitle: A\n---\n\nText.\n\n{{% include "/nope.md" %}}\n',
        "docs/posts/b.md": '---\ntitle: B\n---\n\n{{% include "c.md" %}}\n',
        "docs/posts/c.md": '---\ntitle: C\n---\n\nC.\n\n{{% include "b.md" %}}\n',
    }
    site = make_site(files, plugin={"hugo_content": True}, expect_error=True)
    assert site.error is not None
    assert re.search(r"docs/posts/a\.md:7: include '/nope\.md': no page at", site.error)
    # b includes c, which includes b: one error naming the loop (b's build and c's meet it)
    loops = re.findall(r"a loop of includes \(([^)]*)\)", site.error)
    assert loops == ["docs/posts/b.md -> docs/posts/c.md -> docs/posts/b.md"], site.error


class _Site:
    """The services a page's shortcodes get, with a fixed set of pages to include."""

    def __init__(self, pages: dict[str, str]) -> None:
        self.renderer = Renderer()
        self.pages = pages

    def html(self, template: str, **context: object) -> str:
        return self.renderer.render(template, **context)

    def ref(self, target: str, *, relative: bool, in_link: bool) -> str:
        return "../" + target

    def param(self, name: str) -> object:
        return None

    def resource(self, src: str) -> str:
        return src

    def include(self, target: str) -> tuple[str, str, str]:
        if target not in self.pages:
            raise RefError(f"ref {target!r}: no page at {target}")
        return target, f"docs/{target}", self.pages[target]


def test_problems_inside_an_included_page_name_that_page_and_line() -> None:
    site = _Site({"snip.md": "One.\n\n{{< figure >}}\n"})
    out = expand('Top.\n\n{{% include "snip.md" %}}\n', site)
    assert [(p.kind, p.line) for p in out.problems] == [("error", 3)]
    assert "(in docs/snip.md, line 3, included here)" in out.problems[0].message


@pytest.mark.parametrize("call", ["{{% include %}}", '{{% include "" %}}'])
def test_an_include_without_a_page_says_how_to_write_it(call: str) -> None:
    out = expand(call, _Site({}))
    assert [p.kind for p in out.problems] == ["error"]
    assert "include needs the page to include" in out.problems[0].message


def test_named_file_argument_as_relearn_writes_it() -> None:
    out = expand('{{% include file="snip.md" %}}', _Site({"snip.md": "Snippet."}))
    assert out.problems == [] and out.markdown.strip() == "Snippet."


def test_includes_nested_too_deep_stop_with_a_message() -> None:
    pages = {f"p{i}.md": f'{{{{% include "p{i + 1}.md" %}}}}' for i in range(40)}
    pages["p40.md"] = "end"
    out = expand('{{% include "p0.md" %}}', _Site(pages))
    assert any("nested more than 16 deep" in p.message for p in out.problems)


# -- what the build does not publish is not published through an include either --------------

UNPUBLISHED = {
    "posts/secret.md": "---\ntitle: Secret\ndraft: true\ndate: 2024-01-01\n---\nSECRET TEXT\n",
    "posts/later.md": "---\ntitle: Later\ndate: 2099-01-01\n---\nFUTURE TEXT\n",
    "posts/old.md": (
        "---\ntitle: Old\ndate: 2020-01-01\nexpiryDate: 2021-01-01\n---\nEXPIRED TEXT\n"
    ),
    "pages/hidden.md": "---\ntitle: Hidden\ndraft: true\n---\nDRAFT PAGE TEXT\n",
}
INCLUDERS = {
    f"posts/with-{name.split('/')[1][:-3]}.md": (
        f'---\ntitle: With\ndate: 2024-01-01\n---\nText.\n\n{{{{% include "/{name}" %}}}}\n'
    )
    for name in UNPUBLISHED
}


def test_an_include_of_an_unpublished_page_is_an_error_naming_both_files_as_in_hugo(
    make_site: MakeSite, tmp_path: Path
) -> None:
    """Hugo 0.168's ``site.GetPage`` does not see a draft, a page scheduled for later or an
    expired one in a production build: the include's ``errorf`` stops the build ('The
    "include" shortcode was unable to find "/posts/secret.md"'). Here: one error per include,
    naming the including file and line and the included file; nothing is written."""
    files = {f"docs/{name}": text for name, text in {**UNPUBLISHED, **INCLUDERS}.items()}
    site = make_site(files, plugin={"hugo_content": True}, expect_error=True)
    assert site.error is not None
    for name in UNPUBLISHED:
        includer = f"docs/posts/with-{name.split('/')[1]}"
        assert re.search(
            rf"{re.escape(includer)}:7: include '/{re.escape(name)}': docs/{re.escape(name)} is "
            "(a draft|scheduled for later|expired), not published in this build",
            site.error,
        ), site.error
    assert not site.exists("posts/with-secret/")

    root = tmp_path / "hugo"
    for name, text in {
        **STUB_SITE,
        "layouts/_shortcodes/include.html": INCLUDE_HTML,
        **{f"content/{n}": t for n, t in {**UNPUBLISHED, **INCLUDERS}.items()},
    }.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, "utf-8")
    hugo = run_hugo(root, root / "public", timeout=120)
    assert hugo.returncode != 0
    for name in UNPUBLISHED:
        assert f'unable to find "/{name}"' in hugo.stderr, hugo.stderr


def test_under_serve_an_unpublished_include_is_previewed_with_a_warning(
    make_site: MakeSite,
) -> None:
    files = {
        "docs/posts/secret.md": UNPUBLISHED["posts/secret.md"],
        "docs/posts/with.md": INCLUDERS["posts/with-secret.md"],
    }
    site = make_site(
        files,
        serve=True,
        warnings=[r"docs/posts/with\.md:7: include .*a draft.*`mkdocs build` stops here"],
    )
    assert "SECRET TEXT" in _text(site.content("posts/with/"))


def test_pages_the_build_leaves_out_may_include_unpublished_pages(make_site: MakeSite) -> None:
    """A draft that includes a draft publishes nothing (Hugo renders neither); a snippet that
    is never rendered is included, a draft it includes is still refused."""
    files = {
        "docs/posts/secret.md": UNPUBLISHED["posts/secret.md"],
        "docs/posts/draft.md": (
            '---\ntitle: D\ndraft: true\n---\n{{% include "/posts/secret.md" %}}\n'
        ),
        "docs/_common/_index.md": CONTENT["_common/_index.md"],
        "docs/_common/snip.md": '---\n---\nSNIP\n\n{{% include "/posts/secret.md" %}}\n',
        "docs/posts/a.md": '---\ntitle: A\n---\n{{% include "/_common/snip.md" %}}\n',
    }
    site = make_site(files, plugin={"hugo_content": True}, expect_error=True)
    assert site.error is not None
    errors = [line for line in site.error.splitlines() if "include" in line]
    assert len(errors) == 1, site.error
    assert errors[0].startswith("docs/posts/a.md:4: include '/posts/secret.md'")
    assert "(in docs/_common/snip.md, line 5, included here)" in errors[0]
    del files["docs/_common/snip.md"]
    files["docs/posts/a.md"] = '---\ntitle: A\n---\n{{% include "/posts/draft.md" %}}\n'
    files["docs/posts/a.md"] = "---\ntitle: A\n---\nA.\n"
    site = make_site(files, plugin={"hugo_content": True})
    assert not site.exists("posts/draft/") and "SECRET" not in site.text("search/search_index.json")


# -- fan-out: each included page is expanded once per page ---------------------------------


def _fan_out(width: int, depth: int, leaf: str = "x") -> dict[str, str]:
    """p0 includes p1 ``width`` times, p1 includes p2 ``width`` times... p<depth> is ``leaf``."""
    pages = {f"p{i}.md": f'{{{{% include "p{i + 1}.md" %}}}}\n\n' * width for i in range(depth)}
    pages[f"p{depth}.md"] = leaf
    return pages


class _Counting(_Site):
    def __init__(self, pages: dict[str, str]) -> None:
        super().__init__(pages)
        self.reads = 0

    def include(self, target: str) -> tuple[str, str, str]:
        self.reads += 1
        return super().include(target)


def test_an_included_page_is_expanded_once_per_page() -> None:
    """Fan-out 10 at depth 5 took 25.5 s (each include expanded again): now each page once."""
    site = _Counting(_fan_out(10, 5))
    out = expand('{{% include "p0.md" %}}', site)
    assert out.problems == []
    assert out.markdown.count("x") == 10**5
    assert site.reads == 1 + 5 * 10  # every call is looked up; p0..p5 expanded once each


def test_include_time_grows_with_the_calls_not_the_copies() -> None:
    """n, 2n, 4n, 8n includes of a page that includes another ten times, which includes a
    third ten times: the pages are expanded once, the calls cost their copies' text."""

    def make(n: int) -> _Site:
        return _Site({"root.md": '{{% include "p0.md" %}}\n\n' * n, **_fan_out(10, 2)})

    assert_linear(lambda site: expand('{{% include "root.md" %}}', site), make, 400)


def test_text_multiplied_past_the_limit_is_one_error() -> None:
    """Fan-out 10 at depth 8 (10**8 copies; depth 6 did not finish): one error, no text."""
    out = expand('{{% include "p0.md" %}}', _Site(_fan_out(10, 8, "x" * 20)))
    assert [p.kind for p in out.problems] == ["error"]
    assert f"more than {MAX_INCLUDED:,} characters" in out.problems[0].message
    assert len(out.markdown) <= MAX_INCLUDED


def test_includes_too_deep_with_fan_out_is_one_error_line() -> None:
    """Fan-out 2 past the depth cap printed 65,536 error lines; now the deepest page's two
    calls are each said once."""
    out = expand('{{% include "p0.md" %}}', _Site(_fan_out(2, 20)))
    assert len(out.problems) == 2
    assert all("nested more than 16 deep" in p.message for p in out.problems)
