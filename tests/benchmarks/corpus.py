"""A deterministic corpus of essays, written as four equivalent sites for the benchmark.

``write_sites(root, n)`` writes, under ``root``:

- ``plain/``: plain Material for MkDocs, the essays as ordinary pages (YAML meta, short nav);
- ``blog/``: Material's built-in ``blog`` and ``tags`` plugins on the same essays
  (``docs/blog/posts``, ``date``, ``slug``, the tags as ``tags`` and as blog ``categories``, so
  the blog makes one page per tag as the essays plugin does, and a tags index);
- ``essays/``: mkdocs-essays, the essays with TOML front matter in ``docs/posts``;
- ``hugo/``: the same essays built by Hugo with minimal layouts (the speed anchor).

Essay ``i`` depends only on ``i`` (its own random generator, links only to earlier essays), so
the corpus of 1,000 essays is the first 1,000 essays of the corpus of 3,000. Each essay has
4-6 H2 sections of about 1,000 words in all, a bulleted list, 2-5 tags from a pool of 60
(some much more used than others, as in a real collection), a summary divider after its first
paragraph and 1-3 links to other essays.
"""

from __future__ import annotations

import random
import re
import shutil
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import yaml

SITES = ("plain", "blog", "essays", "hugo")
SEED = 20250103
WORDS_PER_ESSAY = 1000
START = datetime(2012, 1, 2, 9, 0, tzinfo=UTC)

_WORDS = """
ability access account action adoption agent algorithm analysis answer approach architecture
attention balance baseline batch behaviour benchmark boundary budget buffer cache capability
careful change channel choice claim cluster coherent collect common compare complex compute
confidence context contract control cost coverage craft culture cycle data debt decision
default deliberate demand dependency deploy design detail develop device diagram direction
discipline distance document domain draft durable effect effort embedding engine error
estimate evaluate evidence example experiment explain factor failure feature feedback field
filter focus format foundation frame function future gateway goal gradient growth guidance
habit handle hardware history honest human hypothesis idea impact improve incident index
inference input insight interface iterate judgement kernel knowledge label language latency
layer learning lesson level library limit local logic loop machine maintain market measure
memory method metric migrate model module moment network notion observe operate option order
outcome output owner pattern people perspective pipeline plan platform policy practice
precise predict pressure principle priority process product progress prompt protocol prototype
quality question queue reason recall record reduce refine release reliable repeat request
research resource result retrieval review risk robust routine runtime sample scale schedule
scope search secure segment signal simple skill source space stable stage standard state
strategy stream structure student style support surface system table target task team
technique tension test theory thread threshold token tool trace trade training transfer trust
tuning update usage user value vector version vision weight window workflow writing
""".split()  # noqa: SIM905 (a word list reads better as text)

_TAG_WORDS = """
AI Agents Architecture Benchmarks Careers Caching Compilers Culture Data Databases Design
Distributed Documentation Education Embeddings Ethics Evaluation Fine-tuning Frontend Hardware
Hiring Inference Infrastructure Interfaces Kubernetes Latency Leadership Learning LLM Management
Markets Memory Metrics Mobile Networking Observability Open-source Performance Planning
Privacy Product Productivity Prompting Python RAG Reading Research Retrieval Robotics Rust
Scaling Search Security Startups Strategy Teams Testing Tooling Vision Writing
""".split()  # noqa: SIM905


@dataclass(frozen=True)
class Essay:
    index: int
    slug: str
    title: str
    date: datetime
    tags: tuple[str, ...]
    links: tuple[int, ...]
    intro: str
    sections: tuple[tuple[str, tuple[str, ...]], ...]
    items: tuple[str, ...]


def tag_pool() -> list[str]:
    """The 60 tags, used with weights 1/rank (a few large tags, a long tail)."""
    assert len(_TAG_WORDS) == 60, len(_TAG_WORDS)
    return list(_TAG_WORDS)


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(_WORDS) for _ in range(rng.randint(8, 18))]
    roll = rng.random()
    if roll < 0.15:
        at = rng.randrange(len(words))
        words[at] = f"`{words[at]}`"
    elif roll < 0.3:
        at = rng.randrange(len(words))
        words[at] = f"**{words[at]}**"
    elif roll < 0.36:
        at = rng.randrange(len(words))
        words[at] = f"[{words[at]}](https://example.com/{words[at]}/)"
    return " ".join(words).capitalize() + "."


def _paragraph(rng: random.Random, words: int) -> str:
    sentences: list[str] = []
    count = 0
    while count < words:
        sentence = _sentence(rng)
        sentences.append(sentence)
        count += len(sentence.split())
    return " ".join(sentences)


