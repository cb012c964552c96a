"""The state-machine view of a document: scopes, states, query languages and resources.

Built once per document by the engine and handed to every rule; rules never walk the raw
value to find states themselves.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any

from asllint.config import Settings
from asllint.document import Node, is_jsonata

if TYPE_CHECKING:
    from collections.abc import Iterator

    from asllint.document import Document, Path
    from asllint.templates import Embedded

#: The state types of the Amazon States Language.
STATE_TYPES = frozenset({"Task", "Pass", "Choice", "Wait", "Succeed", "Fail", "Parallel", "Map"})
#: Query languages; ``JSONPath`` is the default.
QUERY_LANGUAGES = ("JSONPath", "JSONata")

# The partition may be a template placeholder (``arn:${AWS::Partition}:states:::…``).
_PARTITION = r"(?P<partition>aws[a-zA-Z-]*|\$\{[^}]+\})"
_INTEGRATION = re.compile(rf"arn:{_PARTITION}:states:::(?P<rest>.+)")
_LAMBDA = re.compile(rf"arn:{_PARTITION}:lambda:[a-z0-9-]*:\d*:function:(?P<name>[^:]+)(?::.+)?")
_ACTIVITY = re.compile(rf"arn:{_PARTITION}:states:[a-z0-9-]+:\d+:activity:(?P<name>.+)")


@dataclass(frozen=True, slots=True)
class Resource:
    """A Task state's ``Resource``, taken apart.

    :param kind:
        ``"integration"`` (an optimized service integration,
        ``arn:aws:states:::sagemaker:createTrainingJob.sync``), ``"aws-sdk"``
        (``arn:aws:states:::aws-sdk:sagemaker:createTrainingJob``), ``"lambda"`` (a function
        ARN), ``"activity"``, or ``"unknown"`` (anything else, placeholders included).
    :param service:
        ``sagemaker`` for both integration forms; ``lambda`` or ``states`` for the ARNs.
    :param action:
        The API name as written (``createTrainingJob``), or the function/activity name.
    :param pattern:
        ``"request-response"``, ``"sync"``, ``"sync:2"`` or ``"waitForTaskToken"`` (or another
        suffix as written, for a rule to judge).
    """

    arn: str
    kind: str
    partition: str | None = None
    service: str | None = None
    action: str | None = None
    pattern: str = "request-response"


def parse_resource(arn: str) -> Resource:
    """Take a ``Resource`` ARN apart (see :class:`Resource`)."""
    match = _INTEGRATION.fullmatch(arn)
    if match:
        rest = match["rest"]
        kind = "integration"
        if rest.startswith("aws-sdk:"):
            kind, rest = "aws-sdk", rest[len("aws-sdk:") :]
        service, _, action = rest.partition(":")
        action, dot, pattern = action.partition(".")
        return Resource(arn, kind, match["partition"], service, action, pattern if dot else "request-response")
    match = _LAMBDA.fullmatch(arn)
    if match:
        return Resource(arn, "lambda", match["partition"], "lambda", match["name"])
    match = _ACTIVITY.fullmatch(arn)
    if match:
        return Resource(arn, "activity", match["partition"], "states", match["name"])
    return Resource(arn, "unknown")


_SCOPE_WORDS = {"machine": "the state machine", "branch": "this Parallel branch", "processor": "this Map processor"}


class Scope:
    """One ``States`` object with its ``StartAt``: the machine, a Parallel branch or a Map processor.

    :param path: path of the object that holds ``StartAt`` and ``States``.
    :param kind: ``"machine"``, ``"branch"`` or ``"processor"``.
    :param owner: the Parallel or Map state, ``None`` for the machine.
    """

    __slots__ = ("kind", "machine", "owner", "path", "states", "value")

    def __init__(self, machine: StateMachine, path: Path, kind: str, owner: State | None, value: Any) -> None:
        self.machine = machine
        self.path = path
        self.kind = kind
        self.owner = owner
        self.value = value if isinstance(value, dict) else {}
        self.states: dict[str, State] = {}

    def __repr__(self) -> str:
        return f"Scope({self.kind}, {list(self.states)[:3]}...)"

    @property
    def description(self) -> str:
        """``the state machine``, ``this Parallel branch`` or ``this Map processor``, for messages."""
        return _SCOPE_WORDS[self.kind]

    @property
    def node(self) -> Node:
        """The object holding ``StartAt`` and ``States``."""
        return Node(self.machine.document, self.path, self.value)

    def field(self, name: str) -> Node | None:
        """The member ``name`` of the scope object, or ``None``."""
        if name in self.value:
            return Node(self.machine.document, (*self.path, name), self.value[name])
        return None

    @property
    def start_at(self) -> str | None:
        """The ``StartAt`` name when it is a string."""
        value = self.value.get("StartAt")
        return value if isinstance(value, str) else None


class State:
    """One state, at any depth."""

    __slots__ = ("__dict__", "body", "name", "path", "scope", "scopes", "type")

    def __init__(self, name: str, path: Path, body: Any, scope: Scope) -> None:
        self.name = name
        self.path = path
        self.body: dict[str, Any] = body if isinstance(body, dict) else {}
        self.scope = scope
        #: the branches or the item processor nested in this state
        self.scopes: list[Scope] = []
        kind = self.body.get("Type")
        #: the ``Type`` when it is a string
        self.type: str | None = kind if isinstance(kind, str) else None

    def __repr__(self) -> str:
        return f"State({self.name!r}, {self.type})"

    @property
    def machine(self) -> StateMachine:
        return self.scope.machine

    @property
    def node(self) -> Node:
        """The state object."""
        return Node(self.scope.machine.document, self.path, self.body)

    def field(self, *names: str | int) -> Node | None:
        """The node at ``names`` below the state object, or ``None`` when any part is absent."""
        node: Node | None = self.node
        for name in names:
            node = node.child(name) if node is not None else None
        return node

    @property
    def query_language(self) -> str:
        """The effective query language: the state's own ``QueryLanguage``, else the machine's."""
        own = self.body.get("QueryLanguage")
        return own if own in QUERY_LANGUAGES else self.scope.machine.query_language

    @cached_property
    def resource(self) -> Resource | None:
        """The parsed ``Resource`` of a Task state (``None`` elsewhere or when not a string)."""
        value = self.body.get("Resource")
        if self.type != "Task" or not isinstance(value, str) or is_jsonata(value):
            return None
        return parse_resource(value)

    def targets(self) -> Iterator[tuple[Path, Any]]:
        """``(path, value)`` of every transition naming a state in this scope: the state's
        ``Next``, a Choice's ``Default`` and each rule's ``Next``, and every Catcher's ``Next``.
        Cheap: no node objects, for graph walks over large machines."""
        body = self.body
        path = self.path
        if "Next" in body:
            yield (*path, "Next"), body["Next"]
        if "Default" in body:
            yield (*path, "Default"), body["Default"]
        for group in ("Choices", "Catch"):
            items = body.get(group)
            if isinstance(items, list):
                for i, item in enumerate(items):
                    if isinstance(item, dict) and "Next" in item:
                        yield (*path, group, i, "Next"), item["Next"]

    def transitions(self) -> Iterator[Node]:
        """The nodes of :meth:`targets`."""
        document = self.scope.machine.document
        for path, value in self.targets():
            yield Node(document, path, value)


class StateMachine:
    """Every scope and every state of a definition, in document order.

    :param document: the document.
    :param path: where the definition sits in it (``()`` for an ASL file).
    :param settings: the settings that apply to the file; rules read their options from them.
    :param template: for a definition inside a template, what the template says about it.
    """

    def __init__(
        self, document: Document, path: Path = (), settings: Settings | None = None, template: Embedded | None = None
    ) -> None:
        self.document = document
        self.path = path
        #: what the template declaring this state machine says about it (its type, logical id,
        #: role), ``None`` for a definition file
        self.template = template
        self.value: dict[str, Any] = {}
        node_value = document.value
        for item in path:
            node_value = node_value[item]
        self.value = node_value if isinstance(node_value, dict) else {}
        ql = self.value.get("QueryLanguage")
        #: the top-level query language (``JSONPath`` unless set)
        self.query_language: str = ql if ql in QUERY_LANGUAGES else "JSONPath"
        self.scopes: list[Scope] = []
        self.states: list[State] = []
        self._by_path: dict[Path, State] | None = None
        #: derived views that rules share (built by the first rule that needs one), keyed by
        #: the name of the module that builds it, so no rule computes them twice
        self.cache: dict[str, Any] = {}
        #: the settings that apply to this file (rules read their options from them)
        self.settings: Settings = settings if settings is not None else Settings()
        self.root = self._scope(path, "machine", None, self.value)

    def _scope(self, path: Path, kind: str, owner: State | None, value: Any) -> Scope:
        scope = Scope(self, path, kind, owner, value)
        self.scopes.append(scope)
        states = scope.value.get("States")
        if isinstance(states, dict):
            prefix = (*path, "States")
            for name, body in states.items():
                state = State(name, (*prefix, name), body, scope)
                scope.states[name] = state
                self.states.append(state)
                if state.type in ("Parallel", "Map"):
                    self._nested(state)
        return scope

    def _nested(self, state: State) -> None:
        kind = state.type
        if kind == "Parallel":
            branches = state.body.get("Branches")
            if isinstance(branches, list):
                for i, branch in enumerate(branches):
                    if isinstance(branch, dict):
                        state.scopes.append(self._scope((*state.path, "Branches", i), "branch", state, branch))
        elif kind == "Map":
            for field in ("ItemProcessor", "Iterator"):
                processor = state.body.get(field)
                if isinstance(processor, dict):
                    state.scopes.append(self._scope((*state.path, field), "processor", state, processor))

    @property
    def machine_type(self) -> str | None:
        """``"STANDARD"`` or ``"EXPRESS"`` when a template says so, else ``None`` (unknown)."""
        return self.template.machine_type if self.template is not None else None

    @property
    def node(self) -> Node:
        """The definition object."""
        return Node(self.document, self.path, self.value)

    def state_at(self, path: Path) -> State | None:
        """The innermost state whose object contains ``path``."""
        if self._by_path is None:
            self._by_path = {state.path: state for state in self.states}
        for end in range(len(path), len(self.path), -1):
            if end >= 2 and path[end - 2] == "States":
                state = self._by_path.get(path[:end])
                if state is not None:
                    return state
        return None
