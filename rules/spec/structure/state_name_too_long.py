from __future__ import annotations

from asllint import Severity
from asllint_rules.spec.structure._schema import SchemaRule


class StateNameTooLong(SchemaRule):
    """## What it does
    Flags a state name longer than 80 characters.

    ## Why is this bad?
    Step Functions limits state names to 80 Unicode characters and rejects a definition with
    a longer one.

    ## Example
    ```json
    {"StartAt": "Copy the nightly export of the orders table from the landing bucket to the archive",
     "States": {"Copy the nightly export of the orders table from the landing bucket to the archive":
       {"Type": "Succeed"}}}
    ```

    Use instead:
    ```json
    {"StartAt": "Archive nightly orders export",
     "States": {"Archive nightly orders export": {"Type": "Succeed", "Comment": "from the landing bucket"}}}
    ```

    ## References
    - Amazon States Language: States
    - Step Functions Developer Guide: Step Functions service quotas
    """

    id = "ASL108"
    name = "state-name-too-long"
    severity = Severity.ERROR
    source_url = "https://docs.aws.amazon.com/step-functions/latest/dg/service-quotas.html"
