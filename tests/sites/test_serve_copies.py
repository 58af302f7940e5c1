"""Files MkDocs copies as they are (the theme's assets, the writer's images) under `mkdocs
serve`: a save copies again only those whose source changed or whose copy in the site is not
as it was left (``incremental/engine.py``, ``_keep_copies``). After each save the site is the
one a clean build writes."""

from __future__ import annotations

import os
from pathlib import Path

from conftest import BASE_CONFIG
from serve_session import Session, essays_project, served_as_clean

ESSAY = (
    '+++\ntitle = "Alpha"\ndate = 2024-03-01\n+++\n\nAlpha opens.\n\n![a picture](../img/pic.png)\n'
)
BETA = '+++\ntitle = "Beta"\ndate = 2024-03-02\ntags = ["Ops"]\n+++\n\nBeta opens.\n'
THEME_ASSET = "assets/javascripts/bundle"


def _stamps(site: Path) -> dict[str, int]:
    out = {}
    for top, _, names in os.walk(site):
        for name in names:
            path = Path(top) / name
            out[path.relative_to(site).as_posix()] = path.stat().st_mtime_ns
    return out


def test_copies_are_kept_and_made_again_when_their_source_or_copy_changes(
    tmp_path: Path,
) -> None:
    root = essays_project(tmp_path / "p", {"alpha.md": ESSAY, "beta.md": BETA}, BASE_CONFIG)
    picture = root / "docs/img/pic.png"
    picture.parent.mkdir(parents=True)
    picture.write_bytes(b"\x89PNG first")
    served, clean = tmp_path / "served", tmp_path / "clean"
    essay = root / "docs/posts/alpha.md"
    session = Session(root, served)
    try:
        session.build()
        first = _stamps(served)
        assets = [p for p in first if p.startswith(THEME_ASSET) and p.endswith(".js")]
        assert assets, sorted(first)[:20]

        # a word saved: no theme asset is copied again (each keeps the first build's copy;
        # the plugin's own files are written, not copied)
        essay.write_text(ESSAY.replace("opens", "begins"), "utf-8")
        session.build()
        second = _stamps(served)
        theme = [p for p in first if p.startswith("assets/") and "mkdocs-essays" not in p]
        assert len(theme) > 20, theme
        copied = [p for p in theme if second.get(p) != first[p]]
        assert not copied, copied[:10]
        # nor is a file the plugin gives the same content (Beta's tag's feed); one it gives
        # other content is written (the site's feed: Alpha's summary)
        feeds = [p for p in first if p.endswith("feed.xml")]
        assert sorted(second[p] == first[p] for p in feeds) == [False, True], feeds
        served_as_clean(root, served, clean)

        # the picture changed: its copy is made again
        picture.write_bytes(b"\x89PNG second, longer")
        session.build()
        assert (served / "img/pic.png").read_bytes() == b"\x89PNG second, longer"
        served_as_clean(root, served, clean)

        # a copy changed in the site (not by a build): made again at the next save
        (served / assets[0]).write_text("broken", "utf-8")
        essay.write_text(ESSAY, "utf-8")
        session.build()
        served_as_clean(root, served, clean)

        # the picture deleted: its copy goes
        picture.unlink()
        session.build()
        assert not (served / "img/pic.png").exists()
        served_as_clean(root, served, clean)
    finally:
        session.close()
