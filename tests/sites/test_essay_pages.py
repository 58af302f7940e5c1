"""Essay pages and the essay index, built with MkDocs into temporary folders."""

from __future__ import annotations

import json
import logging
import re

from conftest import SEED, MakeSite

SEED_URL = "posts/generative-ai-development-strategies-and-patterns/"


def essay(title: str, date: str = "2024-01-01", extra: str = "", body: str = "Body text.") -> str:
    return f"+++\ntitle = {json.dumps(title)}\ndate = {date}\n{extra}\n+++\n\n{body}\n"


def paragraphs_of(markdown: str) -> list[str]:
    """Every paragraph of the seed's body as plain text (its links reduced to their text)."""
    body = markdown.split("+++", 2)[2]
    out = []
    for block in re.split(r"\n\s*\n", body):
        block = block.strip()
        if not block or block.startswith("#"):
            continue
        text = re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", block)
        out.append(" ".join(text.split()))
    return out


def test_seed_essay_reads_perfectly(make_site: MakeSite, seed_text: str) -> None:
    site = make_site({"docs/posts/" + SEED.name: SEED.read_bytes(), "docs/index.md": "# Home\n"})
    soup = site.html(SEED_URL)
    content = site.content(SEED_URL)

    title = "Generative AI Development Strategies and Patterns"
    assert soup.title is not None and soup.title.text.startswith(title)
    h1s = content.find_all("h1")
    assert [h.get_text(strip=True) for h in h1s] == [title]

    time = content.find("time")
    assert time is not None and time["datetime"].startswith("2025-01-03")
    assert "January 3, 2025" in time.get_text()

    links = content.select("a.essay-tag")
    assert [a.get_text() for a in links] == ["Generative AI", "LLM", "Strategy"]
    assert [a["href"] for a in links] == [
        "../../tags/generative-ai/",
        "../../tags/llm/",
        "../../tags/strategy/",
    ]

    text = " ".join(" ".join(p.get_text().split()) for p in content.find_all("p"))
    expected = paragraphs_of(seed_text)
    assert len(expected) >= 10
    for paragraph in expected:
        assert paragraph in text, paragraph[:60]

    html = site.text(SEED_URL)
    for leak in ("+++", "title =", "draft = false", "showTableOfContents"):
        assert leak not in html
    headings = [h.get_text(strip=True).rstrip("¶") for h in content.find_all("h2")]
    assert headings == [
        "Strategies for the AI Era",
        "Models & Algorithms Development",
        "Strategies for Personal Growth",
        "Augumented LLM and Worflows",
    ]
    assert "min read" in content.select_one(".essay-reading-time").get_text()


def test_essay_url_follows_hugo(make_site: MakeSite) -> None:
    site = make_site(
        {
            "docs/posts/My Post_Name.md": essay("File name"),
            "docs/posts/slugged.md": essay("Slug", extra='slug = "My Fancy Slug!"'),
            "docs/posts/urled.md": essay("Url", extra='url = "/custom/place/"'),
            "docs/posts/bundle/index.md": essay("Bundle"),
        }
    )
    assert site.exists("posts/my-post_name/")
    assert site.exists("posts/my-fancy-slug/")
    assert site.exists("custom/place/")
    assert site.exists("posts/bundle/")
    assert not site.exists("posts/slugged/")


def test_index_lists_published_essays_newest_first(make_site: MakeSite) -> None:
    site = make_site(
        {
            "docs/posts/old.md": essay("Old one", "2020-05-01"),
            "docs/posts/new.md": essay("New one", "2024-05-01"),
            "docs/posts/mid.md": essay("Middle one", "2022-05-01", body="Mid body. " * 50),
            "docs/posts/draft.md": essay("Draft one", "2023-05-01", "draft = true"),
        }
    )
    items = site.content("posts/").select(".essay-list__item")
    titles = [i.select_one(".essay-list__title a").get_text() for i in items]
    assert titles == ["New one", "Middle one", "Old one"]
    dates = [i.find("time")["datetime"][:10] for i in items]
    assert dates == ["2024-05-01", "2022-05-01", "2020-05-01"]
    summary = items[1].select_one(".essay-list__summary").get_text()
    assert summary.startswith("Mid body.")
    assert len(summary.split()) == 100  # whole paragraph, as Hugo rounds up to it
    home = site.content("")
    assert [a.get_text() for a in home.select(".essay-list__title a")] == titles


