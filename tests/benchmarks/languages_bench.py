"""What a site in N languages costs: the same essays in 1, 2 and 4 languages (issue 21).

    python tests/benchmarks/languages_bench.py [--essays 100] [--runs 3]

Each language is a MkDocs build of its own (``languages/sites.py``), so a site in N languages
should take about N times one language. The corpus is the benchmark's (``corpus.py``): the
default language's essays as ``posts/<slug>.md``, each other language's as
``posts/<slug>.<code>.md`` (the same text: the cost does not depend on the words). Prints,
for each site, the median wall time of ``mkdocs build`` (a fresh process each run) and its
ratio to the site in one language. No time is asserted.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus
import run
import yaml

CODES = ["en", "fr", "de", "pt-br"]


def write(root: Path, essays: list[corpus.Essay], languages: int) -> None:
    corpus.write_essays(root, essays)
    config = yaml.safe_load((root / "mkdocs.yml").read_text("utf-8"))
    others = CODES[1:languages]
    config["plugins"] = ["search", {"essays": {"languages": others}}]
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), "utf-8")
    posts = root / "docs" / "posts"
    for code in others:
        for page in sorted(posts.glob("*.md")):
            if page.stem.count(".") == 0:
                (posts / f"{page.stem}.{code}.md").write_bytes(page.read_bytes())
        (root / "docs" / f"index.{code}.md").write_bytes((root / "docs" / "index.md").read_bytes())


def build(root: Path) -> float:
    return run.timed_build(root, 3600)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--essays", type=int, default=100)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    essays = corpus.essays(args.essays)
    print(f"{args.essays} essays per language, median of {args.runs} runs")
    print("| languages | pages written | wall s | × one language | s per language |")
    print("| --- | --- | --- | --- | --- |")
    one = None
    for count in (1, 2, 4):
        with tempfile.TemporaryDirectory() as folder:
            root = Path(folder)
            write(root, essays, count)
            median = statistics.median(build(root) for _ in range(args.runs))
            pages = sum(1 for _ in (root / "site").rglob("*.html"))
        one = one or median
        print(f"| {count} | {pages} | {median:.1f} | {median / one:.2f} | {median / count:.1f} |")


if __name__ == "__main__":
    main()
