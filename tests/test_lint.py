"""The code stays ruff-clean: CI fails on a lint or format slip, not just a reviewer."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from conftest import REPO


@pytest.mark.parametrize("command", [["check", "."], ["format", "--check", "."]])
def test_ruff(command: list[str]) -> None:
    ruff = shutil.which("ruff")
    assert ruff is not None, "ruff is part of the test extra: pip install -e '.[test]'"
    result = subprocess.run([ruff, *command], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
