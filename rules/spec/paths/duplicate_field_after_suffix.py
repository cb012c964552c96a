from __future__ import annotations

from typing import TYPE_CHECKING

from asllint import Node, Rule, Severity, Violation
from asllint_rules.spec.paths._expressions import template_objects

if TYPE_CHECKING:
    from collections.abc import Iterator

    from asllint import StateMachine


class DuplicateFieldAfterSuffix(Rule):
    """## What it does
    Flags a payload-template object that has both ``Name`` and ``Name.$``: once the ``.$``
    suffix is removed they name the same field.

    ## Why is this bad?
    The resulting payload can hold ``Name`` only once, so one of the two values is lost (or
    the definition is rejected); which one was meant is unclear.

    ## Example
    ```json
    {"Type": "Pass", "Parameters": {"id": "fixed", "id.$": "$.id"}, "End": true}
    ```

    Use instead:
    ```json
    {"Type": "Pass", "Parameters": {"id.$": "$.id"}, "End": true}
    ```

    ## References
    - Amazon States Language: Payload Template
    """

    id = "ASL306"
    name = "duplicate-field-after-suffix"
    severity = Severity.ERROR
    source_url = "https://states-language.net/spec.html#payload-template"

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        for _state, obj in template_objects(machine):
            members = obj.value
            for key in members:
                if isinstance(key, str) and key.endswith(".$") and key[:-2] in members:
                    yield Violation(
                        Node(obj.document, (*obj.path, key), members[key]),
                        f"{key!r} and {key[:-2]!r} both set the field {key[:-2]!r}; keep one of them",
                        on_key=True,
                    )
