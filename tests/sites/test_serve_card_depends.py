"""A card's page kept by what decides its inputs (``Feature.depends``, ``incremental/keys.py``):
its essay's and its related cards' essays' keys, the related cards' ids, its essay's view, its
footer. Under `mkdocs serve` such a page is kept without its inputs being worked out; here
every one of them is worked out all the same (``Keys.check``), and a build whose kept key is
not the page's fails.

The essays share words and tags, so cards have related cards in other essays, and the
navigation is set (the automatic one lists every essay's title: a title saved would then
change every page). A related card's essay renamed builds the card pages that list it; a
word in that essay's introduction, which a card's page does not show, works their keys out
again and keeps them.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import BASE_CONFIG
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mkdocs_essays.incremental.keys import Keys
from serve_session import Session, served_as_clean


def _essay(title: str, date: str, tags: list[str], intro: str, sections: dict[str, str]) -> str:
    body = "\n\n".join(f"## {heading}\n\n{text}" for heading, text in sections.items())
    head = f'+++\ntitle = "{title}"\ndate = {date}\ntags = {tags!r}\n+++\n\n'
    return f"{head}{intro}\n\n<!--more-->\n\n{body}\n"


ESSAYS = {
    "alpha.md": _essay(
        "Alpha",
        "2024-03-01",
        ["LLM", "Cost"],
        "Alpha opens on agents.",
        {"Caching prompts": "Prompt caching saves tokens for agents.", "Budgets": "Spend less."},
    ),
    "beta.md": _essay(
        "Beta",
        "2024-03-02",
        ["LLM"],
        "Beta opens on caching.",
        {"Caching results": "Result caching saves tokens for agents."},
    ),
    "gamma.md": _essay(
        "Gamma",
        "2024-03-03",
        ["Cost", "Search"],
        "Gamma opens on retrieval.",
        {"Ranking chunks": "Retrieval ranks chunks by cost.", "Caching chunks": "Cache tokens."},
    ),
    "delta.md": _essay(
        "Delta",
        "2024-03-04",
        ["Indexing"],
        "Delta opens on search.",
        {"Indexes": "An index of chunks for retrieval."},
    ),
    "epsilon.md": _essay("Epsilon", "2024-03-05", [], "Epsilon has no sections.", {}),
}


def _edit(root: Path, name: str, old: str, new: str) -> None:
    path = root / "docs" / "posts" / name
    text = path.read_text("utf-8")
    assert old in text, f"{old!r} not in {name}"
    path.write_text(text.replace(old, new, 1), "utf-8")


def test_a_card_page_is_kept_by_what_decides_it(tmp_path: Path) -> None:
    root = tmp_path / "p"
    plugins = ["search", {"essays": {"local_map": False, "related_essays": 0}}]
    config = {**BASE_CONFIG, "plugins": plugins, "nav": [{"Home": "index.md"}]}
    root.mkdir()
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), "utf-8")
    (root / "docs" / "posts").mkdir(parents=True)
    (root / "docs" / "index.md").write_text("# Home\n\nWelcome.\n", "utf-8")
    for name, text in ESSAYS.items():
        (root / "docs" / "posts" / name).write_text(text, "utf-8")
    served, clean = tmp_path / "served", tmp_path / "clean"
    session = Session(root, served)
    Keys.check = True
    try:
        session.build()
        build = session.plugin.build
        cards = next(f for f in build.features if type(f).__name__ == "Cards")
        # the card pages of other essays that list one of Alpha's cards as related
        listing = {
            src
            for src, spec in build.specs.items()
            if spec.kind == "card"
            and cards.cards[spec.key].essay.src_uri != "posts/alpha.md"
            and any(
                cards.cards[other].essay.src_uri == "posts/alpha.md"
                for other in cards.related()[spec.key]
            )
        }
        assert listing, "a card of another essay lists one of Alpha's cards"
        every_card = {src for src, spec in build.specs.items() if spec.kind == "card"}

        _edit(root, "delta.md", "Delta opens on search.", "Delta opens on search engines.")
        session.build()
        incremental = session.plugin.incremental
        assert incremental.decided >= len(listing), "cards' pages kept by what decides them"
        served_as_clean(root, served, clean)

        _edit(root, "alpha.md", '"Alpha"', '"Alpha, renamed"')
        session.build()
        built = set(session.plugin.incremental.built)
        assert listing <= built, "a related card's essay's title is on the page"
        served_as_clean(root, served, clean)

        # a card's first sentence: its essay's view is the same, its page is not
        budgets = next(src for src, spec in build.specs.items() if spec.title == "Budgets")
        _edit(root, "alpha.md", "Spend less.", "Spend more.")
        session.build()
        assert budgets in session.plugin.incremental.built
        served_as_clean(root, served, clean)

        # a term's spelling in an essay without cards (the newest: its spelling is shown),
        # what Gamma's view shows of its terms: Gamma's card pages show it
        _edit(root, "epsilon.md", "tags = []", "tags = ['search']")
        session.build()
        gammas = {src for src, spec in build.specs.items() if "/gamma/" in spec.location}
        assert gammas and gammas <= set(session.plugin.incremental.built)
        served_as_clean(root, served, clean)

        # Alpha's introduction: its key changes, what a card's page shows of it does not
        _edit(root, "alpha.md", "Alpha opens on agents.", "Alpha opens on tools.")
        session.build()
        built = set(session.plugin.incremental.built)
        assert not (listing & built), "a card's page does not show the essay's introduction"
        assert every_card - built, "cards' pages are kept"
        served_as_clean(root, served, clean)
    finally:
        Keys.check = False
        session.close()


WORDS = ["agent", "cache", "chunk", "token", "index", "prompt", "rank", "vector", "budget"]
TAGS = ["LLM", "RAG", "Cost", "llm", "Search"]


def _random_essay(rng: random.Random, number: int) -> dict[str, Any]:
    sections = {
        f"{rng.choice(WORDS).capitalize()} {number}-{s}": _words(rng, rng.randint(3, 9))
        for s in range(rng.randint(1, 3))
    }
    return {
        "title": f"Essay {number}",
        "day": rng.randint(1, 28),
        "tags": rng.sample(TAGS, rng.randint(0, 2)),
        "intro": _words(rng, 5),
        "sections": sections,
    }


def _words(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def _write(root: Path, number: int, essay: dict[str, Any]) -> None:
    text = _essay(
        essay["title"],
        f"2024-03-{essay['day']:02d}",
        essay["tags"],
        essay["intro"],
        essay["sections"],
    )
    (root / "docs" / "posts" / f"e{number}.md").write_text(text, "utf-8")


def _random_edit(rng: random.Random, essay: dict[str, Any], kind: str) -> None:
    sections = essay["sections"]
    if kind == "word" and sections:
        heading = rng.choice(list(sections))
        sections[heading] += " " + rng.choice(WORDS)
    elif kind == "heading" and sections:
        old = rng.choice(list(sections))
        sections[f"{rng.choice(WORDS).capitalize()} {rng.randint(100, 999)}"] = sections.pop(old)
    elif kind == "title":
        essay["title"] = f"{essay['title']} {rng.choice(WORDS)}"
    elif kind == "intro":
        essay["intro"] = _words(rng, rng.randint(3, 8))
    elif kind == "tag":
        tag = rng.choice(TAGS)
        essay["tags"] = [t for t in essay["tags"] if t != tag] or [tag]


@pytest.mark.slow
@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    seed=st.integers(0, 10_000),
    edits=st.lists(
        st.tuples(st.sampled_from(["word", "heading", "title", "intro", "tag"]), st.integers(0, 5)),
        min_size=2,
        max_size=5,
    ),
    local_map=st.booleans(),
)
def test_random_edits_keep_only_cards_whose_inputs_are_the_same(
    tmp_path_factory: pytest.TempPathFactory,
    seed: int,
    edits: list[tuple[str, int]],
    local_map: bool,
) -> None:
    """Card-rich collections (every section a card: no title recurs), random saves; every
    page kept by what decides it is checked against its inputs, and the site against a clean
    build."""
    tmp = tmp_path_factory.mktemp("cards")
    rng = random.Random(seed)
    root = tmp / "p"
    plugins = ["search", {"essays": {"local_map": local_map}}]
    config = {**BASE_CONFIG, "plugins": plugins, "nav": [{"Home": "index.md"}]}
    (root / "docs" / "posts").mkdir(parents=True)
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), "utf-8")
    (root / "docs" / "index.md").write_text("# Home\n\nWelcome.\n", "utf-8")
    essays = [_random_essay(rng, n) for n in range(6)]
    for number, essay in enumerate(essays):
        _write(root, number, essay)
    served, clean = tmp / "served", tmp / "clean"
    session = Session(root, served)
    Keys.check = True
    try:
        session.build()
        for kind, at in edits:
            _random_edit(rng, essays[at], kind)
            _write(root, at, essays[at])
            session.build()
            served_as_clean(root, served, clean)
    finally:
        Keys.check = False
        session.close()


def test_a_related_card_swapped_for_another_of_its_essay_changes_what_decides(
    tmp_path: Path,
) -> None:
    """The ids of the related cards decide the page, not only their essays: a card related
    in place of another card of the same essay (no essay changed) is another page."""
    from conftest import run_build, write_tree

    plugins = ["search", {"essays": {"local_map": False, "related_essays": 0}}]
    config = {**BASE_CONFIG, "plugins": plugins}
    files = {f"docs/posts/{name}": text for name, text in ESSAYS.items()}
    write_tree(tmp_path, {"mkdocs.yml": yaml.safe_dump(config, sort_keys=False), **files})
    build = run_build(tmp_path).plugin.build
    cards = next(f for f in build.features if type(f).__name__ == "Cards")
    related = cards.related()
    by_essay: dict[str, list[str]] = {}
    for card in cards.cards.values():
        by_essay.setdefault(card.essay.src_uri, []).append(card.id)
    src, card, at, other = next(
        (src, spec.key, at, other)
        for src, spec in build.specs.items()
        if spec.kind == "card"
        for at, listed in enumerate(related[spec.key])
        for other in by_essay[cards.cards[listed].essay.src_uri]
        if other not in related[spec.key]
    )
    spec = build.specs[src]

    def essay_key(essay: Any) -> bytes:
        return essay.src_uri.encode()

    before, inputs = cards.depends(spec, essay_key), build.inputs(src)
    related[card] = [*related[card][:at], other, *related[card][at + 1 :]]
    assert build.inputs(src) != inputs, "the page shows another card"
    assert cards.depends(spec, essay_key) != before