def _phrase(rng: random.Random, low: int, high: int) -> str:
    return " ".join(rng.choice(_WORDS) for _ in range(rng.randint(low, high))).title()


def essay(index: int) -> Essay:
    """Essay number ``index`` (0-based): the same whatever the size of the corpus."""
    rng = random.Random(SEED * 1_000_003 + index)
    title = _phrase(rng, 3, 6)
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-") + f"-{index:05d}"
    date = START + timedelta(hours=29 * index + rng.randint(0, 20))
    pool = tag_pool()
    weights = [1 / (rank + 1) for rank in range(len(pool))]
    tags: list[str] = []
    wanted = rng.randint(2, 5)
    while len(tags) < wanted:
        tag = rng.choices(pool, weights)[0]
        if tag not in tags:
            tags.append(tag)
    links = tuple(sorted({rng.randrange(index) for _ in range(rng.randint(1, 3))})) if index else ()
    n_sections = rng.randint(4, 6)
    per_section = WORDS_PER_ESSAY // n_sections
    intro = _paragraph(rng, 50)
    sections = []
    for _ in range(n_sections):
        paragraphs = []
        left = per_section
        while left > 20:
            size = min(left, rng.randint(60, 110))
            paragraphs.append(_paragraph(rng, size))
            left -= size
        sections.append((_phrase(rng, 2, 5), tuple(paragraphs)))
    items = tuple(_phrase(rng, 2, 6) for _ in range(rng.randint(3, 5)))
    return Essay(index, slug, title, date, tuple(tags), links, intro, tuple(sections), items)


def essays(n: int) -> list[Essay]:
    return [essay(i) for i in range(n)]


def body(e: Essay, corpus: list[Essay], link: str, more: str) -> str:
    """The Markdown body: intro, summary divider, sections; ``link`` formats a link target
    from the other essay's slug (``{slug}.md``, or a Hugo ``relref``)."""
    parts = [e.intro, more]
    for number, (heading, paragraphs) in enumerate(e.sections):
        parts.append(f"## {heading}")
        parts.extend(paragraphs)
        if number == 1:
            parts.append("\n".join(f"- {item}" for item in e.items))
        if number == 2 and e.links:
            others = [corpus[j] for j in e.links]
            refs = ", ".join(f"[{o.title}]({link.format(slug=o.slug)})" for o in others)
            parts.append(f"See also {refs}.")
    return "\n\n".join(parts) + "\n"


# -- the four sites ------------------------------------------------------------------------------

MARKDOWN_EXTENSIONS: list = [
    {"toc": {"permalink": True}},
    "attr_list",
    "admonition",
    "pymdownx.details",
    "pymdownx.superfences",
]


def _mkdocs_yml(root: Path, **settings: object) -> None:
    config = {
        "site_name": "Essays",
        "site_url": "https://example.org/",
        "theme": {"name": "material"},
        **settings,
        "markdown_extensions": MARKDOWN_EXTENSIONS,
    }
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _yaml_meta(meta: dict) -> str:
    return "---\n" + yaml.safe_dump(meta, sort_keys=False, allow_unicode=True) + "---\n\n"


def _toml_string(value: str) -> str:
    return "'" + value + "'"  # titles and tags hold no quotes


def _toml_meta(e: Essay) -> str:
    tags = ", ".join(_toml_string(t) for t in e.tags)
    return (
        "+++\n"
        f"title = {_toml_string(e.title)}\n"
        f"date = {e.date.strftime('%Y-%m-%dT%H:%M:%SZ')}\n"
        "draft = false\n"
        f"tags = [{tags}]\n"
        "+++\n\n"
    )


HOME = "# Essays\n\nNotes on building things, one essay at a time.\n"


def write_plain(root: Path, corpus: list[Essay]) -> None:
    _mkdocs_yml(root, plugins=["search"], nav=[{"Home": "index.md"}, {"Essays": "posts/index.md"}])
    _write(root / "docs" / "index.md", HOME)
    listing = "\n".join(
        f"- [{e.title}]({e.slug}.md) ({e.date:%B %-d, %Y})" for e in reversed(corpus)
    )
    _write(root / "docs" / "posts" / "index.md", f"# Essays\n\n{listing}\n")
    for e in corpus:
        meta = {"title": e.title, "date": e.date.date(), "tags": list(e.tags)}
        _write(
            root / "docs" / "posts" / f"{e.slug}.md",
            _yaml_meta(meta) + body(e, corpus, "{slug}.md", "<!--more-->"),
        )


