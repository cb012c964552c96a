from __future__ import annotations

import json
from typing import TYPE_CHECKING

from asllint import Rule, Severity, Violation

if TYPE_CHECKING:
    from collections.abc import Iterator

    from asllint import StateMachine

#: the members of a top-level Choice Rule that say what to do on a match, not when it matches
_ACTION = frozenset({"Next", "Comment", "Assign", "Output"})


class ChoiceRuleUnreachable(Rule):
    """## What it does
    Notes a Choice Rule whose condition is the same as that of an earlier rule of the same
    Choice state.

    ## Why is this bad?
    Rules are tried in order and the first match wins, so the later copy never matches; it is
    dead code, or a copy-paste slip where another condition was meant.

    ## Example
    ```json
    {"StartAt": "Route", "States": {
      "Route": {"Type": "Choice", "Choices": [
        {"Variable": "$.size", "NumericGreaterThan": 100, "Next": "Big"},
        {"Variable": "$.size", "NumericGreaterThan": 100, "Next": "Small"}], "Default": "Small"},
      "Big": {"Type": "Succeed"},
      "Small": {"Type": "Succeed"}}}
    ```

    Use instead:
    ```json
    {"StartAt": "Route", "States": {
      "Route": {"Type": "Choice", "Choices": [
        {"Variable": "$.size", "NumericGreaterThan": 100, "Next": "Big"},
        {"Variable": "$.size", "NumericLessThan": 10, "Next": "Small"}], "Default": "Big"},
      "Big": {"Type": "Succeed"},
      "Small": {"Type": "Succeed"}}}
    ```

    ## References
    - Amazon States Language: Choice State
    """

    id = "ASL406"
    name = "choice-rule-unreachable"
    severity = Severity.INFO
    source_url = "https://states-language.net/spec.html#choice-state"

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        for state in machine.states:
            choices = state.field("Choices")
            if state.type != "Choice" or choices is None or not isinstance(choices.value, list):
                continue
            seen: dict[str, int] = {}
            for rule in choices.children():
                if not isinstance(rule.value, dict):
                    continue
                condition = {k: v for k, v in rule.value.items() if k not in _ACTION}
                if not condition:
                    continue
                key = json.dumps(condition, sort_keys=True)
                if key in seen:
                    yield Violation(
                        rule,
                        f"this rule tests the same condition as Choices[{seen[key]}], which matches first, "
                        "so it never matches; change its condition or remove it",
                    )
                else:
                    assert isinstance(rule.key, int)
                    seen[key] = rule.key
