from __future__ import annotations

from typing import TYPE_CHECKING

from asllint import Rule, Severity, Violation

if TYPE_CHECKING:
    from collections.abc import Iterator

    from asllint import StateMachine


class ParallelBranches(Rule):
    """## What it does
    Flags a Parallel state whose ``Branches`` is missing, not an array, empty, or holds
    something other than branch objects (each with ``StartAt`` and ``States``).

    ## Why is this bad?
    A Parallel state runs each of its branches; Step Functions rejects one without any.

    ## Example
    ```json
    {"Type": "Parallel", "Branches": [], "End": true}
    ```

    Use instead:
    ```json
    {"Type": "Parallel", "Branches": [
      {"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}},
      {"StartAt": "B", "States": {"B": {"Type": "Pass", "End": true}}}], "End": true}
    ```

    ## References
    - Amazon States Language: Parallel State
    """

    id = "ASL601"
    name = "parallel-branches"
    severity = Severity.ERROR
    source_url = "https://states-language.net/spec.html#parallel-state"

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        for state in machine.states:
            if state.type != "Parallel":
                continue
            branches = state.field("Branches")
            if branches is None:
                yield Violation(
                    state.node,
                    f"Parallel state {state.name!r} has no Branches; add an array of branches, "
                    "each with StartAt and States",
                    on_key=True,
                )
            elif not isinstance(branches.value, list):
                yield Violation(branches, "Branches must be an array of branches, each with StartAt and States")
            elif not branches.value:
                yield Violation(branches, "Branches is empty; add at least one branch with StartAt and States")
            else:
                for branch in branches.children():
                    if not isinstance(branch.value, dict):
                        yield Violation(branch, "each branch must be an object with StartAt and States")
