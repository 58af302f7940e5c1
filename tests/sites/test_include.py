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
from hugo_compare import build_with_hugo
from mkdocs_essays.hugo.shortcodes import RefError, expand
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
    # b includes c, which includes b: the loop is named where it closes
    assert re.search(
        r"docs/posts/b\.md:5: include 'b\.md': docs/posts/b\.md includes itself", site.error
    )


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
