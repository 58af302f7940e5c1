"""The plugin's own virtual files (``cards.json``, feeds, ``map.js``), let go once written.

MkDocs writes a site's static files, these among them, after ``on_env`` and before the first
page; their text (``cards.json`` is some 30 MB at 1,000 essays) need not be held while every
page is built. Each is emptied only once its file on disk has all of its bytes: should a
version of MkDocs write them later, nothing is lost, they are only held longer.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from mkdocs.structure.files import File

__all__ = ["release_written"]


def release_written(extra: Mapping[str, tuple[Any, File]]) -> dict[str, tuple[Any, File]]:
    """Empty each file of ``extra`` (path -> (feature, file)) that is written; the rest."""
    left: dict[str, tuple[Any, File]] = {}
    for path, (feature, file) in extra.items():
        content = file.content_bytes
        try:
            written = os.path.getsize(file.abs_dest_path) == len(content)
        except OSError:
            written = False
        if written:
            file.content_bytes = b""
        else:
            left[path] = (feature, file)
    return left
