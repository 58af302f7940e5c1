"""The harness that starts servers gives up as soon as the process dies, and within a bounded
time when it hangs, showing the process's last output either way (a benchmark once polled a
server that had died at its first build until its 600 s start timeout ran out)."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest
from serving import ServerDied, wait_until


def _start(tmp_path: Path, code: str) -> tuple[subprocess.Popen[str], Path]:
    log = tmp_path / "out.log"
    with log.open("w") as out:
        process = subprocess.Popen(
            [sys.executable, "-c", code], stdout=out, stderr=subprocess.STDOUT, text=True
        )
    return process, log


def test_a_dead_process_fails_the_wait_at_once_with_its_output(tmp_path: Path) -> None:
    process, log = _start(tmp_path, "print('ModuleNotFoundError: numpy', flush=True); exit(3)")
    start = time.monotonic()
    with pytest.raises(ServerDied) as caught:
        wait_until(lambda: False, process, log, timeout=60, what="the page")
    assert time.monotonic() - start < 10, "waited for a dead process"
    assert "exited with 3" in str(caught.value)
    assert "ModuleNotFoundError: numpy" in str(caught.value)


def test_a_hanging_process_fails_the_wait_after_the_timeout(tmp_path: Path) -> None:
    process, log = _start(tmp_path, "import time; print('building...', flush=True); time.sleep(60)")
    try:
        start = time.monotonic()
        with pytest.raises(TimeoutError) as caught:
            wait_until(lambda: False, process, log, timeout=1.5, what="the page")
        assert 1.5 <= time.monotonic() - start < 10
        assert "gave up waiting for the page after 2 s" in str(caught.value)
        assert "building..." in str(caught.value)
    finally:
        process.kill()
        process.wait()


def test_the_wait_returns_once_the_check_holds(tmp_path: Path) -> None:
    process, log = _start(tmp_path, "import time; time.sleep(30)")
    try:
        calls = iter([False, False, True])
        elapsed = wait_until(lambda: next(calls), process, log, timeout=30, what="x", poll=0.01)
        assert 0 <= elapsed < 5
    finally:
        process.kill()
        process.wait()