def test_summary_rules(make_site: MakeSite) -> None:
    site = make_site(
        {
            "docs/posts/field.md": essay("F", extra='summary = "From the **field**."'),
            "docs/posts/more.md": essay("M", body="Before *the* cut.\n\n<!--more-->\n\nAfter."),
            "docs/posts/auto.md": essay("A", body=" ".join(f"w{i}" for i in range(100))),
        }
    )
    summaries = {
        i.select_one(".essay-list__title a").get_text(): i.select_one(
            ".essay-list__summary"
        ).get_text()
        for i in site.content("posts/").select(".essay-list__item")
    }
    assert summaries["F"] == "From the field."
    assert summaries["M"] == "Before the cut."
    assert summaries["A"].split()[0] == "w0"


def test_left_out_essays_appear_nowhere_in_build(make_site: MakeSite) -> None:
    files = {
        "docs/posts/live.md": essay("Live essay", extra='tags = ["shared"]'),
        "docs/posts/draft.md": essay("Secret draft", extra='draft = true\ntags = ["drafty"]'),
        "docs/posts/future.md": essay("Future essay", "2999-01-01", 'tags = ["later"]'),
        "docs/posts/expired.md": essay(
            "Expired essay", extra='expiryDate = 2001-01-01\ntags = ["gone"]'
        ),
    }
    site = make_site(files)
    assert site.exists("posts/live/")
    for slug in ("draft", "future", "expired"):
        assert not site.exists(f"posts/{slug}/")
    everything = "\n".join(
        p.read_text("utf-8")
        for p in site.site_dir.rglob("*")
        if p.is_file() and p.suffix in (".html", ".xml", ".json")
    )
    for word in ("Secret draft", "Future essay", "Expired essay", "drafty", "later", "gone"):
        assert word not in everything
    search = json.loads((site.site_dir / "search" / "search_index.json").read_text("utf-8"))
    assert not any("draft" in doc["location"] for doc in search["docs"])
    sitemap = (site.site_dir / "sitemap.xml").read_text("utf-8")
    assert "posts/live/" in sitemap and "posts/draft/" not in sitemap


def test_serve_previews_drafts_with_a_badge(make_site: MakeSite) -> None:
    site = make_site(
        {
            "docs/posts/live.md": essay("Live essay"),
            "docs/posts/draft.md": essay("Secret draft", extra="draft = true"),
            "docs/posts/future.md": essay("Future essay", "2999-01-01"),
        },
        serve=True,
    )
    badge = site.content("posts/draft/").select_one(".essay-badge")
    assert badge is not None and badge.get_text() == "Draft"
    assert site.content("posts/future/").select_one(".essay-badge").get_text() == "Scheduled"
    titles = [a.get_text() for a in site.content("posts/").select(".essay-list__title a")]
    assert "Secret draft" in titles and "Live essay" in titles


def test_build_options_publish_left_out_essays(make_site: MakeSite) -> None:
    site = make_site(
        {
            "docs/posts/draft.md": essay("Draft", extra="draft = true"),
            "docs/posts/future.md": essay("Future", "2999-01-01"),
            "docs/posts/expired.md": essay("Expired", extra="expiryDate = 2001-01-01"),
        },
        plugin={"build_drafts": True, "build_future": True, "build_expired": True},
    )
    for slug in ("draft", "future", "expired"):
        assert site.exists(f"posts/{slug}/")
        assert site.content(f"posts/{slug}/").select_one(".essay-badge") is None


def test_formats_and_line_endings(make_site: MakeSite) -> None:
    site = make_site(
        {
            "docs/posts/yaml.md": "---\ntitle: From YAML\ndate: 2024-02-02\ntags: [on]\n---\nY.\n",
            "docs/posts/json.md": '{\n "title": "From JSON",\n "date": "2024-02-03"\n}\nJ.\n',
            "docs/posts/crlf.md": b'\xef\xbb\xbf+++\r\ntitle = "From CRLF"\r\n+++\r\nC.\r\n',
            "docs/page.md": '+++\ntitle = "Plain page"\n+++\nNot an essay.\n',
        }
    )
    assert site.content("posts/yaml/").find("h1").get_text() == "From YAML"
    assert site.content("posts/yaml/").select_one("a.essay-tag").get_text() == "on"
    assert site.content("posts/json/").find("h1").get_text() == "From JSON"
    assert site.content("posts/crlf/").find("h1").get_text() == "From CRLF"
    page = site.text("page/")
    assert "Plain page" in site.html("page/").title.text
    assert "+++" not in page and "title =" not in page


