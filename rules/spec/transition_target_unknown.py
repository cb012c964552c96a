from __future__ import annotations

from typing import TYPE_CHECKING

from asllint import Node, Rule, Severity, Violation
from asllint.suggest import did_you_mean

if TYPE_CHECKING:
    from collections.abc import Iterator

    from asllint import State, StateMachine


class TransitionTargetUnknown(Rule):
    """## What it does
    Flags a ``Next`` (of a state, a Choice rule or a Catcher) or a Choice ``Default`` that
    names no state in the same ``States`` object.  A name that exists in another scope is
    called out: transitions cannot enter or leave a Parallel branch or a Map processor.

    ## Why is this bad?
    Step Functions rejects the definition with a missing transition target.

    ## Example
    ```json
    {"StartAt": "Prepare", "States": {
      "Prepare": {"Type": "Pass", "Next": "Trian"},
      "Train": {"Type": "Succeed"}}}
    ```

    Use instead:
    ```json
    {"StartAt": "Prepare", "States": {
      "Prepare": {"Type": "Pass", "Next": "Train"},
      "Train": {"Type": "Succeed"}}}
    ```

    ## References
    - Amazon States Language: Transitions
    """

    id = "ASL201"
    name = "transition-target-unknown"
    severity = Severity.ERROR
    source_url = "https://states-language.net/spec.html#transition"

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        elsewhere: dict[str, State] | None = None
        for state in machine.states:
            names = state.scope.states
            for path, name in state.targets():
                if not isinstance(name, str) or name in names:
                    continue
                target = Node(machine.document, path, name)
                if elsewhere is None:
                    elsewhere = {s.name: s for s in reversed(machine.states)}
                other = elsewhere.get(name)
                field = target.path[-1] if target.path[-2] not in ("Choices", "Catch") else "Next"
                if other is not None:
                    message = (
                        f"{field} names {name!r}, a state of another scope ({other.node.pointer}); "
                        "a transition cannot enter or leave a Parallel branch or a Map processor"
                    )
                else:
                    message = f"{field} names {name!r}, which is not a state in this scope{did_you_mean(name, names)}"
                yield Violation(target, message)
