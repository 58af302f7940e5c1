"""Scalars where Hugo wants a string (issue 11): each one checked against Hugo 0.168 on a tiny
site with stub layouts (``{{ .Title }}``, ``{{ range .GetTerms "tags" }}``)."""

from __future__ import annotations

import pytest
from mkdocs_essays.frontmatter import FrontMatterErrors, read


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


def test_what_hugo_drops_stays_an_error() -> None:
    # Hugo 0.168 prints an empty title for title = [1, 2] and drops tags = [[1, 2], "x"] and a
    # tags table entirely: words lost silently, so these stay errors naming the line
    for source, line in (
        ("+++\ntitle = [1, 2]\n+++\n", 2),
        ('+++\ntitle = "i"\ntags = [[1, 2], "x"]\n+++\n', 3),
        ('+++\ntitle = "j"\n[tags]\na = 1\n+++\n', 3),
    ):
        with pytest.raises(FrontMatterErrors) as caught:
            front(source)
        assert caught.value.errors[0].line == line, source


def test_params_table_is_what_param_reads() -> None:
    # Hugo 0.123+ keeps custom fields under params; {{% param "minVersion" %}} reads them
    fm = front("---\ntitle: p\nparams:\n  minVersion: v0.158.0\n---\n")
    assert fm.meta()["params"] == {"minVersion": "v0.158.0"}
