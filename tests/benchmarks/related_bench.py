"""CPU seconds of the related-card ranking (``cards/related.py``) on the benchmark's corpus.

    python tests/benchmarks/related_bench.py                # N = 1000 essays, best of 3
    python tests/benchmarks/related_bench.py --essays 3000 --runs 5
    python tests/benchmarks/related_bench.py --profile rel.prof
    python tests/benchmarks/related_bench.py --documents cards.pickle  # Documents of a real build

The cards are made from ``corpus.py``'s essays as the plugin makes them: one card per H2
section (its heading as title, its paragraphs, list and links as plain text, Markdown markup
removed), grouped by essay, tagged ``tags:<slug>``. ``--documents`` reads a pickled
``(documents, pool)`` pair of :class:`~mkdocs_essays.cards.related.Document` lists instead
(what ``Cards.related`` passes to ``rank`` in a real build).

Printed: cards, CPU seconds (``time.process_time``) of ``RelatedIndex(pool)``, of ranking every
card (``index.related(d, 5)``) and of both, best of ``--runs``, and a sha256 digest of every
card's ranked ids in order, which must not change when the ranking is only made faster. The
content cache is cleared before each run, so every run counts its words again, as the first
build does.
"""

from __future__ import annotations

import argparse
import cProfile
import hashlib
import pickle
import re
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import corpus  # noqa: E402
from mkdocs_essays.cards.related import Document, RelatedIndex  # noqa: E402

LIMIT = 5  # cards/feature.py's RELATED

_MARKUP = re.compile(r"\[([^\]]*)\]\([^)]*\)|[`*]")


def _plain(markdown: str) -> str:
    return _MARKUP.sub(lambda m: m.group(1) or "", markdown)


def documents_of(n: int) -> list[Document]:
    essays = corpus.essays(n)
    documents = []
    for e in essays:
        group = f"posts/{e.slug}.md"
        tags = tuple(f"tags:{re.sub(r'[^a-z0-9]+', '-', t.lower())}" for t in e.tags)
        for number, (heading, paragraphs) in enumerate(e.sections):
            parts = list(paragraphs)
            if number == 1:
                parts.append("\n".join(e.items))
            if number == 2 and e.links:
                parts.append("See also " + ", ".join(essays[j].title for j in e.links) + ".")
            anchor = re.sub(r"[^a-z0-9]+", "-", heading.lower()).strip("-")
            text = _plain("\n".join(parts))
            documents.append(Document(f"{e.slug}/{anchor}", group, tags, heading, text))
    return documents


def result_digest(ranked: dict[str, list[str]]) -> str:
    hasher = hashlib.sha256()
    for card_id, ids in ranked.items():
        hasher.update(repr((card_id, ids)).encode())
    return hasher.hexdigest()


def run(documents: list[Document], pool: list[Document]) -> tuple[float, float, dict]:
    start = time.process_time()
    index = RelatedIndex(pool)
    built = time.process_time()
    ranked = {d.id: index.related(d, LIMIT) for d in documents}
    done = time.process_time()
    return built - start, done - built, ranked


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--essays", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--documents", type=Path, help="a pickled (documents, pool) pair")
    parser.add_argument("--profile", type=Path, help="dump cProfile stats of one more run")
    args = parser.parse_args()

    if args.documents:
        with args.documents.open("rb") as handle:
            documents, pool = pickle.load(handle)
        source = str(args.documents)
    else:
        documents = pool = documents_of(args.essays)
        source = f"{args.essays} essays of corpus.py"
    timings = [run(documents, pool) for _ in range(args.runs)]
    digests = {result_digest(ranked) for _, _, ranked in timings}
    index_s = min(t[0] for t in timings)
    rank_s = min(t[1] for t in timings)
    total_s = min(t[0] + t[1] for t in timings)
    print(f"{source}: {len(documents)} cards, pool {len(pool)}, best of {args.runs}")
    print(f"index  {index_s:.3f} CPU s")
    print(f"rank   {rank_s:.3f} CPU s ({rank_s / len(documents) * 1e6:.0f} us a card)")
    print(f"total  {total_s:.3f} CPU s")
    print(f"digest {' '.join(sorted(digests))}")
    if args.profile:
        profiler = cProfile.Profile()
        profiler.runcall(run, documents, pool)
        profiler.dump_stats(args.profile)
        print(f"profile {args.profile}")


if __name__ == "__main__":
    main()
