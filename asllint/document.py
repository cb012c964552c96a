"""The position-aware document model that every rule reads.

A :class:`Document` holds the decoded value of one file (plain ``dict``/``list``/``str``/
numbers, exactly what :func:`json.loads` returns) and a *locator* that turns a path of keys
and indices into a source span.  Spans are resolved lazily, only for the values that a
finding reports: the value tree costs no Python object per token beyond the value itself,
which is what keeps a 14 MB definition fast.

Units: lines and columns are 1-based; a column counts Unicode code points from the start of
its line; offsets count code points from the start of the decoded text (a UTF-8 byte order
mark is not part of the text).  ``\\r\\n``, ``\\n`` and a lone ``\\r`` each end a line.
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from collections.abc import Iterator

PathItem = str | int
Path = tuple[PathItem, ...]

_LINE_BREAK = re.compile(r"\r\n?|\n")


@dataclass(frozen=True, slots=True)
class Position:
    """A point in a source text: 1-based line and column, 0-based code-point offset."""

    line: int
    column: int
    offset: int


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open range of source text, ``start`` inclusive and ``end`` exclusive."""

    start: Position
    end: Position


def format_pointer(path: Path) -> str:
    """Render ``path`` as an RFC 6901 JSON Pointer (``~`` as ``~0``, ``/`` as ``~1``)."""
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in path)


def parse_pointer(pointer: str) -> tuple[str, ...]:
    """Split an RFC 6901 JSON Pointer into its unescaped reference tokens."""
    if pointer == "":
        return ()
    if not pointer.startswith("/"):
        raise ValueError(f"a JSON Pointer starts with '/': {pointer!r}")
    return tuple(t.replace("~1", "/").replace("~0", "~") for t in pointer[1:].split("/"))


def resolve_path(value: Any, path: Path) -> Any:
    """Return the value at ``path`` inside ``value``; raise ``LookupError`` when absent."""
    for item in path:
        if isinstance(value, dict) and isinstance(item, str):
            value = value[item]
            continue
        if isinstance(value, list) and isinstance(item, int) and 0 <= item < len(value):
            value = value[item]
            continue
        raise LookupError(item)
    return value


