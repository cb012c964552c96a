from __future__ import annotations

from collections import deque
from typing import TYPE_CHECKING

from asllint import Rule, Severity, Violation
from asllint.jsonpath import Call, JsonPath
from asllint.suggest import did_you_mean
from asllint_rules.spec.paths._expressions import expressions
from asllint_rules.spec.paths.variable_name_invalid import assign_blocks

if TYPE_CHECKING:
    from collections.abc import Iterator

    from asllint import State, StateMachine
    from asllint.document import Path


def _assigned(state: State) -> set[str]:
    names: set[str] = set()
    for block in assign_blocks(state):
        if isinstance(block.value, dict):
            names.update(key[:-2] if key.endswith(".$") else key for key in block.value)
    return names


class _Flow:
    """Which variables some state that may run before a state assigns: a forward union over the
    transitions of each scope (to a fixed point, so loops count), plus what is visible to the
    enclosing Parallel or Map state."""

    def __init__(self, machine: StateMachine) -> None:
        self.assigned: dict[Path, frozenset[str]] = {s.path: frozenset(_assigned(s)) for s in machine.states}
        self.before: dict[Path, set[str]] = {s.path: set() for s in machine.states}
        successors: dict[Path, list[Path]] = {}
        for scope in machine.scopes:
            for state in scope.states.values():
                targets = (scope.states.get(name) if isinstance(name, str) else None for _, name in state.targets())
                successors[state.path] = [t.path for t in targets if t is not None]
        queue = deque(self.before)
        queued = set(queue)
        while queue:
            path = queue.popleft()
            queued.discard(path)
            out = self.before[path] | self.assigned[path]
            for target in successors[path]:
                known = self.before[target]
                if not out <= known:
                    known |= out
                    if target not in queued:
                        queued.add(target)
                        queue.append(target)
        self._visible: dict[Path, frozenset[str]] = {}

    def visible(self, state: State) -> frozenset[str]:
        """The variables that some state running before ``state`` assigns, enclosing scopes included."""
        found = self._visible.get(state.path)
        if found is None:
            names = set(self.before[state.path])
            owner = state.scope.owner
            if owner is not None:
                names |= self.visible(owner)
            found = self._visible[state.path] = frozenset(names)
        return found


def _variables(parsed: JsonPath | Call | None) -> list[str]:
    paths = [parsed] if isinstance(parsed, JsonPath) else parsed.paths() if isinstance(parsed, Call) else []
    return [p.variable for p in paths if p.root == "var" and p.variable]


class VariableUndefined(Rule):
    """## What it does
    Flags a workflow variable (``$name``) read in a JSONPath state when no state that can run
    before it — earlier in its own ``States`` object or before the enclosing Parallel or Map
    state — assigns it with ``Assign``.

    ## Why is this bad?
    Reading a variable that was never assigned fails the execution at run time
    (``States.QueryEvaluationError`` / a path failure).  Usually the name is misspelt or the
    ``Assign`` sits in a state that runs later.

    ## Example
    ```json
    {"StartAt": "Greet", "States": {
      "Greet": {"Type": "Pass", "Parameters": {"name.$": "$customerName"}, "Next": "Remember"},
      "Remember": {"Type": "Pass", "Assign": {"customerName.$": "$.name"}, "End": true}}}
    ```

    Use instead:
    ```json
    {"StartAt": "Remember", "States": {
      "Remember": {"Type": "Pass", "Assign": {"customerName.$": "$.name"}, "Next": "Greet"},
      "Greet": {"Type": "Pass", "Parameters": {"name.$": "$customerName"}, "End": true}}}
    ```

    ## References
    - AWS Step Functions Developer Guide: Passing data between states with variables
    """

    id = "ASL313"
    name = "variable-undefined"
    severity = Severity.WARNING
    source_url = "https://docs.aws.amazon.com/step-functions/latest/dg/workflow-variables.html"

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        flow: _Flow | None = None
        known: set[str] = set()
        for expression in expressions(machine):
            names = _variables(expression.parsed)
            if not names:
                continue
            if flow is None:
                flow = _Flow(machine)
                for names_here in flow.assigned.values():
                    known |= names_here
            visible = flow.visible(expression.state)
            for name in dict.fromkeys(names):
                if name not in visible:
                    state = expression.state
                    yield Violation(
                        expression.node,
                        f"${name} is read here, but no state that runs before {state.name!r} assigns it; "
                        f"assign it with Assign in an earlier state{did_you_mean(name, sorted(known - {name}))}",
                    )
