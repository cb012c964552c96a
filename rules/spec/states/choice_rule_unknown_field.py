from __future__ import annotations

from typing import TYPE_CHECKING

from asllint import Rule, Severity, Violation
from asllint.suggest import did_you_mean
from asllint_rules.spec.states._util import COMBINATORS, COMPARISONS, choice_rules, node

if TYPE_CHECKING:
    from collections.abc import Iterator

    from asllint import StateMachine

#: fields of any Choice Rule; ``Condition`` and ``Variable`` belong to one query language each,
#: which ASL802 and ASL803 judge
_ANY = frozenset({"Variable", "Comment", "Condition", *COMPARISONS, *COMBINATORS})
#: fields of a top-level Choice Rule only (a nested ``Next`` is ASL402's finding)
_TOP = frozenset({"Next", "Assign", "Output"})


class ChoiceRuleUnknownField(Rule):
    """## What it does
    Flags a field of a Choice Rule, at any depth, that is neither ``Variable``, a comparison
    operator (``StringEquals``, ``NumericGreaterThanPath``, ``IsPresent`` ...), ``And``,
    ``Or``, ``Not``, ``Condition`` nor ``Comment``; a top-level rule also takes ``Next``,
    ``Assign`` and ``Output``.  A misspelt operator gets the closest name.

    ## Why is this bad?
    Step Functions rejects the definition ("Field is not supported").  A misspelt operator
    also leaves the rule with nothing to test.

    ## Example
    ```json
    {"StartAt": "Route", "States": {
      "Route": {"Type": "Choice", "Choices": [
        {"Variable": "$.status", "StringEqual": "DONE", "Next": "Done"}],
        "Default": "Done"},
      "Done": {"Type": "Succeed"}}}
    ```

    Use instead:
    ```json
    {"StartAt": "Route", "States": {
      "Route": {"Type": "Choice", "Choices": [
        {"Variable": "$.status", "StringEquals": "DONE", "Next": "Done"}],
        "Default": "Done"},
      "Done": {"Type": "Succeed"}}}
    ```

    ## References
    - Amazon States Language: Choice Rules
    """

    id = "ASL410"
    name = "choice-rule-unknown-field"
    severity = Severity.ERROR
    source_url = "https://states-language.net/spec.html#choice-state"

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        for state in machine.states:
            if state.type != "Choice":
                continue
            for rule, path, top in choice_rules(state):
                for key, value in rule.items():
                    if key in _ANY or (key in _TOP and (top or key == "Next")):
                        continue
                    where = "a Choice Rule" if top else "a nested Choice Rule"
                    allowed = _ANY | _TOP if top else _ANY
                    hint = did_you_mean(key, allowed) or (
                        "; it takes Variable and one comparison operator, or And, Or, Not, or Condition"
                    )
                    yield Violation(
                        node(state, (*path, key), value), f"{key!r} is not a field of {where}{hint}", on_key=True
                    )
