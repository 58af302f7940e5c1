"""Under `mkdocs serve`, what builds keep is set aside from the garbage collector between saves
(``incremental/memory.py``): collected and frozen a moment after a build, never kept for good."""

from __future__ import annotations

import gc
import time
import weakref

from mkdocs_essays.incremental import memory
from mkdocs_essays.incremental.memory import Settle


class Node:
    def __init__(self) -> None:
        self.other: object = self  # a cycle: only the collector frees it


def _until(condition, seconds: float = 10.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.01)
    return condition()


def test_a_moment_after_a_build_the_objects_left_are_frozen() -> None:
    settle = Settle(idle=0.05)
    try:
        settle.build_ends()
        assert _until(lambda: settle.settled == 1)
        assert gc.get_freeze_count() > 0
    finally:
        settle.stop()
    assert gc.get_freeze_count() == 0


def test_a_build_that_starts_first_puts_the_settling_off() -> None:
    settle = Settle(idle=0.2)
    try:
        settle.build_ends()
        settle.build_starts()
        time.sleep(0.4)
        assert settle.settled == 0
        assert gc.get_freeze_count() == 0
    finally:
        settle.stop()


def test_what_was_frozen_and_dies_is_collected_at_the_next_settling() -> None:
    settle = Settle(idle=0.01)
    try:
        node = Node()
        alive = weakref.ref(node)
        settle.build_ends()
        assert _until(lambda: settle.settled == 1)  # frozen while alive
        del node
        gc.collect()
        assert alive() is not None  # frozen: the collector does not look at it
        settle.build_ends()
        assert _until(lambda: settle.settled == 2)
        assert alive() is None  # unfrozen, collected: nothing is kept for good
    finally:
        settle.stop()


def test_once_a_build_settled_the_next_runs_with_the_collector_paused_until_it_settles() -> None:
    settle = Settle(idle=0.05)
    try:
        settle.build_starts()
        assert gc.isenabled(), "the first build (nothing settled yet) runs with the collector"
        settle.build_ends()
        assert _until(lambda: settle.settled == 1)
        settle.build_starts()
        assert not gc.isenabled()
        settle.rendering(3)
        assert not gc.isenabled(), "a few pages: still paused"
        settle.build_ends()
        assert not gc.isenabled(), "paused past the build's end, until the settling"
        assert _until(lambda: settle.settled == 2)
        assert gc.isenabled()
    finally:
        settle.stop()
    assert gc.isenabled()


def test_a_build_of_many_pages_or_one_before_the_settling_runs_with_the_collector() -> None:
    settle = Settle(idle=0.05)
    try:
        settle.build_ends()
        assert _until(lambda: settle.settled == 1)
        settle.build_starts()
        settle.rendering(memory.PAUSED_PAGES + 1)
        assert gc.isenabled(), "too many pages: the collector runs again"
        settle.build_ends()
        assert _until(lambda: settle.settled == 2)
        settle.build_starts()
        settle.rendering(None)
        assert gc.isenabled(), "every page (the engine does not choose)"
        settle.build_ends()
        assert _until(lambda: settle.settled == 3)
        settle.idle = 30.0
        settle.build_starts()
        assert not gc.isenabled()
        settle.build_ends()  # (no settling before the next save)
        settle.build_starts()
        assert gc.isenabled(), "garbage does not pile up over builds that did not settle"
    finally:
        settle.stop()
    assert gc.isenabled()


def test_a_collector_the_process_paused_itself_stays_paused() -> None:
    settle = Settle(idle=0.05)
    gc.disable()
    try:
        settle.build_ends()
        assert _until(lambda: settle.settled == 1)
        settle.build_starts()
        settle.build_ends()
        assert _until(lambda: settle.settled == 2)
        assert not gc.isenabled()
        settle.stop()
        assert not gc.isenabled()
    finally:
        gc.enable()
        settle.stop()
