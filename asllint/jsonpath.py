"""A small, exact parser for the JSONPath subset of the Amazon States Language and its intrinsic calls.

Step Functions evaluates paths with a Jayway-style JSONPath engine.  What this module accepts:

* a root: ``$`` (the state's input), ``$$`` (the context object) or ``$name`` (a workflow
  variable);
* then any number of segments: ``.name``, ``.*``, ``..name``/``..*``/``..[…]`` (recursive
  descent), ``[0]``, ``[-1]``, ``[0,2]``, ``[1:3]``, ``[::2]``, ``[*]``, ``['quoted name']``,
  ``["quoted"]``, ``['a','b']``, a filter ``[?(…)]`` (read leniently: balanced parentheses
  and quotes, its expression is not judged), and a trailing function such as ``.length()``.

A *Reference Path* is a path with only names and single indexes: no wildcard, union, slice,
filter, recursive descent or function.

Intrinsic calls (``States.Format('{}', $.x)``) take string literals (``'…'`` with ``\\'``,
``\\{``, ``\\}`` and ``\\\\`` escapes), numbers, ``true``, ``false``, ``null``, paths and nested
calls as arguments.

:func:`parse_path`, :func:`parse_intrinsic` and :func:`parse_expression` raise
:class:`PathError` with a message and the offset of the problem.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "Call",
    "JsonPath",
    "Literal",
    "PathError",
    "Segment",
    "parse_expression",
    "parse_intrinsic",
    "parse_path",
    "unescape_format",
]

#: characters that end a dot-notation name (``,`` and ``)`` also end a path argument of a call)
_NAME_STOP = frozenset(".[]()'\",\t\n\r ")
#: a word: ``true``, ``false`` and ``null`` must not run on into one
_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?")
_INTEGER = re.compile(r"\s*-?[0-9]+\s*")
#: the characters that a backslash may escape in a string literal
_ESCAPABLE = frozenset("'{}\\")
_FUNCTION_NAME = re.compile(r"States\.[A-Za-z0-9_]*")


class PathError(ValueError):
    """A text that is not a path or an intrinsic call; ``offset`` is where reading stopped."""

    def __init__(self, message: str, offset: int) -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset


@dataclass(frozen=True, slots=True)
class Segment:
    """One step of a path.

    :param kind:
        ``"name"`` (``.a`` or ``['a']``), ``"index"`` (``[0]``), ``"wildcard"`` (``.*``,
        ``[*]``), ``"union"`` (``[0,1]``, ``['a','b']``), ``"slice"`` (``[1:2]``), ``"filter"``
        (``[?(…)]``), ``"script"`` (``[(…)]``), ``"function"`` (``.length()``).
    :param value: the name, the index, the union's members, or the text between the brackets.
    :param descent: reached through recursive descent (``..``).
    """

    kind: str
    value: Any = None
    descent: bool = False

    @property
    def is_reference(self) -> bool:
        return self.kind in ("name", "index") and not self.descent


@dataclass(frozen=True, slots=True)
class JsonPath:
    """A parsed path.

    :param root: ``"$"`` (input), ``"$$"`` (context object) or ``"var"`` (a variable).
    :param variable: the variable name when ``root == "var"``.
    """

    text: str
    root: str
    segments: tuple[Segment, ...] = ()
    variable: str | None = None

    @property
    def is_reference(self) -> bool:
        """Whether this is a Reference Path: names and single indexes only."""
        return all(segment.is_reference for segment in self.segments)

    @property
    def names(self) -> tuple[str, ...]:
        """The leading plain names (``$$.Task.Token`` -> ``("Task", "Token")``)."""
        out: list[str] = []
        for segment in self.segments:
            if segment.kind != "name" or segment.descent:
                break
            out.append(segment.value)
        return tuple(out)


@dataclass(frozen=True, slots=True)
class Literal:
    """A literal argument: ``str``, ``int``, ``float``, ``bool`` or ``None``."""

    value: Any
    text: str


@dataclass(frozen=True, slots=True)
class Call:
    """An intrinsic call: ``name`` is the full name (``States.Format``)."""

    name: str
    arguments: tuple[Literal | JsonPath | Call, ...] = field(default_factory=tuple)
    text: str = ""

    def walk(self) -> list[Call]:
        """This call and every call nested in its arguments, outermost first."""
        found = [self]
        for argument in self.arguments:
            if isinstance(argument, Call):
                found.extend(argument.walk())
        return found

    def paths(self) -> list[JsonPath]:
        """Every path argument, at any depth."""
        found: list[JsonPath] = []
        for argument in self.arguments:
            if isinstance(argument, JsonPath):
                found.append(argument)
            elif isinstance(argument, Call):
                found.extend(argument.paths())
        return found


class _Reader:
    def __init__(self, text: str, *, in_call: bool) -> None:
        self.text = text
        self.pos = 0
        self.in_call = in_call

    def peek(self, n: int = 1) -> str:
        return self.text[self.pos : self.pos + n]

    def at_end(self) -> bool:
        return self.pos >= len(self.text)

    def fail(self, message: str, offset: int | None = None) -> PathError:
        return PathError(message, self.pos if offset is None else offset)

    def skip_space(self) -> None:
        while self.pos < len(self.text) and self.text[self.pos] in " \t\r\n":
            self.pos += 1

    # -- paths ---------------------------------------------------------------------------------

    def path(self) -> JsonPath:
        start = self.pos
        text = self.text
        if self.peek() != "$":
            raise self.fail("a path starts with '$'")
        self.pos += 1
        root, variable = "$", None
        if self.peek() == "$":
            root = "$$"
            self.pos += 1
        else:
            match = _VARIABLE.match(text, self.pos)
            if match:
                root, variable = "var", match.group(0)
                self.pos = match.end()
        segments: list[Segment] = []
        while not self.at_end():
            char = text[self.pos]
            if char == ".":
                if self.peek(2) == "..":
                    self.pos += 2
                    if self.peek() == "[":
                        segments.append(self.bracket(descent=True))
                    else:
                        segments.append(self.dotted(descent=True))
                else:
                    self.pos += 1
                    # Jayway also reads ``$.[0]`` and ``$.a.['b']`` as ``$[0]`` and ``$.a['b']``
                    if self.peek() == "[":
                        segments.append(self.bracket(descent=False))
                    else:
                        segments.append(self.dotted(descent=False))
            elif char == "[":
                segments.append(self.bracket(descent=False))
            elif self.in_call and char in ",) \t\r\n":
                break
            elif char in " \t\r\n" and not text[self.pos :].strip():
                self.pos = len(text)  # trailing white space is ignored
                break
            else:
                raise self.fail(f"unexpected {char!r} after {text[start : self.pos]!r}")
            if segments[-1].kind == "function" and text[self.pos :].strip():
                following = text[self.pos :].lstrip()[0]
                if not (self.in_call and following in ",)"):
                    raise self.fail(f"nothing may follow the function {segments[-1].value}()")
        return JsonPath(text[start : self.pos], root, tuple(segments), variable)

    def dotted(self, *, descent: bool) -> Segment:
        text = self.text
        if self.peek() == "*":
            self.pos += 1
            return Segment("wildcard", None, descent)
        start = self.pos
        while self.pos < len(text) and text[self.pos] not in _NAME_STOP:
            self.pos += 1
        name = text[start : self.pos]
        if not name:
            found = repr(text[self.pos]) if self.pos < len(text) else "the end"
            raise self.fail(f"a name is missing after '.' (found {found})")
        if self.peek(2) == "()":
            self.pos += 2
            return Segment("function", name, descent)
        return Segment("name", name, descent)

    def bracket(self, *, descent: bool) -> Segment:
        text = self.text
        open_at = self.pos
        self.pos += 1  # '['
        self.skip_space()
        char = self.peek()
        if char == "?":
            return Segment("filter", self.filter(open_at), descent)
        if char == "*":
            self.pos += 1
            self.close(open_at)
            return Segment("wildcard", None, descent)
        if char == "(":  # a script expression, [(@.length-1)]: read like a filter
            self.pos -= 1
            return Segment("script", self.filter(open_at), descent)
        if char and char in "'\"":
            names = [self.quoted_name()]
            self.skip_space()
            while self.peek() == ",":
                self.pos += 1
                self.skip_space()
                if self.peek() not in ("'", '"'):
                    raise self.fail("a quoted name is expected after ',' in brackets")
                names.append(self.quoted_name())
                self.skip_space()
            self.close(open_at)
            return Segment("name", names[0], descent) if len(names) == 1 else Segment("union", tuple(names), descent)
        end = text.find("]", self.pos)
        if end < 0:
            raise self.fail("'[' is not closed", open_at)
        inner = text[self.pos : end]
        if ":" in inner:
            parts = inner.split(":")
            if len(parts) > 3 or not all(not p.strip() or _INTEGER.fullmatch(p) for p in parts):
                raise self.fail(f"[{inner}] is not a slice ([start:end] or [start:end:step])")
            self.pos = end + 1
            return Segment("slice", inner, descent)
        parts = inner.split(",")
        if not all(_INTEGER.fullmatch(p) for p in parts):
            raise self.fail(f"[{inner}] is not an index: use a number, '*', a slice or a quoted name ['{inner}']")
        self.pos = end + 1
        if len(parts) == 1:
            return Segment("index", int(parts[0]), descent)
        return Segment("union", tuple(int(p) for p in parts), descent)

    def close(self, open_at: int) -> None:
        self.skip_space()
        if self.peek() != "]":
            raise self.fail("']' expected", self.pos if not self.at_end() else open_at)
        self.pos += 1

    def quoted_name(self) -> str:
        text = self.text
        quote = text[self.pos]
        start = self.pos
        self.pos += 1
        out: list[str] = []
        while self.pos < len(text):
            char = text[self.pos]
            if char == "\\" and self.pos + 1 < len(text):
                out.append(text[self.pos + 1])
                self.pos += 2
                continue
            if char == quote:
                self.pos += 1
                return "".join(out)
            out.append(char)
            self.pos += 1
        raise self.fail(f"the quoted name is not closed with {quote}", start)

    def filter(self, open_at: int) -> str:
        """``[?(…)]``: skip to the matching ``)`` then ``]``, minding quotes."""
        text = self.text
        self.pos += 1  # '?' (or the space before a script's '(')
        self.skip_space()
        if self.peek() != "(":
            raise self.fail("a filter is written [?(expression)]")
        start = self.pos
        depth = 0
        quote = ""
        while self.pos < len(text):
            char = text[self.pos]
            if quote:
                if char == "\\":
                    self.pos += 1
                elif char == quote:
                    quote = ""
            elif char in "'\"":
                quote = char
            elif char == "(":
                depth += 1
            elif char == ")":
                depth -= 1
                if depth == 0:
                    self.pos += 1
                    inner = text[start : self.pos]
                    self.close(open_at)
                    return inner
            self.pos += 1
        raise self.fail("the filter is not closed", open_at)

    # -- intrinsic calls ------------------------------------------------------------------------

    def call(self) -> Call:
        start = self.pos
        match = _FUNCTION_NAME.match(self.text, self.pos)
        if not match or match.end() == self.pos + len("States."):
            raise self.fail("an intrinsic function is written States.Name(arguments)")
        name = match.group(0)
        self.pos = match.end()
        self.skip_space()
        if self.peek() != "(":
            raise self.fail(f"'(' expected after {name}")
        self.pos += 1
        arguments: list[Literal | JsonPath | Call] = []
        self.skip_space()
        if self.peek() == ")":
            self.pos += 1
            return Call(name, (), self.text[start : self.pos])
        while True:
            self.skip_space()
            arguments.append(self.argument())
            self.skip_space()
            char = self.peek()
            if char == ",":
                self.pos += 1
                continue
            if char == ")":
                self.pos += 1
                return Call(name, tuple(arguments), self.text[start : self.pos])
            if not char:
                raise self.fail(f"the call to {name} is not closed with ')'")
            raise self.fail(f"',' or ')' expected in the call to {name}, found {char!r}")

    def argument(self) -> Literal | JsonPath | Call:
        text = self.text
        char = self.peek()
        if char == "'":
            return self.string()
        if char == "$":
            return self.path()
        if text.startswith("States.", self.pos):
            return self.call()
        for word, value in (("true", True), ("false", False), ("null", None)):
            if text.startswith(word, self.pos) and not _IDENT.match(text, self.pos + len(word)):
                self.pos += len(word)
                return Literal(value, word)
        match = _NUMBER.match(text, self.pos)
        if match and not _IDENT.match(text, match.end()):
            self.pos = match.end()
            number = match.group(0)
            is_float = any(c in number for c in ".eE")
            return Literal(float(number) if is_float else int(number), number)
        if not char:
            raise self.fail("an argument is missing")
        raise self.fail(
            f"unexpected {char!r}: an argument is a 'string', a number, true, false, null, a path or a call"
        )

    def string(self) -> Literal:
        text = self.text
        start = self.pos
        self.pos += 1
        out: list[str] = []
        while self.pos < len(text):
            char = text[self.pos]
            if char == "\\":
                if self.pos + 1 >= len(text):
                    break
                nxt = text[self.pos + 1]
                if nxt not in _ESCAPABLE:
                    raise self.fail(f"\\{nxt} is not an escape: only \\' \\{{ \\}} and \\\\ are allowed in a string")
                out.append(nxt)
                self.pos += 2
                continue
            if char == "'":
                self.pos += 1
                return Literal("".join(out), text[start : self.pos])
            out.append(char)
            self.pos += 1
        raise self.fail('the string is not closed with "\'"', start)


# A variable name after ``$``: a letter or underscore, then letters, digits or underscores
# (Unicode letters included).
_VARIABLE = re.compile(r"[^\W\d]\w*")


def parse_path(text: str) -> JsonPath:
    """Parse a whole path (``$.a.b``, ``$$.Task.Token``, ``$var[0]``)."""
    reader = _Reader(text, in_call=False)
    return reader.path()


def parse_intrinsic(text: str) -> Call:
    """Parse a whole intrinsic call; white space may follow it (not precede it)."""
    reader = _Reader(text, in_call=True)
    call = reader.call()
    reader.skip_space()
    if not reader.at_end():
        raise reader.fail(f"unexpected {text[reader.pos :]!r} after the call")
    return call


def parse_expression(text: str) -> JsonPath | Call:
    """Parse the value of a ``Key.$`` member: a path or an intrinsic call."""
    if text.startswith("$"):
        return parse_path(text)
    if text.startswith("States."):
        return parse_intrinsic(text)
    raise PathError("a path starts with '$' and an intrinsic call with 'States.'", 0)


def unescape_format(template: str) -> tuple[int, str]:
    """The number of ``{}`` placeholders in a ``States.Format`` template, given as written
    between its quotes (``Literal.text[1:-1]``), and the template with escapes removed."""
    count = 0
    out: list[str] = []
    i = 0
    while i < len(template):
        char = template[i]
        if char == "\\" and i + 1 < len(template):
            out.append(template[i + 1])
            i += 2
            continue
        if template.startswith("{}", i):
            count += 1
            out.append("{}")
            i += 2
            continue
        out.append(char)
        i += 1
    return count, "".join(out)
