"""Property tests of the front matter reader: for ANY text or bytes, ``read()`` returns a
:class:`Document` or raises :class:`FrontMatterErrors` whose every error is the project's own
:class:`FrontMatterError` naming the file and a line of it. Never another exception.

Beyond random text, the strategies build what writers actually send: fenced blocks (``+++``,
``---``, ``{``) holding random text, real TOML/YAML/JSON documents with Hugo's keys bound to
values of every type (lists, tables, dates, huge numbers, deep nesting, control characters),
and such documents with a few characters changed.
"""

from __future__ import annotations

import json
import string
from datetime import UTC, date, datetime, time, timedelta, timezone
from typing import Any

import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from mkdocs_essays.errors import FrontMatterError
from mkdocs_essays.frontmatter import Document, FrontMatterErrors, read
from mkdocs_essays.frontmatter.handlers import dump_toml

PATH = "docs/posts/hostile.md"
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def check(source: str | bytes) -> Document | FrontMatterErrors:
    """Read ``source`` and check the outcome's contract; return it."""
    text = source.decode("utf-8", errors="replace") if isinstance(source, bytes) else source
    lines = text.replace("\r\n", "\n").replace("\r", "\n").count("\n") + 1
    try:
        document = read(source, PATH)
    except FrontMatterErrors as errors:
        assert errors.errors, "FrontMatterErrors without an error"
        for error in errors.errors:
            assert type(error) is FrontMatterError
            assert error.path == PATH
            assert isinstance(error.line, int), f"no line in {error}"
            assert 1 <= error.line <= lines, f"line {error.line} of a {lines}-line file: {error}"
            assert str(error).startswith(f"{PATH}:{error.line}: ")
            assert error.message.strip()
        return errors
    assert isinstance(document, Document)
    for warning in document.front.warnings:  # what Hugo reads otherwise than it looks
        assert type(warning) is FrontMatterError and warning.path == PATH
        assert isinstance(warning.line, int) and 1 <= warning.line <= lines, str(warning)
        assert str(warning).startswith(f"{PATH}:{warning.line}: ")
    # The body is the end of the file, starting at ``body_line`` (or, after a JSON object,
    # later on that same line): nothing of the text is lost or read twice.
    normal = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    tail = "\n".join(normal.split("\n")[document.body_line - 1 :])
    assert tail.endswith(document.body)
    assert tail == document.body or "\n" not in tail[: len(tail) - len(document.body)]
    return document


# -- any text, any bytes ---------------------------------------------------------------------


@SETTINGS
@given(st.text())
@example("")
@example("+++")
@example("+++\n")
@example("---\n---")
@example("{")
@example('{"a": 1} body')
@example("\ufeff+++\r\ntitle = 'x'\r\n+++\r\nbody")
def test_any_text(text: str) -> None:
    check(text)


@SETTINGS
@given(st.binary())
@example(b"\xff\xfe")
@example(b"+++\ntitle = '\xc3'\n+++\n")
@example(b"\xef\xbb\xbf---\ntitle: x\n---\n")
def test_any_bytes(data: bytes) -> None:
    check(data)


FENCES = st.sampled_from(["+++", "---", "+++ ", "---\t"])
LINE = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40)


@SETTINGS
@given(
    fence=FENCES,
    blank=st.sampled_from(["", "\n", " \n\n"]),
    lines=st.lists(LINE, max_size=8),
    closed=st.booleans(),
    body=st.text(max_size=60),
)
def test_fenced_block_of_random_lines(
    fence: str, blank: str, lines: list[str], closed: bool, body: str
) -> None:
    closing = f"{fence.strip()}\n" if closed else ""
    check(f"{blank}{fence}\n" + "\n".join(lines) + "\n" + closing + body)


@SETTINGS
@given(st.text(alphabet='{}[]":,\n \\0123456789.-eEtrufalsn', max_size=80), st.text(max_size=20))
def test_json_like(front: str, body: str) -> None:
    check("{" + front + "\n" + body)


# -- real documents with Hugo's keys and values of every type -----------------------------

KEYS = st.sampled_from(
    [
        "title",
        "Title",
        "date",
        "publishDate",
        "pubdate",
        "expiryDate",
        "lastmod",
        "draft",
        "tags",
        "categories",
        "aliases",
        "keywords",
        "summary",
        "description",
        "slug",
        "url",
        "weight",
        "showTableOfContents",
        "toc",
        "series",
        "params",
        "x",
    ]
)
ZONES = st.sampled_from(
    [UTC, timezone(timedelta(hours=23, minutes=59)), timezone(-timedelta(hours=5))]
)
HOSTILE_STRINGS = st.sampled_from(
    [
        "",
        " ",
        "<script>alert(1)</script>",
        '" onmouseover="x',
        "C++",
        "🎉",
        "中文",
        "a\x00b",
        "tab\there",
        "line\nbreak",
        "\x1b[31m",
        "..",
        "%2e%2e",
        "https://evil.example/x",
        "2024-02-30",
        "2024-01-01T10:00:00+25:00",
        "Tue, 05 Mar 2024 10:11:12 -0700",
        "9" * 5000,
        "true",
        "x" * 300,
    ]
)
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=10**4400, max_value=10**4400 + 5),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    HOSTILE_STRINGS,
    st.dates(),
    st.datetimes(timezones=st.one_of(st.none(), ZONES)),
    st.times(),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=12,
)
DOCUMENTS = st.dictionaries(KEYS, VALUES, max_size=6)


