"""Scalars where Hugo wants a string (issue 11): each one checked against Hugo 0.168 on a tiny
site with stub layouts (``{{ .Title }}``, ``{{ range .GetTerms "tags" }}``)."""

from __future__ import annotations

import json
import math
from datetime import UTC, datetime

import pytest
from growth import assert_linear
from mkdocs_essays.frontmatter import FrontMatterErrors, read
from mkdocs_essays.frontmatter.casts import go_parse_int, hugo_int
from mkdocs_essays.model.essay import Publication, make_essay
from mkdocs_essays.model.slugs import hugo_path, hugo_slug, hugo_term_urlize
from mkdocs_essays.model.taxonomy import spelling, term_slug

PUB = Publication(now=datetime(2026, 1, 1, tzinfo=UTC))


def front(source: str):  # type: ignore[no-untyped-def]
    return read(source, "docs/posts/x.md").front


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        # Hugo 0.168 printed each of these as {{ .Title }}
        ("2020-04-19", "2020-04-19"),
        ("42", "42"),
        ("1.50", "1.5"),
        ("1e21", "1000000000000000000000"),
        ("1e-7", "0.0000001"),
        ("-0.0", "-0"),
        ("0x1F", "31"),
        ("inf", "+Inf"),
        ("-inf", "-Inf"),
        ("nan", "NaN"),
        ("true", "true"),
        ("10:00:00", "10:00:00"),
        ("2020-04-19T10:00:00", "2020-04-19T10:00:00"),
        ("2020-04-19T10:00:00Z", "2020-04-19 10:00:00 +0000 UTC"),
        ("2020-04-19T10:00:00.5Z", "2020-04-19 10:00:00.5 +0000 UTC"),
        ("2020-04-19T10:00:00+02:00", "2020-04-19 10:00:00 +0200 +0200"),
        ("1979-05-27 07:32:00-08:00", "1979-05-27 07:32:00 -0800 -0800"),
    ],
)
def test_a_toml_scalar_title_is_shown_as_hugo_shows_it(written: str, shown: str) -> None:
    assert front(f"+++\ntitle = {written}\n+++\n").title == shown


def test_yaml_dates_stay_as_written() -> None:
    # Hugo 0.168: title: 2020-04-19T10:00:00+02:00 -> "2020-04-19T10:00:00+02:00"
    fm = front("---\ntitle: 2020-04-19T10:00:00+02:00\ntags: [2020-04-19T10:00:00Z, 0.5]\n---\n")
    assert fm.title == "2020-04-19T10:00:00+02:00"
    assert fm.tags == ("2020-04-19T10:00:00Z", "0.5")
    assert front("---\ntitle: 2020-04-19\ndate: 2020-04-19\n---\n").title == "2020-04-19"


def test_a_string_is_one_tag_and_scalars_are_tags() -> None:
    # Hugo 0.168: tags = "LLM" -> tags/llm/; "LLM, RAG" -> one term tags/llm-rag/;
    # [1, 2.5, true] -> tags/1/, tags/2.5/, tags/true/; categories [false, 3] likewise
    assert front('+++\ntags = "LLM"\n+++\n').tags == ("LLM",)
    assert front('+++\ntags = "LLM, RAG"\n+++\n').tags == ("LLM, RAG",)
    fm = front("+++\ntags = [1, 2.5, true]\ncategories = [false, 3]\n+++\n")
    assert fm.tags == ("1", "2.5", "true") and fm.categories == ("false", "3")
    assert front("+++\ntags = 42\n+++\n").tags == ("42",)
    # Hugo 0.168: tags = "" is no tag; a YAML null in the list is left out
    assert front('+++\ntags = ""\n+++\n').tags == ()
    assert front("---\ntags: [a, ~, '']\n---\n").tags == ("a",)


def test_other_fields_take_scalars_as_hugo_does() -> None:
    # Hugo 0.168: slug = 7 -> posts/7/; url = 2020-01-01 -> /2020-01-01/; aliases = 5 -> a
    # relative alias "5"; keywords = 5 -> [5]; summary = 5 -> "5"; description = true
    fm = front(
        "+++\nslug = 7\nurl = 2020-01-01\naliases = 5\nkeywords = 5\nsummary = 5\n"
        "description = true\ndraft = 1\n+++\n"
    )
    assert (fm.slug, fm.url, fm.aliases, fm.keywords) == ("7", "2020-01-01", ("5",), ("5",))
    assert (fm.summary, fm.description, fm.draft) == ("5", "true", True)


