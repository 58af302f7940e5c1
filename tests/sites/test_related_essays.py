"""Related essays and the map's topics in a real build: three subjects written without tags,
related by their words; Hugo's related options; ``map/graph.json``; topics on the map."""

from __future__ import annotations

import json
import random
from typing import Any

import pytest
import yaml
from conftest import BASE_CONFIG, MakeSite, Site, run_build, write_tree
from linkcheck import broken_links

SUBJECTS = {
    "sailing": "sail wind boat harbour mast keel tide anchor rudder hull jib",
    "baking": "flour oven bread yeast dough butter crust knead loaf proof",
    "release": "release version upgrade changelog binaries deprecated install patch",
}
SENTENCE = (
    "the idea here is that we write about what we learned this month "
    "and what we would do again next time with more care and less haste"
)
COMMON = SENTENCE.split()


def body(subject: str, k: int) -> str:
    rng = random.Random(f"{subject}{k}")
    words = SUBJECTS[subject].split()
    paragraphs = []
    for _ in range(3):
        chosen = [rng.choice(words) for _ in range(25)] + [rng.choice(COMMON) for _ in range(25)]
        rng.shuffle(chosen)
        paragraphs.append(" ".join(chosen).capitalize() + ".")
    return "\n\n".join(paragraphs)


def essay(subject: str, k: int, front: str = "") -> str:
    day = 1 + 3 * k + list(SUBJECTS).index(subject)
    title = f"{subject.capitalize()} log {chr(65 + k)}"
    return f'+++\ntitle = "{title}"\ndate = 2024-05-{day:02d}\n{front}+++\n\n{body(subject, k)}\n'


def files(front: dict[str, str] | None = None) -> dict[str, str]:
    out = {"docs/index.md": "# Home\n"}
    for subject in SUBJECTS:
        for k in range(4):
            name = f"{subject}-{k}"
            out[f"docs/posts/{name}.md"] = essay(subject, k, (front or {}).get(name, ""))
    return out


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    root = tmp_path_factory.mktemp("related")
    write_tree(root, {"mkdocs.yml": yaml.safe_dump(BASE_CONFIG), **files()})
    return run_build(root)


def related(site: Site, slug: str) -> list[str] | None:
    block = site.content(f"posts/{slug}/").select_one("#related-essays")
    if block is None:
        return None
    return [a["href"].strip("/").split("/")[-1] for a in block.select(".essay-card-list__title")]


def test_each_essay_lists_the_essays_on_its_subject(site: Site) -> None:
    for subject in SUBJECTS:
        for k in range(4):
            listed = related(site, f"{subject}-{k}")
            assert listed is not None and len(listed) == 5
            assert [s.split("-")[0] for s in listed[:3]] == [subject] * 3, (subject, k, listed)
    block = site.content("posts/sailing-0/").select_one("#related-essays")
    assert block.name == "section" and block.has_attr("data-search-exclude")
    assert "Related essays" in block.get_text()
    assert not broken_links(site.site_dir)


def test_graph_json_holds_the_graph_and_its_topics(site: Site) -> None:
    text = site.text("map/graph.json")
    graph: dict[str, Any] = json.loads(text)
    # what one json.dumps of the document writes, byte for byte (the file is put together
    # from each node's and edge's JSON, kept from build to build)
    assert text == json.dumps(graph, ensure_ascii=False, separators=(",", ":")) + "\n"
    assert graph["version"] == 1 and graph["site_url"] == "https://example.org/"
    nodes = {n["id"]: n for n in graph["nodes"]}
    essays = [n for n in graph["nodes"] if n["kind"] == "essay"]
    assert len(essays) == 12
    assert set(graph["nodes"][0]) >= {"id", "kind", "title", "url", "topic"}
    kinds = {e["kind"] for e in graph["edges"]}
    assert "similar" in kinds and kinds <= {"tag", "card", "similar", "link", "related"}
    for edge in graph["edges"]:
        assert edge["source"] in nodes and edge["target"] in nodes
        assert ("weight" in edge) == (edge["kind"] == "similar")
    tied = {e[k] for e in graph["edges"] for k in ("source", "target")}
    assert all(e["id"] in tied for e in essays)  # no essay stands alone
    topics = graph["topics"]
    assert len(topics) == 3
    for topic in topics:
        members = [m for m in topic["members"] if nodes[m]["kind"] == "essay"]
        subjects = {nodes[m]["url"].split("/")[1].split("-")[0] for m in members}
        assert len(subjects) == 1 and topic["essays"] == 4
        assert all(nodes[m]["topic"] == topic["id"] for m in topic["members"])
        words = [*SUBJECTS[subjects.pop()].split(), "Sailing", "Baking", "Release"]
        assert set(w.lower() for w in topic["words"]) <= {w.lower() for w in words}, topic
        assert topic["label"] == " · ".join(topic["words"])


def test_the_map_draws_and_names_the_topics(site: Site) -> None:
    page = site.content("map/")
    assert len(page.select("ellipse.essay-map__area")) == 3
    named = page.select("text.essay-map__label--topic")
    assert len(named) == 3
    legend = page.select(".essay-map__topics .essay-map__key--topic")
    assert [li["data-topic"] for li in legend] == ["1", "2", "3"]
    assert page.select_one('a[href$="graph.json"]') is not None
    # the essay's own map shows what is around it, no topics: they are the whole collection's,
    # and a local map that showed them would change with any save (issue 23)
    local = site.content("posts/baking-1/").select_one(".essay-map--local")
    assert local.select_one(".essay-map__node--center") is not None
    assert local.select(".essay-map__key--topic") == []
    assert local.select("ellipse.essay-map__area") == []


def test_how_many_and_older_only(make_site: MakeSite) -> None:
    site = make_site(files(), plugin={"related_essays": 2, "related": {"include_newer": False}})
    assert related(site, "release-3") is not None and len(related(site, "release-3")) == 2
    assert related(site, "sailing-0") is None  # the oldest essay: none older
    dates = {}
    for subject in SUBJECTS:
        for k in range(4):
            dates[f"{subject}-{k}"] = 3 * k + list(SUBJECTS).index(subject)
    for slug, day in dates.items():
        assert all(dates[other] <= day for other in related(site, slug) or [])
    none = make_site(files(), plugin={"related_essays": 0})
    assert related(none, "release-3") is None
    assert json.loads(none.text("map/graph.json"))["topics"]  # the map keeps its edges


def test_a_rare_keyword_relates_essays_on_different_subjects(make_site: MakeSite) -> None:
    front = {"sailing-1": 'keywords = ["winter"]\n', "baking-2": 'keywords = ["winter"]\n'}
    site = make_site(files(front))
    assert "baking-2" in related(site, "sailing-1")
    assert "sailing-1" in related(site, "baking-2")
    # the same keyword weighs nothing when the site's indices leave keywords out: baking-2
    # falls behind (on 12 essays the words of any two still share something: 5 places are
    # filled by words alone)
    without = make_site(files(front), plugin={"related": {"indices": [{"name": "tags"}]}})
    by_words = related(without, "sailing-1") or []
    place = related(site, "sailing-1").index("baking-2")
    assert "baking-2" not in by_words or by_words.index("baking-2") > place


def test_an_essay_heading_with_the_blocks_id_is_named(make_site: MakeSite) -> None:
    pages = files()
    pages["docs/posts/baking-0.md"] += "\n## Related essays\n\nMy own list.\n"
    make_site(pages, warnings=[r"docs/posts/baking-0\.md: an element of the essay has the id"])
