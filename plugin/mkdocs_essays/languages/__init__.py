"""Multilingual sites (issue 21): a MkDocs build per language, Hugo\x27s URLs and rules."""