def _json_default(value: object) -> str:
    return value.isoformat() if isinstance(value, date | datetime | time) else str(value)


def render(format: str, data: dict[str, Any]) -> str | None:
    """``data`` written as a front matter block, or None when the format cannot hold it."""
    try:
        if format == "toml":
            return "+++\n" + dump_toml(data) + "\n+++\n"
        if format == "yaml":
            return "---\n" + yaml.safe_dump(data, allow_unicode=True) + "---\n"
        return json.dumps(data, default=_json_default, ensure_ascii=False) + "\n"
    except (TypeError, ValueError, yaml.YAMLError):
        return None


@SETTINGS
@given(
    format=st.sampled_from(["toml", "yaml", "json"]),
    data=DOCUMENTS,
    body=st.text(max_size=40),
)
def test_documents_of_every_type(format: str, data: dict[str, Any], body: str) -> None:
    block = render(format, data)
    if block is not None:
        check(block + body)


@SETTINGS
@given(
    format=st.sampled_from(["toml", "yaml", "json"]),
    data=DOCUMENTS,
    edits=st.lists(
        st.tuples(
            st.integers(min_value=0),
            st.sampled_from([*string.printable, "\x00", "é", "\ud7ff"]),
        ),
        min_size=1,
        max_size=4,
    ),
)
def test_documents_with_changed_characters(
    format: str, data: dict[str, Any], edits: list[tuple[int, str]]
) -> None:
    block = render(format, data)
    if block is None:
        return
    text = list(block)
    for at, char in edits:
        text[at % len(text)] = char
    check("".join(text))


# -- shapes no random search finds quickly -------------------------------------------------


def test_deep_nesting_and_self_reference() -> None:
    deep = 5000
    cases = [
        "+++\nx = " + "[" * deep + "]" * deep + "\n+++\n",
        "---\nx: " + "[" * deep + "]" * deep + "\n---\n",
        '{"x": ' + "[" * deep + "]" * deep + "}\n",
        '{"x": ' + '{"a": ' * deep + "1" + "}" * deep + "}\n",
        "+++\ntags = " + "[" * 300 + "'a'" + "]" * 300 + "\n+++\n",
        "---\na: &a [*a]\ntags: *a\n---\n",
        "---\na: &a {b: *a}\nsummary: *a\n---\n",
        # an alias bomb: nine levels of ten references each
        "---\n"
        + 'a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
        + "".join(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]\n" for i in range(1, 9))
        + "tags: *a8\n---\n",
    ]
    for text in cases:
        outcome = check(text)
        assert isinstance(outcome, FrontMatterErrors), text[:40]


def test_huge_numbers_and_bad_dates_are_errors_with_lines() -> None:
    cases = {
        "+++\ntitle = 'x'\nweight = " + "9" * 5000 + "\n+++\n": 3,
        "---\ntitle: x\nweight: " + "9" * 5000 + "\n---\n": 3,
        '{\n"title": "x",\n"weight": ' + "9" * 5000 + "\n}\n": 3,
        "---\ntitle: x\ndate: 2024-13-01\n---\n": 3,
        "---\ndate: 2024-02-30 10:00:00\n---\n": 2,
        "+++\ndate = 2024-02-30\n+++\n": 2,
        '---\ntitle: "\\ud800"\n---\n': 2,
        '{"title": "a\\udfffb"}\n': 1,
        '{"tags": ["\\ud83d"]}\n': 1,
    }
    assert_errors_on_lines(cases)


def assert_errors_on_lines(cases: dict[str, int]) -> list[FrontMatterErrors]:
    """Each text is an error whose first line is the one given."""
    outcomes = []
    for text, line in cases.items():
        outcome = check(text)
        assert isinstance(outcome, FrontMatterErrors), text[:60]
        assert outcome.errors[0].line == line, (text[:60], str(outcome))
        outcomes.append(outcome)
    return outcomes


def test_long_values_are_shortened_in_messages() -> None:
    # (Hugo 0.168 ignores a list title, with a warning here; a list date is an error in Hugo)
    for key in ("date", "title"):
        outcome = check(f"+++\n{key} = ['" + "word " * 100_000 + "']\n+++\n")
        if key == "date":
            assert isinstance(outcome, FrontMatterErrors)
            assert len(str(outcome)) < 400
        else:
            (warning,) = outcome.front.warnings  # type: ignore[union-attr]
            assert len(str(warning)) < 400
    outcome = check('+++\ndate = "' + "word " * 100_000 + '"\n+++\n')
    assert isinstance(outcome, FrontMatterErrors) and len(str(outcome)) < 400


def test_yaml_escapes_beyond_unicode_are_errors_with_lines() -> None:
    """Hypothesis found these: PyYAML decodes ``\\U99999999`` with chr() and fails with a
    ValueError or OverflowError that carries no mark."""
    cases = {
        '---\ntitle: x\nsummary: "a\\U99999999b"\n---\n': 3,
        '---\ntitle: "\\U00110000"\n---\n': 2,
        '---\ntags:\n  - ok\n  - "\\UFFFFFFFF"\n---\n': 4,
    }
    for outcome in assert_errors_on_lines(cases):
        assert "\\U0010FFFF" in str(outcome)
