"""The benchmark (``tests/benchmarks/``) runs and prints its table; no test asserts a time.

The full run (N = 100, 1,000 and 3,000, several runs each) takes many minutes and stays out of
the suite: ``python tests/benchmarks/run.py``.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from benchmarks import corpus

REPO = Path(__file__).resolve().parents[2]
RUNNER = REPO / "tests" / "benchmarks" / "run.py"
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
SITES = ["(a) Material", "(b) Material blog + tags", "(c) mkdocs-essays", "Hugo"]


def test_corpus_is_deterministic_and_shaped_as_the_issue_asks() -> None:
    small, large = corpus.essays(30), corpus.essays(60)
    assert small == large[:30], "the corpus of N essays is the start of any larger one"
    assert len({e.slug for e in large}) == 60
    pool = set(corpus.tag_pool())
    assert len(pool) == 60
    for e in large:
        assert 2 <= len(e.tags) <= 5 and set(e.tags) <= pool
        assert 4 <= len(e.sections) <= 6
        words = sum(len(p.split()) for _, paragraphs in e.sections for p in paragraphs)
        assert 900 <= words <= 1150, (e.slug, words)
        assert all(j < e.index for j in e.links)
    assert sum(bool(e.links) for e in large) == 59  # every essay but the first links back
    assert len({t for e in large for t in e.tags}) > 20


def test_sites_hold_the_same_essays(tmp_path: Path) -> None:
    roots = corpus.write_sites(tmp_path, 5)
    slugs = [e.slug for e in corpus.essays(5)]
    assert sorted(p.stem for p in (roots["plain"] / "docs/posts").glob("*.md")) == sorted(
        [*slugs, "index"]
    )
    assert sorted(p.stem for p in (roots["blog"] / "docs/blog/posts").glob("*.md")) == sorted(slugs)
    assert sorted(p.stem for p in (roots["essays"] / "docs/posts").glob("*.md")) == sorted(slugs)
    assert sorted(p.stem for p in (roots["hugo"] / "content/posts").glob("*.md")) == sorted(
        [*slugs, "_index"]
    )
    essay = (roots["essays"] / "docs/posts" / f"{slugs[3]}.md").read_text("utf-8")
    assert essay.startswith("+++\ntitle = ") and "<!--more-->" in essay
    post = (roots["blog"] / "docs/blog/posts" / f"{slugs[3]}.md").read_text("utf-8")
    assert post.startswith("---\n") and "\ncategories:\n" in post and "<!-- more -->" in post
    hugo = (roots["hugo"] / "content/posts" / f"{slugs[3]}.md").read_text("utf-8")
    assert '{{< relref "' in hugo


def test_benchmark_runs_and_prints_one_table(tmp_path: Path) -> None:
    results = tmp_path / "results.json"
    run = subprocess.run(
        [
            *(sys.executable, str(RUNNER), "--sizes", "20", "--runs", "1"),
            *("--work", str(tmp_path / "work"), "--json", str(results)),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    print(run.stdout)
    assert run.returncode == 0, run.stderr[-3000:]

    lines = [line for line in run.stdout.splitlines() if line.startswith("|")]
    assert len(lines) == 2 + len(SITES), "one table: header, rule, one row per site"
    header = [cell.strip() for cell in lines[0].strip("|").split("|")]
    assert header == COLUMNS
    rows = {}
    for line in lines[2:]:
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        assert len(cells) == len(COLUMNS), line
        rows[cells[0]] = dict(zip(COLUMNS, cells, strict=True))
    assert list(rows) == SITES
    for label, row in rows.items():
        assert row["essays"] == "20"
        pages = int(row["pages"].replace(",", ""))
        assert pages > 20, (label, pages)  # the essays and at least a home page
        median, low, high = (float(row[c]) for c in ("wall s (median)", "min", "max"))
        assert 0 < low <= median <= high
        assert float(row["ms/page"]) > 0 and float(row["peak MiB"]) > 0
        assert re.fullmatch(r"[\d,]+ \(\S+\)", row["largest listing KB"]), row
        assert row["growth"] == ""  # a single size: nothing to grow from
    essays = rows["(c) mkdocs-essays"]
    assert re.fullmatch(r"\d+\.\d\dx", essays["(c)/(a) per page"])
    assert re.fullmatch(r"\d+\.\d\dx", essays["(c)/(b) total"])
    assert re.fullmatch(r"\d+\.\d%", essays["hooks"])
    assert re.fullmatch(r"\d+\.\d%", essays["map"])  # the knowledge map's share (issue 13)
    assert re.fullmatch(r"\d+\.\d%", essays["similarity"])  # related cards, essays, topics
    assert "similarity work <= 5% of the build at N = 20" in run.stdout  # (issue 22)
    assert "Targets:" in run.stdout and "per output page (c) <= 1.15x (a)" in run.stdout
    assert "largest listing page at N = 20 <= 300 KB" in run.stdout

    payload = json.loads(results.read_text("utf-8"))
    assert [(r["site"], r["n"], len(r["runs"])) for r in payload["results"]] == [
        ("plain", 20, 1),
        ("blog", 20, 1),
        ("essays", 20, 1),
        ("hugo", 20, 1),
    ]


SERVE = REPO / "tests" / "benchmarks" / "serve_rebuild.py"


def test_serve_rebuild_runs_and_prints_its_tables(tmp_path: Path) -> None:
    """The real ``mkdocs serve`` on a small corpus: each kind of edit is saved, seen and its wait
    measured; saves in a row report their waits and the server's memory; a second build and
    a server started on the records on disk are timed; the corpus is left as it was written."""
    run = subprocess.run(
        [
            *(sys.executable, str(SERVE), "--sizes", "5", "--rounds", "1"),
            *("--churn", "3", "--warm", "--work", str(tmp_path)),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    print(run.stdout)
    assert run.returncode == 0, run.stdout + run.stderr[-3000:]
    rows = [
        [cell.strip() for cell in line.strip("|").split("|")]
        for line in run.stdout.splitlines()
        if line.startswith("| 5 |")
    ]
    waits = {row[1]: row[2:] for row in rows if not row[1].startswith("(") and len(row) == 6}
    assert list(waits) == [
        *("word", "shared word", "tag added", "tag removed", "section renamed", "new essay"),
        *("deleted essay", "renamed file"),
    ], rows
    for saves, median, low, high in waits.values():
        assert saves == "1" and 0 < float(low) <= float(median) <= float(high)
    warm = [row for row in rows if len(row) == 7 and row[3].endswith("%")]
    assert len(warm) == 1, rows  # (a second build and a serve start on the records on disk)
    assert all(float(cell) > 0 for cell in (warm[0][1], warm[0][2], warm[0][4], warm[0][5]))
    churn = [row for row in rows if len(row) == 7 and not row[3].endswith("%")]
    assert len(churn) == 1 and churn[0][1] == "3", rows
    rebuilt = [row for row in rows if row[1] == "(MkDocs' rebuilds)"]
    counted = re.fullmatch(r"(\d+) \((\d+) timed\)", rebuilt[0][2]) if rebuilt else None
    assert counted is not None, rows
    # (every save rebuilt the site: 7 kinds and 3 in a row; a time MkDocs logged before is
    # not logged again, so fewer may be timed)
    assert int(counted[1]) >= 10 and 0 < int(counted[2]) <= int(counted[1]), rebuilt
    assert all(float(cell) > 0 for cell in churn[0][2:]), churn
    posts = tmp_path / "serve-n5" / "essays" / "docs" / "posts"
    assert sorted(p.name for p in posts.glob("*.md")) == sorted(
        f"{e.slug}.md" for e in corpus.essays(5)
    ), "the new essay is gone, the renamed file has its name back"
    target = posts / f"{corpus.essays(5)[2].slug}.md"
    assert "Saved edit" not in target.read_text("utf-8"), "the edited essay is as written"
    partner = posts / f"{corpus.essays(5)[1].slug}.md"
    assert "quexling" not in partner.read_text("utf-8"), "the other essay is as written"


DIGEST = REPO / "tests" / "benchmarks" / "digest.py"


def test_digest_of_a_build_is_the_same_twice_and_names_what_differs(tmp_path: Path) -> None:
    """``digest.py`` is how a refactor proves it changes no output: two builds of the same code
    give the same digest, and a changed file is named."""
    first = tmp_path / "first.json"
    run = subprocess.run(
        [sys.executable, str(DIGEST), "--sites", "seed", "--json", str(first)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stdout + run.stderr[-3000:]
    files = json.loads(first.read_text("utf-8"))["seed"]
    assert "index.html" in files and "patterns/cards.json" in files
    again = subprocess.run(
        [sys.executable, str(DIGEST), "--sites", "seed", "--against", str(first)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert again.returncode == 0 and "seed: identical" in again.stdout, again.stdout
    files["index.html"] = "0" * 64
    first.write_text(json.dumps({"seed": files}), "utf-8")
    changed = subprocess.run(
        [sys.executable, str(DIGEST), "--sites", "seed", "--against", str(first)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert changed.returncode == 1 and "1 files differ" in changed.stdout, changed.stdout
    assert "  index.html" in changed.stdout
