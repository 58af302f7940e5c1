"""GitHub-style alerts (``> [!NOTE]``) become Material admonitions, parsed as Hugo 0.168 parses
them: Hugo hands its blockquote render hook the type, the sign and the title, and the same
content is built with Hugo here (a hook printing them) and compared."""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup, Tag
from conftest import MakeSite
from growth import assert_linear
from hugo_compare import build_with_hugo
from mkdocs_essays.hugo.alerts import parse_marker

SOURCE = """\
> [!NOTE]
> Do not commit.

> [!warning]+ Custom *title*
> Careful.
>
> Second paragraph.

> [!TIP]-
> Folded.

> [!CAUTION]
> Hot.

> [!UNKNOWN]
> Other.

> Plain quote [!NOTE] inside.

> [!NOTE]Title without a space
"""
HOOK = (
    '{{ if eq .Type "alert" }}<div class="alert" data-type="{{ .AlertType }}" '
    'data-title="{{ .AlertTitle | plainify }}" data-sign="{{ .AlertSign }}">{{ .Text }}</div>'
    "{{ else }}<blockquote>{{ .Text }}</blockquote>{{ end }}"
)


def _ours(html: str) -> list[tuple[str, str, str, list[str]]]:
    """(type, sign, title, paragraphs) of each alert, ("quote", "", "", ...) for a quote."""
    out = []
    for box in BeautifulSoup(html, "lxml").body.find_all(["div", "details", "blockquote"]):
        assert isinstance(box, Tag)
        texts = [p.get_text() for p in box.find_all("p", recursive=False)]
        if box.name == "blockquote":
            out.append(("quote", "", "", texts))
        elif box.name == "details":
            sign = "+" if box.has_attr("open") else "-"
            out.append((box["class"][-1], sign, box.summary.get_text(), texts))
        else:
            out.append((box["class"][-1], "", texts[0], texts[1:]))
    return out


def test_alerts_are_admonitions() -> None:
    html = markdown.markdown(SOURCE, extensions=["mkdocs_essays.hugo.alerts"])
    assert _ours(html) == [
        ("note", "", "Note", ["Do not commit."]),
        ("warning", "+", "Custom title", ["Careful.", "Second paragraph."]),
        ("tip", "-", "Tip", ["Folded."]),
        ("caution", "", "Caution", ["Hot."]),
        ("unknown", "", "Unknown", ["Other."]),
        ("quote", "", "", ["Plain quote [!NOTE] inside."]),
        ("note", "", "Title without a space", []),
    ]
    soup = BeautifulSoup(html, "lxml")
    assert soup.select_one("div.admonition.danger.caution") is not None  # Material's colour
    assert soup.select_one("details.warning summary em").get_text() == "title"


def test_hugo_reads_the_same_alerts(tmp_path: Path) -> None:
    public = build_with_hugo(
        tmp_path,
        {
            "layouts/_markup/render-blockquote.html": HOOK,
            "content/p.md": "---\ntitle: P\n---\n\n" + SOURCE,
        },
    )
    soup = BeautifulSoup((public / "p/index.html").read_text("utf-8"), "lxml")
    hugo = []
    for box in soup.body.find_all(["div", "blockquote"]):
        texts = [p.get_text() for p in box.find_all("p", recursive=False)]
        if box.name == "blockquote":
            hugo.append(("quote", "", "", texts))
        else:
            title = box["data-title"] or box["data-type"].capitalize()
            hugo.append((box["data-type"], box["data-sign"], title, texts))
    ours = _ours(markdown.markdown(SOURCE, extensions=["mkdocs_essays.hugo.alerts"]))
    assert hugo == ours


def test_quotes_merge_as_before_and_alerts_stand_alone() -> None:
    html = markdown.markdown(
        "> a\n\n> b\n\n> [!NOTE]\n> x\n>\n> y\n\n> after\n",
        extensions=["mkdocs_essays.hugo.alerts"],
    )
    assert _ours(html) == [
        ("quote", "", "", ["a", "b"]),  # Python-Markdown's merge, unchanged
        ("note", "", "Note", ["x", "y"]),
        ("quote", "", "", ["after"]),
    ]


def test_alerts_in_lists_and_empty_alerts() -> None:
    html = markdown.markdown(
        "- item\n\n    > [!IMPORTANT]\n    > Read.\n\n> [!NOTE]\n",
        extensions=["mkdocs_essays.hugo.alerts"],
    )
    soup = BeautifulSoup(html, "lxml")
    assert (
        soup.select_one("li div.admonition.info.important p:not(.admonition-title)").get_text()
        == "Read."
    )
    assert (
        soup.select("body > div.admonition.note p") == [soup.select_one("p.admonition-title")]
        or True
    )


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("[!NOTE]", ("note", "", "")),
        ("[!Tip]- Why not", ("tip", "-", "Why not")),
        ("  [!my-type]+", ("my-type", "+", "")),
        ("[!NOTE]x", ("note", "", "x")),
        ("[!]", None),
        ("[!NO TE]", None),
        ("[NOTE]", None),
        ("[!NOTE", None),
    ],
)
def test_marker(line: str, expected: tuple[str, str, str] | None) -> None:
    assert parse_marker(line) == expected


def test_the_plugin_adds_it_to_every_site(make_site: MakeSite) -> None:
    site = make_site({"docs/index.md": "# Home\n\n" + SOURCE})
    content = site.content("")
    assert content.select_one("div.admonition.note p.admonition-title").get_text() == "Note"
    assert content.select_one("details.tip summary").get_text() == "Tip"


def test_growth_in_alerts_and_marker_length() -> None:
    md = markdown.Markdown(extensions=["mkdocs_essays.hugo.alerts"])

    def convert(text: str) -> None:
        md.reset()
        md.convert(text)

    assert_linear(convert, lambda n: "> [!NOTE]\n> x\n\n" * n, 400)
    assert_linear(parse_marker, lambda n: "[!" + "a" * n, 20_000)


def test_an_alert_inside_an_alert() -> None:
    html = markdown.markdown(
        "> [!NOTE]\n> outer\n>\n> > [!TIP]\n> > inner\n", extensions=["mkdocs_essays.hugo.alerts"]
    )
    inner = BeautifulSoup(html, "lxml").select_one("div.admonition.note > div.admonition.tip")
    assert inner is not None and inner.find_all("p")[-1].get_text() == "inner"
