from __future__ import annotations

from typing import TYPE_CHECKING

from asllint import Rule, Severity, Violation
from asllint.statemachine import QUERY_LANGUAGES
from asllint.suggest import did_you_mean

if TYPE_CHECKING:
    from collections.abc import Iterator

    from asllint import Node, State, StateMachine


def _in_distributed_map(state: State) -> bool:
    """Whether the state runs in a Distributed Map's child workflow (not judged: unsure)."""
    owner = state.scope.owner
    while owner is not None:
        config = owner.body.get("ItemProcessor")
        if owner.type == "Map" and isinstance(config, dict):
            processor = config.get("ProcessorConfig")
            if isinstance(processor, dict) and processor.get("Mode") == "DISTRIBUTED":
                return True
        owner = owner.scope.owner
    return False


class QueryLanguageValue(Rule):
    """## What it does
    Checks every ``QueryLanguage``, of the machine and of each state: it must be the string
    ``"JSONPath"`` or ``"JSONata"``, and a state may not choose ``JSONPath`` when the machine
    has chosen ``JSONata`` (the other way round is allowed: a JSONPath machine may have
    JSONata states).  The states of a Distributed Map's child workflow are not judged on that
    last point.

    ## Why is this bad?
    Step Functions rejects any other value, and rejects JSONPath states in a machine whose
    top-level ``QueryLanguage`` is ``JSONata``.

    ## Example
    ```json
    {"StartAt": "Greet", "QueryLanguage": "JSONata", "States": {
      "Greet": {"Type": "Pass", "QueryLanguage": "JSONPath", "End": true}}}
    ```

    Use instead:
    ```json
    {"StartAt": "Greet", "States": {
      "Greet": {"Type": "Pass", "QueryLanguage": "JSONPath", "End": true}}}
    ```

    ## References
    - AWS Step Functions Developer Guide: Transforming data with JSONata in Step Functions
    - AWS CDK API reference: ``aws_stepfunctions.QueryLanguage`` ("If JSONata is specified at
      the top level, JSONPath cannot be used in the state machine definition")
    """

    id = "ASL801"
    name = "query-language-value"
    severity = Severity.ERROR
    source_url = "https://docs.aws.amazon.com/step-functions/latest/dg/transforming-data.html"

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        top = machine.node.child("QueryLanguage")
        if top is not None:
            yield from self._value(top)
        for state in machine.states:
            node = state.field("QueryLanguage")
            if node is None:
                continue
            yield from self._value(node)
            if node.value == "JSONPath" and machine.query_language == "JSONata" and not _in_distributed_map(state):
                yield Violation(
                    node,
                    "a state cannot use JSONPath when the machine's QueryLanguage is JSONata; "
                    "write the state in JSONata, or drop the machine's QueryLanguage and set JSONata per state",
                )

    @staticmethod
    def _value(node: Node) -> Iterator[Violation]:
        value = node.value
        if value in QUERY_LANGUAGES:
            return
        if isinstance(value, str):
            if value.startswith("${") and value.endswith("}"):
                return  # a template placeholder
            hint = did_you_mean(value, QUERY_LANGUAGES)
            yield Violation(node, f"QueryLanguage {value!r} is not a query language; use 'JSONPath' or 'JSONata'{hint}")
        else:
            yield Violation(node, f"QueryLanguage must be the string 'JSONPath' or 'JSONata', not {value!r}")
