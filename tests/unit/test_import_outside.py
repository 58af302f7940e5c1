"""`mkdocs-essays import` reads only the Hugo site's folder (and what ``--allow-outside``
names): settings and links that point elsewhere are listed and refused, never walked or
copied. (Before: a symlinked ``id_rsa`` in content/ was copied into docs/ and published, a
``../`` staticDir copied, ``contentDir = "/"`` walked the whole file system.)"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import write_tree
from mkdocs_essays.cli import main

POST = "---\ntitle: A\ndate: 2024-01-01\n---\nA.\n"


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A folder beside the site with what must never be imported."""
    folder = tmp_path / "outside"
    write_tree(folder, {"id_rsa": "SECRET KEY\n", "page.md": "---\ntitle: O\n---\nOUT\n"})
    return folder


@pytest.fixture
def no_reads_outside(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, outside: Path
) -> Iterator[list[str]]:
    """Every folder listed during the test; a listing of ``outside`` or of ``/`` fails it."""
    listed: list[str] = []
    scandir, listdir = os.scandir, os.listdir

    def check(path: object) -> None:
        real = os.path.realpath(os.fspath(path))  # type: ignore[arg-type]
        listed.append(real)
        assert real != "/" and not real.startswith(str(outside)), f"listed {real}"

    def scan(path: object = ".") -> object:
        check(path)
        return scandir(path)  # type: ignore[arg-type]

    def list_(path: object = ".") -> list[str]:
        check(path)
        return listdir(path)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "scandir", scan)
    monkeypatch.setattr(os, "listdir", list_)
    yield listed


def _import(
    site: Path, into: Path, capsys: pytest.CaptureFixture[str], *extra: str
) -> tuple[int, str]:
    code = main(["import", str(site), "--into", str(into), *extra])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def _files(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


@pytest.mark.parametrize(
    "config",
    [
        'contentDir = "/"\n',
        'contentDir = "../outside"\n',
        '[[module.mounts]]\nsource = "/"\ntarget = "content"\n',
        '[[module.mounts]]\nsource = "../outside"\ntarget = "content"\n',
        'defaultContentLanguage = "en"\n[languages.en]\ncontentDir = "/"\n',
    ],
)
def test_a_content_folder_outside_the_site_is_refused_before_it_is_walked(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    no_reads_outside: list[str],
    config: str,
) -> None:
    site = tmp_path / "site"
    write_tree(site, {"hugo.toml": config, "content/posts/a.md": POST})
    code, out = _import(site, tmp_path / "out", capsys)
    assert code == 2
    assert "nothing was imported: the content folder" in out and "outside the site" in out
    assert "--allow-outside" in out
    assert not (tmp_path / "out").exists()


def test_static_folders_and_links_outside_are_listed_and_not_copied(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    no_reads_outside: list[str],
    outside: Path,
) -> None:
    site = tmp_path / "site"
    write_tree(
        site,
        {
            "hugo.toml": 'staticDir = ["static", "../outside", "/"]\n'
            '[languages.pt]\ncontentDir = "../outside"\n',
            "content/posts/a.md": POST,
            "static/logo.txt": "LOGO\n",
            "notes/inside.md": "---\ntitle: I\n---\nINSIDE\n",
        },
    )
    posts = site / "content/posts"
    (posts / "id_rsa").symlink_to(outside / "id_rsa")
    (posts / "page.md").symlink_to("../../../outside/page.md")
    (posts / "out").symlink_to(outside, target_is_directory=True)
    (posts / "inside.md").symlink_to(site / "notes/inside.md")
    (posts / "notes").symlink_to("../../notes", target_is_directory=True)
    (posts / "loop").symlink_to("..", target_is_directory=True)  # content/ again
    (posts / "gone.md").symlink_to("nowhere.md")
    into = tmp_path / "out"
    code, out = _import(site, into, capsys)
    assert code == 1
    assert _files(into) == [
        "docs/logo.txt",
        "docs/posts/a.md",
        "docs/posts/inside.md",
        "docs/posts/notes/inside.md",
        "mkdocs.yml",
    ]
    # a link inside the site is copied as its target: a file, not a link
    assert not (into / "docs/posts/inside.md").is_symlink()
    assert (into / "docs/posts/inside.md").read_text() == "---\ntitle: I\n---\nINSIDE\n"
    refused = out.split("outside the site (nothing outside it is read):", 1)[1]
    for name in ("posts/id_rsa: a link to", "posts/page.md: a link to", "posts/out: a link"):
        assert name in refused, out
    assert "staticDir '../outside'" in refused and "staticDir '/'" in refused
    assert "[languages.pt] contentDir '../outside'" in refused
    assert "gone.md: a link to" in refused and "does not exist" in refused
    assert "SECRET" not in out


def test_allow_outside_imports_what_it_names(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], outside: Path
) -> None:
    site = tmp_path / "site"
    write_tree(site, {"hugo.toml": 'staticDir = "../outside"\n', "content/posts/a.md": POST})
    (site / "content/posts/page.md").symlink_to(outside / "page.md")
    into = tmp_path / "out"
    code, out = _import(site, into, capsys, "--allow-outside", str(outside))
    assert code == 0, out
    assert _files(into) == [
        "docs/id_rsa",
        "docs/page.md",
        "docs/posts/a.md",
        "docs/posts/page.md",
        "mkdocs.yml",
    ]


def test_a_configuration_linked_from_outside_is_not_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], outside: Path
) -> None:
    site = tmp_path / "site"
    write_tree(site, {"content/posts/a.md": POST})
    (site / "hugo.toml").symlink_to(outside / "id_rsa")
    code, out = _import(site, tmp_path / "out", capsys)
    assert code == 2 and "its configuration links out of the site" in out
    assert "SECRET" not in out and not (tmp_path / "out").exists()
    (site / "hugo.toml").unlink()
    (site / "config/_default").mkdir(parents=True)
    (site / "config/_default/params.toml").symlink_to(outside / "id_rsa")
    code, out = _import(site, tmp_path / "out", capsys)
    assert code == 2 and "params.toml" in out and "SECRET" not in out


def test_nothing_is_written_through_a_link_in_the_project(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], outside: Path
) -> None:
    site = tmp_path / "site"
    write_tree(site, {"content/posts/a.md": POST})
    into = tmp_path / "out"
    into.mkdir()
    (into / "docs").symlink_to(outside, target_is_directory=True)
    (into / "mkdocs.yml").symlink_to(outside / "mkdocs.yml")  # dangling: would be created
    code, out = _import(site, into, capsys)
    assert code == 1
    assert sorted(p.name for p in outside.iterdir()) == ["id_rsa", "page.md"]
    assert "its folder is a link out of" in out
