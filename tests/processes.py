"""Run a process from a test: always with a timeout, and with its output in the failure.

``run`` returns the finished process (``check=False``): a test asserts on it with ``shown`` in
the message. ``ok`` also fails the test unless the process exited with 0. A process that
outlives its timeout fails the test with what it printed so far.
"""

from __future__ import annotations

import subprocess
from collections.abc import Mapping, Sequence
from pathlib import Path

import pytest

TAIL = 3000


def _tail(output: str | bytes | None) -> str:
    if output is None:
        return ""
    text = output.decode("utf-8", "replace") if isinstance(output, bytes) else output
    return text[-TAIL:]


def shown(result: subprocess.CompletedProcess[str]) -> str:
    """The command, its exit status and the end of its output, for an assertion message."""
    command = " ".join(str(a) for a in result.args)
    return (
        f"{command}\nexited with {result.returncode}\n"
        f"--- stdout\n{_tail(result.stdout)}\n--- stderr\n{_tail(result.stderr)}"
    )


def run(
    args: Sequence[str | Path],
    *,
    timeout: float,
    cwd: str | Path | None = None,
    env: Mapping[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(
            [str(a) for a in args],
            cwd=cwd,
            env=dict(env) if env is not None else None,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired as expired:
        command = " ".join(str(a) for a in args)
        pytest.fail(
            f"{command}\ndid not finish in {timeout:g} s\n--- stdout\n{_tail(expired.stdout)}"
            f"\n--- stderr\n{_tail(expired.stderr)}"
        )


def ok(
    args: Sequence[str | Path],
    *,
    timeout: float,
    cwd: str | Path | None = None,
    env: Mapping[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    result = run(args, timeout=timeout, cwd=cwd, env=env)
    assert result.returncode == 0, shown(result)
    return result
