"""The one decision step between rules and reporters: which rules run on a file, at which
severity, and whether the run fails.

Selection works like ruff's: ``select`` (default: every rule that is not opt-in), then
``extend-select``, then ``ignore``; for each rule the longest matching prefix decides, and an
``ignore`` of the same length as a ``select`` wins.  ``ALL`` selects every rule.  An opt-in
rule runs only when its full id (or an explicit ``ALL``) is selected.
"""

from __future__ import annotations

import fnmatch
import os
from typing import TYPE_CHECKING

from asllint.errors import ConfigError, UsageError

if TYPE_CHECKING:
    from pathlib import Path

    from asllint.config import Settings
    from asllint.rule import Rule, Severity

ALL = "ALL"


def _best(rule_id: str, selectors: tuple[str, ...]) -> int:
    """Length of the longest selector that is a prefix of ``rule_id`` (``ALL`` counts as 0)."""
    best = -1
    for selector in selectors:
        if selector == ALL:
            best = max(best, 0)
        elif rule_id.startswith(selector):
            best = max(best, len(selector))
    return best


def check_selectors(rules: dict[str, type[Rule]], settings: Settings, *, origin: str | None = None) -> None:
    """Refuse selectors that match no rule (a typo would silently select nothing)."""
    for selector, where in settings.selectors():
        if selector == ALL or any(rule_id.startswith(selector) for rule_id in rules):
            continue
        message = f"{where}: {selector!r} matches no rule id; `asllint rules` lists them"
        if origin is None and settings.path is not None:
            raise ConfigError(str(settings.path), message)
        raise UsageError(f"{origin or 'command line'}: {message}")


class Policy:
    """Selection, severity overrides and per-file ignores for the files under one configuration."""

    def __init__(self, rules: dict[str, type[Rule]], settings: Settings) -> None:
        self.rules = rules
        self.settings = settings
        chosen = settings.select if settings.select is not None else (ALL,)
        selected = chosen + settings.extend_select
        self.enabled = frozenset(rid for rid in rules if self._is_selected(rid, selected, settings.ignore))
        self._per_file: dict[tuple[str, ...], frozenset[str]] = {}

    def _is_selected(self, rule_id: str, selected: tuple[str, ...], ignored: tuple[str, ...]) -> bool:
        rule = self.rules[rule_id]
        if rule.opt_in:
            # an opt-in rule runs only when a selector written by the user picks it: its id, a
            # prefix such as its family (``SEC``), or ``ALL``; the default selection does not
            named = (*(self.settings.select or ()), *self.settings.extend_select)
            if not any(s == ALL or rule_id.startswith(s) for s in named):
                return False
        take, drop = _best(rule_id, selected), _best(rule_id, ignored)
        return take >= 0 and take > drop

    def enabled_for(self, file: Path) -> frozenset[str]:
        """The ids of the rules that run on ``file``, after per-file ignores."""
        if not self.settings.per_file_ignores:
            return self.enabled
        rel = os.path.relpath(os.path.abspath(file), self.settings.root).replace(os.sep, "/")
        name = os.path.basename(rel)
        ignored: list[str] = []
        for glob, codes in self.settings.per_file_ignores.items():
            target = rel if "/" in glob else name
            if fnmatch.fnmatchcase(target, glob):
                ignored.extend(codes)
        key = tuple(sorted(ignored))
        if not key:
            return self.enabled
        found = self._per_file.get(key)
        if found is None:
            found = self._per_file[key] = frozenset(rid for rid in self.enabled if _best(rid, key) < 0)
        return found

    def severity(self, rule_id: str) -> Severity:
        """The severity of ``rule_id``: its default unless overridden (longest prefix wins)."""
        overrides = self.settings.severity
        if overrides:
            matching = (s for s in overrides if rule_id.startswith(s) or s == ALL)
            best = max(matching, key=lambda s: 0 if s == ALL else len(s), default=None)  # ALL is the shortest
            if best is not None:
                return overrides[best]
        return self.rules[rule_id].severity
