"""The plugin's own files are let go once MkDocs has written all of their bytes
(``writing.py``): not before, whatever their text is made of."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.structure.files import File
from mkdocs_essays.writing import release_written


def _file(site: Path, name: str, content: str) -> File:
    file = File(name, src_dir=None, dest_dir=str(site), use_directory_urls=False)
    file.content_string = content  # (as File.generated(config, name, content=...) does)
    return file


def test_a_file_is_let_go_once_all_its_bytes_are_written(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    files = {
        "ascii.json": "{" + "a" * 100 + "}",
        "accents.json": '{"title": "Café über naïve"}',
        "short.json": '{"title": "Café"}',
        "missing.json": "{}",
    }
    extra: dict[str, tuple[Any, File]] = {}
    for name, text in files.items():
        extra[name] = (None, _file(site, name, text))
        if name == "short.json":  # (written in part: as many bytes as it has characters)
            (site / name).write_bytes(text.encode("utf-8")[: len(text)])
        elif name != "missing.json":
            (site / name).write_text(text, "utf-8")
    kept = dict(extra)
    release_written(extra)
    assert extra == {}, "each file is tried once"
    assert kept["ascii.json"][1].content_bytes == b""
    assert kept["accents.json"][1].content_bytes == b"", "all its bytes, not its characters"
    assert kept["short.json"][1].content_string == files["short.json"]
    assert kept["missing.json"][1].content_string == "{}"
