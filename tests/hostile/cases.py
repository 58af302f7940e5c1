"""The hostile essays of tests/hostile/ as site files: the manifest (cases.toml), the essays
it generates (a 5 MB essay, 2,000 headings, 500 tags, dates in every layout) and
:func:`docs_of`, the docs/ tree of one case. Used by tests/sites/test_hostile.py and
test_reproducible.py.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

__all__ = ["CASES", "ESSAYS", "HOSTILE", "docs_of", "paragraphs_of"]

HOSTILE = Path(__file__).resolve().parent
ESSAYS = HOSTILE / "essays"
CASES: list[dict[str, Any]] = tomllib.loads((HOSTILE / "cases.toml").read_text("utf-8"))["case"]
HOME = "# Home\n\nThe hostile essays.\n"


# -- the essays the manifest generates ---------------------------------------------------------


VOCABULARY = [
    *("pattern", "retrieval", "prompt", "context", "model", "agent", "memory", "vector"),
    *("index", "chunk", "rank", "eval", "latency", "budget", "cache", "token", "window"),
    *("tool", "plan", "reflect", "route", "guard"),
]


def _words(seed: int, count: int) -> str:
    vocabulary = VOCABULARY
    return " ".join(vocabulary[(seed * 7 + i * 13 + i * i) % len(vocabulary)] for i in range(count))


def _five_megabytes() -> dict[str, str]:
    parts = ["+++\ntitle = 'Five megabytes'\ndate = 2024-03-05\ntags = ['Big']\n+++\n\nIntro.\n"]
    size = 0
    paragraph = 0
    for section in range(1, 151):
        parts.append(f"\n## Section {section}\n")
        for _ in range(100):
            paragraph += 1
            text = f"Paragraph {paragraph}: {_words(paragraph, 50)}."
            parts.append(f"\n{text}\n")
            size += len(text)
    assert size > 5_000_000
    return {"posts/five-megabytes.md": "".join(parts)}


def _headings_2000() -> dict[str, str]:
    body = "".join(f"## Heading {n}\n\nThe text of section {n}.\n\n" for n in range(1, 2001))
    front = "+++\ntitle = 'Two thousand headings'\ndate = 2024-03-05\n+++\n\n"
    return {"posts/headings-2000.md": front + body}


def _tags_500() -> dict[str, str]:
    tags = ", ".join(f"'tag {n}'" for n in range(1, 501))
    front = f"+++\ntitle = 'Five hundred tags'\ndate = 2024-03-05\ntags = [{tags}]\n+++\n\n"
    return {"posts/tags-500.md": front + "An essay about everything.\n"}


def _dated(case: dict[str, Any]) -> dict[str, str]:
    """One essay per entry of ``case.dates``: TOML unless the entry opens with --- or {."""
    files = {}
    for name, (front, _) in case["dates"].items():
        if front.startswith("---\n"):
            text = f"---\ntitle: {name}\n{front[4:]}\n---\n"
        elif front.startswith("{"):
            text = f'{{"title": "{name}", {front[1:]}}}\n'
        else:
            text = f"+++\ntitle = '{name}'\n{front}\n+++\n"
        files[f"posts/{name}.md"] = text + f"\nWritten with {front!r}.\n"
    return files


GENERATORS = {
    "five-megabytes": lambda case: _five_megabytes(),
    "headings-2000": lambda case: _headings_2000(),
    "tags-500": lambda case: _tags_500(),
    "dates": _dated,
    "dates-invalid": _dated,
}


def docs_of(case: dict[str, Any]) -> dict[str, str | bytes]:
    """The case's files under docs/ (a home page included)."""
    files: dict[str, str | bytes] = {"docs/index.md": HOME}
    if "generate" in case:
        generated = GENERATORS[case["generate"]](case)
        files.update({f"docs/{path}": text for path, text in generated.items()})
        return files
    chosen = case.get("files", {f"posts/{case['name']}.md": f"{case['name']}.md"})
    for dest, source in chosen.items():
        files[f"docs/{dest}"] = (ESSAYS / source).read_bytes()
    return files


def paragraphs_of(source: str) -> list[str]:
    """The prose paragraphs of a generated essay (not its front matter or headings)."""
    body = source.split("+++\n", 2)[2]
    blocks = [" ".join(b.split()) for b in body.split("\n\n")]
    return [b for b in blocks if b and not b.startswith("#")]
