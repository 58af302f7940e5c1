"""Permalink patterns (pages/permalinks.py): every token and form as Hugo 0.168 expands it.

The oracle is Hugo itself: the tests below build small Hugo sites whose pages are published by
a pattern and compare each page's folder with what :meth:`Pattern.expand` gives. The titles,
slugs and file names are drawn from the characters that made Hugo's rules visible (``+``,
``/``, ``%41``, ``#``, non-breaking spaces, dotted capitals...), from a fixed seed.
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from growth import assert_linear
from hugo_compare import build_with_hugo
from mkdocs_essays.frontmatter import read
from mkdocs_essays.pages.permalinks import (
    PageFacts,
    Pattern,
    PermalinkError,
    Permalinks,
    hugo_expanded_path,
    hugo_token,
)
from mkdocs_essays.pages.urls import UglyUrls, UrlPolicy

ALPHABET = [*"aB é/\\+-_.#~@%2F41 \t!:'&日", "%2F", "%41", "%20", "%C3%A9", "..", "%zz"]
ALPHABET += ["\u00a0", "İ", "Σ"]


def _strings(seed: int, count: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(ALPHABET) for _ in range(rng.randint(1, 8))) for _ in range(count)]


def _published(public: Path, prefix: str) -> dict[int, str]:
    """``t/q007<rest>/index.html`` -> {7: ``t/q007<rest>``}."""
    found: dict[int, str] = {}
    for page in public.rglob("index.html"):
        path = page.parent.relative_to(public).as_posix()
        match = re.match(rf"{prefix}/q(\d\d\d)", path)
        if match:
            found[int(match.group(1))] = path
    return found


@pytest.mark.parametrize("field", ["title", "slug", "filename"])
def test_titles_slugs_and_file_names_are_written_as_hugo_writes_them(
    tmp_path: Path, field: str
) -> None:
    strings = _strings({"title": 1, "slug": 2, "filename": 3}[field], 150)
    files = {
        "hugo.toml": f'baseURL = "https://example.org/"\n[permalinks]\nposts = "/t/:{field}/"\n'
    }
    facts: dict[int, PageFacts] = {}
    for i, text in enumerate(strings):
        if field == "filename":
            name = f"q{i:03d}-{text}"
            if "/" in name:
                continue  # no file name holds a slash
            files[f"content/posts/{name}.md"] = "---\ntitle: t\n---\nx"
            facts[i] = PageFacts(filename=name)
        else:
            value = f"q{i:03d}q{text}"
            front = ("" if field == "title" else "title: t\n") + f"{field}: {json.dumps(value)}\n"
            files[f"content/posts/p{i}.md"] = f"---\n{front}---\nx"
            facts[i] = PageFacts(**{field: value})
    published = _published(build_with_hugo(tmp_path, files), "t")
    pattern = Pattern.parse(f"/t/:{field}/")
    differences = {
        strings[i]: (published[i], pattern.expand(page))
        for i, page in facts.items()
        if i in published and pattern.expand(page) != published[i]
    }
    assert len(published) >= 100
    assert differences == {}


DATES = {
    "offset": "date: 2024-03-09T23:30:05-05:00",
    "none": "",
    "day": "date: 2021-12-31",
    "local": "date: 2021-07-04T08:07:09",
    "utc": "date: 2021-07-04T13:07:09Z",
    "publish-date": "publishDate: 2019-02-03",
    "lastmod": "lastmod: 2018-02-03",
    "india": "date: 2021-01-04T00:07:09+05:30",
    "leap": "date: 2020-02-29T12:00:00",
}
DATE_PATTERN = (
    "/d/:year/:month/:monthname/:day/:weekday/:weekdayname/:yearday/:06/:1/:2/:Jan/:Mon/"
    ":January/:Monday/:2006/:002/:__2/:_2/:15/:3/:03/:4/:04/:5/:05/:MST/:Z0700/:Z07/"
    ":2006_01_02/:20060102/:05pm/:title/"
)


def test_date_tokens_and_go_layouts_are_hugos(tmp_path: Path) -> None:
    """In the site's zone when the date has none, in its own offset when it has one; Go's zero
    date without any; Go's layouts (``:Jan``, ``:_2``, ``:MST``...) as Go formats them."""
    zone = "America/New_York"
    files = {
        "hugo.toml": f'baseURL = "https://x.org/"\ntimeZone = "{zone}"\n'
        f'[permalinks]\nposts = "{DATE_PATTERN}"\n'
    }
    for name, line in DATES.items():
        files[f"content/posts/{name}.md"] = f"---\ntitle: {name}\n{line}\n---\nx"
    public = build_with_hugo(tmp_path, files)
    theirs = sorted(p.parent.relative_to(public).as_posix() for p in public.glob("d/**/index.html"))
    pattern = Pattern.parse(DATE_PATTERN)
    ours = []
    for name in DATES:
        front = read(files[f"content/posts/{name}.md"], name, zone=ZoneInfo(zone)).front
        ours.append(pattern.expand(PageFacts(date=front.date, title=name)))
    assert theirs == sorted(ours)


