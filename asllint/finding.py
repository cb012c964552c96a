"""A finding: everything a reporter needs, decided and located."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from asllint.rule import Severity


@dataclass(frozen=True, slots=True)
class Finding:
    """One reported problem.

    Lines and columns are 1-based; columns count Unicode code points; ``end_*`` is the
    position just past the value.  ``offset``/``end_offset`` count code points from the start
    of the decoded text.  ``path`` is the RFC 6901 JSON Pointer of the value.
    """

    rule: str
    name: str
    severity: Severity
    message: str
    file: str
    line: int
    column: int
    end_line: int
    end_column: int
    path: str = ""
    state: str | None = None
    url: str = ""
    offset: int = 0
    end_offset: int = 0
    #: for a finding on the n-th (0-based) occurrence of a duplicated key, n; else 0
    occurrence: int = 0
    #: for a definition inside a template: the state machine's logical id, and the JSON Pointer
    #: of the template property that holds the definition (``path`` is within the definition)
    resource: str | None = None
    resource_path: str | None = None
    sort_key: tuple[object, ...] = field(default=(), compare=False, repr=False)

    @property
    def fingerprint(self) -> str:
        """A stable identity made of rule id, file and pointer (not line numbers)."""
        import hashlib

        parts = [self.rule, self.file.replace("\\", "/"), self.path]
        if self.resource is not None:
            parts.append(self.resource)
        if self.occurrence:
            parts.append(str(self.occurrence))
        raw = "\0".join(parts)
        return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:32]

    def to_dict(self) -> dict[str, object]:
        """The finding as the JSON report writes it (see ``schemas/report.schema.json``)."""
        return {
            "rule": self.rule,
            "name": self.name,
            "severity": self.severity.label,
            "message": self.message,
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "offset": self.offset,
            "end_offset": self.end_offset,
            "path": self.path,
            "state": self.state,
            "url": self.url,
            "fingerprint": self.fingerprint,
            **({"resource": self.resource, "resource_path": self.resource_path} if self.resource is not None else {}),
        }
