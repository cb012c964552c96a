"""Terraform files (HCL native syntax), read for the state machines they declare.

A small reader of our own: the HCL parsers for Python (python-hcl2 and others) return values
without source positions, and asllint must report a finding at the line and column of the
value the user wrote.  The file becomes the value Terraform's JSON syntax would give it
(``{"resource": {"aws_sfn_state_machine": {"flow": {"definition": ...}}}}``) and every value
keeps its span:

- literals (strings without interpolation, numbers, ``true``/``false``/``null``), tuples and
  objects become JSON values;
- a function call becomes ``{"Fn::<name>": [arguments]}``, as CloudFormation writes its
  functions, so that ``jsonencode({...})``, ``templatefile(...)`` and ``file(...)`` can be found;
- anything else known only when Terraform runs (references such as ``aws_lambda_function.f.arn``,
  interpolated strings, operators, conditionals, ``for`` expressions) becomes the string
  ``"${<expression>}"``, which every rule treats as an unknown value.

Nothing is evaluated.  A file that does not parse is reported (``ASL002``) where reading stopped.
"""

from __future__ import annotations

import re
from typing import Any

from asllint.document import Document, Path, SourceText
from asllint.parse import LoadFailure

_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")
_NUMBER = re.compile(r"[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?")
_SPACE = re.compile(r"(?:[ \t\r]+|#[^\n]*|//[^\n]*|/\*.*?\*/)+", re.DOTALL)
_SPACE_NL = re.compile(r"(?:[ \t\r\n]+|#[^\n]*|//[^\n]*|/\*.*?\*/)+", re.DOTALL)
_HEREDOC = re.compile(r"<<(-?)([A-Za-z_][A-Za-z0-9_-]*)[ \t]*\r?\n")
_ESCAPES = {"n": "\n", "r": "\r", "t": "\t", '"': '"', "\\": "\\"}
_OPERATORS = ("==", "!=", "<=", ">=", "&&", "||", "+", "-", "*", "/", "%", "<", ">", "?", ":", "!")


class HclError(ValueError):
    def __init__(self, message: str, offset: int) -> None:
        super().__init__(message)
        self.offset = offset


class HclLocator:
    """Spans recorded while reading: ``path -> (key span, value span)``; for a string value also
    the offset of each of its code points (for a definition written inside it)."""

    def __init__(self) -> None:
        self.spans: dict[Path, tuple[tuple[int, int] | None, tuple[int, int]]] = {}
        self.chars: dict[Path, list[int]] = {}

    def locate(self, path: Path, *, key: bool = False, occurrence: int = -1) -> tuple[int, int]:
        found = self.spans.get(path)
        if found is None:
            raise LookupError(path)
        key_span, value_span = found
        return key_span if key and key_span is not None else value_span

    def char_offsets(self, path: Path) -> list[int] | None:
        return self.chars.get(path)


