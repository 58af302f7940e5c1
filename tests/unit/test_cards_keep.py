"""Which sections are pattern cards (``cards/keep.py``): the boilerplate rule read from the
collection, in any language, and what writers say (a heading's ``data-card``, front matter)."""

from __future__ import annotations

import pytest
from growth import assert_linear
from mkdocs_essays.cards.extract import card_mark, extract_sections
from mkdocs_essays.cards.keep import (
    Boilerplate,
    _text_key,
    essay_choice,
    mark_value,
    title_key,
)
from mkdocs_essays.cards.model import Section


def section(title: str, text: str = "Some words of its own.", position: int = 0) -> Section:
    return Section(title, title_key(title).replace(" ", "-"), 2, 1, text, position)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Conclusion", "conclusion"),
        ("What’s next?", "What's next"),
        ("Step 1: Install the demo app 🚀", "Step 2 — Install the demo app"),
        ("Getting your hands on Linkerd 2.19", "Getting your hands on Linkerd 2.20"),
        ("Fazit", "FAZIT"),
        ("Zusammenfassung:", "zusammenfassung"),
        ("まとめ", "まとめ"),
        ("Ｃｏｎｃｌｕｓｉｏｎ", "Conclusion"),  # full-width letters (NFKC)
    ],
)
def test_titles_are_the_same_by_their_letters(a: str, b: str) -> None:
    assert title_key(a) == title_key(b)
    assert title_key(a)


@pytest.mark.parametrize(("a", "b"), [("Conclusion", "Conclusions"), ("まとめ", "結論")])
def test_different_titles_stay_apart(a: str, b: str) -> None:
    assert title_key(a) != title_key(b)


def test_a_title_without_letters_is_never_shared() -> None:
    found = Boilerplate.of([[section("2024")], [section("2024")], [section("2024")]], 3)
    assert title_key("2024 🚀") == ""
    # (their texts are the same word for word, though: that alone makes them boilerplate)
    assert found.recurs(section("2024", "unique")) is None


def test_a_title_in_threshold_essays_is_boilerplate_in_any_language() -> None:
    ideas = ["Warum Zeit zählt", "Der Preis der Eile", "Ruhe als Methode"]
    essays = [
        [section("Einleitung", f"Text {k}"), section(idea, f"Gedanke {k}"), section("Fazit")]
        for k, idea in enumerate(ideas)
    ]
    essays.append([section("Etwas anderes", "Nur hier")])
    found = Boilerplate.of(essays, 3)
    assert found.recurs(essays[0][0]) == ("title", 3)
    assert found.recurs(essays[1][2]) == ("title", 3)
    assert found.recurs(essays[0][1]) is None
    assert found.recurs(essays[3][0]) is None
    assert found.shown["einleitung"] == "Einleitung"


def test_each_essay_counts_once() -> None:
    """Five "Example" sections in one essay and one in another: two essays, not boilerplate."""
    one = [section("Example", f"Case {k}", k) for k in range(5)]
    found = Boilerplate.of([one, [section("Example", "Other")]], 3)
    assert found.titles[title_key("Example")] == 2
    assert found.recurs(one[0]) is None


def test_the_same_text_word_for_word_is_boilerplate_whatever_its_title() -> None:
    pasted = "Linkerd is a graduated project of the\nCloud Native Computing Foundation."
    essays = [
        [section(title, pasted.upper() if k == 1 else pasted)]
        for k, title in enumerate(["Join us", "Community", "About Linkerd"])
    ]
    found = Boilerplate.of(essays, 3)
    assert found.recurs(essays[2][0]) == ("text", 3)
    assert Boilerplate.of(essays[:2], 3).recurs(essays[0][0]) is None


def test_empty_sections_share_no_text() -> None:
    titles = ["Alpha", "Beta", "Gamma", "Delta"]
    essays = [[section(title, "<!-- later -->\n")] for title in titles]
    assert Boilerplate.of(essays, 3).recurs(essays[0][0]) is None


def test_threshold_zero_turns_the_rule_off() -> None:
    essays = [[section("Conclusion")] for _ in range(10)]
    assert Boilerplate.of(essays, 0).recurs(essays[0][0]) is None
    assert Boilerplate.of(essays, 10).recurs(essays[0][0]) == ("title", 10)
    assert Boilerplate.of(essays, 11).recurs(essays[0][0]) is None


@pytest.mark.parametrize(
    ("heading", "mark", "value"),
    [
        ("Conclusion { data-card }", "", True),
        ("Conclusion {data-card=true}", "true", True),
        ('Conclusion { data-card="false" }', "false", False),
        ("Conclusion { .note data-card=no #end }", "no", False),
        ("Conclusion { data-card=maybe }", "maybe", None),
        ("Conclusion", None, None),
        ("Conclusion { .note }", None, None),
        ("Conclusion {data-card=false", None, None),  # no closing brace: text, as attr_list
    ],
)
def test_a_heading_mark(heading: str, mark: str | None, value: bool | None) -> None:
    assert card_mark(heading) == mark
    assert mark_value(mark) is value


def test_sections_carry_their_heading_mark_and_a_clean_title() -> None:
    body = '## Conclusion { data-card="false" }\n\nText.\n\n## Idea {#idea data-card}\n\nMore.\n'
    first, second = extract_sections(body)
    assert (first.title, first.anchor, first.mark) == ("Conclusion", "conclusion", "false")
    assert (second.title, second.anchor, second.mark) == ("Idea", "idea", "")
    # without attr_list the braces are part of the heading's text, and no mark
    plain = extract_sections(body, attr_list=False)
    assert [s.mark for s in plain] == [None, None]


@pytest.mark.parametrize(
    ("params", "all_", "names", "problem"),
    [
        ({}, None, None, False),
        ({"cards": False}, False, None, False),
        ({"Cards": True}, True, None, False),
        ({"cards": ["Conclusion", " idea "]}, None, ("Conclusion", "idea"), False),
        ({"cards": "Conclusion"}, None, ("Conclusion",), False),
        ({"cards": 3}, None, None, True),
        ({"cards": {"a": 1}}, None, None, True),
        ({"cards": ["a", 1]}, None, None, True),
    ],
)
def test_front_matter_cards(
    params: dict[str, object], all_: bool | None, names: tuple[str, ...] | None, problem: bool
) -> None:
    choice, key = essay_choice(params)
    assert key == (next(iter(params)) if params else None)
    assert (choice.all, choice.names, bool(choice.problem)) == (all_, names, problem)


def test_a_list_names_sections_by_title_or_anchor() -> None:
    sections = [section("Why it matters"), section("Conclusion"), section("Step 1: Install")]
    choice, _ = essay_choice({"cards": ["why  IT matters", "step-install", "Missing one"]})
    assert [choice.wants(s) for s in sections] == [True, False, True]
    assert choice.unmatched(sections) == ["Missing one"]
    # a list keeps the digits: "Step 2" is not "Step 1"
    assert essay_choice({"cards": ["Step 2: Install"]})[0].wants(sections[2]) is False


def test_the_rule_is_linear() -> None:
    def make(n: int) -> list[list[Section]]:
        return [[section(f"Title {k % 7}", f"Text {k} " * 20)] for k in range(n)]

    assert_linear(lambda essays: Boilerplate.of(essays, 3), make, 500)
    # (both are kept by their text: the functions themselves are timed, not the cache)
    assert_linear(title_key.__wrapped__, lambda n: "Step 1: Install — the démo 🚀 " * n, 2_000)
    assert_linear(_text_key.__wrapped__, lambda n: "Some *text* <!-- a note --> here. " * n, 2_000)
