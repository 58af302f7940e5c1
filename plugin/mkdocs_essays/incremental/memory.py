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

Once a build has settled, the next build runs with the collector paused (``gc.disable``), and
it stays paused until the settling after that build: a save at 1,000 essays spent 0.15 s of its
1.7 s in collections of what the build itself made, most of it still alive (collections at
the build's end would walk all of it once more). What the build leaves as garbage (a few MiB
for a save) is collected at the settling. A build that renders more than :data:`PAUSED_PAGES`
pages (a changed ``mkdocs.yml``: every page; a new essay, 345 pages at 1,000 essays, stays
under it) leaves more garbage than is worth holding, and the collector runs again as soon as
the engine knows it (:meth:`Settle.rendering`); so does a build that starts before the last
one settled (saves in quick succession: no garbage piles up over builds).
"""

from __future__ import annotations

import gc
import threading

__all__ = ["IDLE", "PAUSED_PAGES", "Settle"]

IDLE = 0.25
"""Seconds after a build before the settling starts (a save in the meantime puts it off). The
settling holds the interpreter for 0.2-0.8 s at 1,000 essays (longer after a larger build),
and a save made while it runs waits for it: the writer who saves again soon after the page
came back. A quarter of a second leaves the browser time to load the page the build ended
with (the reload script asks at once), and has the settling done about a second after the
build. Under the real server at 1,000 essays, a word saved a second after a file was renamed
waited 0.96-1.02 s (3 saves; 1.05-1.32 s with half a second), a file renamed a second after an
essay was deleted 1.93-2.08 s (1.97-2.36 s); ``serve_rebuild.py``, in turns."""

PAUSED_PAGES = 400
"""Pages a build may render with the collector paused. At 1,000 essays a word saved renders 2
pages, a tag added 18, a file renamed 131, a new essay 345 and a deleted one 335 (most of them
the pages of the listings it shifts by one). With the collector running, a new essay's build
spent 0.27 s of its 3.7 s in 330 collections (in process, 6 saves); paused, the build took
0.4 s less and its settling 0.2-0.3 s more (0.5-0.8 s, in the background, a moment after
the page is served). A build that renders every page (6,576) without the collector held
930 MiB at its peak, against 500 MiB with it; and a large build's garbage made its settling
long enough (about a second) to delay a save that came right after it: a file renamed a second
after an essay was deleted waited 4.5 s with a 533-page build paused, 3.6 s without
(``serve_rebuild.py``, when a new essay rendered 533 pages; the limit was 200 then)."""


class Settle:
    """Collect and freeze the process's objects a moment after each build."""

    def __init__(self, idle: float | None = None) -> None:
        self.idle = IDLE if idle is None else idle
        self._timer: threading.Timer | None = None
        self._lock = threading.Lock()
        self.settled = 0
        """How many times it collected and froze (tests read it)."""
        self.paused = False
        """The collector is paused for this build (by :meth:`build_starts`)."""

    def build_starts(self) -> None:
        """A build begins: a settling not started yet waits for the next build's end. Once a
        build has settled, the collector is paused until the next settling, or until this
        build renders too many pages (:meth:`rendering`); one paused since a build that did
        not settle runs again. A collector the process paused itself stays so."""
        self._cancel()
        with self._lock:
            if self.paused:
                self._resume()
            elif self.settled and gc.isenabled():
                gc.disable()
                self.paused = True

    def rendering(self, pages: int | None) -> None:
        """The build renders ``pages`` pages (None: every page, as the engine does not
        choose): past :data:`PAUSED_PAGES`, the collector runs again at once."""
        if pages is None or pages > PAUSED_PAGES:
            with self._lock:
                self._resume()

    def build_ends(self) -> None:
        """A build is done: settle after :attr:`idle` seconds, unless another build starts."""
        self._cancel()
        timer = threading.Timer(self.idle, self._settle)
        timer.daemon = True
        with self._lock:
            self._timer = timer
        timer.start()

    def _cancel(self) -> None:
        with self._lock:
            timer, self._timer = self._timer, None
        if timer is not None:
            timer.cancel()

    def _resume(self) -> None:
        """(with the lock held)"""
        if self.paused:
            self.paused = False
            gc.enable()

    def _settle(self) -> None:
        with self._lock:
            gc.unfreeze()  # (what the last settling froze and no longer lives is collected too)
            gc.collect()
            gc.freeze()
            self._resume()  # (after the collection: what the build made is not walked twice)
            self.settled += 1

    def stop(self) -> None:
        """The server stops: nothing more is frozen, and what was goes back to the collector."""
        self._cancel()
        with self._lock:
            self._resume()
        gc.unfreeze()
