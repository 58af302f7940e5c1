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
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

__all__ = ["quiet_builds"]

WAIT = 1.0
"""Seconds a build waits for a poll under way to end before it goes on beside it."""


def quiet_builds(server: Any) -> Any:
    """Wrap ``server.builder`` (MkDocs' ``LiveReloadServer``) so that the polling watchers
    wait while it runs; returns ``server``."""
    builder: Callable[..., Any] | None = getattr(server, "builder", None)
    if builder is None or getattr(builder, "_quiet", False):
        return server

    def build(*args: Any, **kwargs: Any) -> Any:
        held = _hold(server)
        try:
            return builder(*args, **kwargs)
        finally:
            for lock in held:
                lock.release()

    build._quiet = True  # type: ignore[attr-defined]
    server.builder = build
    return server


def _hold(server: Any) -> list[Any]:
    """The locks of the server's polling emitters, each acquired (those it got in time)."""
    try:
        from watchdog.observers.polling import PollingEmitter
    except ImportError:  # pragma: no cover (MkDocs needs watchdog)
        return []
    observer = getattr(server, "observer", None)
    try:
        emitters = list(getattr(observer, "emitters", ()))
    except (TypeError, RuntimeError):
        return []
    held = []
    for emitter in emitters:
        lock = getattr(emitter, "_lock", None)
        if not isinstance(emitter, PollingEmitter) or not isinstance(lock, _LOCK):
            continue
        if lock.acquire(timeout=WAIT):
            held.append(lock)
    return held


_LOCK = type(threading.Lock())
