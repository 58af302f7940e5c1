"""A Hugo configuration as Hugo 0.168 finds it (the root file, config/_default/ with
config/production/ laid over it, languages), and what `mkdocs-essays import` makes of the
settings that have an MkDocs equivalent, hostile values included. The precedences below were
read off `hugo config` for the same files."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from conftest import write_tree
from mkdocs_essays.cli import main
from mkdocs_essays.hugo.site_config import HugoConfigError, read_site_config


class _Loader(yaml.SafeLoader):
    """Reads mkdocs.yml's ``!!python/name:`` tags as plain strings."""


_Loader.add_multi_constructor("tag:yaml.org,2002:python/name:", lambda loader, s, n: s)


def imported(tmp_path: Path, files: dict[str, str], capsys) -> tuple[dict, str]:
    """Import a Hugo site made of ``files`` (a post is added); mkdocs.yml and what it said."""
    write_tree(tmp_path / "hugo", {"content/posts/a.md": "---\ntitle: A\n---\nText.\n", **files})
    into = tmp_path / "out"
    assert main(["import", str(tmp_path / "hugo"), "--into", str(into)]) == 0
    out = capsys.readouterr().out
    return yaml.load((into / "mkdocs.yml").read_text("utf-8"), Loader=_Loader), out


def test_the_configuration_folder_as_hugo_reads_it(tmp_path: Path) -> None:
    write_tree(
        tmp_path,
        {
            "hugo.toml": 'baseURL = "https://root.example/"\n[params]\na = "root"\nz = "root"\n',
            "config/_default/hugo.toml": '[params]\na = "default"\nb = "hugo.toml"\n',
            "config/_default/params.toml": 'b = "params.toml"\nc = "params.toml"\n',
            "config/_default/permalinks.toml": '[permalinks]\nposts = "/:slug/"\n',
            "config/_default/more/taxonomies.yaml": "tag: tags\nseries: series\n",
            "config/_default/params.json": '{"params": {"j": 1}, "other": 2}',
            "config/_default/languages.en.toml": 'title = "English"\nweight = 2\n',
            "config/_default/languages.toml": '[de]\ntitle = "Deutsch"\nweight = 1\n',
            "config/_default/menus.en.toml": '[[main]]\nname = "Home"\npageRef = "/"\n',
            "config/production/params.toml": 'b = "production"\n',
            "config/production/hugo.toml": 'summaryLength = 44\n[params]\nq = "prod"\n',
            "config/development/params.toml": 'b = "development"\n',
        },
    )
    config = read_site_config(tmp_path)
    params = config.table("params")
    # each later file wins, table by table; a key's own file over hugo.toml's table
    assert {k: params[k] for k in "abcqz"} == {
        "a": "default",
        "b": "production",
        "c": "params.toml",
        "q": "prod",
        "z": "root",
    }
    assert params["params"] == {"j": 1}  # two keys: not unwrapped
    assert config.get("permalinks") == {"posts": "/:slug/"}  # its only key: unwrapped
    assert config.get("taxonomies") == {"tag": "tags", "series": "series"}  # read recursively
    assert config.get("summaryLength") == 44
    assert config.get("languages", "en", "menus", "main")[0]["name"] == "Home"
    # the languages, as a later multilingual feature reads them: by weight
    languages = config.languages()
    assert [(lang.code, lang.title, lang.weight) for lang in languages] == [
        ("de", "Deutsch", 1),
        ("en", "English", 2),
    ]
    assert config.language().title == "English"
    assert read_site_config(tmp_path, "development").get("params", "b") == "development"


def test_the_title_in_the_languages_file_is_found(tmp_path: Path, capsys) -> None:
    config, out = imported(
        tmp_path,
        {
            "config/_default/hugo.toml": 'baseURL = "https://x.example/"\n',
            "config/_default/languages.en.toml": 'title = "poolp.org"\nweight = 1\n'
            '[params]\ndateFormat = "2 January 2006"\n',
            "config/_default/menus.en.toml": (
                '[[main]]\nname = "Github"\npageRef = "github"\n'
                'url = "https://github.com/x/"\nweight = 10\n'
            ),
        },
        capsys,
    )
    assert config["site_name"] == "poolp.org"
    assert config["plugins"][1]["essays"]["date_format"] == "%-d %B %Y"
    assert config["nav"] == [{"Github": "https://github.com/x/"}]  # pageRef found no page
    assert "My site" not in out


