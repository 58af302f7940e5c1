"""Dates and URL slugs, against what Hugo 0.168 was seen to do with the same input."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, timezone

import pytest
from mkdocs_essays.frontmatter.dates import DateParseError, to_datetime
from mkdocs_essays.model.slugs import PathError, clean_path, hugo_urlize
from mkdocs_essays.model.taxonomy import term_slug

LISBON = timezone(timedelta(hours=1))

# Input -> the date Hugo 0.168 printed (RFC 3339) for it, with a UTC site.
HUGO_DATES = {
    "2024-03-05": "2024-03-05T00:00:00+00:00",
    "2024-03-05T10:11:12Z": "2024-03-05T10:11:12+00:00",
    "2024-03-05T10:11:12+02:00": "2024-03-05T10:11:12+02:00",
    "2024-03-05T10:11:12": "2024-03-05T10:11:12+00:00",
    "2024-03-05T10:11:12.123456789-07:00": "2024-03-05T10:11:12.123457-07:00",
    "2024-03-05 10:11:12": "2024-03-05T10:11:12+00:00",
    "2024-03-05 10:11:12 -0700": "2024-03-05T10:11:12-07:00",
    "2024-03-05 10:11:12 -07:00": "2024-03-05T10:11:12-07:00",
    "2024-03-05 10:11:12Z": "2024-03-05T10:11:12+00:00",
    "2024-03-05 10:11:12+0200": "2024-03-05T10:11:12+02:00",
    "2024-03-05T10:11:12-0700": "2024-03-05T10:11:12-07:00",
    "Tue, 05 Mar 2024 10:11:12 -0700": "2024-03-05T10:11:12-07:00",
    "Tue, 05 Mar 2024 10:11:12 MST": "2024-03-05T10:11:12+00:00",
    "05 Mar 24 10:11 -0700": "2024-03-05T10:11:00-07:00",
    "05 Mar 24 10:11 UTC": "2024-03-05T10:11:00+00:00",
    "Tuesday, 05-Mar-24 10:11:12 UTC": "2024-03-05T10:11:12+00:00",
    "Tue Mar  5 10:11:12 2024": "2024-03-05T10:11:12+00:00",
    "Tue Mar  5 10:11:12 UTC 2024": "2024-03-05T10:11:12+00:00",
    "05 Mar 2024": "2024-03-05T00:00:00+00:00",
    "2024-03-05 10:11:12.5 +0000 UTC": "2024-03-05T10:11:12.500000+00:00",
}
# Strings Hugo 0.168 refused ("not a parsable date").
HUGO_REFUSED = [
    "March 5, 2024",
    "2024/03/05",
    "2024-3-5",
    "1709633472",
    "not a date",
    "2024-13-45",
    "2024-03-05T25:00:00",
    "Mar 5, 2024",
]


@pytest.mark.parametrize(("text", "expected"), HUGO_DATES.items())
def test_hugo_date_layouts(text: str, expected: str) -> None:
    assert to_datetime(text, UTC).isoformat() == expected


@pytest.mark.parametrize("text", HUGO_REFUSED)
def test_dates_hugo_refuses(text: str) -> None:
    with pytest.raises(DateParseError):
        to_datetime(text, UTC)


def test_values_without_zone_take_the_site_zone() -> None:
    assert to_datetime(date(2025, 1, 3), LISBON).utcoffset() == timedelta(hours=1)
    assert to_datetime(datetime(2025, 1, 3, 10), LISBON).hour == 10
    assert to_datetime("2025-01-03T10:00:00", LISBON).utcoffset() == timedelta(hours=1)
    aware = datetime(2025, 1, 3, 10, tzinfo=UTC)
    assert to_datetime(aware, LISBON) is aware
    with pytest.raises(DateParseError):
        to_datetime(time(10, 0), UTC)


# Term -> the folder Hugo 0.168 wrote under public/tags/.
HUGO_TERMS = {
    "Generative AI": "generative-ai",
    "C++": "c++",
    "C#": "c#",
    "日本語": "日本語",
    "LLM": "llm",
    "foo_bar": "foo_bar",
    "a.b": "a.b",
    "x/y": "x/y",
    "Hello, World!": "hello-world",
    "Ünïcödé Têxt": "ünïcödé-têxt",
    "  spaced  out ": "--spaced--out-",
    "tab\there": "tab-here",
    "a--b": "a--b",
    "émoji 🎉": "émoji-",
    "100%": "100",
    "a&b": "ab",
    "it's": "its",
    "q?": "q",
    "a~b": "a~b",
    "a@b": "a@b",
    "HTML": "html",
    "(paren)": "paren",
    "[br]": "br",
    "a:b": "ab",
    "Ça va": "ça-va",
    "a - b": "a---b",
    "-lead": "-lead",
    "ΣΑΣ": "σασ",
    "../../etc": "etc",
    "x/../y": "y",
    "%41bc": "%41bc",
    "İstanbul": "istanbul",
    "a\u00a0b": "a-b",
    "A\u3000B": "a-b",
    "ǅ": "ǆ",
    "x²": "x",
    "a\u200bb": "ab",
    "C♯": "c",
    "a|b": "ab",
}


@pytest.mark.parametrize(("term", "folder"), HUGO_TERMS.items())
def test_hugo_term_paths(term: str, folder: str) -> None:
    assert hugo_urlize(term) == folder


def test_a_term_with_nothing_url_safe_still_gets_a_page() -> None:
    assert hugo_urlize("🎉") == ""
    assert term_slug("🎉") == "u1f389"
    assert term_slug("..") == "u002e-u002e"


@pytest.mark.parametrize(
    ("path", "expected"),
    [("/custom/Path Here/", "custom/Path Here"), ("a/./b//c/", "a/b/c"), ("/", "")],
)
def test_clean_path(path: str, expected: str) -> None:
    assert clean_path(path, what="'url'") == expected


@pytest.mark.parametrize(
    "path", ["../etc", "a/../../b", "%2e%2e/x", "a/%2E%2E/b", "https://evil.example/x", "//x/y"]
)
def test_clean_path_refuses_to_leave_the_site(path: str) -> None:
    with pytest.raises(PathError):
        clean_path(path, what="'url'")


def test_auto_summary_rounds_to_paragraphs_and_skips_headings_and_code() -> None:
    from mkdocs_essays.model.text import auto_summary

    html = (
        '<h2 id="a">Heading words</h2>\n<p>one two three</p>\n'
        '<div class="highlight"><pre><code>{{&lt; tabs &gt;}} code words</code></pre></div>\n'
        "<p>four five six seven</p>\n<p>eight nine</p>"
    )
    assert auto_summary(html, 2) == "one two three"
    assert auto_summary(html, 4) == "one two three four five six seven"
    assert auto_summary(html, 100) == "one two three four five six seven eight nine"
