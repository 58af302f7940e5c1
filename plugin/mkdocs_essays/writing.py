"""The plugin's own virtual files (``cards.json``, feeds, ``map.js``), let go once written.

MkDocs writes a site's static files, these among them, after ``on_env`` and before the first
page; their text (``cards.json`` is some 30 MB at 1,000 essays) need not be held while every
page is built. Each is emptied only once MkDocs' ``copy_file`` of it has returned: its file
is then whole on disk. Should a version of MkDocs write them later, nothing is lost, they are
only held longer; a file MkDocs does not write (an incremental build keeps the last one,
``incremental/engine.py``) is held too.

That MkDocs wrote it is noted as it writes (:func:`note_written`), not read back from the disk:
comparing the file's size with its text's meant encoding the text (``cards.json`` is not
ASCII), 1.5% of a word saved at 1,000 essays.
"""

from __future__ import annotations

from typing import Any

from mkdocs.structure.files import File

__all__ = ["note_written", "release_written"]

_WRITTEN = "_essays_written"


def note_written(file: File) -> File:
    """Have ``file`` note when MkDocs has written it (its ``copy_file`` has returned)."""
    write = file.copy_file

    def copy_file(dirty: bool = False) -> None:
        write(dirty)
        vars(file)[_WRITTEN] = True

    file.copy_file = copy_file  # type: ignore[method-assign]
    return file


def release_written(extra: dict[str, tuple[Any, File]]) -> None:
    """Empty each file of ``extra`` (path -> (feature, file)) that MkDocs has written, and
    forget them all: this is tried once, before the first page (a file not written yet is
    kept whole, and is not read again for each page)."""
    for _, file in extra.values():
        if vars(file).get(_WRITTEN):
            file.content_bytes = b""
    extra.clear()
