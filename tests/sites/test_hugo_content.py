"""Hugo content folders built with MkDocs: translations, _index.md, leaf bundles, shortcodes,
ref/relref, root links, <!--more--> in a heading."""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup
from conftest import MakeSite, Site
from hugo_compare import require_hugo
from linkcheck import broken_links
from processes import ok

EXTENSIONS: list[Any] = [
    {"toc": {"permalink": True}},
    "attr_list",
    "md_in_html",
    "admonition",
    "pymdownx.details",
    {"pymdownx.tabbed": {"alternate_style": True}},
    "pymdownx.superfences",
]
CONFIG = {"markdown_extensions": EXTENSIONS}


def essay(title: str, date: str = "2024-01-01", extra: str = "", body: str = "Body.") -> str:
    return f'+++\ntitle = "{title}"\ndate = {date}\n{extra}\n+++\n\n{body}\n'


def no_calls_outside_code(site: Site) -> None:
    """No ``{{<`` or ``{{%`` in any page's text once code is set aside."""
    for page in site.site_dir.rglob("*.html"):
        soup = BeautifulSoup(page.read_text("utf-8"), "lxml")
        for code in soup.find_all(["code", "pre", "script"]):
            code.decompose()
        text = soup.get_text()
        assert "{{<" not in text and "{{%" not in text, page


def infos(site: Site, needle: str) -> list[str]:
    return [
        r.getMessage()
        for r in site.records
        if r.levelno == logging.INFO and needle in r.getMessage()
    ]


# -- translations ---------------------------------------------------------------------------------


def test_translations_are_left_out_with_one_line_per_language(make_site: MakeSite) -> None:
    site = make_site(
        {
            "docs/index.md": "# Home\n",
            "docs/about.md": "+++\ntitle = 'About'\n+++\nHello.\n",
            "docs/about.pt-br.md": "+++\ntitle = 'Sobre'\n+++\nOlá.\n",
            "docs/posts/a.md": essay("A"),
            "docs/posts/a.pt-br.md": essay("A em português"),
            "docs/posts/b.pt-br.md": essay("Só em português"),
            "docs/posts/c.fr.md": essay("C en français"),
            "docs/posts/d.en.md": essay("D in English"),
        }
    )
    pages = site.pages()
    assert "posts/a/" in pages and "about/" in pages
    assert "posts/d/" in pages  # the default language's suffix is dropped, as in Hugo
    assert not [p for p in pages if "pt-br" in p or ".fr" in p or "/b/" in p]
    titles = [a.get_text() for a in site.content("posts/").select(".essay-list a")]
    assert "A" in titles and "D in English" in titles
    assert not [t for t in titles if "português" in t or "français" in t]
    portuguese = infos(site, "'pt-br'")
    assert len(portuguese) == 1 and "3 pages in 'pt-br' left out" in portuguese[0]
    assert "docs/about.pt-br.md" in portuguese[0]
    assert len(infos(site, "'fr'")) == 1


# -- _index.md ------------------------------------------------------------------------------------


def test_section_index_gives_the_essay_index_its_title_and_intro(make_site: MakeSite) -> None:
    site = make_site(
        {
            "docs/index.md": "# Home\n",
            "docs/posts/_index.md": "+++\ntitle = 'Writing'\n+++\n\nWhat I think about.\n",
            "docs/posts/a.md": essay("First essay"),
        }
    )
    content = site.content("posts/")
    assert [h.get_text() for h in content.find_all("h1")] == ["Writing"]
    html = str(content)
    assert 0 < html.index("What I think about.") < html.index("First essay")  # intro, essays
    assert not [p for p in site.pages() if "_index" in p]


