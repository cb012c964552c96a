"""The fixed text of a string built at run time.

``States.Format('churn-{}', $$.Execution.Name)`` is not known before the execution, but every
value it can take starts with ``churn-``.  :func:`fixed_pieces` reads the fixed text of a
``States.Format`` call (its template and its string literal arguments) or of a JSONata
concatenation (``'churn-' & $states.context.Execution.Name``); what lies between is unknown.
Rules use it to decide what holds for every value (a character no valid name contains, a job
name prefix a policy can be scoped to); nothing is evaluated.
"""

from __future__ import annotations

from functools import lru_cache

from asllint.jsonata import JsonataSyntaxError, tree
from asllint.jsonpath import Call, Literal, PathError, parse_intrinsic


@lru_cache(maxsize=4096)
def fixed_pieces(value: str, jsonata: bool) -> tuple[str | None, ...] | None:
    """The pieces a dynamic string is made of, in order: the fixed text as ``str``, each part
    known only at run time as ``None``.  ``None`` when the expression is not a ``States.Format``
    call with a literal template (JSONPath) or a concatenation with ``&`` (JSONata).  Cached:
    generated definitions repeat the same expressions."""
    if jsonata:
        return _jsonata_pieces(value)
    if not value.startswith("States.Format("):
        return None
    try:
        call = parse_intrinsic(value)
    except PathError:
        return None
    return _format_pieces(call)


def _format_pieces(call: Call) -> tuple[str | None, ...] | None:
    if call.name != "States.Format" or not call.arguments:
        return None
    template = call.arguments[0]
    if not isinstance(template, Literal) or not isinstance(template.value, str):
        return None
    arguments = call.arguments[1:]
    pieces: list[str | None] = []
    text: list[str] = []
    raw = template.text[1:-1]  # between the quotes, escapes as written
    index = 0
    i = 0
    while i < len(raw):
        if raw[i] == "\\" and i + 1 < len(raw):
            text.append(raw[i + 1])
            i += 2
            continue
        if raw.startswith("{}", i):
            argument = arguments[index] if index < len(arguments) else None
            index += 1
            if isinstance(argument, Literal) and isinstance(argument.value, str):
                text.append(argument.value)
            else:
                pieces.extend(["".join(text), None])
                text = []
            i += 2
            continue
        text.append(raw[i])
        i += 1
    pieces.append("".join(text))
    return tuple(p for p in pieces if p != "")


def _jsonata_pieces(value: str) -> tuple[str | None, ...] | None:
    try:
        root = tree(value[2:-2])
    except JsonataSyntaxError:
        return None
    if root is None or root.kind != "binary" or root.value != "&":
        return None
    pieces: list[str | None] = []
    pending = [root]
    while pending:  # leftmost first
        node = pending.pop()
        if node.kind == "binary" and node.value == "&":
            pending.extend(reversed(node.children))
        elif node.kind == "string" and isinstance(node.value, str):
            pieces.append(node.value)
        else:
            pieces.append(None)
    return tuple(pieces)
