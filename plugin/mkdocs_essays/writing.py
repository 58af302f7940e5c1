"""The plugin's own virtual files (``cards.json``, feeds, ``map.js``), let go once written.

MkDocs writes a site's static files, these among them, after ``on_env`` and before the first
page; their text (``cards.json`` is some 30 MB at 1,000 essays) need not be held while every
page is built. Each is emptied only once its file on disk has all of its bytes: should a
version of MkDocs write them later, nothing is lost, they are only held longer.
"""

from __future__ import annotations

import os
from typing import Any

from mkdocs.structure.files import File

__all__ = ["release_written"]


def release_written(extra: dict[str, tuple[Any, File]]) -> None:
    """Empty each file of ``extra`` (path -> (feature, file)) that is written, and forget
    them all: this is tried once, before the first page (a file not written yet is kept whole,
    and is not read again for each page)."""
    for _, file in extra.values():
        try:
            written = os.path.getsize(file.abs_dest_path) == _size(file)
        except OSError:
            written = False
        if written:
            file.content_bytes = b""
    extra.clear()


def _size(file: File) -> int:
    """The file's size in bytes (its text's length when it is ASCII: encoding 30 MB of
    ``cards.json`` to count them was 1% of a save at 1,000 essays)."""
    content = getattr(file, "_content", None)
    if isinstance(content, str) and content.isascii():
        return len(content)
    return len(file.content_bytes)
