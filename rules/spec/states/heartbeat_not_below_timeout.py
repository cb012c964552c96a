from __future__ import annotations

from typing import TYPE_CHECKING, Any

from asllint import Rule, Severity, Violation
from asllint_rules.spec.states._util import is_integer

if TYPE_CHECKING:
    from collections.abc import Iterator

    from asllint import StateMachine


class HeartbeatNotBelowTimeout(Rule):
    """## What it does
    Flags a Task state whose ``HeartbeatSeconds`` is not smaller than its ``TimeoutSeconds``.

    ## Why is this bad?
    The heartbeat interval must fit inside the timeout; Step Functions rejects the
    definition otherwise.

    ## Example
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:us-east-1:123456789012:activity:review",
     "TimeoutSeconds": 300, "HeartbeatSeconds": 300, "End": true}
    ```

    Use instead:
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:us-east-1:123456789012:activity:review",
     "TimeoutSeconds": 300, "HeartbeatSeconds": 60, "End": true}
    ```

    ## References
    - Amazon States Language: Task State
    """

    id = "ASL702"
    name = "heartbeat-not-below-timeout"
    severity = Severity.ERROR
    source_url = "https://states-language.net/spec.html#task-state"

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        for state in machine.states:
            timeout: Any = state.body.get("TimeoutSeconds")
            heartbeat: Any = state.body.get("HeartbeatSeconds")
            if is_integer(timeout) and is_integer(heartbeat) and heartbeat >= timeout > 0:
                node = state.field("HeartbeatSeconds")
                assert node is not None
                yield Violation(
                    node,
                    f"HeartbeatSeconds {heartbeat} is not below TimeoutSeconds {timeout}; "
                    "make the heartbeat shorter than the timeout",
                )
