"""Reading a page's bytes at the start of a build, when the file may already be gone, and
its text without what no page can show."""

from __future__ import annotations

from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files

from .frontmatter import Document
from .model.text import CONTROL, control_character

__all__ = ["read_source", "without_controls"]

log = get_plugin_logger("mkdocs_essays")


def read_source(file: File, files: Files, path: str, errors: list[str]) -> bytes | None:
    """The file's bytes; None when it cannot be read: it is then taken out of ``files``, and
    an unreadable file is added to ``errors`` (``path`` is how messages name it)."""
    try:
        return file.content_bytes
    except FileNotFoundError:
        # Renamed or deleted while this build runs (`mkdocs serve` builds again after the
        # change): the site is built without it, as it will be.
        log.info(f"{path} was removed or renamed during the build; it is left out")
    except OSError as error:
        errors.append(f"{path}: cannot be read ({error.strerror}); check the file")
    files.remove(file)
    return None


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
