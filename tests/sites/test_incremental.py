"""What `mkdocs serve` serves after each save is what a clean build of the same files writes,
byte for byte (issue 23): pages, the search index, feeds, the sitemap, ``cards.json``, the map.

A generated collection (essays with tags, sections whose titles recur, links between essays,
drafts, a home page) is served in-process as `mkdocs serve` builds it (``serve_session``:
the same plugin object from build to build, one site folder), and edited: a word, an
introduction, a title, a date, a tag added or removed, a section renamed, added or removed, a
link added, a draft published, an essay added, deleted or renamed, a broken front matter
saved and mended, the home page edited. After every save the served folder is compared with
a clean build of the same files. Hypothesis draws the edit sequences; one fixed sequence runs
every kind of edit once.
"""

from __future__ import annotations

import random
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mkdocs_essays.incremental.keys import Keys
from serve_session import Session, clean_build, differences

WORDS = [
    *("agent", "cache", "chunk", "context", "eval", "guard", "index", "memory", "model"),
    *("plan", "prompt", "rank", "tool", "vector", "budget", "latency", "window", "retrieval"),
]
TITLES = ["Caching prompts", "Ranking chunks", "Memory", "Evaluation", "Tools", "Cost", "Plans"]
TAGS = ["LLM", "RAG", "Agents", "Cost", "llm"]  # ("llm": a second spelling of a term)


@dataclass
class Essay:
    title: str
    day: int
    tags: list[str]
    intro: str
    sections: list[tuple[str, str]]
    links: list[str] = field(default_factory=list)
    draft: bool = False
    broken: bool = False

    def source(self) -> str:
        if self.broken:
            return f"+++\ntitle = '{self.title}\n+++\n\nUnfinished.\n"
        draft = "draft = true\n" if self.draft else ""
        head = (
            f"+++\ntitle = {self.title!r}\ndate = 2024-03-{self.day:02d}\n"
            f"tags = {self.tags!r}\n{draft}+++\n\n"
        )
        body = [self.intro, "<!--more-->"]
        for number, (title, text) in enumerate(self.sections):
            body.append(f"## {title}\n\n{text}")
            if number == 0 and self.links:
                body.append("See " + ", ".join(f"[{n}]({n}.md)" for n in self.links) + ".")
        return head + "\n\n".join(body) + "\n"


class Collection:
    """The essays as the writer has them, and the files they are written to."""

    def __init__(self, root: Path, rng: random.Random, essays: int) -> None:
        self.root = root
        self.posts = root / "docs" / "posts"
        self.posts.mkdir(parents=True)
        self.rng = rng
        self.essays: dict[str, Essay] = {}
        self.fresh = 0
        for _ in range(essays):
            self.add()
        (root / "docs" / "index.md").write_text("# Home\n\nWelcome.\n", "utf-8")

    def words(self, n: int) -> str:
        return " ".join(self.rng.choice(WORDS) for _ in range(n)).capitalize() + "."

    def essay(self) -> Essay:
        rng = self.rng
        sections = [(t, self.words(rng.randint(0, 14))) for t in rng.sample(TITLES, 3)]
        return Essay(
            title=f"Essay {self.fresh}",
            day=rng.randint(1, 28),
            tags=rng.sample(TAGS, rng.randint(0, 3)),
            intro=self.words(rng.randint(4, 12)),
            sections=sections,
        )

    def write(self, name: str) -> None:
        (self.posts / f"{name}.md").write_text(self.essays[name].source(), "utf-8")

    def add(self) -> str:
        name = f"e{self.fresh:02d}"
        self.essays[name] = self.essay()
        self.fresh += 1
        self.write(name)
        return name

    def pick(self, at: int) -> str:
        names = sorted(self.essays)
        return names[at % len(names)]

    def edit(self, kind: str, at: int, other: int) -> str:
        """Apply one edit; what it did, for the failure message."""
        if not self.essays or kind == "new":
            return f"new {self.add()}"
        name = self.pick(at)
        essay = self.essays[name]
        rng = self.rng
        if kind == "delete":
            (self.posts / f"{name}.md").unlink()
            del self.essays[name]
            return f"delete {name}"
        if kind == "rename":
            new = f"e{self.fresh:02d}"
            self.fresh += 1
            (self.posts / f"{name}.md").rename(self.posts / f"{new}.md")
            self.essays[new] = self.essays.pop(name)
            return f"rename {name} -> {new}"
        if kind == "home":
            (self.root / "docs" / "index.md").write_text(f"# Home\n\n{self.words(5)}\n", "utf-8")
            return "home"
        if kind == "broken":
            essay.broken = not essay.broken
        elif kind == "word" and essay.sections:
            s = other % len(essay.sections)
            title, text = essay.sections[s]
            essay.sections[s] = (title, text + " " + rng.choice(WORDS))
        elif kind == "intro":
            essay.intro = self.words(rng.randint(4, 12))
        elif kind == "title":
            essay.title = f"Essay {rng.choice(WORDS)} {other % 7}"
        elif kind == "date":
            essay.day = 1 + other % 28
        elif kind == "tag":
            tag = TAGS[other % len(TAGS)]
            if tag in essay.tags:
                essay.tags.remove(tag)
            else:
                essay.tags.append(tag)
        elif kind == "rename_section" and essay.sections:
            s = other % len(essay.sections)
            title = TITLES[other % len(TITLES)] + " " + rng.choice(WORDS)
            essay.sections[s] = (title, essay.sections[s][1])
        elif kind == "add_section":
            essay.sections.append((rng.choice(TITLES), self.words(rng.randint(0, 10))))
        elif kind == "remove_section" and essay.sections:
            essay.sections.pop(other % len(essay.sections))
        elif kind == "link":
            target = self.pick(other)
            if target != name and target not in essay.links:
                essay.links.append(target)
            else:
                essay.links.append(f"e{self.fresh + 1:02d}")  # an essay not written yet
        elif kind == "draft":
            essay.draft = not essay.draft
        self.write(name)
        return f"{kind} {name}"


