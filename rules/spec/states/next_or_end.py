from __future__ import annotations

from typing import TYPE_CHECKING

from asllint import Rule, Severity, Violation

if TYPE_CHECKING:
    from collections.abc import Iterator

    from asllint import StateMachine

#: the state types that go on with ``Next`` or stop with ``"End": true``
CONTINUING = ("Task", "Pass", "Wait", "Parallel", "Map")


class NextOrEnd(Rule):
    """## What it does
    Flags a Task, Pass, Wait, Parallel or Map state that has neither ``Next`` nor
    ``"End": true``, or has both.

    ## Why is this bad?
    Each of these states must say exactly what happens after it: go on to the state named by
    ``Next``, or end its scope with ``"End": true``.  Step Functions rejects a definition
    where a state does both or neither.

    ## Example
    ```json
    {"Type": "Pass", "Result": "done"}
    ```

    Use instead:
    ```json
    {"Type": "Pass", "Result": "done", "End": true}
    ```

    ## References
    - Amazon States Language: Transitions
    """

    id = "ASL111"
    name = "next-or-end"
    severity = Severity.ERROR
    source_url = "https://states-language.net/spec.html#transition"

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        for state in machine.states:
            if state.type not in CONTINUING:
                continue
            has_next = "Next" in state.body
            ends = state.body.get("End") is True
            if has_next and ends:
                end = state.field("End")
                assert end is not None
                yield Violation(
                    end, f'{state.type} state {state.name!r} has both Next and "End": true; keep only one', on_key=True
                )
            elif not has_next and state.body.get("End", False) is False:
                yield Violation(
                    state.node,
                    f'{state.type} state {state.name!r} has neither Next nor "End": true; '
                    'add Next naming the following state, or "End": true',
                    on_key=True,
                )
