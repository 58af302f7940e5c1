"""`mkdocs-essays new` (not built yet)."""

from __future__ import annotations

import argparse
import sys
from typing import Any


def register(commands: Any) -> None:
    parser = commands.add_parser("new", help="not built yet")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    print("not built yet", file=sys.stderr)
    return 2
