from __future__ import annotations

from typing import TYPE_CHECKING

from asllint import Rule, Severity, Violation

if TYPE_CHECKING:
    from collections.abc import Iterator

    from asllint import StateMachine


class UnreachableState(Rule):
    """## What it does
    Flags a state that no path of transitions from its scope's ``StartAt`` reaches
    (following ``Next``, Choice rules, ``Default`` and Catchers).

    ## Why is this bad?
    Step Functions rejects a definition with an unreachable state; it is often a state
    whose incoming ``Next`` was misspelt or removed.

    ## Example
    ```json
    {"StartAt": "Start", "States": {
      "Start": {"Type": "Pass", "Next": "Done"},
      "Cleanup": {"Type": "Pass", "Next": "Done"},
      "Done": {"Type": "Succeed"}}}
    ```

    Use instead:
    ```json
    {"StartAt": "Start", "States": {
      "Start": {"Type": "Pass", "Next": "Cleanup"},
      "Cleanup": {"Type": "Pass", "Next": "Done"},
      "Done": {"Type": "Succeed"}}}
    ```

    ## References
    - Amazon States Language: Transitions
    """

    id = "ASL203"
    name = "unreachable-state"
    severity = Severity.ERROR
    source_url = "https://states-language.net/spec.html#transition"

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        for scope in machine.scopes:
            start = scope.start_at
            if start is None or start not in scope.states:
                continue  # ASL103 / ASL104 say why; every state would look unreachable
            seen = {start}
            todo = [start]
            while todo:
                for _, name in scope.states[todo.pop()].targets():
                    if isinstance(name, str) and name in scope.states and name not in seen:
                        seen.add(name)
                        todo.append(name)
            for name, state in scope.states.items():
                if name not in seen:
                    yield Violation(
                        state.node,
                        f"state {name!r} is never reached from StartAt {start!r}; "
                        "point a Next, Choice rule, Default or Catch at it, or remove it",
                        on_key=True,
                    )
