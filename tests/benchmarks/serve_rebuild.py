"""How long a writer waits under ``mkdocs serve``: seconds from saving a file to the server
giving the page that shows the change, for the benchmark corpus (``corpus.py``) at each N::

    python tests/benchmarks/serve_rebuild.py                    # N = 100, 300, 1000; 3 rounds
    python tests/benchmarks/serve_rebuild.py --sizes 20 --rounds 1
    python tests/benchmarks/serve_rebuild.py --sizes 1000 --rounds 0 --churn 100

For each N the mkdocs-essays site is written and the real ``mkdocs serve`` is started on it
(``tests/serving.py``). Then, ``--rounds`` times, each kind of edit a writer makes is saved
in turn, and the clock runs from the write until the page that shows it, fetched every 50
ms, does: a word in a body (the essay holds the new sentence), a shared word (a sentence
with three words that one other essay alone holds, and the next round takes them out: unlike
the first edit's, they weigh in the related essays and cards and move lists near it), a tag
added (the new tag's page lists the essay), the tag removed (its page is gone), a section
renamed (the essay shows the new heading, the card moves), a new essay (its page is served),
that essay deleted (its page is gone), a file renamed (the page at the new address is
served; the next round renames it back). The essay edited is the middle one of the corpus
(not the newest: listings need not change). ``--churn K`` saves a word K times in a row at
the largest N and reports the wait and the server's memory (resident set, from /proc) at the
2nd save and at the K-th. The tables give the median, min and max wait, and MkDocs' own
build time (the median of the "Documentation built in" lines of the rebuilds; MkDocs logs a
message it logged before only once, so a rebuild as long as an earlier one, to the
hundredth, has no line: the rebuilds are counted by their "Detected file changes" lines). No
assert on times anywhere; the figures are as noisy as the machine.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
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

RARE = "quexling, zorblat and frumiousness"
"""Words of the "shared word" edit: made up, in no essay of the corpus."""
POLL = 0.05
"""Seconds between two fetches of the page."""
START_TIMEOUT = 600.0
"""Seconds the first build may take before the server answers."""
SAVE_TIMEOUT = 300.0
"""Seconds one rebuild may take before the save counts as failed."""
_BUILT = re.compile(r"Documentation built in ([0-9.]+) seconds")
_DETECTED = re.compile(r"Detected file changes")


KINDS = (
    "word",
    "shared word",
    "tag added",
    "tag removed",
    "section renamed",
    "new essay",
    "deleted essay",
    "renamed file",
)


@dataclass
class Result:
    n: int
    waits: dict[str, list[float]] = field(default_factory=dict)
    """Kind of edit -> seconds from each save to the page showing it."""
    builds: list[float] = field(default_factory=list)
    """MkDocs' "Documentation built in" of each build, the first one included (a time
    logged before is not logged again: see the module)."""
    rebuilds: int = 0
    """The rebuilds the server started (its "Detected file changes" lines)."""
    churn: list[float] = field(default_factory=list)
    """The waits of ``--churn`` saves in a row."""
    memory: list[int] = field(default_factory=list)
    """The server's resident memory (KiB) after each of those saves."""
    error: str | None = None