def test_what_hugo_ignores_is_ignored_with_a_warning() -> None:
    # Hugo 0.168 built each of these without a word: an empty title for title = [1, 2], no
    # terms for tags = [[1, 2], "x"] or a [tags] table, no slug for slug = [1], url = [1],
    # aliases = {a = 1}, summary = [1], description = [2] or keywords = [[1]]. Nothing is
    # refused here either, and a warning names the line of each value that is dropped
    for source, line, field_ in (
        ("+++\ntitle = [1, 2]\n+++\n", 2, "title"),
        ('+++\ntitle = "i"\ntags = [[1, 2], "x"]\n+++\n', 3, "tags"),
        ('+++\ntitle = "j"\n[tags]\na = 1\n+++\n', 3, "tags"),
        ('+++\ntitle = "k"\nslug = [1]\n+++\n', 3, "slug"),
        ('+++\ntitle = "k"\nurl = [1]\n+++\n', 3, "url"),
        ('+++\ntitle = "k"\naliases = {a = 1}\n+++\n', 3, "aliases"),
        ('+++\ntitle = "k"\nsummary = [1]\n+++\n', 3, "summary"),
        ('+++\ntitle = "k"\ndescription = [2]\n+++\n', 3, "description"),
        ('+++\ntitle = "k"\nkeywords = [[1]]\n+++\n', 3, "keywords"),
        ('+++\ntitle = "k"\ntoc = "yes"\n+++\n', 3, "toc"),
    ):
        fm = front(source)
        (warning,) = fm.warnings
        assert warning.line == line and warning.message.startswith(f"'{field_}' must be"), source
        value = {"tags": fm.tags, "aliases": fm.aliases, "keywords": fm.keywords}.get(field_)
        assert value in ((), None) and getattr(fm, field_, None) in ((), None), source
        assert field_ not in fm.meta() or field_ in ("title",), source


def test_params_table_is_what_param_reads() -> None:
    # Hugo 0.123+ keeps custom fields under params; {{% param "minVersion" %}} reads them
    fm = front("---\ntitle: p\nparams:\n  minVersion: v0.158.0\n---\n")
    assert fm.meta()["params"] == {"minVersion": "v0.158.0"}


# -- weight, draft, YAML numbers, dates, blank terms (issue 11: nothing refused that Hugo
# accepts). Each expected value is what Hugo 0.168 printed for {{ .Weight }}, {{ .Draft }},
# {{ .Params.x }}, {{ .Date }} or a term's {{ .RelPermalink }} on a site with stub layouts.


@pytest.mark.parametrize(
    ("written", "weight", "warned"),
    [
        ('"5"', 5, False),
        ("1.5", 1, False),  # Hugo truncates, and orders the page with the weight-1 pages
        ("-1.5", -1, False),
        ("2.7", 2, False),
        ('"1.5"', 1, False),
        ('"5.5"', 5, False),
        ('"5.0"', 5, False),
        ('"0x10"', 16, False),
        ('"017"', 15, False),
        ('"0o17"', 15, False),
        ('"0O17"', 15, False),
        ('"1_000"', 1000, False),
        ('"+3"', 3, False),
        ('"-4"', -4, False),
        ("true", 1, False),
        ("1e3", 1000, False),
        ("9.99e20", -9223372036854775808, False),  # Go's float-to-int on amd64
        ('""', 0, False),
        ('"abc"', 0, True),  # Hugo: weight 0, silently
        ('" 5 "', 0, True),
        ('"1e3"', 0, True),
        ("[1]", 0, True),
        ("{a = 1}", 0, True),
        ("2020-01-01", 0, True),
    ],
)
def test_weight_is_what_hugo_reads(written: str, weight: int, warned: bool) -> None:
    fm = front(f"+++\ntitle = 't'\nweight = {written}\n+++\n")
    assert fm.weight == weight
    assert bool(fm.warnings) is warned
    if warned:
        assert str(fm.warnings[0]).startswith("docs/posts/x.md:3: 'weight' is ")
        assert "weight 0 in Hugo" in str(fm.warnings[0])


