from __future__ import annotations

from typing import TYPE_CHECKING

from asllint import Rule, Severity, Violation, is_jsonata
from asllint_rules.spec.jsonata.common import jsonata_states, own_nodes

if TYPE_CHECKING:
    from collections.abc import Iterator

    from asllint import StateMachine


def _partial(value: str) -> bool:
    """Whether ``value`` looks meant as an expression but is not wholly ``{% ... %}``."""
    if is_jsonata(value) or "{%" not in value:
        return False
    return value.lstrip().startswith("{%") or "%}" in value[value.index("{%") :]


class JsonataPartialExpression(Rule):
    """## What it does
    Flags a string of a JSONata state that holds ``{%`` ... ``%}`` but is not wholly one
    expression: text or spaces before ``{%`` or after ``%}``, a missing ``%}``, or an
    expression embedded in a longer string.

    ## Why is this bad?
    Step Functions evaluates a string only when it starts with ``{%`` and ends with ``%}``;
    anything else is kept as literal text, so the state passes on the expression's source
    instead of its value.  JSONata has no string interpolation: build the string inside one
    expression with ``&``.

    ## Example
    ```json
    {"Type": "Pass", "QueryLanguage": "JSONata",
     "Output": {"key": "runs/{% $states.context.Execution.Name %}/model.tar.gz"}, "End": true}
    ```

    Use instead:
    ```json
    {"Type": "Pass", "QueryLanguage": "JSONata",
     "Output": {"key": "{% 'runs/' & $states.context.Execution.Name & '/model.tar.gz' %}"}, "End": true}
    ```

    ## References
    - AWS Step Functions Developer Guide: Transforming data with JSONata in Step Functions
    """

    id = "ASL805"
    name = "jsonata-partial-expression"
    severity = Severity.WARNING
    source_url = "https://docs.aws.amazon.com/step-functions/latest/dg/transforming-data.html"

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        for state in jsonata_states(machine):
            for node in own_nodes(state):
                value = node.value
                if not isinstance(value, str) or not _partial(value):
                    continue
                if is_jsonata(value.strip()):
                    fix = "remove the spaces around {% %}"
                elif "%}" not in value:
                    fix = "close the expression with %}"
                else:
                    fix = "make the whole value one expression and join the text with &"
                yield Violation(
                    node,
                    f"this string holds {{% %}} but is not wholly one expression, so it stays literal text; {fix}",
                )
