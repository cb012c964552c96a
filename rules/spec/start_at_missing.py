from __future__ import annotations

from typing import TYPE_CHECKING

from asllint import Rule, Severity, Violation

if TYPE_CHECKING:
    from collections.abc import Iterator

    from asllint import StateMachine


class StartAtMissing(Rule):
    """## What it does
    Flags a state machine, Parallel branch or Map processor without a ``StartAt`` string.

    ## Why is this bad?
    ``StartAt`` names the first state to run; without it Step Functions rejects the
    definition.

    ## Example
    ```json
    {"States": {"Done": {"Type": "Succeed"}}}
    ```

    Use instead:
    ```json
    {"StartAt": "Done", "States": {"Done": {"Type": "Succeed"}}}
    ```

    ## References
    - Amazon States Language: Top-level fields
    """

    id = "ASL103"
    name = "start-at-missing"
    severity = Severity.ERROR
    source_url = "https://states-language.net/spec.html#toplevelfields"

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        if not isinstance(machine.document.value, dict):
            return  # ASL101
        for scope in machine.scopes:
            start = scope.field("StartAt")
            if start is None:
                first = next(iter(scope.states), None)
                hint = f" (the first state is {first!r})" if first else ""
                yield Violation(
                    scope.node, f"{scope.description} has no StartAt; add StartAt naming its first state{hint}"
                )
            elif not isinstance(start.value, str):
                yield Violation(start, f"StartAt must be a state name (a string), not {start.value!r}")
