"""One parametrized test over ``tests/rules/<ID>/``: each bad file gives exactly its expected findings,
each good file gives none under every rule.  A folder is checked with its rule's ``example_config``
(the defaults for most rules).

``ASLLINT_UPDATE_FIXTURES=1`` rewrites every ``bad.expected`` from the current findings; review
the diff like code.
"""

from __future__ import annotations

import os
import sys
from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from asllint.config import Settings, parse_table
from asllint.engine import Engine
from asllint.plugins import Registry, load_registry
from asllint.policy import Policy
from asllint.rule import Severity

if TYPE_CHECKING:
    from asllint.finding import Finding

RULES_DIR = Path(__file__).parent / "rules"
UPDATE = os.environ.get("ASLLINT_UPDATE_FIXTURES") == "1"


@cache
def registry() -> Registry:
    return load_registry()


@cache
def _engine() -> Engine:
    return Engine(registry())


def lint(name: str, data: bytes, *extra: str, settings: Settings | None = None) -> list[Finding]:
    """Every finding of every rule on file ``name``; opt-in rules only when named in ``extra``.

    :param settings: the options rules read (``config_for``); the selection is always the above.
    """
    # the default selection (every rule that is not opt-in) plus what ``extra`` names
    policy = Policy(registry().rules, replace(settings or Settings(), select=None, extend_select=extra))
    return _engine().check_bytes(name, data, policy, policy.enabled_for(Path(name))).findings


@cache
def config_for(rule_id: str) -> Settings:
    """The settings that rule ``rule_id``'s examples and fixtures are checked with: its
    ``example_config`` read as the ``[tool.asllint]`` table of a ``pyproject.toml``."""
    rule = registry().rules.get(rule_id)
    text = rule.example_config if rule is not None else ""
    if not text:
        return Settings()
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib
    settings = parse_table(Path("pyproject.toml"), tomllib.loads(text))
    assert settings.select is None and settings.ignore == (), f"{rule_id}: example_config must not select rules"
    return replace(settings, path=None)


def render(finding: Finding) -> str:
    """``ID line:col-endline:endcol pointer``; a finding on the whole file has the pointer ``/``."""
    return (
        f"{finding.rule} {finding.line}:{finding.column}-{finding.end_line}:{finding.end_column} {finding.path or '/'}"
    )


def opt_in_for(rule_id: str) -> tuple[str, ...]:
    """Opt-in rules run only when selected by id: a fixture folder selects its own rule."""
    rule = registry().rules.get(rule_id)
    return (rule_id,) if rule is not None and rule.opt_in else ()


def fixture_file(folder: Path, stem: str) -> Path:
    found = sorted(folder.glob(f"{stem}.asl.*"))
    assert len(found) == 1, f"{folder} needs exactly one {stem}.asl.json or {stem}.asl.yaml"
    return found[0]


FOLDERS = sorted(p for p in RULES_DIR.iterdir() if p.is_dir()) if RULES_DIR.is_dir() else []


@pytest.mark.parametrize("folder", FOLDERS, ids=[p.name for p in FOLDERS])
def test_bad_fixture(folder: Path) -> None:
    rule_id = folder.name
    assert rule_id in registry().rules, f"no registered rule {rule_id} for {folder}"
    bad = fixture_file(folder, "bad")
    actual = [render(f) for f in lint(bad.name, bad.read_bytes(), *opt_in_for(rule_id), settings=config_for(rule_id))]
    expected_file = folder / "bad.expected"
    if UPDATE:
        expected_file.write_text("".join(line + "\n" for line in actual), encoding="utf-8")
    expected = expected_file.read_text(encoding="utf-8").splitlines()
    assert actual == expected
    assert any(line.split(" ", 1)[0] == rule_id for line in actual), f"{bad} does not trigger {rule_id}"


def noisy(findings: list[Finding], rule_id: str) -> list[str]:
    """What a good example must not raise: its own rule at all, any other rule that is on by
    default at warning or error.  Advice (info) from other rules is allowed, so that a
    realistic SageMaker state need not satisfy every recommendation to illustrate one rule."""
    return [render(f) for f in findings if f.rule == rule_id or f.severity >= Severity.WARNING]


@pytest.mark.parametrize("folder", FOLDERS, ids=[p.name for p in FOLDERS])
def test_good_fixture(folder: Path) -> None:
    good = fixture_file(folder, "good")
    found = lint(good.name, good.read_bytes(), *opt_in_for(folder.name), settings=config_for(folder.name))
    assert noisy(found, folder.name) == []
