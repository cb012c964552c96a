from __future__ import annotations

from typing import TYPE_CHECKING

from asllint import Rule, Severity, Violation

if TYPE_CHECKING:
    from collections.abc import Iterator

    from asllint import StateMachine


class StatesMissing(Rule):
    """## What it does
    Flags a state machine, Parallel branch or Map ``ItemProcessor``/``Iterator`` without a
    ``States`` object, or with an empty one.

    ## Why is this bad?
    ``States`` is required and must hold at least one state; Step Functions rejects the
    definition.

    ## Example
    ```json
    {"StartAt": "Done", "States": {}}
    ```

    Use instead:
    ```json
    {"StartAt": "Done", "States": {"Done": {"Type": "Succeed"}}}
    ```

    ## References
    - Amazon States Language: Top-level fields
    """

    id = "ASL102"
    name = "states-missing"
    severity = Severity.ERROR
    source_url = "https://states-language.net/spec.html#toplevelfields"

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        if not isinstance(machine.document.value, dict):
            return  # ASL101
        for scope in machine.scopes:
            where = scope.description
            states = scope.field("States")
            if states is None:
                yield Violation(scope.node, f"{where} has no States; add a States object with at least one state")
            elif not isinstance(states.value, dict):
                yield Violation(states, f"States must be an object of named states, not {type(states.value).__name__}")
            elif not states.value:
                yield Violation(states, f"States of {where} is empty; add at least one state")
