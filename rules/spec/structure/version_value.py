from __future__ import annotations

from asllint import Severity
from asllint_rules.spec.structure._schema import SchemaRule


class VersionValue(SchemaRule):
    """## What it does
    Flags a top-level ``Version`` other than the string ``"1.0"``.

    ## Why is this bad?
    ``"1.0"`` is the only version of the Amazon States Language (and the default when
    ``Version`` is left out); any other value, or the number ``1.0``, is a mistake.

    ## Example
    ```json
    {"Version": "2.0", "StartAt": "Done",
     "States": {"Done": {"Type": "Succeed"}}}
    ```

    Use instead:
    ```json
    {"Version": "1.0", "StartAt": "Done",
     "States": {"Done": {"Type": "Succeed"}}}
    ```

    ## References
    - Amazon States Language: Top-level fields
    """

    id = "ASL114"
    name = "version-value"
    severity = Severity.WARNING
    source_url = "https://states-language.net/spec.html#toplevelfields"
