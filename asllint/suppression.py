"""Suppression markers in ``Comment`` fields (JSON has no comments of its own).

``"Comment": "Fan-out step. asllint: ignore=ASL203,SMX1"`` in a state silences those rule ids
(or id prefixes) for findings inside that state, nested states included; in the top-level
``Comment`` (or a branch's or processor's) it covers that whole scope.  A bare
``asllint: ignore`` silences every rule there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from asllint.document import Node, Path
    from asllint.statemachine import StateMachine

_MARKER = re.compile(
    r"asllint:\s*ignore(?:\s*=\s*(?P<codes>[A-Za-z0-9]+(?:\s*,\s*[A-Za-z0-9]+)*))?",
    re.IGNORECASE,
)


@dataclass
class Suppression:
    """One marker: where it is written, what it covers, which codes it names (``None``: all)."""

    comment: Node
    scope: Path
    codes: tuple[str, ...] | None
    used: set[str] = field(default_factory=set)

    def matches(self, rule_id: str, path: Path) -> bool:
        """Whether this marker silences ``rule_id`` at ``path`` (and remember that it did)."""
        if path[: len(self.scope)] != self.scope:
            return False
        if self.codes is None:
            self.used.add("*")
            return True
        for code in self.codes:
            if rule_id.startswith(code):
                self.used.add(code)
                return True
        return False

    def unused(self) -> list[str]:
        """The codes (or ``*`` for a bare marker) that silenced nothing."""
        if self.codes is None:
            return [] if self.used else ["*"]
        return [code for code in self.codes if code not in self.used]


def collect(machine: StateMachine) -> list[Suppression]:
    """Every marker in the machine's, the scopes' and the states' ``Comment`` fields."""
    found: list[Suppression] = []
    holders = [(scope.path, scope.field("Comment")) for scope in machine.scopes]
    holders += [(state.path, state.field("Comment")) for state in machine.states]
    for scope_path, comment in holders:
        if comment is None or not isinstance(comment.value, str) or "asllint" not in comment.value.lower():
            continue
        for match in _MARKER.finditer(comment.value):
            codes = match.group("codes")
            parsed = tuple(c.strip().upper() for c in codes.split(",")) if codes else None
            found.append(Suppression(comment, scope_path, parsed))
    # innermost first: the engine credits the first marker that matches, so a finding covered
    # by a state's marker and the top-level one leaves the broad (riskier) one reported unused
    found.sort(key=lambda marker: -len(marker.scope))
    return found
