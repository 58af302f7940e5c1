"""Front matter handlers with python-frontmatter's four verbs: detect, split, load, export.

Hugo reads one block at the start of a file: TOML between ``+++`` lines, YAML between ``---``
lines, or a JSON object. Leading blank lines are allowed, as in Hugo. TOML is read with the
standard library's ``tomllib`` (python-frontmatter's own TOML handler needs the unmaintained
``toml`` package and silently drops ``+++`` metadata without it).

Every failure is a :class:`~mkdocs_essays.errors.FrontMatterError` carrying the file and the
line in that file; nothing falls back silently.
"""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any, ClassVar

import yaml
from frontmatter.default_handlers import BaseHandler

from ..errors import FrontMatterError

__all__ = ["HANDLERS", "JSONHandler", "Split", "TOMLHandler", "YAMLHandler", "detect_handler"]


@dataclass(frozen=True)
class Split:
    """Where the front matter block and the body lie in a (normalised) text."""

    front: str
    """The text of the block, without its fences."""
    front_line: int
    """Line in the file where ``front`` starts (1-based)."""
    body: str
    """Everything after the block."""
    body_line: int
    """Line in the file where ``body`` starts (1-based)."""
    end_line: int
    """Line of the closing fence (or of the closing brace for JSON)."""


def _near(front: str, index: int) -> str:
    """`` near `the line` `` for a syntax error on line ``index`` (0-based) of the block."""
    lines = front.split("\n")
    if not 0 <= index < len(lines) or not lines[index].strip():
        return ""
    text = lines[index].strip()
    return f" near `{text[:60]}{'…' if len(text) > 60 else ''}`"


_NESTED = (
    "is nested too deeply to read (hundreds of levels of lists or tables); front matter holds "
    "flat values: write a list of strings or a small table"
)
_LONG_NUMBER = re.compile(r"[0-9][0-9_]{4299,}")


def _number_line(fm: str, first_line: int) -> int:
    """The line of a number too long to read (Python reads at most 4,300 digits)."""
    found = _LONG_NUMBER.search(fm)
    return first_line + (fm.count("\n", 0, found.start()) if found else 0)


def _too_long_number(path: str, fm: str, first_line: int, format: str) -> FrontMatterError:
    return FrontMatterError(
        path,
        _number_line(fm, first_line),
        f"invalid {format}: a number has more than 4,300 digits; put it in quotes to keep it as "
        "text",
    )


def _leading_blank_lines(text: str) -> tuple[int, int]:
    """Return (offset, lines) of the leading whitespace Hugo skips before a block."""
    stripped = text.lstrip(" \t\n")
    skipped = text[: len(text) - len(stripped)]
    return len(skipped), skipped.count("\n")


class HugoHandler(BaseHandler):
    """A handler for a fenced block (``+++`` or ``---``)."""

    name: ClassVar[str] = ""
    fence: ClassVar[str] = ""

    def __init__(self) -> None:
        fence = re.escape(self.fence)
        super().__init__(
            fm_boundary=re.compile(rf"^{fence}[ \t]*$", re.MULTILINE),
            start_delimiter=self.fence,
            end_delimiter=self.fence,
        )

    def detect(self, text: str) -> bool:
        start, _ = _leading_blank_lines(text)
        rest = text[start:]
        if not rest.startswith(self.fence):
            return False
        first = rest.split("\n", 1)[0]
        return first.rstrip(" \t") == self.fence

    def split(self, text: str) -> tuple[str, str]:
        found = self.locate(text, "<text>")
        return found.front, found.body

    def load(self, fm: str, path: str = "<text>", first_line: int = 1) -> dict[str, Any]:
        """Parse the block; errors carry ``path`` and the line counted from ``first_line``."""
        raise NotImplementedError

    def locate(self, text: str, path: str) -> Split:
        """Find the block; raise if its closing fence is missing."""
        start, skipped_lines = _leading_blank_lines(text)
        opening_end = text.find("\n", start)
        open_line = skipped_lines + 1
        if opening_end == -1:
            raise FrontMatterError(
                path,
                open_line,
                f"the {self.name} front matter opened with {self.fence!r} is never closed: "
                f"add a line {self.fence!r} after the last field",
            )
        closing = self.FM_BOUNDARY.search(text, opening_end + 1)  # type: ignore[union-attr]
        if closing is None:
            raise FrontMatterError(
                path,
                open_line,
                f"the {self.name} front matter opened with {self.fence!r} is never closed: "
                f"add a line {self.fence!r} after the last field",
            )
        front = text[opening_end + 1 : closing.start()]
        front_line = open_line + 1
        end_line = front_line + front.count("\n")
        body_start = closing.end()
        if body_start < len(text) and text[body_start] == "\n":
            body_start += 1
        return Split(front, front_line, text[body_start:], end_line + 1, end_line)


