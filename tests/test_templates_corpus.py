"""Every template of the shared corpus (skipped without it): read without an error of asllint's
own, the state machines found match MANIFEST.json, and the table in docs/templates.md is what
this computes (``ASLLINT_UPDATE_DOCS=1`` rewrites it).

The corpus keeps templates under ``templates/`` and the definition files they name under
``real/`` (or, for byte-identical copies, once, listed as ``duplicates``); the reader used here
follows a ``DefinitionUri`` there, as a checkout would have it next to the template.
"""

from __future__ import annotations

import os
from collections import Counter, defaultdict
from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from test_corpus import CORPUS, ENTRIES
from test_rule_fixtures import registry

from asllint import templates
from asllint.config import Settings
from asllint.engine import Engine, FileResult
from asllint.parse import LoadFailure, load
from asllint.policy import Policy

if TYPE_CHECKING:
    from asllint.document import Document

TEMPLATES = [e for e in ENTRIES if e["kind"] == "template"]
DOC = Path(__file__).parents[1] / "docs" / "templates.md"
START, END = "<!-- template corpus -->\n", "<!-- /template corpus -->"
# a duplicate's place in its repository -> the copy the corpus kept
_KEPT = {(d["repo"].replace("/", "--"), d["path"]): e["path"] for e in ENTRIES for d in e.get("duplicates") or []}


def _read(path: str) -> Document | LoadFailure:
    """A file a template names: beside it, else where the corpus keeps it (``real/``)."""
    file = Path(path)
    if not file.exists():
        relative = file.relative_to(CORPUS / "templates") if file.is_relative_to(CORPUS / "templates") else None
        if relative is not None:
            repo, _, rest = str(relative).partition(os.sep)
            for candidate in (CORPUS / "real" / relative, CORPUS / _KEPT.get((repo, rest), "-")):
                if candidate.is_file():
                    return load(str(candidate), candidate.read_bytes())
    return load(path, lambda: Path(path).read_bytes())


@cache
def _engine() -> Engine:
    return Engine(registry(), read=_read)


@cache
def _policy() -> Policy:
    return Policy(registry().rules, replace(Settings(), select=None))


@cache
def result(path: str) -> FileResult:
    file = CORPUS / path
    policy = _policy()
    return _engine().check_bytes(str(file), file.read_bytes(), policy, policy.enabled_for(file))


def declared(entry: dict[str, Any]) -> list[str]:
    file = CORPUS / entry["path"]
    loaded = load(str(file), file.read_bytes())
    if isinstance(loaded, LoadFailure):
        return []
    found = templates.find(loaded, _read)
    return found.declared if found is not None else []


def _source(entry: dict[str, Any]) -> str:
    return str(entry.get("template_format") or "unreadable")


def table() -> str:
    rows: dict[str, Counter[str]] = defaultdict(Counter)
    by_rule: Counter[str] = Counter()
    for entry in TEMPLATES:
        row = rows[_source(entry)]
        row["templates"] += 1
        found = result(entry["path"])
        if found.failed:
            row["unreadable"] += 1
        row["state machines"] += len(declared(entry))
        for finding in found.findings:
            by_rule[finding.rule] += 1
            if finding.rule == "TPL001":
                row["not checkable"] += 1
            elif finding.rule == "TPL003":
                row["file missing"] += 1
    lines = [
        "| source | templates | unreadable | state machines | not checkable (S3, computed) | definition file missing |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    total: Counter[str] = Counter()
    for source, row in sorted(rows.items()):
        total.update(row)
        lines.append(
            f"| {source} | {row['templates']} | {row['unreadable']} | {row['state machines']} | "
            f"{row['not checkable']} | {row['file missing']} |"
        )
    lines.append(
        f"| **all** | {total['templates']} | {total['unreadable']} | {total['state machines']} | "
        f"{total['not checkable']} | {total['file missing']} |"
    )
    lines += ["", "| rule | findings |", "|---|---:|"]
    lines += [f"| {rule} | {count} |" for rule, count in sorted(by_rule.items())]
    return "\n".join(lines) + "\n"


def test_every_template_is_read_without_an_error_of_our_own() -> None:
    assert len(TEMPLATES) == 302
    crashed = [e["path"] for e in TEMPLATES if result(e["path"]).crashed]
    assert crashed == []
    unreadable = [e["path"] for e in TEMPLATES if result(e["path"]).failed]
    assert {e["path"] for e in TEMPLATES if e["parse_status"] != "ok"} == set(unreadable)
    for path in unreadable:
        (finding,) = result(path).findings
        assert finding.rule == "ASL002" and finding.line > 1


def test_the_state_machines_found_match_the_manifest() -> None:
    wrong = [
        (e["path"], len(e["state_machines"]), len(declared(e)))
        for e in TEMPLATES
        if e["parse_status"] == "ok" and sorted(declared(e)) != sorted(s["logical_id"] for s in e["state_machines"])
    ]
    assert wrong == []


def test_sam_state_machine_errors_are_reported() -> None:
    """Every SAM translator input that SAM refuses gets an error of ours at what it refuses; no
    other template gets a TPL005."""
    definition = {
        "error_state_machine_definition_string": "TPL002",
        "error_state_machine_invalid_s3_object": "TPL002",
        "error_state_machine_invalid_s3_string": "TPL003",
    }
    sam_inputs = "templates/aws--serverless-application-model/tests/translator/input/"
    refused = [e for e in TEMPLATES if e["path"].startswith(sam_inputs + "error_")]
    assert len(refused) == 20
    for entry in refused:
        name = entry["path"].removeprefix(sam_inputs).removesuffix(".yaml")
        rules = {f.rule for f in result(entry["path"]).findings}
        assert definition.get(name, "TPL005") in rules, name
    # SAM counts 4 errors in this input; we report the same 4
    schedules = [f for f in result(sam_inputs + "error_state_machine_schedulev2.yaml").findings if f.rule == "TPL005"]
    assert len(schedules) == 4
    others = [
        e["path"] for e in TEMPLATES if e not in refused and "TPL005" in {f.rule for f in result(e["path"]).findings}
    ]
    assert others == []


def test_the_docs_show_the_current_table() -> None:
    text = DOC.read_text(encoding="utf-8")
    head, _, rest = text.partition(START)
    _, _, tail = rest.partition(END)
    current = head + START + table() + END + tail
    if os.environ.get("ASLLINT_UPDATE_DOCS") == "1":
        DOC.write_text(current, encoding="utf-8")
        text = current
    print("\n" + table())
    assert text == current, (
        "docs/templates.md is out of date: ASLLINT_UPDATE_DOCS=1 pytest tests/test_templates_corpus.py"
    )


if not (CORPUS / "MANIFEST.json").is_file():  # pragma: no cover - test_corpus skips the module first
    pytest.skip("no corpus", allow_module_level=True)
