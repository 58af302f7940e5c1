"""Where an alias lives: Hugo's rule (relative to the essay's folder), and what leaves the site."""

from __future__ import annotations

import re

import pytest
from mkdocs_essays.model import PathError
from mkdocs_essays.pages.aliases import alias_dest, resolve_alias

SITE = "https://user.github.io/repo/"


@pytest.mark.parametrize(
    ("alias", "location", "expected"),
    [
        # What Hugo 0.168 wrote for the same aliases (tests/sites/test_aliases.py re-checks).
        ("old", "posts/x", "posts/old"),
        ("old/", "posts/x", "posts/old"),
        ("/abs/path/", "posts/x", "abs/path"),
        ("rel/dir/", "posts/x", "posts/rel/dir"),
        ("file.html", "posts/x", "posts/file.html"),
        ("../up", "posts/x", "up"),
        ("Caps Here", "posts/x", "posts/Caps Here"),
        ("a/./b/../c", "posts/x", "posts/a/c"),
        ("old2", "posts/sub/y", "posts/sub/old2"),
        ("old4", "custom/place", "custom/old4"),
        ("top", "about", "top"),
        # Percent escapes are the address a reader types: the file is the decoded path.
        ("caf%C3%A9/", "posts/x", "posts/café"),
        ("%2e%2e/up", "posts/x", "up"),
        # An absolute URL of this very site is one of its paths.
        (SITE + "2019/old-post/", "posts/x", "2019/old-post"),
        ("HTTPS://USER.GITHUB.IO/repo/x.html", "posts/x", "x.html"),
    ],
)
def test_alias_location(alias: str, location: str, expected: str) -> None:
    assert resolve_alias(alias, location, SITE) == expected


@pytest.mark.parametrize(
    ("alias", "message"),
    [
        ("../../escape", "leaves the site"),
        ("%2e%2e/%2e%2e/escape", "leaves the site"),
        ("/../x", "leaves the site"),
        ("..\\..\\x", "leaves the site"),
        ("https://evil.example/x/", "points to another site (evil.example)"),
        ("//evil.example/x/", "points to another site"),
        ("https://user.github.io/other-repo/x/", "points to another site"),
        ("mailto:me@example.org", "points to another site"),
        ("/", "home page"),
        (SITE, "home page"),
        ("", "empty"),
        ("old?page=2", "'?' or '#'"),
        ("old#part", "'?' or '#'"),
        ("bad%0Aline", "control character"),
    ],
)
def test_alias_refused(alias: str, message: str) -> None:
    with pytest.raises(PathError, match=re.escape(message)):
        resolve_alias(alias, "posts/x", SITE)


def test_without_site_url_every_absolute_url_leaves() -> None:
    with pytest.raises(PathError, match="another site"):
        resolve_alias(SITE + "x/", "posts/x", None)


@pytest.mark.parametrize(
    ("location", "dest"),
    [
        ("posts/old", "posts/old/index.html"),
        ("posts/file.html", "posts/file.html"),
        ("posts/file.htm", "posts/file.htm"),
        ("posts/file.HTML", "posts/file.HTML/index.html"),  # Hugo's test is case-sensitive
        ("posts/feed.xml", "posts/feed.xml/index.html"),
    ],
)
def test_alias_file(location: str, dest: str) -> None:
    assert alias_dest(location) == dest
