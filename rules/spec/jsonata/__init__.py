"""ASL8xx: query languages and JSONata."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from asllint import Rule

RULES: list[type[Rule]] = []
