"""The core (front matter, model, card extraction and ranking, Hugo shortcodes, templates) is
plain Python: it imports with MkDocs made unimportable. Only the plugin class and the features
that adapt the core to MkDocs' files and pages import it."""

from __future__ import annotations

import sys

from processes import run, shown

CORE = [
    "mkdocs_essays.errors",
    "mkdocs_essays.frontmatter",
    "mkdocs_essays.model",
    "mkdocs_essays.parsing.html",
    "mkdocs_essays.parsing.ids",
    "mkdocs_essays.parsing.markdown",
    "mkdocs_essays.cards.extract",
    "mkdocs_essays.cards.keep",
    "mkdocs_essays.cards.html",
    "mkdocs_essays.cards.model",
    "mkdocs_essays.cards.related",
    "mkdocs_essays.related.neighbours",
    "mkdocs_essays.related.similarity",
    "mkdocs_essays.map.topics",
    "mkdocs_essays.hugo.shortcodes",
    "mkdocs_essays.hugo.refs",
    "mkdocs_essays.pages.urls",
    "mkdocs_essays.render",
]


def test_core_imports_without_mkdocs() -> None:
    script = (
        "import sys\n"
        "sys.modules['mkdocs'] = None  # any 'import mkdocs...' now raises ImportError\n"
        f"for name in {CORE!r}:\n"
        "    __import__(name)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'mkdocs'))\n"
    )
    result = run([sys.executable, "-c", script], timeout=120)
    assert result.returncode == 0, shown(result)
    assert result.stdout.strip() == "['mkdocs']", result.stdout  # only the blocked entry


def test_the_blocker_works() -> None:
    """The same check on the plugin module fails: the test above can fail."""
    script = "import sys\nsys.modules['mkdocs'] = None\nimport mkdocs_essays.plugin\n"
    result = run([sys.executable, "-c", script], timeout=120)
    assert result.returncode != 0, shown(result)
    assert "No module named 'mkdocs.plugins'" in result.stderr, shown(result)
