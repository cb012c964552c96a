from __future__ import annotations

from collections import deque
from typing import TYPE_CHECKING

from asllint import Rule, Severity, Violation

if TYPE_CHECKING:
    from collections.abc import Iterator

    from asllint import Scope, State, StateMachine


def _ends(state: State, names: dict[str, State]) -> bool:
    """Whether the state can end its scope, or does something other rules report (so count it as an exit)."""
    body = state.body
    if state.type in ("Succeed", "Fail") or body.get("End") is True:
        return True
    if state.type is None or (state.type != "Choice" and not isinstance(body.get("Next"), str)):
        return True  # no type, or no transition: ASL111 and friends
    if state.type == "Choice" and not isinstance(body.get("Choices"), list):
        return True  # ASL401
    return any(not isinstance(name, str) or name not in names for _path, name in state.targets())  # ASL201


def _trap(scope: Scope) -> list[State]:
    """The states reachable from StartAt from which no path ends the scope, in breadth-first order."""
    names = scope.states
    start = scope.start_at
    if start not in names:
        return []
    successors: dict[str, list[str]] = {}
    predecessors: dict[str, list[str]] = {name: [] for name in names}
    exits: list[str] = []
    for name, state in names.items():
        successors[name] = [t for _path, t in state.targets() if isinstance(t, str) and t in names]
        for target in successors[name]:
            predecessors[target].append(name)
        if _ends(state, names):
            exits.append(name)
    if not exits:
        return []  # no terminal state at all: ASL204
    escapes = set(exits)
    queue = deque(exits)
    while queue:
        for before in predecessors[queue.popleft()]:
            if before not in escapes:
                escapes.add(before)
                queue.append(before)
    order: list[str] = []
    seen = {start}
    queue = deque([start])
    while queue:
        name = queue.popleft()
        order.append(name)
        for target in successors[name]:
            if target not in seen:
                seen.add(target)
                queue.append(target)
    return [names[n] for n in order if n not in escapes]


class InescapableLoop(Rule):
    """## What it does
    Flags a loop that an execution can enter but never leave: no path from its states
    reaches a Succeed or Fail state or a state with ``"End": true``.

    ## Why is this bad?
    Once there, the execution cycles until it fails or hits the execution time limit (a year
    for a Standard workflow), paying for every transition.  A polling loop needs a Choice
    rule that leads out of it.

    ## Example
    ```json
    {"StartAt": "Start", "States": {
      "Start": {"Type": "Choice", "Choices": [
        {"Variable": "$.skip", "BooleanEquals": true, "Next": "Done"}], "Default": "Poll"},
      "Poll": {"Type": "Wait", "Seconds": 60, "Next": "Check"},
      "Check": {"Type": "Pass", "Next": "Poll"},
      "Done": {"Type": "Succeed"}}}
    ```

    Use instead:
    ```json
    {"StartAt": "Start", "States": {
      "Start": {"Type": "Choice", "Choices": [
        {"Variable": "$.skip", "BooleanEquals": true, "Next": "Done"}], "Default": "Poll"},
      "Poll": {"Type": "Wait", "Seconds": 60, "Next": "Check"},
      "Check": {"Type": "Choice", "Choices": [
        {"Variable": "$.ready", "BooleanEquals": true, "Next": "Done"}], "Default": "Poll"},
      "Done": {"Type": "Succeed"}}}
    ```

    ## References
    - Amazon States Language: Transitions
    """

    id = "ASL205"
    name = "inescapable-loop"
    severity = Severity.WARNING
    source_url = "https://states-language.net/spec.html#transition"

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        for scope in machine.scopes:
            trapped = _trap(scope)
            if not trapped:
                continue
            first = trapped[0]
            others = ", ".join(repr(s.name) for s in trapped[1:4]) + (", ..." if len(trapped) > 4 else "")
            loop = f" (with {others})" if others else ""
            yield Violation(
                first.node,
                f"once the execution reaches {first.name!r}{loop}, no path leads to a Succeed or Fail state or to "
                '"End": true; add a Choice rule or a Catcher that leaves the loop',
                on_key=True,
            )
