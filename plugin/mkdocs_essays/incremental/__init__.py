"""Incremental builds: only the pages whose inputs changed are rendered again (issue 23).

:mod:`.engine` leaves pages out of MkDocs' build and puts their output back; :mod:`.keys`
digests what each page shows; :mod:`.products` keeps what an essay's rendering gives the rest
of the build; :mod:`.search` keeps the search index whole; :mod:`.disk` keeps the records
for the next command.
"""

from .engine import Incremental

__all__ = ["Incremental"]
