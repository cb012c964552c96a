from __future__ import annotations

from typing import TYPE_CHECKING

from asllint import Rule, Severity, Violation

if TYPE_CHECKING:
    from collections.abc import Iterator

    from asllint import StateMachine


#: (where in a Map state, the fields there that take a literal or a path, not both)
MAP_PAIRS = (
    ((), ("ToleratedFailurePercentage", "ToleratedFailureCount")),
    (("ItemBatcher",), ("MaxItemsPerBatch", "MaxInputBytesPerBatch")),
    (("ItemReader", "ReaderConfig"), ("MaxItems",)),
)


class ValueAndPathTogether(Rule):
    """## What it does
    Flags a field given both as a value and as a path: ``TimeoutSeconds`` and
    ``TimeoutSecondsPath``, ``HeartbeatSeconds`` and ``HeartbeatSecondsPath``, and the Map's
    tolerated-failure, item-batcher and item-reader limits.

    ## Why is this bad?
    Each value comes either from a literal or from a path, not both; Step Functions rejects
    the definition.  The same holds for the other literal/path pairs: a Map state's
    ``ToleratedFailurePercentage`` and ``ToleratedFailureCount`` (``MaxConcurrency``: ASL605), its
    ``ItemBatcher``'s ``MaxItemsPerBatch`` and ``MaxInputBytesPerBatch``, and its
    ``ItemReader.ReaderConfig``'s ``MaxItems``; the rule flags those pairs too.

    ## Example
    ```json
    {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:work",
     "TimeoutSeconds": 300, "TimeoutSecondsPath": "$.timeout", "End": true}
    ```

    Use instead:
    ```json
    {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:work",
     "TimeoutSecondsPath": "$.timeout", "End": true}
    ```

    ## References
    - Amazon States Language: Task State
    - AWS Step Functions Developer Guide: ItemBatcher (Map), ItemReader (Map)
    """

    id = "ASL703"
    name = "value-and-path-together"
    severity = Severity.ERROR
    source_url = "https://states-language.net/spec.html#task-state"

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        for state in machine.states:
            for field in ("TimeoutSeconds", "HeartbeatSeconds"):
                path = state.field(f"{field}Path")
                if path is not None and field in state.body:
                    yield Violation(path, f"a state takes {field} or {field}Path, not both; remove one", on_key=True)
            if state.type != "Map":
                continue
            for where, fields in MAP_PAIRS:
                owner = state.field(*where)
                body = owner.value if owner is not None else None
                if not isinstance(body, dict):
                    continue
                for field in fields:
                    if field in body and f"{field}Path" in body:
                        path = state.field(*where, f"{field}Path")
                        if path is not None:
                            owner_name = ".".join(where) if where else "a Map state"
                            yield Violation(
                                path,
                                f"{owner_name} takes {field} or {field}Path, not both; remove one",
                                on_key=True,
                            )