def test_sections_and_file_names_of_bundles_are_hugos(tmp_path: Path) -> None:
    pattern = (
        "/p/:section/:sections/:sections[1:]/:sections[last]/:sections[:last]/:sections[0]/"
        ":sections[5]/:sectionslug/:sectionslugs/:filename/:contentbasename/:slugorfilename/"
        ":slugorcontentbasename/"
    )
    files = {
        "hugo.toml": f'baseURL = "https://x.org/"\n[permalinks]\nposts = "{pattern}"\n',
        "content/posts/_index.md": "---\ntitle: All Posts\n---\nx",
        "content/posts/a.md": "---\ntitle: A\n---\nx",
        "content/posts/y2020/_index.md": "---\ntitle: Year Twenty\nslug: twenty\n---\nx",
        "content/posts/y2020/m01/b.md": "---\ntitle: B\n---\nx",
        "content/posts/y2020/c/index.md": "---\ntitle: C\nslug: cslug\n---\nx",
        "content/posts/y2021/d.en.md": "---\ntitle: D\n---\nx",
    }
    public = build_with_hugo(tmp_path, files)
    theirs = sorted(p.parent.relative_to(public).as_posix() for p in public.glob("p/**/index.html"))
    policy = UrlPolicy(
        permalinks=Permalinks.parse({"posts": pattern}),
        sections={"posts": (None, "All Posts"), "posts/y2020": ("twenty", "Year Twenty")},
        hugo_titles=True,
    )
    ours = []
    for src_uri, front in [
        ("posts/a.md", {"title": "A"}),
        ("posts/y2020/m01/b.md", {"title": "B"}),
        ("posts/y2020/c/index.md", {"title": "C", "slug": "cslug"}),
        ("posts/y2021/d.en.md", {"title": "D"}),
    ]:
        facts = policy.facts(src_uri, title=front["title"], slug=front.get("slug"))
        ours.append(policy.permalinks.rule("page", policy.path_of(src_uri)).pattern.expand(facts))
    assert theirs == sorted(ours)
    assert "p/posts/posts/y2020/y2020/y2020/posts/posts/all-posts/all-posts/twenty/b/b/b/b" in ours


# -- the configuration ----------------------------------------------------------------------------


def test_every_form_hugo_reads() -> None:
    links = Permalinks.parse(
        {
            "posts": "/:year/:slug/",
            "/": "/p/:filename/",
            "page": {"notes": "/n/:title/", "notes/deep": "/deep/:slug/"},
            "section": {"notes": "/notebook/"},
            "term": {"tags": "/topics/:slug/"},
            "taxonomy": {"tags": "/all/"},
        }
    )
    assert links.rule("page", "posts/2020/x").pattern.text == "/:year/:slug/"
    assert links.rule("term", "posts/llm").pattern.text == "/:year/:slug/"  # Hugo: both kinds
    assert links.rule("page", "about").pattern.text == "/p/:filename/"
    assert links.rule("page", "docs/about") is None  # "/" is the top only
    assert links.rule("page", "notes/deep/x").pattern.text == "/deep/:slug/"  # the deeper key
    assert links.rule("page", "notes/x").pattern.text == "/n/:title/"
    assert links.rule("section", "notes").pattern.text == "/notebook/"
    assert links.rule("term", "tags/llm").pattern.text == "/topics/:slug/"
    assert links.rule("taxonomy", "tags").pattern.text == "/all/"
    assert links.rule("page", "tags/llm") is None
    # an escaped colon is no token; the path's cleaning then drops it (Hugo 0.168 wrote
    # `/:year\:x/` as `2009x/`)
    assert Pattern.parse(r"/a\:b/:slug/").expand(PageFacts(slug="x")) == "ab/x"


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ({"posts": "/:yaer/:slug/"}, r"permalinks\.posts: .* the token ':yaer', which Hugo"),
        ({"posts": "/:PM/"}, r"':PM'"),  # PM is no layout: Hugo's reference time is PM
        ({"posts": "/../:slug/"}, r"permalinks\.posts: .*'\.\.' segment"),
        ({"posts": "/%2e%2e/x/:slug/"}, r"'\.\.' segment"),
        ({"posts": "https://evil.example/:slug/"}, r"points to another site"),
        ({"pages": {"posts": 3}}, r"permalinks\.pages: 'pages' is not a kind"),
        ({"page": {"posts": 3}}, r"permalinks\.page\.posts: expected a pattern"),
        ({"posts": ["/:slug/"]}, r"permalinks\.posts: expected a pattern"),
        (["/:slug/"], r"expected a table"),
    ],
)
def test_what_hugo_refuses_or_leaves_the_site_is_refused(value: object, message: str) -> None:
    with pytest.raises(PermalinkError, match=message):
        Permalinks.parse(value)


