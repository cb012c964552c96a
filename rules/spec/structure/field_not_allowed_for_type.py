from __future__ import annotations

from asllint import Severity
from asllint_rules.spec.structure._schema import SchemaRule


class FieldNotAllowedForType(SchemaRule):
    """## What it does
    Flags a field that the state's ``Type`` does not take (``Resource`` on a Pass state,
    ``Retry`` on a Wait state, ``Result`` on a Task state, ``InputPath`` on a Fail state ...),
    and a field that is not part of a Retrier or a Catcher.  Misspelt names get a suggestion.
    ``Next`` and ``End`` on Choice, Succeed and Fail states are left to ASL112, and fields of
    the other query language to ASL802 and ASL803.

    ## Why is this bad?
    Step Functions rejects a definition with a field its state type does not define; a
    misspelt field (``Retries``, ``ResultsPath``) would otherwise silently do nothing.

    ## Example
    ```json
    {"Type": "Wait", "Seconds": 10, "Retry": [{"ErrorEquals": ["States.ALL"]}], "End": true}
    ```

    Use instead:
    ```json
    {"Type": "Wait", "Seconds": 10, "End": true}
    ```

    ## References
    - Amazon States Language: State types
    - Step Functions Developer Guide: Task, Pass, Choice, Wait, Succeed, Fail, Parallel and Map workflow states
    - JSON Schema: asllint/schemas/asl/state-machine.json
    """

    id = "ASL107"
    name = "field-not-allowed-for-type"
    severity = Severity.ERROR
    source_url = "https://docs.aws.amazon.com/step-functions/latest/dg/statemachine-structure.html"