class SourceText:
    """A decoded source text and its line index (built on first use)."""

    __slots__ = ("_starts", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self._starts: list[int] | None = None

    def _line_starts(self) -> list[int]:
        if self._starts is None:
            text = self.text
            if "\r" in text:
                self._starts = [0, *(m.end() for m in _LINE_BREAK.finditer(text))]
            else:  # the usual case, without a Python step per line
                lengths = map((1).__add__, map(len, text.split("\n")))
                self._starts = list(itertools.accumulate(lengths, initial=0))[:-1]
        return self._starts

    def position(self, offset: int) -> Position:
        """The line and column of a code-point ``offset``."""
        offset = max(0, min(offset, len(self.text)))
        starts = self._line_starts()
        index = bisect.bisect_right(starts, offset) - 1
        return Position(index + 1, offset - starts[index] + 1, offset)

    def span(self, start: int, end: int) -> Span:
        """The :class:`Span` between two code-point offsets."""
        return Span(self.position(start), self.position(end))

    def line_text(self, line: int) -> str:
        """The text of 1-based ``line`` without its line break ('' past the end)."""
        starts = self._line_starts()
        if not 1 <= line <= len(starts):
            return ""
        start = starts[line - 1]
        end = starts[line] if line < len(starts) else len(self.text)
        return self.text[start:end].rstrip("\r\n")


class Locator(Protocol):
    """Finds the source offsets of a value (or of the key that names it)."""

    def locate(self, path: Path, *, key: bool = False, occurrence: int = -1) -> tuple[int, int]:
        """Return ``(start, end)`` code-point offsets of the value at ``path``.

        :param key:
            Locate the member name instead of its value (for a path ending in a key).
        :param occurrence:
            Which occurrence of a duplicated key: ``-1`` (the last, the one a JSON parser
            keeps) or an index into the occurrences in document order.
        """
        ...


class FixedLocator:
    """A locator that puts every value at one span (a finding about a place, not a value)."""

    __slots__ = ("end", "start")

    def __init__(self, start: int, end: int) -> None:
        self.start, self.end = start, end

    def locate(self, path: Path, *, key: bool = False, occurrence: int = -1) -> tuple[int, int]:
        return self.start, self.end


@dataclass(frozen=True, slots=True)
class DuplicateKey:
    """A key that occurs more than once in one object (at ``path``, the object)."""

    path: Path
    key: str
    count: int


class Document:
    """One parsed file: its value, its text and a way to locate any value in the text."""

    __slots__ = ("_locator", "_spans", "duplicates", "format", "name", "source", "value")

    def __init__(
        self,
        name: str,
        source: SourceText,
        value: Any,
        fmt: str,
        locator: Locator,
        duplicates: list[DuplicateKey] | None = None,
    ) -> None:
        self.name = name
        self.source = source
        self.value = value
        self.format = fmt
        self.duplicates = duplicates or []
        self._locator = locator
        self._spans: dict[tuple[Path, bool, int], Span] = {}

    def span(self, path: Path, *, key: bool = False, occurrence: int = -1) -> Span:
        """The source span of the value at ``path`` (or of its key with ``key=True``).

        A path that does not exist resolves to its nearest existing ancestor.
        """
        cache_key = (path, key, occurrence)
        found = self._spans.get(cache_key)
        if found is None:
            try:
                start, end = self._locator.locate(path, key=key, occurrence=occurrence)
            except LookupError:
                return self.span(path[:-1]) if path else self.source.span(0, 0)
            found = self._spans[cache_key] = self.source.span(start, end)
        return found

    @property
    def locator(self) -> Locator:
        """What finds the text of a value (for a document built on another's positions)."""
        return self._locator

    def node(self, *path: PathItem) -> Node:
        """A :class:`Node` for the value at ``path`` (``KeyError``/``IndexError`` if absent)."""
        return Node(self, path, resolve_path(self.value, path))

    @property
    def root(self) -> Node:
        """The node of the whole document."""
        return Node(self, (), self.value)


#: Template placeholders, values that are filled in before Step Functions sees the definition:
#: ``${Name}`` (CloudFormation ``Fn::Sub``, ``DefinitionSubstitutions``, SAM, Serverless,
#: Terraform), ``{{name}}`` (text templates), ``%NAME%`` and ``_tbd_`` (LocalStack), ``<Name>``
#: (documentation).
PLACEHOLDER = re.compile(r"\$\{[^}]*\}|\{\{[^}]*\}\}|^%[A-Za-z0-9_]+%$|_tbd_|<[^<>\s][^<>]{0,80}>")


def is_placeholder(value: Any) -> bool:
    """Whether ``value`` is only known at deployment: a string holding a template placeholder,
    or a CloudFormation function object (``{"Ref": "X"}``, ``{"Fn::GetAtt": [...]}``,
    ``{"Fn::Sub": "..."}``: one member, named ``Ref``, ``Condition`` or ``Fn::…``)."""
    if type(value) is str:
        return (
            "$" in value or "{" in value or "<" in value or "%" in value or "_tbd_" in value
        ) and PLACEHOLDER.search(value) is not None
    return type(value) is dict and len(value) == 1 and is_function_name(next(iter(value)))


def is_function_name(key: str) -> bool:
    """Whether ``key`` names a CloudFormation intrinsic function (``Ref``, ``Fn::Sub`` ...)."""
    return key.startswith("Fn::") or key in ("Ref", "Condition")


def is_jsonata(value: Any) -> bool:
    """Whether ``value`` is a JSONata template string, ``{% ... %}``."""
    return isinstance(value, str) and value.startswith("{%") and value.endswith("%}") and len(value) >= 4


def is_dynamic(key: PathItem | None, value: Any) -> bool:
    """Whether a payload value is known only at run time.

    A ``"Key.$"`` member holds a path or an intrinsic function call; a JSONata ``{% %}``
    string is an expression.  Neither value may be judged statically.
    """
    return (isinstance(key, str) and key.endswith(".$")) or is_jsonata(value)


class Node:
    """A handle on one value of a :class:`Document`: its path, its value, its span."""

    __slots__ = ("document", "path", "value")

    def __init__(self, document: Document, path: Path, value: Any) -> None:
        self.document = document
        self.path = path
        self.value = value

    def __repr__(self) -> str:
        return f"Node({format_pointer(self.path) or '/'}, {self.value!r:.40})"

    @property
    def pointer(self) -> str:
        """The RFC 6901 JSON Pointer of this value."""
        return format_pointer(self.path)

    @property
    def key(self) -> PathItem | None:
        """The member name or index under which this value sits (``None`` for the root)."""
        return self.path[-1] if self.path else None

    @property
    def is_dynamic(self) -> bool:
        """Whether the value is a JSONPath/intrinsic (``Key.$``) or JSONata expression."""
        return is_dynamic(self.key, self.value)

    @property
    def span(self) -> Span:
        """The source span of the value."""
        return self.document.span(self.path)

    def child(self, key: PathItem) -> Node | None:
        """The member ``key`` (or item at index ``key``), or ``None`` when absent."""
        value = self.value
        if isinstance(value, dict) and isinstance(key, str) and key in value:
            return Node(self.document, (*self.path, key), value[key])
        if isinstance(value, list) and isinstance(key, int) and 0 <= key < len(value):
            return Node(self.document, (*self.path, key), value[key])
        return None

    def children(self) -> Iterator[Node]:
        """The members of an object or the items of an array, in document order."""
        value = self.value
        if isinstance(value, dict):
            for k, v in value.items():
                yield Node(self.document, (*self.path, k), v)
        elif isinstance(value, list):
            for i, v in enumerate(value):
                yield Node(self.document, (*self.path, i), v)
