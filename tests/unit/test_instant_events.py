"""Under `mkdocs serve` the system's file events start a rebuild at once, and MkDocs' polling,
which goes on beside them, does not ask for the same build again (``incremental/watching.py``).
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from mkdocs.livereload import LiveReloadServer
from mkdocs_essays.incremental import watching
from mkdocs_essays.incremental.watching import QUIET, instant_events, quiet_builds
from watchdog.observers import Observer
from watchdog.observers.polling import PollingObserver

pytestmark = pytest.mark.skipif(
    issubclass(Observer, PollingObserver) and not os.environ.get("CI"),  # type: ignore[arg-type]
    reason="this system's watchdog has no native observer (events come by polling only)",
)

WAIT = 5.0
"""Seconds a test waits for an event (it comes in milliseconds)."""


def _wanted(server: LiveReloadServer, within: float) -> bool:
    """Whether the server is asked to rebuild within ``within`` seconds; then, as MkDocs'
    build loop does, wait until no event came for a tenth of a second and forget it."""
    with server._rebuild_cond:
        asked = server._rebuild_cond.wait_for(lambda: server._want_rebuild, timeout=within)
        while asked and server._rebuild_cond.wait(timeout=0.1):
            pass
        server._want_rebuild = False
    return asked


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[LiveReloadServer, Path, list[int]]]:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.md").write_text("A\n", "utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n", "utf-8")
    builds: list[int] = []
    server = LiveReloadServer(
        builder=lambda: builds.append(1), host="127.0.0.1", port=0, root=str(tmp_path / "site")
    )
    server.watch(str(docs))
    server.watch(str(tmp_path / "mkdocs.yml"))
    try:
        yield instant_events(quiet_builds(server)), tmp_path, builds
    finally:
        server.shutdown()
        server.server_close()


def _settle(server: LiveReloadServer) -> None:
    time.sleep(0.3)  # (events of the fixture's own files)
    _wanted(server, 0)


def test_a_save_asks_for_a_rebuild_at_once_without_a_poll(
    served: tuple[LiveReloadServer, Path, list[int]],
) -> None:
    server, root, _ = served
    assert not server.observer.is_alive(), "MkDocs' poller is not started: only events count"
    _settle(server)
    started = time.monotonic()
    (root / "docs" / "a.md").write_text("A word more\n", "utf-8")
    assert _wanted(server, WAIT), "the save asked for a rebuild"
    assert time.monotonic() - started < WAIT
    (root / "docs" / "sub").mkdir()
    _settle(server)
    (root / "docs" / "sub" / "new.md").write_text("New\n", "utf-8")
    assert _wanted(server, WAIT), "a new file in a subfolder asked for a rebuild"
    (root / "docs" / "a.md").unlink()
    assert _wanted(server, WAIT), "a deleted file asked for a rebuild"


def test_reading_a_file_asks_for_nothing(
    served: tuple[LiveReloadServer, Path, list[int]],
) -> None:
    """Every build opens every file: were that an event, a build would start the next."""
    server, root, _ = served
    _settle(server)
    assert (root / "docs" / "a.md").read_text("utf-8") == "A\n"
    assert (root / "mkdocs.yml").read_text("utf-8") == "site_name: x\n"
    list(os.scandir(root / "docs"))
    assert not _wanted(server, 0.5), "a file read is not a change"
    (root / "docs" / "a.md").write_text("B\n", "utf-8")
    assert _wanted(server, WAIT)


def test_a_file_read_is_not_even_reported(
    served: tuple[LiveReloadServer, Path, list[int]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The system is asked for changes only: a build reads every essay, and 2,000 events a
    build at 1,000 essays were each handled in Python beside it."""
    from mkdocs_essays.incremental import watching

    if watching._FILTER is None:
        pytest.skip("this watchdog filters no events (before 4.0): the handler drops them")
    server, root, _ = served
    seen: list[str] = []
    dispatch = watching._Events.dispatch

    def noted(self: object, event: object) -> None:
        seen.append(getattr(event, "event_type", "?"))
        dispatch(self, event)  # type: ignore[arg-type]

    monkeypatch.setattr(watching._Events, "dispatch", noted)
    _settle(server)
    seen.clear()
    for _ in range(20):
        assert (root / "docs" / "a.md").read_text("utf-8") == "A\n"
        assert (root / "mkdocs.yml").read_text("utf-8") == "site_name: x\n"
    time.sleep(0.5)
    assert seen == [], "files read were reported"
    (root / "docs" / "a.md").write_text("B\n", "utf-8")
    assert _wanted(server, WAIT)
    assert seen, "a save is reported"


def test_a_file_watched_by_itself_counts_and_its_neighbours_do_not(
    served: tuple[LiveReloadServer, Path, list[int]],
) -> None:
    server, root, _ = served
    _settle(server)
    (root / "notes.txt").write_text("beside mkdocs.yml\n", "utf-8")
    assert not _wanted(server, 0.5), "a file beside mkdocs.yml is not watched"
    (root / "mkdocs.yml").write_text("site_name: y\n", "utf-8")
    assert _wanted(server, WAIT), "mkdocs.yml saved in place"
    (root / "next.yml").write_text("site_name: z\n", "utf-8")
    _settle(server)
    os.replace(root / "next.yml", root / "mkdocs.yml")  # (how many editors save)
    assert _wanted(server, WAIT), "mkdocs.yml saved by renaming another file onto it"
    (root / "mkdocs.yml").write_text("site_name: w\n", "utf-8")
    assert _wanted(server, WAIT), "and saved in place again after that"