def test_term_pages_from_index_files(make_site: MakeSite) -> None:
    site = make_site(
        {
            "docs/index.md": "# Home\n",
            "docs/posts/a.md": essay(
                "A", extra="tags = ['Generative AI', 'LLM']\ncategories = ['Démo du thème']"
            ),
            "docs/tags/_index.md": "+++\ntitle = 'Topics'\n+++\nEvery topic.\n",
            "docs/tags/generative-ai/_index.md": (
                "+++\ntitle = 'GenAI'\ndescription = 'Models that write.'\n+++\nAbout GenAI.\n"
            ),
            "docs/tags/llm/_index.md": "+++\ndescription = 'Large language models'\n+++\n",
            "docs/tags/unused/_index.md": "+++\ntitle = 'Nobody uses me'\n+++\nStill here.\n",
            "docs/categories/démo-du-thème/_index.md": "+++\ntitle = 'Demo'\n+++\nShown.\n",
        },
        config=CONFIG,
    )
    genai = site.content("tags/generative-ai/")
    assert genai.find("h1").get_text() == "GenAI"
    assert genai.find("p", string="About GenAI.") is not None
    assert genai.find("a", string="A") is not None  # the term's essays follow the text
    assert (
        site.html("tags/generative-ai/").find("meta", attrs={"name": "description"})["content"]
        == "Models that write."
    )
    assert site.content("tags/llm/").find("h1").get_text() == "LLM"  # the term's own name
    assert site.content("tags/").find("h1").get_text() == "Topics"
    assert site.content("tags/unused/").find("p", string="Still here.") is not None
    demo = site.content("categories/démo-du-thème/")
    assert demo.find("h1").get_text() == "Demo" and demo.find("a", string="A") is not None
    assert not [p for p in site.pages() if "_index" in p]
    assert not broken_links(site.site_dir)


def test_an_index_file_beside_a_page_at_the_same_address_is_reported(make_site: MakeSite) -> None:
    site = make_site(
        {
            "docs/index.md": "# Home\n",
            "docs/notes/index.md": "# Notes\n",
            "docs/notes/_index.md": "+++\ntitle = 'Other notes'\n+++\n",
        },
        warnings=[r"docs/notes/_index\.md is Hugo's page for /notes/, where docs/notes/index\.md"],
    )
    assert site.content("notes/").find("h1").get_text().rstrip("¶") == "Notes"


# -- leaf bundles -------------------------------------------------------------------------------


def test_leaf_bundles_keep_their_resources_beside_them(make_site: MakeSite) -> None:
    body = (
        '![Map](map.png)\n\n<img src="photo.jpg" alt="Photo">\n\n[Notes](files/notes.pdf)\n\n'
        '{{< figure src="photo.jpg" caption="The view" >}}\n'
    )
    site = make_site(
        {
            "docs/index.md": "# Home\n",
            "docs/posts/trip/index.md": essay("Trip", body=body),
            "docs/posts/trip/map.png": b"png",
            "docs/posts/trip/photo.jpg": b"jpg",
            "docs/posts/trip/files/notes.pdf": b"pdf",
            "docs/posts/trip/draft.md": "Not a page: a resource of the bundle.\n",
            "docs/posts/moved/index.md": essay("Moved", extra='slug = "new-name"', body=body),
            "docs/posts/moved/map.png": b"png2",
            "docs/posts/moved/photo.jpg": b"jpg2",
            "docs/posts/moved/files/notes.pdf": b"pdf2",
        },
        config=CONFIG,
    )
    for url, data in (("posts/trip/", b""), ("posts/new-name/", b"2")):
        assert site.file(url + "map.png").read_bytes() == b"png" + data
        assert site.file(url + "files/notes.pdf").read_bytes() == b"pdf" + data
        content = site.content(url)
        assert {img["src"] for img in content.find_all("img")} == {"map.png", "photo.jpg"}
        assert content.find("a", string="Notes")["href"] == "files/notes.pdf"
        assert content.find("figcaption").get_text() == "The view"
    assert not site.exists("posts/moved/map.png")  # the resources moved with their page
    assert not site.exists("posts/trip/draft/")
    assert infos(site, "docs/posts/trip/draft.md: left out")
    assert not broken_links(site.site_dir)


# -- shortcodes in a site ---------------------------------------------------------------


