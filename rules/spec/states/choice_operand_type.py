from __future__ import annotations

from typing import TYPE_CHECKING, Any

from asllint import Rule, Severity, Violation
from asllint_rules.spec.states._util import COMPARISONS, RFC3339, choice_rules, is_number, is_unknown, node

if TYPE_CHECKING:
    from collections.abc import Iterator

    from asllint import StateMachine


def _problem(operator: str, value: Any) -> str | None:
    """What is wrong with the operand ``value`` of ``operator``, or ``None``."""
    if is_unknown(value):
        return None
    if operator.endswith("Path"):
        return None if isinstance(value, str) else f"{operator} takes a path string, not {value!r}"
    if operator.startswith("Is"):
        return None if isinstance(value, bool) else f"{operator} takes true or false, not {value!r}"
    if operator.startswith("String"):
        return None if isinstance(value, str) else f"{operator} compares strings; write {value!r} as a string"
    if operator.startswith("Numeric"):
        return None if is_number(value) else f"{operator} compares numbers; write {value!r} as a JSON number"
    if operator.startswith("Boolean"):
        return None if isinstance(value, bool) else f"{operator} takes true or false, not {value!r}"
    if operator.startswith("Timestamp"):
        if isinstance(value, str) and RFC3339.fullmatch(value):
            return None
        return (
            f"{operator} takes an RFC 3339 timestamp such as '2024-01-31T12:00:00Z' (upper-case T and Z), not {value!r}"
        )
    return None


class ChoiceOperandType(Rule):
    """## What it does
    Flags a Choice Rule operand of the wrong type: ``String…`` and ``StringMatches`` take a
    string, ``Numeric…`` a number, ``BooleanEquals`` and the ``Is…`` tests ``true`` or
    ``false``, ``Timestamp…`` an RFC 3339 timestamp string, every ``…Path`` operator a path
    string; ``And`` and ``Or`` take a non-empty array of rules and ``Not`` one rule.

    ## Why is this bad?
    Step Functions rejects the definition; a quoted number such as ``"10"`` after
    ``NumericEquals`` is a common slip.

    ## Example
    ```json
    {"StartAt": "Route", "States": {
      "Route": {"Type": "Choice", "Choices": [
        {"Variable": "$.count", "NumericEquals": "10", "Next": "Done"}], "Default": "Done"},
      "Done": {"Type": "Succeed"}}}
    ```

    Use instead:
    ```json
    {"StartAt": "Route", "States": {
      "Route": {"Type": "Choice", "Choices": [
        {"Variable": "$.count", "NumericEquals": 10, "Next": "Done"}], "Default": "Done"},
      "Done": {"Type": "Succeed"}}}
    ```

    ## References
    - Amazon States Language: Choice Rules
    - Amazon States Language: Timestamps
    """

    id = "ASL404"
    name = "choice-operand-type"
    severity = Severity.ERROR
    source_url = "https://states-language.net/spec.html#choice-state"

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        for state in machine.states:
            if state.type != "Choice" or state.query_language == "JSONata":
                continue
            for rule, path, _top in choice_rules(state):
                for key, value in rule.items():
                    for where, bad, problem in _operand(key, value):
                        yield Violation(node(state, (*path, key, *where), bad), problem)


def _operand(key: str, value: Any) -> Iterator[tuple[tuple[int, ...], Any, str]]:
    """``(where below the member, the value there, problem)`` of what is wrong with one member of a Choice Rule."""
    if key in ("And", "Or"):
        if not isinstance(value, list) or not value:
            yield (), value, f"{key} takes a non-empty array of Choice Rules"
        else:
            for i, item in enumerate(value):
                if not isinstance(item, dict):
                    yield (i,), item, f"each item of {key} must be a Choice Rule object"
    elif key == "Not":
        if not isinstance(value, dict):
            yield (), value, "Not takes one Choice Rule object"
    elif key == "Variable":
        if not isinstance(value, str):
            yield (), value, f"Variable must be a path string such as '$.status', not {value!r}"
    elif key in COMPARISONS:
        problem = _problem(key, value)
        if problem:
            yield (), value, problem
