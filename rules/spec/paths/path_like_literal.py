from __future__ import annotations

from typing import TYPE_CHECKING

from asllint import Node, Rule, Severity, Violation
from asllint.document import is_placeholder
from asllint.jsonpath import PathError, parse_expression
from asllint_rules.spec.paths._expressions import template_objects

if TYPE_CHECKING:
    from collections.abc import Iterator

    from asllint import StateMachine

# Members whose values are JSONPath evaluated by the called service, not by Step Functions:
# SageMaker CreateTransformJob DataProcessing.
_SERVICE_PATHS = {"DataProcessing": frozenset({"InputFilter", "OutputFilter", "JoinSource"})}
_PREFIXES = ("$.", "$$.", "$[", "States.")


class PathLikeLiteral(Rule):
    """## What it does
    Flags a payload-template member whose key lacks the ``.$`` suffix but whose string value
    is a path (``$.…``, ``$$.…``) or an intrinsic call (``States.…(…)``).  SageMaker's
    ``DataProcessing.InputFilter``, ``OutputFilter`` and ``JoinSource`` are left alone: their
    JSONPath is evaluated by SageMaker.

    ## Why is this bad?
    Without ``.$`` the value is passed on as the literal text ``"$.name"``; the ``.$`` suffix
    was most likely forgotten.

    ## Example
    ```json
    {"Type": "Pass", "Parameters": {"orderId": "$.order.id"}, "End": true}
    ```

    Use instead:
    ```json
    {"Type": "Pass", "Parameters": {"orderId.$": "$.order.id"}, "End": true}
    ```

    ## References
    - Amazon States Language: Payload Template
    """

    id = "ASL305"
    name = "path-like-literal"
    severity = Severity.WARNING
    source_url = "https://states-language.net/spec.html#payload-template"

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        for _state, obj in template_objects(machine):
            exempt = _SERVICE_PATHS.get(str(obj.key), frozenset())
            for key, value in obj.value.items():
                if type(value) is not str or not value.startswith(_PREFIXES) or key.endswith(".$") or key in exempt:
                    continue
                if is_placeholder(value):
                    continue
                try:
                    parse_expression(value)
                except PathError:
                    continue
                what = "an intrinsic call" if value.startswith("States.") else "a path"
                yield Violation(
                    Node(obj.document, (*obj.path, key), value),
                    f"{key} holds {what} without the .$ suffix, so it is passed on as literal text; "
                    f"name the key {key + '.$'!r} to evaluate it",
                )
