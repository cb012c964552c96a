"""A syntax checker for JSONata 2.0 expressions (the version Step Functions runs, 2.0.6).

Expressions are never evaluated: :func:`parse` answers whether an expression parses and, when
it does not, where the first error is.  No maintained pure-Python JSONata parser could be
depended on, so this is a small one of our own: a tokenizer and a top-down operator-precedence
(Pratt) parser that follows the grammar of the reference implementation (``jsonata-js``
``src/parser.js``), the same binding powers, the same tokenizer quirks and the same error
codes (``S0101``…``S0302``), including the checks of its post-parse stage that reject a
parsed expression (a literal as a path step, a binding to a non-variable).  A few semantic
checks of that stage are left out (the ``%`` parent operator's ancestry, a predicate after a
group-by): an expression is accepted when in doubt.

Offsets are 0-based code-point offsets into the expression text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["JsonataSyntaxError", "Token", "parse", "syntax_error", "top_level_references"]

#: binding powers of the operators; single characters here also end a name token
OPERATORS: dict[str, int] = {
    ".": 75,
    "[": 80,
    "]": 0,
    "{": 70,
    "}": 0,
    "(": 80,
    ")": 0,
    ",": 0,
    "@": 80,
    "#": 80,
    ";": 80,
    ":": 80,
    "?": 20,
    "+": 50,
    "-": 50,
    "*": 60,
    "/": 60,
    "%": 60,
    "|": 20,
    "=": 40,
    "<": 40,
    ">": 40,
    "^": 40,
    "**": 60,
    "..": 20,
    ":=": 10,
    "!=": 40,
    "<=": 40,
    ">=": 40,
    "~>": 40,
    "and": 30,
    "or": 25,
    "in": 40,
    "&": 50,
    "!": 0,  # not an operator, but it ends a name
    "~": 0,  # not an operator, but it ends a name
}
_DOUBLE = (":=", "!=", ">=", "<=", "**", "~>")
#: the binding power of each token that can follow an operand (an infix operator); the
#: others (``:``, ``;``, ``,``, ``..``, ``|``, ``**``, closing brackets) end an operand
_LBP: dict[str, int] = {
    op: OPERATORS[op]
    for op in (
        *(".", "[", "{", "(", "@", "#", "?", "+", "-", "*", "/", "%", "=", "<", ">", "^", "&"),
        *("!=", "<=", ">=", "~>", ":=", "and", "or", "in"),
    )
}
_WHITESPACE = " \t\n\r\v"
_ESCAPES = frozenset('"\\/bfnrt')
_NUMBER = re.compile(r"(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[Ee][-+]?[0-9]+)?")
_HEX = re.compile(r"[0-9a-fA-F]+")

_MESSAGES = {
    "S0101": "string literal not terminated",
    "S0102": "number out of range: {token}",
    "S0103": "unsupported escape sequence: \\{token}",
    "S0104": "the escape sequence \\u must be followed by 4 hex digits",
    "S0105": "quoted property name (backquotes) not terminated",
    "S0106": "comment not terminated",
    "S0201": "syntax error: {token!r}",
    "S0202": "expected {value!r}, got {token!r}",
    "S0203": "expected {value!r} before the end of the expression",
    "S0204": "unknown operator: {token!r}",
    "S0207": "unexpected end of expression",
    "S0208": "parameter {value} of a function definition must be a variable (e.g. $x), not {token!r}",
    "S0211": "the symbol {token!r} cannot be used as a unary operator",
    "S0212": "the left side of := must be a variable name (start with $)",
    "S0213": "the literal value {token} cannot be used as a step within a path expression",
    "S0214": "the right side of {token} must be a variable name (start with $)",
    "S0301": "empty regular expressions are not allowed",
    "S0302": "regular expression not terminated",
}


class JsonataSyntaxError(ValueError):
    """An expression that does not parse: the JSONata error ``code`` and the ``offset``."""

    def __init__(self, code: str, offset: int, token: object = None, value: object = None) -> None:
        self.code = code
        self.offset = offset
        self.token = token
        self.value = value
        super().__init__(f"{code} at offset {offset}: {self.description}")

    @property
    def description(self) -> str:
        """What is wrong, in JSONata's words (without the code and offset)."""
        return _MESSAGES[self.code].format(token=_Shown(self.token), value=self.value)


