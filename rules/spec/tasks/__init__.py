"""ASL9xx: what a Task state may call, its ``Resource``: an ARN, an optimized integration the
service offers, with a pattern it supports."""

from __future__ import annotations

from typing import TYPE_CHECKING

from asllint_rules.spec.tasks.resources import (
    ExpressUnsupportedPattern,
    ResourceNotArn,
    UnknownIntegrationApi,
    UnknownIntegrationService,
    UnsupportedIntegrationPattern,
)

if TYPE_CHECKING:
    from asllint import Rule

RULES: list[type[Rule]] = [
    ResourceNotArn,
    UnknownIntegrationApi,
    UnsupportedIntegrationPattern,
    UnknownIntegrationService,
    ExpressUnsupportedPattern,
]