def test_ref_and_relref_link_to_essays_and_headings(make_site: MakeSite) -> None:
    site = make_site(
        {
            "docs/index.md": "# Home\n",
            "docs/about.md": "+++\ntitle = 'About'\n+++\n\n## Who\n",
            "docs/posts/a.md": essay(
                "A",
                extra="tags = ['LLM']",
                body=(
                    '[B]({{< ref "b.md" >}}), [Crème]({{< relref "posts/b.md#café-crème" >}}), '
                    '<a href="{{< relref "/about#who" >}}">about</a>, '
                    '[tag]({{< ref "tags/llm" >}}), [self]({{< ref "#local" >}})\n\n## Local\n'
                ),
            ),
            "docs/posts/b.md": essay("B", extra='slug = "bee"', body="## Café Crème\n\nText.\n"),
        },
        config=CONFIG,
    )
    content = site.content("posts/a/")
    for drawing in content.select(".essay-map"):  # (its nodes are links named by title too)
        drawing.decompose()
    hrefs = {a.get_text(): a["href"] for a in content.find_all("a") if a.get_text()}
    assert hrefs["B"] == "../bee/"
    assert hrefs["Crème"] == "../bee/#cafe-creme"  # Hugo's id, MkDocs' heading
    assert hrefs["about"] == "../../about/#who"
    assert hrefs["tag"] == "../../tags/llm/"
    assert hrefs["self"] == "#local"
    assert not broken_links(site.site_dir)
    no_calls_outside_code(site)


def test_a_missing_ref_stops_the_build_naming_file_and_line(make_site: MakeSite) -> None:
    site = make_site(
        {
            "docs/posts/a.md": essay(
                "A", body='Intro.\n\nSee [x]({{< ref "nope.md" >}}) and [y]({{< ref "b#gone" >}}).'
            ),
            "docs/posts/b.md": essay("B", body="## Here\n"),
        },
        expect_error=True,
    )
    assert site.error is not None
    assert re.search(r"docs/posts/a\.md:9: ref 'nope\.md': no page at", site.error)
    # a fragment the page lacks is a warning, not an error: Hugo 0.168 never checks fragments
    assert "b#gone" not in site.error


def test_a_missing_ref_can_be_a_warning(make_site: MakeSite) -> None:
    site = make_site(
        {"docs/posts/a.md": essay("A", body='See [x]({{< ref "nope.md" >}}).')},
        plugin={"ref_errors": "warning"},
        warnings=[r"docs/posts/a\.md:7: ref 'nope\.md': no page at .*points to the page itself"],
    )
    assert site.content("posts/a/").find("a", string="x")["href"] == "#"


def test_unknown_shortcodes_warn_once_per_name(make_site: MakeSite) -> None:
    site = make_site(
        {
            "docs/posts/a.md": essay(
                "A", body="{{< foo >}}\nKept *text*.\n{{< /foo >}}\n\n{{< foo >}}"
            ),
            "docs/posts/b.md": essay("B", body="Inline {{< foo >}}here{{< /foo >}}. {{< bar >}}"),
        },
        config=CONFIG,
        warnings=[
            r"docs/posts/a\.md:7: the shortcode 'foo' has no equivalent here; its inner text is "
            r"kept\..*\(3 uses in 2 files\)",
            r"docs/posts/b\.md:7: the shortcode 'bar'",
        ],
    )
    assert len(site.warnings()) == 2
    assert site.content("posts/a/").find("em").get_text() == "text"
    assert "Inline here." in site.content("posts/b/").get_text()
    no_calls_outside_code(site)


def test_unknown_shortcodes_can_be_stripped_or_fail(make_site: MakeSite) -> None:
    files = {"docs/posts/a.md": essay("A", body="Before {{< foo >}}gone{{< /foo >}} after.")}
    stripped = make_site(files, plugin={"unknown_shortcodes": "strip"}, warnings=["'foo'"])
    assert "gone" not in stripped.content("posts/a/").get_text()
    failed = make_site(files, plugin={"unknown_shortcodes": "fail"}, expect_error=True)
    assert failed.error and "docs/posts/a.md:7: the shortcode 'foo'" in failed.error
    mapped = make_site(files, plugin={"shortcodes": {"foo": "strip"}})
    assert "Before after." in " ".join(mapped.content("posts/a/").get_text().split())


