from __future__ import annotations

from typing import TYPE_CHECKING

from asllint import Rule, Severity, Violation
from asllint.suggest import did_you_mean
from asllint_rules.spec.states._util import handlers, node

if TYPE_CHECKING:
    from collections.abc import Iterator

    from asllint import StateMachine

#: the error names Step Functions itself raises (the ``States.`` prefix is reserved for them)
PREDEFINED = frozenset(
    f"States.{name}"
    for name in (
        "ALL",
        "HeartbeatTimeout",
        "Timeout",
        "TaskFailed",
        "Permissions",
        "ResultPathMatchFailure",
        "ParameterPathFailure",
        "QueryEvaluationError",
        "BranchFailed",
        "NoChoiceMatched",
        "IntrinsicFailure",
        "ExceedToleratedFailureThreshold",
        "ItemReaderFailed",
        "ResultWriterFailed",
        "Runtime",
        "DataLimitExceeded",
        "Http.Socket",
    )
)


class UnknownStatesError(Rule):
    """## What it does
    Flags a name in ``ErrorEquals`` that starts with ``States.`` but is not one of the errors
    Step Functions defines, such as ``States.Timeout`` or ``States.TaskFailed``, and that no
    Fail state of the machine raises.

    ## Why is this bad?
    The ``States.`` prefix is reserved for the predefined errors; a misspelt one
    (``States.TimeOut``) never matches, so the Retrier or Catcher silently does nothing.

    ## Example
    ```json
    {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:work",
     "Retry": [{"ErrorEquals": ["States.TimeOut"]}], "End": true}
    ```

    Use instead:
    ```json
    {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:work",
     "Retry": [{"ErrorEquals": ["States.Timeout"]}], "End": true}
    ```

    ## References
    - Amazon States Language: Error Names
    - AWS Step Functions Developer Guide: Handling errors in Step Functions workflows
    """

    id = "ASL505"
    name = "unknown-states-error"
    severity = Severity.WARNING
    source_url = "https://states-language.net/spec.html#error-names"

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        # a Fail state may raise a States.-prefixed name of its own; a Catcher may then name it
        known = PREDEFINED | {
            e for s in machine.states if s.type == "Fail" and isinstance(e := s.body.get("Error"), str)
        }
        for state in machine.states:
            for _group, _i, item, path in handlers(state):
                names = item.get("ErrorEquals")
                if not isinstance(names, list):
                    continue
                for i, value in enumerate(names):
                    if isinstance(value, str) and value.startswith("States.") and value not in known:
                        hint = did_you_mean(value, sorted(PREDEFINED)) or (
                            "; use a predefined name, or drop the reserved States. prefix from your own errors"
                        )
                        yield Violation(
                            node(state, (*path, "ErrorEquals", i), value),
                            f"{value!r} is not a predefined error, so it never matches{hint}",
                        )
