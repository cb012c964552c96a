"""Helpers shared by the state-type rules: unknown values, numbers, timestamps, Retry and Catch, Choice rules."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from asllint import Node
from asllint.document import is_jsonata, is_placeholder

if TYPE_CHECKING:
    from collections.abc import Iterator

    from asllint import State
    from asllint.document import Path

#: the largest integer Step Functions takes in its seconds and attempts fields
MAX_INT = 99_999_999

# RFC 3339 date-time with an upper-case ``T`` and ``Z`` (the spec's Timestamps section)
RFC3339 = re.compile(
    r"\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)"
)

#: the data-test comparison operators of a JSONPath Choice rule
COMPARISONS = frozenset(
    [
        *(
            f"{kind}{op}{suffix}"
            for kind in ("String", "Numeric", "Timestamp")
            for op in ("Equals", "LessThan", "GreaterThan", "LessThanEquals", "GreaterThanEquals")
            for suffix in ("", "Path")
        ),
        "BooleanEquals",
        "BooleanEqualsPath",
        "StringMatches",
        "IsNull",
        "IsPresent",
        "IsNumeric",
        "IsString",
        "IsBoolean",
        "IsTimestamp",
    ]
)
#: the boolean combinators of a JSONPath Choice rule
COMBINATORS = ("And", "Or", "Not")
#: the fields of a JSONPath Choice rule that a JSONata rule replaces with ``Condition``
CHOICE_RULE_FIELDS = frozenset({"Variable", *COMPARISONS, *COMBINATORS})


def is_unknown(value: Any) -> bool:
    """A value known only later: a JSONata expression or a template placeholder (``${X}``)."""
    return is_jsonata(value) or is_placeholder(value)


def is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def is_integer(value: Any) -> bool:
    """An integer, or a number with no fractional part (``2.0``)."""
    return is_number(value) and float(value).is_integer()


def handlers(state: State) -> Iterator[tuple[str, int, dict[str, Any], Path]]:
    """``(field, index, object, path)`` of every Retrier and Catcher object of a state (raw values, no nodes:
    a rule makes a :class:`Node` only for a finding)."""
    body = state.body
    for group in ("Retry", "Catch"):
        items = body.get(group)
        if not isinstance(items, list):
            continue
        for i, item in enumerate(items):
            if isinstance(item, dict):
                yield group, i, item, (*state.path, group, i)


def choice_rules(state: State) -> Iterator[tuple[dict[str, Any], Path, bool]]:
    """``(rule, path, top_level)`` of every Choice rule of a Choice state, nested ones included, in order."""
    choices = state.body.get("Choices")
    if not isinstance(choices, list):
        return
    base = (*state.path, "Choices")
    stack: list[tuple[dict[str, Any], Path, bool]] = [
        (item, (*base, i), True) for i, item in reversed(list(enumerate(choices))) if isinstance(item, dict)
    ]
    while stack:
        rule, path, top = stack.pop()
        yield rule, path, top
        nested: list[tuple[dict[str, Any], Path, bool]] = []
        for name in ("And", "Or"):
            group = rule.get(name)
            if isinstance(group, list):
                nested.extend((n, (*path, name, i), False) for i, n in enumerate(group) if isinstance(n, dict))
        inner = rule.get("Not")
        if isinstance(inner, dict):
            nested.append((inner, (*path, "Not"), False))
        stack.extend(reversed(nested))


def node(state: State, path: Path, value: Any) -> Node:
    """A node of the state's document, for a finding."""
    return Node(state.machine.document, path, value)