def test_a_bad_shortcode_option_is_refused(make_site: MakeSite) -> None:
    site = make_site(
        {"docs/index.md": "# Home\n"}, plugin={"shortcodes": {"foo": "banana"}}, expect_error=True
    )
    assert site.error and "banana" in site.error


def test_shortcodes_in_the_mkdocs_theme_without_extensions(make_site: MakeSite) -> None:
    site = make_site(
        {
            "docs/index.md": "# Home\n",
            "docs/posts/a.md": essay(
                "A",
                body=(
                    "{{< notice tip >}}\nA tip.\n{{< /notice >}}\n\n{{< youtube abc >}}\n\n"
                    '{{< highlight python "hl_lines=2" >}}\na = 1\nb = 2\n{{< /highlight >}}\n'
                ),
            ),
        },
        config={"theme": {"name": "mkdocs"}, "markdown_extensions": []},
        warnings=[
            r"docs/posts/a\.md:7: the shortcode 'notice' becomes an admonition.*'admonition'"
        ],
    )
    content = site.content("posts/a/")
    assert "A tip." in content.get_text()
    assert content.find("iframe")["src"].startswith("https://www.youtube-nocookie.com/embed/abc")
    assert "b = 2" in content.find("code").get_text()
    assert site.exists("assets/mkdocs-essays/essays.css")
    assert ".essays-embed" in site.text("assets/mkdocs-essays/essays.css")
    no_calls_outside_code(site)


def test_more_divider_inside_a_heading(make_site: MakeSite) -> None:
    site = make_site(
        {
            "docs/index.md": "# Home\n",
            "docs/posts/a.md": essay(
                "A", body="The summary.\n\n## <!--more-->\n\n## Next\n\nRest."
            ),
        },
        config=CONFIG,
    )
    content = site.content("posts/a/")
    headings = [h.get_text(strip=True).rstrip("¶") for h in content.find_all("h2")]
    assert headings[0] == "Next" and "" not in headings  # no empty heading
    summary = site.content("posts/").select_one(".essay-list__summary")
    assert summary is not None and summary.get_text(strip=True) == "The summary."


def test_links_from_the_root_become_relative(make_site: MakeSite) -> None:
    site = make_site(
        {
            "docs/index.md": "# Home\n",
            "docs/images/logo.png": b"png",
            "docs/posts/a.md": essay(
                "A",
                body=(
                    "[B](/blog/posts/bee/), [Crème](/blog/posts/bee#café-crème), "
                    '![logo](/blog/images/logo.png), <a href="/blog/posts/">all</a>, '
                    "[away](/blog/nowhere/), `[code](/blog/posts/bee/)`"
                ),
            ),
            "docs/posts/b.md": essay("B", extra='slug = "bee"', body="## Café Crème\n"),
        },
        config={**CONFIG, "site_url": "https://example.org/blog/"},
    )
    content = site.content("posts/a/")
    for drawing in content.select(".essay-map"):  # (its nodes are links named by title too)
        drawing.decompose()
    hrefs = {a.get_text(): a["href"] for a in content.find_all("a") if a.get_text()}
    assert hrefs["B"] == "../bee/"
    assert hrefs["Crème"] == "../bee/#cafe-creme"
    assert hrefs["all"] == "../"
    assert hrefs["away"] == "/blog/nowhere/"  # no such page: left as written
    assert content.find("img")["src"] == "../../images/logo.png"
    assert content.find("code").get_text() == "[code](/blog/posts/bee/)"


def test_pages_without_front_matter_and_pages_moved_by_slug(make_site: MakeSite) -> None:
    site = make_site(
        {
            "docs/index.md": "# Home\n",
            "docs/notes.md": "# Notes\n\n{{< notice tip >}}\nA tip.\n{{< /notice >}}\n",
            "docs/contact-page.md": "+++\ntitle = 'Contact'\nslug = 'contact'\n+++\nMail me.\n",
            "docs/where.md": "+++\ntitle = 'Where'\nurl = '/somewhere/else/'\n+++\nHere.\n",
        },
        config=CONFIG,
    )
    assert site.content("notes/").select_one("div.admonition.tip") is not None
    assert site.content("contact/").find("p").get_text() == "Mail me."
    assert site.content("somewhere/else/").find("p").get_text() == "Here."
    assert not site.exists("contact-page/") and not site.exists("where/")
    no_calls_outside_code(site)


