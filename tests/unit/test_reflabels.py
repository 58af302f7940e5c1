"""Reference links whose label holds code (``[`publishDir`][]``): links, as in Hugo (Goldmark)
and any CommonMark renderer; Python-Markdown alone prints them as text."""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup
from conftest import MakeSite
from growth import assert_linear
from hugo_compare import build_with_hugo

SOURCE = (
    "Do not commit the [`publishDir`][] folder, see [`a<b` and c][], [`short`], "
    "[text][`publishDir`], [`` a`b ``][], ![`logo`][] and [`undefined`][].\n\n"
    "[`publishDir`]: /configuration/all/#publishdir\n"
    "[`a<b` and c]: /ab/\n"
    "[`short`]: /short/\n"
    "[`` a`b ``]: /tick/\n"
    "[`logo`]: /logo.png\n"
)
EXPECTED = {
    "publishDir": "/configuration/all/#publishdir",
    "a<b and c": "/ab/",
    "short": "/short/",
    "text": "/configuration/all/#publishdir",
    "a`b": "/tick/",
}


def _links(html: str) -> dict[str, str]:
    soup = BeautifulSoup(html, "lxml")
    return {" ".join(a.get_text().split()): a["href"] for a in soup.find_all("a")}


@pytest.mark.parametrize(
    "extensions",
    [[], ["pymdownx.highlight", "pymdownx.inlinehilite"], ["smarty", "pymdownx.magiclink"]],
)
def test_labels_with_code_are_links(extensions: list[str]) -> None:
    before = markdown.markdown(SOURCE, extensions=extensions)
    assert _links(before) == {}  # Python-Markdown alone: every one is text
    html = markdown.markdown(SOURCE, extensions=[*extensions, "mkdocs_essays.hugo.reflabels"])
    assert _links(html) == EXPECTED
    soup = BeautifulSoup(html, "lxml")
    assert soup.find("img")["src"] == "/logo.png"
    assert "[undefined][]" in soup.get_text()  # no definition: text, as in CommonMark


def test_hugo_renders_the_same_links(tmp_path: Path) -> None:
    public = build_with_hugo(tmp_path, {"content/p.md": "---\ntitle: P\n---\n\n" + SOURCE})
    hugo = (public / "p/index.html").read_text("utf-8")
    assert _links(hugo) == EXPECTED


def test_the_plugin_adds_it_to_every_site(make_site: MakeSite) -> None:
    site = make_site({"docs/index.md": "# Home\n\n" + SOURCE})
    assert _links(str(site.content(""))).items() >= EXPECTED.items()


def test_growth_in_code_spans_per_label() -> None:
    md = markdown.Markdown(extensions=["mkdocs_essays.hugo.reflabels"])

    def make(n: int) -> str:
        label = " ".join(f"`c{i}`" for i in range(n))
        return f"[{label}][]\n\n[{label}]: /x/\n"

    def convert(text: str) -> None:
        md.reset()
        assert 'href="/x/"' in md.convert(text)

    assert_linear(convert, make, 400)
