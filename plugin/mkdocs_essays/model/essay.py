"""An essay: one Markdown file in the essays folder, with Hugo's publication rules applied."""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property
from typing import Any

from ..frontmatter import Document, FrontMatter
from .slugs import dot_segments, hugo_path, hugo_slug
from .text import markdown_inline_to_text

__all__ = ["LEFT_OUT_LABELS", "Essay", "Publication", "make_essay"]

# Why an essay is left out of `mkdocs build`, as shown on its badge under `mkdocs serve`.
LEFT_OUT_LABELS = {"draft": "Draft", "future": "Scheduled", "expired": "Expired"}


@dataclass(frozen=True)
class Publication:
    """Hugo's ``--buildDrafts``, ``--buildFuture`` and ``--buildExpired``, and the clock."""

    now: datetime
    build_drafts: bool = False
    build_future: bool = False
    build_expired: bool = False

    def left_out(self, front: FrontMatter) -> tuple[str, ...]:
        """The reasons ``mkdocs build`` leaves this essay out (empty: published)."""
        reasons: list[str] = []
        if front.draft and not self.build_drafts:
            reasons.append("draft")
        if front.publish_date and front.publish_date > self.now and not self.build_future:
            reasons.append("future")
        if front.expiry_date and front.expiry_date <= self.now and not self.build_expired:
            reasons.append("expired")
        return tuple(reasons)


@dataclass(frozen=True, eq=False)
class Essay:
    """An essay and what Hugo's rules make of it. Equal when it comes from the same file."""

    src_uri: str
    """Path inside the docs folder, '/'-separated (``posts/x.md``)."""
    path: str
    """The file as messages name it (``docs/posts/x.md``)."""
    front: FrontMatter
    body: str
    """The Markdown after the front matter, exactly as written."""
    body_line: int
    title: str
    slug: str
    """The last URL segment: ``slug`` from front matter, else the file (or bundle) name."""
    section: str
    """The folder the essay sits in, as Hugo writes it in URLs (``posts``)."""
    left_out: tuple[str, ...] = ()
    """Why ``mkdocs build`` leaves it out; empty when published."""

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Essay) and other.src_uri == self.src_uri

    def __hash__(self) -> int:
        return hash(self.src_uri)

    def __repr__(self) -> str:
        return f"Essay({self.src_uri!r}, title={self.title!r})"

    @property
    def published(self) -> bool:
        return not self.left_out

    @property
    def date(self) -> datetime | None:
        return self.front.date

    @property
    def tags(self) -> tuple[str, ...]:
        return self.front.tags

    def terms(self, taxonomy: str) -> tuple[str, ...]:
        return self.front.taxonomies.get(taxonomy, ())

    @property
    def params(self) -> dict[str, Any]:
        return dict(self.front.params)

    @cached_property
    def badges(self) -> tuple[str, ...]:
        return tuple(LEFT_OUT_LABELS[reason] for reason in self.left_out)

    def newest_first(self) -> tuple[float, str, str]:
        """Sort key: newest date first, undated last, then title and path for stability."""
        stamp = self.date.timestamp() if self.date else float("-inf")
        return (-stamp, self.title.casefold(), self.src_uri)


_ATX_OPEN = re.compile(r" {0,3}#(?!#)[ \t]+")
_SETEXT_H1 = re.compile(r"^ {0,3}=+[ \t]*$")


def _atx_h1(line: str) -> str | None:
    """The text of ``# Title #`` (closing ``#``s dropped), or None. String operations after
    one anchored match: the single regex it replaces was cubic on a line of ``#`` and spaces."""
    opened = _ATX_OPEN.match(line)
    if opened is None:
        return None
    text = line[opened.end() :].rstrip(" \t")
    if not text:  # only spaces after the '#': the last one (none when there is only one)
        return line[-1] if len(line) - line.index("#") > 2 else None
    head = text.rstrip("#")
    if head and head != text and head[-1] in " \t":
        text = head.rstrip(" \t")  # the closing '#'s, after a space
    return text


def _drop_attr_list(text: str) -> str:
    """``Title {: .x #id }`` -> ``Title``: a last ``{...}`` (no ``}`` inside) and the white
    space around it."""
    stripped = text.rstrip()
    if not stripped.endswith("}"):
        return text
    close = len(stripped) - 1
    opened = stripped.find("{", stripped.rfind("}", 0, close) + 1, close)
    if opened < 0:
        return text
    return stripped[:opened].rstrip()


def leading_h1(body: str) -> str | None:
    """The text of an H1 that opens the body (ATX or setext), or None."""
    lines = body.lstrip("\n").split("\n", 2)
    if not lines or not lines[0].strip():
        return None
    atx = _atx_h1(lines[0])
    if atx is not None:
        return markdown_inline_to_text(_drop_attr_list(atx))
    if len(lines) > 1 and _SETEXT_H1.match(lines[1]) and not lines[0].startswith("    "):
        return markdown_inline_to_text(_drop_attr_list(lines[0]))
    return None


def _title_from_name(name: str) -> str:
    title = name.replace("-", " ").replace("_", " ")
    return title.capitalize() if title.lower() == title else title


def make_essay(
    document: Document, src_uri: str, publication: Publication, *, lower: bool = True
) -> Essay:
    """Apply Hugo's rules to one parsed file (``lower=False``: Hugo's ``disablePathToLower``,
    the slug and section keep their case)."""
    front = document.front
    folder, filename = posixpath.split(src_uri)
    stem = posixpath.splitext(filename)[0]
    bundle = stem in ("index", "README") and bool(folder)
    if bundle:  # a leaf bundle: posts/<name>/index.md is the essay posts/<name>/
        folder, stem = posixpath.split(folder)
    name = dot_segments(front.slug)[0] if front.slug is not None else stem
    slug = (
        (hugo_slug(name, lower) if front.slug is not None else hugo_path(name, lower))
        or hugo_path(stem, lower)
        or "essay"
    )
    section = "/".join(filter(None, (hugo_path(part, lower) for part in folder.split("/"))))
    title = front.title or leading_h1(document.body) or _title_from_name(stem)
    return Essay(
        src_uri=src_uri,
        path=document.path,
        front=front,
        body=document.body,
        body_line=document.body_line,
        title=title,
        slug=slug,
        section=section,
        left_out=publication.left_out(front),
    )
