"""Growth measurement for the linear-time tests: the time of a function on inputs of size n,
2n, 4n and 8n, compared as ratios (never absolute times)."""

from __future__ import annotations

import gc
import time
from collections.abc import Callable
from typing import Any

LIMIT = 20.0
"""The largest 8n/n time ratio accepted (linear: ~8; quadratic: ~64)."""
SIZES = (1, 2, 4, 8)


def best_of_3(function: Callable[[Any], object], argument: Any) -> float:
    """The shortest of 3 runs in CPU time of this thread (waiting for a CPU the machine's other
    work holds is not counted), with the garbage collector off as ``timeit`` does: a
    collection's cost depends on everything else the process holds, not on this input."""
    best = float("inf")
    gc.collect()
    gc.disable()
    try:
        for _ in range(3):
            started = time.thread_time()
            function(argument)
            best = min(best, time.thread_time() - started)
    finally:
        gc.enable()
    return best


def ratios(
    function: Callable[[Any], object], make: Callable[[int], Any], n: int, attempts: int = 3
) -> list[float]:
    """Time at 2n, 4n and 8n over the time at n. Measured up to 3 times while the 8n ratio is
    over :data:`LIMIT`, each size keeping its fastest time: a machine busy with other work
    slows some runs, never the fastest of all of them."""
    inputs = [make(n * k) for k in SIZES]
    function(inputs[0])  # warm up (imports, compiled regexes, caches)
    times = [float("inf")] * len(SIZES)
    for _ in range(attempts):
        times = [
            min(t, max(best_of_3(function, x), 1e-7)) for t, x in zip(times, inputs, strict=True)
        ]
        if times[-1] / times[0] < LIMIT:
            break
    return [t / times[0] for t in times[1:]]


def assert_linear(
    function: Callable[[Any], object], make: Callable[[int], Any], n: int, attempts: int = 3
) -> None:
    measured = ratios(function, make, max(1, n // 2), attempts)
    shown = ", ".join(f"{r:.1f}" for r in measured)
    assert measured[-1] < LIMIT, f"not linear: 2n, 4n, 8n take {shown} times as long as n"
