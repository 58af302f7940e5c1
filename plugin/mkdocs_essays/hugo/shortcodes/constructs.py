"""Targets that write a Markdown construct of the site's extensions: admonitions, tabs,
collapsible blocks, and code blocks (``highlight``, ``mermaid``). Each is a function of the
:class:`~.renderer.Renderer` and the call. No MkDocs import."""

from __future__ import annotations

import html as htmllib
import re
import textwrap
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from .syntax import LITERAL, Call, unescape
from .text import plain
from .values import Out, Problem, Render, Step

if TYPE_CHECKING:
    from .renderer import Renderer

__all__ = ["TARGETS"]


def admonition(r: Renderer, call: Call) -> Step:
    if not r.needs(call, "admonition"):
        return (yield from r.keep(call))
    if not r.room(call, "admonition"):
        return (yield from r.flat(call))
    kind = call.arg("type", "kind", "style", "color", position=0, default="note").strip().lower()
    kind = re.sub(r"[^a-z0-9-]+", "-", kind).strip("-") or "note"
    title = call.arg("title", position=1)
    head = f"!!! {kind}" + (f" {_quoted(title)}" if title else "")
    body = yield from r.inner_markdown(call, block=True)
    return Out(head + "\n\n" + _indent(body) if body else head, "block")


def tabs(r: Renderer, call: Call) -> Step:
    if not r.needs(call, "tabs"):
        return (yield from r.keep(call))
    if not call.inner:
        return Out("")
    if not r.room(call, "tabs"):
        return (yield from r.flat(call))
    parts: list[str] = []
    rest: list[str] = []
    first = True
    for node in call.inner:
        if isinstance(node, Call) and r.target(node) == "tab":
            parts.append((yield from _tab(r, node, len(parts) + 1, first=first)))
            first = False
        elif isinstance(node, Call):
            rest.append(plain((yield Render(node))))
        elif node.strip():
            rest.append(unescape(node, opening=LITERAL))
    extra = textwrap.dedent("".join(rest)).strip("\n")
    return Out("\n\n".join(parts) + ("\n\n" + extra if extra else ""), "block")


def tab(r: Renderer, call: Call) -> Step:
    if not r.needs(call, "tab"):
        return (yield from r.keep(call))
    if not r.room(call, "tab"):
        return (yield from r.flat(call))
    return Out((yield from _tab(r, call, 1, first=False)), "block")


def _tab(r: Renderer, call: Call, number: int, *, first: bool) -> Step:
    name = call.arg("name", "title", "label", "tabName", position=0, default=f"Tab {number}")
    body = yield from r.inner_markdown(call, block=True)
    head = ("===! " if first else "=== ") + _quoted(name)
    return head + "\n\n" + _indent(body or "&nbsp;")


def details(r: Renderer, call: Call) -> Step:
    if not r.require_inner(call):
        return Out("")
    summary = call.arg("summary", "title", position=0, default="Details")
    is_open = call.flag("open")
    block = bool({"pymdownx.details", "md_in_html"} & r.extensions)
    if block and not r.room(call, "collapsible block"):
        return (yield from r.flat(call))
    body = yield from r.inner_markdown(call, block=block)
    if "pymdownx.details" in r.extensions:
        head = ("???+" if is_open else "???") + " note " + _quoted(summary)
        return Out(head + "\n\n" + _indent(body), "block")
    if "md_in_html" in r.extensions:
        attributes = ' markdown="1"' + (" open" if is_open else "")
        return Out(
            f"<details{attributes}>\n<summary>{htmllib.escape(summary)}</summary>\n\n"
            f"{body}\n\n</details>",
            "block",
        )
    r.problems.append(
        Problem(
            "extension",
            "details:pymdownx.details",
            call.line,
            f"the shortcode {call.name!r} becomes a collapsible block, which needs the "
            "Markdown extension 'pymdownx.details' (or 'md_in_html'); add it to "
            "markdown_extensions in mkdocs.yml. Until then its inner text is kept as it is",
        )
    )
    return Out(body, "block")


