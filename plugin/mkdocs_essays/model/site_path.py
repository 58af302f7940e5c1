"""A configured name that becomes a folder of the site must stay inside the site.

Taxonomy names (``tags``), ``essays_dir``, and every other value a writer configures that the
build turns into a path (permalink patterns, language folders) go through
:func:`inside_site` before anything is written: ``../../evil`` or ``/etc`` would put pages
outside the site folder. Hugo 0.168 cleans such a path (``[taxonomies] tag = "../../x"`` is
published at ``/x/``) and then fails on the first term (``no taxonomy configuration found``);
here the name is refused at once, naming the option. No MkDocs import.
"""

from __future__ import annotations

from urllib.parse import unquote

from .slugs import PathError

__all__ = ["inside_site"]


def inside_site(value: str, option: str) -> str:
    """``value``, a folder path relative to the site (``tags``, ``blog/posts``), when it
    stays inside the site; raises :class:`~mkdocs_essays.model.slugs.PathError` naming
    ``option`` as the writer set it (``"[taxonomies] tag"``: ``[taxonomies] tag = '../x' has
    a '..' folder...``) otherwise.

    Refused: an empty name, an absolute path (``/x``, ``\\\\x``, ``C:x``), a ``.`` or ``..``
    folder (percent-encoded ones too: ``%2e%2e``), an empty folder (``a//b``, a ``/`` at
    either end), a backslash, a control character. Linear in ``value``.
    """
    if not isinstance(value, str):
        raise PathError(f"{option} must be a folder name such as 'tags', not {value!r}")
    shown = repr(value) if len(value) <= 80 else repr(value[:80]) + "…"
    problem = _problem(value)
    if problem:
        raise PathError(
            f"{option} = {shown} {problem}: the pages it names would be written outside the "
            "site folder, or nowhere. Write a folder name such as 'tags' or 'blog/posts'"
        )
    return value


def _problem(value: str) -> str | None:
    if not value.strip():
        return "is empty"
    if any(ord(char) < 0x20 or char == "\x7f" for char in value):
        return "has a control character"
    if "\\" in value:
        return "has a backslash"
    if value.startswith("/"):
        return "starts with '/'"
    if len(value) > 1 and value[1] == ":" and value[0].isascii() and value[0].isalpha():
        return "starts with a drive letter"
    for segment in value.split("/"):
        if not segment:
            return "has an empty folder ('//', or '/' at the end)"
        if unquote(segment).strip() in (".", ".."):
            return f"has a {segment!r} folder"
    return None