# -- the page set outside essays_dir (issue 11) -----------------------------------------------


def test_drafts_outside_essays_dir_are_never_published(make_site: MakeSite) -> None:
    site = make_site(
        {
            "docs/index.md": "# Home\n",
            "docs/about.md": essay("About", extra="draft = true"),
            "docs/docs/guide.md": "---\ntitle: Guide\ndraft: true\n---\n\nSecret.\n",
            "docs/docs/open.md": essay("Open"),
            "docs/posts/x.md": essay("X"),
        },
        config=CONFIG,
    )
    assert not site.exists("about/") and not site.exists("docs/guide/")
    assert site.exists("docs/open/")
    assert not any("Secret." in p.read_text("utf-8") for p in site.site_dir.rglob("*.html"))


def test_hugo_content_rules_only_when_the_option_is_on(make_site: MakeSite) -> None:
    files = {
        "docs/index.md": "# Home\n",
        "docs/API-Guide.md": essay("API guide"),
        "docs/later.md": essay("Later", extra="publishDate = 2999-01-01"),
        "docs/hidden/index.md": essay("Hidden", extra="headless = true"),
        "docs/never.md": essay("Never", extra='[build]\nrender = "never"'),
        "docs/old.md": essay("Old", extra="[_build]\nrender = false"),
        "docs/posts/Big-Name.md": essay("Big"),
    }
    plain = make_site(files, config=CONFIG)
    assert plain.exists("API-Guide/")  # where MkDocs puts it
    assert plain.exists("later/")
    hugo = make_site(files, config=CONFIG, plugin={"hugo_content": True})
    assert hugo.exists("api-guide/") and not hugo.exists("API-Guide/")
    assert hugo.exists("posts/big-name/") and not hugo.exists("posts/Big-Name/")
    for url in ("later/", "hidden/", "never/", "old/"):
        assert not hugo.exists(url), url


def test_markdown_in_a_leaf_bundle_outside_essays_dir_is_a_resource(make_site: MakeSite) -> None:
    files = {
        "docs/index.md": "# Home\n",
        "docs/guide/index.md": essay("Guide"),
        "docs/guide/part.md": essay("Part"),
        "docs/posts/x.md": essay("X"),
    }
    assert make_site(files, config=CONFIG).exists("guide/part/")  # plain MkDocs pages
    hugo = make_site(files, config=CONFIG, plugin={"hugo_content": True})
    assert hugo.exists("guide/") and not hugo.exists("guide/part/")


def test_build_options_cascade_from_a_section(make_site: MakeSite) -> None:
    site = make_site(
        {
            "docs/index.md": "# Home\n",
            "docs/_common/_index.md": "---\ncascade:\n  build:\n    render: never\n---\n",
            "docs/_common/snippet.md": "---\ntitle: Snippet\n---\n\nReused.\n",
            "docs/glossary/_index.md": (
                "---\ntitle: Glossary\nbuild:\n  render: always\ncascade:\n"
                "  build:\n    render: never\n---\n"
            ),
            "docs/glossary/term.md": "---\ntitle: Term\n---\n\nA term.\n",
            "docs/posts/x.md": essay("X"),
        },
        config=CONFIG,
        plugin={"hugo_content": True},
    )
    assert not site.exists("_common/snippet/") and not site.exists("_common/")
    assert site.exists("glossary/") and not site.exists("glossary/term/")


