"""While `mkdocs serve` builds, its polling file watcher waits (``incremental/watching.py``),
and a save made during a build is seen once the build is done."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from mkdocs.livereload import LiveReloadServer
from mkdocs_essays.incremental.watching import quiet_builds
from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers.polling import PollingEmitter


class Seen(FileSystemEventHandler):
    def __init__(self) -> None:
        self.paths: list[str] = []
        self.event = threading.Event()

    def on_any_event(self, event: FileSystemEvent) -> None:
        if not event.is_directory:
            self.paths.append(str(event.src_path))
            self.event.set()


def test_the_watcher_waits_while_the_site_builds_and_sees_what_was_saved(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.md").write_text("A\n", "utf-8")
    locked: list[bool] = []
    polls: list[int] = []

    def builder() -> None:
        emitters = [e for e in server.observer.emitters if isinstance(e, PollingEmitter)]
        locked.extend(e._lock.locked() for e in emitters)
        seen.event.clear()
        (docs / "b.md").write_text("B\n", "utf-8")  # a save while the site builds
        time.sleep(1.5)  # (three polling intervals)
        polls.append(len(seen.paths))

    server = LiveReloadServer(builder=builder, host="127.0.0.1", port=0, root=str(tmp_path))
    try:
        server.watch(str(docs))
        seen = Seen()
        server.observer.schedule(seen, str(docs), recursive=True)
        server.observer.start()
        time.sleep(0.2)  # (the first snapshot)
        assert quiet_builds(server) is server
        quiet_builds(server)  # (twice: wrapped once)
        server.builder()
        assert locked and all(locked), "every polling emitter waits during the build"
        assert polls == [0], "nothing was seen while the site built"
        assert seen.event.wait(10), "the save made during the build is seen after it"
        assert any(p.endswith("b.md") for p in seen.paths)
        emitters = [e for e in server.observer.emitters if isinstance(e, PollingEmitter)]
        assert not any(e._lock.locked() for e in emitters)
    finally:
        server.observer.stop()
        server.observer.join(10)
        server.server_close()


def test_a_failed_build_lets_the_watcher_go_on(tmp_path: Path) -> None:
    def builder() -> None:
        raise RuntimeError("broken")

    server = LiveReloadServer(builder=builder, host="127.0.0.1", port=0, root=str(tmp_path))
    try:
        server.watch(str(tmp_path))
        quiet_builds(server)
        with pytest.raises(RuntimeError):
            server.builder()
        emitters = [e for e in server.observer.emitters if isinstance(e, PollingEmitter)]
        assert emitters and not any(e._lock.locked() for e in emitters)
    finally:
        server.server_close()
