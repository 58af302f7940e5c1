"""A source removed while a build runs (`mkdocs serve` rebuilding as the writer renames or
deletes) is left out with one line, wherever the build reads it: never a traceback.

The files are deleted by an MkDocs hook (``hooks:`` in mkdocs.yml) at ``on_files``, before
the plugin reads the sources (priority 100) or after (priority -100): the two windows a
writer's ``rm`` can fall into."""

from __future__ import annotations

from collections.abc import Mapping

import pytest
from conftest import MakeSite

HOOK = """
import os
from mkdocs.plugins import event_priority

@event_priority({priority})
def on_files(files, config):
    for name in {names!r}:
        os.remove(os.path.join(config.docs_dir, name))
"""

FILES = {
    "docs/index.md": "# Home\n\nWelcome.\n",
    "docs/plain.md": "# Plain\n\nNo front matter: MkDocs reads it.\n",
    "docs/posts/a.md": "---\ntitle: A\n---\nA.\n\n## Idea\n\nText.\n",
    "docs/posts/broken.md": "---\ntitle: [unclosed\n---\nBody.\n",
    "docs/posts/bundle/index.md": '---\ntitle: B\n---\n{{% include "snip.md" %}}\n',
    "docs/posts/bundle/snip.md": "A snippet, a resource of the bundle.\n",
    "docs/images/photo.png": b"\x89PNG\r\n\x1a\n",
}


def _hook(priority: int, names: list[str]) -> Mapping[str, str | bytes]:
    return {"hooks.py": HOOK.format(priority=priority, names=names)}


@pytest.mark.parametrize("serve", [False, True], ids=["build", "serve"])
def test_pages_removed_after_the_plugin_read_them(make_site: MakeSite, serve: bool) -> None:
    """MkDocs reads ``plain.md`` itself and copies the image, the plugin reads the broken
    page's text (under serve): gone, each is one info line (an empty page), and the build
    goes on."""
    names = ["plain.md", "posts/a.md", "images/photo.png"]
    names += ["posts/broken.md"] if serve else []
    files = {**FILES, **_hook(-100, names)}
    if not serve:
        del files["docs/posts/broken.md"]
    site = make_site(files, config={"hooks": ["hooks.py"]}, serve=serve)
    gone = [m for m in site.messages() if "removed or renamed during the build" in m]
    assert sorted(gone) == sorted(
        f"mkdocs_essays: docs/{n} was removed or renamed during the build; it is left out"
        for n in names
        if n != "posts/a.md"  # read already: its page is built from what was read
    )
    assert "Welcome." in site.text("index.html") and site.exists("posts/a/")
    assert not site.exists("images/photo.png")


def test_an_included_page_removed_before_it_is_read(make_site: MakeSite) -> None:
    """The bundle's ``snip.md`` is read only when ``include`` asks for it: gone, the include
    is an error naming the line (no traceback), as an include of a missing page is."""
    files = {**FILES, **_hook(100, ["posts/bundle/snip.md"])}
    del files["docs/posts/broken.md"]
    site = make_site(files, config={"hooks": ["hooks.py"]}, expect_error=True)
    assert site.error is not None and "Traceback" not in site.error
    assert "docs/posts/bundle/index.md:4: include 'posts/bundle/snip.md'" in site.error
    assert "was removed during the build" in site.error


def test_pages_removed_before_the_plugin_read_them(make_site: MakeSite) -> None:
    files = {**FILES, **_hook(100, ["plain.md", "posts/a.md"])}
    del files["docs/posts/broken.md"]
    site = make_site(files, config={"hooks": ["hooks.py"]})
    assert not site.exists("posts/a/")
    gone = [m for m in site.messages() if "removed or renamed during the build" in m]
    assert len(gone) == 2, gone
