from __future__ import annotations

from typing import TYPE_CHECKING

from asllint import Rule, Severity, Violation
from asllint_rules.spec.states._util import CHOICE_RULE_FIELDS, COMBINATORS, COMPARISONS, choice_rules, node

if TYPE_CHECKING:
    from collections.abc import Iterator

    from asllint import StateMachine


class ChoiceOperatorCount(Rule):
    """## What it does
    Flags a Choice Rule that does not test exactly one thing.  In a JSONPath state a rule is
    either a data test (``Variable`` and exactly one comparison operator such as
    ``StringEquals``) or a boolean rule (exactly one of ``And``, ``Or``, ``Not``, without
    ``Variable``).  In a JSONata state a rule tests a ``Condition``.

    ## Why is this bad?
    Step Functions rejects a rule with no operator, with two operators, with a comparison but
    no ``Variable``, or a JSONata rule without ``Condition``.

    ## Example
    ```json
    {"StartAt": "Route", "States": {
      "Route": {"Type": "Choice", "Choices": [
        {"Variable": "$.size", "NumericGreaterThan": 10, "NumericLessThan": 100, "Next": "Done"}],
        "Default": "Done"},
      "Done": {"Type": "Succeed"}}}
    ```

    Use instead:
    ```json
    {"StartAt": "Route", "States": {
      "Route": {"Type": "Choice", "Choices": [
        {"And": [{"Variable": "$.size", "NumericGreaterThan": 10},
                 {"Variable": "$.size", "NumericLessThan": 100}], "Next": "Done"}],
        "Default": "Done"},
      "Done": {"Type": "Succeed"}}}
    ```

    ## References
    - Amazon States Language: Choice Rules
    """

    id = "ASL403"
    name = "choice-operator-count"
    severity = Severity.ERROR
    source_url = "https://states-language.net/spec.html#choice-state"

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        for state in machine.states:
            if state.type != "Choice":
                continue
            jsonata = state.query_language == "JSONata"
            for rule, path, _top in choice_rules(state):
                if jsonata:
                    if "Condition" not in rule and not CHOICE_RULE_FIELDS.intersection(rule):  # else ASL802's
                        yield Violation(
                            node(state, path, rule), "a Choice Rule of a JSONata state needs a Condition expression"
                        )
                    continue
                operators = [k for k in rule if k in COMPARISONS or k in COMBINATORS]
                if not operators:
                    if "Condition" not in rule:  # else a JSONata field in a JSONPath state: another rule's finding
                        yield Violation(
                            node(state, path, rule),
                            "this Choice Rule has no comparison operator; add one (e.g. StringEquals) or And/Or/Not",
                        )
                    continue
                if len(operators) > 1:
                    yield Violation(
                        node(state, (*path, operators[1]), rule[operators[1]]),
                        f"this Choice Rule already tests {operators[0]}; a rule has exactly one operator, "
                        "so combine tests with And or Or",
                        on_key=True,
                    )
                    continue
                operator = operators[0]
                if operator in COMBINATORS and "Variable" in rule:
                    yield Violation(
                        node(state, (*path, "Variable"), rule["Variable"]),
                        f"a rule with {operator} has no Variable; move it into the nested rules",
                        on_key=True,
                    )
                elif operator in COMPARISONS and "Variable" not in rule:
                    yield Violation(
                        node(state, path, rule), f"this Choice Rule tests {operator} but has no Variable; add Variable"
                    )
