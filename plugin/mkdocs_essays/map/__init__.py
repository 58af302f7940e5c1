"""The knowledge map: the site as a graph of essays, pattern cards and terms (issue 13)."""
