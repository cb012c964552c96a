from __future__ import annotations

from typing import TYPE_CHECKING

from asllint import Rule, Severity, Violation
from asllint.jsonata import JsonataSyntaxError
from asllint_rules.spec.jsonata.common import expressions, jsonata_states, source, tokens

if TYPE_CHECKING:
    from collections.abc import Iterator

    from asllint import StateMachine


class JsonataSyntax(Rule):
    """## What it does
    Parses every ``{% ... %}`` string of a JSONata state (``Arguments``, ``Output``,
    ``Assign``, ``Condition``, ``Items``, ``Seconds``, a Catcher's ``Output`` ...) as a JSONata
    2.0 expression and reports the first syntax error: an unbalanced bracket, a dangling
    operator, an unterminated string or comment, an unknown operator.  The message gives the
    offset inside the expression (0 is the first character after ``{%``) and JSONata's error
    code.  Expressions are never evaluated, and a template placeholder such as ``${Bucket}``
    counts as a name.

    ## Why is this bad?
    Step Functions rejects a definition whose JSONata expression does not parse
    (``SCHEMA_VALIDATION_FAILED``), or fails the execution with ``States.QueryEvaluationError``.

    ## Example
    ```json
    {"Type": "Pass", "QueryLanguage": "JSONata",
     "Output": {"total": "{% $sum($states.input.items.(price * quantity) %}"}, "End": true}
    ```

    Use instead:
    ```json
    {"Type": "Pass", "QueryLanguage": "JSONata",
     "Output": {"total": "{% $sum($states.input.items.(price * quantity)) %}"}, "End": true}
    ```

    ## References
    - AWS Step Functions Developer Guide: Transforming data with JSONata in Step Functions
    - JSONata 2.0 documentation: https://docs.jsonata.org/2.0.0/overview
    """

    id = "ASL804"
    name = "jsonata-syntax"
    severity = Severity.ERROR
    source_url = "https://docs.aws.amazon.com/step-functions/latest/dg/transforming-data.html"

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        for state in jsonata_states(machine):
            for node in expressions(state):
                found = tokens(machine, node.value)
                if not isinstance(found, JsonataSyntaxError):
                    continue
                text = source(node.value)
                near = text[found.offset : found.offset + 12].strip()
                where = f"near {near!r}" if near else "at the end"
                yield Violation(
                    node,
                    f"JSONata syntax error at offset {found.offset} of the text between {{% and %}} ({where}): "
                    f"{found.description} [{found.code}]; correct the expression",
                )
