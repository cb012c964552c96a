from __future__ import annotations

from typing import TYPE_CHECKING

from asllint import Rule, Severity, Violation

if TYPE_CHECKING:
    from collections.abc import Iterator

    from asllint import StateMachine


class ChoiceWithoutDefault(Rule):
    """## What it does
    Notes a Choice state without ``Default``.

    ## Why is this bad?
    When no Choice Rule matches, the state fails the execution with
    ``States.NoChoiceMatched``.  That may be intended, but a ``Default`` (to a Fail state
    with a clear error, if need be) makes the behaviour explicit.

    ## Example
    ```json
    {"StartAt": "Route", "States": {
      "Route": {"Type": "Choice", "Choices": [
        {"Variable": "$.ready", "BooleanEquals": true, "Next": "Done"}]},
      "Done": {"Type": "Succeed"}}}
    ```

    Use instead:
    ```json
    {"StartAt": "Route", "States": {
      "Route": {"Type": "Choice", "Choices": [
        {"Variable": "$.ready", "BooleanEquals": true, "Next": "Done"}], "Default": "NotReady"},
      "NotReady": {"Type": "Fail", "Error": "NotReady"},
      "Done": {"Type": "Succeed"}}}
    ```

    ## References
    - Amazon States Language: Choice State
    """

    id = "ASL405"
    name = "choice-without-default"
    severity = Severity.INFO
    source_url = "https://states-language.net/spec.html#choice-state"

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        for state in machine.states:
            if state.type == "Choice" and "Default" not in state.body:
                yield Violation(
                    state.node,
                    f"Choice state {state.name!r} has no Default, so an input that matches no rule fails the "
                    "execution with States.NoChoiceMatched; add Default to handle it",
                    on_key=True,
                )
