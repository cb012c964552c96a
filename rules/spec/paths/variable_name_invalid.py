from __future__ import annotations

from typing import TYPE_CHECKING

from asllint import Rule, Severity, Violation
from asllint.document import is_placeholder

if TYPE_CHECKING:
    from collections.abc import Iterator

    from asllint import Node, State, StateMachine

#: the variable name Step Functions keeps for itself (``$states`` in JSONata)
RESERVED = "states"


def assign_blocks(state: State) -> Iterator[Node]:
    """The ``Assign`` objects of a state, of its Choice rules and of its Catchers."""
    own = state.field("Assign")
    if own is not None:
        yield own
    for group in ("Choices", "Catch"):
        items = state.field(group)
        if items is not None and isinstance(items.value, list):
            for item in items.children():
                assign = item.child("Assign")
                if assign is not None:
                    yield assign


class VariableNameInvalid(Rule):
    """## What it does
    Checks the variable names that ``Assign`` sets (in a state, a Choice rule or a Catcher):
    a name starts with a letter or ``_`` and goes on with letters, digits and ``_`` (in JSONPath
    states a ``.$`` suffix is not part of the name), and it is not ``states``, which Step
    Functions reserves.

    ## Why is this bad?
    Step Functions rejects the definition.  A name such as ``order-id`` or ``1st`` could not be
    read back as ``$order-id`` or ``$1st`` anyway.

    ## Example
    ```json
    {"Type": "Pass", "Assign": {"order-id.$": "$.id"}, "End": true}
    ```

    Use instead:
    ```json
    {"Type": "Pass", "Assign": {"orderId.$": "$.id"}, "End": true}
    ```

    ## References
    - AWS Step Functions Developer Guide: Passing data between states with variables
    """

    id = "ASL314"
    name = "variable-name-invalid"
    severity = Severity.ERROR
    source_url = "https://docs.aws.amazon.com/step-functions/latest/dg/workflow-variables.html"

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        for state in machine.states:
            jsonpath = state.query_language == "JSONPath"
            for block in assign_blocks(state):
                if not isinstance(block.value, dict):
                    continue
                for member in block.children():
                    key = str(member.key)
                    if key.endswith(".$") and not jsonpath:
                        continue  # a .$ key in a JSONata state is dollar-key-in-jsonata's
                    name = key.removesuffix(".$")
                    if is_placeholder(name):
                        continue
                    if name == RESERVED:
                        message = f"the variable name {name!r} is reserved by Step Functions; choose another name"
                    elif not name.isidentifier():
                        message = (
                            f"{name!r} is not a valid variable name; use letters, digits and '_', "
                            "starting with a letter or '_'"
                        )
                    else:
                        continue
                    yield Violation(member, message, on_key=True)
