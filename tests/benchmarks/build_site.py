"""Build one MkDocs site as ``mkdocs build`` does, in this process, and report on it.

The runner starts this script once per build (a fresh interpreter each time), from the site's
folder, the same way for every site, so every build pays the same start-up cost::

    python build_site.py [--hooks hooks.json] [--profile build.prof] [--cpu]

``--hooks`` wraps every ``on_*`` hook of mkdocs-essays' plugin class in a timer before MkDocs
loads the plugin and writes ``{"build": seconds, "hooks": {name: [calls, seconds]}}``: the
share of the build spent in the plugin's own hooks (including what they call: Markdown,
Jinja), a few parts of them (``PARTS``: card pages, layout...) and the similarity work
(``SIMILARITY``: related cards, related essays and the map's edges, topics); ``--cpu`` times
hooks and build in CPU seconds of the process (``time.process_time``), which other work on a
shared machine inflates far less than wall time.
``--profile`` runs the build under cProfile and dumps the stats. ``--tracemalloc`` traces
allocations and dumps a snapshot taken just before ``on_post_build``, when every page
has been written and everything the build holds is still alive.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import sys
import time
from collections.abc import Callable
from typing import Any

CLOCK = time.perf_counter


def time_hooks(stats: dict[str, list[float]]) -> None:
    """Wrap each hook the plugin class defines; MkDocs registers them when it loads the config."""
    from mkdocs.plugins import CombinedEvent
    from mkdocs_essays.plugin import EssaysPlugin

    for name, method in list(vars(EssaysPlugin).items()):
        if not name.startswith("on_"):
            continue
        if isinstance(method, CombinedEvent):  # several methods at their own priorities
            timed = [_timed(name, part, stats) for part in method.methods]
            setattr(EssaysPlugin, name, CombinedEvent(*timed))
        elif callable(method):
            setattr(EssaysPlugin, name, _timed(name, method, stats))


def time_map(stats: dict[str, list[float]]) -> None:
    """Time the knowledge map apart (its graph, layout and drawing: the whole map and the local
    maps); it runs inside the hooks, so its share is part of theirs."""
    from mkdocs_essays.map.feature import KnowledgeMap

    for name in ("render", "_local", "_draw_local"):
        setattr(KnowledgeMap, name, _timed(f"map.{name}", getattr(KnowledgeMap, name), stats))


SIMILARITY = (
    # every piece of similarity work (issue 22: at most 5% of the build at N = 1,000); none
    # runs inside another (the map asks the ranking, made once, before it finds topics)
    ("mkdocs_essays.cards.feature", "Cards", "related"),
    ("mkdocs_essays.related.feature", "RelatedEssays", "ranking"),
    ("mkdocs_essays.map.feature", "", "find_topics"),
)
"""Timed apart with ``--hooks`` (``"similarity"`` in its report): related cards, related
essays and the map's "similar" edges (one ranking), the topics."""


def time_similarity(stats: dict[str, list[float]]) -> None:
    """Time :data:`SIMILARITY`. numpy and networkx are imported first, outside the build: the
    map's layout needs them whatever else does, and the first piece of similarity work to
    run would otherwise be charged their import (some 0.2 s)."""
    import importlib

    import networkx  # noqa: F401
    import numpy  # noqa: F401

    for module_name, class_name, name in SIMILARITY:
        module = importlib.import_module(module_name)
        owner = getattr(module, class_name) if class_name else module
        label = f"{class_name}.{name}" if class_name else name
        setattr(owner, name, _timed(label, getattr(owner, name), stats))