class _Reader:
    def __init__(self, text: str) -> None:
        self.text = text
        self.i = 0
        #: where the last expression read ends: before the spaces and comments after it
        self.end = 0
        self.locator = HclLocator()

    # -- characters --------------------------------------------------------------------------

    def error(self, message: str, offset: int | None = None) -> HclError:
        return HclError(message, self.i if offset is None else offset)

    def skip(self, newlines: bool = True) -> None:
        match = (_SPACE_NL if newlines else _SPACE).match(self.text, self.i)
        if match:
            self.i = match.end()

    def peek(self, token: str) -> bool:
        return self.text.startswith(token, self.i)

    def expect(self, token: str) -> None:
        self.skip()
        if not self.peek(token):
            found = self.text[self.i : self.i + 1] or "the end of the file"
            raise self.error(f"expected {token!r}, found {found!r}")
        self.i += len(token)

    def record(self, path: Path, key: tuple[int, int] | None, start: int, end: int | None = None) -> None:
        """The span of the value at ``path``: from ``start`` to ``end``, by default the end of the
        expression just read."""
        self.locator.spans[path] = (key, (start, self.end if end is None else end))

    # -- bodies and blocks -------------------------------------------------------------------

    def body(self, path: Path, closing: str | None) -> dict[str, Any]:
        result: dict[str, Any] = {}
        while True:
            self.skip()
            if closing is not None and self.peek(closing):
                self.i += 1
                return result
            if self.i >= len(self.text):
                if closing is not None:
                    raise self.error(f"expected {closing!r} before the end of the file")
                return result
            match = _IDENT.match(self.text, self.i)
            if not match:
                raise self.error(f"expected an attribute or a block, found {self.text[self.i]!r}")
            name = match.group()
            key_span = match.span()
            self.i = match.end()
            self.skip(newlines=False)
            if self.peek("=") and not self.peek("=="):
                self.i += 1
                self.skip(newlines=False)
                start = self.i
                result[name] = self.expression((*path, name), ("\n",))
                self.record((*path, name), key_span, start)
                continue
            labels: list[str] = []
            while not self.peek("{"):
                label = self.label()
                if label is None:
                    raise self.error(f"expected '=' or '{{' after {name!r}")
                labels.append(label)
                self.skip(newlines=False)
            self.i += 1
            target: dict[str, Any] = result
            key = name
            block_path: Path = (*path, name)
            for label in labels:
                target = target.setdefault(key, {}) if isinstance(target.get(key, {}), dict) else {}
                key = label
                block_path = (*block_path, label)
            start = key_span[0]
            # a repeated block (two `statement` blocks) is a list: item 0, 1 ... keep their spans
            existing = target.get(key) if not labels else None
            if isinstance(existing, dict):
                self.rekey(block_path, (*block_path, 0))
                block_path = (*block_path, 1)
            elif isinstance(existing, list):
                block_path = (*block_path, len(existing))
            value = self.body(block_path, "}")
            if isinstance(existing, dict):
                target[key] = [existing, value]
            elif isinstance(existing, list):
                existing.append(value)
            else:
                target[key] = value
            self.record(block_path, key_span, start, self.i)
            if isinstance(existing, dict):  # the list itself is where its first block is
                first: Path = (*block_path[:-1], 0)
                self.locator.spans[block_path[:-1]] = self.locator.spans[first]

    def rekey(self, old: Path, new: Path) -> None:
        """Move the spans recorded under ``old`` (and below it) to ``new``."""
        size = len(old)
        spans, chars = self.locator.spans, self.locator.chars
        for path in [p for p in spans if p[:size] == old]:
            moved: Path = (*new, *path[size:])
            spans[moved] = spans.pop(path)
        for path in [p for p in chars if p[:size] == old]:
            moved = (*new, *path[size:])
            chars[moved] = chars.pop(path)

    def label(self) -> str | None:
        if self.peek('"'):
            value, _, _ = self.string()
            return value
        match = _IDENT.match(self.text, self.i)
        if match:
            self.i = match.end()
            return match.group()
        return None

    # -- expressions -------------------------------------------------------------------------

    def expression(self, path: Path, ends: tuple[str, ...]) -> Any:
        """An expression up to one of ``ends`` (not consumed) at bracket depth 0."""
        self.skip(newlines="\n" not in ends)
        start = self.i
        value = self.primary(path)
        self.end = self.i
        self.skip(newlines=False)
        if self.i < len(self.text) and self.text.startswith(_OPERATORS, self.i):
            self.rest(ends)
            value = "${" + " ".join(self.text[start : self.end].split()) + "}"
            self.locator.chars.pop(path, None)
        return value

    def rest(self, ends: tuple[str, ...]) -> None:
        """Skip to the end of an expression: the next of ``ends`` outside brackets and strings
        (``self.end`` follows its last character that is not a space or a comment)."""
        depth = 0
        while self.i < len(self.text):
            c = self.text[self.i]
            if depth == 0 and (c in ends or c in ",)]}"):
                return
            if c in "([{":
                depth += 1
            elif c in ")]}":
                depth -= 1
            elif c == '"':
                self.string()
                self.end = self.i
                continue
            elif self.peek("<<") and _HEREDOC.match(self.text, self.i):
                self.heredoc()
                self.end = self.i
                continue
            elif c == "#" or self.peek("//") or self.peek("/*"):
                self.skip()
                continue
            self.i += 1
            if not c.isspace():
                self.end = self.i

    def primary(self, path: Path) -> Any:
        text = self.text
        if self.i >= len(text):
            raise self.error("expected a value before the end of the file")
        c = text[self.i]
        start = self.i
        if c == '"':
            # an interpolated string keeps its text ("arn:${var.partition}:..."): a placeholder
            value, offsets, _ = self.string()
            self.locator.chars[path] = offsets
            return self.postfix(path, start, value)
        if c == "<" and _HEREDOC.match(text, self.i):
            value, offsets = self.heredoc()
            self.locator.chars[path] = offsets
            return value
        if c == "[":
            self.i += 1
            self.skip()
            if _IDENT.match(text, self.i) and text.startswith("for", self.i) and text[self.i + 3 : self.i + 4] in " \t":
                self.i = start
                self.bracketed()
                return "${" + " ".join(text[start : self.i].split()) + "}"
            items: list[Any] = []
            while True:
                self.skip()
                if self.i >= len(text):
                    raise self.error("'[' is not closed", start)
                if self.peek("]"):
                    self.i += 1
                    break
                item_start = self.i
                items.append(self.expression((*path, len(items)), (",", "]")))
                self.record((*path, len(items) - 1), None, item_start)
                self.skip()
                if self.peek(","):
                    self.i += 1
            return self.postfix(path, start, items)
        if c == "{":
            self.i += 1
            self.skip()
            if text.startswith("for", self.i) and text[self.i + 3 : self.i + 4] in " \t":
                self.i = start
                self.bracketed()
                return "${" + " ".join(text[start : self.i].split()) + "}"
            obj: dict[str, Any] = {}
            while True:
                self.skip()
                if self.i >= len(text):
                    raise self.error("'{' is not closed", start)
                if self.peek("}"):
                    self.i += 1
                    break
                key_start = self.i
                key = self.object_key()
                key_span = (key_start, self.i)
                self.skip(newlines=False)
                if not (self.peek("=") or self.peek(":")):
                    raise self.error(f"expected '=' or ':' after the key {key!r}")
                self.i += 1
                self.skip(newlines=False)
                value_start = self.i
                obj[key] = self.expression((*path, key), (",", "}", "\n"))
                self.record((*path, key), key_span, value_start)
                self.skip(newlines=False)
                if self.peek(","):
                    self.i += 1
            return self.postfix(path, start, obj)
        if c == "(":
            self.bracketed()
            return self.postfix(path, start, "${" + " ".join(text[start : self.i].split()) + "}")
        number = _NUMBER.match(text, self.i)
        if number:
            self.i = number.end()
            literal = number.group()
            return float(literal) if any(ch in literal for ch in ".eE") else int(literal)
        if c == "-" and _NUMBER.match(text, self.i + 1):
            self.i += 1
            value = self.primary(path)
            return -value if isinstance(value, (int, float)) else value
        ident = _IDENT.match(text, self.i)
        if ident:
            name = ident.group()
            self.i = ident.end()
            if name in ("true", "false", "null") and not self.peek(".") and not self.peek("["):
                return {"true": True, "false": False, "null": None}[name]
            if self.peek("("):
                return self.call(path, name, start)
            return self.postfix(path, start, None, reference=True)
        raise self.error(f"expected a value, found {c!r}")

    def object_key(self) -> str:
        if self.peek('"'):
            value, _, _ = self.string()
            return value
        if self.peek("("):
            start = self.i
            self.bracketed()
            return self.text[start : self.i]
        match = _IDENT.match(self.text, self.i)
        if not match:
            raise self.error(f"expected an object key, found {self.text[self.i : self.i + 1]!r}")
        self.i = match.end()
        return match.group()

    def call(self, path: Path, name: str, start: int) -> Any:
        self.i += 1  # (
        key = f"Fn::{name}"
        arguments: list[Any] = []
        while True:
            self.skip()
            if self.i >= len(self.text):
                raise self.error(f"the call of {name} is not closed", start)
            if self.peek(")"):
                self.i += 1
                break
            if self.peek("..."):
                self.i += 3
                continue
            item_start = self.i
            arguments.append(self.expression((*path, key, len(arguments)), (",", ")")))
            self.record((*path, key, len(arguments) - 1), None, item_start)
            self.skip()
            if self.peek(","):
                self.i += 1
        call_path = (*path, key)
        self.locator.spans[call_path] = (None, (start, self.i))
        return self.postfix(path, start, {key: arguments})

    def postfix(self, path: Path, start: int, value: Any, reference: bool = False) -> Any:
        """Attribute access, indexes and splats after a value: the whole is a reference."""
        text = self.text
        while self.i < len(text) and (self.peek(".") or self.peek("[")):
            if self.peek("."):
                self.i += 1
                if self.peek("*"):
                    self.i += 1
                    reference = True
                    continue
                match = _IDENT.match(text, self.i) or _NUMBER.match(text, self.i)
                if not match:
                    raise self.error("expected an attribute name after '.'")
                self.i = match.end()
            else:
                self.bracketed()
            reference = True
        if reference:
            self.locator.chars.pop(path, None)
            return "${" + " ".join(text[start : self.i].split()) + "}"
        return value

    def bracketed(self) -> None:
        """Skip a bracketed group, nested brackets, strings, heredocs and comments included."""
        text = self.text
        start = self.i
        depth = 0
        while self.i < len(text):
            c = text[self.i]
            if c in "([{":
                depth += 1
            elif c in ")]}":
                depth -= 1
                if depth == 0:
                    self.i += 1
                    return
            elif c == '"':
                self.string()
                continue
            elif c == "<" and _HEREDOC.match(text, self.i):
                self.heredoc()
                continue
            elif c == "#" or self.peek("//") or self.peek("/*"):
                self.skip()
                continue
            self.i += 1
        raise self.error(f"{text[start]!r} is not closed", start)

    # -- strings -----------------------------------------------------------------------------

    def string(self) -> tuple[str, list[int], bool]:
        """A quoted string: its value, the offset of each of its code points, and whether it is
        plain (no ``${`` or ``%{`` template sequence)."""
        text = self.text
        start = self.i
        self.i += 1
        out: list[str] = []
        offsets: list[int] = []
        plain = True
        while True:
            if self.i >= len(text) or text[self.i] == "\n":
                raise self.error("the string is not closed on its line", start)
            c = text[self.i]
            if c == '"':
                self.i += 1
                return "".join(out), offsets, plain
            if c == "\\":
                nxt = text[self.i + 1 : self.i + 2]
                if nxt in _ESCAPES:
                    out.append(_ESCAPES[nxt])
                    offsets.append(self.i)
                    self.i += 2
                    continue
                if nxt in ("u", "U"):
                    width = 4 if nxt == "u" else 8
                    digits = text[self.i + 2 : self.i + 2 + width]
                    try:
                        out.append(chr(int(digits, 16)))
                    except ValueError:
                        raise self.error("invalid \\u escape") from None
                    offsets.append(self.i)
                    self.i += 2 + width
                    continue
                raise self.error(f"unknown escape \\{nxt}")
            if c in ("$", "%") and text.startswith(c * 2 + "{", self.i):  # $${ is a literal ${
                out.extend(c + "{")
                offsets.extend([self.i, self.i + 2])
                self.i += 3
                continue
            if c in ("$", "%") and text.startswith("{", self.i + 1):
                plain = False
                begin = self.i
                self.i += 1
                self.bracketed()
                out.append(text[begin : self.i])
                offsets.extend(range(begin, self.i))
                continue
            out.append(c)
            offsets.append(self.i)
            self.i += 1

    def heredoc(self) -> tuple[str, list[int]]:
        """A heredoc (``<<EOF`` or ``<<-EOF``, which strips the common indentation)."""
        match = _HEREDOC.match(self.text, self.i)
        assert match is not None
        strip, marker = match.group(1) == "-", match.group(2)
        self.i = match.end()
        lines: list[tuple[int, str]] = []
        while True:
            if self.i >= len(self.text):
                raise self.error(f"the heredoc {marker} is not closed", match.start())
            end = self.text.find("\n", self.i)
            end = len(self.text) if end < 0 else end
            line = self.text[self.i : end]
            if line.strip() == marker:
                self.i = self.i + len(line.rstrip("\r"))
                break
            lines.append((self.i, line))
            self.i = end + 1
        indent = 0
        if strip:
            widths = [len(line) - len(line.lstrip(" \t")) for _, line in lines if line.strip()]
            indent = min(widths, default=0)
        out: list[str] = []
        offsets: list[int] = []
        for start, line in lines:
            body = line[indent:] if strip else line
            first = start + (indent if strip else 0)
            out.append(body + "\n")
            offsets.extend(range(first, first + len(body)))
            offsets.append(first + len(body))
        return "".join(out), offsets


def load_hcl(name: str, source: SourceText) -> Document | LoadFailure:
    """Read a Terraform file into a document (see the module docstring)."""
    reader = _Reader(source.text)
    try:
        value = reader.body((), None)
    except HclError as exc:
        return LoadFailure(
            "ASL002", f"this Terraform file cannot be read: {exc}; fix the syntax here", source, exc.offset
        )
    except RecursionError:
        return LoadFailure("ASL002", "this Terraform file nests too deeply to be read", source, 0)
    reader.locator.spans[()] = (None, (0, len(source.text)))
    return Document(name, source, value, "hcl", reader.locator)


def read_expression(text: str) -> tuple[Any, HclLocator] | None:
    """One HCL expression, as Terraform's JSON syntax writes it inside ``"${...}"``, with the
    spans of its values (offsets into ``text``); ``None`` when it is not one whole expression."""
    reader = _Reader(text)
    try:
        value = reader.expression((), ())
        reader.skip()
    except (HclError, RecursionError):
        return None
    if reader.i != len(text):
        return None
    reader.locator.spans[()] = (None, (0, len(text)))
    return value, reader.locator
