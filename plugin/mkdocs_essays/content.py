"""The content step (``on_files``, before any feature): MkDocs' files become the :class:`Site`.

Its steps, in the order :func:`collect_content` runs them:

1. Hugo's file layout (:meth:`.hugo.content.HugoContent.prepare`): translations, the
   resources of leaf bundles, each ``_index.md`` at the address of what it stands for;
2. every page's front matter, read once (:func:`read_pages`);
3. the collection (:mod:`.model`): the essays with what Hugo's cascades and build options give
   them, and the terms of the other pages (:mod:`.hugo.term_pages`);
4. each essay placed at its URL (:mod:`.pages.placing`), the terms' spellings reported;
5. Hugo's rules for the other pages (published or not, where each is) and the index of every
   page a ``ref`` or a link can name (:meth:`.hugo.content.HugoContent.settle`);
6. each body as MkDocs will render it: shortcodes, links from the site's root
   (:meth:`.hugo.content.HugoContent.transform`);
7. the pages without front matter, and every problem of steps 5 and 6 at once
   (:meth:`.hugo.content.HugoContent.finish`).

Then the site is frozen: features read it, none writes it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import unquote

from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import Files, InclusionLevel

from .cache import ByObject
from .frontmatter import Document, FrontMatterErrors
from .hugo.term_pages import other_pages
from .model import Collection, Essay, make_essay
from .pages.placing import place_essays
from .reading import without_controls

if TYPE_CHECKING:
    from .site import Site

__all__ = ["collect_content"]

log = get_plugin_logger(__name__)


def collect_content(site: Site, files: Files) -> None:
    """Fill ``site`` from MkDocs' ``files`` (see the module's steps), then freeze it."""
    site.files = files
    hugo = site.hugo
    hugo.prepare(files)  # 1
    essays = read_pages(site, files, hugo.plain)  # 2
    essays, pages = other_pages(site, hugo, essays)  # 3
    site.collection = Collection.of(
        essays, site.taxonomies.values(), preview=site.preview, pages=pages, lower=site.lower
    )
    place_essays(site, files)  # 4
    report_terms(site)
    hugo.settle()  # 5
    controls: ByObject[tuple[int, str] | None] = site.cache.get("control characters", b"", ByObject)
    controls.begin()
    for src_uri, document in site.documents.items():  # 6
        body = hugo.transform(src_uri, document.body)
        site.bodies[src_uri] = without_controls(document, body, controls)
    hugo.finish()  # 7
    site.included = frozenset(f.src_uri for f in files.documentation_pages())
    site.freeze()


def read_pages(site: Site, files: Files, plain: dict[str, Document]) -> list[Essay]:
    """Every page's front matter (kept by content in the site's cache); the essays. Pages
    with front matter (and essays) go into the site's documents, the others into ``plain``
    (Hugo's rules still read them). A broken front matter stops `mkdocs build`, naming every
    problem; `mkdocs serve` shows it on the page instead."""
    errors: list[str] = []
    essays: list[Essay] = []
    for file in files.documentation_pages(inclusion=InclusionLevel.is_in_serve):
        if file.generated_by is not None and file.generated_by != "essays":
            continue
        source = site.reader.source(file, files, errors)  # None: gone or unreadable
        if source is None:
            continue
        path = site.display_path(file)
        try:
            document = site.cache.read(source, path, zone=site.zone, taxonomies=site.taxonomies)
        except FrontMatterErrors as error:
            errors.extend(str(e) for e in error.errors)
            site.broken[file.src_uri] = [str(e) for e in error.errors]
            continue
        for warning in document.front.warnings:  # read as Hugo reads it, likely not as meant
            log.warning(str(warning))
        essay_source = site.is_essay_source(file.src_uri)
        if document.front.format is not None or essay_source:
            site.documents[file.src_uri] = document
        else:
            plain[file.src_uri] = document
        if essay_source:
            essays.append(make_essay(document, file.src_uri, site.publication, lower=site.lower))
            site.essay_files[file.src_uri] = file
    if errors and not site.serve:
        raise PluginError("\n".join(errors))
    for message in errors:
        # Under `mkdocs serve` the site keeps working: the broken page shows the error.
        log.error(message)
    return essays


def report_terms(site: Site) -> None:
    """One info line for every merged spelling; a warning per slug two names share."""
    merged: list[str] = []
    for taxonomy in site.collection.taxonomies.values():
        for merge in taxonomy.merges:
            others = ", ".join(repr(s) for s in merge.spellings if s != merge.name)
            note = f"{taxonomy.name} {merge.name!r} (also written {others})"
            if merge.hugo_slugs:
                moved = ", ".join(_shown_url(site, taxonomy.name, s) for s in merge.hugo_slugs)
                note += (
                    f" at {_shown_url(site, taxonomy.name, merge.slug)}; Hugo's {moved} "
                    "redirects there"
                )
            merged.append(note)
        for collision in taxonomy.collisions:
            plural = taxonomy.name
            uses = "; ".join(
                f"{name!r} in " + ", ".join(f"{e.path}:{e.front.line_of(plural)}" for e in used)
                for name, used in collision.uses
            )
            log.warning(
                f"{plural}: different names share the page "
                f"{_shown_url(site, plural, collision.slug)}: {uses}. Rename one of them so "
                "each has its own page, or write them the same way to make them one term."
            )
    if merged:
        log.info(
            "Spellings that differ only in case or spacing are one term, shown as written "
            "most: " + "; ".join(merged)
        )


def _shown_url(site: Site, taxonomy: str, slug: str) -> str:
    return "/" + unquote(site.url_of(site.policy.term(taxonomy, slug)))
