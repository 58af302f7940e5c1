"""While `mkdocs serve` builds, its file watcher waits (issue 23).

MkDocs watches the docs folder by polling it (watchdog's ``PollingObserver``, every half
second): each poll lists the folder and reads every file's status, and with watchdog 7 each
file's birth time too, in Python. At 1,000 essays a poll takes about 50 ms of the one
interpreter lock the build needs as well, which it held about a tenth of the time (py-spy
on a server saving a word every few seconds).

:func:`quiet_builds` has each rebuild hold the polling emitters' own lock, the one an emitter
holds while it takes a snapshot: the watcher waits for the build, then takes its next
snapshot and compares it with the one before the build, so a save made while the site was
building is seen then, as before (a test saves during a build). Watchers that do not poll
(and a server that is not MkDocs' own) are left as they are.

A poll also makes a writer wait: a save is seen at the next poll, a quarter of a second later
on average (a tenth of the wait for a one-word save at 1,000 essays). :func:`instant_events`
has the system tell the server of a save as it happens (watchdog's native observer: inotify on
Linux, FSEvents on macOS, ReadDirectoryChangesW on Windows), for every path MkDocs watches,
and the build starts once the save's events have stopped for :data:`QUIET` seconds.
MkDocs' polling goes on beside it, for the file systems that send no events (network shares,
some containers' mounts); a build started by an event then tells the pollers that what is on
disk as it starts is built (their snapshot is taken again), so they do not ask for the same
build a second time.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from typing import Any

from mkdocs.plugins import get_plugin_logger
from watchdog import events as _watchdog_events
from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer
from watchdog.observers.polling import PollingEmitter, PollingObserver

__all__ = ["instant_events", "quiet_builds"]

log = get_plugin_logger("mkdocs_essays.watching")

WAIT = 1.0
"""Seconds a build waits for a poll under way to end before it goes on beside it."""
QUIET = 0.02
"""Seconds without an event before a rebuild starts, once the system tells the server of each
save (:func:`instant_events`). MkDocs waits a tenth of a second (``build_delay``) so that the
events of one save start one build; a save told by the system is a burst of events a
millisecond or two long (the file written and closed, or a new file renamed over it), and the
tenth of a second was a tenth of the wait for a one-word save at 1,000 essays. A save that
lasts longer starts a second build once the first is done (MkDocs' build loop), which shows
the file as it was left."""


def quiet_builds(server: Any) -> Any:
    """Wrap ``server.builder`` (MkDocs' ``LiveReloadServer``) so that the polling watchers
    wait while it runs; returns ``server``."""
    builder: Callable[..., Any] | None = getattr(server, "builder", None)
    if builder is None or getattr(builder, "_quiet", False):
        return server

    def build(*args: Any, **kwargs: Any) -> Any:
        held = _hold(server)
        if getattr(server, "_essays_instant", None) is not None:
            _snapshot_again(held)
        try:
            return builder(*args, **kwargs)
        finally:
            for emitter in held:
                emitter._lock.release()

    build._quiet = True  # type: ignore[attr-defined]
    server.builder = build
    return server


def _hold(server: Any) -> list[Any]:
    """The server's polling emitters whose lock this build got (in time), each acquired."""
    held = []
    for emitter in _polling_emitters(server):
        lock = getattr(emitter, "_lock", None)
        if isinstance(lock, _LOCK) and lock.acquire(timeout=WAIT):
            held.append(emitter)
    return held


_LOCK = type(threading.Lock())


def _polling_emitters(server: Any) -> list[Any]:
    try:
        emitters = list(getattr(getattr(server, "observer", None), "emitters", ()))
    except (TypeError, RuntimeError):
        return []
    return [e for e in emitters if isinstance(e, PollingEmitter)]


def _snapshot_again(emitters: list[Any]) -> None:
    """What is on disk as a build starts is what it builds: each polling emitter (whose lock
    the build holds, :func:`_hold`) compares its next poll with it."""
    for emitter in emitters:
        take = getattr(emitter, "_take_snapshot", None)
        if take is None or not hasattr(emitter, "_snapshot"):
            continue
        try:
            emitter._snapshot = take()
        except OSError:  # (the poller says so itself at its next poll)
            continue


def instant_events(server: Any) -> Any:
    """Have the system's file events start a rebuild of ``server`` (MkDocs'
    ``LiveReloadServer``) as soon as a watched path changes; returns ``server``. Paths watched
    later (``watch:`` in ``mkdocs.yml``) are watched too. A server that is not MkDocs', or a
    system whose observer is the polling one, is left as it is."""
    watched = getattr(server, "_watched_paths", None)
    if not isinstance(watched, dict) or not all(
        hasattr(server, name) for name in ("_rebuild_cond", "_want_rebuild", "unwatch")
    ):
        return server
    if getattr(server, "_essays_instant", None) is not None:
        return server
    observer = Observer()
    if isinstance(observer, PollingObserver):
        return server
    try:
        observer.start()
    except OSError as error:  # (the system's watchers are used up)
        log.info(f"Watching by polling only: {error}")
        return server
    watches: dict[str, tuple[Any, _Events] | None] = {}
    """Each path mirrored -> its watch and handler (None: watched by polling only). Files of
    one folder share its watch, each with a handler of its own."""

    def mirror(path: str) -> None:
        path = os.path.abspath(path)
        if path in watches:
            return
        if os.path.isdir(path):
            events, where, recursive = _Events(server, None), path, True
        else:  # (a file: its folder, as an editor may save it by renaming another file)
            events, where, recursive = _Events(server, path), os.path.dirname(path), False
        try:
            watches[path] = (_schedule(observer, events, where, recursive), events)
        except OSError as error:  # (no such folder, or the system's watches are used up)
            log.info(f"Watching '{path}' by polling only: {error}")
            watches[path] = None

    def forget(path: str) -> None:
        held = watches.pop(os.path.abspath(path), None)
        if held is None:
            return
        watch, events = held
        if any(other is not None and other[0] == watch for other in watches.values()):
            observer.remove_handler_for_watch(events, watch)
        else:
            observer.unschedule(watch)

    for path in list(watched):
        mirror(path)
    watch, unwatch, shutdown = server.watch, server.unwatch, server.shutdown

    def watch_too(path: str, *args: Any, **kwargs: Any) -> None:
        watch(path, *args, **kwargs)
        mirror(path)

    def unwatch_too(path: str) -> None:
        unwatch(path)
        if os.path.abspath(path) not in server._watched_paths:
            forget(path)

    def shutdown_too(*args: Any, **kwargs: Any) -> Any:
        observer.stop()
        try:
            return shutdown(*args, **kwargs)
        finally:
            if observer.is_alive():
                observer.join(WAIT)

    server.watch, server.unwatch, server.shutdown = watch_too, unwatch_too, shutdown_too
    server._essays_instant = observer
    delay = getattr(server, "build_delay", None)
    if isinstance(delay, int | float) and delay > QUIET:
        server.build_delay = QUIET
    return server


def _schedule(observer: Any, events: _Events, where: str, recursive: bool) -> Any:
    """Watch ``where`` for changes only: a file opened, or closed after reading, is not even
    reported (every build reads every essay: 2,000 events a build at 1,000 essays, each handled
    in Python beside the build). The filter came with watchdog 4.0; before it, every event is
    reported and :class:`_Events` drops those."""
    if _FILTER is not None:
        try:
            return observer.schedule(events, where, recursive=recursive, event_filter=_FILTER)
        except TypeError:  # (watchdog < 4.0)
            pass
    return observer.schedule(events, where, recursive=recursive)


def _change_events() -> list[type[FileSystemEvent]] | None:
    """The events that say a path changed (:data:`CHANGES`), as watchdog's classes (None:
    a watchdog without them all)."""
    names = ("Created", "Deleted", "Modified", "Moved")
    wanted = [f"File{n}Event" for n in (*names, "Closed")] + [f"Dir{n}Event" for n in names]
    found = [getattr(_watchdog_events, name, None) for name in wanted]
    return None if None in found else found  # type: ignore[return-value]


_FILTER = _change_events()

CHANGES = frozenset({"created", "deleted", "modified", "moved", "closed"})
"""The events that say a file changed (what MkDocs' poller reports, and a file closed after
writing). A file opened or closed after reading is not one: every build reads every file."""


class _Events(FileSystemEventHandler):
    """A file changed under a watched path: what MkDocs' own watcher does then. A file watched
    by itself is watched through its folder: only its own events count."""

    def __init__(self, server: Any, file: str | None) -> None:
        super().__init__()
        self.server = server
        self.file = file

    def dispatch(self, event: FileSystemEvent) -> None:
        if event.is_directory or event.event_type not in CHANGES:
            return
        if self.file is not None:
            paths = (event.src_path, getattr(event, "dest_path", "") or "")
            if self.file not in {os.fsdecode(p) for p in paths}:
                return
        server = self.server
        with server._rebuild_cond:
            server._want_rebuild = True
            server._rebuild_cond.notify_all()
