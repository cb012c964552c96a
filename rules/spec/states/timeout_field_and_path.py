from __future__ import annotations

from typing import TYPE_CHECKING

from asllint import Rule, Severity, Violation

if TYPE_CHECKING:
    from collections.abc import Iterator

    from asllint import StateMachine


class TimeoutFieldAndPath(Rule):
    """## What it does
    Flags a state with both ``TimeoutSeconds`` and ``TimeoutSecondsPath``, or both
    ``HeartbeatSeconds`` and ``HeartbeatSecondsPath``.

    ## Why is this bad?
    Each value comes either from a literal or from a path, not both; Step Functions rejects
    the definition.

    ## Example
    ```json
    {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:work",
     "TimeoutSeconds": 300, "TimeoutSecondsPath": "$.timeout", "End": true}
    ```

    Use instead:
    ```json
    {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:work",
     "TimeoutSecondsPath": "$.timeout", "End": true}
    ```

    ## References
    - Amazon States Language: Task State
    """

    id = "ASL703"
    name = "timeout-field-and-path"
    severity = Severity.ERROR
    source_url = "https://states-language.net/spec.html#task-state"

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        for state in machine.states:
            for field in ("TimeoutSeconds", "HeartbeatSeconds"):
                path = state.field(f"{field}Path")
                if path is not None and field in state.body:
                    yield Violation(path, f"a state takes {field} or {field}Path, not both; remove one", on_key=True)
