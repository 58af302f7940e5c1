"""What ``mkdocs-essays import`` may read: the Hugo site's own folder, and the folders the
writer names with ``--allow-outside``.

A Hugo repository one did not write can point anywhere: ``contentDir = "/"``, ``staticDir =
"../../.ssh"``, a module mount of ``/etc``, a symlinked ``content/posts/key.md`` whose target is
``~/.ssh/id_rsa``. Everything the import reads is checked here first, by its real path (links
resolved): a folder outside is refused before it is walked, a link whose target is outside is
left out, and each refusal is one line the import prints. A link whose target is inside is
copied as that target (Hugo 0.168 itself publishes no link found inside ``content/``: it
skips them, files and folders, wherever they point). No MkDocs import.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

__all__ = ["Confinement"]


class Confinement:
    """The folders an import may read from, and what it refused to read."""

    def __init__(self, site: Path, allowed: Iterable[Path] = ()) -> None:
        self.site = Path(os.path.realpath(site))
        self.allowed = [self.site, *(Path(os.path.realpath(p)) for p in allowed)]
        self.refused: list[str] = []
        """One line per folder or link left out (for the import's report)."""

    def inside(self, path: Path | str) -> bool:
        """True when the real path of ``path`` (every link resolved) is in an allowed folder."""
        real = os.path.realpath(path)
        return any(
            real == str(root) or real.startswith(str(root) + os.sep) for root in self.allowed
        )

    def folder(self, path: Path, what: str) -> bool:
        """May the import read the folder ``path`` (``what`` names the setting that gave it,
        for the message)? Refused folders are recorded."""
        if self.inside(path):
            return True
        self.refused.append(
            f"{what}: {os.path.realpath(path)} is outside the site {self.site}; not read "
            f"(name it with --allow-outside {os.path.realpath(path)} to import it)"
        )
        return False

    def files(self, root: Path) -> list[Path]:
        """Every file under ``root`` (a folder :meth:`folder` accepted), by its path below
        ``root``: links are followed only to a target inside an allowed folder, each folder
        entered once (a link to a folder above it is not a loop). Sorted; no recursion."""
        found: list[Path] = []
        entered = {os.path.realpath(root)}
        stack = [root]
        while stack:
            folder = stack.pop()
            try:
                entries = sorted(os.scandir(folder), key=lambda e: e.name)
            except OSError as error:
                self.refused.append(f"{folder}: cannot be read ({error.strerror})")
                continue
            for entry in entries:
                path = Path(entry.path)
                if entry.is_symlink():
                    real = os.path.realpath(path)
                    if not self.inside(real):
                        self.refused.append(
                            f"{path}: a link to {real}, outside the site; not copied (name it "
                            f"with --allow-outside {real} to import it)"
                        )
                        continue
                    if os.path.isdir(real):
                        if real not in entered:
                            entered.add(real)
                            stack.append(path)
                    elif os.path.isfile(real):
                        found.append(path)
                    else:
                        self.refused.append(f"{path}: a link to {real}, which does not exist")
                    continue
                if entry.is_dir(follow_symlinks=False):
                    real = os.path.realpath(path)
                    if real not in entered:
                        entered.add(real)
                        stack.append(path)
                elif entry.is_file(follow_symlinks=False):
                    found.append(path)
        return sorted(found)
