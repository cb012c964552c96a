from __future__ import annotations

from typing import TYPE_CHECKING

from asllint import Node, Rule, Severity, Violation

if TYPE_CHECKING:
    from collections.abc import Iterator

    from asllint import StateMachine


class DuplicateJsonKey(Rule):
    """## What it does
    Flags a key that appears more than once in the same object, at each occurrence that a
    JSON parser drops (all but the last).

    ## Why is this bad?
    Parsers keep one of the values silently, usually the last: the definition that runs is
    not the one a reviewer reads.  Two states with one name are the common case.

    ## Example
    ```json
    {"Type": "Pass", "Result": "first", "Result": "second", "End": true}
    ```

    Use instead:
    ```json
    {"Type": "Pass", "Result": "second", "End": true}
    ```

    ## References
    - RFC 8259 §4: the names within an object SHOULD be unique
    """

    id = "ASL110"
    name = "duplicate-json-key"
    severity = Severity.WARNING
    source_url = "https://www.rfc-editor.org/rfc/rfc8259#section-4"

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        document = machine.document
        for dup in document.duplicates:
            node = Node(document, (*dup.path, dup.key), None)
            for occurrence in range(dup.count - 1):
                yield Violation(
                    node,
                    f"the key {dup.key!r} appears {dup.count} times in this object and only the last one "
                    "is kept; remove or rename the duplicate",
                    on_key=True,
                    occurrence=occurrence,
                )
