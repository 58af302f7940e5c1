"""Reading a Hugo configuration and `mkdocs-essays import` (the files it writes, what it says)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from conftest import HUGO_CODER, corpus, write_tree
from mkdocs_essays.cli import main
from mkdocs_essays.hugo.site_config import (
    HugoConfigError,
    go_date_layout,
    read_site_config,
)


class _Loader(yaml.SafeLoader):
    """Reads mkdocs.yml's ``!!python/name:`` tags as plain strings."""


_Loader.add_multi_constructor(
    "tag:yaml.org,2002:python/name:", lambda loader, suffix, node: f"python/name:{suffix}"
)


def load(path: Path) -> dict:
    return yaml.load(path.read_text("utf-8"), Loader=_Loader)


# -- the configuration ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("hugo.toml", 'Title = "T"\n[Params]\nAuthor = "A"\n'),
        ("config.yaml", "title: T\nparams:\n  author: A\n"),
        ("hugo.json", '{"title": "T", "params": {"AUTHOR": "A"}}'),
    ],
)
def test_every_format_and_keys_without_case(tmp_path: Path, name: str, text: str) -> None:
    write_tree(tmp_path, {name: text})
    config = read_site_config(tmp_path)
    assert config.get("title") == "T"
    assert config.get("params", "author") == "A"
    assert config.files == [tmp_path / name]


def test_config_folder_is_merged_under_its_file_names(tmp_path: Path) -> None:
    write_tree(
        tmp_path,
        {
            "hugo.toml": 'title = "Root"\n',
            "config/_default/hugo.toml": 'title = "Folder"\nbaseURL = "https://x.example/"\n',
            "config/_default/params.yaml": "author: A\n",
            "config/_default/menus.toml": '[[main]]\nname = "About"\nurl = "/about/"\n',
        },
    )
    config = read_site_config(tmp_path)
    assert config.get("title") == "Folder"  # the folder is laid over the root file (Hugo 0.168)
    assert config.get("baseURL") == "https://x.example/"
    assert config.get("params", "author") == "A"
    assert config.get("menus", "main")[0]["name"] == "About"


def test_unreadable_configuration_names_the_file(tmp_path: Path) -> None:
    write_tree(tmp_path, {"hugo.toml": "title = \n"})
    with pytest.raises(HugoConfigError, match=r"hugo\.toml: cannot be read"):
        read_site_config(tmp_path)


@pytest.mark.parametrize(
    ("layout", "strftime"),
    [
        ("January 2, 2006", "%B %-d, %Y"),
        ("2006-01-02", "%Y-%m-%d"),
        ("Mon, 02 Jan 2006 15:04", "%a, %d %b %Y %H:%M"),
        ("02.01.06 (100%)", "%d.%m.%y (%-m00%%)"),  # as in Go, 1 is the month
        (":date_long", "%B %-d, %Y"),
    ],
)
def test_go_date_layouts(layout: str, strftime: str) -> None:
    assert go_date_layout(layout) == strftime


# -- the import -----------------------------------------------------------------------------------