class _Shown:
    """A token value as an error message shows it: ``'name'``, ``2`` (not ``2.0``), ``(end)``."""

    __slots__ = ("value",)

    def __init__(self, value: object) -> None:
        self.value = value

    def __repr__(self) -> str:
        value = self.value
        if value is None:
            return "(end)"
        if isinstance(value, float):
            return str(int(value)) if value.is_integer() and abs(value) < 1e16 else repr(value)
        return repr(value)

    def __str__(self) -> str:
        return self.value if isinstance(self.value, str) else repr(self)


@dataclass(slots=True)
class Token:
    """One token: ``kind`` is ``name``, ``variable``, ``string``, ``number``, ``value``
    (true/false/null), ``regex``, ``operator`` or ``end``; ``start``/``end`` are offsets."""

    kind: str
    value: object
    start: int
    end: int


class _Lexer:
    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0

    def _error(self, code: str, offset: int, token: object = None) -> JsonataSyntaxError:
        return JsonataSyntaxError(code, offset, token)

    def next(self, infix: bool) -> Token | None:
        text, length = self.text, len(self.text)
        while True:
            while self.pos < length and text[self.pos] in _WHITESPACE:
                self.pos += 1
            if text.startswith("/*", self.pos):
                end = text.find("*/", self.pos + 2)
                if end < 0:
                    raise self._error("S0106", self.pos)
                self.pos = end + 2
                continue
            break
        start = self.pos
        if start >= length:
            return None
        char = text[start]
        if not infix and char == "/":
            return self._regex(start)
        two = text[start : start + 2]
        if two == ".." or two in _DOUBLE:
            self.pos += 2
            return Token("operator", two, start, self.pos)
        if char in OPERATORS:
            self.pos += 1
            return Token("operator", char, start, self.pos)
        if char in "\"'":
            return self._string(start, char)
        match = _NUMBER.match(text, start)
        if match:
            number = float(match.group())
            if number in (float("inf"), float("-inf")):
                raise self._error("S0102", start, match.group())
            self.pos = match.end()
            return Token("number", number, start, self.pos)
        if char == "`":
            end = text.find("`", start + 1)
            if end < 0:
                self.pos = length
                raise self._error("S0105", start)
            self.pos = end + 1
            return Token("name", text[start + 1 : end], start, self.pos)
        i = start
        while i < length and text[i] not in _WHITESPACE and text[i] not in OPERATORS:
            i += 1
        self.pos = i
        if char == "$":
            return Token("variable", text[start + 1 : i], start, i)
        word = text[start:i]
        if word in ("and", "or", "in"):
            return Token("operator", word, start, i)
        if word in ("true", "false", "null"):
            return Token("value", {"true": True, "false": False, "null": None}[word], start, i)
        return Token("name", word, start, i)

    def _string(self, start: int, quote: str) -> Token:
        text, length = self.text, len(self.text)
        pos = start + 1
        chars: list[str] = []
        while pos < length:
            char = text[pos]
            if char == "\\":
                pos += 1
                char = text[pos] if pos < length else ""
                if char and char in _ESCAPES:
                    chars.append(char)
                elif char == "u":
                    octets = text[pos + 1 : pos + 5]
                    if not _HEX.fullmatch(octets):
                        raise self._error("S0104", pos)
                    chars.append(chr(int(octets, 16)))
                    pos += 4
                else:
                    raise self._error("S0103", pos, char)
            elif char == quote:
                self.pos = pos + 1
                return Token("string", "".join(chars), start, self.pos)
            else:
                chars.append(char)
            pos += 1
        raise self._error("S0101", start)

    def _regex(self, start: int) -> Token:
        text, length = self.text, len(self.text)
        pos = first = start + 1
        depth = 0
        while pos < length:
            char = text[pos]
            if char == "/" and depth == 0:
                backslashes = 0
                while pos - backslashes - 1 >= 0 and text[pos - backslashes - 1] == "\\":
                    backslashes += 1
                if backslashes % 2 == 0:
                    if pos == first:
                        raise self._error("S0301", start)
                    pattern = text[first:pos]
                    pos += 1
                    while pos < length and text[pos] in "im":
                        pos += 1
                    self.pos = pos
                    return Token("regex", pattern, start, pos)
            escaped = text[pos - 1] == "\\"
            if char in "([{" and not escaped:
                depth += 1
            elif char in ")]}" and not escaped:
                depth -= 1
            pos += 1
        raise self._error("S0302", start)


