"""Hugo shortcodes: a parser and renderers that turn them into Markdown MkDocs understands.

``{{< name args >}}`` and ``{{% name args %}}``, with an inner part closed by
``{{< /name >}}``, self-closing ``{{< name />}}``, positional (``"quoted"``, `` `raw` ``, bare)
or named (``key="value"``) arguments, nested calls. Escaped calls (``{{</* name */>}}``) become
the literal call, as Hugo prints them, inside code too; any other call inside code (fenced or
indented blocks, code spans, ``<pre>``) is left exactly as written.

Every call goes to a *target*: one of Hugo's built-ins rendered without the network (``ref``,
``relref``, ``figure``, ``highlight``, ``youtube``, ``vimeo``, ``x``, ``gist``, ``details``,
``param``, ``qr`` ...), a Markdown construct (``admonition``, ``tabs``/``tab``, ``mermaid``), or a
policy for what has no equivalent: ``keep`` (the inner text), ``strip`` (nothing) or ``fail``.
What the site must supply (links to pages, site params, HTML fragments) comes in through
:class:`Services`; what went wrong comes back as :class:`Problem` values, at the lines of the
page as written. No MkDocs import.

The modules, one job each: :mod:`.syntax` (the calls of a page, as a tree), :mod:`.renderer`
(rendering the tree, :func:`expand`), :mod:`.layout` (where a call's output goes on the page),
:mod:`.text` (rendered Markdown as pieces), :mod:`.constructs`, :mod:`.builtins` and
:mod:`.includes` (the targets), :mod:`.values` (what they pass around).
"""

from .includes import MAX_INCLUDED, MAX_INCLUDES
from .renderer import BUILTIN, MAX_BLOCKS, NEEDS, POLICIES, RENDERERS, TARGETS, expand
from .syntax import Call, Node, ShortcodeSyntaxError, parse, scan, unescape
from .values import Expansion, Problem, RefError, Services, Withheld

__all__ = [
    "BUILTIN",
    "MAX_BLOCKS",
    "MAX_INCLUDED",
    "MAX_INCLUDES",
    "NEEDS",
    "POLICIES",
    "RENDERERS",
    "TARGETS",
    "Call",
    "Expansion",
    "Node",
    "Problem",
    "RefError",
    "Services",
    "ShortcodeSyntaxError",
    "Withheld",
    "expand",
    "parse",
    "scan",
    "unescape",
]
