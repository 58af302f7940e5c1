"""`mkdocs-essays new`: the file it writes, what it refuses, and that the file builds."""

from __future__ import annotations

import shutil
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from conftest import MakeSite
from mkdocs_essays.cli import main
from mkdocs_essays.cli.new import essay_text, parse_tags, slug_for
from mkdocs_essays.frontmatter import read
from processes import ok, run, shown

LISBON_SUMMER = timezone(timedelta(hours=1))


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        (
            "Generative AI Development Strategies and Patterns",
            "generative-ai-development-strategies-and-patterns",
        ),
        ("Hello, World!", "hello-world"),
        ("C# & F#: notes", "c#--f#-notes"),
        ("TCP/IP basics", "tcp-ip-basics"),
        (".NET tips", "net-tips"),
        ("Ελληνικά Κείμενα", "ελληνικά-κείμενα"),
        ("🎉", ""),
    ],
)
def test_slug_is_hugos_urlize_of_the_title(title: str, slug: str) -> None:
    assert slug_for(title) == slug


def test_tags_are_trimmed_and_deduplicated() -> None:
    assert parse_tags(" LLM , Generative   AI,,LLM,") == ["LLM", "Generative AI"]
    assert parse_tags("") == []


def test_essay_text_is_toml_our_reader_reads() -> None:
    now = datetime(2025, 1, 3, 10, 10, 10, 123456, tzinfo=LISBON_SUMMER)
    text = essay_text('Quotes "and" \\ back', ["LLM", "Généré"], now)
    assert text.startswith("+++\n") and text.endswith("+++\n\n")
    assert "date = 2025-01-03T10:10:10+01:00\n" in text
    document = read(text, "docs/posts/x.md")
    front = document.front
    assert front.title == 'Quotes "and" \\ back'
    assert front.date == now.replace(microsecond=0)
    assert front.date is not None and front.date.utcoffset() == timedelta(hours=1)
    assert front.draft is True
    assert front.tags == ("LLM", "Généré")
    assert document.body.strip() == ""


def test_new_writes_the_file_and_prints_its_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["new", "Patterns for RAG", "--tags", "LLM,RAG"]) == 0
    path = Path("docs/posts/patterns-for-rag.md")
    assert capsys.readouterr().out.strip() == str(path)
    front = read(path.read_bytes(), str(path)).front
    assert front.title == "Patterns for RAG"
    assert front.draft is True
    assert front.tags == ("LLM", "RAG")
    assert front.date is not None and front.date.tzinfo is not None
    assert abs(front.date - datetime.now().astimezone()) < timedelta(minutes=5)


def test_new_refuses_to_overwrite(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "essays"
    existing = folder / "my-essay.md"
    folder.mkdir()
    existing.write_text("my words\n", encoding="utf-8")
    code = main(["new", "My Essay", "--dir", str(folder)])
    captured = capsys.readouterr()
    assert code == 1
    assert existing.read_text(encoding="utf-8") == "my words\n"
    assert str(existing) in captured.err and "already exists" in captured.err
    assert captured.out == ""


def test_new_refuses_a_title_whose_bundle_exists(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "my-essay").mkdir()
    (tmp_path / "my-essay" / "index.md").write_text("bundle\n", encoding="utf-8")
    assert main(["new", "My Essay", "--dir", str(tmp_path)]) == 1
    assert "my-essay/index.md" in capsys.readouterr().err.replace("\\", "/")
    assert not (tmp_path / "my-essay.md").exists()


def test_new_refuses_a_title_without_letters(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["new", "🎉", "--dir", str(tmp_path)]) == 1
    assert "cannot make a file name" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_console_script_is_installed(tmp_path: Path) -> None:
    """The `mkdocs-essays` command of pyproject's [project.scripts] runs `new`."""
    command = shutil.which("mkdocs-essays")
    args = [command] if command else [sys.executable, "-m", "mkdocs_essays.cli"]
    done = ok([*args, "new", "Console Script", "--dir", "posts"], cwd=tmp_path, timeout=120)
    assert done.stdout.strip() == str(Path("posts/console-script.md")), shown(done)
    again = run([*args, "new", "Console Script", "--dir", "posts"], cwd=tmp_path, timeout=120)
    assert again.returncode == 1 and "already exists" in again.stderr, shown(again)


def test_new_essay_builds(tmp_path: Path, make_site: MakeSite) -> None:
    """The written draft is left out of `mkdocs build` and shown by `mkdocs serve`."""
    main(["new", "Fresh Draft", "--tags", "Ideas", "--dir", str(tmp_path)])
    text = (tmp_path / "fresh-draft.md").read_text(encoding="utf-8")
    text += "The first paragraph of a fresh draft.\n"
    built = make_site({"docs/posts/fresh-draft.md": text})
    assert not built.exists("posts/fresh-draft/")
    served = make_site({"docs/posts/fresh-draft.md": text}, serve=True)
    content = served.content("posts/fresh-draft/")
    assert content.find("h1").get_text(strip=True).startswith("Fresh Draft")
    assert "Draft" in content.get_text()
    assert [a.get_text() for a in content.select("a.essay-tag")] == ["Ideas"]


def test_a_title_longer_than_a_file_name_is_shortened_as_the_build_does(
    tmp_path: Path, make_site: MakeSite, capsys: pytest.CaptureFixture[str]
) -> None:
    """86+ CJK characters are 258+ bytes, more than a file name holds: ``OSError [Errno 36]``
    once docs/posts existed. The name is cut as the build cuts URLs, and the essay is
    published at the address its file name gives."""
    title = "漢" * 120
    posts = tmp_path / "docs" / "posts"
    posts.mkdir(parents=True)
    assert main(["new", title, "--dir", str(posts)]) == 0
    written = Path(capsys.readouterr().out.strip())
    assert written.parent == posts and len(written.name.encode()) <= 255
    assert written.stem.startswith("漢" * 60) and len(written.stem.encode()) <= 200
    assert main(["new", title, "--dir", str(posts)]) == 1  # the same name: never overwritten
    assert "already exists" in capsys.readouterr().err
    text = written.read_text("utf-8").replace("draft = true", "draft = false")
    site = make_site({f"docs/posts/{written.name}": text})
    assert site.exists(f"posts/{written.stem}/")