def test_hugo_orders_by_the_weight_it_read() -> None:
    # Hugo 0.168 listed weights "5", 1.5, 3, 1, 2.7, "abc" as B(1) D(1) E(2) C(3) A(5) F(0):
    # the same ascending order of what it read, weight 0 last
    weights = {"A": '"5"', "B": "1.5", "C": "3", "D": "1", "E": "2.7", "F": '"abc"'}
    read_as = {
        n: front(f"+++\ntitle = '{n}'\nweight = {w}\n+++\n").weight for n, w in weights.items()
    }
    assert read_as == {"A": 5, "B": 1, "C": 3, "D": 1, "E": 2, "F": 0}
    hugo_order = sorted(read_as, key=lambda n: (read_as[n] == 0, read_as[n], n))
    assert hugo_order == ["B", "D", "E", "C", "A", "F"]
    assert front("+++\nweight = 3\n+++\n").meta()["weight"] == 3


@pytest.mark.parametrize(
    ("written", "value", "weight"),
    [
        # YAML value -> Hugo's {{ .Params.x }} and {{ .Weight }}
        ("0o17", 15, 15),
        ("-0o17", -15, -15),
        ("+0o17", 15, 15),
        ("0o1_7", 15, 15),
        ("0o_17", 15, 15),
        ("0O17", "0O17", 15),  # a string to YAML; cast reads it as 15
        ("0o", "0o", 0),
        ("0o8", "0o8", 0),
        ("017", 15, 15),
        ("0_17", 15, 15),
        ("0x1F", 31, 31),
        ("0x_1F", 31, 31),
        ("0b101", 5, 5),
        ("0b2", "0b2", 0),
        ("08", "08", 0),
        ("012345678", "012345678", 0),
        ("1_000", 1000, 1000),
        ("1__0", 10, 10),
        ("+12", 12, 12),
        ("1:30", "1:30", 0),  # PyYAML alone reads 90 (YAML 1.1 base 60)
        ("190:20:30.15", "190:20:30.15", 0),
        ("1e3", "1e3", 0),
        ("1E3", "1E3", 0),
        ("1e+3", "1e+3", 0),
        ("1.0e3", 1000.0, 1000),  # PyYAML alone reads the string "1.0e3"
        ("1.5E+3", 1500.0, 1500),
        ("+.5", 0.5, 0),  # PyYAML alone reads the string "+.5"
        ("0.5", 0.5, 0),
        ("1.", 1.0, 1),
        ("1_0.5", 10.5, 10),
        (".inf", math.inf, -9223372036854775808),
    ],
)
def test_yaml_numbers_are_hugos(written: str, value: object, weight: int) -> None:
    fm = front(f"---\nx: {written}\nweight: {written}\n---\n")
    assert fm.params["x"] == value and type(fm.params["x"]) is type(value)
    assert fm.weight == weight


def test_yaml_octal_title_and_tags() -> None:
    fm = front("---\ntitle: 0o17\ntags: [0o17, 1:30]\n---\n")
    assert fm.title == "15" and fm.tags == ("15", "1:30")


@pytest.mark.parametrize(
    ("written", "draft", "warned"),
    [
        # TOML: Hugo 0.168 left these out of public/ (drafts)
        ('"true"', True, False),
        ('"True"', True, False),
        ('"TRUE"', True, False),
        ('"t"', True, False),
        ('"T"', True, False),
        ('"1"', True, False),
        ("1", True, False),
        ("2", True, False),
        ("-1", True, False),
        ("1.5", True, False),
        ("0.1", True, False),
        # and published these (not drafts)
        ('"false"', False, False),
        ('"F"', False, False),
        ('"0"', False, False),
        ('""', False, False),
        ("0", False, False),
        ("0.0", False, False),
        ('"yes"', False, True),
        ('"no"', False, True),
        ('"on"', False, True),
        ('" true"', False, True),
        ('"abc"', False, True),
        ("[true]", False, True),
        ("{a = 1}", False, True),
        ("2020-01-01", False, True),
    ],
)
def test_draft_is_what_hugo_reads(written: str, draft: bool, warned: bool) -> None:
    fm = front(f"+++\ntitle = 't'\ndraft = {written}\n+++\n")
    assert fm.draft is draft
    assert bool(fm.warnings) is warned
    if warned:
        message = str(fm.warnings[0])
        assert message.startswith("docs/posts/x.md:3: 'draft' is ")
        assert "published, not a draft" in message and "draft = true" in message


@pytest.mark.parametrize(
    ("written", "draft"),
    # YAML: Hugo 0.168 published yes/on/y/no/off/tRUE, left out true/True/TRUE/1/"true"
    [
        *[("yes", False), ("on", False), ("y", False), ("no", False), ("off", False)],
        *[("tRUE", False), ("true", True), ("True", True), ("TRUE", True), ("1", True)],
        *[('"true"', True), ("~", False)],
    ],
)
def test_yaml_draft_is_what_hugo_reads(written: str, draft: bool) -> None:
    assert front(f"---\ntitle: t\ndraft: {written}\n---\n").draft is draft


