"""Tag pages for every taxonomy, built with MkDocs into temporary folders and read back."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path
from urllib.parse import quote, unquote, urljoin

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import BASE_CONFIG, MakeSite, Site, run_build, write_tree
from hugo_compare import require_hugo
from linkcheck import broken_links
from processes import ok

TAXONOMIES = {"taxonomies": {"tag": "tags", "category": "categories", "series": "series"}}


def essay(title: str, date: str, tags: list[str], extra: str = "") -> str:
    return (
        f"+++\ntitle = {json.dumps(title)}\ndate = {date}\n"
        f"tags = {json.dumps(tags, ensure_ascii=False)}\n{extra}\n+++\n\n"
        f"The summary of {title}.\n\n<!--more-->\n\nMore text.\n"
    )


# Published: Alpha, Beta, Gamma. Left out of `mkdocs build`: a draft and a future essay.
SITE = {
    "docs/index.md": "# Home\n",
    "docs/posts/alpha.md": essay(
        "Alpha",
        "2024-01-01",
        ["LLM", "C++", "Generative AI"],
        'categories = ["Engineering"]\nseries = ["Basics"]',
    ),
    "docs/posts/beta.md": essay(
        "Beta",
        "2024-02-01",
        ["llm", "C#", "日本語", "Generative  AI", "C++"],
        'series = ["Basics"]',
    ),
    "docs/posts/gamma.md": essay(
        "Gamma", "2024-03-01", ["LLM", "c++", "llm"], 'categories = ["Engineering", "Strategy"]'
    ),
    "docs/posts/delta.md": essay(
        "Delta draft",
        "2024-04-01",
        ["LLM", "Secret topic", "C#"],
        'draft = true\ncategories = ["Hidden"]',
    ),
    "docs/posts/epsilon.md": essay("Epsilon future", "2999-01-01", ["LLM", "Future topic"]),
}


def cloud(site: Site, url: str) -> list[tuple[str, int, str, int]]:
    """(name, count, href, weight) of every term in a taxonomy index, in page order."""
    out = []
    for item in site.content(url).select("li.essay-cloud__item"):
        link = item.select_one("a.essay-cloud__term")
        count = int(link.select_one(".essay-cloud__count").get_text().split()[0])
        step = int(re.search(r"essay-cloud__item--(\d)", " ".join(item["class"])).group(1))
        name = link.get_text(" ", strip=True).rsplit(" ", 1)[0]
        out.append((name, count, link["href"], step))
    return out


def target(url: str, href: str) -> str:
    """The site path a relative link on the page at ``url`` points to (decoded)."""
    return unquote(urljoin("https://x.invalid/" + quote(url), href))[len("https://x.invalid/") :]


def page(site: Site, path: str) -> BeautifulSoup:
    """A page by its decoded path (``tags/c#/``: ``Site.html`` would take ``#`` for a fragment)."""
    file = site.site_dir / (path + "index.html" if path.endswith("/") or not path else path)
    return BeautifulSoup(file.read_text("utf-8"), "lxml")


def content(site: Site, path: str) -> BeautifulSoup:
    soup = page(site, path)
    return soup.select_one("article.md-content__inner") or soup.select_one('[role="main"]')


def chip_links(site: Site) -> list[tuple[str, str, str]]:
    """(page, chip text, target path) of every term link on every page of the site."""
    found = []
    for url in site.pages():
        if url.endswith("404.html"):
            continue
        for link in page(site, url).select("a.essay-tag, a.essay-cloud__term"):
            name = link.find(string=True, recursive=False) or link.get_text()
            found.append((url, name.strip(), target(url, link["href"])))
    return found


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """The SITE above built once with Material (the tests below only read it)."""
    root = tmp_path_factory.mktemp("tags")
    config = {**BASE_CONFIG, "plugins": ["search", {"essays": TAXONOMIES}]}
    write_tree(root, {"mkdocs.yml": yaml.safe_dump(config), **SITE})
    return run_build(root)


def test_tag_index_counts_orders_and_weights_published_essays(built: Site) -> None:
    terms = cloud(built, "tags/")
    assert [(name, count) for name, count, _, _ in terms] == [
        ("C++", 3),
        ("LLM", 3),
        ("Generative AI", 2),
        ("C#", 1),  # the draft also has C#: it does not count
        ("日本語", 1),
    ]
    assert [href for _, _, href, _ in terms] == [
        "c%2B%2B/",
        "llm/",
        "generative-ai/",
        "c%23/",
        "%E6%97%A5%E6%9C%AC%E8%AA%9E/",
    ]
    steps = [step for *_, step in terms]
    assert steps == sorted(steps, reverse=True) and steps[0] > steps[-1]
    assert built.html("tags/").title.get_text().startswith("Tags")
    assert built.content("tags/").find("h1").get_text() == "Tags"


def test_term_pages_live_at_hugos_paths(built: Site) -> None:
    for folder in ("c++", "c#", "llm", "generative-ai", "日本語"):
        assert (built.site_dir / "tags" / folder / "index.html").is_file(), folder
    # "Generative  AI" is merged into "Generative AI": Hugo's own path for it redirects there
    moved = built.text("tags/generative--ai/")
    assert 'http-equiv="refresh" content="0; url=../generative-ai/"' in moved
    for left_out in ("secret-topic", "future-topic"):
        assert not built.exists(f"tags/{left_out}/")
    assert not built.exists("categories/hidden/")


def test_term_page_lists_essays_newest_first_with_related_terms(built: Site) -> None:
    page = built.content("tags/llm/")
    assert page.find("h1").get_text() == "LLM"
    assert built.html("tags/llm/").title.get_text().startswith("LLM")
    items = page.select(".essay-term__essays .essay-list__item")
    assert [i.select_one(".essay-list__title a").get_text() for i in items] == [
        "Gamma",
        "Beta",
        "Alpha",
    ]
    assert [i.find("time")["datetime"][:10] for i in items] == [
        "2024-03-01",
        "2024-02-01",
        "2024-01-01",
    ]
    assert items[0].select_one(".essay-list__summary").get_text() == "The summary of Gamma."
    assert items[0].select_one(".essay-list__title a")["href"] == "../../posts/gamma/"
    assert "3 essays" in page.select_one(".essay-term__meta").get_text()
    related = [
        (a.find(string=True).strip(), int(a.select_one(".essay-related__count").get_text()))
        for a in page.select(".essay-term__related a.essay-tag")
    ]
    assert related == [("C++", 3), ("Generative AI", 2), ("C#", 1), ("日本語", 1)]
    back = page.select_one(".essay-term__back a")
    assert back["href"] == "../" and "All tags" in back.get_text()
    text = page.get_text()
    assert "Delta draft" not in text and "Epsilon future" not in text


def test_categories_and_a_custom_taxonomy_get_the_same_pages(built: Site) -> None:
    assert [(n, c) for n, c, _, _ in cloud(built, "categories/")] == [
        ("Engineering", 2),
        ("Strategy", 1),
    ]
    assert [(n, c) for n, c, _, _ in cloud(built, "series/")] == [("Basics", 2)]
    basics = built.content("series/basics/")
    assert basics.find("h1").get_text() == "Basics"
    titles = [a.get_text() for a in basics.select(".essay-list__title a")]
    assert titles == ["Beta", "Alpha"]
    assert basics.select_one(".essay-term__back a").get_text() == "← All series"
    chips = built.content("posts/alpha/").select("nav.essay-terms--series a.essay-tag")
    assert [(a.get_text(), a["href"]) for a in chips] == [("Basics", "../../series/basics/")]


def test_essay_chips_show_the_merged_spelling_once(built: Site) -> None:
    chips = built.content("posts/gamma/").select("nav.essay-terms--tags a.essay-tag")
    # Gamma carries "LLM", "c++" and "llm": one LLM chip, names as most writers spell them.
    assert [(a.get_text(), a["href"]) for a in chips] == [
        ("LLM", "../../tags/llm/"),
        ("C++", "../../tags/c%2B%2B/"),
    ]
    beta = built.content("posts/beta/").select("nav.essay-terms--tags a.essay-tag")
    assert [a.get_text() for a in beta] == ["LLM", "C#", "日本語", "Generative AI", "C++"]


def test_every_term_link_on_every_page_resolves_to_its_term(built: Site) -> None:
    links = chip_links(built)
    assert len(links) > 40
    headings: dict[str, str] = {}
    for url, name, path in links:
        if path not in headings:
            headings[path] = content(built, path).find("h1").get_text()
        heading = headings[path]
        assert heading == name, f"{url}: chip {name!r} leads to the page of {heading!r}"
    assert broken_links(built.site_dir) == []


def test_left_out_essays_count_nowhere(built: Site) -> None:
    checked = [u for u in built.pages() if u.startswith(("tags/", "categories/", "series/"))]
    assert "tags/" in checked and "tags/llm/" in checked  # the pages that would show them
    for url in checked:
        text = str(page(built, url))
        for word in ("Delta draft", "Epsilon future", "Secret topic", "Future topic"):
            assert word not in text, f"{word} in {url}"


def test_merges_are_reported_once_at_info_level(built: Site) -> None:
    merged = [m for m in built.messages() if "differ only in case or spacing" in m]
    assert len(merged) == 1
    line = merged[0]
    assert "tags 'LLM' (also written 'llm')" in line
    assert "tags 'C++' (also written 'c++')" in line
    assert "'Generative AI' (also written 'Generative  AI') at /tags/generative-ai/" in line
    assert "Hugo's /tags/generative--ai/ redirects there" in line
    assert built.warnings() == []


def test_names_that_collide_on_one_page_are_a_warning(make_site: MakeSite) -> None:
    site = make_site(
        {
            "docs/posts/a.md": essay("A", "2024-01-01", ["Hello, World!"]),
            "docs/posts/b.md": essay("B", "2024-01-02", ["hello world"]),
            "docs/posts/c.md": essay("C", "2024-01-03", ["C♯", "Go"]),
            "docs/posts/d.md": essay("D", "2024-01-04", ["C", "Go"]),
        },
        warnings=[
            r"tags: different names share the page /tags/hello-world/: "
            r"'Hello, World!' in docs/posts/a\.md:4; 'hello world' in docs/posts/b\.md:4\. "
            "Rename one of them",
            r"/tags/c/: 'C' in docs/posts/d\.md:4; 'C♯' in docs/posts/c\.md:4",
        ],
    )
    assert len(site.warnings()) == 2
    page = site.content("tags/hello-world/")
    assert [a.get_text() for a in page.select(".essay-list__title a")] == ["B", "A"]


def test_serve_previews_left_out_essays_with_badges(make_site: MakeSite) -> None:
    site = make_site(SITE, plugin=TAXONOMIES, serve=True)
    terms = {name: count for name, count, _, _ in cloud(site, "tags/")}
    assert terms["LLM"] == 5 and terms["C#"] == 2
    assert terms["Secret topic"] == 1 and terms["Future topic"] == 1
    page = site.content("tags/secret-topic/")
    assert page.select_one(".essay-list__title a").get_text() == "Delta draft"
    assert page.select_one(".essay-badge").get_text() == "Draft"
    llm = site.content("tags/llm/").select(".essay-list__title")
    badges = {h.a.get_text(): [b.get_text() for b in h.select(".essay-badge")] for h in llm}
    assert badges["Epsilon future"] == ["Scheduled"] and badges["Alpha"] == []
    assert site.exists("categories/hidden/")


def test_mkdocs_theme(make_site: MakeSite) -> None:
    site = make_site(SITE, config={"theme": {"name": "mkdocs"}}, plugin=TAXONOMIES)
    assert [(n, c) for n, c, _, _ in cloud(site, "tags/")][:2] == [("C++", 3), ("LLM", 3)]
    chips = site.content("posts/alpha/").select("nav.essay-terms--tags a.essay-tag")
    assert [a.get_text() for a in chips] == ["LLM", "C++", "Generative AI"]
    assert content(site, "tags/c#/").find("h1").get_text() == "C#"
    css = site.text("assets/mkdocs-essays/essays.css")
    assert ".essay-cloud__item--5" in css and "a.essay-tag" in css
    nav = [a.get_text(strip=True) for a in site.html("").select(".navbar-nav a")]
    assert "Tags" in nav and "Series" in nav
    links = chip_links(site)
    assert links and all(content(site, path).find("h1") for _, _, path in links)
    assert broken_links(site.site_dir) == []


def test_material_tags_plugin_beside_ours(make_site: MakeSite) -> None:
    files = {
        **SITE,
        "docs/guide.md": "---\ntags: [Guide]\n---\n# Guide\n\nA page of the docs.\n",
        "docs/index-of-tags.md": "# Index of tags\n\n<!-- material/tags -->\n",
    }
    site = make_site(files, config={"plugins": ["search", "tags", "essays"]}, plugin=TAXONOMIES)
    for slug in ("alpha", "beta", "gamma"):
        page = site.html(f"posts/{slug}/")
        visible = [n for n in page.select("nav.md-tags") if not n.has_attr("hidden")]
        assert visible == [], f"posts/{slug}/ shows Material's row of tags too"
        assert len(page.select("nav.essay-terms--tags")) == 1
    # Material's own chips stay on the pages we do not draw chips for.
    guide = site.html("guide/").select("nav.md-tags")
    assert len(guide) == 1 and not guide[0].has_attr("hidden")
    # Material's listing still lists the essays; our pages are unchanged.
    listing = site.content("index-of-tags/").get_text()
    assert "Alpha" in listing and "Guide" in listing
    assert [(n, c) for n, c, _, _ in cloud(site, "tags/")][:2] == [("C++", 3), ("LLM", 3)]
    assert site.exists("tags/llm/")
    assert broken_links(site.site_dir) == []


def test_writers_pages_host_the_listings_at_their_markers(make_site: MakeSite) -> None:
    files = {
        **SITE,
        "docs/tags/index.md": "# Topics\n\nIntro text.\n\n<!-- essays:terms -->\n\nOutro text.\n",
        "docs/tags/llm.md": "# All about LLMs\n\nMy own words.\n\n<!-- essays:term -->\n",
    }
    site = make_site(files, plugin=TAXONOMIES)
    index = site.content("tags/")
    assert [h.get_text(strip=True).rstrip("¶") for h in index.find_all("h1")] == ["Topics"]
    text = index.get_text(" ", strip=True)
    assert text.index("Intro text.") < text.index("LLM") < text.index("Outro text.")
    assert len(index.select("li.essay-cloud__item")) == 5
    llm = site.content("tags/llm/")
    assert [h.get_text(strip=True).rstrip("¶") for h in llm.find_all("h1")] == ["All about LLMs"]
    assert "My own words." in llm.get_text()
    assert [a.get_text() for a in llm.select(".essay-list__title a")] == ["Gamma", "Beta", "Alpha"]
    assert "<!-- essays:" not in site.text("tags/") + site.text("tags/llm/")
    assert broken_links(site.site_dir) == []
    # The chips on the essays lead to the writer's page.
    chip = site.content("posts/alpha/").select_one("a.essay-tag")
    assert target("posts/alpha/", chip["href"]) == "tags/llm/"


def test_a_writers_page_without_marker_is_kept_with_a_warning(make_site: MakeSite) -> None:
    files = {**SITE, "docs/tags/c++.md": "# My C++ notes\n\nNothing generated here.\n"}
    site = make_site(
        files,
        plugin=TAXONOMIES,
        warnings=[
            r"docs/tags/c\+\+\.md is at the path of the generated term page /tags/c%2B%2B/; "
            r"your page is kept and the listing left out\. Add the line <!-- essays:term -->"
        ],
    )
    page = site.content("tags/c++/")
    assert "Nothing generated here." in page.get_text()
    assert page.select(".essay-list") == []


def test_taxonomies_option_chooses_the_pages_and_the_nav(make_site: MakeSite) -> None:
    files = {
        "docs/index.md": "# Home\n",
        "docs/posts/a.md": essay("A", "2024-01-01", ["LLM"], 'categories = ["Ignored"]'),
    }
    site = make_site(files, plugin={"taxonomies": {"tag": "tags", "category": "categories"}})
    assert site.exists("categories/")  # as Hugo, the index exists
    assert site.exists("categories/ignored/")
    nav = [a.get_text(strip=True) for a in site.html("").select("nav.md-nav--primary a")]
    assert "Tags" in nav

    only = make_site(files, plugin={"taxonomies": {"tag": "tags", "series": "series"}})
    assert not only.exists("categories/") and not only.exists("categories/ignored/")
    assert only.exists("series/")
    assert "No series yet." in only.content("series/").get_text()
    nav = [a.get_text(strip=True) for a in only.html("").select("nav.md-nav--primary a")]
    assert "Tags" in nav and "Series" not in nav  # an empty taxonomy stays out of the nav


def test_without_directory_urls(make_site: MakeSite) -> None:
    site = make_site(SITE, config={"use_directory_urls": False}, plugin=TAXONOMIES)
    assert (site.site_dir / "tags.html").is_file() and (site.site_dir / "tags/c#.html").is_file()
    hrefs = [href for _, _, href, _ in cloud(site, "tags.html")]
    assert hrefs[:2] == ["tags/c%2B%2B.html", "tags/llm.html"]
    assert broken_links(site.site_dir) == []


def test_other_features_add_counts_and_sections(make_site: MakeSite, monkeypatch) -> None:
    from mkdocs_essays import plugin
    from mkdocs_essays.pages.feature import Feature

    class FakeCards(Feature):
        def term_counts(self, term):
            return {"cards": 2} if term.slug == "llm" else {"cards": 1}

        def term_section(self, term, page_url):
            return f'<section id="fake-cards"><h2>Cards of {term.name}</h2></section>'

    monkeypatch.setattr(plugin, "FEATURES", [*plugin.FEATURES, FakeCards])
    site = make_site(SITE, plugin=TAXONOMIES)
    llm = next(
        t for t in site.content("tags/").select("a.essay-cloud__term") if "llm/" in t["href"]
    )
    assert "2 cards" in llm.get_text() and llm["title"] == "3 essays, 2 cards"
    page = site.content("tags/llm/")
    assert "· 2 cards" in page.select_one(".essay-term__meta").get_text()
    sections = [s.get("id") or s["class"][0] for s in page.find_all("section", recursive=False)]
    assert sections == ["essay-term__essays", "fake-cards", "essay-term__related"]
    assert "· 1 card" in site.content("tags/c++/").select_one(".essay-term__meta").get_text()
    assert "1 cards" not in site.text("tags/")


# -- Hugo, live --------------------------------------------------------------------------------

HUGO_LAYOUT = {
    "hugo.toml": "baseURL = 'https://example.org/'\ntitle = 'x'\n"
    "disableKinds = ['RSS', 'sitemap', 'robotsTXT', '404']\n",
    "layouts/single.html": '{{ range .GetTerms "tags" }}<a href="{{ .RelPermalink }}">'
    "{{ .LinkTitle }}</a>\n{{ end }}",
    "layouts/list.html": "{{ .Title }}",
    "layouts/taxonomy.html": '{{ range .Data.Terms.ByCount }}<a href="{{ .Page.RelPermalink }}" '
    'data-count="{{ .Count }}">{{ .Page.Title }}</a>\n{{ end }}',
    # paginated, as the plugin's term pages are (Hugo then writes tags/<term>/page/1/ too)
    "layouts/term.html": "{{ range .Paginator.Pages }}{{ .Title }}\n{{ end }}",
}
HUGO_ESSAYS = {
    "a": ("2024-01-01", ["LLM", "C++", "C#", "日本語", "Generative AI", "foo_bar"]),
    "b": ("2024-01-02", ["llm", "a.b", "Ünïcödé Têxt", "generative-ai", "x/y"]),
    "c": ("2024-01-03", ["HTML", "LLM", "100%", "it's"]),
    "draft": ("2024-01-04", ["LLM", "Only in a draft"]),
}


def test_term_paths_and_counts_match_a_live_hugo_build(make_site: MakeSite, tmp_path: Path):
    hugo = require_hugo()
    content = {
        f"content/posts/{name}.md": essay(
            name, date, tags, "draft = true" if name == "draft" else ""
        )
        for name, (date, tags) in HUGO_ESSAYS.items()
    }
    write_tree(tmp_path / "hugo", {**HUGO_LAYOUT, **content})
    start = time.perf_counter()
    ok([hugo, "--quiet"], cwd=tmp_path / "hugo", timeout=120)
    print(f"\nhugo built the comparison site in {time.perf_counter() - start:.2f} s")
    public = tmp_path / "hugo" / "public"

    site = make_site({k.replace("content/", "docs/"): v for k, v in content.items()})

    def folders(root: Path) -> set[str]:
        return {p.parent.relative_to(root).as_posix() for p in root.rglob("index.html")}

    assert folders(public / "tags") == folders(site.site_dir / "tags")
    hugo_index = BeautifulSoup((public / "tags" / "index.html").read_text("utf-8"), "lxml")
    hugo_counts = {unquote(a["href"]): int(a["data-count"]) for a in hugo_index.find_all("a")}
    ours = {"/" + target("tags/", href): count for _, count, href, _ in cloud(site, "tags/")}
    assert ours == hugo_counts
    for name in ("a", "b", "c"):
        hugo_page = BeautifulSoup(
            (public / "posts" / name / "index.html").read_text("utf-8"), "lxml"
        )
        hugo_links = [unquote(a["href"]) for a in hugo_page.find_all("a")]
        our_links = [
            "/" + target(f"posts/{name}/", a["href"])
            for a in site.content(f"posts/{name}/").select("a.essay-tag")
        ]
        assert our_links == hugo_links
