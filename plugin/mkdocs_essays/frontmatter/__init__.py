"""Read a page the way Hugo does: one front matter block (TOML, YAML or JSON), then the body.

``read()`` is the only entry point the rest of the package needs. It accepts text or bytes,
a UTF-8 byte order mark and CRLF line endings, and returns a :class:`Document` or raises
:class:`~mkdocs_essays.frontmatter.schema.FrontMatterErrors` whose every error names the file
and the line to fix.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, tzinfo

from ..errors import FrontMatterError
from .handlers import HANDLERS, JSONHandler, Split, TOMLHandler, YAMLHandler, detect_handler
from .schema import DEFAULT_TAXONOMIES, FrontMatter, FrontMatterErrors, validate

__all__ = [
    "HANDLERS",
    "Document",
    "FrontMatter",
    "FrontMatterError",
    "FrontMatterErrors",
    "JSONHandler",
    "TOMLHandler",
    "YAMLHandler",
    "decode",
    "read",
]


@dataclass(frozen=True)
class Document:
    """A page split into its front matter and its Markdown body."""

    path: str
    front: FrontMatter
    body: str
    body_line: int
    """Line of the file where the body starts (1 when there is no front matter)."""


def decode(data: bytes, path: str) -> str:
    """UTF-8 text without a byte order mark, or an error naming the line of the bad byte."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise FrontMatterErrors(
            [
                FrontMatterError(
                    path,
                    line,
                    f"the file is not valid UTF-8 (byte 0x{data[error.start]:02X} at offset "
                    f"{error.start}); save it as UTF-8",
                )
            ]
        ) from None


def normalise(text: str) -> str:
    """Drop a byte order mark and turn CRLF (and lone CR) line endings into LF."""
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


_TOML_KEY = re.compile(r"""^[ \t]*(?:"([^"]+)"|'([^']+)'|([A-Za-z0-9_-]+))[ \t]*[.=]""")
_TOML_TABLE = re.compile(r"^[ \t]*\[")
_TOML_HEADER = re.compile(r"""^[ \t]*\[\[?[ \t]*(?:"([^"]+)"|'([^']+)'|([A-Za-z0-9_-]+))""")
_YAML_KEY = re.compile(r"""^(?:"([^"]+)"|'([^']+)'|([^\s:#'"][^:]*?))[ \t]*:(?:[ \t]|$)""")


def key_lines(split: Split, format: str) -> dict[str, int]:
    """Line in the file of each top-level key (lower case), for error messages."""
    lines: dict[str, int] = {}
    if format == "json":
        depth = 0
        in_string = False
        token_start = 0
        text = split.front
        line = split.front_line
        last_string: tuple[str, int] | None = None
        i = 0
        while i < len(text):
            char = text[i]
            if char == "\n":
                line += 1
            if in_string:
                if char == "\\":
                    i += 2
                    continue
                if char == '"':
                    in_string = False
                    last_string = (text[token_start:i], line)
            elif char == '"':
                in_string = True
                token_start = i + 1
            elif char in "{[":
                depth += 1
            elif char in "}]":
                depth -= 1
            elif char == ":" and depth == 1 and last_string is not None:
                lines.setdefault(last_string[0].lower(), last_string[1])
            elif not char.isspace():
                last_string = None
            i += 1
        return lines
    pattern = _TOML_KEY if format == "toml" else _YAML_KEY
    in_table = False
    for offset, text in enumerate(split.front.split("\n")):
        if format == "toml" and _TOML_TABLE.match(text):
            # keys below a [table] header belong to that table; the table is a key itself
            in_table = True
            header = _TOML_HEADER.match(text)
            if header:
                key = next(g for g in header.groups() if g is not None)
                lines.setdefault(key.strip().lower(), split.front_line + offset)
            continue
        if in_table:
            continue
        found = pattern.match(text)
        if found:
            key = next(g for g in found.groups() if g is not None)
            lines.setdefault(key.strip().lower(), split.front_line + offset)
    return lines


def read(
    source: str | bytes,
    path: str,
    *,
    zone: tzinfo = UTC,
    taxonomies: Mapping[str, str] = DEFAULT_TAXONOMIES,
) -> Document:
    """Split and check one page. ``path`` is how messages name the file."""
    text = normalise(decode(source, path) if isinstance(source, bytes) else source)
    handler = detect_handler(text)
    if handler is None:
        return Document(path, FrontMatter(), text, 1)
    try:
        split = handler.locate(text, path)
        data = handler.load(split.front, path=path, first_line=split.front_line)
    except FrontMatterError as error:
        raise FrontMatterErrors([error]) from None
    format = handler.name.lower()
    front = validate(
        data,
        path=path,
        key_lines=key_lines(split, format),
        first_line=split.front_line,
        zone=zone,
        taxonomies=taxonomies,
        format=format,
    )
    return Document(path, front, split.body, split.body_line)
