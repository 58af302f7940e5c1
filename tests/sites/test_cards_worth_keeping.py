"""Cards worth keeping, in a real build: sections that recur across the collection are no
cards (in any language), writers decide in the end (``data-card`` on a heading, ``cards`` in
front matter), and every place that lists cards follows the same decision while the section
stays in its essay, unchanged."""

from __future__ import annotations

import json
import logging

import pytest
import yaml
from conftest import BASE_CONFIG, MakeSite, Site, run_build, write_tree


def essay(title: str, day: int, body: str, front: str = "") -> str:
    return f'+++\ntitle = "{title}"\ndate = 2024-03-{day:02d}\n{front}+++\n\n{body}\n'


FAZIT = "## Fazit\n\nAm Ende zählt, was bleibt.\n"
FILES = {
    "docs/index.md": "# Start\n",
    "docs/posts/zeit.md": essay(
        "Zeit", 1, f"## Warum Zeit zählt\n\nMinuten und Stunden.\n\n{FAZIT}"
    ),
    "docs/posts/eile.md": essay("Eile", 2, f"## Der Preis der Eile\n\nFehler kosten.\n\n{FAZIT}"),
    "docs/posts/ruhe.md": essay(
        "Ruhe",
        3,
        "## Ruhe als Methode\n\nLangsam ist schnell.\n\n"
        "## Fazit { data-card }\n\nRuhe zahlt sich aus.\n",
    ),
    "docs/posts/keine.md": essay(
        "Keine Karten", 4, f"## Eigene Idee\n\nNur hier.\n\n{FAZIT}", "cards = false\n"
    ),
    "docs/posts/liste.md": essay(
        "Liste", 5, f"## Noch eine Idee\n\nAuch hier.\n\n{FAZIT}", 'cards = ["fazit"]\n'
    ),
    "docs/posts/fehlt.md": essay("Fehlt", 6, "## Wirklich da\n\nText.\n", 'cards = ["Nicht da"]\n'),
    "docs/posts/vielleicht.md": essay(
        "Vielleicht", 7, "## Idee { data-card=vielleicht }\n\nText.\n"
    ),
}
WARNINGS = [
    r"docs/posts/fehlt\.md:4: 'cards' names the section 'Nicht da', which this essay does not "
    r"have \(its sections: 'Wirklich da'\)",
    r"docs/posts/vielleicht\.md:\d+: data-card='vielleicht' on the heading 'Idee' says neither",
]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    root = tmp_path_factory.mktemp("keep")
    write_tree(root, {"mkdocs.yml": yaml.safe_dump(BASE_CONFIG), **FILES})
    return run_build(root, warnings=WARNINGS)


def card_ids(site: Site) -> list[str]:
    return [c["id"] for c in json.loads(site.text("patterns/cards.json"))["cards"]]


def test_a_title_five_essays_share_is_no_card_unless_a_writer_says_so(site: Site) -> None:
    assert card_ids(site) == [
        "eile/der-preis-der-eile",
        "liste/fazit",  # cards = ["fazit"]: only that one
        "ruhe/fazit",  # { data-card }
        "ruhe/ruhe-als-methode",
        "vielleicht/idee",  # an unclear mark: the collection's rule (no boilerplate)
        "zeit/warum-zeit-zahlt",
    ]
    # cards = false and a list naming no section: no cards, no block, no catalog group
    for slug in ("keine", "fehlt"):
        assert not site.content(f"posts/{slug}/").select(".essay-cards-block--essay")
        assert not site.exists(f"patterns/{slug}/eigene-idee/")
    assert not site.exists("patterns/zeit/fazit/")
    catalog = site.text("patterns/")
    assert "Fazit" in catalog and "Eigene Idee" not in catalog and "Wirklich da" not in catalog


def test_a_section_that_is_no_card_stays_in_its_essay_unchanged(site: Site) -> None:
    page = site.content("posts/zeit/")
    heading = page.select_one("h2#fazit")
    assert heading is not None
    following = heading.find_next_sibling()
    assert following.name == "p" and following.get_text() == "Am Ende zählt, was bleibt."
    # the carded heading has its link to the card; the boilerplate one has none
    refs = [a["href"] for a in page.select(".essay-card-ref__link")]
    assert refs == ["../../patterns/zeit/warum-zeit-zahlt/"]
    marked = site.content("posts/ruhe/")
    assert [a["href"] for a in marked.select(".essay-card-ref__link")] == [
        "../../patterns/ruhe/ruhe-als-methode/",
        "../../patterns/ruhe/fazit/",
    ]
    assert marked.select_one("h2#fazit")["data-card"] == ""  # attr_list keeps the mark


def test_related_cards_and_maps_know_only_cards(site: Site) -> None:
    cards = json.loads(site.text("patterns/cards.json"))["cards"]
    ids = {c["id"] for c in cards}
    assert all(set(c["related"]) <= ids for c in cards)
    graph = json.loads(site.text("map/graph.json"))
    card_nodes = {n["id"].removeprefix("card:") for n in graph["nodes"] if n["kind"] == "card"}
    assert card_nodes == ids


def test_the_build_says_which_sections_are_boilerplate(site: Site) -> None:
    infos = [m for m in site.messages(logging.INFO) if "boilerplate" in m]
    assert len(infos) == 1, infos
    assert "2 sections are boilerplate" in infos[0] and "'Fazit' (5 essays)" in infos[0]


def test_card_boilerplate_zero_turns_the_rule_off(make_site: MakeSite) -> None:
    files = {k: v for k, v in FILES.items() if "fehlt" not in k and "vielleicht" not in k}
    site = make_site(files, plugin={"card_boilerplate": 0})
    assert "zeit/fazit" in card_ids(site) and "eile/fazit" in card_ids(site)
    assert "keine/eigene-idee" not in card_ids(site)  # the writer's word still holds
