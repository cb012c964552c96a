from __future__ import annotations

from asllint import Rule, Severity


class UnusedSuppression(Rule):
    """## What it does
    Flags an ``asllint: ignore`` marker in a ``Comment`` that silences no finding, or the
    rule ids in ``asllint: ignore=ID,...`` that silence none.  Opt-in: select ``LNT002``.

    ## Why is this bad?
    A stale marker hides the next real finding of that rule in the same state.

    ## Example
    ```json
    {"Type": "Pass", "Comment": "asllint: ignore=ASL203", "End": true}
    ```

    Use instead:
    ```json
    {"Type": "Pass", "Comment": "Nothing to silence here", "End": true}
    ```

    ## References
    - asllint README: Suppressing findings
    """

    id = "LNT002"
    name = "unused-suppression"
    severity = Severity.WARNING
    opt_in = True
    #: emitted by the engine after the other rules ran
    engine_emitted = True
