"""LNT: rules about asllint's own operation (internal errors, suppression markers)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from asllint import hookimpl
from asllint_rules.lnt.internal_error import InternalError
from asllint_rules.lnt.unused_suppression import UnusedSuppression

if TYPE_CHECKING:
    from asllint import Rule


@hookimpl
def asllint_rules() -> list[type[Rule]]:
    return [InternalError, UnusedSuppression]
