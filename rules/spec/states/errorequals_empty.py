from __future__ import annotations

from typing import TYPE_CHECKING

from asllint import Rule, Severity, Violation
from asllint_rules.spec.states._util import handlers, node

if TYPE_CHECKING:
    from collections.abc import Iterator

    from asllint import StateMachine


class ErrorequalsEmpty(Rule):
    """## What it does
    Flags a Retrier or Catcher whose ``ErrorEquals`` is missing, empty, or holds something
    other than error-name strings.

    ## Why is this bad?
    ``ErrorEquals`` says which errors the Retrier or Catcher handles; Step Functions requires
    a non-empty array of strings.

    ## Example
    ```json
    {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:work",
     "Retry": [{"ErrorEquals": [], "MaxAttempts": 2}], "End": true}
    ```

    Use instead:
    ```json
    {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:work",
     "Retry": [{"ErrorEquals": ["States.TaskFailed"], "MaxAttempts": 2}], "End": true}
    ```

    ## References
    - Amazon States Language: Retrying after error
    - Amazon States Language: Fallback states
    """

    id = "ASL501"
    name = "errorequals-empty"
    severity = Severity.ERROR
    source_url = "https://states-language.net/spec.html#retrying-after-error"

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        for state in machine.states:
            for group, _i, item, path in handlers(state):
                names = item.get("ErrorEquals")
                where = (*path, "ErrorEquals")
                if "ErrorEquals" not in item:
                    kind = "Retrier" if group == "Retry" else "Catcher"
                    yield Violation(
                        node(state, path, item), f"this {kind} has no ErrorEquals; add the error names it handles"
                    )
                elif not isinstance(names, list):
                    yield Violation(node(state, where, names), "ErrorEquals must be an array of error names")
                elif not names:
                    yield Violation(
                        node(state, where, names), "ErrorEquals is empty; name at least one error (or States.ALL)"
                    )
                else:
                    for i, name in enumerate(names):
                        if not isinstance(name, str):
                            yield Violation(node(state, (*where, i), name), f"an error name is a string, not {name!r}")
