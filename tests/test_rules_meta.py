"""Every registered rule is documented, named and tested the same way; its doc examples are true."""

from __future__ import annotations

import json
import re
import sys
from typing import Any

import pytest
from test_rule_fixtures import RULES_DIR, config_for, lint, noisy, registry

from asllint.rule import Rule, Severity

RULES: dict[str, type[Rule]] = dict(registry().rules)
SECTIONS = ("## What it does", "## Why is this bad?", "## Example", "Use instead:", "## References")
# the opening fence, its language, and the body up to the closing fence (which may follow at once)
FENCE = re.compile(r"^```(?P<lang>[a-z]*)\n(?P<body>(?:.*\n)*?)```", re.MULTILINE)


def engine_emitted(rule: type[Rule]) -> bool:
    return bool(getattr(rule, "engine_emitted", False))


@pytest.fixture(params=sorted(RULES), name="rule")
def _rule(request: pytest.FixtureRequest) -> type[Rule]:
    return RULES[request.param]


def test_rules_are_registered() -> None:
    assert {"ASL001", "ASL101", "ASL201", "LNT001"} <= set(RULES)


def test_identity(rule: type[Rule]) -> None:
    assert re.fullmatch(r"[A-Z]+[0-9]{3}", rule.id)
    assert rule.family() == re.match(r"[A-Z]+", rule.id).group(0)  # type: ignore[union-attr]
    assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", rule.name), rule.name
    assert not rule.name.startswith(("no-", "check-", "disallow-"))
    assert isinstance(rule.severity, Severity)
    assert "".join(part.title() for part in rule.name.split("-")) == rule.__name__


def test_ids_and_names_are_unique() -> None:
    assert len({rule.id for rule in RULES.values()}) == len(RULES)
    assert len({rule.name for rule in RULES.values()}) == len(RULES)
    assert all(rule_id == rule.id for rule_id, rule in RULES.items())


def test_documentation_sections(rule: type[Rule]) -> None:
    doc = rule.documentation()
    positions = [doc.find(section) for section in SECTIONS]
    assert -1 not in positions, f"{rule.id} lacks {[s for s, p in zip(SECTIONS, positions, strict=True) if p < 0]}"
    assert positions == sorted(positions), f"{rule.id}: sections out of order"
    assert rule.summary()
    references = doc.split("## References", 1)[1].strip()
    assert references.startswith("- ")


def test_source_url(rule: type[Rule]) -> None:
    if engine_emitted(rule) and not rule.source_url:
        return
    assert rule.source_url.startswith("https://"), rule.id


def test_fixture_folder(rule: type[Rule]) -> None:
    if engine_emitted(rule):
        return
    folder = RULES_DIR / rule.id
    assert folder.is_dir(), f"{rule.id} has no fixture folder tests/rules/{rule.id}/"
    assert (folder / "bad.expected").is_file()


def example(rule: type[Rule], section: str) -> tuple[str, bytes] | None:
    """The file name and contents that a doc example stands for, or ``None`` when it is prose.

    A JSON state (an object with ``Type``) is wrapped textually in a one-state machine, so
    that duplicated keys survive; anything else is the whole file.  A ``toml`` block is the
    configuration the example needs (see ``test_example_config``), not the example.
    """
    doc = rule.documentation()
    start = doc.index(section) + len(section)
    end = doc.find("Use instead:", start) if section == "## Example" else doc.find("## References", start)
    match = next((m for m in FENCE.finditer(doc[start:end]) if m["lang"] != "toml"), None)
    if match is None:
        return None
    body = match["body"]
    if match["lang"] in ("yaml", "yml"):
        return "example.asl.yaml", body.encode()
    try:
        parsed: Any = json.loads(body)
    except ValueError:
        parsed = None
    if isinstance(parsed, dict) and "Type" in parsed:
        body = '{"StartAt": "Example", "States": {"Example": ' + body + "}}"
    return "example.asl.json", body.encode()


def test_doc_examples(rule: type[Rule]) -> None:
    bad, good = example(rule, "## Example"), example(rule, "Use instead:")
    if bad is None and good is None:
        assert engine_emitted(rule), f"{rule.id}: only engine-emitted rules may show prose examples"
        pytest.skip(f"{rule.id} is emitted by the engine; its examples are prose")
    assert bad is not None and good is not None, f"{rule.id}: give both examples as code or both as prose"
    own = (rule.id,) if rule.opt_in else ()
    settings = config_for(rule.id)
    found = lint(*bad, *own, settings=settings)
    assert rule.id in {f.rule for f in found}, f"{rule.id}: the Example does not raise it: {found}"
    assert noisy(lint(*good, *own, settings=settings), rule.id) == [], (
        f"{rule.id}: the 'Use instead' example is not silent"
    )


def _toml(text: str) -> dict[str, Any]:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib
    return tomllib.loads(text)


def test_example_config(rule: type[Rule]) -> None:
    """A rule that needs configuration for its examples shows it in its Example, once, as the
    ``pyproject.toml`` table, so that ``asllint rule ID`` tells the reader what to configure."""
    if not rule.example_config:
        return
    doc = rule.documentation()
    example_part = doc[doc.index("## Example") : doc.index("Use instead:")]
    shown = [m["body"] for m in FENCE.finditer(example_part) if m["lang"] == "toml"]
    assert len(shown) == 1, f"{rule.id}: show example_config once in the Example, as a toml block"
    assert _toml(shown[0]).get("tool", {}).get("asllint") == _toml(rule.example_config), (
        f"{rule.id}: the Example's toml block is not example_config under [tool.asllint]"
    )
