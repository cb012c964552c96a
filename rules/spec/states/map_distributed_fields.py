from __future__ import annotations

from typing import TYPE_CHECKING

from asllint import Rule, Severity, Violation

if TYPE_CHECKING:
    from collections.abc import Iterator

    from asllint import StateMachine

#: the Map fields that only a Distributed Map takes
DISTRIBUTED_ONLY = (
    "ItemReader",
    "ItemBatcher",
    "ResultWriter",
    "ToleratedFailurePercentage",
    "ToleratedFailurePercentagePath",
    "ToleratedFailureCount",
    "ToleratedFailureCountPath",
    "Label",
)


class MapDistributedFields(Rule):
    """## What it does
    Flags ``ItemReader``, ``ItemBatcher``, ``ResultWriter``, ``ToleratedFailurePercentage``,
    ``ToleratedFailureCount`` (or their ``…Path`` forms) and ``Label`` on a Map state that does
    not run in Distributed mode (``"ProcessorConfig": {"Mode": "DISTRIBUTED"}`` in its
    ``ItemProcessor``).

    ## Why is this bad?
    An Inline Map (the default) iterates over a JSON array in its input only; these fields
    exist for the child workflow executions of a Distributed Map, and in an Inline Map they
    do not do what they say.  It is a warning, not an error: that Step Functions refuses the
    definition is not confirmed (one other validator accepts it).

    ## Example
    ```json
    {"Type": "Map", "ToleratedFailurePercentage": 5, "ItemProcessor": {
      "StartAt": "Each", "States": {"Each": {"Type": "Pass", "End": true}}}, "End": true}
    ```

    Use instead:
    ```json
    {"Type": "Map", "ToleratedFailurePercentage": 5, "ItemProcessor": {
      "ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS"},
      "StartAt": "Each", "States": {"Each": {"Type": "Pass", "End": true}}}, "End": true}
    ```

    ## References
    - AWS Step Functions Developer Guide: Using Map state in Distributed mode
    - Amazon States Language: Map State
    """

    id = "ASL603"
    name = "map-distributed-fields"
    severity = Severity.WARNING
    source_url = "https://docs.aws.amazon.com/step-functions/latest/dg/state-map-distributed.html"

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        for state in machine.states:
            if state.type != "Map":
                continue
            mode = state.field("ItemProcessor", "ProcessorConfig", "Mode")
            if mode is not None and mode.value != "INLINE":
                continue  # Distributed, or an unknown mode (ASL602)
            for field in DISTRIBUTED_ONLY:
                node = state.field(field)
                if node is not None:
                    yield Violation(
                        node,
                        f"{field} needs a Distributed Map; set ItemProcessor.ProcessorConfig.Mode "
                        f"to DISTRIBUTED, or remove {field}",
                        on_key=True,
                    )
