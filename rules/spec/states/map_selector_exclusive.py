from __future__ import annotations

from typing import TYPE_CHECKING

from asllint import Rule, Severity, Violation

if TYPE_CHECKING:
    from collections.abc import Iterator

    from asllint import StateMachine


class MapSelectorExclusive(Rule):
    """## What it does
    Flags a Map state with both ``ItemSelector`` and ``Parameters``, the legacy name of the
    same field.

    ## Why is this bad?
    Both shape the input of each iteration; Step Functions rejects a Map state with the two.

    ## Example
    ```json
    {"Type": "Map", "Parameters": {"id.$": "$$.Map.Item.Value"},
     "ItemSelector": {"id.$": "$$.Map.Item.Value"},
     "ItemProcessor": {"StartAt": "Each", "States": {"Each": {"Type": "Pass", "End": true}}}, "End": true}
    ```

    Use instead:
    ```json
    {"Type": "Map", "ItemSelector": {"id.$": "$$.Map.Item.Value"},
     "ItemProcessor": {"StartAt": "Each", "States": {"Each": {"Type": "Pass", "End": true}}}, "End": true}
    ```

    ## References
    - Amazon States Language: Map State
    - AWS Step Functions Developer Guide: ItemSelector (Map)
    """

    id = "ASL604"
    name = "map-selector-exclusive"
    severity = Severity.ERROR
    source_url = "https://states-language.net/spec.html#map-state"

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        for state in machine.states:
            if state.type != "Map" or "ItemSelector" not in state.body:
                continue
            legacy = state.field("Parameters")
            if legacy is not None:
                yield Violation(
                    legacy, "a Map state takes ItemSelector or its legacy name Parameters, not both", on_key=True
                )
