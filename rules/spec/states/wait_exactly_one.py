from __future__ import annotations

from typing import TYPE_CHECKING

from asllint import Rule, Severity, Violation

if TYPE_CHECKING:
    from collections.abc import Iterator

    from asllint import StateMachine

WAIT_FIELDS = ("Seconds", "SecondsPath", "Timestamp", "TimestampPath")


class WaitExactlyOne(Rule):
    """## What it does
    Flags a Wait state without exactly one of ``Seconds``, ``SecondsPath``, ``Timestamp`` and
    ``TimestampPath``.

    ## Why is this bad?
    The Wait state needs one, and only one, way to know how long to wait; Step Functions
    rejects none or several.

    ## Example
    ```json
    {"Type": "Wait", "Seconds": 10, "Timestamp": "2030-01-01T00:00:00Z", "End": true}
    ```

    Use instead:
    ```json
    {"Type": "Wait", "Seconds": 10, "End": true}
    ```

    ## References
    - Amazon States Language: Wait State
    """

    id = "ASL407"
    name = "wait-exactly-one"
    severity = Severity.ERROR
    source_url = "https://states-language.net/spec.html#wait-state"

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        for state in machine.states:
            if state.type != "Wait":
                continue
            present = [f for f in WAIT_FIELDS if f in state.body]
            if not present:
                yield Violation(
                    state.node,
                    f"Wait state {state.name!r} does not say how long to wait; "
                    "add Seconds, SecondsPath, Timestamp or TimestampPath",
                    on_key=True,
                )
            for extra in present[1:]:
                node = state.field(extra)
                assert node is not None
                yield Violation(
                    node,
                    f"a Wait state takes only one of {', '.join(WAIT_FIELDS)}; {present[0]} is already set",
                    on_key=True,
                )
