"""Rendered Markdown as pieces, joined once (:class:`Text`): what a call keeps of its inner
part goes into its parent's text without being copied. No MkDocs import."""

from __future__ import annotations

import re
from collections import deque

__all__ = ["Text", "plain"]


_BLANK = re.compile(r"\n[^\S\n]++(?=\n|\Z)")
"""A line after the first made of white space only (or so far, at the end of a piece)."""
_FLUSH = re.compile(r"\n\S")
"""A line after the first that starts with text: dedenting has no margin to take."""


def _head_blank(piece: str) -> bool:
    """Whether the piece's first line is white space, not empty (reads that white space only)."""
    lead = len(piece) - len(piece.lstrip())
    return lead > 0 and piece[0] != "\n" and (lead == len(piece) or "\n" in piece[:lead])


def _seam(left: str, right: str) -> tuple[int, int]:
    """What the line ``right`` may start after ``left`` adds to :class:`Text`'s counts."""
    if not left.endswith("\n"):
        return 0, 0
    return (1 if _head_blank(right) else 0), (0 if right[0].isspace() else 1)


class Text:
    """Rendered Markdown as pieces, joined once: what a call keeps of its inner part goes into
    its parent's text without being copied, so 10,000 nested calls that each write a word are
    not 10,000 copies of what is inside them. ``blank`` counts the lines after the first made
    of white space only (a line that goes on in the next piece counts when its start is white
    space); while there are none and the first line starts with text, dedenting and shifting
    have nothing to do and the pieces are never joined. Each text has one owner (the call it
    goes to), which changes it in place."""

    __slots__ = ("blank", "flush", "parts")

    def __init__(self) -> None:
        self.parts: deque[str] = deque()
        self.blank = 0
        self.flush = 0
        """Lines after the first that start with text."""

    def __bool__(self) -> bool:
        return bool(self.parts)

    def __str__(self) -> str:
        return "".join(self.parts)

    def add(self, piece: str | Text) -> Text:
        """This text followed by ``piece``: this text, or ``piece`` when it has more pieces
        (the fewer are moved, so every piece moves a few times at most)."""
        if isinstance(piece, str):
            if piece:
                self.parts.append(piece)
                self._change(len(self.parts) - 1, 1)
            return self
        if not piece.parts:
            return self
        if not self.parts:
            return piece
        blank, flush = _seam(self.parts[-1], piece.parts[0])
        if len(piece.parts) > len(self.parts):
            piece.parts.extendleft(reversed(self.parts))
            piece.blank += self.blank + blank
            piece.flush += self.flush + flush
            return piece
        self.parts.extend(piece.parts)
        self.blank += piece.blank + blank
        self.flush += piece.flush + flush
        return self

    def plain(self) -> bool:
        """Whether dedenting would leave the text as it is: no line is white space only, and
        one starts with text (so there is no margin)."""
        if self.blank or not self.parts:
            return not self.blank
        first = self.parts[0]
        if not first[0].isspace():
            return True
        return bool(self.flush) and not _head_blank(first)

    def _change(self, index: int, sign: int) -> None:
        """Add (``sign`` 1) or take away (-1) what the piece at ``index`` counts: its lines
        and the line it may start after the piece before it."""
        piece = self.parts[index]
        blank, flush = _seam(self.parts[index - 1], piece) if index else (0, 0)
        self.blank += sign * (blank + len(_BLANK.findall(piece)))
        self.flush += sign * (flush + len(_FLUSH.findall(piece)))

    def strip_newlines_left(self) -> None:
        parts = self.parts
        while parts:
            first = parts[0]
            rest = first.lstrip("\n")
            if len(rest) == len(first):
                return
            second = len(parts) > 1
            self._change(0, -1)
            if second:
                self._change(1, -1)
            if rest:
                parts[0] = rest
                self._change(0, 1)
                if second:
                    self._change(1, 1)
                return
            parts.popleft()
            if parts:
                self._change(0, 1)

    def strip_right(self, chars: str | None = None) -> None:
        parts = self.parts
        while parts:
            last = parts[-1]
            rest = last.rstrip(chars)
            if len(rest) == len(last):
                return
            self._change(len(parts) - 1, -1)
            if rest:
                parts[-1] = rest
                self._change(len(parts) - 1, 1)
                return
            parts.pop()

    @classmethod
    def of(cls, text: str) -> Text:
        return cls().add(text)


def plain(text: str | Text) -> str:
    return text if isinstance(text, str) else str(text)
