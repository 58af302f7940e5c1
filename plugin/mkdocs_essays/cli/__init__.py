"""``mkdocs-essays``: the command line (``new`` like ``hugo new``, ``import`` for Hugo sites)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from . import hugo_import, new

__all__ = ["main"]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="mkdocs-essays", description="Write essays and bring Hugo sites to MkDocs."
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    new.register(commands)
    hugo_import.register(commands)
    args = parser.parse_args(argv)
    return int(args.run(args) or 0)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
