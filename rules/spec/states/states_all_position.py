from __future__ import annotations

from typing import TYPE_CHECKING

from asllint import Rule, Severity, Violation
from asllint_rules.spec.states._util import handlers, node

if TYPE_CHECKING:
    from collections.abc import Iterator

    from asllint import StateMachine


class StatesAllPosition(Rule):
    """## What it does
    Flags ``States.ALL`` when it is not alone in its ``ErrorEquals``, or when its Retrier or
    Catcher is not the last one of the state.

    ## Why is this bad?
    ``States.ALL`` matches every error, so anything after it could never be used; Step
    Functions requires it to appear alone and in the last Retrier or Catcher.

    ## Example
    ```json
    {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:work",
     "Retry": [{"ErrorEquals": ["States.ALL"]},
               {"ErrorEquals": ["States.Timeout"], "MaxAttempts": 1}], "End": true}
    ```

    Use instead:
    ```json
    {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:work",
     "Retry": [{"ErrorEquals": ["States.Timeout"], "MaxAttempts": 1},
               {"ErrorEquals": ["States.ALL"]}], "End": true}
    ```

    ## References
    - Amazon States Language: Error Names
    """

    id = "ASL502"
    name = "states-all-position"
    severity = Severity.ERROR
    source_url = "https://states-language.net/spec.html#error-names"

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        for state in machine.states:
            for group, i, item, path in handlers(state):
                names = item.get("ErrorEquals")
                if not isinstance(names, list) or "States.ALL" not in names:
                    continue
                at = node(state, (*path, "ErrorEquals", names.index("States.ALL")), "States.ALL")
                kind = "Retrier" if group == "Retry" else "Catcher"
                if len(names) > 1:
                    yield Violation(at, "States.ALL must be the only name in its ErrorEquals; remove the others")
                elif i != len(state.body[group]) - 1:
                    yield Violation(
                        at, f"the {kind} with States.ALL must be the last in {group}; move it after the others"
                    )
