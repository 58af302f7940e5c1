"""Serve a built site over HTTP under a project subpath, as GitHub Pages does (`/repo/`), or
run the real `mkdocs serve` on a project."""

from __future__ import annotations

import functools
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


class _Handler(SimpleHTTPRequestHandler):
    prefix = "/"

    def translate_path(self, path: str) -> str:
        if not path.startswith(self.prefix):
            return str(Path(self.directory) / "__outside_the_subpath__")
        return super().translate_path("/" + path[len(self.prefix) :])

    def log_message(self, format: str, *args: object) -> None:  # quiet
        pass


@contextmanager
def serve_site(site_dir: Path, prefix: str = "/repo/") -> Iterator[str]:
    """Serve ``site_dir`` at ``http://127.0.0.1:<port><prefix>``; yields that base URL."""
    handler = type("Handler", (_Handler,), {"prefix": prefix})
    server = ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(handler, directory=str(site_dir))
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    finally:
        server.shutdown()
        server.server_close()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class ServerDied(RuntimeError):
    """The server process ended while something waited for it."""


def last_output(log_path: Path, chars: int = 3000) -> str:
    try:
        return log_path.read_text("utf-8", errors="replace")[-chars:]
    except OSError:
        return "(no output)"


def check_alive(process: subprocess.Popen[str], log_path: Path) -> None:
    """Raise :class:`ServerDied`, with the server's last output, once the process has ended."""
    code = process.poll()
    if code is not None:
        raise ServerDied(f"mkdocs serve exited with {code}:\n{last_output(log_path)}")


def wait_until(
    check: Callable[[], bool],
    process: subprocess.Popen[str],
    log_path: Path,
    *,
    timeout: float,
    what: str,
    poll: float = 0.1,
) -> float:
    """Seconds until ``check()`` is true. Fails at once if the server dies, and after
    ``timeout`` seconds if it hangs, either way with its last output."""
    start = time.monotonic()
    while (elapsed := time.monotonic() - start) < timeout:
        check_alive(process, log_path)
        if check():
            return elapsed
        time.sleep(poll)
    check_alive(process, log_path)
    raise TimeoutError(
        f"gave up waiting for {what} after {timeout:.0f} s; last output:\n{last_output(log_path)}"
    )


_SERVE = (
    "import runpy, signal, sys\n"
    "signal.signal(signal.SIGINT, signal.default_int_handler)\n"
    "sys.argv[0] = 'mkdocs'\n"
    "runpy.run_module('mkdocs', run_name='__main__', alter_sys=True)\n"
)
"""``python -m mkdocs`` with Ctrl-C (SIGINT) stopping it as in a terminal, even when the tests
run as a shell's background job, whose commands the shell starts with SIGINT ignored (Python
then installs no handler for it, and the server would not stop on it)."""


@contextmanager
def mkdocs_serve(root: Path, port: int, log_path: Path) -> Iterator[subprocess.Popen[str]]:
    """`mkdocs serve` on ``127.0.0.1:port`` from ``root``, its output in ``log_path``; stopped
    (and waited for) when the block ends."""
    with log_path.open("w") as log:
        process = subprocess.Popen(
            [sys.executable, "-c", _SERVE, "serve", "-a", f"127.0.0.1:{port}"],
            cwd=root,
            stdout=log,
            stderr=subprocess.STDOUT,
            text=True,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        )
        try:
            yield process
        finally:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
