from __future__ import annotations

from asllint import Severity
from asllint_rules.spec.structure._schema import SchemaRule


class UnknownTopLevelField(SchemaRule):
    """## What it does
    Flags a field the Amazon States Language does not define at the top of a definition
    (``StartAt``, ``States``, ``Comment``, ``Version``, ``TimeoutSeconds``, ``QueryLanguage``), of a
    Parallel branch (``StartAt``, ``States``, ``Comment``, ``QueryLanguage``) or of a Map
    ``ItemProcessor`` (the same and ``ProcessorConfig``).

    ## Why is this bad?
    Step Functions rejects a definition with an unknown field.  Most often the field is
    misspelt (``Startat``) or belongs to a state (``Next``, ``End``), so what it was meant to do
    does not happen.

    ## Example
    ```json
    {"StartAt": "Done", "TimeoutSecond": 300,
     "States": {"Done": {"Type": "Succeed"}}}
    ```

    Use instead:
    ```json
    {"StartAt": "Done", "TimeoutSeconds": 300,
     "States": {"Done": {"Type": "Succeed"}}}
    ```

    ## References
    - Amazon States Language: Top-level fields
    - JSON Schema: asllint/schemas/asl/state-machine.json
    """

    id = "ASL105"
    name = "unknown-top-level-field"
    severity = Severity.ERROR
    source_url = "https://states-language.net/spec.html#toplevelfields"