PARTS = (
    # (module, class or "" for a module's function, attribute): timed inclusive of what they
    # call, so parts nest (a card page's time includes its local map's).
    ("mkdocs_essays.cards.feature", "Cards", "essay_html"),
    ("mkdocs_essays.pages.views", "Views", "measure"),
    ("mkdocs_essays.cards.feature", "Cards", "_render_card"),
    ("mkdocs_essays.cards.feature", "Cards", "_render_catalog"),
    ("mkdocs_essays.cards.feature", "Cards", "file_content"),
    ("mkdocs_essays.map.feature", "KnowledgeMap", "_make_graph"),
    ("mkdocs_essays.map.feature", "", "force_layout"),
    ("mkdocs_essays.map.feature", "", "topic_layout"),
    ("mkdocs_essays.map.feature", "KnowledgeMap", "_graph_json"),
    ("mkdocs_essays.map.feature", "", "draw"),
    ("mkdocs_essays.map.feature", "", "neighbourhood"),
    ("mkdocs_essays.map.feature", "", "ring_layout"),
    ("mkdocs_essays.pages.taxonomy", "Taxonomies", "render"),
    ("mkdocs_essays.pages.essay_index", "EssayIndex", "render"),
    ("mkdocs_essays.feeds.rss", "Feeds", "file_content"),
    ("mkdocs_essays.render", "Renderer", "render"),
)
"""Parts of the hooks timed apart with ``--hooks`` (``"parts"`` in its report)."""


def time_parts(stats: dict[str, list[float]]) -> None:
    import importlib

    for module_name, class_name, name in PARTS:
        module = importlib.import_module(module_name)
        owner = getattr(module, class_name) if class_name else module
        label = f"{class_name}.{name}" if class_name else name
        setattr(owner, name, _timed(label, getattr(owner, name), stats))


def _timed(name: str, method: Callable[..., Any], stats: dict[str, list[float]]):
    entry = stats.setdefault(name, [0, 0.0])

    @functools.wraps(method)  # keeps MkDocs' event priority (an attribute of the function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = CLOCK()
        try:
            return method(*args, **kwargs)
        finally:
            entry[0] += 1
            entry[1] += CLOCK() - start

    return wrapper


def snapshot_before_post_build(path: str, frames: int) -> None:
    import tracemalloc

    from mkdocs.plugins import PluginCollection

    tracemalloc.start(frames)
    original = PluginCollection.on_post_build

    def on_post_build(self: PluginCollection, *, config: Any) -> None:
        snapshot = tracemalloc.take_snapshot()
        current, peak = tracemalloc.get_traced_memory()
        snapshot.dump(path)
        with open(path + ".json", "w", encoding="utf-8") as out:
            json.dump({"current": current, "peak": peak}, out)
        original(self, config=config)

    PluginCollection.on_post_build = on_post_build  # type: ignore[method-assign]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--hooks", help="write the time spent in mkdocs-essays' hooks here")
    parser.add_argument("--profile", help="run under cProfile and dump the stats here")
    parser.add_argument("--tracemalloc", help="dump a tracemalloc snapshot here")
    parser.add_argument("--cpu", action="store_true", help="time in CPU seconds, not wall")
    parser.add_argument("--frames", type=int, default=30, help="frames kept by tracemalloc")
    args = parser.parse_args()
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

    from mkdocs.__main__ import cli

    global CLOCK
    if args.cpu:
        CLOCK = time.process_time
    stats: dict[str, list[float]] = {}
    maps: dict[str, list[float]] = {}
    parts: dict[str, list[float]] = {}
    similarity: dict[str, list[float]] = {}
    if args.hooks:
        time_hooks(stats)
        time_map(maps)
        time_parts(parts)
        time_similarity(similarity)
    if args.tracemalloc:
        snapshot_before_post_build(args.tracemalloc, args.frames)
    argv = ["build", "--quiet", "--config-file", "mkdocs.yml", "--site-dir", "site"]
    profiler = None
    if args.profile:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    start = CLOCK()
    try:
        cli.main(argv, prog_name="mkdocs", standalone_mode=False)
    except Exception as error:  # report any failure as the build's, with its message
        print(f"build failed: {type(error).__name__}: {error}", file=sys.stderr)
        return 1
    finally:
        elapsed = CLOCK() - start
        if profiler is not None:
            profiler.disable()
            profiler.dump_stats(args.profile)
    if args.hooks:
        with open(args.hooks, "w", encoding="utf-8") as out:
            report = {"build": elapsed, "hooks": stats, "map": maps, "parts": parts}
            json.dump({**report, "similarity": similarity}, out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