class TOMLHandler(HugoHandler):
    """TOML between ``+++`` lines, read with ``tomllib``."""

    name = "TOML"
    fence = "+++"
    _LOCATION = re.compile(r"\s*\(at line (\d+), column (\d+)\)$")

    def load(self, fm: str, path: str = "<text>", first_line: int = 1) -> dict[str, Any]:
        try:
            return tomllib.loads(fm)
        except RecursionError:
            raise FrontMatterError(path, first_line, f"the TOML {_NESTED}") from None
        except tomllib.TOMLDecodeError as error:
            message = str(error)
            line = first_line + max(fm.count("\n") - 1, 0)
            where = ""
            found = self._LOCATION.search(message)
            if found:
                line = first_line + int(found.group(1)) - 1
                where = f" at column {found.group(2)}"
                message = message[: found.start()]
            near = _near(fm, line - first_line)
            message = message.replace(" (at end of document)", "")
            illegal = re.match(r"(?:Illegal|Found invalid) character '(.+)'$", message)
            if illegal:
                char = illegal.group(1).encode().decode("unicode_escape")
                if len(char) == 1 and (ord(char) < 0x20 or ord(char) == 0x7F):
                    raise FrontMatterError(
                        path,
                        line,
                        f"the control character U+{ord(char):04X}{where} is not allowed in TOML; "
                        "remove it",
                    ) from None
            raise FrontMatterError(
                path,
                line,
                f"invalid TOML{where}{near}: {message}; fix the TOML syntax "
                "(strings need quotes, lists need [ ], one key = value per line)",
            ) from None
        except ValueError:  # int() refuses a number of more than 4,300 digits
            raise _too_long_number(path, fm, first_line, "TOML") from None

    def export(self, metadata: dict[str, object], **kwargs: object) -> str:
        return dump_toml(metadata)


class _Yaml12Loader(yaml.SafeLoader):
    """PyYAML's safe loader with the booleans and numbers Hugo 0.168's YAML reader gives:
    ``on``/``no`` stay text; ``0o17`` is 15 (as are ``017`` and ``0o1_7``); ``1.0e3`` and
    ``+.5`` are numbers; ``1:30`` and ``190:20:30.15`` are text (PyYAML's YAML 1.1 read them
    as 90 and 685230.15)."""


_REPLACED = {f"tag:yaml.org,2002:{kind}" for kind in ("bool", "int", "float")}
_Yaml12Loader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag not in _REPLACED]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
# Flat alternatives, each a run of digits with fixed marks between (no nested quantifiers).
_YAML_INT = re.compile(
    r"""^(?:[-+]?0b[0-1_]+|[-+]?0o[0-7_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)
    |[-+]?0x[0-9a-fA-F_]+)$""",
    re.VERBOSE,
)
_YAML_FLOAT = re.compile(
    r"""^(?:[-+]?[0-9][0-9_]*\.[0-9_]*|[-+]?[0-9][0-9_]*\.[0-9_]*[eE][-+]?[0-9]+
    |[-+]?\.[0-9_]+|[-+]?\.[0-9_]+[eE][-+]?[0-9]+|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$""",
    re.VERBOSE,
)
_Yaml12Loader.add_implicit_resolver("tag:yaml.org,2002:int", _YAML_INT, list("-+0123456789"))
_Yaml12Loader.add_implicit_resolver("tag:yaml.org,2002:float", _YAML_FLOAT, list("-+0123456789."))


