"""Pattern cards: every H2 section of an essay becomes a linked card (issue 4)."""
