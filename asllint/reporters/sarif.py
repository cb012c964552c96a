"""``--format sarif``: a SARIF 2.1.0 log, for GitHub code scanning and other SARIF viewers.

Regions use asllint's 1-based lines and columns as they are: the run declares
``columnKind: unicodeCodePoints`` and SARIF's ``endColumn``, like asllint's, is exclusive.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

from asllint.reporters import Reporter
from asllint.rule import Severity

if TYPE_CHECKING:
    from asllint.document import SourceText
    from asllint.finding import Finding
    from asllint.reporters import Summary

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
#: SARIF ``level`` of each severity (SARIF 2.1.0 §3.27.10 has no "info": it calls it "note").
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def artifact_uri(file: str) -> str:
    """The SARIF ``artifactLocation.uri`` of ``file``: relative as given, forward slashes."""
    if os.path.isabs(file):
        return Path(file).as_uri()
    return quote(file.replace("\\", "/"), safe="/")


def _section(documentation: str, title: str) -> str:
    """The text of the Markdown section ``## title``, on one line ('' when absent)."""
    _, found, rest = documentation.partition(f"## {title}")
    return " ".join(rest.split("\n## ", 1)[0].split()) if found else ""


class SarifReporter(Reporter):
    """One run with a rule descriptor for every rule that has a finding, then the results."""

    def start(self) -> None:
        self._findings: list[Finding] = []

    def handle(self, finding: Finding, source: SourceText | None) -> None:
        self._findings.append(finding)

    def _descriptor(self, finding: Finding) -> dict[str, object]:
        rule = self.registry.rules.get(finding.rule)
        if rule is None:  # a finding of a rule that is not loaded: describe it from the finding alone
            descriptor: dict[str, object] = {"id": finding.rule, "name": finding.name}
            if finding.url:
                descriptor["helpUri"] = finding.url
            return descriptor
        documentation = rule.documentation()
        full = " ".join(filter(None, (_section(documentation, t) for t in ("What it does", "Why is this bad?"))))
        descriptor = {
            "id": rule.id,
            "name": rule.name,
            "shortDescription": {"text": rule.summary()},
            "fullDescription": {"text": full or rule.summary()},
            "help": {"text": documentation, "markdown": documentation},
        }
        if rule.source_url:
            descriptor["helpUri"] = rule.source_url
        descriptor["defaultConfiguration"] = {"level": LEVELS[rule.severity]}
        descriptor["properties"] = {"family": rule.family()}
        return descriptor

    def _result(self, finding: Finding, index: int) -> dict[str, object]:
        location: dict[str, object] = {
            "physicalLocation": {
                "artifactLocation": {"uri": artifact_uri(finding.file)},
                "region": {
                    "startLine": finding.line,
                    "startColumn": finding.column,
                    "endLine": finding.end_line,
                    "endColumn": finding.end_column,
                },
            }
        }
        if finding.path:
            location["logicalLocations"] = [{"fullyQualifiedName": finding.path, "kind": "member"}]
        return {
            "ruleId": finding.rule,
            "ruleIndex": index,
            "level": LEVELS[finding.severity],
            "message": {"text": finding.message},
            "locations": [location],
            "partialFingerprints": {"asllint/v1": finding.fingerprint},
            "properties": {"state": finding.state, "pointer": finding.path},
        }

    def finish(self, summary: Summary) -> None:
        from asllint import __version__

        first: dict[str, Finding] = {}
        for finding in self._findings:
            first.setdefault(finding.rule, finding)
        rule_ids = sorted(first)
        index = {rule_id: i for i, rule_id in enumerate(rule_ids)}
        log = {
            "$schema": SCHEMA,
            "version": "2.1.0",
            "runs": [
                {
                    "tool": {
                        "driver": {
                            "name": "asllint",
                            "version": __version__,
                            "rules": [self._descriptor(first[rule_id]) for rule_id in rule_ids],
                        }
                    },
                    "columnKind": "unicodeCodePoints",
                    "results": [self._result(f, index[f.rule]) for f in self._findings],
                }
            ],
        }
        # ASCII escapes: a name may hold a lone surrogate ("\ud800" in the JSON), which no encoder writes
        json.dump(log, self.stream, indent=2, ensure_ascii=True)
        self.stream.write("\n")
