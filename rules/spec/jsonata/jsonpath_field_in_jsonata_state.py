from __future__ import annotations

from typing import TYPE_CHECKING

from asllint import Rule, Severity, Violation
from asllint_rules.spec.jsonata.common import jsonata_states
from asllint_rules.spec.states._util import CHOICE_RULE_FIELDS

if TYPE_CHECKING:
    from collections.abc import Iterator

    from asllint import Node, StateMachine

#: the JSONPath fields of a state and what a JSONata state has instead
_INSTEAD = {
    "InputPath": "Arguments (or Output) with a {% %} expression",
    "Parameters": "Arguments",
    "ResultSelector": "Output",
    "ResultPath": "Output (or Assign)",
    "OutputPath": "Output",
    "ItemsPath": "Items",
}


def jsonpath_field(key: str) -> bool:
    """Whether a member of a state object is a JSONPath-only field."""
    return key in _INSTEAD or (key.endswith("Path") and len(key) > len("Path"))


def _instead(field: str) -> str:
    if field in _INSTEAD:
        return _INSTEAD[field]
    return f"{field.removesuffix('Path')} with a {{% %}} expression"


class JsonpathFieldInJsonataState(Rule):
    """## What it does
    Flags a JSONPath field in a state whose query language is JSONata (its own
    ``QueryLanguage``, else the machine's): ``InputPath``, ``Parameters``, ``ResultSelector``,
    ``ResultPath``, ``OutputPath``, ``ItemsPath``, the ``...Path`` variants of other fields
    (``SecondsPath``, ``TimestampPath``, ``ErrorPath``, ``CausePath``, ``TimeoutSecondsPath``,
    ``HeartbeatSecondsPath``, ``MaxConcurrencyPath``, ...), a Catcher's ``ResultPath``, and a
    Choice rule written with ``Variable``, a comparison operator or ``And``/``Or``/``Not`` instead
    of ``Condition``.

    ## Why is this bad?
    A JSONata state has only ``Arguments`` and ``Output`` (and ``Assign``); Step Functions
    rejects the JSONPath fields in it (``SCHEMA_VALIDATION_FAILED``).

    ## Example
    ```json
    {"StartAt": "Greet", "QueryLanguage": "JSONata", "States": {
      "Greet": {"Type": "Pass", "Parameters": {"name.$": "$.name"}, "End": true}}}
    ```

    Use instead:
    ```json
    {"StartAt": "Greet", "QueryLanguage": "JSONata", "States": {
      "Greet": {"Type": "Pass", "Output": {"name": "{% $states.input.name %}"}, "End": true}}}
    ```

    ## References
    - AWS Step Functions Developer Guide: Transforming data with JSONata in Step Functions
    """

    id = "ASL802"
    name = "jsonpath-field-in-jsonata-state"
    severity = Severity.ERROR
    source_url = "https://docs.aws.amazon.com/step-functions/latest/dg/transforming-data.html"

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        for state in jsonata_states(machine):
            for key in state.body:
                if jsonpath_field(key):
                    yield self._violation(state.field(key), f"{key} is a JSONPath field", _instead(key))
            choices = state.body.get("Choices") if state.type == "Choice" else None
            for i, rule in enumerate(choices if isinstance(choices, list) else ()):
                for key in rule if isinstance(rule, dict) else ():
                    if key in CHOICE_RULE_FIELDS:
                        found = state.field("Choices", i, key)
                        yield self._violation(found, f"{key} is a field of JSONPath Choice rules", "Condition")
            catchers = state.field("Catch")
            for catcher in catchers.children() if catchers is not None else ():
                found = catcher.child("ResultPath")
                if found is not None:
                    yield self._violation(found, "a Catcher's ResultPath is a JSONPath field", "Output")

    @staticmethod
    def _violation(node: Node | None, what: str, instead: str) -> Violation:
        assert node is not None
        return Violation(node, f"{what}, not allowed in a JSONata state; use {instead}", on_key=True)
