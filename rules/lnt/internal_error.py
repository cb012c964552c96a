from __future__ import annotations

from asllint import Rule, Severity


class InternalError(Rule):
    """## What it does
    Reports a rule that raised an exception while checking a file.  The finding names the
    rule, its plugin and the exception; every other rule still ran on the file.  It is
    emitted by the engine, is always on, and makes ``asllint`` exit with status 2.

    ## Why is this bad?
    The file was not fully checked: the failing rule's findings, if any, are missing.

    ## Example
    A third-party rule that raises ``KeyError`` on a state without ``Type``.

    Use instead:
    Report the finding (it names the rule and its plugin) to the rule's authors, and
    ``--ignore`` that rule id until it is fixed.

    ## References
    - asllint documentation: exit codes
    """

    id = "LNT001"
    name = "internal-error"
    severity = Severity.ERROR
    #: emitted by the engine; its documentation has no definition to show
    engine_emitted = True
