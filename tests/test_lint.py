"""The code stays ruff-clean: CI fails on a lint or format slip, not just a reviewer."""

from __future__ import annotations

import shutil

import pytest
from conftest import REPO
from processes import run, shown


@pytest.mark.parametrize("command", [["check", "."], ["format", "--check", "."]])
def test_ruff(command: list[str]) -> None:
    ruff = shutil.which("ruff")
    assert ruff is not None, "ruff is part of the test extra: pip install -e '.[test]'"
    result = run([ruff, *command], cwd=REPO, timeout=300)
    assert result.returncode == 0, shown(result)