def test_dates_hugo_accepts() -> None:
    # Hugo 0.168: date = "" and expiryDate = "" are no date; date = 1700000000 is
    # 2023-11-14 22:13:20 +0000 UTC, 2020 is 1970-01-01 00:33:40, -5 is 1969-12-31 23:59:55
    assert front('+++\ndate = ""\nexpiryDate = ""\npublishDate = ""\n+++\n').date is None
    assert front('+++\nexpiryDate = ""\n+++\n').expiry_date is None
    assert front("---\ndate: ~\nexpiryDate: ''\n---\n").date is None
    assert front("+++\ndate = 1700000000\n+++\n").date == datetime(
        2023, 11, 14, 22, 13, 20, tzinfo=UTC
    )
    assert front("---\ndate: 2020\n---\n").date == datetime(1970, 1, 1, 0, 33, 40, tzinfo=UTC)
    assert front("+++\ndate = -5\n+++\n").date == datetime(1969, 12, 31, 23, 59, 55, tzinfo=UTC)
    # Hugo: date = 99999999999999 is year 3170843, a future page; here the latest date Python holds
    assert front("+++\ndate = 99999999999999\n+++\n").date.year == 9999  # type: ignore[union-attr]
    # date = "" falls back to publishDate, as Hugo's zero date does
    fm = front('+++\ndate = ""\npublishDate = 2024-01-02\n+++\n')
    assert fm.date == datetime(2024, 1, 2, tzinfo=UTC)


@pytest.mark.parametrize(
    "source",
    [
        # Hugo 0.168 stopped with 'the "date" front matter field is not a parsable date'
        '+++\ndate = "not a date"\n+++\n',
        '+++\ndate = "2020-13-45"\n+++\n',
        '+++\ndate = "January 2, 2020"\n+++\n',
        "+++\ndate = 1.5\n+++\n",
        '+++\nexpiryDate = "garbage"\n+++\n',
        "+++\npublishDate = true\n+++\n",
        "+++\nlastmod = [1]\n+++\n",
        '{"date": 1700000000}\n',  # JSON numbers are floats to Hugo
        '{"date": 1.7e9}\n',
    ],
)
def test_dates_hugo_rejects_stay_errors(source: str) -> None:
    with pytest.raises(FrontMatterErrors) as caught:
        front(source)
    (error,) = caught.value.errors
    assert str(error).startswith("docs/posts/x.md:") and "must be a date such as" in str(error)


def test_other_scalars_hugo_accepts() -> None:
    # Hugo 0.168: tags = 5 -> tags/5/; aliases = "one" -> /posts/one; slug = 42 -> /posts/42/;
    # title = true -> "true"; keywords = ["  "] -> ["  "]
    fm = front('+++\ntags = 5\naliases = "one"\nslug = 42\ntitle = true\nkeywords = ["  "]\n+++\n')
    assert (fm.tags, fm.aliases, fm.slug, fm.title) == (("5",), ("one",), "42", "true")
    assert fm.keywords == ("  ",) and not fm.warnings


def test_a_blank_tag_is_kept_and_reported() -> None:
    # Hugo 0.168: tags = ["LLM", "  "] -> tags/llm/ and tags/--/ (titled "  ")
    fm = front('+++\ntitle = "t"\ntags = ["LLM", "  "]\n+++\n')
    assert fm.tags == ("LLM", "  ")
    (warning,) = fm.warnings
    assert str(warning) == (
        "docs/posts/x.md:3: 'tags' has the blank item '  ': Hugo 0.168 gives it a term page "
        "with a blank title, and so does this build; remove it or give it a name"
    )
    assert front('+++\ntags = "  "\n+++\n').tags == ("  ",)
    assert front('+++\ntags = ["", "a"]\n+++\n').warnings == ()  # "" is dropped, as in Hugo