def test_paths_watched_later_are_watched_and_unwatched_ones_are_not(
    served: tuple[LiveReloadServer, Path, list[int]],
) -> None:
    server, root, _ = served
    extra = root / "overrides"
    extra.mkdir()
    server.watch(str(extra))  # (``watch:`` in mkdocs.yml comes after on_serve)
    _settle(server)
    (extra / "main.html").write_text("{% extends 'base.html' %}\n", "utf-8")
    assert _wanted(server, WAIT)
    server.unwatch(str(extra))
    _settle(server)
    (extra / "main.html").write_text("changed\n", "utf-8")
    assert not _wanted(server, 0.5), "an unwatched folder asks for nothing"


def _polls(server: LiveReloadServer) -> Callable[[], bool]:
    def asked() -> bool:
        return _wanted(server, 1.5)  # (three polling intervals)

    return asked


def test_the_poller_does_not_ask_again_for_what_a_build_started_by_an_event_built(
    served: tuple[LiveReloadServer, Path, list[int]],
) -> None:
    server, root, builds = served
    server.observer.start()  # (MkDocs' poller, every half second)
    time.sleep(0.3)  # (its first snapshot)
    _settle(server)
    (root / "docs" / "a.md").write_text("A word more\n", "utf-8")
    assert _wanted(server, 0.2), "the event came before any poll could"
    server.builder()  # (what MkDocs' build loop does then)
    assert builds == [1]
    assert not _polls(server)(), "the poller saw nothing the build had not built"
    (root / "docs" / "a.md").write_text("Another word\n", "utf-8")
    assert _wanted(server, WAIT)
    server._essays_instant.stop()  # (a file system that sends no events)
    server._essays_instant.join(WAIT)
    _settle(server)
    (root / "docs" / "b.md").write_text("B\n", "utf-8")
    assert _polls(server)(), "the poller still sees a save the events missed"


def test_a_server_of_another_kind_is_left_as_it_is() -> None:
    class Other:
        builder = None

    other = Other()
    assert instant_events(other) is other
    assert not hasattr(other, "_essays_instant")


def test_two_files_of_one_folder_each_count_and_one_unwatched_leaves_the_other(
    served: tuple[LiveReloadServer, Path, list[int]],
) -> None:
    server, root, _ = served
    (root / "extra.yml").write_text("a: 1\n", "utf-8")
    server.watch(str(root / "extra.yml"))  # (the folder of mkdocs.yml, watched for it too)
    _settle(server)
    (root / "extra.yml").write_text("a: 2\n", "utf-8")
    assert _wanted(server, WAIT)
    server.unwatch(str(root / "extra.yml"))
    _settle(server)
    (root / "extra.yml").write_text("a: 3\n", "utf-8")
    assert not _wanted(server, 0.5), "an unwatched file asks for nothing"
    (root / "mkdocs.yml").write_text("site_name: v\n", "utf-8")
    assert _wanted(server, WAIT), "the other file of the folder is still watched"


def test_a_path_that_cannot_be_watched_leaves_the_others_watched(
    served: tuple[LiveReloadServer, Path, list[int]], caplog: pytest.LogCaptureFixture
) -> None:
    server, root, _ = served
    missing = root / "no-such-folder" / "theme.html"
    with caplog.at_level("INFO"):
        server.watch(str(missing))  # (``watch:`` naming a path that is not there)
    assert "by polling only" in caplog.text and str(missing) in caplog.text
    _settle(server)
    (root / "docs" / "a.md").write_text("Still seen\n", "utf-8")
    assert _wanted(server, WAIT)


def test_a_save_is_built_once_its_events_have_stopped_for_a_moment(tmp_path: Path) -> None:
    """MkDocs' build loop, with the server's own wait: a save in two writes is built as it
    was left, and the loop waits :data:`QUIET` after the last event, not a tenth of a second."""
    docs = tmp_path / "docs"
    docs.mkdir()
    page = docs / "a.md"
    page.write_text("A\n", "utf-8")
    seen: list[str] = []
    server = LiveReloadServer(
        builder=lambda: seen.append(page.read_text("utf-8")),
        host="127.0.0.1",
        port=0,
        root=str(tmp_path / "site"),
    )
    server.watch(str(docs))
    instant_events(quiet_builds(server))
    assert server.build_delay == QUIET < 0.1
    loop = threading.Thread(target=server._build_loop, daemon=True)
    loop.start()
    try:
        time.sleep(0.3)  # (events of the page written above)
        with page.open("w", encoding="utf-8") as stream:
            stream.write("First half, ")
            stream.flush()
            time.sleep(0.005)
            stream.write("second half\n")
        deadline = time.monotonic() + WAIT
        while time.monotonic() < deadline and seen[-1:] != ["First half, second half\n"]:
            time.sleep(0.01)
        assert seen[-1:] == ["First half, second half\n"], seen
    finally:
        server.shutdown()
        server.server_close()
        loop.join(WAIT)


def test_a_server_watched_by_polling_only_keeps_its_wait(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(watching, "Observer", PollingObserver)
    server = LiveReloadServer(
        builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path / "site")
    )
    try:
        instant_events(server)
        assert server.build_delay == 0.1, "a poll's events are spread: MkDocs' wait stays"
        assert getattr(server, "_essays_instant", None) is None
    finally:
        server.server_close()
