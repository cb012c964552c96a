"""``--format gitlab``: a GitLab Code Quality report (``artifacts:reports:codequality``).

A JSON array with one object per finding: ``description``, ``check_name`` (the rule id),
``fingerprint``, ``severity`` (GitLab's scale: an error is ``major``, a warning ``minor``, an
info ``info``) and ``location`` (``path`` and 1-based ``lines``, the form GitLab's own
example uses).  GitLab shows
each fingerprint once and compares them between the merge request and its target branch, so
fingerprints are unique within a report and do not depend on line numbers: the finding's own
fingerprint (rule, file, JSON Pointer), and for a second finding with the same one its
message and a count.
"""

from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING

from asllint.reporters import Reporter
from asllint.rule import Severity

if TYPE_CHECKING:
    from asllint.document import SourceText
    from asllint.finding import Finding
    from asllint.reporters import Summary

SEVERITIES = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


class GitlabReporter(Reporter):
    """The findings as a Code Quality JSON array, written as they arrive."""

    def start(self) -> None:
        self.count = 0
        self.seen: dict[str, int] = {}
        self.stream.write("[")

    def handle(self, finding: Finding, source: SourceText | None) -> None:
        fingerprint = finding.fingerprint
        repeat = self.seen.get(fingerprint, 0)
        self.seen[fingerprint] = repeat + 1
        if repeat:
            raw = f"{fingerprint}\0{finding.message}\0{repeat}".encode()
            fingerprint = hashlib.sha256(raw).hexdigest()[:32]
        issue = {
            "description": f"{finding.rule} {finding.message}",
            "check_name": finding.rule,
            "fingerprint": fingerprint,
            "severity": SEVERITIES[finding.severity],
            "location": {
                "path": finding.file.replace("\\", "/"),
                "lines": {"begin": finding.line, "end": finding.end_line},
            },
        }
        self.stream.write(("," if self.count else "") + "\n  " + json.dumps(issue, ensure_ascii=False))
        self.count += 1

    def finish(self, summary: Summary) -> None:
        self.stream.write("\n]\n" if self.count else "]\n")