def write_blog(root: Path, corpus: list[Essay]) -> None:
    _mkdocs_yml(
        root,
        plugins=["search", "blog", "tags"],
        nav=[{"Home": "index.md"}, {"Blog": "blog/index.md"}, {"Tags": "tags.md"}],
    )
    _write(root / "docs" / "index.md", HOME)
    _write(root / "docs" / "blog" / "index.md", "# Blog\n")
    _write(root / "docs" / "tags.md", "# Tags\n\n<!-- material/tags -->\n")
    for e in corpus:
        meta = {
            "title": e.title,
            "date": e.date.date(),
            "slug": e.slug,
            "categories": list(e.tags),
            "tags": list(e.tags),
        }
        _write(
            root / "docs" / "blog" / "posts" / f"{e.slug}.md",
            _yaml_meta(meta) + body(e, corpus, "{slug}.md", "<!-- more -->"),
        )


def write_essays(root: Path, corpus: list[Essay]) -> None:
    _mkdocs_yml(
        root,
        plugins=["search", "essays"],
        nav=[{"Home": "index.md"}, {"Essays": "posts/index.md"}],
    )
    _write(root / "docs" / "index.md", HOME)
    for e in corpus:
        _write(
            root / "docs" / "posts" / f"{e.slug}.md",
            _toml_meta(e) + body(e, corpus, "{slug}.md", "<!--more-->"),
        )


HUGO_CONFIG = """\
baseURL = 'https://example.org/'
title = 'Essays'
summaryLength = 70
[taxonomies]
  tag = 'tags'
[markup.tableOfContents]
  startLevel = 2
  endLevel = 3
"""

HUGO_LAYOUTS = {
    "baseof.html": """\
<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>{{ .Title }} - {{ site.Title }}</title></head>
<body>
<nav><a href="{{ site.Home.RelPermalink }}">Home</a>
{{ with site.GetPage "/posts" }}<a href="{{ .RelPermalink }}">Essays</a>{{ end }}
<a href="{{ "tags/" | relURL }}">Tags</a></nav>
<main>{{ block "main" . }}{{ end }}</main>
</body>
</html>
""",
    "page.html": """\
{{ define "main" }}
<article>
<h1>{{ .Title }}</h1>
<p><time>{{ .Date.Format "January 2, 2006" }}</time> · {{ .ReadingTime }} min read</p>
<p>{{ range .GetTerms "tags" }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ end }}</p>
<aside>{{ .TableOfContents }}</aside>
{{ .Content }}
</article>
{{ end }}
""",
    "list.html": """\
{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ .Content }}
<ul>
{{ range .Pages }}
<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a>
{{ if .IsPage }}<time>{{ .Date.Format "January 2, 2006" }}</time><p>{{ .Summary }}</p>{{ end }}
</li>
{{ end }}
</ul>
{{ end }}
""",
    "home.html": """\
{{ define "main" }}
{{ .Content }}
<h2>Latest essays</h2>
<ul>
{{ range first 5 (where site.RegularPages "Section" "posts") }}
<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a><p>{{ .Summary }}</p></li>
{{ end }}
</ul>
{{ end }}
""",
}


def write_hugo(root: Path, corpus: list[Essay]) -> None:
    _write(root / "hugo.toml", HUGO_CONFIG)
    for name, text in HUGO_LAYOUTS.items():
        _write(root / "layouts" / name, text)
    _write(
        root / "content" / "_index.md", "+++\ntitle = 'Essays'\n+++\n\n" + HOME.split("\n", 2)[2]
    )
    _write(root / "content" / "posts" / "_index.md", "+++\ntitle = 'Essays'\n+++\n")
    for e in corpus:
        _write(
            root / "content" / "posts" / f"{e.slug}.md",
            _toml_meta(e) + body(e, corpus, '{{{{< relref "{slug}.md" >}}}}', "<!--more-->"),
        )


WRITERS = {"plain": write_plain, "blog": write_blog, "essays": write_essays, "hugo": write_hugo}


def write_sites(root: Path, n: int, sites: tuple[str, ...] = SITES) -> dict[str, Path]:
    """Write the corpus of ``n`` essays as each site under ``root`` (replacing what was there)."""
    corpus = essays(n)
    out: dict[str, Path] = {}
    for name in sites:
        site = root / name
        if site.exists():
            shutil.rmtree(site)
        site.mkdir(parents=True)
        WRITERS[name](site, corpus)
        out[name] = site
    return out


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("root", type=Path)
    parser.add_argument("-n", type=int, default=100, help="number of essays (default 100)")
    args = parser.parse_args()
    for name, path in write_sites(args.root, args.n).items():
        print(f"{name}: {path}")
