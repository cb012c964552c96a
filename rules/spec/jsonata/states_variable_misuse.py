from __future__ import annotations

from typing import TYPE_CHECKING

from asllint import Rule, Severity, Violation
from asllint.jsonata import JsonataSyntaxError
from asllint.suggest import did_you_mean
from asllint_rules.spec.jsonata.common import expressions, jsonata_states, tokens

if TYPE_CHECKING:
    from collections.abc import Iterator

    from asllint import Node, State, StateMachine
    from asllint.jsonata import Token

#: the members of the reserved ``$states`` variable
MEMBERS = ("input", "result", "errorOutput", "context")
#: the fields evaluated before the state's work runs, where there is no result yet
_BEFORE_RESULT = ("Arguments", "Items", "ItemSelector")


def _members(found: list[Token]) -> Iterator[str]:
    """The names read as ``$states.<name>``; nothing when the expression rebinds ``$states``."""
    for i, token in enumerate(found):
        if token.kind == "variable" and token.value == "states":
            following = found[i + 1] if i + 1 < len(found) else None
            if following is not None and following.kind == "operator" and following.value == ":=":
                return
    for first, dot, name in zip(found, found[1:], found[2:], strict=False):
        if (
            first.kind == "variable"
            and first.value == "states"
            and dot.kind == "operator"
            and dot.value == "."
            and dot.start == first.end
            and name.kind == "name"
        ):
            yield str(name.value)


class StatesVariableMisuse(Rule):
    """## What it does
    Checks how JSONata expressions read the reserved ``$states`` variable: its members are
    ``input``, ``result``, ``errorOutput`` and ``context``; ``$states.errorOutput`` exists only
    in a Catcher (its ``Output`` and ``Assign``); ``$states.result`` does not exist yet in
    ``Arguments``, ``Items`` or ``ItemSelector``, which are evaluated before the state's work.

    ## Why is this bad?
    Step Functions rejects the definition, or the expression fails at run time with
    ``States.QueryEvaluationError``.

    ## Example
    ```json
    {"Type": "Pass", "QueryLanguage": "JSONata",
     "Output": {"error": "{% $states.errorOutput.Cause %}"}, "End": true}
    ```

    Use instead:
    ```json
    {"Type": "Pass", "QueryLanguage": "JSONata",
     "Output": {"error": "{% $states.input.Cause %}"}, "End": true}
    ```

    ## References
    - AWS Step Functions Developer Guide: Transforming data with JSONata in Step Functions
      (Reserved variable: $states)
    """

    id = "ASL806"
    name = "states-variable-misuse"
    severity = Severity.ERROR
    source_url = "https://docs.aws.amazon.com/step-functions/latest/dg/transforming-data.html"

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        for state in jsonata_states(machine):
            for node in expressions(state):
                found = tokens(machine, node.value)
                if isinstance(found, JsonataSyntaxError):
                    continue  # ASL804
                for member in dict.fromkeys(_members(found)):
                    message = self._problem(state, node, member)
                    if message:
                        yield Violation(node, message)

    @staticmethod
    def _problem(state: State, node: Node, member: str) -> str | None:
        field = node.path[len(state.path)]
        if member not in MEMBERS:
            hint = did_you_mean(member, MEMBERS)
            return f"$states.{member} does not exist; $states has input, result, errorOutput and context{hint}"
        if member == "errorOutput" and field != "Catch":
            return "$states.errorOutput exists only in a Catcher's Output or Assign; read it there"
        if member == "result" and field in _BEFORE_RESULT:
            return (
                f"$states.result does not exist in {field}, which is evaluated before the state runs; "
                "use $states.input, or read the result in Output or Assign"
            )
        return None
