from __future__ import annotations

from typing import TYPE_CHECKING

from asllint import Rule, Severity, Violation
from asllint_rules.spec.jsonata.common import expressions, jsonata_states, top_level_names

if TYPE_CHECKING:
    from collections.abc import Iterator

    from asllint import StateMachine


class JsonataTopLevelReference(Rule):
    """## What it does
    Flags a JSONata expression that reads a field name, ``$`` or ``$$`` at its top level, such
    as ``{% customer.name %}`` or ``{% $count(items) %}``.  Names inside a path step, a
    predicate, a sort or a group are read from the values being walked and are fine
    (``{% $states.input.items[price > 10] %}``); lambda bodies are not judged.

    ## Why is this bad?
    Step Functions evaluates expressions without a context item: a state's input is
    ``$states.input`` and everything else comes from variables.  It refuses the definition
    ("Reference to 'name' at the top level is not supported").

    ## Example
    ```json
    {"Type": "Pass", "QueryLanguage": "JSONata",
     "Output": {"name": "{% customer.name %}"}, "End": true}
    ```

    Use instead:
    ```json
    {"Type": "Pass", "QueryLanguage": "JSONata",
     "Output": {"name": "{% $states.input.customer.name %}"}, "End": true}
    ```

    ## References
    - Amazon States Language: JSONata expressions may not reference "$" or unqualified field
      names at the top level
    """

    id = "ASL808"
    name = "jsonata-top-level-reference"
    severity = Severity.ERROR
    source_url = "https://states-language.net/spec.html"

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        for state in jsonata_states(machine):
            for node in expressions(state):
                names = top_level_names(machine, node.value)
                for name in dict.fromkeys(name for name, _ in names):
                    if name in ("$", "$$"):
                        advice = "read the state's input as $states.input"
                    else:
                        advice = f"read it as $states.input.{name} or from a variable"
                    yield Violation(
                        node,
                        f"the JSONata expression reads {name!r} at its top level, where there is no "
                        f"context to read from; {advice}",
                    )
