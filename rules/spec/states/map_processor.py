from __future__ import annotations

from typing import TYPE_CHECKING

from asllint import Rule, Severity, Violation
from asllint_rules.spec.states._util import is_unknown

if TYPE_CHECKING:
    from collections.abc import Iterator

    from asllint import StateMachine


class MapProcessor(Rule):
    """## What it does
    Flags a Map state without exactly one of ``ItemProcessor`` and its legacy name
    ``Iterator``, or whose ``ItemProcessor.ProcessorConfig.Mode`` is not ``INLINE`` or
    ``DISTRIBUTED``.

    ## Why is this bad?
    The processor holds the states run for each item; Step Functions rejects a Map state
    without one, with both names, or with an unknown mode.

    ## Example
    ```json
    {"Type": "Map", "ItemProcessor": {
      "ProcessorConfig": {"Mode": "Inline"},
      "StartAt": "Each", "States": {"Each": {"Type": "Pass", "End": true}}}, "End": true}
    ```

    Use instead:
    ```json
    {"Type": "Map", "ItemProcessor": {
      "ProcessorConfig": {"Mode": "INLINE"},
      "StartAt": "Each", "States": {"Each": {"Type": "Pass", "End": true}}}, "End": true}
    ```

    ## References
    - Amazon States Language: Map State
    - AWS Step Functions Developer Guide: Map state
    """

    id = "ASL602"
    name = "map-processor"
    severity = Severity.ERROR
    source_url = "https://states-language.net/spec.html#map-state"

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        for state in machine.states:
            if state.type != "Map":
                continue
            processor = state.field("ItemProcessor")
            legacy = state.field("Iterator")
            if processor is None and legacy is None:
                yield Violation(
                    state.node,
                    f"Map state {state.name!r} has no ItemProcessor; add one with StartAt and States",
                    on_key=True,
                )
            elif processor is not None and legacy is not None:
                yield Violation(
                    legacy, "a Map state takes ItemProcessor or its legacy name Iterator, not both", on_key=True
                )
            for node in (processor, legacy):
                if node is not None and not isinstance(node.value, dict):
                    yield Violation(node, f"{node.key} must be an object with StartAt and States")
            mode = state.field("ItemProcessor", "ProcessorConfig", "Mode")
            if mode is not None and not is_unknown(mode.value) and mode.value not in ("INLINE", "DISTRIBUTED"):
                yield Violation(mode, f"ProcessorConfig Mode is {mode.value!r}; use INLINE or DISTRIBUTED")
