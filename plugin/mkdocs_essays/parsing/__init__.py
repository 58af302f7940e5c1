"""The plugin's parsers, one per job (no MkDocs import): :mod:`.markdown` reads the structure
of a Markdown body (headings, code, HTML blocks) as Python-Markdown will render it, and
:mod:`.html` reads rendered HTML into tokens once, for its text, its links and its sections.
"""
