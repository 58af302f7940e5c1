"""A Hugo menu (``[[menus.main]]``) as an imported site's ``nav``: by weight, entries nested
under their ``parent``, each entry's page found by the importer. Part of
``mkdocs-essays import``."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping
from typing import Any

__all__ = ["menu_nav"]


def menu_nav(menu: Any, notes: list[str], page_of: Callable[[str], str | None]) -> list[Any]:
    """A Hugo menu (its entries), as a navigation."""
    if not isinstance(menu, list) or not menu:
        return []
    entries = [e for e in menu if isinstance(e, Mapping)]
    weights = {id(e): _menu_weight(e, notes) for e in entries}
    entries.sort(key=lambda e: (weights[id(e)], str(e.get("name", ""))))
    keys = {_menu_key(e) for e in entries}
    children: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
    tops: list[Mapping[str, Any]] = []
    for entry in entries:
        parent = str(entry.get("parent") or "")
        if parent and parent in keys and parent != _menu_key(entry):
            children[parent].append(entry)
        else:
            if parent:
                notes.append(
                    f"menu entry {_menu_key(entry)!r}: its parent {parent!r} is not in the "
                    "menu; shown at the top"
                )
            tops.append(entry)
    nav: list[Any] = []
    stack: list[tuple[list[Mapping[str, Any]], list[Any]]] = [(tops, nav)]
    placed: set[int] = set()
    while stack:  # a menu nests any depth: a stack, not recursion
        items, out = stack.pop()
        for entry in items:
            if id(entry) in placed:
                continue
            placed.add(id(entry))
            name = str(entry.get("name") or entry.get("identifier") or "")
            # Hugo: the page pageRef names, else the url
            targets = [str(entry.get(k) or "") for k in ("pageRef", "url")]
            page = next(filter(None, (page_of(t) for t in targets if t)), None)
            target = next((t for t in targets if t), "")
            if target and page is None:
                notes.append(f"menu entry {name!r} ({target}): no such page; left out")
            kids = children.get(_menu_key(entry), [])
            if kids and name:
                section: list[Any] = [{name: page}] if page else []
                out.append({name: section})
                stack.append((kids, section))
            elif name and page:
                out.append({name: page})
    lost = [_menu_key(e) for e in entries if id(e) not in placed]
    if lost:
        notes.append(
            f"menu entries {', '.join(map(repr, lost))}: their parents form a loop; left out"
        )
    return _without_empty_sections(nav)


def _menu_weight(entry: Mapping[str, Any], notes: list[str]) -> int:
    value = entry.get("weight", 0)
    if value is None or value == "":
        return 0
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lstrip("+-").isdigit():
        return int(value.strip())  # Hugo reads a numeral in quotes
    notes.append(
        f"menu entry {_menu_key(entry)!r}: weight {value!r} is not a whole number (Hugo "
        "refuses it); placed as if it had none"
    )
    return 0


def _menu_key(entry: Mapping[str, Any]) -> str:
    """What a ``parent`` names: the entry's ``identifier``, else its ``name``."""
    return str(entry.get("identifier") or entry.get("name") or "")


def _without_empty_sections(nav: list[Any]) -> list[Any]:
    """``nav`` without sections left with no page (their entries had none), at any depth."""
    order: list[list[Any]] = []
    stack = [nav]
    while stack:
        items = stack.pop()
        order.append(items)
        stack.extend(v for item in items for v in item.values() if isinstance(v, list))
    for items in reversed(order):  # the deepest first
        items[:] = [
            item for item in items if not any(isinstance(v, list) and not v for v in item.values())
        ]
    return nav
