from __future__ import annotations

from typing import TYPE_CHECKING

from asllint import Rule, Severity, Violation

if TYPE_CHECKING:
    from collections.abc import Iterator

    from asllint import StateMachine


class FailFieldExclusive(Rule):
    """## What it does
    Flags a Fail state with both ``Error`` and ``ErrorPath``, or both ``Cause`` and
    ``CausePath``.

    ## Why is this bad?
    The error name and the cause each come either from a literal or from a path, not both;
    Step Functions rejects the definition.

    ## Example
    ```json
    {"Type": "Fail", "Error": "JobFailed", "ErrorPath": "$.error"}
    ```

    Use instead:
    ```json
    {"Type": "Fail", "ErrorPath": "$.error"}
    ```

    ## References
    - Amazon States Language: Fail State
    """

    id = "ASL409"
    name = "fail-field-exclusive"
    severity = Severity.ERROR
    source_url = "https://states-language.net/spec.html#fail-state"

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        for state in machine.states:
            if state.type != "Fail":
                continue
            for field in ("Error", "Cause"):
                path = state.field(f"{field}Path")
                if field in state.body and path is not None:
                    yield Violation(
                        path, f"a Fail state takes {field} or {field}Path, not both; remove one", on_key=True
                    )
