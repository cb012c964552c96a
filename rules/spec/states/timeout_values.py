from __future__ import annotations

from typing import TYPE_CHECKING

from asllint import Rule, Severity, Violation
from asllint_rules.spec.states._util import MAX_INT, is_integer, is_unknown

if TYPE_CHECKING:
    from collections.abc import Iterator

    from asllint import Node, StateMachine


class TimeoutValues(Rule):
    """## What it does
    Flags a ``TimeoutSeconds`` or ``HeartbeatSeconds`` (of a state, or the machine's
    ``TimeoutSeconds``) that is not a positive integer up to 99,999,999.

    ## Why is this bad?
    Step Functions rejects the definition.  JSONata expressions and template placeholders are
    not judged.

    ## Example
    ```json
    {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:work",
     "TimeoutSeconds": 0, "End": true}
    ```

    Use instead:
    ```json
    {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:work",
     "TimeoutSeconds": 300, "End": true}
    ```

    ## References
    - Amazon States Language: Task State
    - Amazon States Language: Top-level fields
    """

    id = "ASL701"
    name = "timeout-values"
    severity = Severity.ERROR
    source_url = "https://states-language.net/spec.html#task-state"

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        top = machine.node.child("TimeoutSeconds")
        if top is not None:
            yield from _check(top)
        for state in machine.states:
            for field in ("TimeoutSeconds", "HeartbeatSeconds"):
                node = state.field(field) if field in state.body else None
                if node is not None:
                    yield from _check(node)


def _check(node: Node) -> Iterator[Violation]:
    value = node.value
    if is_unknown(value):
        return
    if not is_integer(value) or not 1 <= value <= MAX_INT:
        yield Violation(node, f"{node.key} is {value!r}; use a whole number of seconds from 1 to {MAX_INT:,}")
