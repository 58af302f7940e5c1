"""Each topic's disc of the map page is laid out again only when what it reads changed, also
after saves that did not draw the map (``map/layout.py``'s ``Discs``, kept by the map feature
at every build: the plugin's cache lets go of what a build does not ask for)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from benchmarks import corpus
from benchmarks.serve_rebuild import Edits
from serve_session import Session, served_as_clean

N = 40


@pytest.fixture
def session(tmp_path: Path) -> Iterator[tuple[Session, Edits]]:
    root = corpus.write_sites(tmp_path / "corpus", N, ("essays",))["essays"]
    session = Session(root, tmp_path / "site")
    edits = Edits(root, N, "http://127.0.0.1:8000/")  # (before the first build: it edits one)
    try:
        session.build()
        yield session, edits
    finally:
        session.close()


def test_a_tag_after_a_word_lays_out_the_discs_it_moved(
    session: tuple[Session, Edits], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mkdocs_essays.map.layout import Discs

    made: list[tuple[int, int]] = []  # (discs laid out, discs) of each layout
    end = Discs.end

    def noted(self: Discs) -> None:
        made.append((self.made, len(self._now)))
        end(self)

    monkeypatch.setattr(Discs, "end", noted)
    served, edits = session
    engine = served.plugin.incremental
    edits.apply("tag added", 0)
    served.build()
    assert made, "the new tag is drawn"
    discs = made[-1][1]
    assert discs >= 3, "the collection falls into topics, each a disc"
    assert made[-1][0] < discs, made  # (the first build's discs are kept)
    edits.apply("word", 0)
    served.build()
    assert "map/index.md" not in engine.built + engine.patched, "a word draws no map"
    made.clear()
    edits.apply("tag removed", 0)
    served.build()
    assert made, "the tag taken out is drawn"
    assert made[-1][0] < discs, made
    served_as_clean(served.root, served.site_dir, tmp_path / "clean")
