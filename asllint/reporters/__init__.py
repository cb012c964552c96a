"""Reporters turn findings into an output format; they decide nothing.

Every format is a plugin: this package is itself registered in the ``asllint`` entry point
group and names its reporters lazily, so a run imports only the one it uses.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TextIO

from asllint.hookspecs import hookimpl

if TYPE_CHECKING:
    from collections.abc import Mapping

    from asllint.document import SourceText
    from asllint.finding import Finding
    from asllint.hookspecs import ReporterRef
    from asllint.plugins import Registry


@dataclass
class Options:
    """What the command line tells a reporter about presentation."""

    color: bool = False
    quiet: bool = False
    statistics: bool = False


@dataclass
class Summary:
    """Totals of a run, given to :meth:`Reporter.finish`."""

    files: int = 0
    files_with_findings: int = 0
    files_failed: int = 0
    by_severity: Counter[str] = field(default_factory=Counter)
    by_rule: Counter[str] = field(default_factory=Counter)
    rule_names: dict[str, str] = field(default_factory=dict)

    @property
    def findings(self) -> int:
        return sum(self.by_severity.values())

    def add(self, finding: Finding) -> None:
        self.by_severity[finding.severity.label] += 1
        self.by_rule[finding.rule] += 1
        self.rule_names[finding.rule] = finding.name

    def to_dict(self) -> dict[str, object]:
        return {
            "files": self.files,
            "files_with_findings": self.files_with_findings,
            "files_failed": self.files_failed,
            "findings": self.findings,
            "by_severity": {s: self.by_severity.get(s, 0) for s in ("error", "warning", "info")},
            "by_rule": dict(sorted(self.by_rule.items())),
        }


class Reporter:
    """Base class of reporters: ``start()``, ``handle()`` per finding, ``finish()``.

    Findings arrive file by file, in output order.  A reporter writes only to ``stream``.
    """

    def __init__(self, stream: TextIO, options: Options, registry: Registry) -> None:
        self.stream = stream
        self.options = options
        self.registry = registry

    def start(self) -> None:
        """Called once before the first file."""

    def handle(self, finding: Finding, source: SourceText | None) -> None:
        """Called for each finding; ``source`` is the file's text when it could be decoded."""

    def finish(self, summary: Summary) -> None:
        """Called once after the last file."""


@hookimpl
def asllint_reporters() -> Mapping[str, ReporterRef]:
    return {
        "text": "asllint.reporters.text:TextReporter",
        "json": "asllint.reporters.json:JsonReporter",
        "sarif": "asllint.reporters.sarif:SarifReporter",
        "github": "asllint.reporters.github:GithubReporter",
        "junit": "asllint.reporters.junit:JunitReporter",
        "gitlab": "asllint.reporters.gitlab:GitlabReporter",
    }
