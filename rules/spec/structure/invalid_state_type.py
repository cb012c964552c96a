from __future__ import annotations

from asllint import Severity
from asllint_rules.spec.structure._schema import SchemaRule


class InvalidStateType(SchemaRule):
    """## What it does
    Flags a state without ``Type``, or whose ``Type`` is not one of ``Task``, ``Pass``,
    ``Choice``, ``Wait``, ``Succeed``, ``Fail``, ``Parallel`` and ``Map`` (names are
    case-sensitive; the message suggests the closest one).

    ## Why is this bad?
    The ``Type`` says what a state does and which fields it takes; Step Functions rejects a
    definition with a state of no known type.

    ## Example
    ```json
    {"Type": "Sucess"}
    ```

    Use instead:
    ```json
    {"Type": "Succeed"}
    ```

    ## References
    - Amazon States Language: State types
    """

    id = "ASL106"
    name = "invalid-state-type"
    severity = Severity.ERROR
    source_url = "https://states-language.net/spec.html#statetypes"
