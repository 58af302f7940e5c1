"""Where each call stands on its page, and how what it renders is put there: in place, or as a
block of its own lines (shifted by what stands before it), the inner part of a call dedented
by the margin its lines share. No MkDocs import."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable

from .syntax import Call, Node
from .text import Text, plain
from .values import Out

__all__ = ["INLINE_TARGETS", "Layout"]

INLINE_TARGETS = frozenset({"param", "ref", "relref", "strip", "fail"})
"""Targets that write text on the call's line only, whatever the call holds."""


def _common_start(a: str, b: str) -> str:
    """The longest start ``a`` and ``b`` share."""
    n = 0
    while n < len(a) and n < len(b) and a[n] == b[n]:
        n += 1
    return a[:n]


class Layout:
    """The lines of a page of calls. ``target_of`` gives a call's target (the policy for
    unknown shortcodes when it has none)."""

    def __init__(self, text: str, target_of: Callable[[Call], str]) -> None:
        self.text = text
        self.target_of = target_of
        self.newlines = [m.start() for m in re.finditer("\n", text)]
        self._first_text: list[int] | None = None
        self._last_text: list[int] | None = None
        self.margins: dict[int, str] = {}
        """id of a call -> the margin its parent's inner part is dedented by (:meth:`margin`)."""

    def line_of(self, offset: int) -> int:
        """The 1-based line of an offset."""
        return bisect_left(self.newlines, offset) + 1

    def at_line_start(self, offset: int) -> bool:
        return offset == 0 or self.text[offset - 1] == "\n"

    def line_start(self, offset: int) -> int:
        at = bisect_left(self.newlines, offset)
        return self.newlines[at - 1] + 1 if at else 0

    def alone(self, call: Call) -> bool:
        """Whether only white space is before the call on its first line and after it on its
        last line. From a table of the lines' first and last non-space characters, made once:
        a line of 10,000 calls is not read again for each of them."""
        if self._first_text is None or self._last_text is None:
            first: list[int] = []
            last: list[int] = []
            start = 0
            for line in self.text.split("\n"):
                first.append(start + len(line) - len(line.lstrip()))
                last.append(start + len(line.rstrip()))
                start += len(line) + 1
            self._first_text, self._last_text = first, last
        before_blank = self._first_text[bisect_left(self.newlines, call.start)] >= call.start
        after_blank = self._last_text[bisect_left(self.newlines, call.close_end)] <= call.close_end
        return before_blank and after_blank

    def inline(self, call: Call) -> bool:
        """Whether the call writes text on its line only, whatever it holds."""
        target = self.target_of(call)
        return target in INLINE_TARGETS or (target == "keep" and not call.inner)

    def margin(self, call: Call) -> str:
        """The white space every line of the call's inner part starts with, read from the
        page: its own text's lines (white space only lines aside) and the white space before
        each call inside it on its line (the lines the call writes are shifted by that). Only
        the part's own text is read, never what the calls inside it hold: each line of the
        page is read for one call, so dedenting 8,000 nested calls is linear."""
        common: str | None = None
        offset = call.end
        nodes: list[Node] = call.inner or []
        for at, node in enumerate(nodes):
            if not isinstance(node, str):
                if not self.alone(node) and not self.inline(node):
                    return ""  # it may write a block at the start of a line: no margin known
                offset = node.close_end
                continue
            lines = node.split("\n")
            for index, line in enumerate(lines):
                if index == 0 and not self.at_line_start(offset):
                    continue
                last = index == len(lines) - 1
                if line.strip():
                    lead = line[: len(line) - len(line.lstrip())]
                elif last and at + 1 < len(nodes):
                    lead = line  # the white space before a call inside: its column
                else:
                    continue
                if common is None:
                    common = lead
                elif not lead.startswith(common):
                    common = _common_start(common, lead)
                if not common:
                    return ""
            offset += len(node)
        return common or ""

    def dedented(self, piece: str, offset: int, margin: str, before_call: bool) -> str:
        """``piece`` (at ``offset`` in the page) with ``margin`` taken from each line it
        starts, as :func:`textwrap.dedent` takes it (white space only lines emptied)."""
        lines = piece.split("\n")
        for index, line in enumerate(lines):
            if index == 0 and not self.at_line_start(offset):
                continue
            if line.startswith(margin):
                line = line[len(margin) :]
            if not line.strip() and not (index == len(lines) - 1 and before_call):
                line = ""
            lines[index] = line
        return "\n".join(lines)

    def place(self, call: Call, out: Out) -> str | Text:
        """Put a call's output where the call was, as a block when it stands on its own lines."""
        if out.kind == "inline" or not out.text:
            return out.text
        alone = self.alone(call)
        if not alone and out.kind == "text":
            return out.text
        prefix = self.text[self.line_start(call.start) : call.start]
        margin = self.margins.get(id(call), "")
        if margin and prefix.startswith(margin):
            prefix = prefix[len(margin) :]  # its parent's part is dedented by that
        if alone and isinstance(out.text, Text) and not prefix:
            text = out.text  # no prefix for its lines: kept as it is, unless a line is blank
            text.strip_newlines_left()
            text.strip_right("\n")
            if not text.blank:
                return Text.of("\n").add(text).add("\n")
            body = str(text)
        else:
            body = plain(out.text).strip("\n")
        if alone:
            lines = body.split("\n")
            shifted = [lines[0]] + [(prefix + line) if line.strip() else "" for line in lines[1:]]
            return "\n" + prefix + "\n".join(shifted) + "\n"
        if out.kind == "html":
            return " ".join(body.split("\n"))
        return "\n\n" + body + "\n\n"
