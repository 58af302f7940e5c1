"""How much essays share (``related/similarity.py``) and Hugo's ``[related]`` as options
(``related/settings.py``): words, front matter weighted by how informative it is, Hugo's
``includeNewer``, ties, code left out, linear work."""

from __future__ import annotations

import math
import random
from datetime import UTC, datetime, timedelta

import pytest
from growth import assert_linear
from mkdocs_essays.parsing.html import ParsedHtml
from mkdocs_essays.related.settings import Index, from_hugo, indices
from mkdocs_essays.related.similarity import Entry, Similarity

START = datetime(2024, 1, 1, tzinfo=UTC)

SAILING = "sail wind boat harbour mast keel tide anchor"
COOKING = "flour oven bread yeast dough butter crust knead"
RELEASE = "release version upgrade changelog binaries fixed deprecated install"
FILLER = [f"filler{chr(97 + a)}{chr(97 + b)}" for a in range(26) for b in range(26)]


def prose(vocabulary: str, k: int) -> str:
    """60 words of the subject's and 60 of a large shared vocabulary (as real prose: some
    words say the subject, most do not)."""
    words = vocabulary.split()
    rng = random.Random(k)
    subject = [rng.choice(words) for _ in range(60)] if words else []
    return " ".join(subject + [rng.choice(FILLER) for _ in range(60)]) + " common everywhere"


def entry(k: int, text: str, **values: tuple[str, ...]) -> Entry:
    return Entry(f"e{k}", f"N{k}", text, START + timedelta(days=k), tuple(values.items()))


def groups() -> list[Entry]:
    out = []
    for k in range(12):
        vocabulary = (SAILING, COOKING, RELEASE)[k % 3]
        out.append(entry(k, prose(vocabulary, k)))
    return out


def names(similarity: Similarity, ranked: list[tuple[int, float]]) -> list[str]:
    return [similarity.entries[j].id for j, _ in ranked]


def test_essays_on_one_subject_find_each_other_by_their_words() -> None:
    similarity = Similarity(groups())
    for i, ranked in enumerate(similarity.nearest(3)):
        assert len(ranked) == 3
        assert all(j % 3 == i % 3 for j, _ in ranked), (i, ranked)
        scores = [s for _, s in ranked]
        assert scores == sorted(scores, reverse=True) and scores[-1] > 0


def test_an_essay_sharing_nothing_has_no_neighbour() -> None:
    entries = [*groups(), entry(99, "zebra quartz violin")]
    ranked = Similarity(entries).nearest(5)
    assert ranked[-1] == []
    assert all(len(r) == 5 for r in ranked[:-1])


def test_a_value_most_essays_carry_counts_for_little_a_rare_one_for_much() -> None:
    """Every essay has the keyword "blog": it relates nothing. Two share "tides": each is
    the other's first, their words saying no more than any other's."""
    entries = [entry(k, prose("", k), keywords=("blog",)) for k in range(10)]
    entries[1] = entry(1, entries[1].text, keywords=("blog", "tides"))
    entries[2] = entry(2, entries[2].text, keywords=("blog", "tides"))
    similarity = Similarity(entries, index_weights={"keywords": 1.0})
    ranked = similarity.nearest(3)
    assert names(similarity, ranked[1])[0] == "e2" and names(similarity, ranked[2])[0] == "e1"
    by_words = Similarity(entries)  # (the keywords left out: not the first)
    assert names(by_words, by_words.nearest(3)[1])[0] != "e2"
    blog = ("keywords", "blog")
    tides = ("keywords", "tides")
    # what each adds to the score of two essays that share it
    # (a fifth: rarity is counted on a grid of half powers of two, see cards.related.idf)
    assert similarity.vectors[1][blog] ** 2 < 0.25 * similarity.vectors[1][tides] ** 2
    # without words, only the keywords relate: "blog" alone still (barely) ties everything
    alone = Similarity(entries, text_weight=0, index_weights={"keywords": 1.0})
    assert names(alone, alone.nearest(1)[1]) == ["e2"]


def test_cardinality_threshold_leaves_a_value_out() -> None:
    entries = [entry(k, "", tags=("x",) if k < 6 else ("y",)) for k in range(10)]
    kept = Similarity(entries, text_weight=0, index_weights={"tags": 1.0})
    assert ("tags", "x") in kept.vectors[0]
    cut = Similarity(entries, text_weight=0, index_weights={"tags": 1.0}, cardinality={"tags": 50})
    assert ("tags", "x") not in cut.vectors[0] and ("tags", "y") in cut.vectors[7]


def test_older_only_and_ties_to_the_newest() -> None:
    """Hugo's includeNewer = false: only essays dated no later; equal scores: newest first."""
    entries = [entry(k, "", tags=("same",)) for k in range(6)]
    similarity = Similarity(entries, text_weight=0, index_weights={"tags": 1.0})
    assert names(similarity, similarity.nearest(3)[2]) == ["e5", "e4", "e3"]
    assert names(similarity, similarity.nearest(3, older_only=True)[2]) == ["e1", "e0"]
    assert similarity.nearest(3, older_only=True)[0] == []