def _checked(construct: Any, kind: str) -> Any:
    """A scalar constructor whose ValueError (``2024-13-01``, a 5,000-digit number) becomes a
    YAML error at the value's line, like every other YAML error."""

    def checked(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
        try:
            return construct(loader, node)
        except (ValueError, OverflowError) as error:
            value = str(node.value)
            shown = value if len(value) <= 40 else value[:40] + "…"
            problem = str(error).split(";")[0]
            raise yaml.constructor.ConstructorError(
                None, None, f"{shown!r} is not a {kind} ({problem})", node.start_mark
            ) from None

    return checked


class WrittenDate(date):
    """A YAML date that remembers how it was written (Hugo keeps YAML dates as text)."""

    written: str


class WrittenDateTime(datetime):
    """A YAML date-time that remembers how it was written."""

    written: str


def _remembered(construct: Any) -> Any:
    """A timestamp constructor whose dates carry their text: ``title: 2020-04-19T10:00:00Z``
    is that title in Hugo 0.168, as written."""

    def remembered(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
        value = construct(loader, node)
        if isinstance(value, datetime):
            copy: Any = WrittenDateTime(*value.timetuple()[:6], value.microsecond, value.tzinfo)
        elif isinstance(value, date):
            copy = WrittenDate(value.year, value.month, value.day)
        else:
            return value
        copy.written = str(node.value)
        return copy

    return remembered


for _tag, _kind in (("timestamp", "date"), ("int", "number"), ("float", "number")):
    _name = f"tag:yaml.org,2002:{_tag}"
    _construct = _checked(yaml.SafeLoader.yaml_constructors[_name], _kind)
    _Yaml12Loader.add_constructor(
        _name, _remembered(_construct) if _tag == "timestamp" else _construct
    )
_Yaml12Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool",
    re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
    list("tTfF"),
)


def _bad_escape_line(fm: str) -> int | None:
    """The 0-based line of the first ``\\U`` escape beyond U+10FFFF, if there is one."""
    for match in re.finditer(r"\\U([0-9A-Fa-f]{8})", fm):
        if int(match.group(1), 16) > 0x10FFFF:
            return fm.count("\n", 0, match.start())
    return None


BLOCK_VALUES = 200_000
"""Values one YAML front matter block may expand to, aliases and merge keys (``<<: *a``)
copied out. A chain of merges each adding to the one before is n squared values (165 KB took
45 s and 1.2 GB); a key of its own may hold at most 100,000 (:mod:`.schema`)."""


def _load_yaml(fm: str, path: str, first_line: int) -> Any:
    """``yaml.load`` with the loader above, refusing a document that would expand to more
    than :data:`BLOCK_VALUES` values before anything is built from it."""
    loader = _Yaml12Loader(fm)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        if _expanded(node) > BLOCK_VALUES:
            raise FrontMatterError(
                path,
                first_line,
                f"the YAML front matter expands to more than {BLOCK_VALUES:,} values (aliases "
                "'*name' or merge keys '<<' repeating each other); write the values out",
            )
        return loader.construct_document(node)
    finally:
        loader.dispose()


def _expanded(root: yaml.Node) -> int:
    """How many values ``root`` stands for once every alias and merge is copied out, counted
    up to :data:`BLOCK_VALUES` + 1. Each node once (an alias is the same node as its anchor):
    linear in the nodes, with no recursion; a node inside itself counts once."""
    sizes: dict[int, int] = {}
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    open_: set[int] = set()
    cap = BLOCK_VALUES + 1
    while stack:
        node, done = stack.pop()
        key = id(node)
        children: list[yaml.Node] = []
        if isinstance(node, yaml.SequenceNode):
            children = list(node.value)
        elif isinstance(node, yaml.MappingNode):
            children = [part for pair in node.value for part in pair]
        if done:
            open_.discard(key)
            sizes[key] = min(cap, 1 + sum(sizes.get(id(c), 1) for c in children))
            continue
        if key in sizes or key in open_:
            continue  # counted, or inside itself (the schema says so)
        if not children:
            sizes[key] = 1
            continue
        open_.add(key)
        stack.append((node, True))
        stack.extend((child, False) for child in children)
    return sizes.get(id(root), 1)


class YAMLHandler(HugoHandler):
    """YAML between ``---`` lines (YAML 1.2 booleans)."""

    name = "YAML"
    fence = "---"

    def load(self, fm: str, path: str = "<text>", first_line: int = 1) -> dict[str, Any]:
        try:
            data = _load_yaml(fm, path, first_line)
        except RecursionError:
            raise FrontMatterError(path, first_line, f"the YAML {_NESTED}") from None
        except yaml.MarkedYAMLError as error:
            problem = error.problem or "cannot be read"
            mark = error.problem_mark or error.context_mark
            if error.context_mark and "end of stream" in problem:
                mark = error.context_mark  # where the unclosed quote or bracket opened
            context = f" {error.context}" if error.context else ""
            opened = error.context_mark
            if opened and error.problem_mark and "flow" in (error.context or ""):
                # `tags: [one, two` then `date: ...`: the bracket left open is the mistake
                found = error.problem_mark.line - opened.line
                if found > 0:
                    mark = opened
                    bracket = "[" if "sequence" in (error.context or "") else "{"
                    context += (
                        f" opened with {bracket!r} on this line and never closed (YAML "
                        f"stopped {found} line{'s' if found > 1 else ''} below)"
                    )
            index = mark.line if mark else 0
            raise FrontMatterError(
                path,
                first_line + index,
                f"invalid YAML{_near(fm, index)}: {problem}{context}; fix the YAML syntax",
            ) from None
        except (ValueError, OverflowError) as error:
            # PyYAML turns "\U99999999" into chr(0x99999999) and fails outside its marks
            escape = _bad_escape_line(fm)
            if escape is None:
                raise FrontMatterError(
                    path, first_line, f"invalid YAML: {error}; fix the YAML syntax"
                ) from None
            raise FrontMatterError(
                path,
                first_line + escape,
                f"invalid YAML{_near(fm, escape)}: an escape \\U... names no Unicode "
                "character (the largest is \\U0010FFFF); fix or remove the escape",
            ) from None
        except yaml.YAMLError as error:  # ReaderError: a character YAML does not allow
            position = getattr(error, "position", 0) or 0
            line = first_line + fm.count("\n", 0, position)
            character = getattr(error, "character", None)
            code = ord(character) if isinstance(character, str) else character
            what = f"the character U+{code:04X}" if isinstance(code, int) else "a character"
            raise FrontMatterError(
                path, line, f"invalid YAML: {what} is not allowed; remove it"
            ) from None
        if data is None:
            return {}
        if not isinstance(data, dict):
            raise FrontMatterError(
                path,
                first_line,
                f"the YAML front matter must be a mapping of keys to values, "
                f"got {type(data).__name__}; write one 'key: value' per line",
            )
        return data

    def export(self, metadata: dict[str, object], **kwargs: object) -> str:
        return yaml.safe_dump(metadata, allow_unicode=True, sort_keys=False).strip()


class JSONHandler(BaseHandler):
    """A JSON object at the very start of the file (after blank lines), as Hugo reads it."""

    name: ClassVar[str] = "JSON"
    FM_BOUNDARY = re.compile(r"^\{", re.MULTILINE)
    _OPENING = re.compile(r"\{\s*[\"}]")
    START_DELIMITER = ""
    END_DELIMITER = ""

    def detect(self, text: str) -> bool:
        start, _ = _leading_blank_lines(text)
        # A JSON object's first key is a string: ``{%`` and ``{{`` (template tags) are not JSON.
        return self._OPENING.match(text, start) is not None

    def split(self, text: str) -> tuple[str, str]:
        found = self.locate(text, "<text>")
        return found.front, found.body

    def locate(self, text: str, path: str) -> Split:
        start, skipped_lines = _leading_blank_lines(text)
        end = _matching_brace(text, start)
        open_line = skipped_lines + 1
        if end is None:
            raise FrontMatterError(
                path,
                open_line,
                "the JSON front matter opened with '{' is never closed: add the closing '}'",
            )
        front = text[start : end + 1]
        end_line = open_line + front.count("\n")
        body_start = end + 1
        if body_start < len(text) and text[body_start] == "\n":
            body_start += 1
            body_line = end_line + 1
        else:
            body_line = end_line
        return Split(front, open_line, text[body_start:], body_line, end_line)

    def load(self, fm: str, path: str = "<text>", first_line: int = 1) -> dict[str, Any]:
        try:
            data = json.loads(fm)
        except RecursionError:
            raise FrontMatterError(path, first_line, f"the JSON {_NESTED}") from None
        except json.JSONDecodeError as error:
            raise FrontMatterError(
                path,
                first_line + error.lineno - 1,
                f"invalid JSON at column {error.colno}{_near(fm, error.lineno - 1)}: "
                f"{error.msg}; fix the JSON syntax",
            ) from None
        except ValueError:  # int() refuses a number of more than 4,300 digits
            raise _too_long_number(path, fm, first_line, "JSON") from None
        if not isinstance(data, dict):
            raise FrontMatterError(path, first_line, "the JSON front matter must be an object")
        return data

    def export(self, metadata: dict[str, object], **kwargs: object) -> str:
        return json.dumps(metadata, indent=2, ensure_ascii=False, default=str)


def _matching_brace(text: str, start: int) -> int | None:
    """Index of the brace closing the object opened at ``start``; strings are skipped."""
    depth = 0
    i = start
    in_string = False
    while i < len(text):
        char = text[i]
        if in_string:
            if char == "\\":
                i += 2
                continue
            if char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return None


HANDLERS: tuple[HugoHandler | JSONHandler, ...] = (TOMLHandler(), YAMLHandler(), JSONHandler())


def detect_handler(text: str) -> HugoHandler | JSONHandler | None:
    """The handler whose block opens ``text``, or None when the text has no front matter."""
    for handler in HANDLERS:
        if handler.detect(text):
            return handler
    return None


# -- TOML writing (tomllib only reads) ---------------------------------------------------------

_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")


def _toml_key(key: str) -> str:
    return key if _BARE_KEY.match(key) else _toml_string(key)


def _toml_string(value: str) -> str:
    escaped = (
        value.replace("\\", "\\\\")
        .replace('"', '\\"')
        .replace("\n", "\\n")
        .replace("\t", "\\t")
        .replace("\r", "\\r")
    )
    escaped = "".join(
        f"\\u{ord(c):04X}" if (ord(c) < 0x20 or ord(c) == 0x7F) else c for c in escaped
    )
    return f'"{escaped}"'


def _toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return _toml_string(value)
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_toml_value(item) for item in value) + "]"
    if isinstance(value, dict):
        inner = ", ".join(f"{_toml_key(str(k))} = {_toml_value(v)}" for k, v in value.items())
        return "{ " + inner + " }" if inner else "{}"
    raise TypeError(f"cannot write {type(value).__name__} as TOML")


def dump_toml(metadata: dict[str, object]) -> str:
    """Write a mapping as TOML (plain values first, then tables)."""
    lines = [
        f"{_toml_key(str(key))} = {_toml_value(value)}"
        for key, value in metadata.items()
        if not isinstance(value, dict)
    ]
    for key, value in metadata.items():
        if isinstance(value, dict):
            lines.append(f"\n[{_toml_key(str(key))}]")
            lines.extend(f"{_toml_key(str(k))} = {_toml_value(v)}" for k, v in value.items())
    return "\n".join(lines)
