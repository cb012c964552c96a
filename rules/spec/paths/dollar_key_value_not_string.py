from __future__ import annotations

import json
from typing import TYPE_CHECKING

from asllint import Node, Rule, Severity, Violation
from asllint_rules.spec.paths._expressions import is_cloudformation_function, template_objects

if TYPE_CHECKING:
    from collections.abc import Iterator

    from asllint import StateMachine


class DollarKeyValueNotString(Rule):
    """## What it does
    Checks that a payload-template member whose key ends in ``.$`` (in ``Parameters``,
    ``ResultSelector``, ``ItemSelector``, ``Assign``, ``Credentials``, ``ItemReader`` and
    ``ResultWriter`` parameters, ``ItemBatcher.BatchInput``) has a string value: a path or an
    intrinsic call.

    ## Why is this bad?
    The ``.$`` suffix tells Step Functions to evaluate the value; only a string can be
    evaluated, so the definition is rejected.  A literal number, object or array needs a key
    without the suffix.

    ## Example
    ```json
    {"Type": "Pass", "Parameters": {"count.$": 3}, "End": true}
    ```

    Use instead:
    ```json
    {"Type": "Pass", "Parameters": {"count": 3}, "End": true}
    ```

    ## References
    - Amazon States Language: Payload Template
    """

    id = "ASL303"
    name = "dollar-key-value-not-string"
    severity = Severity.ERROR
    source_url = "https://states-language.net/spec.html#payload-template"

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        for _state, obj in template_objects(machine):
            for key, value in obj.value.items():
                if type(value) is str or not key.endswith(".$"):
                    continue
                if not is_cloudformation_function(value):
                    shown = json.dumps(value)
                    shown = shown if len(shown) <= 40 else shown[:37] + "..."
                    yield Violation(
                        Node(obj.document, (*obj.path, key), value),
                        f"{key} must hold a path or an intrinsic call as a string, not {shown}; "
                        f"drop the .$ suffix ({key[:-2]!r}) for a literal value",
                    )
