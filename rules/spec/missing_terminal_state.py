from __future__ import annotations

from typing import TYPE_CHECKING

from asllint import Rule, Severity, Violation

if TYPE_CHECKING:
    from collections.abc import Iterator

    from asllint import StateMachine


class MissingTerminalState(Rule):
    """## What it does
    Flags a state machine, Parallel branch or Map processor in which no state can end the
    execution: no ``Succeed`` or ``Fail`` state and no state with ``"End": true``.

    ## Why is this bad?
    Every scope needs a way to finish; Step Functions rejects a definition without a
    terminal state.

    ## Example
    ```json
    {"StartAt": "Poll", "States": {
      "Poll": {"Type": "Wait", "Seconds": 60, "Next": "Check"},
      "Check": {"Type": "Pass", "Next": "Poll"}}}
    ```

    Use instead:
    ```json
    {"StartAt": "Poll", "States": {
      "Poll": {"Type": "Wait", "Seconds": 60, "Next": "Check"},
      "Check": {"Type": "Pass", "End": true}}}
    ```

    ## References
    - Amazon States Language: Transitions
    """

    id = "ASL204"
    name = "missing-terminal-state"
    severity = Severity.ERROR
    source_url = "https://states-language.net/spec.html#transition"

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        for scope in machine.scopes:
            if not scope.states:
                continue  # ASL102
            for state in scope.states.values():
                if state.type in ("Succeed", "Fail") or state.body.get("End") is True:
                    break
            else:
                states = scope.field("States")
                assert states is not None
                yield Violation(
                    states,
                    f"no state of {scope.description} ends it; add a Succeed or Fail state, "
                    'or set "End": true on the last state',
                    on_key=True,
                )
