"""TPL: state machines inside templates (CloudFormation, SAM, CDK output, Serverless Framework).

The engine reads the template (``asllint.templates``) and reports these itself; the classes
carry their id, severity and documentation.  Every rule of the other families runs on each
state machine a template declares.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from asllint import hookimpl
from asllint_rules.templates.rules import (
    DefinitionFileMissing,
    DefinitionNotCheckable,
    DefinitionProperty,
    SamStateMachineProperty,
    UnresolvedSubstitution,
)

if TYPE_CHECKING:
    from asllint import Rule

RULES: list[type[Rule]] = [
    DefinitionNotCheckable,
    DefinitionProperty,
    DefinitionFileMissing,
    UnresolvedSubstitution,
    SamStateMachineProperty,
]


@hookimpl
def asllint_rules() -> list[type[Rule]]:
    return RULES
