"""A 2,000-essay synthetic corpus: extraction and related-card ranking take seconds.

The figures are printed (``pytest -s``), never asserted on time; the assertions check that the
work was really done (every section found, every ranking well-formed).
"""

from __future__ import annotations

import random
import time

from mkdocs_essays.cards.extract import extract_sections
from mkdocs_essays.cards.related import Document, RelatedIndex
from mkdocs_essays.parsing.ids import SiteNamer

ESSAYS = 2000
SECTIONS = 5
TOPICS = 60


def corpus(seed: int = 7) -> list[tuple[str, tuple[str, ...], str]]:
    """``(essay id, tags, Markdown body)``: each essay on one topic, sections mixing the topic's
    words with common ones, some headings with markup, one repeated title, one empty section."""
    rng = random.Random(seed)
    syllables = ["ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo", "ze", "pa", "qu", "de"]

    def word() -> str:
        return "".join(rng.choice(syllables) for _ in range(rng.randint(2, 4)))

    common = [word() for _ in range(400)]
    topics = [[word() for _ in range(40)] for _ in range(TOPICS)]
    general = [f"general-{i}" for i in range(20)]
    essays = []
    for n in range(ESSAYS):
        topic = n % TOPICS
        tags = (f"topic-{topic}", *rng.sample(general, 2))
        parts = []
        for s in range(SECTIONS):
            title = " ".join(rng.choice(topics[topic]) for _ in range(3)).capitalize()
            if s == 1:
                title = f"Using `{rng.choice(topics[topic])}` with *care*"
            if s == 2:
                title = parts[0].splitlines()[0][3:] if parts else title  # a repeated title
            words = [
                rng.choice(topics[topic]) if rng.random() < 0.3 else rng.choice(common)
                for _ in range(rng.randint(60, 160))
            ]
            text = " ".join(words).capitalize() + "."
            parts.append(f"## {title}\n\n{text}\n\n```\n## not a heading\n```\n")
        parts.append("## Still to write\n")
        essays.append((f"essay-{n}", tags, "\n".join(parts)))
    return essays


def test_two_thousand_essays_extract_and_rank_in_seconds() -> None:
    essays = corpus()
    namer = SiteNamer(["toc", "tables", "fenced_code", "attr_list"], {})

    start = time.perf_counter()
    documents = []
    empty = 0
    for essay_id, tags, body in essays:
        for section in extract_sections(body, namer=namer):
            if section.empty:
                empty += 1
                continue
            documents.append(
                Document(
                    f"{essay_id}/{section.anchor}", essay_id, tags, section.title, section.markdown
                )
            )
    extracted = time.perf_counter() - start

    start = time.perf_counter()
    index = RelatedIndex(documents)
    indexed = time.perf_counter() - start
    start = time.perf_counter()
    related = {d.id: index.related(d, 5) for d in documents}
    ranked = time.perf_counter() - start

    print(
        f"\n{ESSAYS} essays, {len(documents)} cards: extraction {extracted:.2f} s "
        f"({namer.rendered} headings rendered with Markdown), index {indexed:.2f} s, "
        f"ranking {ranked:.2f} s ({ranked / len(documents) * 1000:.2f} ms a card)"
    )
    assert len(documents) == ESSAYS * SECTIONS
    assert empty == ESSAYS
    group = {d.id: d.group for d in documents}
    topic = {d.id: d.tags[0] for d in documents}
    same_topic = 0
    for card_id, others in related.items():
        assert len(others) == 5
        assert card_id not in others
        assert all(group[o] != group[card_id] for o in others)
        same_topic += sum(topic[o] == topic[card_id] for o in others)
    # The ranking finds the essays on the same topic (shared words and tag).
    assert same_topic / (5 * len(related)) > 0.9
