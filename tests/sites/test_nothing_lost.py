"""Nothing lost, nothing extra, on a generated corpus whose truth is known
(tests/hostile/corpus.py): every paragraph of every published essay is a paragraph of its
page, every section with text is a card holding that text, every tag of a published essay has
a page listing it; and no word of a draft, future or expired essay is anywhere in the site.
"""

from __future__ import annotations

import json
import time

import lxml.html
import pytest
from conftest import MakeSite, Site
from hostile.corpus import TAGS, CorpusEssay, make_corpus


def paragraphs(site: Site, url: str) -> set[str]:
    tree = lxml.html.fromstring(site.file(url).read_bytes())
    return {" ".join(p.text_content().split()) for p in tree.iter("p")}


@pytest.fixture(scope="module")
def corpus() -> list[CorpusEssay]:
    return make_corpus(40)


@pytest.mark.parametrize("serve", [False, True], ids=["build", "serve"])
def test_nothing_lost(corpus: list[CorpusEssay], make_site: MakeSite, serve: bool) -> None:
    files = {"docs/index.md": "# Home\n\nThe corpus.\n"}
    files.update({f"docs/posts/{e.name}.md": e.source for e in corpus})
    started = time.perf_counter()
    # Its eight section titles recur on purpose: every section is a card here (the rule that
    # leaves out recurring sections is tested in test_cards_worth_keeping.py).
    site = make_site(files, serve=serve, plugin={"card_boilerplate": 0})
    built = time.perf_counter() - started
    shown = [e for e in corpus if e.published or serve]  # serve previews every essay
    cards = json.loads(site.text("patterns/cards.json"))["cards"]
    by_essay: dict[str, list[dict[str, str]]] = {}
    for card in cards:
        by_essay.setdefault(card["essay_url"], []).append(card)

    checked = 0
    for essay in shown:
        on_page = paragraphs(site, essay.url)
        missing = [p for p in essay.paragraphs if p not in on_page]
        assert not missing, f"{essay.name}: paragraphs missing from its page: {missing}"
        checked += len(essay.paragraphs)

        # every section with text is a card, in order, holding the section's paragraphs
        written = [s for s in essay.sections if not s.empty]
        listed = by_essay.get(essay.url, []) if essay.published else []
        if essay.published:
            ordered = sorted(listed, key=lambda c: c["url"])  # cards.json is sorted by id
            assert sorted(c["title"] for c in ordered) == sorted(s.title for s in written)
        page_cards = site.html(essay.url).select(
            ".essay-cards-block--essay a.essay-card-list__title"  # (not the related essays)
        )
        titles = [a.get_text() for a in page_cards]
        expected = [s.title for s in essay.sections if not s.empty or serve]
        assert titles == expected, essay.name
        for section, link in zip(
            [s for s in essay.sections if not s.empty or serve], page_cards, strict=True
        ):
            target = (site.file(essay.url).parent / link["href"]).resolve()
            card_url = target.relative_to(site.site_dir.resolve()).as_posix() + "/"
            on_card = paragraphs(site, card_url)
            lost = [p for p in section.paragraphs if p not in on_card]
            assert not lost, f"{essay.name} / {section.title}: not on its card: {lost}"

        # every tag has a page listing the essay (on the term page or one of its later pages)
        for tag in essay.tags:
            url = f"tags/{TAGS[tag]}/"
            assert site.exists(url), f"{essay.name}: no page for the tag {tag!r}"
            later = sorted((site.file(url).parent / "page").glob("*/index.html"))
            listings = [
                url,
                *(f"{url}page/{p.parent.name}/" for p in later if p.parent.name != "1"),
            ]
            texts = [site.content(u).get_text() for u in listings]
            assert any(essay.title in t for t in texts), f"{url} does not list {essay.name}"

    # every tag page stands for a tag a listed essay carries
    tagged = {TAGS[t] for e in shown for t in e.tags}
    pages = {p.parent.name for p in (site.site_dir / "tags").glob("*/index.html")}
    assert pages == tagged

    # nothing of an essay left out of the build reaches any file
    left_out = [e for e in corpus if not e.published and not serve]
    leaked = []
    for path in site.site_dir.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".xml", ".json"):
            text = path.read_text("utf-8").lower()
            leaked += [f"{e.marker} in {path.name}" for e in left_out if e.marker in text]
    assert not leaked, leaked
    print(
        f"\n{'serve' if serve else 'build'}: {len(corpus)} essays ({len(shown)} shown) built in "
        f"{built:.2f} s; {checked} paragraphs and {len(cards)} published cards checked, "
        f"{len(left_out)} left-out essays found nowhere"
    )
