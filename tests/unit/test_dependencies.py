"""Every module the plugin needs at run time is declared in ``[project.dependencies]``.

A fresh machine has only what pyproject.toml declares (and what those packages require in
turn, without their extras). networkx's ``spring_layout`` imports numpy, which networkx does
not require: a build on a fresh machine stopped with ``ModuleNotFoundError: numpy`` while the
tests passed in a Python that happened to have it.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
import tomllib
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement

REPO = Path(__file__).resolve().parents[2]
PACKAGE = REPO / "plugin" / "mkdocs_essays"


def _declared() -> set[str]:
    project = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))["project"]
    return {_norm(Requirement(r).name) for r in project["dependencies"]}


def _norm(name: str) -> str:
    return name.lower().replace("_", "-").replace(".", "-")


def _closure(names: set[str]) -> set[str]:
    """The distributions ``names`` bring, through requirements without extras."""
    seen: set[str] = set()
    todo = list(names)
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        for text in metadata.requires(name) or []:
            requirement = Requirement(text)
            if requirement.marker is not None and not requirement.marker.evaluate({"extra": ""}):
                continue
            todo.append(_norm(requirement.name))
    return seen


def _distributions(modules: set[str]) -> dict[str, set[str]]:
    owners = metadata.packages_distributions()
    return {m: {_norm(d) for d in owners.get(m, [])} for m in modules}


def test_every_third_party_import_of_the_package_is_declared() -> None:
    modules: set[str] = set()
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Import):
                modules.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                modules.add(node.module.split(".")[0])
    third_party = {m for m in modules if m not in sys.stdlib_module_names and m != "mkdocs_essays"}
    declared = _declared()
    undeclared = {m: d for m, d in _distributions(third_party).items() if not d & declared}
    assert not undeclared, f"imported but not in [project.dependencies]: {undeclared}"


def test_a_build_needs_nothing_the_declared_dependencies_do_not_bring(tmp_path: Path) -> None:
    """Build the project's own site (cards, tags, maps) in a Python where every installed
    module that no declared dependency brings cannot be imported, as on a fresh machine
    (an optional import, such as pathspec's typing_extensions, may fail quietly there)."""
    available = _closure(_declared()) | {"mkdocs-essays"}
    blocked = sorted(
        module
        for module, owners in metadata.packages_distributions().items()
        if {_norm(d) for d in owners}.isdisjoint(available) and module.isidentifier()
    )
    script = (
        "import importlib.abc, json, sys\n"
        f"BLOCKED = set({json.dumps(blocked)})\n"
        "class Fresh(importlib.abc.MetaPathFinder):\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.split('.')[0] in BLOCKED:\n"
        "            raise ModuleNotFoundError(f'No module named {name!r}', name=name)\n"
        "sys.meta_path.insert(0, Fresh())\n"
        "from mkdocs.__main__ import cli\n"
        f"cli(['build', '--strict', '-q', '-d', {str(tmp_path / 'site')!r}])\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"},
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert (tmp_path / "site" / "map" / "index.html").is_file()


def test_the_map_layout_stays_on_networkx_dense_solver() -> None:
    """networkx's spring_layout switches to scipy's sparse solver at 500 nodes; scipy is not
    declared, so the force-laid skeleton stays below that."""
    from mkdocs_essays.map.layout import SKELETON

    assert SKELETON < 500
