"""JSON documents: values from the C decoder, positions found on demand.

``json.loads`` builds the value tree at C speed.  Nothing else happens per token: a span is
located only when a finding needs it, by walking the text along the finding's path with the C
string scanner and the C decoder (``raw_decode`` skips a sibling value).  The members of each
object walked are cached, so many findings in one large file share the work.
"""

from __future__ import annotations

import gc
import json
import re
from json.decoder import scanstring  # type: ignore[attr-defined]  # C implementation; untyped in typeshed
from typing import Any

from asllint.document import Document, DuplicateKey, Path, SourceText
from asllint.parse import LoadFailure

#: Text length (code points) from which equal string values are shared (see load_json).
SHARE_STRINGS_ABOVE = 1_000_000
_WS = re.compile(r"[ \t\n\r]*")
_DECODER = json.JSONDecoder()
# A string literal or one of the non-JSON constants that json.loads would accept.
_CONSTANT = re.compile(r'"(?:[^"\\]|\\.)*"|(-?Infinity|NaN)\b')


class _NonJsonConstant(ValueError):
    pass


def _reject_constant(name: str) -> Any:
    raise _NonJsonConstant(name)


class JsonLocator:
    """Locates values in JSON text by path; see the module docstring."""

    __slots__ = ("_items", "_members", "_resume", "lazy", "text")

    def __init__(self, text: str, *, lazy: bool = True) -> None:
        self.text = text
        #: stop reading an object's members at the one asked for (only right when no object
        #: has a key twice: then the first occurrence is the only one)
        self.lazy = lazy
        # object offset -> key -> [(key start, key end, value start), ...] in document order
        self._members: dict[int, dict[str, list[tuple[int, int, int]]]] = {}
        # object offset -> where reading its members resumes: the start of the last member's
        # value, not yet skipped (lazy mode; absent once the object is read to its end)
        self._resume: dict[int, int] = {}
        self._items: dict[int, list[int]] = {}

    def _skip(self, i: int) -> int:
        match = _WS.match(self.text, i)
        return match.end() if match else i

    def _value_end(self, i: int) -> int:
        return int(_DECODER.raw_decode(self.text, i)[1])

    def _object(self, start: int, want: str | None = None) -> dict[str, list[tuple[int, int, int]]]:
        """The members of the object at ``start``; in lazy mode read only up to ``want``."""
        members = self._members.get(start)
        if members is None:
            members = self._members[start] = {}
            i = self._skip(start + 1)
        elif start in self._resume:
            if want is not None and want in members:
                return members
            i = self._skip(self._value_end(self._resume.pop(start)))
            if self.text[i] != ",":
                return members
            i = self._skip(i + 1)
        else:
            return members
        text = self.text
        while text[i] == '"':
            key, key_end = scanstring(text, i + 1)
            value_start = self._skip(self._skip(key_end) + 1)  # past the ':'
            members.setdefault(key, []).append((i, key_end, value_start))
            if self.lazy and key == want:
                self._resume[start] = value_start  # its value is skipped only if reading goes on
                return members
            i = self._skip(self._value_end(value_start))
            if text[i] != ",":
                break
            i = self._skip(i + 1)
        return members

    def _array(self, start: int) -> list[int]:
        items = self._items.get(start)
        if items is not None:
            return items
        items = []
        text = self.text
        i = self._skip(start + 1)
        if text[i] != "]":
            while True:
                items.append(i)
                i = self._skip(self._value_end(i))
                if text[i] != ",":
                    break
                i = self._skip(i + 1)
        self._items[start] = items
        return items

    def locate(self, path: Path, *, key: bool = False, occurrence: int = -1) -> tuple[int, int]:
        pos = self._skip(0)
        last = len(path) - 1
        for depth, item in enumerate(path):
            opener = self.text[pos]
            if opener == "{" and isinstance(item, str):
                found = self._object(pos, item).get(item)
                if not found:
                    raise LookupError(item)
                key_start, key_end, pos = found[occurrence if depth == last else -1]
                if key and depth == last:
                    return key_start, key_end
            elif opener == "[" and isinstance(item, int):
                items = self._array(pos)
                if not 0 <= item < len(items):
                    raise LookupError(item)
                pos = items[item]
            else:
                raise LookupError(item)
        return pos, self._value_end(pos)


