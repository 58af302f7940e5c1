"""Reading a page's bytes during a build, when the file may already be gone, and its text
without what no page can show."""

from __future__ import annotations

import os
from collections.abc import Callable

from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel

from .cache import ByObject
from .frontmatter import Document
from .model.text import CONTROL, control_character

__all__ = ["Reader", "without_controls"]

log = get_plugin_logger("mkdocs_essays")


class Reader:
    """Reads the build's files; a file removed or renamed while the build runs (`mkdocs serve`
    builds again after the change) is said once, however many places want it."""

    def __init__(self, name: Callable[[File], str]) -> None:
        self.name = name
        """How messages name a file (``docs/posts/x.md``)."""
        self._said: set[File] = set()

    def _left_out(self, file: File) -> None:
        if file not in self._said:
            self._said.add(file)
            log.info(f"{self.name(file)} was removed or renamed during the build; it is left out")

    def source(self, file: File, files: Files, errors: list[str]) -> bytes | None:
        """The file's bytes; None when it cannot be read: it is then taken out of ``files``,
        and an unreadable file is added to ``errors``."""
        try:
            return file.content_bytes
        except FileNotFoundError:
            self._left_out(file)  # the site is built without it, as it will be
        except OSError as error:
            errors.append(f"{self.name(file)}: cannot be read ({error.strerror}); check the file")
        files.remove(file)
        return None

    def text(self, file: File, *, errors: str = "strict") -> str | None:
        """The file's text, as MkDocs reads it (``errors="replace"``: whatever its bytes);
        None (and one info line) when the file was removed or renamed since the build began.
        Any other error is MkDocs' to report."""
        try:
            if errors == "strict":
                return file.content_string
            return file.content_bytes.decode("utf-8-sig", errors=errors)
        except FileNotFoundError:
            self._left_out(file)
            return None

    def gone(self, file: File) -> bool:
        """True (with one info line) when a file MkDocs is about to read is no longer there."""
        if file.abs_src_path is None or file.generated_by is not None:
            return False
        if os.path.exists(file.abs_src_path):
            return False
        self._left_out(file)
        return True

    def drop_gone(self, files: Files) -> None:
        """Leave out the static files removed since the build began, just before MkDocs
        copies them (``on_env``): it would stop at the first with a ``FileNotFoundError``."""
        for file in files.media_files():
            if file.inclusion.is_included() and self.gone(file):
                file.inclusion = InclusionLevel.EXCLUDED


def without_controls(
    document: Document, body: str, seen: ByObject[tuple[int, str] | None] | None = None
) -> str:
    """The body without control characters (pasted from a terminal or a PDF, invisible on a
    page, invalid in feeds): one warning names the first and how many there are. ``seen``:
    the first found in each file's text, kept while it is the same text object (an unchanged
    file's is: a save scans the texts it changed, not 6 MB)."""
    text = document.body
    first = control_character(text) if seen is None else seen.of(text, control_character)
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
