"""ASL4xx-ASL7xx: what each state type requires: Choice, Wait, Fail, Retry and Catch, Parallel, Map, timeouts."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from asllint import Rule

RULES: list[type[Rule]] = []
