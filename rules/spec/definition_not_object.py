from __future__ import annotations

from typing import TYPE_CHECKING

from asllint import Rule, Severity, Violation

if TYPE_CHECKING:
    from collections.abc import Iterator

    from asllint import StateMachine

_JSON_TYPES = {
    dict: "an object",
    list: "an array",
    str: "a string",
    bool: "a boolean",
    int: "a number",
    float: "a number",
}


class DefinitionNotObject(Rule):
    """## What it does
    Flags a file whose top-level value is not an object (an array, a string, a number...).

    ## Why is this bad?
    A state machine definition is a JSON object with ``StartAt`` and ``States``; Step
    Functions rejects anything else.

    ## Example
    ```json
    [{"StartAt": "Done", "States": {"Done": {"Type": "Succeed"}}}]
    ```

    Use instead:
    ```json
    {"StartAt": "Done", "States": {"Done": {"Type": "Succeed"}}}
    ```

    ## References
    - Amazon States Language: Structure of a State Machine
    """

    id = "ASL101"
    name = "definition-not-object"
    severity = Severity.ERROR
    source_url = "https://states-language.net/spec.html#toplevelfields"

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        value = machine.document.value
        if isinstance(value, dict):
            return
        kind = _JSON_TYPES.get(type(value), "null")
        yield Violation(
            machine.document.root,
            f"the definition is {kind}; a state machine definition is an object with StartAt and States",
        )
