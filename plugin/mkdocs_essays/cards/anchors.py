"""The headings with an ``id`` in rendered HTML, and where each ends, in one pass (issue 11).

What ``<h([1-6])\\b[^>]*\\bid="([^"]*)"[^>]*>.*?</h\\1\\s*>`` (DOTALL) found with ``finditer``,
without its backtracking: the tag's ``>``, the quotes, the ``id="`` and the closing tags of
each level are indexed once, and each opening tag is settled with a few look-ups in them. The
regex tried every ``id="`` of a tag and searched the rest of the page for a closing tag from
every ``<hN`` never closed.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator

__all__ = ["heading_ends"]

_OPEN = re.compile(r"<h([1-6])\b")
_ID = re.compile(r"\bid=\"")
_CLOSE = re.compile(r"</h([1-6])\s*>")


def _positions(text: str, char: str) -> list[int]:
    return [m.start() for m in re.finditer(re.escape(char), text)]


def heading_ends(html: str) -> Iterator[tuple[str, int]]:
    """``(id, end)`` of each ``<hN ... id="...">...</hN>`` in ``html``, in order."""
    gts = _positions(html, ">")
    quotes = _positions(html, '"')
    ids = [m.start() for m in _ID.finditer(html)]
    closers: dict[str, tuple[list[int], list[int]]] = {}
    for found in _CLOSE.finditer(html):
        starts, ends = closers.setdefault(found.group(1), ([], []))
        starts.append(found.start())
        ends.append(found.end())

    def after(positions: list[int], offset: int) -> int | None:
        at = bisect_left(positions, offset)
        return positions[at] if at < len(positions) else None

    def attempt(level: str, id_at: int) -> tuple[str, int] | None:
        """The match with ``id="`` at ``id_at``: its value's quote, the tag's ``>``, then the
        first closing tag of its level."""
        quote = after(quotes, id_at + 4)
        if quote is None:
            return None
        gt = after(gts, quote + 1)
        if gt is None:
            return None
        starts, ends = closers.get(level, ([], []))
        at = bisect_left(starts, gt + 1)
        if at == len(starts):
            return None
        return html[id_at + 4 : quote], ends[at]

    position = 0
    for opening in _OPEN.finditer(html):
        if opening.start() < position:
            continue
        gt = after(gts, opening.end())
        if gt is None:
            return  # no '>' after it: no tag closes, here or later
        # the greedy [^>]* takes the last id=" before the tag's first '>'; failing that the one
        # before it (every earlier one ends at that same '>', so fares the same)
        last = bisect_left(ids, gt) - 1
        found = None
        for at in (last, last - 1):
            if at >= 0 and ids[at] >= opening.end():
                found = attempt(opening.group(1), ids[at])
                if found is not None:
                    break
        if found is not None:
            yield found
            position = found[1]
