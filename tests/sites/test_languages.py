"""Multilingual sites (issue 21), each case built by Hugo 0.168 too: translations by file name
and by content folder, ``translationKey``, the default language in its own folder, a page
without a translation, and what each language's listings hold."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin

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


def test_without_the_option_every_language_code_is_a_translation(make_site: MakeSite) -> None:
    site = make_site({f"docs/{name}": text for name, text in PAGES.items()})
    assert not site.exists("posts/note.de/") and not site.exists("about.it/")
    assert not site.exists("de/")
    assert site.exists("posts/other/")
    assert any("1 page in 'de' left out" in m and "[de]" in m for m in site.messages())


# -- a site in two languages, by file name ------------------------------------------------------

BILINGUAL = {
    "_index.md": "---\ntitle: Home\n---\nWelcome\n",
    "_index.fr.md": "---\ntitle: Accueil\n---\nBienvenue\n",
    "posts/one.md": "---\ntitle: One\ndate: 2024-01-01\ntags: [alpha]\n---\nOne.\n",
    "posts/one.fr.md": "---\ntitle: Un\ndate: 2024-01-01\ntags: [alpha, bêta]\n---\nUn.\n",
    "posts/two.md": "---\ntitle: Two\ndate: 2024-01-02\ntags: [alpha]\n---\nOnly English.\n",
    "posts/trois.fr.md": (
        "---\ntitle: Trois\ndate: 2024-01-03\ntranslationKey: three\n---\nTrois.\n"
    ),
    "posts/three.md": "---\ntitle: Three\ndate: 2024-01-03\ntranslationKey: three\n---\n3.\n",
    "about.md": "---\ntitle: About\n---\nx\n",
}
HUGO_LANGUAGES = (
    'baseURL = "https://example.org/"\ndefaultContentLanguage = "en"\n{}'
    "[languages.en]\nweight = 1\n[languages.fr]\nweight = 2\n"
)


def _hugo(tmp_path: Path, pages: dict[str, str], config: str) -> dict[str, set[str]]:
    files = {f"content/{name}": text for name, text in pages.items()}
    files["hugo.toml"] = config
    files["layouts/_default/list.html"] = "list {{ .Title }}"  # Hugo writes no empty page
    public = build_with_hugo(tmp_path / "hugo", files)
    return url_set(public)


def _ours(site_dir: Path, languages: tuple[str, ...] = ("", "en/", "fr/")) -> dict[str, set[str]]:
    """Our pages, less what Hugo does not have: cards, the map, MkDocs' 404 page."""
    skip = tuple(f"{code}{name}" for code in languages for name in ("patterns/", "map/"))
    ours = url_set(site_dir, skip=skip)
    ours["pages"] -= {f"{code}404.html" for code in languages}
    return ours


def test_two_languages_by_file_name_publish_at_hugos_urls(
    make_site: MakeSite, tmp_path: Path
) -> None:
    site = make_site(
        {f"docs/{name}": text for name, text in BILINGUAL.items()},
        plugin={"hugo_content": True, "languages": ["fr"]},
        strict=True,
    )
    hugo = _hugo(tmp_path, BILINGUAL, HUGO_LANGUAGES.format(""))
    ours = _ours(site.site_dir)
    assert "fr/posts/trois/" in hugo["pages"] and "fr/posts/two/" not in hugo["pages"]
    assert ours["pages"] == hugo["pages"]
    assert ours["aliases"] == hugo["aliases"] == {"en/"}  # /en/ sends readers to /
    # each language lists its own essays: no English essay in French listings, nor the reverse
    for url, count in (("posts/", 3), ("fr/posts/", 2), ("tags/alpha/", 2), ("fr/tags/alpha/", 1)):
        links = [a["href"] for a in site.content(url).select(".essay-list__title a")]
        assert len(links) == count, url
        assert all(urljoin(f"/{url}", h).startswith("/fr/") == url.startswith("fr/") for h in links)
    assert site.exists("fr/tags/bêta/") and not site.exists("tags/bêta/")
    # translationKey pairs three.md with trois.fr.md (different paths)
    switcher = {a["hreflang"]: a["href"] for a in site.html("posts/three/").select(".md-select a")}
    assert switcher == {"en": "./", "fr": "../../fr/posts/trois/"}
    # a page without a translation: the switcher goes to the other language's home, and the
    # head names only the page itself
    page = site.html("posts/two/")
    assert {a["hreflang"]: a["href"] for a in page.select(".md-select a")}["fr"] == "../../fr/"
    assert [link["hreflang"] for link in page.select("link[hreflang]")] == ["en"]
    french = site.html("fr/posts/one/")
    assert french.find("html")["lang"] == "fr"
    assert (site.site_dir / "fr/search/search_index.json").is_file()