def _describe(exc: json.JSONDecodeError, text: str) -> tuple[str, int]:
    """A plain sentence and an offset for a decoder error, with the JSON5 habits called out."""
    rest = text[exc.pos : exc.pos + 2]
    before = text[: exc.pos].rstrip()
    if rest in ("//", "/*") or rest[:1] == "#":
        return "invalid JSON: comments are not allowed in JSON; remove the comment", exc.pos
    if before.endswith(",") and rest[:1] in ("}", "]"):
        return "invalid JSON: trailing comma before the closing bracket; remove the comma", len(before) - 1
    if rest[:1] == "'":
        return "invalid JSON: strings and names must use double quotes, not single quotes", exc.pos
    message = exc.msg[0].lower() + exc.msg[1:]
    return f"invalid JSON: {message}; fix the syntax at this position", exc.pos


def _find_duplicates(value: Any, flagged: dict[int, list[tuple[str, int]]]) -> list[DuplicateKey]:
    """Paths of the objects (by identity) in which the decoder saw a key twice."""
    found: list[DuplicateKey] = []
    stack: list[tuple[Path, Any]] = [((), value)]
    while stack:
        path, current = stack.pop()
        if isinstance(current, dict):
            for dup_key, count in flagged.get(id(current), ()):
                found.append(DuplicateKey(path, dup_key, count))
            stack.extend(((*path, k), v) for k, v in current.items() if isinstance(v, (dict, list)))
        elif isinstance(current, list):
            stack.extend(((*path, i), v) for i, v in enumerate(current) if isinstance(v, (dict, list)))
    return sorted(found, key=lambda d: [str(p) for p in d.path])


def load_json(name: str, source: SourceText) -> Document | LoadFailure:
    """Parse JSON ``source`` into a document, keeping duplicated keys visible."""
    flagged: dict[int, list[tuple[str, int]]] = {}
    # In a large file, equal string values share one object: definitions repeat ARNs, error
    # names and instance types thousands of times, and this saves about a third of the value
    # tree.  Small files skip it: it would cost more time than the memory it saves.
    memo: dict[str, str] = {}
    shared = memo.setdefault
    share = len(source.text) > SHARE_STRINGS_ABOVE

    def pairs_hook(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        obj = {k: shared(v, v) if v.__class__ is str else v for k, v in pairs} if share else dict(pairs)
        if len(obj) != len(pairs):
            counts: dict[str, int] = {}
            for k, _ in pairs:
                counts[k] = counts.get(k, 0) + 1
            flagged[id(obj)] = [(k, n) for k, n in counts.items() if n > 1]
        return obj

    text = source.text
    # A JSON value tree has no reference cycles; the cyclic collector would only walk the
    # growing tree again and again while it is built (a fifth of the time on large files).
    collecting = gc.isenabled()
    gc.disable()
    try:
        value = json.loads(text, object_pairs_hook=pairs_hook, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        message, offset = _describe(exc, text)
        return LoadFailure("ASL001", message, source, offset)
    except _NonJsonConstant as exc:
        offset = next((m.start(1) for m in _CONSTANT.finditer(text) if m.group(1)), 0)
        return LoadFailure(
            "ASL001", f"invalid JSON: {exc} is not a JSON value; use a number or a string", source, offset
        )
    except RecursionError:
        return LoadFailure("ASL001", "invalid JSON: the document nests too deeply to be read", source, 0)
    finally:
        if collecting:
            gc.enable()
    duplicates = _find_duplicates(value, flagged) if flagged else []
    return Document(name, source, value, "json", JsonLocator(text, lazy=not duplicates), duplicates)
