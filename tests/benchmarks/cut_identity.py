"""Compare ``cards/html.py`` with the one of another commit, output by output, on hostile HTML.

    PYTHONPATH=<worktree>/plugin python tests/benchmarks/cut_identity.py [--rev main] [-n 3000]

The other version is read with ``git show REV:plugin/mkdocs_essays/cards/html.py`` and loaded
beside the package (same imports). Bodies are random sequences of pieces of HTML, well
formed and broken (unclosed comments and tags, stray end tags, ``<![``, scripts, footnotes,
entities, line breaks), built by Hypothesis; for each, every top-level heading's card is cut
as ``Cards.essay_html`` cuts it, and everything is compared: headings, section HTML, text,
lead, links, ids, rebased HTML, wrapper, and the free functions (``Fragment.parse``,
``links_of``, ``lead_of``, ``rebase``, ``ids_in``) on the body itself. Prints the number of
bodies compared and the first difference, if any (a script that prints, not a test).
"""

from __future__ import annotations

import argparse
import importlib.util
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PIECES = [
    "<div>",
    "</div>",
    "<p>",
    "</p>",
    "<ul>",
    "</ul>",
    "<li>",
    "</li>",
    "<ol>",
    "</ol>",
    "<table>",
    "<tr>",
    "<td>",
    "</td>",
    "</table>",
    "<span>",
    "</span>",
    "<section>",
    "</section>",
    '<h2 id="a">',
    "</h2>",
    '<h2 id="b">B <a class="headerlink" href="#b">¶</a></h2>',
    '<h3 id="c">C</h3>',
    "<h1>T</h1>",
    "<script>",
    "</script>",
    "<style>p>a{}</style>",
    "<!-- c -->",
    "<!--",
    "-->",
    "--!>",
    "<!x>",
    "<!DOCTYPE html>",
    "<?pi x?>",
    "<![CDATA[ d ]]>",
    "<![foo",
    "<![",
    "]>",
    "<br>",
    "</br>",
    "</>",
    "<div/>",
    "<svg><path d='M0'/></svg>",
    "<svg>",
    "</svg>",
    '<img src="i.png">',
    '<img src="i.png"/>',
    "<",
    ">",
    "< p>",
    "</ p>",
    "<a href='x",
    '<div class="x" ',
    '"',
    "'",
    "&amp;",
    "&",
    "&#",
    "&#60;",
    "&lt;",
    "&nbsp",
    "words here. ",
    "E.g. not. Next one! ",
    "\n",
    "\r\n",
    "\t",
    '<sup id="fnref:1"><a class="footnote-ref" href="#fn:1">1</a></sup>',
    '<sup id="fnref:2"><a class="footnote-ref" href="#fn:2">2</a></sup>',
    '<div class="footnote"><hr /><ol><li id="fn:1"><p>Note <code>x</code>&#160;'
    '<a class="footnote-backref" href="#fnref:1">&#8617;</a></p></li>'
    '<li id="fn:2"><div class="highlight"><pre><code>code</code></pre></div></li></ol></div>',
    '<div class="footnote"><ol><li id="fn:3">Three<sup><a class="footnote-ref" '
    'href="#fn:1">1</a></sup></li>',
    '<li id="fn:1">',
    "<pre><code>",
    "</code></pre>",
    "<details><summary>s</summary>",
    "</details>",
    '<a href="../x/">',
    '<a href="#a">',
    '<a href="#fn:1" class="footnote-ref">',
    '<a href="https://example.com/">',
    '<a href="/abs/">',
    '<a href="y.md#q">',
    "</a>",
    '<div class="admonition note"><p class="admonition-title">Note</p>',
    "<textarea>",
    "</textarea>",
    "<template>t</template>",
    "<p id='i' class>",
    "<b\nclass='m'\n>",
]


def load(rev: str):  # type: ignore[no-untyped-def]
    """The ``cards/html.py`` of ``rev``, as a module of the package on ``sys.path``."""
    text = subprocess.run(
        ["git", "show", f"{rev}:plugin/mkdocs_essays/cards/html.py"],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
        timeout=60,
    ).stdout
    import mkdocs_essays.cards as package

    path = Path(package.__path__[0]) / "_baseline_html.py"
    path.write_text(text, encoding="utf-8")
    try:
        spec = importlib.util.spec_from_file_location("mkdocs_essays.cards._baseline_html", path)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module
        spec.loader.exec_module(module)
    finally:
        path.unlink()
    return module


def outputs(module, body: str) -> list:  # type: ignore[no-untyped-def]
    out: list = []
    parsed = module.EssayBody(body)
    out.append([(h.level, h.id, h.text, h.start, h.end) for h in parsed.headings])
    out.append((parsed.tokens, parsed.stop, parsed.containers))
    for index in range(len(parsed.headings)):
        fragment = parsed.section(index)
        ids = fragment.ids
        out.append(
            (
                fragment.html,
                fragment.text,
                fragment.lead(limit=40),
                fragment.links("posts/e/", local_ids=ids),
                sorted(ids),
                fragment.rebase("posts/e/", "cards/e/c/", local_ids=ids),
                fragment.wrapper(),
                fragment.match,
            )
        )
        out.append(module.section_of(body, parsed.headings, index))
    out.append(module.Fragment.parse(body).html)
    out.append(module.links_of(body, "posts/e/", local_ids={"a"}))
    out.append(module.lead_of(body))
    out.append(module.rebase(body, "posts/e/", "cards/e/c/", local_ids={"b"}))
    out.append(sorted(module.ids_in(body)))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--rev", default="main", help="the commit to compare with (main)")
    parser.add_argument("-n", type=int, default=3000, help="random bodies (3000)")
    args = parser.parse_args()
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st
    from mkdocs_essays.cards import html as current

    baseline = load(args.rev)
    compared = [0]

    def same(body: str) -> None:
        new, old = outputs(current, body), outputs(baseline, body)
        if new != old:
            for a, b in zip(new, old, strict=False):
                if a != b:
                    print(f"DIFFERENT for {body!r}:\n  new {a!r}\n  old {b!r}")
                    break
            raise SystemExit(1)
        compared[0] += 1

    bodies = st.lists(st.sampled_from(PIECES), max_size=80).map("".join)
    framed = bodies.map(lambda b: '<h2 id="top">Top</h2>' + b + '<h2 id="end">E</h2><p>x</p>')

    @settings(
        max_examples=args.n,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(st.one_of(bodies, framed, st.text(max_size=200)))
    def check(body: str) -> None:
        same(body)

    check()
    print(f"{compared[0]} bodies: every output the same as {args.rev}'s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
