"""Follow every internal link of a built site and report the ones that do not resolve.

A link resolves when the file exists in the site folder (a folder URL means its
``index.html``) and, for a ``#fragment``, when the target page has an element with that id (or
an ``<a name>``). External links, ``mailto:`` and the like are not followed.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup

__all__ = ["Broken", "broken_links", "ids_of"]

_ATTRIBUTES = (("a", "href"), ("link", "href"), ("img", "src"), ("script", "src"))
_SKIP_SCHEMES = ("http", "https", "mailto", "tel", "data", "javascript", "ftp")


@dataclass(frozen=True)
class Broken:
    page: str
    link: str
    reason: str

    def __str__(self) -> str:
        return f"{self.page}: {self.link} ({self.reason})"


@lru_cache(maxsize=4096)
def ids_of(path: Path) -> frozenset[str]:
    soup = BeautifulSoup(path.read_text("utf-8", errors="replace"), "lxml")
    ids = {el["id"] for el in soup.find_all(id=True)}
    ids |= {el["name"] for el in soup.find_all("a", attrs={"name": True})}
    return frozenset(ids)


def _target(site: Path, page: Path, path: str) -> Path:
    base = page.parent
    resolved = (base / unquote(path)) if path else page
    if path.endswith("/") or resolved.is_dir():
        resolved = resolved / "index.html"
    return resolved


def broken_links(site: Path, *, pages: list[Path] | None = None) -> list[Broken]:
    """Every internal link of ``pages`` (default: every HTML file) that does not resolve."""
    site = site.resolve()
    problems: list[Broken] = []
    # MkDocs writes 404.html with absolute links on purpose: it is served from any path.
    default = [p for p in sorted(site.rglob("*.html")) if p.name != "404.html"]
    for page in pages or default:
        page = page.resolve()
        name = page.relative_to(site).as_posix()
        soup = BeautifulSoup(page.read_text("utf-8", errors="replace"), "lxml")
        for tag, attribute in _ATTRIBUTES:
            for element in soup.find_all(tag, attrs={attribute: True}):
                link = element[attribute]
                parts = urlsplit(link)
                if parts.scheme in _SKIP_SCHEMES or parts.netloc or link.startswith("//"):
                    continue
                if parts.path.startswith("/"):
                    problems.append(Broken(name, link, "absolute path: breaks under a subpath"))
                    continue
                target = _target(site, page, parts.path)
                try:
                    target.resolve().relative_to(site)
                except ValueError:
                    problems.append(Broken(name, link, "leaves the site"))
                    continue
                if not target.is_file():
                    problems.append(Broken(name, link, "no such file"))
                    continue
                fragment = unquote(parts.fragment)
                # (resolved, so a page's ids are read once however its links reach it)
                ids = ids_of(target.resolve()) if fragment and target.suffix == ".html" else None
                if ids is not None and fragment not in ids:
                    problems.append(Broken(name, link, f"no id {fragment!r} in the target"))
    return problems
