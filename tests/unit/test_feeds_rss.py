"""The RSS writer alone: escaping, dates, determinism, and what feedparser makes of it."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta, timezone

import feedparser
from hypothesis import given, settings
from hypothesis import strategies as st
from mkdocs_essays.feeds.rss import Channel, Item, rss

NASTY = '<script>alert("x")</script> & \'quotes\' "double" ]]> &amp;'


def channel(*items: Item, **changes: object) -> Channel:
    values: dict[str, object] = {
        "title": "Site",
        "link": "https://example.org/repo/",
        "description": "Latest essays",
        "self_link": "https://example.org/repo/feed.xml",
        "items": items,
        "language": "en",
    }
    values.update(changes)
    return Channel(**values)  # type: ignore[arg-type]


def item(title: str = "Essay", **changes: object) -> Item:
    values: dict[str, object] = {
        "title": title,
        "link": "https://example.org/repo/posts/essay/",
        "date": datetime(2025, 1, 3, 10, 10, 10, tzinfo=UTC),
        "summary": "A summary.",
        "categories": (("LLM", "https://example.org/repo/tags/"),),
    }
    values.update(changes)
    return Item(**values)  # type: ignore[arg-type]


def test_document_shape() -> None:
    xml = rss(channel(item()))
    root = ET.fromstring(xml)
    assert root.tag == "rss" and root.get("version") == "2.0"
    found = root.find("channel")
    assert found is not None
    assert found.findtext("title") == "Site"
    assert found.findtext("link") == "https://example.org/repo/"
    assert found.findtext("language") == "en"
    self_link = found.find("{http://www.w3.org/2005/Atom}link")
    assert self_link is not None and self_link.get("rel") == "self"
    assert self_link.get("href") == "https://example.org/repo/feed.xml"
    entry = found.find("item")
    assert entry is not None
    assert (
        entry.findtext("link") == entry.findtext("guid") == "https://example.org/repo/posts/essay/"
    )
    assert entry.findtext("pubDate") == "Fri, 03 Jan 2025 10:10:10 +0000"
    category = entry.find("category")
    assert category is not None and category.text == "LLM"
    assert category.get("domain") == "https://example.org/repo/tags/"


def test_dates_keep_their_zone_and_last_build_is_the_newest() -> None:
    lisbon = timezone(timedelta(hours=1))
    older = item("Old", date=datetime(2024, 5, 1, 8, 0, tzinfo=lisbon))
    newer = item("New", date=datetime(2024, 6, 1, 8, 0, tzinfo=lisbon))
    edited = item(
        "Edited", date=datetime(2024, 1, 1, tzinfo=UTC), updated=datetime(2024, 7, 1, tzinfo=UTC)
    )
    root = ET.fromstring(rss(channel(older, newer)))
    assert root.findtext("channel/lastBuildDate") == "Sat, 01 Jun 2024 08:00:00 +0100"
    assert root.findtext("channel/item/pubDate") == "Wed, 01 May 2024 08:00:00 +0100"
    root = ET.fromstring(rss(channel(older, edited)))
    assert root.findtext("channel/lastBuildDate") == "Mon, 01 Jul 2024 00:00:00 +0000"


def test_undated_and_empty_feeds_have_no_clock_date() -> None:
    assert "lastBuildDate" not in rss(channel())
    undated = rss(channel(item(date=None)))
    assert "lastBuildDate" not in undated and "pubDate" not in undated
    assert rss(channel(item())) == rss(channel(item())), "the same input gives the same bytes"


def test_everything_is_escaped() -> None:
    xml = rss(
        channel(
            item(NASTY, summary=NASTY, categories=((NASTY, 'https://x.org/"tags"/'),)),
            title=NASTY,
            description=NASTY,
        )
    )
    assert "<script" not in xml
    root = ET.fromstring(xml)
    assert root.findtext("channel/title") == NASTY
    assert root.findtext("channel/item/title") == NASTY
    assert root.findtext("channel/item/category") == NASTY
    # The description is HTML: the summary's text escaped as HTML, then as XML.
    assert root.findtext("channel/item/description") == (
        "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#x27;quotes&#x27; "
        "&quot;double&quot; ]]&gt; &amp;amp;"
    )
    parsed = feedparser.parse(xml)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.feed.title == NASTY
    assert parsed.entries[0].title == NASTY
    # A reader shows the summary as these characters, never as markup.
    assert "<script" not in parsed.entries[0].summary


def test_characters_xml_cannot_hold_are_dropped() -> None:
    xml = rss(channel(item("bell\x07 and \x00null\ufffe", summary="form\x0cfeed")))
    root = ET.fromstring(xml)
    assert root.findtext("channel/item/title") == "bell and null"
    assert root.findtext("channel/item/description") == "formfeed"


_XML_CHARS = st.characters(
    blacklist_categories=("Cs",),
    blacklist_characters="\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f\x10\x11\x12"
    "\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f\r\ufffe\uffff",
)


@settings(max_examples=150, deadline=None)
@given(title=st.text(_XML_CHARS, max_size=40), tag=st.text(_XML_CHARS, min_size=1, max_size=20))
def test_any_text_round_trips(title: str, tag: str) -> None:
    xml = rss(channel(item(title, categories=((tag, "https://example.org/tags/"),))))
    root = ET.fromstring(xml)
    assert root.findtext("channel/item/title") == title
    assert root.findtext("channel/item/category") == tag
    assert not feedparser.parse(xml).bozo
