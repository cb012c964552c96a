"""``--format json``: one JSON document for editors and scripts.

The shape is described by ``asllint/schemas/report.schema.json`` and versioned by
``version``; it changes only with a changelog entry.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from asllint.reporters import Reporter

if TYPE_CHECKING:
    from asllint.document import SourceText
    from asllint.finding import Finding
    from asllint.reporters import Summary

#: The version of the report format (``version`` in the output).
FORMAT_VERSION = "1"


class JsonReporter(Reporter):
    """All findings of the run in one object: ``{"version", "tool", "findings", "summary"}``."""

    def start(self) -> None:
        self._findings: list[dict[str, object]] = []

    def handle(self, finding: Finding, source: SourceText | None) -> None:
        self._findings.append(finding.to_dict())

    def finish(self, summary: Summary) -> None:
        from asllint import __version__

        report = {
            "version": FORMAT_VERSION,
            "tool": {"name": "asllint", "version": __version__, "columns": "unicode-code-points"},
            "findings": self._findings,
            "summary": summary.to_dict(),
        }
        # ASCII escapes: a lone surrogate in a state name must not break the report
        json.dump(report, self.stream, indent=2, ensure_ascii=True)
        self.stream.write("\n")
