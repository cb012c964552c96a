from __future__ import annotations

from typing import TYPE_CHECKING

from asllint import Rule, Severity, Violation
from asllint_rules.spec.paths._expressions import expressions

if TYPE_CHECKING:
    from collections.abc import Iterator

    from asllint import StateMachine


class DollarKeyValueInvalid(Rule):
    """## What it does
    Checks that the string value of a ``Key.$`` payload-template member is a path (``$…``,
    ``$$…``, ``$name…``) or a well-formed intrinsic call (``States.Name(arguments)``).  A value
    that starts with ``$`` but does not parse is reported by ASL301 (invalid-path).

    ## Why is this bad?
    Step Functions evaluates the value of every ``.$`` member and rejects the definition when
    it is neither a path nor an intrinsic call.

    ## Example
    ```json
    {"Type": "Pass", "Parameters": {"id.$": "States.UUID("}, "End": true}
    ```

    Use instead:
    ```json
    {"Type": "Pass", "Parameters": {"id.$": "States.UUID()"}, "End": true}
    ```

    ## References
    - Amazon States Language: Payload Template
    - Amazon States Language: Intrinsic Functions
    """

    id = "ASL304"
    name = "dollar-key-value-invalid"
    severity = Severity.ERROR
    source_url = "https://states-language.net/spec.html#payload-template"

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        for expression in expressions(machine):
            error = expression.error
            if error is None or expression.kind != "template":
                continue
            text = expression.text
            if text.startswith("$"):
                continue  # ASL301
            key = expression.name
            if text.startswith("States."):
                message = f"{key} holds {text!r}, not a valid intrinsic call: {error.message}"
            elif text != text.lstrip():
                message = f"{key} holds {text!r}; remove the white space before the path or intrinsic call"
            else:
                message = (
                    f"{key} holds {text!r}, which is neither a path nor an intrinsic call; "
                    f"drop the .$ suffix ({key[:-2]!r}) for a literal string"
                )
            yield Violation(expression.node, message)
