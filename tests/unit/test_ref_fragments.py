"""relref fragments (issue 11): any id of the target page counts, not only headings; a fragment
found nowhere is a warning and the link keeps it (Hugo 0.168 never checks fragments: it links
``issue-556#org-target--paragraph-2`` whatever the page holds)."""

from __future__ import annotations

from growth import assert_linear
from mkdocs_essays.hugo.refs import MissingFragment, PageIndex, RefTarget, element_ids
from mkdocs_essays.hugo.shortcodes import expand


def test_element_ids_of_raw_html_and_attribute_lists() -> None:
    text = (
        'Text <span id="org-target--paragraph-2">here</span> and <a name="old"></a>.\n\n'
        "A paragraph {: #para .note }\n\n![img](x.png){#figure}\n\n{{{{{{ no ids }\n"
    )
    assert element_ids(text) == {"org-target--paragraph-2", "old", "para", "figure"}


def test_element_ids_is_linear() -> None:
    assert_linear(element_ids, lambda n: '<span id="a">x</span> {#b} {{{{ ' * n, 4000)


class _Services:
    def __init__(self) -> None:
        target = RefTarget(
            "posts/issue-556.md",
            "posts/issue-556/",
            "docs/posts/issue-556.md",
            anchors=lambda: {"org-target--paragraph-2": "org-target--paragraph-2"},
        )
        self.index = PageIndex([target])

    def html(self, template: str, **context: object) -> str:
        return ""

    def ref(self, target: str, *, relative: bool, in_link: bool) -> str:
        _page, fragment = self.index.resolve(target, "posts/src.md")
        return "../issue-556/" + (f"#{fragment}" if fragment else "")

    def param(self, name: str) -> object:
        return None

    def resource(self, src: str) -> str:
        return src


def test_every_bad_fragment_on_a_line_is_a_warning_and_the_link_keeps_it() -> None:
    text = (
        '[a]({{< relref "issue-556#org-target--paragraph-2" >}}) '
        '[b]({{< relref "issue-556#nope" >}}) [c]({{< relref "issue-556#nope2" >}})\n'
    )
    expansion = expand(text, _Services())
    assert "(../issue-556/#org-target--paragraph-2)" in expansion.markdown
    assert "(../issue-556/#nope)" in expansion.markdown
    assert "(../issue-556/#nope2)" in expansion.markdown
    warnings = [p for p in expansion.problems if p.kind == "warning"]
    assert [p.line for p in warnings] == [1, 1]
    assert "'nope'" in warnings[0].message and "'nope2'" in warnings[1].message
    assert not [p for p in expansion.problems if p.kind in ("error", "ref")]


def test_missing_fragment_is_a_ref_error_with_the_page() -> None:
    try:
        _Services().index.resolve("issue-556#nope", "posts/src.md")
    except MissingFragment as error:
        assert (error.page, error.fragment) == ("issue-556", "nope")
        assert "docs/posts/issue-556.md" in str(error) and "fix the part after '#'" in str(error)
    else:
        raise AssertionError("a missing fragment passed")