def test_hugo_coder_import(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    into = tmp_path / "site"
    assert main(["import", str(corpus("hugo-coder")), "--into", str(into)]) == 0
    out = capsys.readouterr().out
    sources = sorted(
        p.relative_to(HUGO_CODER / "content")
        for p in (HUGO_CODER / "content").rglob("*")
        if p.is_file()
    )
    copied = sorted(p.relative_to(into / "docs") for p in (into / "docs").rglob("*") if p.is_file())
    assert copied == sources
    for name in sources:
        assert (into / "docs" / name).read_bytes() == (HUGO_CODER / "content" / name).read_bytes()

    config = load(into / "mkdocs.yml")
    assert config["site_name"] == "johndoe"
    assert config["site_url"] == "http://www.example.com/"
    assert config["site_author"] == "John Doe"
    assert config["site_description"] == "John Doe's personal website"
    assert config["theme"]["name"] == "material" and config["theme"]["language"] == "en"
    essays = config["plugins"][1]["essays"]
    assert essays["taxonomies"] == {
        "category": "categories",
        "series": "series",
        "tag": "tags",
        "author": "authors",
    }
    assert essays["date_format"] == "%B %-d, %Y"
    assert essays["shortcodes"] == {"css.inline": "strip", "math.inline": "strip"}
    extensions = [e if isinstance(e, str) else next(iter(e)) for e in config["markdown_extensions"]]
    for needed in (
        "admonition",
        "footnotes",
        "pymdownx.details",
        "pymdownx.superfences",
        "pymdownx.tabbed",
        "pymdownx.emoji",
        "pymdownx.arithmatex",
        "attr_list",
    ):
        assert needed in extensions
    fences = next(e for e in config["markdown_extensions"] if "pymdownx.superfences" in e)
    assert fences["pymdownx.superfences"]["custom_fences"][0]["name"] == "mermaid"
    assert config["nav"] == [
        {"About": "about.md"},
        {"Blog": "posts/index.md"},
        {"Projects": "projects.md"},
        {"Contact me": "contact.md"},
    ]
    assert config["extra"]["social"][0] == {
        "icon": "fontawesome/brands/github",
        "link": "https://github.com/johndoe/",
        "name": "Github",
    }
    assert config["extra"]["since"] == 2019

    assert "Not carried over" in out
    for note in ("'css.inline'", "'math.inline'", "Hugo theme", "math:"):
        assert note in out, note
    assert "left out of the site" not in out  # the Portuguese pages are the site at /pt-br/
    portuguese = config["plugins"][1]["essays"]["languages"]["pt-br"]
    assert portuguese["title"] == "João Ninguém"
    assert portuguese["nav"][0] == {"Sobre": "about.md"}


def test_import_never_overwrites(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    into = tmp_path / "site"
    write_tree(
        into,
        {"mkdocs.yml": "site_name: Mine\n", "docs/about.md": "# My own about\n"},
    )
    assert main(["import", str(corpus("hugo-coder")), "--into", str(into)]) == 1
    out = capsys.readouterr().out
    assert (into / "mkdocs.yml").read_text() == "site_name: Mine\n"
    assert (into / "docs/about.md").read_text() == "# My own about\n"
    assert (into / "docs/contact.md").is_file()  # the rest is copied
    assert "exists and was left as it is" in out and "site_name: johndoe" in out
    assert str(into / "docs" / "about.md") in out


def test_import_of_a_folder_without_content(tmp_path: Path, capsys) -> None:
    assert main(["import", str(tmp_path), "--into", str(tmp_path / "out")]) == 2
    assert "no content/ folder" in capsys.readouterr().err


def test_import_of_a_small_site(tmp_path: Path, capsys) -> None:
    site = tmp_path / "hugo"
    write_tree(
        site,
        {
            "config.yaml": (
                "title: Notes\nbaseURL: https://ex.example/blog\ntimeZone: Europe/Lisbon\n"
                "summaryLength: 30\ndefaultContentLanguage: pt\npermalinks:\n  posts: "
                "/:year/:title/\nmenu:\n  main:\n    - {name: Blog, url: /notes/, weight: 2}\n"
                "    - {name: Nowhere, url: /gone/, weight: 3}\n"
                "markup:\n  goldmark:\n    extensions:\n      footnote: false\n"
                "    renderer:\n      unsafe: true\n"
            ),
            "content/notes/a.md": "---\ntitle: A\n---\n{{< mybox >}}x{{< /mybox >}}\n",
            "content/notes/b.md": "---\ntitle: B\n---\n",
            "content/notes/c.pt.md": "---\ntitle: C\n---\n",
            "content/other.md": "---\ntitle: O\n---\n",
            "static/images/logo.png": b"\x89PNG",
            "layouts/shortcodes/mybox.html": "<div>{{ .Inner }}</div>",
        },
    )
    into = tmp_path / "out"
    assert main(["import", str(site), "--into", str(into)]) == 0
    out = capsys.readouterr().out
    assert (into / "docs/images/logo.png").read_bytes() == b"\x89PNG"  # static/ at the root
    config = load(into / "mkdocs.yml")
    assert config["site_url"] == "https://ex.example/blog/"
    essays = config["plugins"][1]["essays"]
    assert essays["essays_dir"] == "notes"  # the section with the most pages
    assert essays["timezone"] == "Europe/Lisbon"
    assert essays["summary_length"] == 30
    assert essays["default_language"] == "pt"
    assert "taxonomies" not in essays  # Hugo's defaults are the plugin's
    assert "footnotes" not in config["markdown_extensions"]
    assert config["theme"]["language"] == "pt"
    assert config["nav"] == [{"Blog": "notes/index.md"}]
    assert essays["permalinks"] == {"posts": "/:year/:title/"}
    assert "permalinks" not in out
    assert "menu entry 'Nowhere' (/gone/): no such page" in out
    assert "shortcode 'mybox' (docs/notes/a.md:4)" in out
    assert "layouts/" in out


def test_translation_by_content_directory(tmp_path: Path, capsys) -> None:
    """Hugo Book's example site: each language has its own contentDir; Hugo 0.168 builds the
    default language's (``defaultContentLanguage``, else ``en``) as the site's content."""
    site = tmp_path / "hugo"
    write_tree(
        site,
        {
            "hugo.toml": (
                'title = "Book"\n[languages.en]\ncontentDir = "content.en"\nweight = 1\n'
                '[languages.he]\ncontentDir = "content.he"\nweight = 2\n'
            ),
            "content.en/_index.md": "---\ntitle: Home\n---\n",
            "content.en/docs/a.md": "---\ntitle: A\n---\nText.\n",
            "content.he/_index.md": "---\ntitle: Home he\n---\n",
            "content.he/docs/a.md": "---\ntitle: A he\n---\n",
        },
    )
    into = tmp_path / "out"
    assert main(["import", str(site), "--into", str(into)]) == 0
    out = capsys.readouterr().out
    assert (into / "docs/docs/a.md").read_text() == "---\ntitle: A\n---\nText.\n"
    assert not (into / "docs/content.he").exists() and not (into / "docs/content.en").exists()
    # the other language's own contentDir is copied to docs/<code>/ (issue 21)
    assert (into / "docs/he/docs/a.md").read_text() == "---\ntitle: A he\n---\n"
    assert "left out" not in out
    languages = load(into / "mkdocs.yml")["plugins"][1]["essays"]["languages"]
    assert languages == {"en": {"weight": 1}, "he": {"weight": 2, "content_dir": "he"}}
