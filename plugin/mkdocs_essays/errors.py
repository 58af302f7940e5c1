"""Errors raised by the core: each one names the file, the line and what to fix."""

from __future__ import annotations


class EssaysError(Exception):
    """Input that cannot be used. ``str(error)`` is the whole message a writer reads."""

    def __init__(self, path: str, line: int | None, message: str) -> None:
        self.path = path
        self.line = line
        self.message = message
        super().__init__(str(self))

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {self.message}"


class FrontMatterError(EssaysError):
    """The front matter block of a page cannot be read or has a field of the wrong kind."""


class CollectionError(EssaysError):
    """Two sources claim one URL, slug or alias, or a path leaves the site."""
