"""Time the cutting of essays into pattern-card sections (``cards/html.py``), as
``Cards.essay_html`` does it, on the exact bodies a real build passes to it.

    python tests/benchmarks/cut_bench.py --capture -n 1000 --work /tmp/cut  # once
    python tests/benchmarks/cut_bench.py --work /tmp/cut                    # time it

``--capture`` writes the benchmark's essays site (``corpus.py``) at N essays, builds it once
in this process with MkDocs, and records for every call of ``Cards.essay_html`` the body it
cut and, for each card, the heading index and the two URLs its links were pointed between.
Richer essays are added (``EXTRA``: footnotes, admonitions, code, tables, raw HTML, nested
lists, rendered with Python-Markdown and the extensions the tests use) so the digest covers
more than generated prose.

Without ``--capture`` it replays the record with the ``mkdocs_essays`` on ``sys.path`` (run
it with ``PYTHONPATH=<worktree>/plugin``): for each body ``EssayBody``, then per card
``section``, ``text``, ``lead``, ``links``, ``ids``, ``rebase`` and ``wrapper``, as
``essay_html`` calls them. It prints CPU seconds (best of ``--repeat``) and a digest of every
output, to compare two versions of the code (the same digest: byte-identical output).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import pickle
import shutil
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

EXTRA_MARKDOWN = """\
Intro with a footnote[^a] and *emphasis* and a [link](other.md#x "t").

## First section {#first}

Text with a note[^b] and <span class="raw">raw <b>HTML</b></span> & an entity &amp; more.

!!! note "An admonition"
    Inside it, a footnote[^a] again and a list:

    - one
    - two with `code`

```python
def f(x):
    return x < 3 and "<div>"
```

| a | b |
|---|---|
| 1 | <br/> |

<div markdown="1" class="box">
### Inside a div

Some *text*.
</div>

## Second section

1. First item
    - nested [link](../up/)
    - `x < y`
2. Second item[^c]

<!-- a comment -->

### A sub-section

Text before the end. e.g. this is not a sentence end. Another one!

<details><summary>More</summary>
<p>hidden</p>
</details>

## Third: <em>strange</em> &lt;title&gt;

<svg><circle r="1"/><path d="M0"/></svg> and <img src="pic.png" alt="p"> done.
<p>An unclosed paragraph <div>then a div</p> and a stray </span> end.

[^a]: Note A with a [link](https://example.com/) and a ref to B[^b].
[^b]: Note B.

    With a second paragraph.
[^c]: Note C.
"""


def extra_bodies() -> list[str]:
    import markdown

    md = markdown.Markdown(
        extensions=[
            "toc",
            "attr_list",
            "admonition",
            "footnotes",
            "tables",
            "md_in_html",
            "pymdownx.details",
            "pymdownx.superfences",
        ],
        extension_configs={"toc": {"permalink": True}},
    )
    bodies = []
    for n in (1, 3, 10):
        md.reset()
        bodies.append(md.convert(EXTRA_MARKDOWN * n))
    return bodies


def capture(n: int, work: Path) -> None:
    import corpus

    root = corpus.write_sites(work / f"site-n{n}", n, ("essays",))["essays"]
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.__main__ import cli
    from mkdocs_essays.cards import feature, html

    record: list[tuple[str, str, list[tuple[int, str, str]]]] = []
    current: list[tuple[int, str, str]] = []
    cut: list[int] = []
    original_essay_html = feature.Cards.essay_html
    original_section = html.EssayBody.section
    original_rebase = html.Fragment.rebase

    def essay_html(self, essay, page_html, page_url):  # type: ignore[no-untyped-def]
        current.clear()
        rendered = self.views.rendered.get(essay.src_uri)
        body = rendered.html if rendered is not None else page_html
        out = original_essay_html(self, essay, page_html, page_url)
        if current:
            record.append((body, page_url, list(current)))
        return out

    def section(self, index):  # type: ignore[no-untyped-def]
        cut.append(index)
        return original_section(self, index)

    def rebase(self, essay_url, card_url, *, local_ids):  # type: ignore[no-untyped-def]
        current.append((cut[-1], essay_url, card_url))
        return original_rebase(self, essay_url, card_url, local_ids=local_ids)

    feature.Cards.essay_html = essay_html
    html.EssayBody.section = section
    html.Fragment.rebase = rebase
    # (every essay rendered: records an earlier run left would leave them out of the build)
    shutil.rmtree(root / ".cache" / "mkdocs-essays", ignore_errors=True)
    cwd = os.getcwd()
    os.chdir(root)
    try:
        argv = ["build", "--quiet", "--config-file", "mkdocs.yml", "--site-dir", "site"]
        cli.main(argv, prog_name="mkdocs", standalone_mode=False)
    finally:
        os.chdir(cwd)
    for body in extra_bodies():
        headings = html.page_headings(body)
        cards = [(i, "posts/extra/", f"cards/extra/{i}/") for i in range(len(headings))]
        record.append((body, "posts/extra/", cards))
    with open(work / "essays.pickle", "wb") as out:
        pickle.dump(record, out)
    size = sum(len(body) for body, _, _ in record)
    print(f"recorded {len(record)} bodies ({size:,} characters) in {work / 'essays.pickle'}")


def replay(record: list, digest: hashlib._Hash | None, module=None) -> None:  # type: ignore[no-untyped-def]
    if module is None:
        from mkdocs_essays.cards import html as module
    EssayBody = module.EssayBody

    for body, page_url, cards in record:
        parsed = EssayBody(body)
        headings = parsed.headings
        for index, essay_url, card_url in cards:
            fragment = parsed.section(index)
            text = fragment.text
            ids = fragment.ids
            page = fragment.rebase(essay_url, card_url, local_ids=ids)
            lead = fragment.lead(limit=40)
            links = fragment.links(page_url, local_ids=ids)
            wrapper = fragment.wrapper()
            if digest is not None:
                heading = headings[index]
                for part in (heading.id, heading.text, str(heading.end), page, lead, text):
                    digest.update(part.encode("utf-8", "surrogatepass") + b"\x00")
                digest.update(repr((links, sorted(ids), wrapper)).encode() + b"\x00")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--work", type=Path, default=Path("/tmp/cut-bench"))
    parser.add_argument("--capture", action="store_true", help="build the site and record")
    parser.add_argument("-n", type=int, default=1000, help="essays in the site (--capture)")
    parser.add_argument("--repeat", type=int, default=5, help="timed replays (best is shown)")
    parser.add_argument("--profile", action="store_true", help="one replay under cProfile")
    parser.add_argument(
        "--against",
        metavar="REV",
        help="also time cards/html.py of this commit, replays taking turns (a fairer "
        "comparison on a busy machine), and compare the digests",
    )
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    if args.capture:
        capture(args.n, args.work)
        return 0
    with open(args.work / "essays.pickle", "rb") as source:
        record = pickle.load(source)
    import mkdocs_essays

    cards = sum(len(c) for _, _, c in record)
    print(f"{len(record)} bodies, {cards} cards; mkdocs_essays from {mkdocs_essays.__file__}")
    digest = hashlib.sha256()
    replay(record, digest)
    print(f"digest of every output: {digest.hexdigest()}")
    if args.profile:
        import cProfile
        import pstats

        profiler = cProfile.Profile()
        profiler.enable()
        replay(record, None)
        profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(30)
    modules = {"this": None}
    if args.against:
        from cut_identity import load

        modules[args.against] = baseline = load(args.against)
        other = hashlib.sha256()
        replay(record, other, baseline)
        same = "the same" if other.digest() == digest.digest() else "DIFFERENT"
        print(f"digest of {args.against}'s outputs: {other.hexdigest()} ({same})")
    times: dict[str, list[float]] = {name: [] for name in modules}
    for _ in range(args.repeat):
        for name, module in modules.items():
            start = time.process_time()
            replay(record, None, module)
            times[name].append(time.process_time() - start)
    for name, runs in times.items():
        shown = ", ".join(f"{t:.3f}" for t in runs)
        print(f"{name}: CPU seconds per replay: best {min(runs):.3f} (runs: {shown})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
