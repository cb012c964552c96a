from __future__ import annotations

from typing import TYPE_CHECKING

from asllint import Rule, Severity, Violation
from asllint_rules.spec.paths._expressions import INTRINSIC_FIELDS, expressions

if TYPE_CHECKING:
    from collections.abc import Iterator

    from asllint import StateMachine


class InvalidPath(Rule):
    """## What it does
    Checks that every path of a JSONPath state parses: ``InputPath``, ``OutputPath``,
    ``ResultPath``, ``ItemsPath``, the other ``…Path`` fields (Wait, Fail, Map, Task timeouts,
    ``ItemReader``/``ItemBatcher``), the ``Variable`` and ``…Path`` operators of Choice rules,
    and every ``Key.$`` value that starts with ``$``.  A path starts with ``$`` (the state
    input), ``$$`` (the context object) or ``$name`` (a workflow variable) and continues with
    ``.name``, ``['quoted name']``, ``[index]``, slices, wildcards or filters.  A field value
    that starts with ``States.`` must be a well-formed intrinsic call (ASL309 says where a call
    may stand).

    ## Why is this bad?
    Step Functions rejects the definition when a path cannot be parsed.

    ## Example
    ```json
    {"Type": "Pass", "InputPath": "$.order..", "End": true}
    ```

    Use instead:
    ```json
    {"Type": "Pass", "InputPath": "$.order", "End": true}
    ```

    ## References
    - Amazon States Language: Paths
    - AWS Step Functions Developer Guide: Processing input and output in Step Functions
    """

    id = "ASL301"
    name = "invalid-path"
    severity = Severity.ERROR
    source_url = "https://states-language.net/spec.html#path"

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        for expression in expressions(machine):
            error = expression.error
            if error is None:
                continue
            text = expression.text
            name = expression.name
            if expression.kind == "template":
                if text.startswith("$"):  # anything else is ASL304's
                    yield Violation(expression.node, f"{name} holds {text!r}, not a valid path: {error.message}")
                continue
            if text.startswith("States."):
                message = f"{name} holds {text!r}, not a valid intrinsic call: {error.message}"
            elif not text.startswith("$") and name in INTRINSIC_FIELDS:
                literal = name.removesuffix("Path")
                message = (
                    f"{name} must be a path or an intrinsic call (found {text!r}); use {literal} for a literal value"
                )
            elif not text.startswith("$"):
                message = f"{name} must be a path that starts with '$' (found {text!r})"
            else:
                message = f"{name} holds {text!r}, not a valid path: {error.message}"
            yield Violation(expression.node, message)
