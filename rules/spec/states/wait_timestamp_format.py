from __future__ import annotations

from typing import TYPE_CHECKING

from asllint import Rule, Severity, Violation
from asllint_rules.spec.states._util import RFC3339, is_unknown

if TYPE_CHECKING:
    from collections.abc import Iterator

    from asllint import StateMachine


class WaitTimestampFormat(Rule):
    """## What it does
    Flags a literal Wait ``Timestamp`` that is not an RFC 3339 date-time with an upper-case
    ``T`` between date and time and a time zone (``Z`` or an offset such as ``+02:00``).

    ## Why is this bad?
    Step Functions rejects the definition.  JSONata expressions and template placeholders are
    not judged.

    ## Example
    ```json
    {"Type": "Wait", "Timestamp": "2030-01-01 00:00:00", "End": true}
    ```

    Use instead:
    ```json
    {"Type": "Wait", "Timestamp": "2030-01-01T00:00:00Z", "End": true}
    ```

    ## References
    - Amazon States Language: Timestamps
    - Amazon States Language: Wait State
    """

    id = "ASL408"
    name = "wait-timestamp-format"
    severity = Severity.ERROR
    source_url = "https://states-language.net/spec.html#timestamps"

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        for state in machine.states:
            if state.type != "Wait":
                continue
            node = state.field("Timestamp")
            if node is None or is_unknown(node.value):
                continue
            if not isinstance(node.value, str) or not RFC3339.fullmatch(node.value):
                yield Violation(
                    node,
                    f"Timestamp {node.value!r} is not an RFC 3339 date-time; "
                    "write it like '2030-01-31T12:00:00Z' (upper-case T and Z)",
                )
