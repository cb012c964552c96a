"""Runs the rules on one file: load, build the state-machine view, check, locate, suppress."""

from __future__ import annotations

import gc
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from asllint import suppression, templates
from asllint.document import format_pointer
from asllint.finding import Finding
from asllint.parse import LoadFailure, load
from asllint.rule import Rule, Severity, Violation
from asllint.statemachine import StateMachine

if TYPE_CHECKING:
    from collections.abc import Callable

    from asllint.document import Document, SourceText
    from asllint.plugins import Registry
    from asllint.policy import Policy

#: Reported when a rule raises; always on, whatever the selection.
INTERNAL_ERROR = "LNT001"
#: Reported for suppression markers that silence nothing (opt-in).
UNUSED_SUPPRESSION = "LNT002"


@dataclass
class FileResult:
    """The findings of one file, sorted, and its text for reporters that quote it."""

    name: str
    findings: list[Finding] = field(default_factory=list)
    source: SourceText | None = None
    #: the file could not be read or parsed
    failed: bool = False
    #: a rule raised while checking it
    crashed: bool = False
    #: found by content in a folder walk, it turned out to hold no state machine: not checked
    skipped: bool = False
    #: the text of other files its findings point into (a template's ``DefinitionUri`` files)
    sources: dict[str, SourceText] = field(default_factory=dict)

    def source_for(self, finding: Finding) -> SourceText | None:
        """The text of the file ``finding`` points into, for reporters that quote it."""
        if finding.file == self.name:
            return self.source
        return self.sources.get(finding.file)