def test_a_pattern_giving_the_home_page_is_refused() -> None:
    from mkdocs_essays.model import PathError

    policy = UrlPolicy(permalinks=Permalinks.parse({"posts": "/:title/"}))
    assert policy.page("posts/x", "posts/x", lambda: PageFacts(title="A")) == "a"
    with pytest.raises(PathError, match=r"permalinks\.posts: '/:title/' gives it the address"):
        policy.page("posts/x", "posts/x", lambda: PageFacts(title=""))


def test_ugly_urls_and_html_patterns() -> None:
    """Hugo 0.168: ``x.html`` under uglyURLs; a pattern ending in .html is a folder so named
    (``x.html/index.html``), and ``x.html.html`` under uglyURLs."""
    links = Permalinks.parse({"posts": "/p/:slug.html"})
    facts = lambda: PageFacts(slug="a")  # noqa: E731
    assert UrlPolicy(permalinks=links).page("posts/a", "", facts) == "p/a.html/index.html"
    ugly = UrlPolicy(permalinks=links, ugly=UglyUrls.of(True))
    assert ugly.page("posts/a", "", facts) == "p/a.html.html"
    sections = UrlPolicy(ugly=UglyUrls.of({"posts": True, "notes": False}))
    assert sections.page("posts/a", "posts/a", facts) == "posts/a.html"
    assert sections.page("notes/a", "notes/a", facts) == "notes/a"
    assert sections.term("tags", "llm") == "tags/llm"
    assert UrlPolicy(ugly=UglyUrls.of(True)).term("tags", "llm") == "tags/llm.html"


def test_a_term_location_is_worked_out_once_per_policy() -> None:
    """Each listing page asks for the terms of each essay it lists: a policy (one build's)
    works each out once. A policy made again (``dataclasses.replace``, when the sections'
    ``_index.md`` are read) works them out anew, from its own sections."""
    import dataclasses

    links = Permalinks.parse({"term": {"tags": "/topics/:slug/"}})
    policy = UrlPolicy(permalinks=links)
    asked: list[str] = []
    rule = Permalinks.rule

    def counting(self: Permalinks, kind: str, path: str) -> object:
        asked.append(path)
        return rule(self, kind, path)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Permalinks, "rule", counting)
        assert [policy.term("tags", "llm") for _ in range(3)] == ["topics/llm"] * 3
        assert policy.term("tags", "rag") == "topics/rag"
        assert asked == ["tags/llm", "tags/rag"]
        named = dataclasses.replace(policy, sections={"tags/llm": ("large-models", None)})
        assert named.term("tags", "llm") == "topics/large-models"
        assert policy.term("tags", "llm") == "topics/llm"


# -- linear time ----------------------------------------------------------------------------------

GROWTH = {
    "parse-colons": (Pattern.parse, lambda n: "/" + ":" * n, 4000),
    "parse-tokens": (Pattern.parse, lambda n: "/:year" * n, 2000),
    "parse-open-slices": (Pattern.parse, lambda n: ":sections[" * n + "]", 2000),
    "parse-slices": (Pattern.parse, lambda n: ":sections[1:]" * n, 2000),
    "token": (hugo_token, lambda n: "Héllo, C++ & %41 #" * n, 1000),
    "expanded-path": (hugo_expanded_path, lambda n: "a/../b/%20/+./" * n, 1000),
    "expand": (
        lambda text: Pattern.parse("/:year/:title/:sections/:slug/").expand(
            PageFacts(title=text, slug=text, sections=tuple(text.split(" ")))
        ),
        lambda n: "a b " * n,
        1000,
    ),
}


@pytest.mark.parametrize("case", GROWTH)
def test_permalinks_are_linear(case: str) -> None:
    function, make, n = GROWTH[case]

    def run(text: str) -> object:
        try:
            return function(text)
        except PermalinkError as error:
            return error

    assert_linear(run, make, n)


def test_go_layouts_are_read_in_linear_time() -> None:
    """Go's layout elements are tried at each character (a table of prefixes, in the order
    Go's nextStdChunk tries them): a long layout of near misses is read once."""
    from mkdocs_essays.pages.permalinks import _go_layout

    assert _go_layout("_2006x02Jan") == [
        ("text", "_"),
        ("std", "2006"),
        ("text", "x"),
        ("std", "02"),
        ("std", "Jan"),
    ]
    assert_linear(_go_layout, lambda n: "Ja07Z0Mo_0" * n, 500)
