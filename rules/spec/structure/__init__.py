"""ASL1xx: the structure of a definition, checked against the JSON Schemas in asllint/schemas/asl/."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from asllint import Rule

RULES: list[type[Rule]] = []