def test_urls_kinds_and_services_are_carried_over(tmp_path: Path, capsys) -> None:
    config, out = imported(
        tmp_path,
        {
            "hugo.toml": (
                'title = "T"\ndisableKinds = ["taxonomy", "term", "sitemap"]\n'
                "uglyURLs = true\ndisablePathToLower = true\n"
                '[permalinks.page]\nposts = "/:year/:slug/"\n'
                '[permalinks.term]\ntags = "/t/:slug/"\n'
                "[services.rss]\nlimit = 7\n[services.googleAnalytics]\nid = 'G-1'\n"
            ),
        },
        capsys,
    )
    essays = config["plugins"][1]["essays"]
    assert essays["permalinks"] == {
        "page": {"posts": "/:year/:slug/"},
        "term": {"tags": "/t/:slug/"},
    }
    assert essays["ugly_urls"] is True and essays["disable_path_to_lower"] is True
    assert essays["taxonomies"] == {} and essays["feed_items"] == 7
    assert config["extra"]["analytics"] == {"provider": "google", "property": "G-1"}
    assert "disableKinds 'sitemap'" in out
    assert "- services" not in out and "- custom permalinks" not in out and "uglyURLs" not in out


def test_the_list_form_of_permalinks(tmp_path: Path, capsys) -> None:
    """Hugo 0.161's list: an entry for one kind in one section is carried over; others named."""
    config, out = imported(
        tmp_path,
        {
            "hugo.yaml": (
                "title: T\npermalinks:\n"
                "  - pattern: /articles/:year/:slug/\n"
                "    target: {kind: page, path: '{/posts,/posts/**}'}\n"
                "  - pattern: /blog/\n    target: {kind: section, path: /posts}\n"
                "  - pattern: /x/\n    target: {path: '/posts/*/deep/**'}\n"
                "  - pattern: /:slug/\n"
            ),
        },
        capsys,
    )
    assert config["plugins"][1]["essays"]["permalinks"] == {
        "page": {"posts": "/articles/:year/:slug/", "": "/:slug/"},
        "section": {"posts": "/blog/"},
    }
    assert "permalinks entry {'pattern': '/x/'" in out


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("hugo.toml", 'title = "T"\n[params]\na = ' + "[" * 1000 + "]" * 1000 + "\n"),
        ("hugo.toml", 'title = "T"\n[params]\na = ' + "{a=" * 1000 + "1" + "}" * 1000 + "\n"),
        ("hugo.toml", 'title = "T"\n[params.' + ".".join(["a"] * 1000) + "]\nx = 1\n"),
        ("hugo.yaml", "title: T\nparams:\n  a: " + "[" * 1000 + "]" * 1000 + "\n"),
        ("hugo.json", '{"title": "T", "params": {"a": ' + "[" * 1000 + "]" * 1000 + "}}"),
        ("hugo.json", '{"params": ' + '{"a": ' * 1000 + "1" + "}" * 1000 + "}"),
    ],
    ids=["toml-arrays", "toml-tables", "toml-1000-dotted-keys", "yaml", "json-arrays", "json"],
)
def test_settings_nested_1000_deep_are_one_line(tmp_path: Path, name: str, text: str, capsys):
    """Was a RecursionError traceback (the readers, _merge, _empty): now one line naming the
    file (Hugo needs no configuration this deep)."""
    write_tree(tmp_path / "hugo", {name: text, "content/a.md": "---\ntitle: A\n---\n"})
    with pytest.raises(HugoConfigError, match=rf"{name}: settings nested more than 64"):
        read_site_config(tmp_path / "hugo")
    assert main(["import", str(tmp_path / "hugo"), "--into", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "nested more than 64" in err[0]


def test_a_config_folder_nested_deep_is_one_line_too(tmp_path: Path) -> None:
    write_tree(tmp_path, {"config/_default/params.toml": "[" + ".".join(["a"] * 500) + "]\nx=1\n"})
    with pytest.raises(HugoConfigError, match=r"params\.toml: settings nested"):
        read_site_config(tmp_path)


def test_menu_weights_hugo_refuses_and_nested_menus(tmp_path: Path, capsys) -> None:
    """A weight that is no whole number was a ValueError/TypeError traceback: now named, and
    the entry placed as if it had none. Entries with a parent nest under it."""
    config, out = imported(
        tmp_path,
        {
            "hugo.toml": (
                'title = "T"\n'
                '[[menus.main]]\nname = "Odd"\npageRef = "/posts"\nweight = "x"\n'
                '[[menus.main]]\nname = "List"\npageRef = "/posts"\nweight = [1]\n'
                '[[menus.main]]\nname = "Quoted"\npageRef = "/posts"\nweight = "-5"\n'
                '[[menus.main]]\nname = "Community"\nweight = 1\n'
                '[[menus.main]]\nname = "Forum"\nurl = "https://forum.example/"\n'
                'parent = "Community"\n'
                '[[menus.main]]\nname = "Gone"\npageRef = "/gone/"\nparent = "Community"\n'
                '[[menus.main]]\nname = "Empty"\nweight = 2\n'
                '[[menus.main]]\nname = "Lost"\npageRef = "/gone/"\nparent = "Empty"\n'
                '[[menus.main]]\nidentifier = "a"\nname = "A"\nurl = "https://a/"\nparent = "b"\n'
                '[[menus.main]]\nidentifier = "b"\nname = "B"\nurl = "https://b/"\nparent = "a"\n'
            ),
        },
        capsys,
    )
    assert config["nav"] == [
        {"Quoted": "posts/index.md"},
        {"List": "posts/index.md"},  # no weight: 0, then by name
        {"Odd": "posts/index.md"},
        {"Community": [{"Forum": "https://forum.example/"}]},
    ]
    assert "menu entry 'Odd': weight 'x' is not a whole number" in out
    assert "menu entry 'List': weight [1] is not a whole number" in out
    assert "menu entries 'a', 'b': their parents form a loop" in out


@pytest.mark.parametrize(
    ("levels", "depth", "said"),
    [
        ("startLevel = -3", "1-3", "startLevel = -3 is not a heading level (1-6); 1"),
        ("startLevel = 2\nendLevel = 9", "2-6", "endLevel = 9 is not a heading level (1-6); 6"),
        ("startLevel = 5\nendLevel = 2", "5-5", "startLevel 5 is after endLevel 2"),
        ('startLevel = "2"', "2-3", "startLevel = '2' is not a heading level; 2"),
        ("startLevel = 1\nendLevel = 4", "1-4", None),
    ],
)
def test_table_of_contents_levels(tmp_path: Path, levels: str, depth: str, said, capsys) -> None:
    """``startLevel = -3`` wrote a mkdocs.yml that crashed Python-Markdown; now a level from 1
    to 6, named."""
    config, out = imported(
        tmp_path,
        {"hugo.toml": f'baseURL = "https://x.org/"\n[markup.tableOfContents]\n{levels}\n'},
        capsys,
    )
    toc = next(
        e["toc"] for e in config["markdown_extensions"] if isinstance(e, dict) and "toc" in e
    )
    assert toc["toc_depth"] == depth
    if said:
        assert said in out
    # and the site builds
    from conftest import run_build

    write_tree(tmp_path / "out", {"docs/index.md": "# H\n\n## Two\n\n###### Six\n"})
    assert run_build(tmp_path / "out").error is None


def test_content_in_other_formats_is_named(tmp_path: Path, capsys) -> None:
    _, out = imported(
        tmp_path, {"hugo.toml": 'title = "T"\n', "content/posts/b.adoc": "= B\n"}, capsys
    )
    assert "docs/posts/b.adoc: content Hugo renders with an external tool" in out
