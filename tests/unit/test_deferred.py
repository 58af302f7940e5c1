"""HTML held aside while search reads a page (``render/deferred.py``): every fragment comes
back once, where its stand-in was, whichever page holds it and in whatever order pages come."""

from __future__ import annotations

from growth import assert_linear
from mkdocs_essays.render.deferred import Deferred


def test_each_page_gets_back_its_own_fragments_in_place() -> None:
    held = Deferred()
    first = held.hold("<svg>one</svg>")
    second = held.hold("<ul><li>two</li></ul>")
    third = held.hold("<svg>three</svg>")
    assert first.startswith("<!--") and first.endswith("-->") and "svg" not in first
    assert len({first, second, third}) == 3
    # the third is held for a page that comes later (an essay's map, held in on_env)
    page = f"<p>a</p>{first}<p>b</p>{second}"
    assert held.restore(page) == "<p>a</p><svg>one</svg><p>b</p><ul><li>two</li></ul>"
    assert len(held) == 1
    assert held.restore(f"<h1>x</h1>\n{third}\n") == "<h1>x</h1>\n<svg>three</svg>\n"
    assert len(held) == 0


def test_a_fragment_is_given_back_once_and_other_comments_are_left() -> None:
    held = Deferred()
    token = held.hold("<b>kept</b>")
    assert held.restore(token) == "<b>kept</b>"
    assert held.restore(token) == token  # already given back: nothing held for it
    other = Deferred()
    foreign = other.hold("<i>not this build's</i>")
    page = f"<!-- a writer's comment --><!-- mkdocs-essays: deferred 0 -->{foreign}"
    assert held.restore(page) == page
    assert other.restore(page) == (
        "<!-- a writer's comment --><!-- mkdocs-essays: deferred 0 --><i>not this build's</i>"
    )


def test_a_token_cut_short_is_left_as_it_is() -> None:
    held = Deferred()
    token = held.hold("<b>x</b>")
    cut = token[: len(token) - 2]
    assert held.restore("<p>" + cut) == "<p>" + cut
    assert held.restore(token + "<p>") == "<b>x</b><p>"


def test_restore_is_linear() -> None:
    def hold_and_restore(n: int) -> None:  # (restore forgets what it gives back: hold anew)
        held = Deferred()
        page = "".join(f"<p>{i}</p>" + held.hold(f"<svg>{i}</svg>") for i in range(n))
        assert len(held.restore(page)) < len(page)

    assert_linear(hold_and_restore, lambda n: n, 4000)