def test_code_blocks_do_not_count() -> None:
    html = (
        "<p>Prose about sailing.</p><pre><code>apiVersion: v1\nkind: Pod</code></pre>"
        '<div class="highlight"><pre class="x"><span>kubectl</span> apply</pre></div>'
        "<prefix>not code</prefix><pre>never closed"
    )
    code = ["apiVersion:", "v1", "kind:", "Pod", "kubectl", "apply", "never", "closed"]
    assert ParsedHtml(html).code().split() == code
    text = "sailing harbour apiversion kind kubectl apply"
    entries = [
        Entry("a", "A", text, None, code="apiVersion kind kubectl apply"),
        Entry("b", "B", "kubectl apply apiversion kind", None),
        Entry("c", "C", "sailing harbour", None),
    ]
    similarity = Similarity(entries)
    assert names(similarity, similarity.nearest(2)[0]) == ["c"]


def test_words_are_scaled_against_front_matter() -> None:
    """A typical best match by words weighs as much as one shared rare value: neither drowns
    the other (cosines of word vectors are small)."""
    entries = groups()
    plain = Similarity(entries)
    typical = sorted(r[0][1] for r in plain.nearest(1))[6]
    assert 0.05 < typical < 0.7  # a cosine: small, even between essays on one subject
    paired = [entry(k, e.text, tags=(f"pair{k // 2}",)) for k, e in enumerate(entries)]
    scaled = Similarity(paired, index_weights={"tags": 1.0})
    factor = (
        scaled.vectors[0][("w", next(iter(plain.words[0])))]
        / plain.vectors[0][("w", next(iter(plain.words[0])))]
    )
    assert factor == pytest.approx((1 / typical) ** 0.5, rel=0.05)
    # a pair sharing a rare tag is as close as a typical pair on one subject: neither wins
    # by far (essay 0 and essay 1 write on different subjects)
    ranked = dict(scaled.nearest(11)[0])
    same_subject = max(score for j, score in ranked.items() if j % 3 == 0)
    assert 0.5 < ranked[1] / same_subject < 2


def test_the_ranking_is_about_linear() -> None:
    vocabulary = [f"w{k}" for k in range(3000)]

    def make(n: int) -> list[Entry]:
        rng = random.Random(n)
        return [
            Entry(
                f"e{k}",
                f"T {k}",
                " ".join(rng.choice(vocabulary[(k % 40) * 60 :][:300]) for _ in range(200)),
                START + timedelta(days=k),
                (("tags", (f"t{k % 17}", f"u{k % 5}")),),
            )
            for k in range(n)
        ]

    def rank(entries: list[Entry]) -> object:
        return Similarity(entries, index_weights={"tags": 0.8}).nearest(5)

    assert_linear(rank, make, 200)
    code = lambda html: ParsedHtml(html).code()  # noqa: E731
    assert_linear(code, lambda n: "<p>x</p><pre>code</pre><prefix>" * n, 2_000)
    assert_linear(code, lambda n: "<p>x</p><pre>never closed" + "<span>x</span>" * n, 2_000)


def test_default_indices_are_hugos_with_each_taxonomy() -> None:
    assert indices({}, ["tags", "categories", "tags"]) == [
        Index("keywords", 1.0),
        Index("tags", 0.8),
        Index("categories", 0.8),
        Index("date", 0.1),
    ]
    listed = [{"name": "Tags", "weight": 50}, {"name": "x", "weight": 0}]
    given = {"to_lower": True, "indices": listed}
    assert indices(given, ["tags"]) == [Index("tags", 0.5, to_lower=True)]


@pytest.mark.parametrize(
    ("table", "options", "noted"),
    [
        (
            {
                "includeNewer": False,
                "threshold": 80,
                "toLower": False,
                "indices": [
                    {"name": "keywords", "weight": 100, "applyFilter": False, "pattern": ""},
                    {"name": "date", "weight": 10, "pattern": "2006", "toLower": True},
                    {"name": "fragmentrefs", "type": "fragments", "weight": 80},
                    {"name": "tags", "weight": 80, "cardinalityThreshold": 50},
                ],
            },
            {
                "include_newer": False,
                "indices": [
                    {"name": "keywords", "weight": 100},
                    {"name": "date", "weight": 10, "pattern": "2006", "to_lower": True},
                    {"name": "tags", "weight": 80, "cardinality_threshold": 50},
                ],
            },
            ["threshold", "fragments"],
        ),
        ({"includeNewer": True}, {"include_newer": True}, []),
        ({"toLower": True}, {"to_lower": True, "include_newer": False}, []),
    ],
)
def test_hugos_related_table_becomes_the_option(
    table: dict[str, object], options: dict[str, object], noted: list[str]
) -> None:
    got, notes = from_hugo(table)
    assert got == options
    assert len(notes) == len(noted)
    assert all(any(word in note for note in notes) for word in noted)


def test_rarity_moves_in_steps() -> None:
    """``idf`` is log(N / df) on a grid of half powers of two: close to it, above 0 while
    df < N, and it changes rarely as N or df grows by one."""
    from mkdocs_essays.cards.related import idf

    for n in (2, 3, 10, 157, 1001, 6000):
        for c in range(1, n):
            assert idf(n, c) > 0
            assert abs(idf(n, c) - math.log(n / c)) <= math.log(2) + 1e-9
    steps = sum(idf(n, 7) != idf(n + 1, 7) for n in range(8, 5000))
    assert steps <= 2 * math.log2(5000) + 1, steps
    steps = sum(idf(5000, c) != idf(5000, c + 1) for c in range(1, 4999))
    assert steps <= 2 * math.log2(5000) + 1, steps
