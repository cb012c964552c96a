"""The rule tables in README.md and docs/ are generated from the registered rules and current."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

SCRIPT = Path(__file__).parents[1] / "scripts" / "rules_table.py"


def test_the_rule_tables_are_current() -> None:
    spec = importlib.util.spec_from_file_location("rules_table", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    for path in module.FILES:
        text = path.read_text(encoding="utf-8")
        assert module.render(text) == text, f"{path.name}: run scripts/rules_table.py"


def test_every_rule_is_in_a_table() -> None:
    from asllint.plugins import load_registry

    tables = "".join(
        p.read_text(encoding="utf-8")
        for p in [SCRIPT.parents[1] / "README.md", *(SCRIPT.parents[1] / "docs").glob("*.md")]
    )
    missing = [rid for rid in load_registry().rules if f"| {rid} |" not in tables]
    assert not missing, f"rules in no docs table: {missing}"