@dataclass(slots=True)
class _Node:
    """A parsed expression, with only what the post-parse checks need."""

    kind: str  # name, variable, string, number, value, regex, operator, end, or an AST kind
    value: object
    start: int
    children: list[_Node] = field(default_factory=list)


_TERMINALS = frozenset({"name", "variable", "string", "number", "value", "regex"})


class _Parser:
    def __init__(self, text: str) -> None:
        self.lexer = _Lexer(text)
        self.length = len(text)
        self.tokens: list[Token] = []
        self.node = Token("end", None, 0, 0)
        self.tree = _Node("end", None, 0)
        self.nuds: dict[str, Callable[[Token], _Node]] = {
            "-": self._unary,
            "*": self._simple("wildcard"),
            "**": self._simple("descendant"),
            "%": self._simple("parent"),
            "(": self._block,
            "[": self._array,
            "{": self._object,
            "|": self._transform,
        }
        self.leds: dict[str, Callable[[Token, _Node], _Node]] = {
            "(": self._call,
            "[": self._predicate,
            "^": self._sort,
            "{": self._group,
            ":=": self._bind,
            "@": self._focus,
            "#": self._focus,
            "?": self._condition,
        }

    # the token stream ---------------------------------------------------------------------

    def lbp(self, token: Token) -> int:
        if token.kind != "operator":
            return 0
        return _LBP.get(str(token.value), 0)

    def advance(self, expected: str | None = None, infix: bool = False) -> Token:
        node = self.node
        if expected is not None and not (node.kind == "operator" and node.value == expected):
            if node.kind == "end":
                raise JsonataSyntaxError("S0203", node.start, None, expected)
            raise JsonataSyntaxError("S0202", node.start, node.value, expected)
        token = self.lexer.next(infix)
        if token is None:
            self.node = Token("end", None, self.length, self.length)
        else:
            if token.kind == "operator" and token.value in ("!", "~"):
                raise JsonataSyntaxError("S0204", token.start, token.value)
            self.tokens.append(token)
            self.node = token
        return self.node

    def at(self, operator: str) -> bool:
        return self.node.kind == "operator" and self.node.value == operator

    # Pratt's algorithm -------------------------------------------------------------------

    def expression(self, rbp: int) -> _Node:
        token = self.node
        self.advance(None, infix=True)
        left = self.nud(token)
        while rbp < self.lbp(self.node):
            token = self.node
            self.advance()
            left = self.led(token, left)
        return left

    def nud(self, token: Token) -> _Node:
        if token.kind in _TERMINALS:
            return _Node(token.kind, token.value, token.start)
        if token.kind == "end":  # an error once parsed (S0207), unless a missing bracket is found first
            return _Node("end", None, token.start)
        value = str(token.value)
        if value in ("and", "or", "in"):  # keywords double as field names
            return _Node("name", value, token.start)
        handler = self.nuds.get(value)
        if handler is None:
            raise JsonataSyntaxError("S0211", token.start, value)
        return handler(token)

    def led(self, token: Token, left: _Node) -> _Node:
        value = str(token.value)
        handler = self.leds.get(value)
        if handler is not None:
            return handler(token, left)
        # left-associative binary operator
        right = self.expression(_LBP[value])
        if value == ".":
            for step in (left, right) if right.kind != "end" else ():
                if step.kind in ("number", "value"):
                    shown = "null" if step.value is None else str(step.value).lower()
                    if step.kind == "number" and isinstance(step.value, float) and step.value.is_integer():
                        shown = str(int(step.value))
                    raise JsonataSyntaxError("S0213", step.start, shown)
            left = _Node("path", None, left.start, [*_steps(left), *_steps(right)])
            return left
        return _Node("binary", value, token.start, [left, right])

    # prefix forms -------------------------------------------------------------------------

    def _simple(self, kind: str) -> Callable[[Token], _Node]:
        return lambda token: _Node(kind, token.value, token.start)

    def _unary(self, token: Token) -> _Node:
        return _Node("unary", "-", token.start, [self.expression(70)])

    def _block(self, token: Token) -> _Node:
        expressions: list[_Node] = []
        while not self.at(")"):
            expressions.append(self.expression(0))
            if not self.at(";"):
                break
            self.advance(";")
        self.advance(")", infix=True)
        return _Node("block", None, token.start, expressions)

    def _array(self, token: Token) -> _Node:
        items: list[_Node] = []
        if not self.at("]"):
            while True:
                item = self.expression(0)
                if self.at(".."):
                    self.advance("..")
                    item = _Node("range", "..", item.start, [item, self.expression(0)])
                items.append(item)
                if not self.at(","):
                    break
                self.advance(",")
        self.advance("]", infix=True)
        return _Node("array", None, token.start, items)

    def _pairs(self) -> list[_Node]:
        pairs: list[_Node] = []
        if not self.at("}"):
            while True:
                pairs.append(self.expression(0))
                self.advance(":")
                pairs.append(self.expression(0))
                if not self.at(","):
                    break
                self.advance(",")
        self.advance("}", infix=True)
        return pairs

    def _object(self, token: Token) -> _Node:
        return _Node("object", None, token.start, self._pairs())

    def _transform(self, token: Token) -> _Node:
        parts = [self.expression(0)]
        self.advance("|")
        parts.append(self.expression(0))
        if self.at(","):
            self.advance(",")
            parts.append(self.expression(0))
        self.advance("|", infix=True)
        return _Node("transform", None, token.start, parts)

    # infix forms --------------------------------------------------------------------------

    def _call(self, token: Token, left: _Node) -> _Node:
        arguments: list[_Node] = []
        if not self.at(")"):
            while True:
                if self.at("?"):  # partial application
                    arguments.append(_Node("placeholder", "?", self.node.start))
                    self.advance("?")
                else:
                    arguments.append(self.expression(0))
                if not self.at(","):
                    break
                self.advance(",")
        self.advance(")", infix=True)
        if left.kind == "name" and left.value in ("function", "\u03bb"):
            for index, argument in enumerate(arguments, 1):
                if argument.kind != "variable":
                    raise JsonataSyntaxError("S0208", argument.start, argument.value, index)
            if self.at("<"):  # a signature: the tokens up to the matching '>'
                depth = 1
                while depth > 0 and not self.at("{") and self.node.kind != "end":
                    following = self.advance()
                    if following.kind == "operator" and following.value == ">":
                        depth -= 1
                    elif following.kind == "operator" and following.value == "<":
                        depth += 1
                self.advance(">")
            self.advance("{")
            body = self.expression(0)
            self.advance("}")
            return _Node("lambda", None, left.start, [*arguments, body])
        return _Node("function", None, left.start, [left, *arguments])

    def _predicate(self, token: Token, left: _Node) -> _Node:
        if self.at("]"):  # an empty predicate keeps singleton arrays
            self.advance("]")
            return left
        predicate = self.expression(OPERATORS["]"])
        self.advance("]", infix=True)
        return _Node("filter", None, left.start, [left, predicate])

    def _sort(self, token: Token, left: _Node) -> _Node:
        self.advance("(")
        terms = [left]
        while True:
            if self.at("<"):
                self.advance("<")
            elif self.at(">"):
                self.advance(">")
            terms.append(self.expression(0))
            if not self.at(","):
                break
            self.advance(",")
        self.advance(")", infix=True)  # an operand ends here: a following '/' divides
        return _Node("sort", None, left.start, terms)

    def _group(self, token: Token, left: _Node) -> _Node:
        return _Node("group", None, left.start, [left, *self._pairs()])

    def _bind(self, token: Token, left: _Node) -> _Node:
        if left.kind != "variable":
            raise JsonataSyntaxError("S0212", left.start, left.value)
        right = self.expression(OPERATORS[":="] - 1)  # right associative
        return _Node("bind", None, left.start, [left, right])

    def _focus(self, token: Token, left: _Node) -> _Node:
        right = self.expression(OPERATORS[str(token.value)])
        if right.kind != "variable":
            raise JsonataSyntaxError("S0214", right.start, token.value)
        return _Node("binary", token.value, token.start, [left, right])

    def _condition(self, token: Token, left: _Node) -> _Node:
        parts = [left, self.expression(0)]
        if self.at(":"):
            self.advance(":")
            parts.append(self.expression(0))
        return _Node("condition", None, left.start, parts)

    # the whole expression -----------------------------------------------------------------

    def parse(self) -> list[Token]:
        self.advance()
        tree = self.tree = self.expression(0)
        if self.node.kind != "end":
            raise JsonataSyntaxError("S0201", self.node.start, self.node.value)
        pending = [tree]
        while pending:
            node = pending.pop()
            if node.kind == "end":
                raise JsonataSyntaxError("S0207", node.start)
            pending.extend(node.children)
        return self.tokens


