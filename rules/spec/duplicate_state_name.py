from __future__ import annotations

from typing import TYPE_CHECKING

from asllint import Rule, Severity, Violation

if TYPE_CHECKING:
    from collections.abc import Iterator

    from asllint import State, StateMachine


class DuplicateStateName(Rule):
    """## What it does
    Flags a state whose name is already used by another state of the same machine, in
    another scope: a Parallel branch or Map processor reusing a name from outside, or two
    branches sharing one.

    ## Why is this bad?
    State names must be unique across the whole state machine, nested states included;
    Step Functions rejects the definition.

    ## Example
    ```json
    {"StartAt": "Fan out", "States": {
      "Fan out": {"Type": "Parallel", "Next": "Done", "Branches": [
        {"StartAt": "Done", "States": {"Done": {"Type": "Succeed"}}}]},
      "Done": {"Type": "Succeed"}}}
    ```

    Use instead:
    ```json
    {"StartAt": "Fan out", "States": {
      "Fan out": {"Type": "Parallel", "Next": "Done", "Branches": [
        {"StartAt": "Branch done", "States": {"Branch done": {"Type": "Succeed"}}}]},
      "Done": {"Type": "Succeed"}}}
    ```

    ## References
    - Amazon States Language: States
    """

    id = "ASL109"
    name = "duplicate-state-name"
    severity = Severity.ERROR
    source_url = "https://states-language.net/spec.html#states-fields"

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        first: dict[str, State] = {}
        for state in machine.states:
            earlier = first.setdefault(state.name, state)
            if earlier is state:
                continue
            yield Violation(
                state.node,
                f"the state name {state.name!r} is already used at {earlier.node.pointer}; "
                "state names must be unique in the whole state machine: rename one",
                on_key=True,
            )
