"""Feeds of the site's essays (issue 5)."""
