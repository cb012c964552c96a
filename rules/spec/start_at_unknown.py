from __future__ import annotations

from typing import TYPE_CHECKING

from asllint import Rule, Severity, Violation
from asllint.suggest import did_you_mean

if TYPE_CHECKING:
    from collections.abc import Iterator

    from asllint import StateMachine


class StartAtUnknown(Rule):
    """## What it does
    Flags a ``StartAt`` that names no state of its own ``States`` object (the machine's,
    a Parallel branch's or a Map processor's).

    ## Why is this bad?
    Step Functions rejects the definition: there is no state to start with.

    ## Example
    ```json
    {"StartAt": "Start", "States": {"Done": {"Type": "Succeed"}}}
    ```

    Use instead:
    ```json
    {"StartAt": "Done", "States": {"Done": {"Type": "Succeed"}}}
    ```

    ## References
    - Amazon States Language: Top-level fields
    """

    id = "ASL104"
    name = "start-at-unknown"
    severity = Severity.ERROR
    source_url = "https://states-language.net/spec.html#toplevelfields"

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        for scope in machine.scopes:
            start = scope.start_at
            if start is None or start in scope.states or not scope.states:
                continue  # ASL103 / ASL102: no StartAt string, or no States to name
            node = scope.field("StartAt")
            assert node is not None
            yield Violation(
                node,
                f"StartAt names {start!r}, which is not a state in this States object{did_you_mean(start, scope.states)}",
            )
