"""A generated corpus of essays whose truth is known: what each essay says, which of its
sections have text, which tags it carries and whether it is published.

Deterministic for a seed. It leans on what breaks listings and orderings: essays sharing a
date (ties), tags written in several spellings (``LLM``/``llm``), repeated and empty section
titles, sub-sections, code fences holding ``##`` lines, ``<!--more-->``, drafts, future and
expired essays. Used by tests/sites/test_nothing_lost.py and test_reproducible.py.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

__all__ = ["CorpusEssay", "Section", "make_corpus"]

WORDS = [
    "agent",
    "budget",
    "cache",
    "chunk",
    "context",
    "embedding",
    "eval",
    "feedback",
    "guard",
    "index",
    "latency",
    "memory",
    "model",
    "plan",
    "prompt",
    "rank",
    "recall",
    "reflect",
    "retrieval",
    "route",
    "schema",
    "signal",
    "token",
    "tool",
    "vector",
    "window",
    "workflow",
    "cost",
    "drift",
    "judge",
]
# name as written -> its page under tags/ (the spellings of one tag share a page)
TAGS = {
    "LLM": "llm",
    "llm": "llm",
    "RAG": "rag",
    "Generative AI": "generative-ai",
    "Agents": "agents",
    "Evaluation": "evaluation",
    "Cost": "cost",
    "Prompting": "prompting",
    "Memory": "memory",
    "Tools": "tools",
    "Search": "search",
    "Safety": "safety",
}
SECTION_TITLES = (
    "Context",
    "Retrieval first",
    "Cheap evaluations",
    "Guard rails",
    "Plan then act",
    "Caching answers",
    "Context",  # repeated across (and within) essays
    "Small models",
)


@dataclass
class Section:
    title: str
    paragraphs: list[str] = field(default_factory=list)
    """Plain text of each paragraph as the page shows it."""
    code: bool = False

    @property
    def empty(self) -> bool:
        return not self.paragraphs and not self.code


@dataclass
class CorpusEssay:
    name: str
    """File name without .md, also its URL segment (``posts/<name>/``)."""
    title: str
    published: bool
    tags: list[str]
    intro: list[str]
    sections: list[Section]
    marker: str
    """A word only this essay uses: an unpublished essay's marker is nowhere in the site."""
    source: str

    @property
    def url(self) -> str:
        return f"posts/{self.name}/"

    @property
    def paragraphs(self) -> list[str]:
        return [*self.intro, *(p for s in self.sections for p in s.paragraphs)]


def _sentence(rng: random.Random, marker: str) -> tuple[str, str]:
    """(Markdown, plain text) of one paragraph with some inline markup."""
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 30))]
    markdown = list(words)
    plain = list(words)
    spot = rng.randrange(len(words))
    style = rng.choice(["bold", "code", "link", "em", "none"])
    if style == "bold":
        markdown[spot] = f"**{words[spot]}**"
    elif style == "code":
        markdown[spot] = f"`{words[spot]}`"
    elif style == "link":
        markdown[spot] = f"[{words[spot]}](https://example.org/{words[spot]})"
    elif style == "em":
        markdown[spot] = f"*{words[spot]}*"
    markdown.insert(0, marker)
    plain.insert(0, marker)
    return " ".join(markdown).capitalize() + ".", " ".join(plain).capitalize() + "."


def make_corpus(count: int = 40, seed: int = 7) -> list[CorpusEssay]:
    rng = random.Random(seed)
    essays: list[CorpusEssay] = []
    for n in range(count):
        name = f"essay-{n:03d}"
        marker = f"marker{n:03d}x"
        title = f"Essay {n:03d}: {rng.choice(WORDS).capitalize()} and {rng.choice(WORDS)}"
        # three essays share each date: ties in every listing
        date = f"2024-{1 + (n // 3) % 12:02d}-{1 + (n // 3) % 28:02d}"
        state = rng.choices(["published", "draft", "future", "expired"], [12, 1, 1, 1])[0]
        tags = rng.sample(sorted(TAGS), rng.randint(0, 4))
        front = [f"title = {title!r}", f"date = {date}", f"tags = {tags!r}"]
        if state == "draft":
            front.append("draft = true")
        elif state == "future":
            front.append("publishDate = 2999-01-01")
        elif state == "expired":
            front.append("expiryDate = 2001-01-01")
        if rng.random() < 0.2:
            front.append(f"summary = 'The summary of essay {n}.'")
        body: list[str] = []
        intro: list[str] = []
        for _ in range(rng.randint(0, 2)):
            markdown, plain = _sentence(rng, marker)
            body.append(markdown)
            intro.append(plain)
        if intro and rng.random() < 0.3:
            body.append("<!--more-->")
        sections: list[Section] = []
        for _ in range(rng.randint(1, 6)):
            section = Section(rng.choice(SECTION_TITLES))
            body.append(f"## {section.title}")
            for _ in range(rng.choice([0, 1, 1, 2, 3])):
                markdown, plain = _sentence(rng, marker)
                body.append(markdown)
                section.paragraphs.append(plain)
            if rng.random() < 0.3:
                body.append(f"### A detail of {section.title.lower()}")
                markdown, plain = _sentence(rng, marker)
                body.append(markdown)
                section.paragraphs.append(plain)
            if rng.random() < 0.2:
                body.append("```text\n## not a heading\ncode line\n```")
                section.code = True
            sections.append(section)
        source = "+++\n" + "\n".join(front) + "\n+++\n\n" + "\n\n".join(body) + "\n"
        essays.append(
            CorpusEssay(
                name=name,
                title=title,
                published=state == "published",
                tags=tags,
                intro=intro,
                sections=sections,
                marker=marker,
                source=source,
            )
        )
    return essays