def test_import_reads_a_content_mount_and_keeps_templates(tmp_path: Path) -> None:
    from conftest import run_build, write_tree
    from mkdocs_essays.cli import main

    hugo = tmp_path / "hugo"
    write_tree(
        hugo,
        {
            "hugo.toml": (
                'title = "Docs"\nbaseURL = "https://example.org/"\n'
                '[[module.mounts]]\nsource = "content/en"\ntarget = "content"\n'
            ),
            "content/en/_index.md": "---\ntitle: Home\n---\n",
            "content/en/templates/Menu.md": "---\ntitle: Menu\n---\n\nMenus.\n",
            "content/en/guide/draft.md": "---\ntitle: Draft\ndraft: true\n---\n",
            "content/en/posts/x.md": essay("X"),
        },
    )
    into = tmp_path / "site"
    assert main(["import", str(hugo), "--into", str(into)]) == 0
    site = run_build(into)
    assert site.exists("templates/menu/")  # MkDocs would leave templates/ out; Hugo does not
    assert site.exists("posts/x/") and not site.exists("en/")
    assert not site.exists("guide/draft/")


def test_every_section_gets_a_list_page(make_site: MakeSite) -> None:
    files = {
        "docs/index.md": "# Home\n",
        "docs/org-roam/Org-File-A.md": essay("File A"),
        "docs/org-roam/b.md": essay("File B"),
        "docs/org-roam/hidden.md": essay("Hidden", extra="draft = true"),
        "docs/posts/x.md": essay("X"),
    }
    assert not make_site(files, config=CONFIG).exists("org-roam/")
    site = make_site(files, config=CONFIG, plugin={"hugo_content": True})
    links = {a.get_text(): a["href"] for a in site.content("org-roam/").select("li a")}
    assert links == {"File A": "org-file-a/", "File B": "b/"}


def test_publish_date_falls_back_to_lastmod_as_in_hugo(make_site: MakeSite) -> None:
    # Hugo's [frontmatter]: date <- lastmod, publishDate <- date: a page with only a future
    # lastmod is scheduled for later (checked with Hugo 0.168)
    site = make_site(
        {
            "docs/index.md": "# Home\n",
            "docs/posts/a.md": '+++\ntitle = "A"\nlastmod = 2999-01-01\n+++\n\nLater.\n',
            "docs/posts/b.md": '+++\ntitle = "B"\nlastmod = 2001-01-01\n+++\n\nNow.\n',
        },
        config=CONFIG,
    )
    assert site.exists("posts/b/") and not site.exists("posts/a/")


# -- terms on pages other than essays (issue 11) ----------------------------------------------

PAGE_TERMS = {
    "posts/essay.md": "---\ntitle: Essay\ndate: 2024-01-02\ntags: [A]\n---\nAn essay.\n",
    "guide/setup.md": "---\ntitle: Setup\ndate: 2024-01-01\ntags: [A, B]\n---\nSet up.\n",
    "guide/_index.md": "---\ntitle: Guide\ntags: [B]\n---\nThe guide.\n",
    "draft-page.md": "---\ntitle: Draft page\ndraft: true\ntags: [C]\n---\nLater.\n",
    "unlisted.md": "---\ntitle: Unlisted\ntags: [D, A]\nbuild:\n  list: never\n---\nHidden.\n",
    "unrendered.md": "---\ntitle: Unrendered\ntags: [E]\nbuild:\n  render: never\n---\nNo.\n",
}
PAGE_TERMS_LAYOUT = {
    "hugo.toml": "baseURL = 'https://example.org/'\ntitle = 'x'\n"
    "disableKinds = ['RSS', 'sitemap', 'robotsTXT', '404']\n",
    "layouts/single.html": "{{ .Title }}",
    "layouts/list.html": "{{ .Title }}",
    "layouts/taxonomy.html": '{{ range .Data.Terms.ByCount }}<a href="{{ .Page.RelPermalink }}" '
    'data-count="{{ .Count }}">{{ .Page.Title }}</a>\n{{ end }}',
    # the title too: Hugo writes no file for an empty page (D's lists nothing)
    "layouts/term.html": "<h1>{{ .Title }}</h1>\n"
    '{{ range .Pages }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>\n{{ end }}',
}


