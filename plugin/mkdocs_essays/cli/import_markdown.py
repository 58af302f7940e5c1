"""The Markdown extensions an imported site's ``mkdocs.yml`` lists: what Hugo's Goldmark gives
the content (``[markup.goldmark.extensions]``), what shortcodes and math need, and
``[markup.tableOfContents]`` as the toc's depth. Part of ``mkdocs-essays import``."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from ..hugo.site_config import HugoConfig

__all__ = ["markdown_extensions", "toc_depth", "uses_math"]

_GOLDMARK = {
    # goldmark extension (enabled by default in Hugo) -> Markdown extension entry
    "footnote": "footnotes",
    "definitionlist": "def_list",
    "strikethrough": "pymdownx.tilde",
    "tasklist": "pymdownx.tasklist:\n      custom_checkbox: true",
    "linkify": "pymdownx.magiclink",
    "typographer": "smarty",
}
_MATH_KEY = re.compile(r"math\s*[=:]\s*true", re.IGNORECASE)


def uses_math(text: str) -> bool:
    """``$$``, ``\\(`` or ``math = true`` alone on its line(s): what
    ``^\\s*math\\s*[=:]\\s*true\\s*$`` (multiline) found, with the white space around the key
    walked once (as one regex, ``^\\s*`` crossed every blank line from every line start)."""
    if "$$" in text or "\\(" in text:
        return True
    for found in _MATH_KEY.finditer(text):
        start = found.start()
        while start and text[start - 1] != "\n" and text[start - 1].isspace():
            start -= 1
        if start and text[start - 1] != "\n":
            continue
        end = found.end()
        while end < len(text) and text[end] != "\n" and text[end].isspace():
            end += 1
        if end == len(text) or text[end] == "\n":
            return True
    return False


def markdown_extensions(config: HugoConfig, pages: Iterable[Path], notes: list[str]) -> str:
    """The Markdown extensions Hugo's Goldmark gives the content, and what shortcodes and
    math need, as YAML (with the ``!!python/name`` tags MkDocs reads)."""
    goldmark = config.table("markup", "goldmark", "extensions")
    lowered = {str(k).lower(): v for k, v in goldmark.items()}
    lines = [
        "markdown_extensions:",
        "  - toc:",
        "      permalink: true",
        "  - attr_list",
        "  - md_in_html",
        "  - admonition",
        "  - tables",
    ]
    for name, entry in _GOLDMARK.items():
        if lowered.get(name) is not False:
            lines.append(f"  - {entry}")
    lines += [
        "  - pymdownx.details",
        "  - pymdownx.highlight:",
        "      anchor_linenums: true",
        "  - pymdownx.inlinehilite",
        "  - pymdownx.superfences:",
        "      custom_fences:",
        "        - name: mermaid",
        "          class: mermaid",
        "          format: !!python/name:pymdownx.superfences.fence_code_format",
        "  - pymdownx.tabbed:",
        "      alternate_style: true",
    ]
    if config.get("enableEmoji") is True:
        lines += [
            "  - pymdownx.emoji:",
            "      emoji_index: !!python/name:material.extensions.emoji.twemoji",
            "      emoji_generator: !!python/name:material.extensions.emoji.to_svg",
        ]
    if any(uses_math(p.read_text("utf-8", errors="replace")) for p in pages):
        lines += ["  - pymdownx.arithmatex:", "      generic: true"]
        notes.append(
            "math: formulas are kept as written (pymdownx.arithmatex); to typeset them add "
            "MathJax or KaTeX to extra_javascript, as Material's 'Math' guide shows"
        )
    if config.get("markup", "goldmark", "renderer", "unsafe") is not True:
        notes.append(
            "markup.goldmark.renderer.unsafe is off: Hugo left raw HTML out of pages, "
            "MkDocs renders it"
        )
    depth = toc_depth(config, notes)
    if depth is not None:
        lines[2:3] = ["      permalink: true", f'      toc_depth: "{depth}"']
    style = config.get("markup", "highlight", "style")
    if isinstance(style, str) and style:
        notes.append(f"highlight style {style!r}: code uses Material's colours")
    return "\n".join(lines) + "\n"


def toc_depth(config: HugoConfig, notes: list[str]) -> str | None:
    """``[markup.tableOfContents]`` levels as the toc extension's ``toc_depth``: whole
    numbers from 1 to 6, the start not after the end (Hugo's defaults, 2 and 3, for a
    value that is not one; named)."""
    table = "markup.tableOfContents"
    levels: list[int] = []
    written = False
    for key, default in (("startLevel", 2), ("endLevel", 3)):
        value = config.get("markup", "tableOfContents", key)
        if value is None:
            levels.append(default)
            continue
        written = True
        if isinstance(value, bool) or not isinstance(value, int):
            notes.append(f"{table}.{key} = {value!r} is not a heading level; {default}")
            levels.append(default)
        elif not 1 <= value <= 6:
            kept = min(max(value, 1), 6)
            notes.append(f"{table}.{key} = {value} is not a heading level (1-6); {kept}")
            levels.append(kept)
        else:
            levels.append(value)
    if not written:
        return None
    start, end = levels
    if start > end:
        notes.append(
            f"{table}: startLevel {start} is after endLevel {end}; the contents show level "
            f"{start} only"
        )
        end = start
    return f"{start}-{end}"
