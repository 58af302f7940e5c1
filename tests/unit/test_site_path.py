"""A configured name that becomes a folder (a taxonomy, ``essays_dir``) never leaves the site:
the build refuses it naming the option, and ``mkdocs-essays import`` refuses to write it.

Hugo 0.168 with ``[taxonomies] tag = "../../pwned"`` publishes the taxonomy page at
``/pwned/`` (its path cleaned inside ``public/``) and stops at the first term ("no taxonomy
configuration found for "/../../pwned/z""); here the name is an error before anything is
written."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import MakeSite, write_tree
from growth import assert_linear
from mkdocs_essays.cli import main
from mkdocs_essays.model.site_path import inside_site
from mkdocs_essays.model.slugs import PathError

GOOD = ["tags", "blog/posts", "série", "a.b", "..a", "a..", "%2Fx", "tags-2024"]
BAD = [
    "",
    " ",
    "..",
    "../../evil",
    "a/../../b",
    "./tags",
    "a/./b",
    "%2e%2e",
    "a/%2E%2e/b",
    "/etc",
    "\\\\server\\share",
    "a\\..\\b",
    "C:evil",
    "c:/evil",
    "a//b",
    "tags/",
    "a\nb",
    "a\x00b",
]


@pytest.mark.parametrize("value", GOOD)
def test_a_folder_inside_the_site_is_kept_as_written(value: str) -> None:
    assert inside_site(value, "[taxonomies] tag") == value


@pytest.mark.parametrize("value", BAD)
def test_a_name_that_leaves_the_site_is_refused_naming_the_option(value: str) -> None:
    with pytest.raises(PathError) as raised:
        inside_site(value, "[taxonomies] tag")
    message = str(raised.value)
    assert message.startswith("[taxonomies] tag = ")
    assert "outside the site folder" in message


def test_not_a_string_is_refused() -> None:
    with pytest.raises(PathError, match="a folder name"):
        inside_site(["tags"], "essays_dir")  # type: ignore[arg-type]


def test_the_check_is_linear() -> None:
    assert_linear(lambda text: inside_site(text, "x"), lambda n: "a/" * n + "b", 20_000)
    assert_linear(_refused, lambda n: "a/" * n + "..", 20_000)


def _refused(text: str) -> None:
    with pytest.raises(PathError):
        inside_site(text, "x")


@pytest.mark.parametrize(
    ("plugin", "option"),
    [
        ({"taxonomies": {"tag": "../../evil"}}, "option 'taxonomies': tag = '../../evil'"),
        ({"taxonomies": {"tag": "ABS"}}, "option 'taxonomies': tag = 'ABS"),
        ({"essays_dir": "../evil"}, "option 'essays_dir': essays_dir = '../evil'"),
        ({"essays_dir": "posts/../../evil"}, "option 'essays_dir': essays_dir = 'posts/../.."),
    ],
)
def test_the_build_refuses_it_and_writes_nothing_outside(
    make_site: MakeSite, tmp_path: Path, plugin: dict, option: str
) -> None:
    outside = tmp_path / "abs"  # an absolute folder outside the project
    if plugin.get("taxonomies") == {"tag": "ABS"}:
        plugin = {"taxonomies": {"tag": str(outside)}}
        option = option.replace("ABS", str(outside))
    files = {"docs/posts/a.md": "---\ntitle: A\ntags: [x]\n---\nA.\n"}
    site = make_site(files, plugin=plugin, expect_error=True)
    assert site.error is not None and option in site.error, site.error
    assert "outside the site folder" in site.error
    assert list(tmp_path.iterdir()) == [site.root]  # no evil/, no abs/
    assert sorted(p.name for p in site.root.iterdir()) == ["docs", "mkdocs.yml"]


def test_a_leading_or_trailing_slash_on_essays_dir_is_dropped(make_site: MakeSite) -> None:
    files = {"docs/blog/a.md": "---\ntitle: A\n---\nA.\n"}
    site = make_site(files, plugin={"essays_dir": "/blog/"})
    assert site.exists("blog/a/") and site.exists("blog/")


@pytest.mark.parametrize(
    ("config", "named"),
    [
        ('[taxonomies]\ntag = "../../../pwned"\n', "[taxonomies] tag = '../../../pwned'"),
        ('[taxonomies]\ncategory = "/abs"\n', "[taxonomies] category = '/abs'"),
        ('[params]\nmainSections = ["../up"]\n', "mainSections = '../up'"),
    ],
)
def test_the_import_refuses_to_write_such_a_config(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], config: str, named: str
) -> None:
    site = tmp_path / "hugo"
    write_tree(site, {"hugo.toml": config, "content/posts/a.md": "---\ntitle: A\n---\nA.\n"})
    into = tmp_path / "a" / "b"
    assert main(["import", str(site), "--into", str(into)]) == 2
    err = capsys.readouterr().err
    assert "hugo.toml: nothing was imported" in err and named in err, err
    assert not into.exists()
