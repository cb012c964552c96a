"""Conformance with the public fixtures of other ASL validators (skipped without the corpus).

Per source: how many fixtures, how many we agree with — a valid fixture with no error finding,
an invalid one with at least one.  The table is in docs/conformance.md and must match what
this test computes (``ASLLINT_UPDATE_DOCS=1`` rewrites it).  The share of invalid fixtures we
catch may only go up: ``INVALID_FLOOR`` is raised as rules land (the goal is 0.97).
"""

from __future__ import annotations

import json
import os
from collections import defaultdict
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from test_corpus import CORPUS, ENTRIES, EXPECTED_CONFORMANCE
from test_rule_fixtures import lint

from asllint.rule import Severity

if not (CORPUS / "MANIFEST.json").is_file():  # pragma: no cover - test_corpus skips the module first
    pytest.skip("no corpus", allow_module_level=True)

DOC = Path(__file__).parents[1] / "docs" / "conformance.md"
START, END = "<!-- conformance table -->\n", "<!-- /conformance table -->"
LOCATION_START, LOCATION_END = "<!-- location table -->\n", "<!-- /location table -->"
#: the share of invalid JSON and YAML fixtures that raise an error; only ever raised
INVALID_FLOOR = 0.974
#: the share of located expectations (a peer's range or JSON Pointer) that an error of ours meets
LOCATION_FLOOR = 0.93

FIXTURES = [
    e
    for e in ENTRIES
    if e["category"] == "conformance" and e["kind"] == "definition" and e["expected_verdict"] in ("valid", "invalid")
]


BY_PATH = {entry["path"]: entry for entry in FIXTURES}


def source(path: str) -> tuple[str, bytes]:
    """The file to lint for a fixture: the definition itself, or, when the peer tested it inside
    a template with ``DefinitionSubstitutions`` (the manifest records them), that template, so
    that a ``${name}`` the substitutions do not define is read as CloudFormation leaves it."""
    file = CORPUS / path
    entry = BY_PATH.get(path, {})
    if "definition_substitutions" not in entry:
        return file.name, file.read_bytes()
    properties = {
        "DefinitionSubstitutions": entry["definition_substitutions"],
        "Definition": json.loads(file.read_bytes()),
    }
    template = {"Resources": {"StateMachine": {"Type": "AWS::StepFunctions::StateMachine", "Properties": properties}}}
    return "template.json", json.dumps(template, indent=2).encode()


@cache
def errors(path: str) -> frozenset[str]:
    return frozenset(f.rule for f in lint(*source(path)) if f.severity >= Severity.ERROR)


def agrees(entry: dict[str, Any]) -> bool:
    found = errors(entry["path"])
    if entry["expected_verdict"] == "invalid":
        return bool(found)
    return found == EXPECTED_CONFORMANCE.get(entry["path"], (frozenset(), ""))[0]


def table() -> str:
    """Per source and verdict: fixtures, agreed, and how many of the agreed valid ones raise an error
    that ``EXPECTED_CONFORMANCE`` explains (Step Functions refuses them; the peer does not check)."""
    rows: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0])
    for entry in FIXTURES:
        if entry["parse_format"] == "json5":
            continue  # counted apart: they only parse as JSON5 (see test_json5_fixtures_get_one_finding)
        row = rows[entry["peer"], entry["expected_verdict"]]
        row[0] += 1
        row[1] += agrees(entry)
        row[2] += entry["expected_verdict"] == "valid" and entry["path"] in EXPECTED_CONFORMANCE
    lines = [
        "| source | verdict | fixtures | agreed | share | explained |",
        "|---|---|---:|---:|---:|---:|",
    ]
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for (peer, verdict), counts in sorted(rows.items()):
        lines.append(_row(peer, verdict, counts))
        totals[verdict] = [a + b for a, b in zip(totals[verdict], counts, strict=True)]
    for verdict, counts in sorted(totals.items()):
        lines.append(_row("**all**", verdict, counts))
    return "\n".join(lines) + "\n"


def _row(peer: str, verdict: str, counts: list[int]) -> str:
    count, agreed, explained = counts
    return f"| {peer} | {verdict} | {count} | {agreed} | {agreed / count:.1%} | {explained if verdict == 'valid' else ''} |"


def _pointer(text: str) -> str:
    return "" if text == "/" else text


def placement(entry: dict[str, Any], expected: dict[str, Any]) -> str:
    """Where our errors are against one error the peer expects: ``same`` (the same line as the
    peer's range, or the same JSON Pointer), ``near`` (a pointer above or below the peer's, e.g.
    the state where the peer names its field) or ``elsewhere``."""
    found = lint_errors(entry["path"])
    if "start" in expected:
        return "same" if any(f.line == expected["start"][0] + 1 for f in found) else "elsewhere"
    want = _pointer(expected["pointer"])
    paths = [f.path or "" for f in found]
    if want in paths:
        return "same"
    if any(p.startswith(want + "/") or want.startswith(p + "/") for p in paths):
        return "near"
    return "elsewhere"