# -- code blocks -------------------------------------------------------------------------------


def mermaid(r: Renderer, call: Call) -> Out:
    r.needs(call, "mermaid")
    return Out(_fence(r.inner_raw(call), "mermaid"), "block")


def highlight(r: Renderer, call: Call) -> Out:
    if not r.require_inner(call):
        return Out("")
    language = call.arg("lang", "language", position=0).strip()
    options = _highlight_options(call.arg("options", position=1))
    for key in ("linenos", "hl_lines", "linenostart", "anchorlinenos"):
        if key in call.named:
            options[key] = call.named[key]
    return Out(_code(r, r.inner_raw(call), language, options), "block")


def _code(r: Renderer, code: str, language: str, options: dict[str, str]) -> str:
    linenos = options.get("linenos", "false").lower() not in ("false", "")
    start = options.get("linenostart", "1").strip() or "1"
    ranges = line_ranges(options.get("hl_lines", ""), code.count("\n") + 1)
    info = re.sub(r"[^\w#+.\-]", "", language)
    if "pymdownx.superfences" in r.extensions:
        extra = []
        if linenos:
            extra.append(f'linenums="{start}"')
        if ranges:
            shown = " ".join(str(a) if a == b else f"{a}-{b}" for a, b in ranges)
            extra.append(f'hl_lines="{shown}"')
        return _fence(code, " ".join(filter(None, [info, *extra])))
    expanded = [str(n) for first, last in ranges for n in range(first, last + 1)]
    extra = [f'hl_lines="{" ".join(expanded)}"'] if expanded else []
    return _fence(code, " ".join(filter(None, [info, *extra])))


TARGETS: Mapping[str, Callable[[Renderer, Call], Out | Step]] = {
    "admonition": admonition,
    "tabs": tabs,
    "tab": tab,
    "details": details,
    "mermaid": mermaid,
    "highlight": highlight,
}


# -- helpers -----------------------------------------------------------------------------------


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _indent(text: str, width: int = 4) -> str:
    pad = " " * width
    return "\n".join(pad + line if line.strip() else "" for line in text.split("\n"))


def _fence(code: str, info: str) -> str:
    longest = max((len(m) for m in re.findall(r"`+", code)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}{info}\n{code}\n{fence}"


def _highlight_options(text: str) -> dict[str, str]:
    """Hugo's ``"linenos=table,hl_lines=8 15-17,linenostart=199"``."""
    options: dict[str, str] = {}
    for item in text.split(","):
        if "=" in item:
            key, value = item.split("=", 1)
            options[key.strip().lower()] = value.strip().strip('"')
    return options


def line_ranges(text: str, count: int) -> list[tuple[int, int]]:
    """Hugo's ``hl_lines`` (``"2 4-5"``, lines of the block counted from 1 whatever
    ``linenostart`` says) as merged ranges inside the block's ``count`` lines: Hugo 0.168
    highlights nothing for a line the block does not have, so ``1-100000000`` on a block of
    3 lines is ``1-3`` (never a list of a hundred million numbers), and ``4-5`` is nothing.
    Linear in the text plus the ranges' sorting."""
    ranges: list[tuple[int, int]] = []
    for item in text.replace(",", " ").split():
        first, dash, last = item.partition("-")
        if not first.isdigit() or (dash and not last.isdigit()):
            continue
        low = _line_number(first, count + 1)  # count + 1: after the block, nothing to show
        high = min(_line_number(last, count + 1), count) if dash else low
        if 1 <= low <= high <= count:
            ranges.append((low, high))
    ranges.sort()
    merged: list[tuple[int, int]] = []
    for low, high in ranges:
        if merged and low <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(merged[-1][1], high))
        else:
            merged.append((low, high))
    return merged


def _line_number(digits: str, most: int) -> int:
    """A line number, at most ``most`` (a number of 5,000 digits is not read whole)."""
    digits = digits.lstrip("0") or "0"
    return most if len(digits) > len(str(most)) else min(int(digits), most)