def resident_kib(pid: int) -> int:
    """The resident set of a process, in KiB (0 where /proc is not there)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


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


def gone(url: str) -> Callable[[], bool]:
    def check() -> bool:
        try:
            with urllib.request.urlopen(url, timeout=30):
                return False
        except urllib.error.HTTPError as error:
            return error.code == 404
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            return False

    return check


class Edits:
    """The edits of one round on the corpus of ``root``: each writes files and says which
    page shows it and how (a check for :func:`wait_until`)."""

    def __init__(self, root: Path, n: int, base: str) -> None:
        everyone = corpus.essays(n + 1)
        self.essays = everyone[:n]
        self.target = self.essays[n // 2]
        self.extra = everyone[n]  # the essay the "new essay" edit writes
        self.posts = root / "docs" / "posts"
        self.source = self.posts / f"{self.target.slug}.md"
        self.original = self.source.read_text("utf-8")
        self.text = self.original
        self.base = base
        self.renamed = False
        self.heading = re.findall(r"^## (.+)$", self.original, re.MULTILINE)[1]
        # Another essay holds words no other one has: the "shared word" edit gives them to
        # the edited essay too (set up before the server starts, restored at the end).
        self.partner = self.posts / f"{self.essays[n // 4].slug}.md"
        self.partner_text = self.partner.read_text("utf-8")
        self.partner.write_text(f"{self.partner_text}\nOn {RARE}.\n", encoding="utf-8")
        self.shared: str | None = None
        """The sentence of the edited essay that holds :data:`RARE`, while it does."""

    def url(self, slug: str) -> str:
        return f"{self.base}posts/{slug}/"

    @property
    def slug(self) -> str:
        return f"renamed-{self.target.slug}" if self.renamed else self.target.slug

    def _save(self, text: str) -> None:
        self.text = text
        (self.posts / f"{self.slug}.md").write_text(text, encoding="utf-8")

    def apply(self, kind: str, number: int) -> Callable[[], bool]:
        if kind == "word":
            marker = f"Saved edit number {number}."
            self._save(f"{self.text}\n{marker}\n")
            return holds(self.url(self.slug), marker)
        if kind == "shared word":
            # The words are rare (two essays of the collection): they weigh in the essay's
            # words, and so in the related essays and cards of the essays near it.
            marker = f"Shared words {number}"
            if self.shared is None:
                self.shared = f"{marker}: {RARE}."
                self._save(f"{self.text}\n{self.shared}\n")
            else:
                self._save(self.text.replace(self.shared, f"{marker}, taken out.", 1))
                self.shared = None
            return holds(self.url(self.slug), marker)
        if kind == "tag added":
            tag = f"bench{number}"
            self._save(self.text.replace("tags = [", f"tags = ['{tag}', ", 1))
            return holds(f"{self.base}tags/{tag}/", self.target.title)
        if kind == "tag removed":
            tag = f"bench{number}"
            self._save(self.text.replace(f"'{tag}', ", "", 1))
            return gone(f"{self.base}tags/{tag}/")
        if kind == "section renamed":
            title = f"Section renamed {number}"
            self._save(self.text.replace(f"## {self.heading}", f"## {title}", 1))
            self.heading = title
            return holds(self.url(self.slug), title)
        if kind == "new essay":
            e = self.extra
            others = [*self.essays, e]
            text = corpus._toml_meta(e) + corpus.body(e, others, "{slug}.md", "<!--more-->")
            (self.posts / f"{e.slug}.md").write_text(text, encoding="utf-8")
            return holds(self.url(e.slug), e.title)
        if kind == "deleted essay":
            (self.posts / f"{self.extra.slug}.md").unlink()
            return gone(self.url(self.extra.slug))
        if kind == "renamed file":
            before = self.posts / f"{self.slug}.md"
            self.renamed = not self.renamed
            os.rename(before, self.posts / f"{self.slug}.md")
            return holds(self.url(self.slug), self.target.title)
        raise ValueError(kind)

    def restore(self) -> None:
        (self.posts / f"{self.slug}.md").unlink(missing_ok=True)
        (self.posts / f"{self.extra.slug}.md").unlink(missing_ok=True)
        self.source.write_text(self.original, encoding="utf-8")
        self.partner.write_text(self.partner_text, encoding="utf-8")


def measure(n: int, rounds: int, churn: int, kinds: tuple[str, ...], work: Path) -> Result:
    root = corpus.write_sites(work / f"serve-n{n}", n, ("essays",))["essays"]
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    edits = Edits(root, n, base)
    log = work / f"serve-n{n}.log"
    result = Result(n)
    with mkdocs_serve(root, port, log) as server:
        try:
            wait_until(
                holds(edits.url(edits.slug), edits.target.title),
                server,
                log,
                timeout=START_TIMEOUT,
                what="the first build",
            )
            time.sleep(1.0)
            saves = [(kind, number) for number in range(rounds) for kind in kinds]
            saves += [("churn", number) for number in range(churn)]
            for kind, number in saves:
                start = time.perf_counter()
                # (a save in a row gets a number of its own: its sentence is new to the page)
                at = number + rounds if kind == "churn" else number
                check = edits.apply("word" if kind == "churn" else kind, at)
                wait_until(
                    check, server, log, timeout=SAVE_TIMEOUT, what=f"{kind} {number}", poll=POLL
                )
                wait = time.perf_counter() - start
                if kind == "churn":
                    result.churn.append(wait)
                    result.memory.append(resident_kib(server.pid))
                else:
                    result.waits.setdefault(kind, []).append(wait)
                # let the server settle (its watcher, the reload script, the build's end)
                time.sleep(1.0)
        except (ServerDied, TimeoutError) as error:
            result.error = str(error)
        finally:
            edits.restore()
    text = log.read_text("utf-8", "replace")
    result.builds = [float(m) for m in _BUILT.findall(text)]
    result.rebuilds = len(_DETECTED.findall(text))
    return result


@dataclass
class Warm:
    """A command started on the records the last one left on disk (``.cache/``), against
    one started on none."""

    n: int
    build_cold: float = 0.0
    build_warm: float = 0.0
    serve_cold: float = 0.0
    serve_warm: float = 0.0


def _serve_start(root: Path, work: Path, port: int, path: str, title: str) -> float:
    """Seconds from starting `mkdocs serve` to the essay being served; the server is then
    stopped as a writer stops it (Ctrl-C: it writes its records)."""
    log = work / f"serve-start-{port}.log"
    base = f"http://127.0.0.1:{port}/"
    start = time.perf_counter()
    with mkdocs_serve(root, port, log) as server:
        wait_until(
            holds(base + path, title),
            server,
            log,
            timeout=START_TIMEOUT,
            what="the first build",
            poll=POLL,
        )
        seconds = time.perf_counter() - start
        time.sleep(1.0)
        server.send_signal(signal.SIGINT)
        server.wait(timeout=SAVE_TIMEOUT)
    return seconds


def measure_warm(n: int, work: Path) -> Warm:
    """A cold and a second ``mkdocs build``; `mkdocs serve` started with no records and on the
    records the last server left."""
    root = corpus.write_sites(work / f"warm-n{n}", n, ("essays",))["essays"]
    cache = root / ".cache"
    shutil.rmtree(cache, ignore_errors=True)
    shutil.rmtree(root / "site", ignore_errors=True)
    result = Warm(n)
    result.build_cold = run.timed_build(root, START_TIMEOUT)
    result.build_warm = run.timed_build(root, START_TIMEOUT, cold=False)
    essay = Edits(root, n, "").target
    path = f"posts/{essay.slug}/"
    port = free_port()  # (the same both times, as a writer's: the address is in every page)
    result.serve_cold = _serve_start(root, work, port, path, essay.title)
    result.serve_warm = _serve_start(root, work, port, path, essay.title)
    return result


def warm_table(results: list[Warm]) -> str:
    lines = [
        "| essays | `mkdocs build`: cold s | second s | share | `mkdocs serve` start: "
        "cold s | warm s | share |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in results:
        lines.append(
            f"| {r.n:,} | {r.build_cold:.2f} | {r.build_warm:.2f} | "
            f"{r.build_warm / r.build_cold:.0%} | {r.serve_cold:.2f} | {r.serve_warm:.2f} | "
            f"{r.serve_warm / r.serve_cold:.0%} |"
        )
    return "\n".join(lines)


def table(results: list[Result]) -> str:
    lines = [
        "| essays | edit | saves | wait s (median) | min | max |",
        "|---|---|---|---|---|---|",
    ]
    for r in results:
        if r.error:
            lines.append(f"| {r.n:,} | failed: {r.error.splitlines()[0]} | | | | |")
        for kind, waits in r.waits.items():
            lines.append(
                f"| {r.n:,} | {kind} | {len(waits)} | {statistics.median(waits):.2f} | "
                f"{min(waits):.2f} | {max(waits):.2f} |"
            )
        rebuilds = r.builds[1:]
        if rebuilds:
            lines.append(
                f"| {r.n:,} | (MkDocs' rebuilds) | {r.rebuilds} ({len(rebuilds)} timed) | "
                f"{statistics.median(rebuilds):.2f} | {min(rebuilds):.2f} | {max(rebuilds):.2f} |"
            )
        if r.builds:
            lines.append(f"| {r.n:,} | (first build, MkDocs) | 1 | {r.builds[0]:.2f} | | |")
    return "\n".join(lines)


def churn_table(results: list[Result]) -> str:
    """The first saves (2nd to 11th: the 1st may still pay for the edits before) against the
    last ten, wait and memory."""
    lines = [
        "| essays | saves | wait s: 2nd-11th (median) | last 10 (median) | max | "
        "memory MiB: 2nd | last |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in results:
        if len(r.churn) < 2:
            continue
        lines.append(
            f"| {r.n:,} | {len(r.churn)} | {statistics.median(r.churn[1:11]):.2f} | "
            f"{statistics.median(r.churn[-10:]):.2f} | {max(r.churn):.2f} | "
            f"{r.memory[1] / 1024:.0f} | {r.memory[-1] / 1024:.0f} |"
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
    parser.add_argument("--rounds", type=int, default=3, help="saves of each kind of edit (3)")
    parser.add_argument(
        "--kinds",
        type=lambda s: tuple(k.strip() for k in s.split(",")),
        default=KINDS,
        help=f"kinds of edit, comma-separated (default: all: {', '.join(KINDS)})",
    )
    parser.add_argument(
        "--churn", type=int, default=0, help="saves in a row at the largest N (0: none)"
    )
    parser.add_argument(
        "--warm",
        action="store_true",
        help="also time a second `mkdocs build` and `mkdocs serve`'s start on the records "
        "the last command left on disk, against cold ones, at each N",
    )
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
    sizes = sorted(args.sizes)
    for n in sizes:
        churn = args.churn if n == sizes[-1] else 0
        result = measure(n, args.rounds, churn, args.kinds, args.work)
        print(f"N = {n}: waits {result.waits}", file=sys.stderr)
        if result.churn:
            print(f"N = {n}: saves in a row {[round(w, 2) for w in result.churn]}", file=sys.stderr)
            print(f"N = {n}: memory KiB {result.memory}", file=sys.stderr)
        if result.error:
            print(f"N = {n} failed: {result.error}", file=sys.stderr)
        results.append(result)
    warm = [measure_warm(n, args.work) for n in sizes] if args.warm else []
    print(f"mkdocs serve: seconds from a save to the page showing it ({code})\n")
    print(table(results))
    if warm:
        print("\nCommands started on the records on disk (`.cache/`), against cold ones:\n")
        print(warm_table(warm))
    if args.churn:
        print(f"\n{args.churn} saves in a row (a word each time):\n")
        print(churn_table(results))
    return 1 if any(r.error for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
