from __future__ import annotations

from typing import TYPE_CHECKING

from asllint import Rule, Severity, Violation

if TYPE_CHECKING:
    from collections.abc import Iterator

    from asllint import StateMachine


class MaxattemptsZero(Rule):
    """## What it does
    Notes a last Retrier with ``"MaxAttempts": 0``.

    ## Why is this bad?
    It is legal, but such a Retrier never retries: errors it matches go straight on to the
    Catchers.  Before another Retrier it usefully keeps that one from retrying these errors
    (not reported); as the last Retrier it does nothing and is likely a slip for a positive
    count.

    ## Example
    ```json
    {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:work",
     "Retry": [{"ErrorEquals": ["States.Timeout"], "MaxAttempts": 0}], "End": true}
    ```

    Use instead:
    ```json
    {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:work",
     "Retry": [{"ErrorEquals": ["States.Timeout"], "MaxAttempts": 2}], "End": true}
    ```

    ## References
    - Amazon States Language: Retrying after error
    """

    id = "ASL507"
    name = "maxattempts-zero"
    severity = Severity.INFO
    source_url = "https://states-language.net/spec.html#retrying-after-error"

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        for state in machine.states:
            retriers = state.body.get("Retry")
            if not isinstance(retriers, list) or not retriers:
                continue
            last = state.field("Retry", len(retriers) - 1)
            node = last.child("MaxAttempts") if last is not None else None
            # before another Retrier, MaxAttempts 0 keeps that one from retrying these errors: deliberate
            if node is not None and node.value == 0 and node.value is not False:
                yield Violation(
                    node,
                    "MaxAttempts 0 on the last Retrier means it never retries; use a positive count, or remove it",
                )
