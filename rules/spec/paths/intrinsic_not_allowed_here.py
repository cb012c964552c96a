from __future__ import annotations

from typing import TYPE_CHECKING

from asllint import Rule, Severity, Violation
from asllint.jsonpath import Call
from asllint_rules.spec.paths._expressions import INTRINSIC_FIELDS, INTRINSICS, STRING_INTRINSICS, expressions

if TYPE_CHECKING:
    from collections.abc import Iterator

    from asllint import StateMachine


class IntrinsicNotAllowedHere(Rule):
    """## What it does
    Flags an intrinsic call in a field that takes only a path (``InputPath``, ``OutputPath``,
    ``ResultPath``, ``ItemsPath``, ``SecondsPath``, Choice ``Variable`` …), and a call that does
    not return a string in a Fail state's ``ErrorPath`` or ``CausePath`` — there only
    ``States.ArrayGetItem``, ``States.Base64Encode``, ``States.Base64Decode``,
    ``States.Format``, ``States.JsonToString``, ``States.Hash`` and ``States.UUID`` may stand.
    Payload templates (``Key.$`` members) take any intrinsic.

    ## Why is this bad?
    Step Functions rejects the definition.

    ## Example
    ```json
    {"Type": "Pass", "InputPath": "States.StringToJson($.body)", "End": true}
    ```

    Use instead:
    ```json
    {"Type": "Pass", "Parameters": {"body.$": "States.StringToJson($.body)"}, "End": true}
    ```

    ## References
    - Amazon States Language: Intrinsic Functions
    - Amazon States Language: Fail State
    """

    id = "ASL309"
    name = "intrinsic-not-allowed-here"
    severity = Severity.ERROR
    source_url = "https://states-language.net/spec.html#intrinsic-functions"

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        for expression in expressions(machine):
            call = expression.parsed
            if expression.kind != "field" or not isinstance(call, Call):
                continue
            name = expression.name
            if name not in INTRINSIC_FIELDS:
                yield Violation(
                    expression.node,
                    f"{name} takes a path, not an intrinsic call; compute the value in a payload template "
                    "(Parameters, ResultSelector or Assign) and refer to it with a path",
                )
            elif call.name in INTRINSICS and call.name not in STRING_INTRINSICS:
                yield Violation(
                    expression.node,
                    f"{name} takes a path or an intrinsic call that returns a string, and {call.name} does not; "
                    "wrap the value in States.Format('{}', …) or States.JsonToString(…)",
                )