@pytest.mark.parametrize(
    ("name", "path"),
    [
        # the term's {{ .RelPermalink }} in Hugo 0.168, without /tags/ and the last slash
        ("  ", "--"),
        (" ", "-"),
        ("   x  ", "---x--"),
        (" LLM", "-llm"),
        (" x ", "-x-"),
        ("Generative  AI", "generative--ai"),
        (" \t", "-"),
        ("\t ", "-"),
        (" \u00a0", "-"),
        ("\u00a0 ", "-"),
        (" \u2003 ", "--"),
        ("x\t", "x"),
        ("\tx", "-x"),
        ("\tx\t", "-x"),
        ("\t\tx", "-x"),
        ("\u00a0x", "-x"),
        ("x\u00a0", "x"),
        ("a\tb", "a-b"),
        ("a\t\tb", "a-b"),
        ("a\t-b", "a-b"),
        ("a-\tb", "a-b"),
        ("a \tb", "a-b"),
        ("a\t b", "a-b"),
        ("a\u00a0\u00a0b", "a-b"),
        ("a\u2003-b", "a-b"),
        ("c\u00a0d", "c-d"),
        ("a\t!b", "a-b"),
        ("a!\tb", "a-b"),
        ("!\tb", "-b"),
        ("\t!b", "-b"),
        ("a\t.b", "a-.b"),
        ("\t-x", "-x"),
        ("-\tx", "-x"),
        # Hugo writes these terms' pages over /tags/ itself; here they get their code points
        ("\t", ""),
        ("\t\t", ""),
        ("\n", ""),
        ("\u00a0", ""),
        ("\u2003", ""),
    ],
)
def test_term_paths_keep_hugos_white_space(name: str, path: str) -> None:
    assert hugo_term_urlize(name) == path
    if not name.strip():  # a blank name is its own term, at Hugo's path (others merge by fold)
        assert term_slug(spelling(name)) == (path or "-".join(f"u{ord(c):04x}" for c in name))


def test_go_parse_int_is_go_strconv() -> None:
    cases = {"0": 0, "-0": 0, "+7": 7, "0x_1F": 31, "0X1f": 31, "0b_1": 1, "0B1": 1, "0o17": 15}
    cases |= {"017": 15, "0_17": 15, "1_000": 1000, "9223372036854775807": 2**63 - 1}
    cases |= {"-9223372036854775808": -(2**63)}
    for text, value in cases.items():
        assert go_parse_int(text) == value, text
    for text in ("", "+", "-", "0x", "0b", "0o", "08", "1__0", "_1", "1_", "0x_", " 5", "5 "):
        assert go_parse_int(text) is None, text
    for text in ("9223372036854775808", "-9223372036854775809", "1" * 5000, "١٢"):
        assert go_parse_int(text) is None, text


def test_a_site_publishes_what_hugo_publishes(make_site) -> None:  # type: ignore[no-untyped-def]
    # Hugo 0.168 on the same pages: a/ and b/ published, c/ (draft = "true") and e/
    # (expiryDate = 0, 1970) left out; tags/--/ lists A and B, tags/llm/ lists B, tags/-/ C
    # (a draft, so nothing here); f/ is dated 2023-11-14 (date = 1700000000)
    site = make_site(
        {
            "docs/index.md": "# Home\n",
            "docs/posts/a.md": (
                '+++\ntitle = "Alpha"\ndate = 2024-01-01\ntags = ["  "]\ndraft = "yes"\n'
                'weight = "abc"\n+++\nBody A.\n'
            ),
            "docs/posts/b.md": (
                '+++\ntitle = "Beta"\ndate = 2024-01-02\ntags = ["LLM", "  "]\n'
                'expiryDate = ""\nweight = 1.5\n+++\nBody B.\n'
            ),
            "docs/posts/c.md": (
                '+++\ntitle = "Gamma"\ndate = 2024-01-03\ntags = [" "]\ndraft = "true"\n+++\nC.\n'
            ),
            "docs/posts/e.md": (
                '+++\ntitle = "Epsilon"\ndate = 2024-01-04\nexpiryDate = 0\n+++\nE.\n'
            ),
            "docs/posts/f.md": '+++\ntitle = "Phi"\ndate = 1700000000\n+++\nBody F.\n',
            "docs/posts/y.md": "---\ntitle: Ypsilon\ndate: 2024-01-05\nweight: 0o17\n---\nY.\n",
        },
        warnings=[
            r"^mkdocs_essays: docs/posts/a\.md:4: 'tags' has the blank item '  '",
            r"^mkdocs_essays: docs/posts/a\.md:5: 'draft' is 'yes', which Hugo 0\.168 does not",
            r"^mkdocs_essays: docs/posts/a\.md:6: 'weight' is 'abc', not a whole number",
            r"^mkdocs_essays: docs/posts/b\.md:4: 'tags' has the blank item '  '",
            r"^mkdocs_essays: docs/posts/c\.md:4: 'tags' has the blank item ' '",
        ],
    )
    pages = site.pages()
    assert {"posts/a/", "posts/b/", "posts/f/", "posts/y/", "tags/--/", "tags/llm/"} <= set(pages)
    assert not {"posts/c/", "posts/e/", "tags/-/"} & set(pages)
    listed = [a.get_text(" ", strip=True) for a in site.content("tags/--/").select("a")]
    assert any("Alpha" in text for text in listed) and any("Beta" in text for text in listed)
    assert not any("Gamma" in text for text in listed)
    assert site.html("tags/--/").title.string.startswith("  ")  # Hugo's title: the name
    assert "2023-11-14" in site.text("posts/f/")


