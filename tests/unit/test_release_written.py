"""The plugin's own files are let go once MkDocs has written them (``writing.py``): once
its ``copy_file`` has returned, not before, nor when it failed or was not called."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from mkdocs.structure.files import File
from mkdocs_essays.writing import note_written, release_written


def _file(site: Path, name: str, content: str) -> File:
    file = File(name, src_dir=None, dest_dir=str(site), use_directory_urls=False)
    file.content_string = content  # (as File.generated(config, name, content=...) does)
    return note_written(file)


def _copied(dirty: bool = False) -> None:
    """What the incremental engine gives a file it keeps as the last build wrote it."""


def test_a_file_is_let_go_once_mkdocs_has_written_it(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "blocked.json").mkdir()  # (a folder where the file goes: its writing fails)
    files = {
        "ascii.json": "{" + "a" * 100 + "}",
        "accents.json": '{"title": "Café über naïve"}',
        "blocked.json": '{"title": "Café"}',
        "not-written.json": "{}",
        "kept.json": '{"kept": true}',
    }
    extra: dict[str, tuple[Any, File]] = {}
    for name, text in files.items():
        extra[name] = (None, _file(site, name, text))
    extra["kept.json"][1].copy_file = _copied  # type: ignore[method-assign]
    for name in ("ascii.json", "accents.json", "kept.json"):
        extra[name][1].copy_file()
    with pytest.raises(OSError):
        extra["blocked.json"][1].copy_file()
    kept = dict(extra)
    release_written(extra)
    assert extra == {}, "each file is tried once"
    assert (site / "accents.json").read_text("utf-8") == files["accents.json"]
    assert kept["ascii.json"][1].content_bytes == b""
    assert kept["accents.json"][1].content_bytes == b""
    assert kept["blocked.json"][1].content_string == files["blocked.json"]
    assert kept["not-written.json"][1].content_string == "{}"
    assert kept["kept.json"][1].content_string == files["kept.json"]
