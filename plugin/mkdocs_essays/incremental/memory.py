"""Under ``mkdocs serve``, what the builds keep is set aside from Python's garbage collector
between saves (issue 23).

The process holds millions of objects that outlive every build: what the plugin keeps by
content (sections, word counts, rankings, the records of every page), the collection's model,
MkDocs' and Material's own. Python's collector walks all of them whenever enough new objects
have survived, and a save at 1,000 essays spent 0.3-0.6 s in those walks. Once a build is
done and the writer reads the page, :meth:`Settle.build_ends` collects everything once, then
freezes what is left (``gc.freeze``): the next build's collections walk only the objects it
made. What the frozen objects leave as garbage is collected at the next settling, which
unfreezes them first, so nothing is kept for good (``tests/unit/test_settle.py``; the
server's memory over 100 saves: ``tests/benchmarks/serve_rebuild.py --churn 100``).

Only `mkdocs serve` settles: `mkdocs build` is one build, and a collection of everything after
it would be time spent for nothing.
"""

from __future__ import annotations

import gc
import threading

__all__ = ["IDLE", "Settle"]

IDLE = 0.5
"""Seconds after a build before the settling starts (a save in the meantime puts it off)."""


class Settle:
    """Collect and freeze the process's objects a moment after each build."""

    def __init__(self, idle: float | None = None) -> None:
        self.idle = IDLE if idle is None else idle
        self._timer: threading.Timer | None = None
        self._lock = threading.Lock()
        self.settled = 0
        """How many times it collected and froze (tests read it)."""

    def build_starts(self) -> None:
        """A build begins: a settling not started yet waits for the next build's end."""
        with self._lock:
            timer, self._timer = self._timer, None
        if timer is not None:
            timer.cancel()

    def build_ends(self) -> None:
        """A build is done: settle after :attr:`idle` seconds, unless another build starts."""
        self.build_starts()
        timer = threading.Timer(self.idle, self._settle)
        timer.daemon = True
        with self._lock:
            self._timer = timer
        timer.start()

    def _settle(self) -> None:
        gc.unfreeze()  # (what the last settling froze and no longer lives is collected too)
        gc.collect()
        gc.freeze()
        self.settled += 1

    def stop(self) -> None:
        """The server stops: nothing more is frozen, and what was goes back to the collector."""
        self.build_starts()
        gc.unfreeze()
