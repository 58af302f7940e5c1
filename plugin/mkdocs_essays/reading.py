"""Reading a page's bytes at the start of a build, when the file may already be gone."""

from __future__ import annotations

from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files

__all__ = ["read_source"]

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
