"""incremental/patching.py: where a page's local map is in its text, and its file with another
map in its place; both in time linear in the page."""

from __future__ import annotations

from growth import assert_linear
from mkdocs_essays.incremental.patching import Local, patch, spot

MAP = '<div class="map">naïve — map</div>'


def test_the_map_is_found_and_replaced() -> None:
    output = f"<p>Café</p>{MAP}<footer>é</footer>"
    found = spot(output, [MAP])
    assert found is not None
    at, length, digest = found
    assert output[at : at + length] == MAP  # (in characters: the file is read as UTF-8)
    data = output.encode("utf-8")
    new = '<div class="map">new</div>'
    made = patch(data, Local("v", b"rest", at, length, digest), new)
    assert made is not None
    assert made[0].decode("utf-8") == f"<p>Café</p>{new}<footer>é</footer>"
    assert spot(made[0].decode("utf-8"), [new]) == made[1]


def test_no_place_when_the_map_is_not_there_once() -> None:
    assert spot("<p>no map</p>", [MAP]) is None
    assert spot(MAP + MAP, [MAP]) is None  # (twice: which one would be replaced?)
    assert spot(MAP, []) is None and spot(MAP, [MAP, MAP]) is None
    assert spot("<p></p>", [""]) is None


def test_bytes_that_are_not_the_map_are_not_replaced() -> None:
    output = f"<p>x</p>{MAP}"
    found = spot(output, [MAP])
    assert found is not None
    at, length, digest = found
    data = bytearray(output.encode("utf-8"))
    data[at + 3] = ord("X")
    assert patch(bytes(data), Local("v", b"r", at, length, digest), "<div></div>") is None
    assert patch(b"<p>", Local("v", b"r", at, length, digest), "<div></div>") is None
    # a character MkDocs wrote as a reference (it cannot be UTF-8) before the map moves it
    written = ("<p>\ud800</p>" + MAP).encode("utf-8", "xmlcharrefreplace")
    moved = spot("<p>\ud800</p>" + MAP, [MAP])
    assert moved is not None
    assert patch(written, Local("v", b"r", *moved), "<div></div>") is None
    assert patch(b"\xff" + written, Local("v", b"r", *moved), "<div></div>") is None


def test_finding_and_replacing_grow_linearly() -> None:
    def make(n: int) -> tuple[str, bytes, Local]:
        before = "<p>é text</p>" * n
        output = before + MAP + "<p>after</p>" * n
        found = spot(output, [MAP])
        assert found is not None
        return output, output.encode("utf-8"), Local("v", b"r", *found)

    # (pages of 25 to 200 KB: a page is some 60 KB)
    assert_linear(lambda made: spot(made[0], [MAP]), make, 4_000)
    assert_linear(lambda made: patch(made[1], made[2], "<div>new</div>"), make, 4_000)


def test_a_page_full_of_the_maps_first_characters_is_read_in_linear_time() -> None:
    """A map whose first characters repeat (a template may make one) in a page that repeats
    them: looked for whole, not compared at each place its first characters are (which grows
    as the page times the map)."""

    def make(n: int) -> tuple[str, str]:
        return "ab" * (1_000 * n) + "a", "ab" * (300 * n)

    page, periodic = make(1)
    assert spot(page, [periodic]) is None  # (it is there many times)
    assert spot("ab" * 300 + "c", ["ab" * 300]) is not None
    assert_linear(lambda made: spot(made[0], [made[1]]), make, 40)