# -- growth: each scan above is linear on hostile input (ratios only, see tests/growth.py) -----

SCANS = {
    "parse-int-underscores": (go_parse_int, lambda n: "1_" * n + "1"),
    "parse-int-zeros": (go_parse_int, lambda n: "0x" + "0" * (20 * n)),
    "parse-int-bad-underscores": (go_parse_int, lambda n: "0" * (20 * n) + "__1"),
    "weight-decimal": (lambda text: hugo_int(text), lambda n: "1" * (20 * n) + ".5"),
    "weight-dots": (lambda text: hugo_int(text), lambda n: "." + "1" * (20 * n) + ".x"),
    "term-tabs": (hugo_term_urlize.__wrapped__, lambda n: "\t" * (20 * n)),
    "term-mixed": (hugo_term_urlize.__wrapped__, lambda n: " \u00a0-a\t!" * (4 * n)),
    "slug-mixed": (hugo_slug.__wrapped__, lambda n: "-" * n + " \t-a !" * (4 * n) + "-" * n),
    "yaml-long-number": (lambda t: read(t, "x.md"), lambda n: "---\nx: " + "1_" * n + ".e\n---\n"),
    "yaml-octal": (lambda t: read(t, "x.md"), lambda n: "---\nx: 0o" + "7_" * n + "8\n---\n"),
    "yaml-base-60": (lambda t: read(t, "x.md"), lambda n: "---\nx: " + "1:" * n + "30\n---\n"),
}


@pytest.mark.parametrize("case", SCANS, ids=list(SCANS))
def test_scalar_scans_are_linear(case: str) -> None:
    function, make = SCANS[case]
    assert_linear(function, make, 2000)


@pytest.mark.parametrize(
    ("slug", "folder"),
    [
        # slug = "..." -> the page's folder under public/posts/ in Hugo 0.168
        ("42", "42"),
        ("A B", "a-b"),
        ("g  h", "g-h"),
        (" e ", "e"),
        ("\tf", "f"),
        ("m\t", "m"),
        ("a\t\tb", "a-b"),
        ("a\t-b", "a-b"),
        ("a \tb", "a-b"),
        ("a -b", "a-b"),
        ("a- b", "a-b"),
        ("p  -  q", "p-q"),
        ("c\u00a0\u00a0d", "c-d"),
        ("r\t\u00a0s", "r-s"),
        ("i--j", "i--j"),
        ("-k", "k"),
        ("l-", "l"),
        (" -k", "-k"),
        ("k- ", "k-"),
        ("-- x --", "x"),
        ("a!b", "ab"),
        ("!c", "c"),
        ("d!", "d"),
        ("%41b", "%41b"),
        ("x.y", "x.y"),
        ("_u_", "_u_"),
        ("É t", "é-t"),
        ("a/b c", "a/b-c"),
    ],
)
def test_slugs_are_hugos(slug: str, folder: str) -> None:
    assert hugo_slug(slug) == folder
    essay = make_essay(read(f"+++\nslug = {json.dumps(slug)}\n+++\n", "x.md"), "posts/x.md", PUB)
    assert essay.slug == folder


@pytest.mark.parametrize(
    ("stem", "folder"),
    # a file content/posts/<stem>.md -> its folder under public/posts/ in Hugo 0.168
    [
        *[("g  h", "g--h"), ("-k", "-k"), ("l-", "l-"), ("i--j", "i--j"), ("a b", "a-b")],
        *[("a\t\tb", "a-b"), ("\tc", "c"), ("d\t", "d"), ("e \tf", "e-f"), ("g\u00a0h", "g-h")],
        *[("\u00a0i", "i"), ("My  Dir", "my--dir")],
    ],
)
def test_file_names_are_hugos(stem: str, folder: str) -> None:
    assert hugo_path(stem) == folder
    assert make_essay(read("+++\n+++\n", "x.md"), f"posts/{stem}.md", PUB).slug == folder
