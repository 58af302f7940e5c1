"""Reading a page's bytes at the start of a build, when the file may already be gone, and
its text without what no page can show."""

from __future__ import annotations

import os
import weakref
from collections.abc import Callable

from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel

from .frontmatter import Document
from .model.text import CONTROL, control_character

__all__ = ["drop_gone", "gone", "read_source", "read_text", "without_controls"]

log = get_plugin_logger("mkdocs_essays")
_said: weakref.WeakSet[File] = weakref.WeakSet()
"""Files already reported gone (MkDocs makes new ``File`` objects each build)."""


def _left_out(file: File, path: str) -> None:
    """Renamed or deleted while this build runs (`mkdocs serve` builds again after the
    change): one line, however many places wanted the file."""
    if file not in _said:
        _said.add(file)
        log.info(f"{path} was removed or renamed during the build; it is left out")


def read_source(file: File, files: Files, path: str, errors: list[str]) -> bytes | None:
    """The file's bytes; None when it cannot be read: it is then taken out of ``files``, and
    an unreadable file is added to ``errors`` (``path`` is how messages name it)."""
    try:
        return file.content_bytes
    except FileNotFoundError:
        _left_out(file, path)  # the site is built without it, as it will be
    except OSError as error:
        errors.append(f"{path}: cannot be read ({error.strerror}); check the file")
    files.remove(file)
    return None


def read_text(file: File, path: str, *, errors: str = "strict") -> str | None:
    """The file's text, as MkDocs reads it (``errors="replace"``: whatever its bytes); None
    (and one info line) when the file was removed or renamed since the build began. Any
    other error is MkDocs' to report."""
    try:
        if errors == "strict":
            return file.content_string
        return file.content_bytes.decode("utf-8-sig", errors=errors)
    except FileNotFoundError:
        _left_out(file, path)
        return None


def gone(file: File, path: str) -> bool:
    """True (with one info line) when a file MkDocs is about to read is no longer there."""
    if file.abs_src_path is None or file.generated_by is not None:
        return False
    if os.path.exists(file.abs_src_path):
        return False
    _left_out(file, path)
    return True


def drop_gone(files: Files, path: Callable[[File], str]) -> None:
    """Leave out the static files removed since the build began, just before MkDocs copies
    them (``on_env``): it would stop at the first with a ``FileNotFoundError``."""
    for file in files.media_files():
        if file.inclusion.is_included() and gone(file, path(file)):
            file.inclusion = InclusionLevel.EXCLUDED


def without_controls(document: Document, body: str) -> str:
    """The body without control characters (pasted from a terminal or a PDF, invisible on a
    page, invalid in feeds): one warning names the first and how many there are."""
    first = control_character(document.body)
    if first is None:
        return body
    offset, char = first
    line = document.body_line + document.body.count("\n", 0, offset)
    count = len(CONTROL.findall(document.body))
    more = f" ({count} control characters in the file)" if count > 1 else ""
    log.warning(
        f"{document.path}:{line}: the control character U+{ord(char):04X} is invisible and is "
        f"left out of the page{more}; remove it"
    )
    return CONTROL.sub("", body)
