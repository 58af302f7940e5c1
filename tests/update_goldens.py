"""Rewrite the golden files after a deliberate change, and say which ones changed.

    python tests/update_goldens.py

The tests only compare with ``tests/golden/`` and never write it: a test that wrote its own
expectation would compare a file with itself. Review the diff (``git diff tests/golden``)
before committing it.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

TESTS = Path(__file__).resolve().parent
sys.path[:0] = [str(TESTS), str(TESTS / "unit")]

import test_cards_extract  # noqa: E402
import test_frontmatter_golden  # noqa: E402


def main() -> int:
    changed = []
    for module in (test_frontmatter_golden, test_cards_extract):
        for name in module.CASES:
            path = module.GOLDEN / f"{name}.json"
            text = json.dumps(module.outcome(name), indent=2, ensure_ascii=False) + "\n"
            if not path.exists() or path.read_text("utf-8") != text:
                path.write_text(text, "utf-8")
                changed.append(path.relative_to(TESTS.parent).as_posix())
    print("\n".join(changed) if changed else "every golden file is up to date")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
