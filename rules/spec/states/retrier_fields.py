from __future__ import annotations

from typing import TYPE_CHECKING, Any

from asllint import Rule, Severity, Violation
from asllint_rules.spec.states._util import MAX_INT, handlers, is_integer, is_number, is_unknown, node

if TYPE_CHECKING:
    from collections.abc import Iterator

    from asllint import StateMachine

#: the longest MaxDelaySeconds, one year (366 days)
MAX_DELAY = 31_622_400


class RetrierFields(Rule):
    """## What it does
    Flags a Retrier field out of range: ``IntervalSeconds`` is an integer of at least 1,
    ``MaxAttempts`` an integer of at least 0, ``BackoffRate`` a number of at least 1.0 (an
    integer such as ``2`` is fine), ``MaxDelaySeconds`` an integer from 1 to 31,622,400, and
    ``JitterStrategy`` is ``FULL`` or ``NONE``.

    ## Why is this bad?
    Step Functions rejects the definition.

    ## Example
    ```json
    {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:work",
     "Retry": [{"ErrorEquals": ["States.TaskFailed"], "IntervalSeconds": 0, "BackoffRate": 0.5}],
     "End": true}
    ```

    Use instead:
    ```json
    {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:work",
     "Retry": [{"ErrorEquals": ["States.TaskFailed"], "IntervalSeconds": 1, "BackoffRate": 2}],
     "End": true}
    ```

    ## References
    - Amazon States Language: Retrying after error
    """

    id = "ASL503"
    name = "retrier-fields"
    severity = Severity.ERROR
    source_url = "https://states-language.net/spec.html#retrying-after-error"

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        for state in machine.states:
            for group, _i, item, path in handlers(state):
                if group != "Retry":
                    continue
                for key, value in item.items():
                    problem = _problem(key, value)
                    if problem:
                        yield Violation(node(state, (*path, key), value), problem)


def _integer(key: str, value: Any, low: int, high: int) -> str | None:
    if not is_integer(value):
        return f"{key} must be an integer from {low} to {high:,}, not {value!r}"
    if not low <= value <= high:
        return f"{key} is {value}; use an integer from {low} to {high:,}"
    return None


def _problem(key: str, value: Any) -> str | None:
    if is_unknown(value):
        return None
    if key == "IntervalSeconds":
        return _integer(key, value, 1, MAX_INT)
    if key == "MaxAttempts":
        return _integer(key, value, 0, MAX_INT)
    if key == "MaxDelaySeconds":
        return _integer(key, value, 1, MAX_DELAY)
    if key == "BackoffRate":
        if not is_number(value):
            return f"BackoffRate must be a number of at least 1.0, not {value!r}"
        if value < 1:
            return f"BackoffRate is {value}; use a number of at least 1.0 (1.0 keeps the interval constant)"
        return None
    if key == "JitterStrategy" and value not in ("FULL", "NONE"):
        return f"JitterStrategy is {value!r}; use FULL or NONE"
    return None
