from __future__ import annotations

from typing import TYPE_CHECKING

from asllint import Rule, Severity, Violation
from asllint_rules.spec.jsonata.common import jsonata_states, own_nodes
from asllint_rules.spec.jsonata.jsonpath_field_in_jsonata_state import jsonpath_field

if TYPE_CHECKING:
    from collections.abc import Iterator

    from asllint import StateMachine


class DollarKeyInJsonata(Rule):
    """## What it does
    Flags a member name ending in ``.$`` inside a JSONata state (in ``Arguments``, ``Output``,
    ``Assign``, ``ItemSelector`` ...).  SageMaker request members are left to the SageMaker
    shape rules, and the members inside a JSONPath field (``Parameters``, ``ResultSelector``)
    are left to ASL802.

    ## Why is this bad?
    In a JSONata state a ``.$`` suffix means nothing: the member is named ``Name.$`` and its
    value, a JSONPath, is passed on as literal text.  JSONata states write the value as a
    ``{% ... %}`` expression under the plain name.

    ## Example
    ```json
    {"Type": "Pass", "QueryLanguage": "JSONata", "Output": {"name.$": "$.name"}, "End": true}
    ```

    Use instead:
    ```json
    {"Type": "Pass", "QueryLanguage": "JSONata", "Output": {"name": "{% $states.input.name %}"}, "End": true}
    ```

    ## References
    - AWS Step Functions Developer Guide: Transforming data with JSONata in Step Functions
    """

    id = "ASL807"
    name = "dollar-key-in-jsonata"
    severity = Severity.WARNING
    source_url = "https://docs.aws.amazon.com/step-functions/latest/dg/transforming-data.html"

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        for state in jsonata_states(machine):
            resource = state.resource
            sagemaker = resource is not None and resource.service == "sagemaker"
            for node in own_nodes(state):
                key = node.key
                if not isinstance(key, str) or not key.endswith(".$") or len(node.path) == len(state.path) + 1:
                    continue
                field = str(node.path[len(state.path)])
                if (sagemaker and field == "Arguments") or jsonpath_field(field):
                    continue  # SMS001's, or inside a field that ASL802 reports
                plain = key[:-2]
                yield Violation(
                    node,
                    f"{key!r} is a literal member name in a JSONata state, not a path; "
                    f"name it {plain!r} and write its value as a {{% %}} expression",
                    on_key=True,
                )
