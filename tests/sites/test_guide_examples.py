"""The guide's examples are real: every front matter block and ``mkdocs.yml`` snippet of
``docs/guide/*.md`` (and of the README) is built into a site here, so the guide cannot drift
from the code.

Which code blocks are examples, by their fence's language:

- ``toml`` (``+++``), ``yaml`` starting with ``---`` and ``json``: a page's front matter (and
  body), written as ``docs/posts/example.md`` and built with a site like this project's;
- any other ``yaml``: an ``mkdocs.yml`` snippet; its top-level keys replace a small site's own;
- any block after a comment ``<!-- example: {...} -->`` (a YAML mapping): ``file`` says where the
  block goes (``docs/tags/index.md`` for a page of Markdown), ``pages`` lists URLs the site must
  have, ``warning`` a message the build must give (a regular expression; any other warning
  fails), ``error`` one it must fail with, and ``output`` a file of the built site the block
  shows (``patterns/cards.json``: its keys and values are compared with the real file's, a
  ``...`` in a string standing for the rest).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import BASE_CONFIG, REPO, SEED, run_build, write_tree

GUIDE = REPO / "docs" / "guide"
SOURCES = [*sorted(GUIDE.glob("*.md")), REPO / "README.md"]
FENCE = re.compile(r"^(`{3,}|~{3,})\s*([\w-]*)")
MARKER = re.compile(r"^<!-- example: (.*) -->$")
# Guide pages render in a site like this project's: its theme and Markdown extensions.
PROJECT = yaml.safe_load((REPO / "mkdocs.yml").read_text("utf-8"))
SITE = {
    **BASE_CONFIG,
    "theme": {"name": "material"},
    "markdown_extensions": PROJECT["markdown_extensions"],
}
ESSAY = (
    "+++\ntitle = 'An essay'\ndate = 2024-05-01\ntags = ['LLM', 'Writing']\n"
    "categories = ['Notes']\n+++\n\nThe opening.\n\n## A first idea\n\nIts text.\n\n"
    "## A second idea\n\nMore text, [a link](another.md).\n"
)
ANOTHER = "+++\ntitle = 'Another essay'\ndate = 2024-06-01\ntags = ['LLM']\n+++\n\nText.\n"
ESSAYS = {"docs/posts/essay.md": ESSAY, "docs/posts/another.md": ANOTHER}


@dataclass(frozen=True)
class Example:
    page: str
    line: int
    language: str
    text: str
    marker: dict[str, Any]

    @property
    def id(self) -> str:
        return f"{self.page}:{self.line}"

    @property
    def kind(self) -> str:
        if "output" in self.marker:
            return "output"
        if self.language == "toml" or self.language == "json":
            return "front matter"
        if self.language == "yaml":
            return "front matter" if self.text.startswith("---\n") else "config"
        if "file" in self.marker:
            return "page"
        return "none"


def code_blocks(path: Path) -> list[Example]:
    """The fenced code blocks of a guide page, each with the marker comment just above it."""
    found = []
    lines = path.read_text("utf-8").splitlines()
    i = 0
    while i < len(lines):
        opening = FENCE.match(lines[i])
        if not opening:
            i += 1
            continue
        fence, language, start = opening[1], opening[2], i
        i += 1
        body = []
        while i < len(lines) and not lines[i].startswith(fence):
            body.append(lines[i])
            i += 1
        above = lines[start - 1] if start else ""
        marked = MARKER.match(above)
        marker = yaml.safe_load(marked[1]) if marked else {}
        page = path.relative_to(REPO).as_posix()
        found.append(Example(page, start + 1, language, "\n".join(body) + "\n", marker))
        i += 1
    return found


EXAMPLES = [example for path in SOURCES for example in code_blocks(path) if example.kind != "none"]


def test_the_guide_has_examples_of_each_kind() -> None:
    kinds = {example.kind for example in EXAMPLES}
    assert kinds == {"front matter", "config", "page", "output"}, kinds
    assert len(EXAMPLES) >= 15


def test_every_toml_yaml_and_json_block_is_an_example() -> None:
    """A block in one of these languages that is not an example would go untested."""
    for path in SOURCES:
        for block in code_blocks(path):
            if block.language in ("toml", "yaml", "json"):
                assert block.kind != "none", block.id
            if block.language == "toml":
                assert block.text.startswith("+++\n"), f"{block.id}: TOML that is no front matter"


def build(root: Path, example: Example, files: dict[str, str], config: str) -> Any:
    write_tree(root, {"mkdocs.yml": config, **files})
    (root / "overrides").mkdir(exist_ok=True)  # a theme's custom_dir, if the snippet names one
    warning, error = example.marker.get("warning"), example.marker.get("error")
    site = run_build(root, warnings=[warning] if warning else [], expect_error=error is not None)
    if error is not None:
        assert re.search(error, site.error or ""), site.error
    for url in example.marker.get("pages", []):
        assert site.exists(url), f"{example.id}: the guide says the site has {url}"
    return site


def config_with(snippet: str | None = None) -> str:
    """``mkdocs.yml``: the snippet as written, after the keys of a small site it leaves out."""
    if snippet is None:
        return yaml.safe_dump(SITE, sort_keys=False)
    keys = set(yaml.load(snippet, Loader=_AnyTags))
    rest = {key: value for key, value in SITE.items() if key not in keys}
    return yaml.safe_dump(rest, sort_keys=False) + snippet


class _AnyTags(yaml.SafeLoader):
    """``mkdocs.yml`` may hold tags (``!ENV``, ``!!python/name``): read them as nothing."""


_AnyTags.add_multi_constructor("", lambda loader, suffix, node: None)


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda e: e.id)
def test_example_builds(example: Example, tmp_path: Path) -> None:
    home = {"docs/index.md": "# Home\n"}
    if example.kind == "front matter":
        name = example.marker.get("file", "docs/posts/example.md")
        build(tmp_path, example, {**home, name: example.text}, config_with())
    elif example.kind == "page":
        build(
            tmp_path,
            example,
            {**home, **ESSAYS, example.marker["file"]: example.text},
            config_with(),
        )
    elif example.kind == "config":
        build(tmp_path, example, {**home, **ESSAYS}, config_with(example.text))
    else:
        site = build(
            tmp_path,
            example,
            {**home, f"docs/posts/{SEED.name}": SEED.read_text("utf-8")},
            config_with(),
        )
        shown = json.loads(example.text)
        real = json.loads(site.text(example.marker["output"]))
        assert same(shown, real), example.id


def same(shown: Any, real: Any, where: str = "") -> bool:
    """``shown`` is ``real``, but that a string with ``...`` stands for any text after its
    beginning, and a list may show only some of its items: its first ones, or those with the
    ``id`` of one of the real items."""
    if isinstance(shown, dict):
        assert isinstance(real, dict) and list(shown) == list(real), (where, list(real))
        return all(same(shown[k], real[k], f"{where}.{k}") for k in shown)
    if isinstance(shown, list):
        assert isinstance(real, list) and len(shown) <= len(real), (where, real)
        if shown and all(isinstance(s, dict) and "id" in s for s in shown):
            by_id = {r.get("id"): r for r in real}
            assert all(s["id"] in by_id for s in shown), (where, list(by_id))
            real = [by_id[s["id"]] for s in shown]
        return all(
            same(s, r, f"{where}[{i}]") for i, (s, r) in enumerate(zip(shown, real, strict=False))
        )
    if isinstance(shown, str) and "..." in shown:
        assert isinstance(real, str) and real.startswith(shown.split("...")[0]), (where, real)
        return True
    assert shown == real, (where, shown, real)
    return True
