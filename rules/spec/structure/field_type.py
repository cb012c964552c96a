from __future__ import annotations

from asllint import Severity
from asllint_rules.spec.structure._schema import SchemaRule


class FieldType(SchemaRule):
    """## What it does
    Flags a field whose value has the wrong JSON type: ``End`` is ``true`` or ``false``,
    ``Comment``, ``Next``, ``Default``, ``Resource`` and the ``…Path`` fields are strings,
    ``Seconds`` an integer, ``Retry`` and ``Catch`` arrays of objects, ``ResultSelector``,
    ``ItemSelector`` and ``Assign`` objects, and so on.  In JSONata states ``Seconds``,
    ``Items``, ``Arguments`` and the Map tolerances may be ``{% %}`` expressions; a string
    holding a ``${Placeholder}`` and a CloudFormation function object (``{"Ref": …}``,
    ``{"Fn::Sub": …}``) stand for any value.  Values that other rules check (timeouts,
    ``MaxConcurrency``, Retrier fields, ``Choices``, ``Branches``) are left to them.

    ## Why is this bad?
    Step Functions rejects the definition; a quoted boolean (``"End": "true"``) or number
    (``"Seconds": "10"``) is the usual slip.

    ## Example
    ```json
    {"Type": "Wait", "Seconds": "10", "End": "true"}
    ```

    Use instead:
    ```json
    {"Type": "Wait", "Seconds": 10, "End": true}
    ```

    ## References
    - Amazon States Language: State types
    - JSON Schema: asllint/schemas/asl/state-machine.json
    """

    id = "ASL113"
    name = "field-type"
    severity = Severity.ERROR
    source_url = "https://states-language.net/spec.html#statetypes"
