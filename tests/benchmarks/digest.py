"""A digest of whole builds, to prove a refactor changes no output: the project's own site
and the real Hugo sites of ``../shared/corpora`` (hugo-coder, hugodocs, linkerd-blog), each
imported with ``mkdocs-essays import`` and built with ``mkdocs build``::

    python tests/benchmarks/digest.py                   # every site, one line each
    python tests/benchmarks/digest.py --sites seed,hugo-coder --keep /tmp/digests
    python tests/benchmarks/digest.py --against OTHER.json   # name the files that differ

Each build runs in a fresh interpreter with ``SOURCE_DATE_EPOCH`` and ``PYTHONHASHSEED`` fixed,
so two builds of the same code give the same bytes. The digest of a site is the sha256 of every
written file's path and bytes, in path order. ``--json FILE`` writes every file's digest, which
``--against`` compares with another run's (say, the commit before a refactor step).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("MKDOCS_ESSAYS_SHARED") or REPO.parent / "shared")
CORPORA = ("hugo-coder", "hugodocs", "linkerd-blog")
SITES = ("seed", *CORPORA)
ENV = {
    **os.environ,
    "NO_MKDOCS_2_WARNING": "1",
    "SOURCE_DATE_EPOCH": "1709600000",
    "PYTHONHASHSEED": "0",
}
TIMEOUT = 1800


def _run(command: list[str], cwd: Path) -> None:
    done = subprocess.run(
        command, cwd=cwd, env=ENV, capture_output=True, text=True, timeout=TIMEOUT
    )
    if done.returncode != 0:
        sys.exit(
            f"{' '.join(command)} (in {cwd}) exited with {done.returncode}:\n"
            f"{done.stdout[-2000:]}{done.stderr[-4000:]}"
        )


def project(name: str, work: Path) -> Path:
    """The folder with the site's mkdocs.yml: the project's own, or an imported corpus."""
    root = work / name
    if root.exists():
        shutil.rmtree(root)
    if name == "seed":
        root.mkdir(parents=True)
        shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
        shutil.copytree(REPO / "docs", root / "docs")
        return root
    source = SHARED / "corpora" / name
    if not source.is_dir():
        sys.exit(f"{source} is missing: the corpora are read from ../shared/corpora")
    cli = [sys.executable, "-c", "from mkdocs_essays.cli import main; raise SystemExit(main())"]
    done = subprocess.run(
        [*cli, "import", str(source), "--into", str(root)],
        env=ENV,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
    )
    if done.returncode not in (0, 1):  # 1: imported, with notes
        sys.exit(f"import of {name} failed ({done.returncode}):\n{done.stderr[-4000:]}")
    return root


def files_of(site: Path) -> dict[str, str]:
    return {
        path.relative_to(site).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(site.rglob("*"))
        if path.is_file()
    }


def digest(files: dict[str, str]) -> str:
    whole = hashlib.sha256()
    for path, sha in sorted(files.items()):
        whole.update(f"{path}\0{sha}\n".encode())
    return whole.hexdigest()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sites", default=",".join(SITES), help=f"among {', '.join(SITES)}")
    parser.add_argument("--keep", type=Path, help="build here instead of a temporary folder")
    parser.add_argument("--json", type=Path, help="write every file's digest here")
    parser.add_argument("--against", type=Path, help="a --json file to compare with")
    args = parser.parse_args(argv)
    names = [s.strip() for s in args.sites.split(",") if s.strip()]
    unknown = set(names) - set(SITES)
    if unknown:
        parser.error(f"unknown sites {sorted(unknown)}; choose among {', '.join(SITES)}")
    work = args.keep or Path(tempfile.mkdtemp(prefix="mkdocs-essays-digest-"))
    work.mkdir(parents=True, exist_ok=True)
    result: dict[str, dict[str, str]] = {}
    for name in names:
        root = project(name, work)
        started = time.perf_counter()
        _run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(root / "site")], root)
        files = files_of(root / "site")
        result[name] = files
        print(
            f"{name:13} {digest(files)[:16]}  {len(files):6,} files  "
            f"{time.perf_counter() - started:6.1f} s",
            flush=True,
        )
    if args.json:
        args.json.write_text(json.dumps(result, indent=0, sort_keys=True), "utf-8")
    code = 0
    if args.against:
        before = json.loads(args.against.read_text("utf-8"))
        for name, files in result.items():
            old = before.get(name)
            if old is None:
                continue
            changed = sorted(p for p in old.keys() | files.keys() if old.get(p) != files.get(p))
            if changed:
                code = 1
                print(f"{name}: {len(changed)} files differ:", *changed[:20], sep="\n  ")
            else:
                print(f"{name}: identical to {args.against}")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return code


if __name__ == "__main__":
    raise SystemExit(main())