def test_show_table_of_contents_false_hides_toc(make_site: MakeSite) -> None:
    body = "## One\n\nText.\n\n## Two\n\nText."
    files = {
        "docs/posts/hidden.md": essay("Hidden", extra="showTableOfContents = false", body=body),
        "docs/posts/shown.md": essay("Shown", body=body),
    }
    site = make_site(files)
    assert site.html("posts/shown/").select('nav.md-nav--secondary a[href="#one"]')
    assert not site.html("posts/hidden/").select('nav.md-nav--secondary a[href="#one"]')
    plain = make_site(files, config={"theme": {"name": "mkdocs"}})
    assert plain.html("posts/shown/").select('.bs-sidebar a[href="#one"]')
    assert not plain.html("posts/hidden/").select('.bs-sidebar a[href="#one"]')


def test_body_h1_is_not_doubled(make_site: MakeSite) -> None:
    site = make_site({"docs/posts/h1.md": essay("Front title", body="# Body title\n\nText.")})
    h1s = site.content("posts/h1/").find_all("h1")
    assert len(h1s) == 1 and "Body title" in h1s[0].get_text()
    assert site.content("posts/h1/").find("time") is not None


def test_multimarkdown_lookalike_first_line_is_kept(make_site: MakeSite) -> None:
    body = "Note: this line is text, not metadata.\n\nSecond paragraph."
    site = make_site({"docs/posts/note.md": essay("Note", body=body)})
    assert "Note: this line is text" in site.content("posts/note/").get_text()


def test_bad_front_matter_stops_the_build_naming_file_and_line(make_site: MakeSite) -> None:
    # A date Hugo 0.168 cannot read stops its build too ("not a parsable date"); what Hugo
    # only ignores (tags = [['a']]) is a warning, see tests/unit/test_hugo_scalars.py.
    site = make_site(
        {"docs/posts/x.md": '+++\ntitle = "x"\ndate = "soon"\ntags = [\'a\']\n+++\nBody\n'},
        expect_error=True,
    )
    assert "docs/posts/x.md:3: 'date' must be a date such as 2025-01-03" in site.error


def test_two_essays_on_one_url_is_an_error(make_site: MakeSite) -> None:
    site = make_site(
        {
            "docs/posts/a.md": essay("A", extra='slug = "same"'),
            "docs/posts/b.md": essay("B", extra='slug = "same"'),
        },
        expect_error=True,
    )
    assert "docs/posts/b.md:4: this essay and docs/posts/a.md both publish at /posts/same/" in (
        site.error
    )


def test_url_leaving_the_site_is_an_error(make_site: MakeSite) -> None:
    site = make_site({"docs/posts/a.md": essay("A", extra='url = "../../etc/"')}, expect_error=True)
    assert "docs/posts/a.md:4: 'url' '../../etc/' contains '..'" in site.error


def test_user_index_page_hosts_the_listing(make_site: MakeSite) -> None:
    site = make_site(
        {
            "docs/posts/index.md": "# My essays\n\nIntro.\n\n<!-- essays:index -->\n\nOutro.\n",
            "docs/posts/a.md": essay("Alpha"),
        }
    )
    content = site.content("posts/")
    assert content.find("h1").get_text(strip=True).rstrip("¶") == "My essays"
    text = content.get_text(" ")
    assert text.index("Intro.") < text.index("Alpha") < text.index("Outro.")


def test_user_index_without_marker_warns_and_is_kept(make_site: MakeSite) -> None:
    site = make_site(
        {"docs/posts/index.md": "# Mine\n\nOnly my words.\n", "docs/posts/a.md": essay("Alpha")},
        warnings=[r"docs/posts/index.md is at the path of the generated essay index page"],
    )
    assert "Only my words." in site.content("posts/").get_text()
    assert "Alpha" not in site.content("posts/").get_text()


def test_title_with_markup_is_escaped(make_site: MakeSite) -> None:
    site = make_site({"docs/posts/x.md": essay('<script>alert(1)</script> & "q"')})
    soup = site.html("posts/x/")
    assert not soup.find_all("script", string=re.compile("alert"))
    assert soup.title.text.startswith('<script>alert(1)</script> & "q"')
    assert site.content("posts/x/").find("h1").get_text() == '<script>alert(1)</script> & "q"'


def test_serve_keeps_going_and_shows_bad_front_matter_on_its_page(make_site: MakeSite) -> None:
    site = make_site(
        {
            "docs/posts/bad.md": '+++\ntitle = "Bad"\ndate = ?\n+++\nMy precious words.\n',
            "docs/posts/good.md": essay("Good essay"),
        },
        serve=True,
    )
    message = "docs/posts/bad.md:3: invalid TOML"
    assert any(message in m for m in site.messages(logging.ERROR))
    content = site.content("posts/bad/").get_text()
    assert message in content and "My precious words." in content
    assert site.exists("posts/good/")
