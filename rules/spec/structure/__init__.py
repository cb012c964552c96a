"""ASL1xx: the structure of a definition, checked against the JSON Schemas in asllint/schemas/asl/."""

from __future__ import annotations

from typing import TYPE_CHECKING

from asllint_rules.spec.structure.field_not_allowed_for_type import FieldNotAllowedForType
from asllint_rules.spec.structure.field_type import FieldType
from asllint_rules.spec.structure.invalid_state_type import InvalidStateType
from asllint_rules.spec.structure.state_name_too_long import StateNameTooLong
from asllint_rules.spec.structure.unknown_top_level_field import UnknownTopLevelField
from asllint_rules.spec.structure.version_value import VersionValue

if TYPE_CHECKING:
    from asllint import Rule

RULES: list[type[Rule]] = [
    UnknownTopLevelField,
    InvalidStateType,
    FieldNotAllowedForType,
    StateNameTooLong,
    FieldType,
    VersionValue,
]
