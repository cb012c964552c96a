from __future__ import annotations

from typing import TYPE_CHECKING

from asllint import Rule, Severity, Violation
from asllint_rules.spec.states._util import choice_rules, node

if TYPE_CHECKING:
    from collections.abc import Iterator

    from asllint import StateMachine


class ChoiceRuleNext(Rule):
    """## What it does
    Flags a top-level Choice Rule without ``Next``, and a rule nested in ``And``, ``Or`` or
    ``Not`` that has one.

    ## Why is this bad?
    Each rule in ``Choices`` must name the state to go to when it matches; a nested rule is
    only part of a condition and cannot transition.  Step Functions rejects both.

    ## Example
    ```json
    {"StartAt": "Route", "States": {
      "Route": {"Type": "Choice", "Choices": [
        {"Not": {"Variable": "$.ready", "BooleanEquals": true, "Next": "Done"}}], "Default": "Done"},
      "Done": {"Type": "Succeed"}}}
    ```

    Use instead:
    ```json
    {"StartAt": "Route", "States": {
      "Route": {"Type": "Choice", "Choices": [
        {"Not": {"Variable": "$.ready", "BooleanEquals": true}, "Next": "Done"}], "Default": "Done"},
      "Done": {"Type": "Succeed"}}}
    ```

    ## References
    - Amazon States Language: Choice Rules
    """

    id = "ASL402"
    name = "choice-rule-next"
    severity = Severity.ERROR
    source_url = "https://states-language.net/spec.html#choice-state"

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        for state in machine.states:
            if state.type != "Choice":
                continue
            for rule, path, top in choice_rules(state):
                has_next = "Next" in rule
                if top and not has_next:
                    yield Violation(
                        node(state, path, rule),
                        "this Choice Rule has no Next; add Next naming the state to go to on a match",
                    )
                elif not top and has_next:
                    yield Violation(
                        node(state, (*path, "Next"), rule["Next"]),
                        "a rule nested in And, Or or Not cannot have Next; move Next to the top-level rule",
                        on_key=True,
                    )
