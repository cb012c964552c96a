from __future__ import annotations

from typing import TYPE_CHECKING

from asllint import Rule, Severity, Violation
from asllint.jsonpath import JsonPath
from asllint_rules.spec.paths._expressions import expressions

if TYPE_CHECKING:
    from collections.abc import Iterator

    from asllint import StateMachine


class ResultpathNotReferencePath(Rule):
    """## What it does
    Checks that ``ResultPath`` is a *Reference Path*: ``$`` followed only by names
    (``.name``, ``['name']``) and single indexes (``[0]``) — no wildcard, union, slice, filter
    or recursive descent — and that it points into the state input (``$``), not into the
    context object (``$$``) or a variable.

    ## Why is this bad?
    ``ResultPath`` says where the result is written; it must name exactly one place.  Step
    Functions rejects a definition whose ``ResultPath`` is not a Reference Path.

    ## Example
    ```json
    {"Type": "Pass", "Result": 1, "ResultPath": "$.items[*].count", "End": true}
    ```

    Use instead:
    ```json
    {"Type": "Pass", "Result": 1, "ResultPath": "$.count", "End": true}
    ```

    ## References
    - Amazon States Language: Reference Paths
    - Amazon States Language: ResultPath
    """

    id = "ASL302"
    name = "resultpath-not-reference-path"
    severity = Severity.ERROR
    source_url = "https://states-language.net/spec.html#ref-paths"

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        for expression in expressions(machine):
            path = expression.parsed
            if expression.kind != "field" or expression.name != "ResultPath" or not isinstance(path, JsonPath):
                continue
            if path.root == "$$":
                yield Violation(
                    expression.node,
                    "ResultPath cannot write into the context object ($$); use a path that starts with '$.'",
                )
            elif path.root == "var":
                yield Violation(
                    expression.node,
                    f"ResultPath cannot write into the variable ${path.variable}; use Assign to set a variable "
                    "and a path that starts with '$.' here",
                )
            elif not path.is_reference:
                bad = next(s for s in path.segments if not s.is_reference)
                what = (
                    "recursive descent (..)"
                    if bad.descent
                    else {
                        "wildcard": "a wildcard",
                        "union": "a union",
                        "slice": "a slice",
                        "filter": "a filter",
                        "script": "a script expression",
                        "function": f"the function {bad.value}()",
                    }.get(bad.kind, bad.kind)
                )
                yield Violation(
                    expression.node,
                    f"ResultPath {path.text!r} contains {what}; it must be a Reference Path that names one place, "
                    "with names and single indexes only",
                )
