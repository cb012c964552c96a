"""``--format github``: GitHub Actions workflow commands, shown as annotations on the diff.

One line per finding::

    ::error file=F,line=L,col=C,endLine=EL,endColumn=EC,title=ID name::message

escaped as ``@actions/core`` does (``escapeData`` and ``escapeProperty`` in its ``command.ts``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from asllint.reporters import Reporter
from asllint.rule import Severity

if TYPE_CHECKING:
    from asllint.document import SourceText
    from asllint.finding import Finding

#: The workflow command of each severity; GitHub has no "info" annotation, only "notice".
COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    """Escape the message part of a workflow command."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a ``key=value`` property of a workflow command."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


class GithubReporter(Reporter):
    """Each finding as an ``::error``, ``::warning`` or ``::notice`` workflow command."""

    def handle(self, finding: Finding, source: SourceText | None) -> None:
        properties = {
            "file": finding.file,
            "line": finding.line,
            "col": finding.column,
            "endLine": finding.end_line,
            "endColumn": finding.end_column,
            "title": f"{finding.rule} {finding.name}",
        }
        joined = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items())
        self.stream.write(f"::{COMMANDS[finding.severity]} {joined}::{escape_data(finding.message)}\n")
