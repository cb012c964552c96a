from __future__ import annotations

from typing import TYPE_CHECKING

from asllint import Rule, Severity, Violation

if TYPE_CHECKING:
    from collections.abc import Iterator

    from asllint import StateMachine

#: the JSONata fields of a state and the JSONPath ones a JSONPath state has instead
_INSTEAD = {
    "Arguments": "Parameters",
    "Output": "ResultSelector, ResultPath or OutputPath",
    "Items": "ItemsPath",
}


class JsonataFieldInJsonpathState(Rule):
    """## What it does
    Flags a JSONata field in a state whose query language is JSONPath (the default):
    ``Arguments``, ``Output``, a Map's ``Items``, a Catcher's ``Output`` and a Choice rule's
    ``Condition``.

    ## Why is this bad?
    Step Functions rejects these fields in a JSONPath state (``SCHEMA_VALIDATION_FAILED``).
    Usually ``"QueryLanguage": "JSONata"`` was forgotten, or put in the wrong place.

    ## Example
    ```json
    {"StartAt": "Greet", "States": {
      "Greet": {"Type": "Pass", "Output": {"name": "{% $states.input.name %}"}, "End": true}}}
    ```

    Use instead:
    ```json
    {"StartAt": "Greet", "QueryLanguage": "JSONata", "States": {
      "Greet": {"Type": "Pass", "Output": {"name": "{% $states.input.name %}"}, "End": true}}}
    ```

    ## References
    - AWS Step Functions Developer Guide: Transforming data with JSONata in Step Functions
    """

    id = "ASL803"
    name = "jsonata-field-in-jsonpath-state"
    severity = Severity.ERROR
    source_url = "https://docs.aws.amazon.com/step-functions/latest/dg/transforming-data.html"

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        fix = 'set "QueryLanguage": "JSONata" on the state or the machine, or use'
        for state in machine.states:
            if state.query_language != "JSONPath":
                continue
            for key, instead in _INSTEAD.items():
                if key in state.body and (key != "Items" or state.type == "Map"):
                    node = state.field(key)
                    assert node is not None
                    message = f"{key} is a JSONata field, not allowed in a JSONPath state; {fix} {instead}"
                    yield Violation(node, message, on_key=True)
            catchers = state.field("Catch")
            for catcher in catchers.children() if catchers is not None else ():
                found = catcher.child("Output")
                if found is not None:
                    message = (
                        f"a Catcher's Output is a JSONata field, not allowed in a JSONPath state; {fix} ResultPath"
                    )
                    yield Violation(found, message, on_key=True)
            rules = state.field("Choices") if state.type == "Choice" else None
            for rule in rules.children() if rules is not None else ():
                found = rule.child("Condition")
                if found is not None:
                    message = (
                        f"a Choice rule's Condition is JSONata, not allowed in a JSONPath state; "
                        f"{fix} Variable with a comparison operator"
                    )
                    yield Violation(found, message, on_key=True)
