"""``mkdocs-essays new "Title" [--tags a,b] [--dir docs/posts]``: start an essay, like ``hugo new``.

Writes ``<dir>/<slug>.md`` (the slug is Hugo's URL form of the title) with TOML front matter:
the title, the current date with its zone, ``draft = true`` and the tags. Never overwrites: an
existing file (or a bundle ``<slug>/index.md``, which would publish at the same address) stops
it with exit code 1.
"""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

from ..frontmatter.handlers import TOMLHandler
from ..model.slugs import fit_segment, hugo_urlize

__all__ = ["essay_text", "parse_tags", "register", "run", "slug_for"]


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "new",
        help="start a new essay (a draft) in the essays folder",
        description="Write <dir>/<slug>.md with TOML front matter (title, date, draft = true, "
        "tags), as `hugo new` does. An existing file is never overwritten.",
    )
    parser.add_argument("title", help='the essay\'s title, e.g. "Patterns for RAG"')
    parser.add_argument(
        "--tags", default="", help="comma-separated tags, e.g. --tags 'LLM,Generative AI'"
    )
    parser.add_argument(
        "--dir",
        default="docs/posts",
        type=Path,
        help="the folder to write to (default: docs/posts)",
    )
    parser.set_defaults(run=run)


def slug_for(title: str) -> str:
    """The file name (without ``.md``) for a title: Hugo's ``urlize``, as one path segment.

    Slashes would make folders and a leading dot a hidden file MkDocs skips, so both go. A
    name longer than a file system holds (86 CJK characters make 258 bytes) is shortened as
    the build shortens URLs (:func:`~mkdocs_essays.model.slugs.fit_segment`): its start and a
    hash, so the essay is published at the address the file name gives.
    """
    slug = hugo_urlize(title.replace("/", " ").replace("\\", " "))
    return fit_segment(slug.lstrip(".-"))


def parse_tags(text: str) -> list[str]:
    """``"a, b,,a"`` -> ``["a", "b"]``: trimmed, empty ones dropped, first spelling kept."""
    tags: list[str] = []
    for part in text.split(","):
        tag = " ".join(part.split())
        if tag and tag not in tags:
            tags.append(tag)
    return tags


def essay_text(title: str, tags: list[str], now: datetime) -> str:
    """The new file: TOML front matter, then an empty body."""
    front: dict[str, object] = {
        "title": title,
        "date": now.replace(microsecond=0),
        "draft": True,
        "tags": tags,
    }
    return f"+++\n{TOMLHandler().export(front)}\n+++\n\n"


def run(args: argparse.Namespace, now: datetime | None = None) -> int:
    title = " ".join(str(args.title).split())
    if not title:
        print(
            "mkdocs-essays new: the title is empty; give one, e.g. 'Patterns for RAG'",
            file=sys.stderr,
        )
        return 1
    slug = slug_for(title)
    if not slug:
        print(
            f"mkdocs-essays new: cannot make a file name from the title {title!r}; "
            "give a title with letters or digits",
            file=sys.stderr,
        )
        return 1
    folder: Path = args.dir
    path = folder / f"{slug}.md"
    bundle = folder / slug / "index.md"
    if bundle.exists():
        print(
            f"mkdocs-essays new: {bundle} already publishes at the address of {path}; "
            "edit that file or choose another title",
            file=sys.stderr,
        )
        return 1
    stamp = now or datetime.now().astimezone()
    text = essay_text(title, parse_tags(args.tags), stamp)
    if folder.exists() and not folder.is_dir():
        print(
            f"mkdocs-essays new: {folder} is a file, not a folder; give --dir a folder",
            file=sys.stderr,
        )
        return 1
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8", newline="\n") as out:
            out.write(text)
    except FileExistsError:
        print(
            f"mkdocs-essays new: {path} already exists and is left as it is; "
            "edit it, or choose another title",
            file=sys.stderr,
        )
        return 1
    except OSError as error:
        print(f"mkdocs-essays new: cannot write {path}: {error.strerror}", file=sys.stderr)
        return 1
    print(path)
    return 0
