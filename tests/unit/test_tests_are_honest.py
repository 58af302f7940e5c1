"""Rules every test follows, checked over the source of ``tests/``:

- a process a test starts has a timeout (``subprocess.run`` and friends get ``timeout=``;
  ``processes.run``/``ok`` require one and show the output on failure);
- Hugo, the oracle, is found in one place (``hugo_compare.require_hugo``: skip with a reason
  on a workstation, fail under ``CI``), so no test quietly drops its Hugo half;
- no test rewrites the golden files it compares with (``tests/update_goldens.py`` does).
"""

from __future__ import annotations

import ast
from pathlib import Path

from conftest import REPO

TESTS = REPO / "tests"
SOURCES = sorted(p for p in TESTS.rglob("*.py") if "golden" not in p.parts)
WAITING = {"run", "call", "check_call", "check_output"}


def calls(path: Path) -> list[ast.Call]:
    return [n for n in ast.walk(ast.parse(path.read_text("utf-8"))) if isinstance(n, ast.Call)]


def name_of(call: ast.Call) -> str:
    return ast.unparse(call.func)


def test_there_are_sources_to_check() -> None:
    assert len(SOURCES) > 50 and TESTS / "processes.py" in SOURCES


def test_every_process_a_test_waits_for_has_a_timeout() -> None:
    """``subprocess.run`` and friends (``processes.run`` and ``ok`` require the keyword)."""
    missing = [
        f"{path.relative_to(REPO)}:{call.lineno}: {name_of(call)}"
        for path in SOURCES
        for call in calls(path)
        if name_of(call) in {f"subprocess.{w}" for w in WAITING}
        and not any(k.arg == "timeout" for k in call.keywords)
    ]
    assert missing == []


def test_hugo_is_found_only_through_require_hugo() -> None:
    found = [
        f"{path.relative_to(REPO)}:{call.lineno}"
        for path in SOURCES
        if path.name != "hugo_compare.py" and "benchmarks" not in path.parts
        for call in calls(path)
        if name_of(call) == "shutil.which"
        and call.args
        and isinstance(call.args[0], ast.Constant)
        and call.args[0].value == "hugo"
    ]
    assert found == []


def test_no_test_writes_a_golden_file() -> None:
    writers = []
    for path in SOURCES:
        if path.name in ("update_goldens.py", Path(__file__).name):
            continue
        text = path.read_text("utf-8")
        if "GOLDEN" in text and ("write_text(" in text or "write_bytes(" in text):
            writers.append(path.relative_to(REPO).as_posix())
    assert writers == []