class Engine:
    """Checks files with the rules of a :class:`~asllint.plugins.Registry`."""

    def __init__(self, registry: Registry, read: Callable[[str], Document | LoadFailure] | None = None) -> None:
        self.registry = registry
        #: loads a file that a template names (``DefinitionUri``), given its path
        self.read = read or _read
        self._instances: dict[str, Rule] = {}

    def _rule(self, rule_id: str) -> Rule:
        instance = self._instances.get(rule_id)
        if instance is None:
            instance = self._instances[rule_id] = self.registry.rules[rule_id]()
        return instance

    def _meta(self, rule_id: str, policy: Policy) -> tuple[str, Severity, str]:
        rule = self.registry.rules.get(rule_id)
        if rule is None:
            return rule_id, Severity.ERROR, ""
        return rule.name, policy.severity(rule_id), rule.source_url

    def check_bytes(
        self,
        name: str,
        data: bytes | Callable[[], bytes],
        policy: Policy,
        enabled: frozenset[str],
        fmt: str | None = None,
        *,
        sniffed: bool = False,
    ) -> FileResult:
        """Check the contents of file ``name`` (``data``: bytes, or a function reading them).

        :param enabled: the rule ids to run (from :meth:`Policy.enabled_for`).
        :param sniffed: the file was picked by its content, not its name: when it is neither a
            template declaring a state machine nor a definition (CDK's ``tree.json`` mentions
            the resource type), it is skipped rather than reported as a bad definition.
        """
        loaded = load(name, data, fmt)
        if isinstance(loaded, LoadFailure):
            return self.failure(name, loaded, policy, enabled)
        if sniffed and not templates.kind_of(loaded.value) and not _definition_like(loaded.value):
            return FileResult(name, skipped=True)
        return self.check_document(loaded, policy, enabled)

    def failure(self, name: str, failure: LoadFailure, policy: Policy, enabled: frozenset[str]) -> FileResult:
        """The result for a file that could not be read or parsed."""
        result = FileResult(name, source=failure.source, failed=True)
        if failure.rule_id not in enabled:
            return result
        rule_name, severity, url = self._meta(failure.rule_id, policy)
        from asllint.document import Position

        start = end = Position(1, 1, 0)
        if failure.source is not None and failure.offset is not None:
            start = failure.source.position(failure.offset)
            end = failure.source.position(failure.offset + 1)
        result.findings.append(
            Finding(
                failure.rule_id,
                rule_name,
                severity,
                failure.message,
                name,
                start.line,
                start.column,
                end.line,
                end.column,
                url=url,
                offset=start.offset,
                end_offset=end.offset,
            )
        )
        return result

    def check_document(self, document: Document, policy: Policy, enabled: frozenset[str]) -> FileResult:
        """Run every enabled rule on a parsed document.

        The cyclic garbage collector is paused meanwhile: rules allocate many small objects
        and no cycles, and each collection would scan the whole value tree of a large file
        (it was a third of the time on a 10,000-state definition)."""
        collecting = gc.isenabled()
        gc.disable()
        try:
            return self._check_document(document, policy, enabled)
        finally:
            if collecting:
                gc.enable()

    def _check_document(self, document: Document, policy: Policy, enabled: frozenset[str]) -> FileResult:
        result = FileResult(document.name, source=document.source)
        found = templates.find(document, self.read) if templates.kind_of(document.value) else None
        if found is None:
            result.findings = self._check_machine(
                StateMachine(document, settings=policy.settings), policy, enabled, result
            )
            return result
        result.sources.update(found.sources)
        findings: list[Finding] = []
        for embedded in found.machines:
            machine = StateMachine(embedded.document, embedded.path, settings=policy.settings, template=embedded)
            findings.extend(self._check_machine(machine, policy, enabled, result))
        for note in found.notes:
            if note.rule_id in enabled:
                blank = StateMachine(note.node.document, note.node.path, settings=policy.settings)
                findings.append(
                    self._finding(note.rule_id, Violation(note.node, note.message, on_key=note.on_key), blank, policy)
                )
        findings.sort(key=lambda f: (f.file != document.name, f.file, f.sort_key))
        result.findings = findings
        return result

    def _check_machine(
        self, machine: StateMachine, policy: Policy, enabled: frozenset[str], result: FileResult
    ) -> list[Finding]:
        document = machine.document
        located: list[tuple[str, Violation]] = []
        for rule_id in sorted(enabled):
            rule = self._rule(rule_id)
            try:
                located.extend((rule_id, v) for v in rule.check(machine))
            except Exception as exc:  # noqa: BLE001 - a failing rule must not stop the others: report it as a finding
                result.crashed = True
                plugin = self.registry.rule_plugin.get(rule_id)
                origin = f" from {plugin.label}" if plugin else ""
                located.append(
                    (
                        INTERNAL_ERROR,
                        Violation(
                            machine.node if machine.template is not None else document.root,
                            f"rule {rule_id} ({rule.name}){origin} failed on this file with "
                            f"{type(exc).__name__}: {exc}; the other rules ran; report this to the rule's authors",
                        ),
                    )
                )
        markers = suppression.collect(machine) if located or UNUSED_SUPPRESSION in enabled else []
        findings = []
        for rule_id, violation in located:
            path = violation.node.path
            if rule_id != INTERNAL_ERROR and any(m.matches(rule_id, path) for m in markers):
                continue
            findings.append(self._finding(rule_id, violation, machine, policy))
        if UNUSED_SUPPRESSION in enabled:
            for marker in markers:
                for code in marker.unused():
                    what = "`asllint: ignore`" if code == "*" else f"the suppression of {code}"
                    violation = Violation(marker.comment, f"{what} in this Comment silences no finding; remove it")
                    findings.append(self._finding(UNUSED_SUPPRESSION, violation, machine, policy))
        findings.sort(key=lambda f: f.sort_key)
        return findings

    def _finding(self, rule_id: str, violation: Violation, machine: StateMachine, policy: Policy) -> Finding:
        node = violation.node
        span = node.document.span(node.path, key=violation.on_key, occurrence=violation.occurrence)
        state = machine.state_at(node.path)
        rule_name, severity, url = self._meta(rule_id, policy)
        pointer = node.pointer
        source_path = getattr(node.document.locator, "source_path", None)
        if source_path is not None:  # a document built from another's values (a Terraform policy block)
            pointer = format_pointer(source_path(node.path))
        embedded = machine.template
        resource = resource_path = None
        if embedded is not None:
            resource, resource_path = embedded.logical_id, embedded.resource_pointer
            if node.document is machine.document and node.path[: len(machine.path)] == machine.path:
                pointer = format_pointer(node.path[len(machine.path) :])
        return Finding(
            rule_id,
            rule_name,
            severity,
            violation.message,
            node.document.name,
            span.start.line,
            span.start.column,
            span.end.line,
            span.end.column,
            path=pointer,
            state=state.name if state is not None else None,
            url=url,
            offset=span.start.offset,
            end_offset=span.end.offset,
            occurrence=violation.occurrence if violation.on_key and violation.occurrence > 0 else 0,
            resource=resource,
            resource_path=resource_path,
            sort_key=(span.start.offset, span.end.offset, rule_id, pointer, violation.message),
        )


def _read(path: str) -> Document | LoadFailure:
    """Load another file a template names (a ``DefinitionUri``)."""
    from pathlib import Path

    return load(path, Path(path).read_bytes)


def _definition_like(value: object) -> bool:
    return isinstance(value, dict) and ("StartAt" in value or "States" in value)