def test_the_default_language_in_its_own_folder(make_site: MakeSite, tmp_path: Path) -> None:
    site = make_site(
        {f"docs/{name}": text for name, text in BILINGUAL.items()},
        plugin={"hugo_content": True, "languages": ["fr"], "default_language_in_subdir": True},
    )
    hugo = _hugo(
        tmp_path, BILINGUAL, HUGO_LANGUAGES.format("defaultContentLanguageInSubdir = true\n")
    )
    ours = _ours(site.site_dir)
    assert "en/posts/one/" in hugo["pages"] and "posts/one/" not in hugo["pages"]
    assert ours["pages"] == hugo["pages"]
    assert ours["aliases"] == hugo["aliases"] == {""}  # / sends readers to /en/
    assert 'url=en/"' in site.text("")
    assert {a["hreflang"]: a["href"] for a in site.html("en/about/").select(".md-select a")} == {
        "en": "./",
        "fr": "../../fr/",
    }


# -- a language per content folder -------------------------------------------------------------

FOLDERS = {
    "en/_index.md": "---\ntitle: Home\n---\nx\n",
    "en/posts/first.md": "---\ntitle: First\ndate: 2024-01-01\n---\nx\n",
    "en/posts/second.md": "---\ntitle: Second\ndate: 2024-01-02\n---\nx\n",
    "ar/_index.md": "---\ntitle: الرئيسية\n---\nx\n",
    "ar/posts/first.md": "---\ntitle: الأول\ndate: 2024-01-01\n---\nx\n",
}


def test_a_content_folder_per_language(make_site: MakeSite, tmp_path: Path) -> None:
    """Hugo's ``contentDir`` per language (``content/en``, ``content/ar``): Arabic reads right
    to left, and its pages are the translations of the English ones at the same path."""
    site = make_site(
        {f"docs/{name}": text for name, text in FOLDERS.items()},
        plugin={
            "hugo_content": True,
            "languages": {"en": {"content_dir": "en"}, "ar": {"content_dir": "ar"}},
        },
        strict=True,
    )
    config = (
        'baseURL = "https://example.org/"\ndefaultContentLanguage = "en"\n'
        '[languages.en]\ncontentDir = "content/en"\nweight = 1\n'
        '[languages.ar]\ncontentDir = "content/ar"\nweight = 2\n'
    )
    hugo = _hugo(tmp_path, FOLDERS, config)
    ours = _ours(site.site_dir, ("", "ar/"))
    assert {"posts/second/", "ar/posts/first/"} <= hugo["pages"]
    assert "ar/posts/second/" not in hugo["pages"] and "en/posts/first/" not in hugo["pages"]
    assert ours["pages"] == hugo["pages"]
    arabic = site.html("ar/posts/first/")
    assert (arabic.find("html")["lang"], arabic.find("body")["dir"]) == ("ar", "rtl")
    assert site.html("posts/first/").find("body")["dir"] == "ltr"
    switcher = {a["hreflang"]: a["href"] for a in arabic.select(".md-select a")}
    assert switcher == {"en": "../../../posts/first/", "ar": "./"}
