"""Acceptance: the Linkerd blog (157 posts, a Hugo configuration folder, dated permalinks that
keep apart posts sharing a slug), imported with `mkdocs-essays import` and not edited, builds
with `--strict`, and publishes every page and alias at the URL Hugo 0.168 gives it."""

from __future__ import annotations

import json
import time
from urllib.parse import urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import Site, corpus, run_build
from hugo_compare import OURS_ONLY, hugo_stub_site, run_hugo, url_set
from mkdocs_essays.cli import main


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Site, float, dict[str, set[str]]]:
    source = corpus("linkerd-blog")
    work = tmp_path_factory.mktemp("linkerd")
    assert main(["import", str(source), "--into", str(work / "site")]) == 0
    started = time.perf_counter()
    site = run_build(work / "site", strict=True)
    seconds = time.perf_counter() - started
    hugo = run_hugo(hugo_stub_site(source, work / "hugo-site"), work / "hugo", timeout=300)
    assert hugo.returncode == 0, hugo.stderr
    return site, seconds, url_set(work / "hugo")


def test_every_page_and_alias_is_where_hugo_puts_it(built) -> None:
    site, _, theirs = built
    ours = url_set(site.site_dir, skip=OURS_ONLY)
    assert sorted(theirs["pages"] - ours["pages"]) == []
    assert sorted(ours["pages"] - theirs["pages"]) == []
    assert ours["aliases"] == theirs["aliases"] and len(ours["aliases"]) == 4
    posts = [url for url in ours["pages"] if url[:2] == "20" and url.count("/") == 4]
    assert len(posts) == 157  # every post (SOURCE.md counts the blog's _index.md too)


def test_posts_sharing_a_slug_are_kept_apart_by_their_dates(built) -> None:
    site, _, _ = built
    for day in ("2025/01/10", "2025/04/11", "2025/06/04", "2025/09/05", "2025/12/08"):
        page = site.file(f"{day}/linkerd-edge-release-roundup/")
        assert page.is_file(), day
    assert not (site.site_dir / "blog" / "2025").exists()


def test_the_configuration_folder_is_carried_over(built) -> None:
    site, _, _ = built
    config = yaml.safe_load(
        (site.root / "mkdocs.yml").read_text("utf-8").replace("!!python/name:", "")
    )
    essays = config["plugins"][1]["essays"]
    assert essays["permalinks"] == {"page": {"blog": "/:year/:month/:day/:slug/"}}
    assert essays["taxonomies"] == {}  # disableKinds: [taxonomy, term]
    assert essays["feed_items"] == 10  # services.rss.limit
    assert config["site_name"] == "Linkerd"
    assert {"Community": [{"Buoyant's Linkerd Forum": "https://linkerd.buoyant.io"}]} in (
        config["nav"]
    )
    assert not (site.site_dir / "tags").exists()


def test_everything_links_to_the_dated_urls(built) -> None:
    site, _, _ = built
    post = "2025/09/05/linkerd-edge-release-roundup/"
    feed = BeautifulSoup(site.file("feed.xml").read_text("utf-8"), "xml")
    links = [urlsplit(item.link.text).path for item in feed.find_all("item")]
    assert len(links) == 10 and all(link.count("/") == 5 for link in links)
    sitemap = site.file("sitemap.xml").read_text("utf-8")
    assert f"https://linkerd.io/{post}" in sitemap and "linkerd.io/blog/2025/" not in sitemap
    listing = site.content("blog/")
    assert listing.find("a", href=lambda h: bool(h) and h.startswith("../2026/"))
    # the cards of a dated post sit under its address in the catalog
    cards = json.loads(site.file("patterns/cards.json").read_text("utf-8"))
    # (a roundup's sections are all boilerplate, no cards: an announcement's are cards)
    post = "2025/10/31/announcing-linkerd-2.19/"
    mine = [card for card in cards["cards"] if card["essay_url"] == post]
    assert mine and all(c["url"].startswith(f"patterns/{post}") for c in mine)
    assert site.file(mine[0]["url"]).is_file()


def test_build_time_is_printed(built, capsys: pytest.CaptureFixture[str]) -> None:
    site, seconds, _ = built
    with capsys.disabled():
        print(f"\nLinkerd blog: 157 posts built in {seconds:.1f} s")
    assert site.error is None
