"""``x.<lang>.md`` is a translation only in one of the site's languages, as in Hugo 0.168: on
a site in English alone Hugo publishes ``posts/note.de.md`` at ``posts/note.de/`` and
``posts/other.en.md`` at ``posts/other/`` (checked here against Hugo itself)."""

from __future__ import annotations

from pathlib import Path

from conftest import MakeSite
from hugo_compare import build_with_hugo, url_set

PAGES = {
    "posts/note.de.md": "---\ntitle: DE\ndate: 2024-01-01\n---\nx\n",
    "posts/other.en.md": "---\ntitle: EN\ndate: 2024-01-02\n---\nx\n",
    "about.it.md": "---\ntitle: IT\n---\nx\n",
}


def test_a_suffix_that_is_not_a_site_language_is_part_of_the_name(
    make_site: MakeSite, tmp_path: Path
) -> None:
    site = make_site(
        {f"docs/{name}": text for name, text in PAGES.items()},
        plugin={"hugo_content": True, "languages": []},
    )
    for url in ("posts/note.de/", "posts/other/", "about.it/"):
        assert site.exists(url), url
    public = build_with_hugo(
        tmp_path / "hugo", {f"content/{name}": text for name, text in PAGES.items()}
    )
    hugo = url_set(public)["pages"]
    assert {"posts/note.de/", "posts/other/", "about.it/"} <= hugo


def test_a_listed_language_is_a_translation(make_site: MakeSite) -> None:
    site = make_site(
        {f"docs/{name}": text for name, text in PAGES.items()},
        plugin={"hugo_content": True, "languages": ["de"]},
    )
    assert not site.exists("posts/note.de/") and not site.exists("posts/note/")
    assert site.exists("about.it/")
    assert any("1 page in 'de' left out" in m for m in site.messages())


def test_without_the_option_every_language_code_is_a_translation(make_site: MakeSite) -> None:
    site = make_site({f"docs/{name}": text for name, text in PAGES.items()})
    assert not site.exists("posts/note.de/") and not site.exists("about.it/")
    assert site.exists("posts/other/")
