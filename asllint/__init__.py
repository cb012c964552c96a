"""asllint: a linter and policy checker for AWS Step Functions state machines.

The public API for rule and reporter plugins is what this module exports.
"""

from __future__ import annotations

from asllint.document import Document, Node, Position, Span, format_pointer, is_dynamic, is_jsonata, is_placeholder
from asllint.finding import Finding
from asllint.hookspecs import hookimpl
from asllint.rule import Rule, Severity, Violation
from asllint.statemachine import Resource, Scope, State, StateMachine

__version__ = "0.1.0"

__all__ = [
    "Document",
    "Finding",
    "Node",
    "Position",
    "Resource",
    "Rule",
    "Scope",
    "Severity",
    "Span",
    "State",
    "StateMachine",
    "Violation",
    "__version__",
    "format_pointer",
    "hookimpl",
    "is_dynamic",
    "is_jsonata",
    "is_placeholder",
]