def _steps(node: _Node) -> list[_Node]:
    return node.children if node.kind == "path" else [node]


def parse(expression: str) -> list[Token]:
    """Parse a JSONata expression (the text between ``{%`` and ``%}``).

    :returns: the tokens, in order (the regular expressions as the parser saw them).
    :raises JsonataSyntaxError: at the first syntax error.
    """
    try:
        return _Parser(expression).parse()
    except RecursionError:  # nested too deeply for this checker: do not judge it
        return []


def syntax_error(expression: str) -> JsonataSyntaxError | None:
    """The first syntax error of ``expression``, or ``None`` when it parses."""
    try:
        parse(expression)
    except JsonataSyntaxError as error:
        return error
    return None


def top_level_references(expression: str) -> list[tuple[str, int]]:
    """The field names, and ``$`` or ``$$``, that ``expression`` reads from its context item at
    the top level, with their offsets, in order; ``[]`` when it does not parse.

    Step Functions evaluates an expression without a context item: input comes from
    ``$states.input`` and variables.  A name is read from the context item when it opens a path
    (``phone``, ``phone.number``) that is not itself nested in another path's step, predicate,
    sort or group (``$states.input.items[price > 10]`` reads ``price`` from each item).
    Function arguments, operands, blocks, arrays, objects and conditions keep the context of
    what contains them.  Lambda bodies and transforms are not judged.
    """
    parser = _Parser(expression)
    try:
        parser.parse()
    except (JsonataSyntaxError, RecursionError):
        return []
    found: list[tuple[str, int]] = []
    pending: list[tuple[_Node, bool]] = [(parser.tree, True)]
    while pending:
        node, top = pending.pop()
        kind = node.kind
        if kind == "name":
            if top:
                found.append((str(node.value), node.start))
        elif kind == "variable":
            if top and node.value in ("", "$"):
                found.append((f"${node.value}", node.start))
        elif kind in ("path", "filter", "sort", "group"):
            first, *rest = node.children
            pending.append((first, top))
            pending.extend((step, False) for step in rest)
        elif kind == "function":
            pending.extend((argument, top) for argument in node.children[1:])
        elif kind not in ("lambda", "transform"):
            pending.extend((child, top) for child in node.children)
    return sorted(found, key=lambda item: item[1])


def tree(expression: str) -> _Node | None:
    """The syntax tree of a JSONata expression, for checks that read its shape (a node's
    ``kind`` is ``string``, ``number``, ``binary`` with the operator as ``value``, ``path`` ...);
    ``None`` when it is nested too deeply to read.

    :raises JsonataSyntaxError: at the first syntax error.
    """
    parser = _Parser(expression)
    try:
        parser.parse()
    except RecursionError:
        return None
    return parser.tree
