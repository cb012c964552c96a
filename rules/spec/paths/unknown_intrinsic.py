from __future__ import annotations

from typing import TYPE_CHECKING

from asllint import Rule, Severity, Violation
from asllint.suggest import did_you_mean
from asllint_rules.spec.paths._expressions import INTRINSICS, calls

if TYPE_CHECKING:
    from collections.abc import Iterator

    from asllint import StateMachine


class UnknownIntrinsic(Rule):
    """## What it does
    Checks that every intrinsic call, nested ones included, names one of the 18 intrinsic
    functions: ``States.Format``, ``States.StringToJson``, ``States.JsonToString``,
    ``States.Array``, ``States.ArrayPartition``, ``States.ArrayContains``, ``States.ArrayRange``,
    ``States.ArrayGetItem``, ``States.ArrayLength``, ``States.ArrayUnique``,
    ``States.Base64Encode``, ``States.Base64Decode``, ``States.Hash``, ``States.JsonMerge``,
    ``States.MathRandom``, ``States.MathAdd``, ``States.StringSplit`` and ``States.UUID``.

    ## Why is this bad?
    Step Functions rejects the definition; names are case-sensitive.

    ## Example
    ```json
    {"Type": "Pass", "Parameters": {"id.$": "States.Uuid()"}, "End": true}
    ```

    Use instead:
    ```json
    {"Type": "Pass", "Parameters": {"id.$": "States.UUID()"}, "End": true}
    ```

    ## References
    - Amazon States Language: Intrinsic Functions
    - AWS Step Functions Developer Guide: Intrinsic functions for JSONPath in Step Functions
    """

    id = "ASL307"
    name = "unknown-intrinsic"
    severity = Severity.ERROR
    source_url = "https://states-language.net/spec.html#intrinsic-functions"

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        for expression, call in calls(machine):
            if call.name not in INTRINSICS:
                yield Violation(
                    expression.node,
                    f"{call.name} is not an intrinsic function{did_you_mean(call.name, INTRINSICS)}",
                )