EDITS = [
    "word",
    "intro",
    "title",
    "date",
    "tag",
    "rename_section",
    "add_section",
    "remove_section",
    "link",
    "draft",
    "new",
    "delete",
    "rename",
    "broken",
    "home",
]


def project(root: Path, *, nav: bool, local_map: bool = True) -> Path:
    config = {
        "site_name": "Incremental",
        "site_url": "https://example.org/",
        "theme": {"name": "material"},
        "plugins": [
            "search",
            {"essays": {"pager_size": 2, "home_latest": 2, "local_map": local_map}},
        ],
        "markdown_extensions": [{"toc": {"permalink": True}}, "attr_list"],
    }
    if nav:
        config["nav"] = [{"Home": "index.md"}, {"Essays": "posts/index.md"}]
    root.mkdir(parents=True)
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), "utf-8")
    return root


def serve_and_compare(
    tmp: Path, seed: int, edits: list[tuple[str, int, int]], nav: bool, local_map: bool = True
) -> list[tuple[str, int, int, int, int, int]]:
    """Serve, edit, compare after each save; (edit, pages built, pages kept, pages kept by what
    decides their inputs, pages kept that got a new local map, pages kept that got a new
    content) of each save. Every page kept by
    what decides its inputs (``Feature.depends``) has its key worked out all the same, and the
    build fails if it is not the record's (``Keys.check``)."""
    root = project(tmp / "project", nav=nav, local_map=local_map)
    collection = Collection(root, random.Random(seed), essays=6)
    served, clean = tmp / "served", tmp / "clean"
    session = Session(root, served)
    Keys.check = True
    try:
        session.build()
        done: list[str] = []
        counts: list[tuple[str, int, int, int, int, int]] = []
        for kind, at, other in edits:
            done.append(collection.edit(kind, at, other))
            session.build()
            incremental = session.plugin.incremental
            pages = len(incremental.state.pages) if incremental.state is not None else 0
            built = len(incremental.built)
            contents = len(incremental.contents)
            patched = len(incremental.patched) - contents
            counts.append((kind, built, pages - built, incremental.decided, patched, contents))
            shutil.rmtree(clean, ignore_errors=True)
            clean_build(root, clean)
            wrong = differences(served, clean)
            assert not wrong, f"after {done}: {wrong[:10]}"
    finally:
        Keys.check = False
        session.close()
    return counts


# without local maps, which draw what changes around every essay and card, what a card's page
# shows of its related cards is all that can tell it apart
@pytest.mark.slow
@pytest.mark.parametrize("local_map", [True, False], ids=["local-maps", "no-local-maps"])
def test_every_kind_of_edit_serves_what_a_clean_build_writes(
    tmp_path: Path, local_map: bool
) -> None:
    edits = [(kind, 3 * n + 1, 5 * n + 2) for n, kind in enumerate(EDITS)]
    edits += [("broken", 1, 0), ("broken", 1, 0)]  # a broken file saved, then mended
    counts = serve_and_compare(tmp_path, 7, edits, nav=False, local_map=local_map)
    # Not a full build in disguise: a word in a body keeps most pages as they were, and
    # cards' pages by what decides them.
    words = [(built, kept, decided) for kind, built, kept, decided, *_ in counts if kind == "word"]
    assert words and all(kept > built for built, kept, _ in words), counts
    assert all(decided > 0 for _, _, decided in words), counts
    # pages whose local map alone changed get the new map in their file (``patching.py``)
    patched = sum(count[4] for count in counts)
    assert patched > 0 if local_map else patched == 0, counts
    # a listing's later pages, whose items alone changed, get their new content in their file
    assert sum(count[5] for count in counts) > 0, counts


@pytest.mark.slow
@settings(
    max_examples=6,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    seed=st.integers(0, 10_000),
    edits=st.lists(
        st.tuples(st.sampled_from(EDITS), st.integers(0, 100), st.integers(0, 100)),
        min_size=2,
        max_size=5,
    ),
    nav=st.booleans(),
    local_map=st.booleans(),
)
def test_random_edits_serve_what_a_clean_build_writes(
    tmp_path_factory: pytest.TempPathFactory,
    seed: int,
    edits: list[tuple[str, int, int]],
    nav: bool,
    local_map: bool,
) -> None:
    serve_and_compare(tmp_path_factory.mktemp("edits"), seed, edits, nav, local_map)
