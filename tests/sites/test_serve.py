"""`mkdocs serve` while writing: new, edited, broken, fixed and deleted essays, and live reload.

Starts the real `mkdocs serve` on 127.0.0.1 with a temporary project and watches what it serves.
"""

from __future__ import annotations

import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from serving import free_port, mkdocs_serve

TIMEOUT = 40.0


@dataclass
class Server:
    root: Path
    base: str
    process: subprocess.Popen[str]
    log: Path

    def get(self, path: str) -> tuple[int, str]:
        try:
            with urllib.request.urlopen(self.base + path, timeout=10) as response:
                return response.status, response.read().decode("utf-8")
        except urllib.error.HTTPError as error:
            return error.code, ""
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            return 0, ""  # not listening yet, or restarting

    def output(self) -> str:
        return self.log.read_text("utf-8", errors="replace")

    def wait(self, what: str, check: Callable[[], bool]) -> None:
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            assert self.process.poll() is None, "the server stopped:\n" + self.output()[-3000:]
            if check():
                return
            time.sleep(0.3)
        raise AssertionError(f"timed out waiting for {what}\n{self.output()[-3000:]}")

    def page_has(self, path: str, text: str) -> bool:
        status, body = self.get(path)
        return status == 200 and text in body

    def page_gone(self, path: str) -> bool:
        return self.get(path)[0] == 404

    def write(self, name: str, text: str) -> None:
        path = self.root / "docs" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    port = free_port()
    config = {
        "site_name": "Serve test",
        "site_url": f"http://127.0.0.1:{port}/",
        "theme": {"name": "material"},
        "plugins": ["search", "essays"],
        "markdown_extensions": [{"toc": {"permalink": True}}],
    }
    (tmp_path / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    (tmp_path / "docs" / "posts").mkdir(parents=True)
    (tmp_path / "docs" / "index.md").write_text("# Home\n\nWelcome.\n", encoding="utf-8")
    (tmp_path / "docs" / "posts" / "first.md").write_text(
        '+++\ntitle = "First essay"\ndate = 2024-01-01\ntags = ["Old"]\n+++\n\n## One\n\nText.\n',
        encoding="utf-8",
    )
    log = tmp_path / "serve.log"
    with mkdocs_serve(tmp_path, port, log) as process:
        srv = Server(tmp_path, f"http://127.0.0.1:{port}/", process, log)
        srv.wait("the first build", lambda: srv.page_has("posts/first/", "First essay"))
        yield srv


ESSAY = """+++
title = "{title}"
date = 2024-06-01
tags = ["Fresh Ideas"]
+++

Opening words of the new essay.

## A pattern worth a card

The section text of the card.
"""


def titles_in(html: str) -> list[str]:
    soup = BeautifulSoup(html, "lxml")
    return [a.get_text() for a in soup.select(".essay-list__title a")]


def test_live_reload_is_on_by_default(server: Server) -> None:
    # MkDocs 1.6.1 with click 8.3.0/8.3.1 silently turned live reload off (mkdocs/mkdocs#4032).
    status, body = server.get("")
    assert status == 200
    assert "livereload(" in body


def test_writing_session(server: Server) -> None:
    srv = server
    # a new essay appears: its page, the index, its tag page and its card
    srv.write("posts/new-one.md", ESSAY.format(title="Brand new essay"))
    srv.wait("the new essay", lambda: srv.page_has("posts/new-one/", "Brand new essay"))
    assert "Brand new essay" in titles_in(srv.get("posts/")[1])
    srv.wait("its tag page", lambda: srv.page_has("tags/fresh-ideas/", "Brand new essay"))
    card = "patterns/new-one/a-pattern-worth-a-card/"
    srv.wait("its card", lambda: srv.page_has(card, "The section text of the card."))

    # an edited title changes everywhere
    srv.write("posts/new-one.md", ESSAY.format(title="Renamed essay"))
    srv.wait("the new title", lambda: "Renamed essay" in titles_in(srv.get("posts/")[1]))
    assert "Brand new essay" not in titles_in(srv.get("posts/")[1])
    srv.wait("the tag page", lambda: srv.page_has("tags/fresh-ideas/", "Renamed essay"))
    srv.wait("the card", lambda: srv.page_has(card, "Renamed essay"))

    # broken TOML: the server stays up, names the file and line, keeps serving; the page
    # shows the error and the writer's text
    srv.write("posts/new-one.md", ESSAY.format(title="Broken").replace("date = 2024", "date = ?"))
    message = "docs/posts/new-one.md:3: invalid TOML"
    srv.wait("the error in the log", lambda: message in srv.output())
    srv.wait("the error on the page", lambda: srv.page_has("posts/new-one/", message))
    assert srv.page_has("posts/new-one/", "The section text of the card.")
    assert srv.page_has("posts/first/", "First essay")

    # fixed: it recovers
    srv.write("posts/new-one.md", ESSAY.format(title="Fixed essay"))
    srv.wait("recovery", lambda: srv.page_has("posts/new-one/", "Fixed essay"))

    # deleted: gone from every index
    (srv.root / "docs" / "posts" / "new-one.md").unlink()
    srv.wait("deletion", lambda: srv.page_gone("posts/new-one/"))
    assert "Fixed essay" not in srv.get("posts/")[1]
    assert srv.page_gone("tags/fresh-ideas/")
    assert srv.page_gone(card)
    assert "Fixed essay" not in srv.get("tags/")[1]
    assert "Fixed essay" not in srv.get("patterns/")[1]


def test_a_save_in_one_language_shows_in_that_language(tmp_path: Path) -> None:
    """`mkdocs serve` on a site in two languages: a French essay saved shows at /fr/..., in the
    French listing, and nowhere in English; the English site keeps serving."""
    port = free_port()
    config = {
        "site_name": "Bilingual",
        "site_url": f"http://127.0.0.1:{port}/",
        "theme": {"name": "material"},
        "plugins": ["search", {"essays": {"hugo_content": True, "languages": ["fr"]}}],
    }
    (tmp_path / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    posts = tmp_path / "docs" / "posts"
    posts.mkdir(parents=True)
    (tmp_path / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
    (tmp_path / "docs" / "index.fr.md").write_text("# Accueil\n", encoding="utf-8")
    essay = "+++\ntitle = '{title}'\ndate = 2024-01-0{day}\n+++\n\n{text}\n"
    (posts / "one.md").write_text(essay.format(title="One", day=1, text="English."), "utf-8")
    (posts / "one.fr.md").write_text(essay.format(title="Un", day=1, text="Premier."), "utf-8")
    log = tmp_path / "serve.log"
    with mkdocs_serve(tmp_path, port, log) as process:
        srv = Server(tmp_path, f"http://127.0.0.1:{port}/", process, log)
        srv.wait("both languages", lambda: srv.page_has("fr/posts/one/", "Premier."))
        assert srv.page_has("posts/one/", "English.")

        srv.write("posts/one.fr.md", essay.format(title="Un", day=1, text="Texte enregistré."))
        srv.wait("the French save", lambda: srv.page_has("fr/posts/one/", "Texte enregistré."))
        assert srv.page_has("posts/one/", "English.")
        assert "Texte enregistré." not in srv.get("posts/one/")[1]

        srv.write("posts/deux.fr.md", essay.format(title="Deux", day=2, text="Nouveau."))
        srv.wait("the new French essay", lambda: "Deux" in titles_in(srv.get("fr/posts/")[1]))
        assert srv.page_has("fr/posts/deux/", "Nouveau.")
        assert "Deux" not in titles_in(srv.get("posts/")[1])
        assert srv.get("posts/deux/")[0] == 404, "no English page for a French-only essay"
        assert "Traceback" not in srv.output()
