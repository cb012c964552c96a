from __future__ import annotations

from typing import TYPE_CHECKING

from asllint import Rule, Severity, Violation
from asllint.jsonpath import Call, JsonPath
from asllint.suggest import did_you_mean
from asllint_rules.spec.paths._expressions import expressions

if TYPE_CHECKING:
    from collections.abc import Iterator

    from asllint import StateMachine

#: The context object's fields (Step Functions Developer Guide, "Accessing execution data from
#: the Context object").  ``Execution.Input`` holds the user's input, whose members are free;
#: ``Map`` is checked one level down only (``Map.Item``), its item is user data too.
CONTEXT: dict[str, frozenset[str]] = {
    "Execution": frozenset({"Id", "Input", "Name", "RoleArn", "StartTime", "RedriveCount", "RedriveTime"}),
    "State": frozenset({"EnteredTime", "Name", "RetryCount"}),
    "StateMachine": frozenset({"Id", "Name"}),
    "Task": frozenset({"Token"}),
    "Map": frozenset({"Item"}),
}


class UnknownContextField(Rule):
    """## What it does
    Flags a context-object path (``$$.…``) whose first or second name is not a field of the
    context object: ``Execution`` (``Id``, ``Input``, ``Name``, ``RoleArn``, ``StartTime``,
    ``RedriveCount``, ``RedriveTime``), ``State`` (``EnteredTime``, ``Name``, ``RetryCount``),
    ``StateMachine`` (``Id``, ``Name``), ``Task`` (``Token``) and ``Map`` (``Item``).

    ## Why is this bad?
    The path selects nothing, so the state fails with ``States.Runtime`` when it runs; names
    are case-sensitive (``$$.Execution.id`` is a typo).

    ## Example
    ```json
    {"Type": "Pass", "Parameters": {"started.$": "$$.Execution.StartedTime"}, "End": true}
    ```

    Use instead:
    ```json
    {"Type": "Pass", "Parameters": {"started.$": "$$.Execution.StartTime"}, "End": true}
    ```

    ## References
    - AWS Step Functions Developer Guide: Accessing execution data from the Context object in Step Functions
    """

    id = "ASL310"
    name = "unknown-context-field"
    severity = Severity.WARNING
    source_url = "https://docs.aws.amazon.com/step-functions/latest/dg/input-output-contextobject.html"

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        for expression in expressions(machine):
            parsed = expression.parsed
            for path in (
                [parsed] if isinstance(parsed, JsonPath) else parsed.paths() if isinstance(parsed, Call) else []
            ):
                if path.root != "$$":
                    continue
                names = path.names
                if not names:
                    continue
                top = names[0]
                if top not in CONTEXT:
                    yield Violation(
                        expression.node,
                        f"$$.{top} is not a field of the context object{did_you_mean(top, CONTEXT)}",
                    )
                elif len(names) > 1 and names[1] not in CONTEXT[top]:
                    fields = CONTEXT[top]
                    yield Violation(
                        expression.node,
                        f"$$.{top}.{names[1]} is not a field of the context object"
                        f"{did_you_mean(names[1], fields) or '; it has ' + ', '.join(sorted(fields))}",
                    )
