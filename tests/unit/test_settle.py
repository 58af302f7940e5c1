"""Under `mkdocs serve`, what builds keep is set aside from the garbage collector between saves
(``incremental/memory.py``): collected and frozen a moment after a build, never kept for good."""

from __future__ import annotations

import gc
import time
import weakref

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
