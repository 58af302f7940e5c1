"""Templates compiled once per `mkdocs serve`, which makes a new Jinja environment at every
build (MkDocs' theme environment, and the plugin's), and would compile Material's templates
and the plugin's again each time (a quarter of a second of every save)."""

from __future__ import annotations

import jinja2

__all__ = ["Compiled"]


class Compiled(jinja2.BytecodeCache):
    """Compiled templates by name, kept by the plugin (:class:`.engine.Incremental`) from build
    to build; Jinja checks each against its source's checksum, so an edited template is
    compiled again."""

    def __init__(self) -> None:
        self._held: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        data = self._held.get(bucket.key)
        if data is not None:
            bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._held[bucket.key] = bucket.bytecode_to_string()

    def clear(self) -> None:
        self._held.clear()
