"""The URL policy: relative links resolve to their target from any page, as MkDocs' do."""

from __future__ import annotations

from urllib.parse import urljoin

from hypothesis import given, settings
from hypothesis import strategies as st
from mkdocs.utils import get_relative_url
from mkdocs_essays.pages.urls import UrlPolicy, relative_url

segment = st.sampled_from(["posts", "tags", "c%23", "x", "日本語", "a.b", "patterns", "essay-1"])
directory = st.lists(segment, max_size=4).map(lambda parts: "".join(p + "/" for p in parts))
page = st.one_of(
    directory,
    st.tuples(directory, st.sampled_from(["index.html", "feed.xml", "a.html"])).map("".join),
)
fragment = st.sampled_from(["", "#top", "#section-1"])


@settings(max_examples=400, deadline=None)
@given(target=page, base=page, frag=fragment)
def test_relative_url_resolves_like_mkdocs(target: str, base: str, frag: str) -> None:
    site = "https://example.org/repo/"
    ours = relative_url(target + frag, base)
    assert urljoin(site + base, ours) == site + target + frag
    assert not ours.startswith("/")
    if not frag:  # MkDocs' own helper agrees (with a fragment it may link to the page itself)
        assert urljoin(site + base, get_relative_url(target, base)) == site + target


def test_relative_url_examples() -> None:
    assert relative_url("tags/llm/", "posts/x/") == "../../tags/llm/"
    assert relative_url("tags/", "tags/") == "./"
    assert relative_url("posts/x/#a", "posts/x/") == "./#a"
    assert relative_url("feed.xml", "") == "feed.xml"
    assert relative_url("a.html", "b/c.html") == "../a.html"


def test_locations_and_files() -> None:
    folders, files = UrlPolicy(), UrlPolicy(use_directory_urls=False)
    assert folders.dest("tags/c#") == "tags/c#/index.html"
    assert folders.url("tags/c#") == "tags/c%23/"
    assert folders.url("") == "./"
    assert files.dest("tags/llm") == "tags/llm.html"
    assert files.url("posts/index") == "posts/index/index.html"
    assert folders.dest("custom/page.html") == "custom/page.html"
