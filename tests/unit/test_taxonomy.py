"""Taxonomies from essays: merged spellings, collisions, counts, order and co-occurrence."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime, timedelta
from types import MappingProxyType

from hypothesis import given, settings
from hypothesis import strategies as st
from mkdocs_essays.frontmatter import FrontMatter
from mkdocs_essays.model import Essay
from mkdocs_essays.model.slugs import hugo_urlize
from mkdocs_essays.model.taxonomy import (
    Taxonomy,
    build_taxonomy,
    fold,
    spelling,
    term_slug,
)
from mkdocs_essays.pages.taxonomy import weight

START = datetime(2024, 1, 1, tzinfo=UTC)


def essay(name: str, day: int, tags: Sequence[str] = (), **taxonomies: Sequence[str]) -> Essay:
    terms = {"tags": tuple(tags), **{k: tuple(v) for k, v in taxonomies.items()}}
    front = FrontMatter(
        title=name,
        date=START + timedelta(days=day),
        taxonomies=MappingProxyType({k: v for k, v in terms.items() if v}),
    )
    return Essay(
        src_uri=f"posts/{name}.md",
        path=f"docs/posts/{name}.md",
        front=front,
        body="",
        body_line=1,
        title=name,
        slug=name,
        section="posts",
    )


def newest_first(*essays: Essay) -> list[Essay]:
    return sorted(essays, key=Essay.newest_first)


def names(taxonomy: Taxonomy) -> list[tuple[str, int]]:
    return [(term.name, term.count) for term in taxonomy]


def test_fold_ignores_case_and_spacing_only() -> None:
    assert fold("LLM") == fold("llm") == fold(" LLM ") == "llm"
    assert fold("Generative  AI") == fold("generative-ai") == fold("Generative AI")
    assert fold("C++") != fold("C#")
    assert fold("Hello, World!") != fold("hello world")  # punctuation is not spacing
    assert spelling("  Generative \t AI ") == "Generative AI"


def test_case_variants_are_one_term_shown_as_written_most() -> None:
    essays = newest_first(
        essay("a", 1, ["llm"]),
        essay("b", 2, ["LLM"]),
        essay("c", 3, ["LLM", "llm"]),  # both spellings on one essay: counted once
        essay("d", 4, [" LLM"]),
    )
    tags = build_taxonomy("tags", essays)
    assert len(tags) == 1
    term = tags.terms[0]
    assert (term.slug, term.name, term.count) == ("llm", "LLM", 4)
    assert [e.slug for e in term.essays] == ["d", "c", "b", "a"]  # newest first
    assert term.spellings == (("LLM", 3), ("llm", 2))
    # every spelling finds the term, whatever its case or spacing
    assert {tags.slug_of(n) for n in ("llm", "LLM", " LLM", "Llm")} == {"llm"}
    (merge,) = tags.merges
    assert merge.name == "LLM"
    assert merge.spellings == (" LLM", "LLM", "llm")
    assert merge.slug == "llm"
    assert merge.hugo_slugs == ("-llm",)  # Hugo would have made tags/-llm/ for " LLM"
    assert tags.collisions == ()


def test_a_tie_goes_to_the_spelling_of_the_newest_essay() -> None:
    tags = build_taxonomy(
        "tags", newest_first(essay("old", 1, ["HTML"]), essay("new", 2, ["Html"]))
    )
    assert [t.name for t in tags] == ["Html"]


def test_spacing_variants_are_one_term_at_the_most_used_spellings_path() -> None:
    essays = newest_first(
        essay("a", 1, ["Generative AI"]),
        essay("b", 2, ["generative-ai"]),
        essay("c", 3, ["Generative  AI"]),
        essay("d", 4, ["Generative AI"]),
    )
    tags = build_taxonomy("tags", essays)
    assert names(tags) == [("Generative AI", 4)]
    assert tags.terms[0].slug == "generative-ai"
    assert tags.merges[0].hugo_slugs == ("generative--ai",)
    assert tags.slug_of("GENERATIVE   ai") == "generative-ai"


def test_different_names_on_one_slug_are_a_collision_naming_both_and_their_essays() -> None:
    a, b, c = essay("a", 1, ["Hello, World!"]), essay("b", 2, ["hello world"]), essay("c", 3)
    tags = build_taxonomy("tags", newest_first(a, b, c))
    assert len(tags) == 1  # one page, as Hugo makes
    (collision,) = tags.collisions
    assert collision.slug == "hello-world"
    assert collision.names == ("Hello, World!", "hello world")
    assert collision.essays == (b, a)
    assert dict(collision.uses) == {"Hello, World!": (a,), "hello world": (b,)}
    assert tags.merges == ()


def test_punctuation_and_unicode_terms_get_hugos_paths() -> None:
    written = ["C++", "C#", "日本語", "Ünïcödé Têxt", "foo_bar", "a.b", "🎉"]
    tags = build_taxonomy("tags", [essay("a", 1, written)])
    slugs = {t.name: t.slug for t in tags}
    assert slugs == {
        "C++": "c++",
        "C#": "c#",
        "日本語": "日本語",
        "Ünïcödé Têxt": "ünïcödé-têxt",
        "foo_bar": "foo_bar",
        "a.b": "a.b",
        "🎉": "u1f389",  # Hugo makes no page for it; we give it one
    }
    for name, slug in slugs.items():
        assert hugo_urlize(name) in (slug, "")
        assert term_slug(name) == slug


def test_terms_are_ordered_by_count_then_name_without_regard_to_case() -> None:
    essays = newest_first(
        essay("a", 1, ["beta", "Alpha", "zeta"]),
        essay("b", 2, ["zeta", "Gamma"]),
        essay("c", 3, ["zeta", "alpha"]),
    )
    assert names(build_taxonomy("tags", essays)) == [
        ("zeta", 3),
        ("alpha", 2),
        ("beta", 1),
        ("Gamma", 1),
    ]


def test_each_taxonomy_reads_its_own_field() -> None:
    essays = newest_first(
        essay("a", 1, ["LLM"], categories=["Engineering"], series=["Basics"]),
        essay("b", 2, ["LLM"], series=["Basics", "Advanced"]),
    )
    assert names(build_taxonomy("categories", essays)) == [("Engineering", 1)]
    assert names(build_taxonomy("series", essays)) == [("Basics", 2), ("Advanced", 1)]
    assert names(build_taxonomy("authors", essays)) == []


def test_related_terms_count_the_essays_they_share() -> None:
    essays = newest_first(
        essay("a", 1, ["LLM", "RAG", "Agents"]),
        essay("b", 2, ["LLM", "RAG"]),
        essay("c", 3, ["llm", "Strategy"]),
        essay("d", 4, ["Strategy"]),
    )
    tags = build_taxonomy("tags", essays)
    llm = tags.by_slug["llm"]
    assert [(t.name, n) for t, n in tags.related_to(llm)] == [
        ("RAG", 2),
        ("Strategy", 1),  # ties: the more used term first (Strategy is on 2 essays)
        ("Agents", 1),
    ]
    assert [(t.name, n) for t, n in tags.related_to(tags.by_slug["strategy"])] == [("LLM", 1)]
    assert tags.related_to(llm, 1)[0][0].name == "RAG"
    assert all(t is not llm for t, _ in tags.related_to(llm))


def test_the_essays_are_read_once() -> None:
    class Once:
        def __init__(self, essays: list[Essay]) -> None:
            self.essays = essays
            self.passes = 0

        def __iter__(self) -> Iterator[Essay]:
            self.passes += 1
            return iter(self.essays)

    source = Once([essay(f"e{i}", i, [f"t{i % 7}", f"t{i % 3}"]) for i in range(50)])
    build_taxonomy("tags", source)
    assert source.passes == 1


def naive(essays: list[Essay]) -> dict[str, tuple[int, dict[str, int]]]:
    """A per-term scan, the slow way, to check the one-pass result against."""
    keys = {fold(n) for e in essays for n in e.terms("tags")}
    out = {}
    for key in keys:
        carrying = [e for e in essays if any(fold(n) == key for n in e.terms("tags"))]
        together: Counter[str] = Counter()
        for other in keys - {key}:
            shared = sum(1 for e in carrying if any(fold(n) == other for n in e.terms("tags")))
            if shared:
                together[other] = shared
        out[key] = (len(carrying), dict(together))
    return out


NAMES = st.sampled_from(["LLM", "llm", " LLM", "RAG", "rag", "Agents", "C++", "c++", "Go"])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(NAMES, max_size=5, unique=True), max_size=12))
def test_one_pass_agrees_with_a_per_term_scan(tag_lists: list[list[str]]) -> None:
    essays = newest_first(*(essay(f"e{i}", i, tags) for i, tags in enumerate(tag_lists)))
    tags = build_taxonomy("tags", essays)
    expected = naive(essays)
    assert len(tags) == len(expected)
    for term in tags:
        count, together = expected[fold(term.name)]
        assert term.count == count
        assert {fold(t.name): n for t, n in tags.related_to(term)} == together
        assert list(term.essays) == [e for e in essays if e in set(term.essays)]
    counts = [t.count for t in tags]
    assert counts == sorted(counts, reverse=True)


def test_cloud_weight_grows_with_the_count() -> None:
    assert weight(1, 1) == 1
    assert [weight(n, 8) for n in (1, 2, 4, 8)] == [1, 2, 4, 5]
    assert weight(2, 2) == 2  # a small site: 2 essays is not the heaviest step
    steps = [weight(n, 500) for n in range(1, 501)]
    assert steps == sorted(steps) and steps[0] == 1 and steps[-1] == 5
    assert weight(50, 500) < 5


def test_speed_figure() -> None:
    """Not an assert on time: prints how long 20,000 essays with 5 tags each take."""
    vocabulary = [f"Topic {i}" for i in range(400)]
    essays = [
        essay(f"e{i}", i, [vocabulary[(i * k * 7) % 400] for k in range(1, 6)])
        for i in range(20_000)
    ]
    start = time.perf_counter()
    tags = build_taxonomy("tags", newest_first(*essays))
    took = time.perf_counter() - start
    print(f"\nbuild_taxonomy: 20,000 essays x 5 tags, {len(tags)} terms in {took * 1000:.0f} ms")
    assert sum(t.count for t in tags) == 100_000 - sum(
        5 - len(set(e.terms("tags"))) for e in essays
    )
