"""IAM: what each Task needs from the state machine's role, against the policy it has.

The rules run when a policy is known (``asllint check --policy FILE``); without one they check
nothing.  A requirement that asllint cannot decide (a condition on a key the definition does not
fix, a policy variable) is never reported.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from asllint import hookimpl
from asllint_rules.iam.rules import (
    BroadGrant,
    ExplicitlyDenied,
    MissingOccasionalPermission,
    MissingPermission,
    MissingSupportingPermission,
)

if TYPE_CHECKING:
    from asllint import Rule

RULES: list[type[Rule]] = [
    MissingPermission,
    MissingSupportingPermission,
    MissingOccasionalPermission,
    ExplicitlyDenied,
    BroadGrant,
]


@hookimpl
def asllint_rules() -> list[type[Rule]]:
    return RULES
