from __future__ import annotations

from typing import TYPE_CHECKING

from asllint import Rule, Severity, Violation

if TYPE_CHECKING:
    from collections.abc import Iterator

    from asllint import StateMachine


class TerminalStateTransition(Rule):
    """## What it does
    Flags ``Next`` or ``End`` on a Choice, Succeed or Fail state.

    ## Why is this bad?
    Succeed and Fail states always end their scope, and a Choice state moves on only through
    its ``Choices`` and ``Default``.  Step Functions rejects these fields on them.

    ## Example
    ```json
    {"Type": "Succeed", "End": true}
    ```

    Use instead:
    ```json
    {"Type": "Succeed"}
    ```

    ## References
    - Amazon States Language: Transitions
    - Amazon States Language: Choice State
    """

    id = "ASL112"
    name = "terminal-state-transition"
    severity = Severity.ERROR
    source_url = "https://states-language.net/spec.html#transition"

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        for state in machine.states:
            if state.type not in ("Choice", "Succeed", "Fail"):
                continue
            for field in ("Next", "End"):
                node = state.field(field)
                if node is None:
                    continue
                if state.type == "Choice":
                    hint = "move the transition into Choices or Default" if field == "Next" else f"remove {field}"
                else:
                    hint = f"remove {field}: a {state.type} state always ends its scope"
                yield Violation(node, f"a {state.type} state cannot have {field}; {hint}", on_key=True)
