"""The model: essays, taxonomies and the collection, as plain Python values (no MkDocs)."""

from .collection import Collection
from .essay import Essay, Publication, make_essay
from .slugs import PathError, clean_path, hugo_urlize
from .taxonomy import Taxonomy, Term, build_taxonomy, term_slug

__all__ = [
    "Collection",
    "Essay",
    "PathError",
    "Publication",
    "Taxonomy",
    "Term",
    "build_taxonomy",
    "clean_path",
    "hugo_urlize",
    "make_essay",
    "term_slug",
]
