from __future__ import annotations

from typing import TYPE_CHECKING

from asllint import Rule, Severity, Violation
from asllint_rules.spec.states._util import is_integer, is_unknown

if TYPE_CHECKING:
    from collections.abc import Iterator

    from asllint import StateMachine


class MapMaxconcurrency(Rule):
    """## What it does
    Flags a Map ``MaxConcurrency`` that is not an integer of at least 0, and a Map state with
    both ``MaxConcurrency`` and ``MaxConcurrencyPath``.

    ## Why is this bad?
    Step Functions rejects the definition.  ``0`` means no limit; JSONata expressions and
    template placeholders are not judged.

    ## Example
    ```json
    {"Type": "Map", "MaxConcurrency": -1,
     "ItemProcessor": {"StartAt": "Each", "States": {"Each": {"Type": "Pass", "End": true}}}, "End": true}
    ```

    Use instead:
    ```json
    {"Type": "Map", "MaxConcurrency": 10,
     "ItemProcessor": {"StartAt": "Each", "States": {"Each": {"Type": "Pass", "End": true}}}, "End": true}
    ```

    ## References
    - Amazon States Language: Map State
    """

    id = "ASL605"
    name = "map-maxconcurrency"
    severity = Severity.ERROR
    source_url = "https://states-language.net/spec.html#map-state"

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        for state in machine.states:
            if state.type != "Map":
                continue
            node = state.field("MaxConcurrency")
            if node is None:
                continue
            path = state.field("MaxConcurrencyPath")
            if path is not None:
                yield Violation(path, "a Map state takes MaxConcurrency or MaxConcurrencyPath, not both", on_key=True)
            value = node.value
            if not is_unknown(value) and (not is_integer(value) or value < 0):
                yield Violation(node, f"MaxConcurrency is {value!r}; use an integer of at least 0 (0 means no limit)")