@cache
def lint_errors(path: str) -> tuple[Any, ...]:
    return tuple(f for f in lint(*source(path)) if f.severity >= Severity.ERROR)


LOCATED = [
    (entry, expected)
    for entry in FIXTURES
    if entry["expected_verdict"] == "invalid" and entry["parse_format"] != "json5"
    for expected in entry["expected_errors"]
    if "start" in expected or "pointer" in expected
]


def location_table() -> str:
    rows: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for entry, expected in LOCATED:
        rows[entry["peer"]][placement(entry, expected)] += 1
    lines = [
        "| source | located errors | same place | near | elsewhere |",
        "|---|---:|---:|---:|---:|",
    ]
    totals: dict[str, int] = defaultdict(int)
    for peer, counts in sorted(rows.items()):
        total = sum(counts.values())
        lines.append(f"| {peer} | {total} | {counts['same']} | {counts['near']} | {counts['elsewhere']} |")
        for key in ("same", "near", "elsewhere"):
            totals[key] += counts[key]
    lines.append(f"| **all** | {len(LOCATED)} | {totals['same']} | {totals['near']} | {totals['elsewhere']} |")
    return "\n".join(lines) + "\n"


def test_errors_are_where_the_peers_put_them() -> None:
    placed = [placement(entry, expected) for entry, expected in LOCATED]
    share = sum(p != "elsewhere" for p in placed) / len(placed)
    elsewhere = [
        f"{entry['path']}: {expected}" for (entry, expected), p in zip(LOCATED, placed, strict=True) if p == "elsewhere"
    ]
    print(f"\nlocated errors met: {share:.1%}\n" + "\n".join(elsewhere))
    assert share >= LOCATION_FLOOR


def test_every_valid_fixture_is_quiet_or_explained() -> None:
    wrong = [
        f"{e['path']}: {sorted(errors(e['path']))}"
        for e in FIXTURES
        if e["expected_verdict"] == "valid" and e["parse_format"] != "json5" and not agrees(e)
    ]
    assert not wrong, "\n".join(wrong)


def test_the_share_of_invalid_fixtures_caught_does_not_fall() -> None:
    invalid = [e for e in FIXTURES if e["expected_verdict"] == "invalid" and e["parse_format"] != "json5"]
    share = sum(agrees(e) for e in invalid) / len(invalid)
    print(f"\ninvalid fixtures caught: {share:.1%}")
    assert share >= INVALID_FLOOR


def test_json5_fixtures_get_one_located_finding() -> None:
    for entry in FIXTURES:
        if entry["parse_format"] == "json5" and entry["expected_verdict"] == "valid":
            file = CORPUS / entry["path"]
            found = lint(file.name, file.read_bytes())
            assert [f.rule for f in found] == ["ASL001"], entry["path"]
            assert found[0].line >= 1 and "JSON" in found[0].message


def _replace(text: str, start: str, end: str, body: str) -> str:
    head, _, rest = text.partition(start)
    _, _, tail = rest.partition(end)
    return head + start + body + end + tail


def test_the_docs_show_the_current_table() -> None:
    text = DOC.read_text(encoding="utf-8")
    current = _replace(text, START, END, table())
    current = _replace(current, LOCATION_START, LOCATION_END, location_table())
    if os.environ.get("ASLLINT_UPDATE_DOCS") == "1":
        DOC.write_text(current, encoding="utf-8")
        text = current
    print("\n" + table())
    assert text == current, "docs/conformance.md is out of date: ASLLINT_UPDATE_DOCS=1 pytest tests/test_conformance.py"


def test_the_readme_quotes_the_current_numbers() -> None:
    invalid = [e for e in FIXTURES if e["expected_verdict"] == "invalid" and e["parse_format"] != "json5"]
    valid = [e for e in FIXTURES if e["expected_verdict"] == "valid" and e["parse_format"] != "json5"]
    caught = sum(agrees(e) for e in invalid)
    placed = sum(placement(entry, expected) != "elsewhere" for entry, expected in LOCATED)
    readme = " ".join((Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8").split())
    assert f"any of their {len(valid)} valid fixtures" in readme
    assert f"an error on {caught} of their {len(invalid)} invalid ones" in readme
    assert f"next to it for {placed} of {len(LOCATED)}" in readme


def test_the_manifest_is_what_the_table_reads() -> None:
    manifest = json.loads((CORPUS / "MANIFEST.json").read_text(encoding="utf-8"))
    assert len(FIXTURES) > 600 and manifest["files"]
