"""Every option of the plugin's configuration schema is on the guide's Options page, with its
default, and has a docstring in ``config.py``; the page names no option that does not exist."""

from __future__ import annotations

import ast
import inspect
import re
from typing import Any

import pytest
from conftest import REPO
from mkdocs_essays import config
from mkdocs_essays.config import EssaysConfig

OPTIONS_PAGE = REPO / "docs" / "guide" / "options.md"
# A row of an options table: | `name` | default | what it does |
ROW = re.compile(r"^\| `(?P<name>[a-z_]+)` \| (?P<default>[^|]+?) \| (?P<what>.+) \|$")
SCHEMA = dict(EssaysConfig._schema)


def shown(default: Any) -> str:
    """A default as the page writes it: YAML's spelling, in code; ``unset`` for None."""
    if default is None:
        return "unset"
    if isinstance(default, bool):
        return f"`{str(default).lower()}`"
    if isinstance(default, dict):
        return "`{" + ", ".join(f"{k}: {v}" for k, v in default.items()) + "}`"
    if isinstance(default, list | tuple):
        return "`[" + ", ".join(str(v) for v in default) + "]`"
    return f"`{default}`"


def rows() -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for line in OPTIONS_PAGE.read_text("utf-8").splitlines():
        match = ROW.match(line)
        if match:
            found.setdefault(match["name"], []).append(match["default"].strip())
    return found


def test_the_schema_has_options() -> None:
    assert len(SCHEMA) >= 20 and "essays_dir" in SCHEMA  # the check below checks something


@pytest.mark.parametrize("name", list(SCHEMA))
def test_each_option_is_documented_once_with_its_default(name: str) -> None:
    documented = rows()
    assert name in documented, f"docs/guide/options.md has no row for the option {name!r}"
    assert documented[name] == [shown(SCHEMA[name].default)], (
        f"docs/guide/options.md: the option {name!r} is documented as {documented[name]}, its "
        f"default is {shown(SCHEMA[name].default)}"
    )


def test_the_page_documents_no_option_that_does_not_exist() -> None:
    documented = rows()
    assert documented, "no option rows found on docs/guide/options.md"
    assert sorted(set(documented) - set(SCHEMA)) == []


def test_each_option_has_a_docstring() -> None:
    """In ``config.py`` each option is followed by its docstring (what ``mkdocs`` users read
    in the source and what this guide's rows come from)."""
    tree = ast.parse(inspect.getsource(config))
    body = next(
        node.body
        for node in tree.body
        if isinstance(node, ast.ClassDef) and node.name == EssaysConfig.__name__
    )
    documented = set()
    for node, after in zip(body, [*body[1:], None], strict=True):
        if not isinstance(node, ast.Assign) or not isinstance(node.targets[0], ast.Name):
            continue
        is_doc = isinstance(after, ast.Expr) and isinstance(after.value, ast.Constant)
        if is_doc and isinstance(after.value.value, str) and after.value.value.strip():
            documented.add(node.targets[0].id)
    assert sorted(set(SCHEMA) - documented) == []
