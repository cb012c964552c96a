from __future__ import annotations

from typing import TYPE_CHECKING

from asllint import Rule, Severity, Violation

if TYPE_CHECKING:
    from collections.abc import Iterator

    from asllint import StateMachine


class ChoicesEmpty(Rule):
    """## What it does
    Flags a Choice state whose ``Choices`` is missing, is not an array, or is empty.

    ## Why is this bad?
    A Choice state needs at least one Choice Rule; Step Functions rejects it otherwise.  To
    move on unconditionally, use a Pass state.

    ## Example
    ```json
    {"StartAt": "Route", "States": {
      "Route": {"Type": "Choice", "Choices": [], "Default": "Done"},
      "Done": {"Type": "Succeed"}}}
    ```

    Use instead:
    ```json
    {"StartAt": "Route", "States": {
      "Route": {"Type": "Choice", "Choices": [
        {"Variable": "$.ready", "BooleanEquals": true, "Next": "Done"}], "Default": "Wait"},
      "Wait": {"Type": "Wait", "Seconds": 5, "Next": "Done"},
      "Done": {"Type": "Succeed"}}}
    ```

    ## References
    - Amazon States Language: Choice State
    """

    id = "ASL401"
    name = "choices-empty"
    severity = Severity.ERROR
    source_url = "https://states-language.net/spec.html#choice-state"

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        for state in machine.states:
            if state.type != "Choice":
                continue
            choices = state.field("Choices")
            if choices is None:
                yield Violation(
                    state.node, f"Choice state {state.name!r} has no Choices; add an array of Choice Rules", on_key=True
                )
            elif not isinstance(choices.value, list):
                yield Violation(choices, "Choices must be an array of Choice Rules")
            elif not choices.value:
                yield Violation(choices, "Choices is empty; add at least one Choice Rule, or use a Pass state")