def test_terms_on_other_pages_count_as_in_hugo(make_site: MakeSite, tmp_path: Path) -> None:
    """Hugo 0.168 counts a term on every regular page and section ``_index.md``; drafts and
    unrendered pages not at all; a ``build.list = never`` page counts but is listed nowhere."""
    hugo = require_hugo()
    root = tmp_path / "hugo"
    tree = {**PAGE_TERMS_LAYOUT, **{f"content/{k}": v for k, v in PAGE_TERMS.items()}}
    for name, text in tree.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, "utf-8")
    ok([hugo, "--quiet"], cwd=root, timeout=120)
    public = root / "public"

    def hugo_links(path: str) -> list[str]:
        soup = BeautifulSoup((public / path / "index.html").read_text("utf-8"), "lxml")
        return [a["href"] for a in soup.find_all("a")]

    hugo_terms = sorted(p.parent.name for p in (public / "tags").glob("*/index.html"))
    index = BeautifulSoup((public / "tags" / "index.html").read_text("utf-8"), "lxml")
    hugo_counts = {a["href"]: int(a["data-count"]) for a in index.find_all("a")}
    assert hugo_terms == ["a", "b", "d"]  # what Hugo 0.168 did, so a change shows here

    files = {f"docs/{k}": v for k, v in PAGE_TERMS.items()}
    site = make_site({"docs/index.md": "# Home\n", **files}, plugin={"hugo_content": True})
    ours = sorted(p.parent.name for p in (site.site_dir / "tags").glob("*/index.html"))
    assert ours == hugo_terms
    counts = {}
    for term in ours:
        page = site.content(f"tags/{term}/")
        meta = page.select_one(".essay-term__meta").get_text()
        counts[f"/tags/{term}/"] = int(re.search(r"(\d+) essays?", meta).group(1))
        links = page.select(".essay-term__essays .essay-list__title a")
        listed = [
            urlsplit(urljoin(f"https://x.invalid/tags/{term}/", a["href"])).path for a in links
        ]
        assert listed == hugo_links(f"tags/{term}"), term
    assert counts == hugo_counts
    assert not site.exists("draft-page/") and not site.exists("unrendered/")

    # mkdocs serve previews the draft page, with its badge, on its term's page.
    serve = make_site(files, plugin={"hugo_content": True}, serve=True)
    (draft,) = serve.content("tags/c/").select(".essay-term__essays .essay-list__title")
    assert draft.a.get_text() == "Draft page" and draft.select_one(".essay-badge--draft")

    # Without hugo_content, terms come from essays alone, as before.
    plain = make_site({"docs/index.md": "# Home\n", **files})
    assert sorted(p.parent.name for p in (plain.site_dir / "tags").glob("*/index.html")) == ["a"]
    links = plain.content("tags/a/").select(".essay-term__essays .essay-list__title a")
    assert [a.get_text() for a in links] == ["Essay"]


def test_a_page_without_front_matter_is_read_once(make_site: MakeSite, monkeypatch) -> None:
    """The content step reads every page once; Hugo's rules (shortcodes, an ``_index.md``'s
    title, includes) use what it read, they do not parse the page again."""
    import mkdocs_essays.frontmatter
    import mkdocs_essays.hugo.transform

    seen: list[str] = []
    original = mkdocs_essays.frontmatter.read

    def counting(source, path, **kwargs):  # type: ignore[no-untyped-def]
        seen.append(path)
        return original(source, path, **kwargs)

    monkeypatch.setattr(mkdocs_essays.frontmatter, "read", counting)
    monkeypatch.setattr(mkdocs_essays.hugo.transform, "read", counting)
    files = {
        "docs/posts/a.md": essay("A", body='{{< include "notes/snippet.md" >}}'),
        "docs/notes/_index.md": "Notes, with no front matter.\n",
        "docs/notes/snippet.md": "A snippet with a {{< param greeting >}}.\n",
        "docs/notes/other.md": "A plain page.\n",
    }
    site = make_site(files, config={**CONFIG, "extra": {"greeting": "hello"}})
    assert "A snippet with a hello." in site.content("posts/a/").get_text()
    assert site.content("notes/").select_one("h1").get_text(strip=True) == "Notes"
    for path in ("docs/notes/_index.md", "docs/notes/snippet.md", "docs/notes/other.md"):
        assert seen.count(path) == 1, (path, seen)
