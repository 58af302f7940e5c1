"""How long a writer waits under ``mkdocs serve``: seconds from saving one essay to the server
giving the page with the new text, for the benchmark corpus (``corpus.py``) at each N::

    python tests/benchmarks/serve_rebuild.py                  # N = 100 and 300, 5 saves each
    python tests/benchmarks/serve_rebuild.py --sizes 20 --saves 2

For each N the mkdocs-essays site is written, the real ``mkdocs serve`` is started on it
(``tests/serving.py``) and, once it serves, one essay is saved ``--saves`` times, each time with
a new sentence; the clock runs from the write until the essay's page, fetched every 50 ms,
holds that sentence. The essay saved is the middle one of the corpus (not the newest: listings
need not change). The table gives the median, min and max wait and MkDocs' own build time (the
median of the "Documentation built in" lines of the rebuilds). No assert on times anywhere.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

import corpus  # noqa: E402
import run  # noqa: E402
from serving import ServerDied, free_port, mkdocs_serve, wait_until  # noqa: E402

POLL = 0.05
"""Seconds between two fetches of the page."""
START_TIMEOUT = 600.0
"""Seconds the first build may take before the server answers."""
SAVE_TIMEOUT = 300.0
"""Seconds one rebuild may take before the save counts as failed."""
_BUILT = re.compile(r"Documentation built in ([0-9.]+) seconds")


@dataclass
class Result:
    n: int
    waits: list[float] = field(default_factory=list)
    builds: list[float] = field(default_factory=list)
    """MkDocs' "Documentation built in" of each build, the first one included."""
    error: str | None = None


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.read().decode("utf-8", "replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def holds(url: str, text: str) -> Callable[[], bool]:
    def check() -> bool:
        page = fetch(url)
        return page is not None and text in page

    return check


def measure(n: int, saves: int, work: Path) -> Result:
    root = corpus.write_sites(work / f"serve-n{n}", n, ("essays",))["essays"]
    essays = corpus.essays(n)
    target = essays[len(essays) // 2]
    source = root / "docs" / "posts" / f"{target.slug}.md"
    original = source.read_text("utf-8")
    port = free_port()
    url = f"http://127.0.0.1:{port}/posts/{target.slug}/"
    log = work / f"serve-n{n}.log"
    result = Result(n)
    with mkdocs_serve(root, port, log) as server:
        try:
            wait_until(
                holds(url, target.title), server, log, timeout=START_TIMEOUT, what=f"page at {url}"
            )
            for number in range(saves):
                marker = f"Saved edit number {number} of {n}."
                # A new sentence at the end of the essay, as a writer saves a paragraph.
                start = time.perf_counter()
                source.write_text(f"{original}\n{marker}\n", encoding="utf-8")
                wait_until(
                    holds(url, marker),
                    server,
                    log,
                    timeout=SAVE_TIMEOUT,
                    what=f"save {number}",
                    poll=POLL,
                )
                result.waits.append(time.perf_counter() - start)
                time.sleep(1.0)  # let the server settle (its watcher, the reload script)
        except (ServerDied, TimeoutError) as error:
            result.error = str(error)
            return result
    result.builds = [float(m) for m in _BUILT.findall(log.read_text("utf-8", "replace"))]
    return result


def table(results: list[Result]) -> str:
    lines = [
        "| essays | saves | wait s (median) | min | max | rebuild s (median, MkDocs) |",
        "|---|---|---|---|---|---|",
    ]
    for r in results:
        if r.error or not r.waits:
            first = (r.error or "no save measured").splitlines()[0]
            lines.append(f"| {r.n:,} | failed: {first} | | | | |")
            continue
        rebuilds = r.builds[1:] or r.builds
        built = f"{statistics.median(rebuilds):.2f}" if rebuilds else ""
        lines.append(
            f"| {r.n:,} | {len(r.waits)} | {statistics.median(r.waits):.2f} | "
            f"{min(r.waits):.2f} | {max(r.waits):.2f} | {built} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument(
        "--sizes",
        type=lambda s: [int(x) for x in s.replace(",", " ").split()],
        default=[100, 300, 1000],
        help="numbers of essays (default '100,300,1000')",
    )
    parser.add_argument("--saves", type=int, default=5, help="saves per size (5)")
    parser.add_argument(
        "--work",
        type=Path,
        default=Path(tempfile.gettempdir()) / "mkdocs-essays-serve",
        help="folder for the generated sites and the server logs",
    )
    parser.add_argument(
        "--no-snapshot",
        dest="snapshot",
        action="store_false",
        help="serve with the live checkout instead of a copy of mkdocs_essays taken at the start",
    )
    args = parser.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    code = "the live checkout"
    if args.snapshot:  # as run.py: edits made to the checkout meanwhile do not mix in
        code = run.snapshot_plugin(args.work)
        os.environ["PYTHONPATH"] = run.BUILD_ENV["PYTHONPATH"]
    results = []
    for n in sorted(args.sizes):
        result = measure(n, args.saves, args.work)
        print(f"N = {n}: waits {[round(w, 2) for w in result.waits]}", file=sys.stderr)
        if result.error:
            print(f"N = {n} failed: {result.error}", file=sys.stderr)
        results.append(result)
    print(f"mkdocs serve: seconds from saving one essay to its new page being served ({code})\n")
    print(table(results))
    return 1 if any(r.error for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
