"""The records on disk: a second ``mkdocs build``, and ``mkdocs serve``'s start, build only
what changed since the last build of the project.

Where: ``.cache/mkdocs-essays/<build|serve>/`` beside ``mkdocs.yml`` (where Material's social
and privacy plugins keep theirs). What: ``records`` (the last complete build's
:class:`~.engine.State`: every page's key, search entries and warnings, every essay's
products) and ``pages/``, a copy of every page that build wrote (a hard link to it where the
disk allows, so keeping them costs no copying).

Trust: the file starts with the format and the build's *generation* (a digest of the plugin's,
MkDocs', Material's and Python's versions, the plugin's own files, the configuration and the
theme's custom folders: :func:`~.engine.generation`); a cache made by anything else is thrown
away before it is read. Then every page copy must be as it was written (size and modification
time), the records must be the bytes that were written (a checksum), and they may name only
the classes they are made of (no code is run by reading them). A cache that fails any of these
is thrown away whole and the build is a full one; a cache is never half used. The records file
is deleted before the copies are updated and written last, so a build stopped half way leaves
no cache rather than a wrong one.

Plain Python: no MkDocs import.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import logging
import os
import pickle
import shutil
import threading
from collections.abc import Iterable
from dataclasses import replace
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

if TYPE_CHECKING:
    from .engine import State

__all__ = ["FOLDER", "Disk"]

log = logging.getLogger("mkdocs.plugins.mkdocs_essays.incremental")

FOLDER = os.path.join(".cache", "mkdocs-essays")
"""Beside ``mkdocs.yml``."""
FORMAT = b"mkdocs-essays records 1\n"

_ALLOWED = {
    ("mkdocs_essays.incremental.engine", "PageRecord"),
    ("mkdocs_essays.incremental.engine", "State"),
    ("mkdocs_essays.incremental.patching", "Local"),
    ("mkdocs_essays.incremental.products", "Products"),
    ("mkdocs_essays.pages.views", "Rendered"),
    ("mkdocs_essays.cards.model", "Link"),
    ("mkdocs_essays.cards.model", "Section"),
    ("mkdocs_essays.cards.extract", "SameId"),
    ("mkdocs_essays.map.around", "Around"),
    ("mkdocs_essays.related.feature", "Ranking"),
    ("collections", "Counter"),
    ("datetime", "date"),  # (dates of pages' meta)
    ("datetime", "datetime"),
    ("datetime", "time"),
    ("datetime", "timedelta"),
    ("datetime", "timezone"),
    ("mkdocs_essays.incremental.disk", "_zone"),
    ("builtins", "frozenset"),
    ("builtins", "set"),
    ("builtins", "slice"),
}
"""What the records are made of: nothing else is looked up while reading them."""


class _Untrusted(Exception):
    pass


def _zone(key: str) -> ZoneInfo:
    return ZoneInfo(key)


class _Writer(pickle.Pickler):
    """Writes a time zone (in the dates of pages' meta) by its name: a ZoneInfo's own way
    goes through ``getattr``, which reading the records does not allow."""

    def reducer_override(self, obj: Any) -> Any:
        if isinstance(obj, ZoneInfo):
            return _zone, (obj.key,)
        return NotImplemented


class _Reader(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        if (module, name) not in _ALLOWED:
            raise _Untrusted(f"it names {module}.{name}, which records are not made of")
        return super().find_class(module, name)


class Disk:
    """The cache of one project for one command (``build`` or ``serve``)."""

    def __init__(self, config_file: str, mode: str) -> None:
        project = os.path.dirname(os.path.abspath(config_file))
        self.root = os.path.join(project, FOLDER, mode)
        self.records = os.path.join(self.root, "records")
        self.pages = os.path.join(self.root, "pages")
        self.copies: dict[str, tuple[int, int]] = {}
        """dest -> (size, mtime) of each page's copy in the cache, as last written or read."""
        self._saving: threading.Thread | None = None
        """The thread writing the last records (`mkdocs serve`): every save and load waits
        for it, so one write runs at a time."""

    # -- reading ---------------------------------------------------------------------------

    def load(self, generation: bytes, site_dir: str) -> tuple[State, dict[Any, Any]] | None:
        """The last build's state, its pages put in ``site_dir``, and the content cache's
        entries it kept; None when there is no cache or it cannot be trusted (then it is
        deleted)."""
        self.wait()
        try:
            with open(self.records, "rb") as stream:
                head = stream.read(len(FORMAT) + 33)
                if head != FORMAT + generation.hex().encode() + b"\n":
                    self.discard("it was made by another version or configuration")
                    return None
                check = stream.read(33)
                payload = stream.read()
            if check != _checksum(payload) + b"\n":
                raise _Untrusted("its records are not the bytes that were written")
            stored = _Reader(io.BytesIO(payload)).load()
        except FileNotFoundError:
            if os.path.isdir(self.root):
                self.discard("its records are missing")
            return None
        except _Untrusted as error:
            self.discard(str(error))
            return None
        except Exception as error:  # any damage: of another layout, unreadable
            self.discard(f"its records cannot be read ({type(error).__name__}: {error})")
            return None
        try:
            state, copies, content = _check(stored, generation)
            self._verify(copies)
        except _Untrusted as error:
            self.discard(str(error))
            return None
        self.copies = copies
        return self._place(state, site_dir), content

    def _verify(self, copies: dict[str, tuple[int, int]]) -> None:
        for dest, recorded in copies.items():
            try:
                stat = os.stat(self._copy(dest))
            except OSError:
                raise _Untrusted(f"its copy of {dest} is missing") from None
            if (stat.st_size, stat.st_mtime_ns) != recorded:
                raise _Untrusted(f"its copy of {dest} was changed after it was written")

    def _place(self, state: State, site_dir: str) -> State:
        """Put every recorded page in ``site_dir`` (a link to its copy, or a copy)."""
        pages = {}
        made: set[str] = set()
        for src, record in state.pages.items():
            source = self._copy(record.dest)
            target = os.path.join(site_dir, record.dest)
            try:
                if not _same(source, target):
                    folder = os.path.dirname(target)
                    if folder not in made:
                        os.makedirs(folder, exist_ok=True)
                        made.add(folder)
                    _link_or_copy(source, target)
                stat = os.stat(target)
            except OSError:
                continue  # (the page is built)
            pages[src] = replace(record, stat=(stat.st_size, stat.st_mtime_ns))
        return replace(state, site_dir=site_dir, pages=pages, files=frozenset(_under(site_dir)))

    def _copy(self, dest: str) -> str:
        """Where the copy of the page ``dest`` is: ``pages/<2 hex digits>/<30 more>`` (256
        folders: making a folder per page, as the site has, costs more than the copies)."""
        name = hashlib.blake2b(dest.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()
        return os.path.join(self.pages, name[:2], name[2:])

    # -- writing ---------------------------------------------------------------------------

    def save(self, state: State, content: dict[Any, Any], *, background: bool) -> None:
        """Keep ``state``, a copy of each of its pages and the content cache's ``content`` (in
        a thread under `mkdocs serve`, which goes on serving; the next save waits for it)."""
        self.wait()
        if not background:
            self._save(state, content)
            return
        self._saving = threading.Thread(target=self._save, args=(state, content), daemon=True)
        self._saving.start()

    def wait(self) -> None:
        thread = self._saving
        if thread is not None:
            thread.join()
            self._saving = None

    def _save(self, state: State, content: dict[Any, Any]) -> None:
        try:
            self._write(state, content)
        except OSError as error:
            log.info(f"the build's records could not be kept in {self.root}: {error}")
            self._forget()

    def _write(self, state: State, content: dict[Any, Any]) -> None:
        with contextlib.suppress(FileNotFoundError):  # (first: copies being changed are
            os.remove(self.records)  # never trusted)
        os.makedirs(self.pages, exist_ok=True)
        copies: dict[str, tuple[int, int]] = {}
        pages = {}
        made: set[str] = set()
        for src, record in state.pages.items():
            dest = record.dest
            target = self._copy(dest)
            held = self.copies.get(dest)
            if held is not None and held == record.stat:  # (a link: the page's own stat)
                copies[dest] = held
                pages[src] = record
                continue
            folder = os.path.dirname(target)
            if folder not in made:
                os.makedirs(folder, exist_ok=True)
                made.add(folder)
            try:
                _link_or_copy(os.path.join(state.site_dir, dest), target)
                copy = os.stat(target)
            except OSError:
                continue
            copies[dest] = (copy.st_size, copy.st_mtime_ns)
            if copies[dest] != record.stat:  # (a link, or a copy with its time: the page as
                del copies[dest]  # written, unless a later build changed it: not kept)
                continue
            pages[src] = record
        for dest in self.copies.keys() - copies.keys():
            _remove(self._copy(dest))
        self.copies = copies
        kept = replace(state, pages=pages, files=frozenset(), static={})
        temporary = f"{self.records}.{os.getpid()}.new"
        with open(temporary, "wb") as stream:
            stream.write(FORMAT + state.generation.hex().encode() + b"\n")
            at = stream.tell()
            stream.write(b"0" * 32 + b"\n")  # (the checksum, once the records are written)
            hashing = _Hashing(stream)
            _Writer(hashing, protocol=pickle.HIGHEST_PROTOCOL).dump((kept, copies, content))
            stream.seek(at)
            stream.write(hashing.hash.hexdigest().encode())
        os.replace(temporary, self.records)

    # -- throwing away ---------------------------------------------------------------------

    def discard(self, why: str) -> None:
        log.info(f"the cache in {self.root} is thrown away: {why}; every page is built")
        self._forget()

    def _forget(self) -> None:
        self.copies = {}
        shutil.rmtree(self.root, ignore_errors=True)


def _check(
    stored: object, generation: bytes
) -> tuple[State, dict[str, tuple[int, int]], dict[Any, Any]]:
    from .engine import PageRecord, State

    if not (isinstance(stored, tuple) and len(stored) == 3):
        raise _Untrusted("its records are not laid out as this version lays them out")
    state, copies, content = stored
    if not isinstance(state, State) or state.generation != generation:
        raise _Untrusted("its records are of another build")
    if not isinstance(copies, dict) or not all(
        isinstance(record, PageRecord) and record.dest in copies for record in state.pages.values()
    ):
        raise _Untrusted("its records name pages it has no copy of")
    if not isinstance(content, dict):
        raise _Untrusted("its records are not laid out as this version lays them out")
    return state, copies, content


class _Hashing:
    """A file the records are written to, and their checksum made as they are (they need
    not be held in memory whole)."""

    def __init__(self, stream: Any) -> None:
        self.stream = stream
        self.hash = hashlib.blake2b(digest_size=16)

    def write(self, data: bytes) -> int:
        self.hash.update(data)
        return int(self.stream.write(data))


def _checksum(payload: bytes) -> bytes:
    return hashlib.blake2b(payload, digest_size=16).hexdigest().encode()


def _same(a: str, b: str) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _link_or_copy(source: str, target: str) -> None:
    """``target`` becomes ``source``'s content: a new file (a file that stood there is
    replaced, never written into: it may be a link to another copy)."""
    try:
        os.link(source, target)
        return
    except FileExistsError:
        pass
    except OSError:  # (another disk: a copy, below)
        if not os.path.exists(source):
            raise
    temporary = f"{target}.{os.getpid()}.tmp"
    try:
        os.link(source, temporary)
    except OSError:
        shutil.copy2(source, temporary)
    os.replace(temporary, target)


def _remove(path: str) -> None:
    with contextlib.suppress(OSError):
        os.remove(path)


def _under(root: str) -> Iterable[str]:
    from .engine import _files_under

    return _files_under(root)
