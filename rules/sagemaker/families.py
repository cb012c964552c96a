"""One plugin object per rule family, named by the ``asllint`` entry points in pyproject.toml
(``SMI = "asllint_rules.sagemaker.families:SMI"``), as a third-party package would do it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from asllint import hookimpl
from asllint_rules.sagemaker import (
    hosting,
    integration,
    labeling,
    orgpolicy,
    processing,
    reliability,
    security,
    shape_rules,
    training,
    transform,
    tuning,
)

if TYPE_CHECKING:
    from types import ModuleType

    from asllint import Rule


class Family:
    """A plugin that provides the rules of some modules."""

    def __init__(self, *modules: ModuleType) -> None:
        self.modules = modules

    @hookimpl
    def asllint_rules(self) -> list[type[Rule]]:
        return [rule for module in self.modules for rule in module.RULES]


SMI = Family(integration)
SMS = Family(shape_rules)
SMX = Family(training, tuning, processing, transform, hosting, labeling)
CST = Family(reliability)
SEC = Family(security)
POL = Family(orgpolicy)
