"""Where a Task state reads ``$$.Task.Token`` (shared by ASL311 and ASL312)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from asllint.jsonpath import Call, JsonPath
from asllint_rules.spec.paths._expressions import Expression, expressions

if TYPE_CHECKING:
    from asllint import StateMachine


def reads_token(expression: Expression, *, whole: bool = True) -> bool:
    """Whether the expression reads ``$$.Task.Token`` (with ``whole``, also ``$$.Task`` and
    ``$$``, which hand the token on inside the object they read)."""
    parsed = expression.parsed
    paths = [parsed] if isinstance(parsed, JsonPath) else parsed.paths() if isinstance(parsed, Call) else []
    for path in paths:
        if path.root == "$$":
            names = path.names
            plain = len(path.segments) == len(names)
            # ``$$`` and ``$$.Task`` hand the whole object on, token included
            if names[:2] == ("Task", "Token") or (whole and plain and names in ((), ("Task",))):
                return True
    return False


def token_reads(machine: StateMachine, *, whole: bool = True) -> dict[tuple[str | int, ...], list[Expression]]:
    """State path -> the template expressions of that Task state that read the task token."""
    found: dict[tuple[str | int, ...], list[Expression]] = {}
    for expression in expressions(machine):
        if expression.kind == "template" and expression.state.type == "Task" and reads_token(expression, whole=whole):
            found.setdefault(expression.state.path, []).append(expression)
    return found
