"""SageMaker Task states and their requests, with every value classified as known or not.

A request value is *static* when the definition fixes it, and *dynamic* when it is known only
at run time: a ``"Key.$"`` member (a path or an intrinsic function) in a JSONPath state, a
``{% %}`` expression in a JSONata state, or a template placeholder (``${Var}`` from
``DefinitionSubstitutions`` or ``Fn::Sub``, ``<ARN>`` in documentation).  Rules judge static
values only; of a dynamic one they may use that it is present and, for some intrinsic
functions, the JSON type it will have.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeGuard

from asllint.document import Node, is_jsonata, is_placeholder
from asllint_rules.sagemaker.model import OPTIMIZED, service_model

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from asllint import Resource, State, StateMachine
    from asllint.document import Path


#: The JSON type an intrinsic function returns (``None``: any).
INTRINSIC_RESULT: dict[str, str | None] = {
    "Format": "string",
    "JsonToString": "string",
    "Base64Encode": "string",
    "Base64Decode": "string",
    "Hash": "string",
    "UUID": "string",
    "MathAdd": "number",
    "MathRandom": "number",
    "ArrayLength": "number",
    "Array": "array",
    "ArrayPartition": "array",
    "ArrayRange": "array",
    "ArrayUnique": "array",
    "StringSplit": "array",
    "ArrayContains": "boolean",
    "JsonMerge": "object",
    "StringToJson": None,
    "ArrayGetItem": None,
}
_INTRINSIC = re.compile(r"\s*States\.([A-Za-z0-9]+)\s*\(")


_KINDS = {bool: "boolean", int: "integer", str: "string", list: "array", dict: "object"}


def json_kind(value: Any) -> str:
    """The JSON type of a Python value: object, array, string, boolean, null, integer or number."""
    kind = _KINDS.get(type(value))
    if kind is not None:
        return kind
    if isinstance(value, float):
        return "integer" if value.is_integer() else "number"
    for base, name in _KINDS.items():  # subclasses (rare: values come from the parsers)
        if isinstance(value, base):
            return name
    return "null"


def classify(key: str | int | None, value: Any, jsonata: bool) -> tuple[bool, str | None]:
    """``(dynamic, JSON type)`` of a request member (see :class:`Value`)."""
    if not jsonata and type(key) is str and key.endswith(".$"):
        return True, intrinsic_result(value)
    if type(value) is str and ((jsonata and is_jsonata(value)) or is_placeholder(value)):
        return True, None
    return False, json_kind(value)


def plain(number: float) -> str:
    """A number as a message shows it: ``3000000``, not ``3e+06`` or ``3000000.0``."""
    return str(int(number)) if float(number).is_integer() else str(number)


def intrinsic_result(expression: Any) -> str | None:
    """The JSON type of ``expression`` if it is a call of an intrinsic function that fixes it."""
    if not isinstance(expression, str):
        return None
    match = _INTRINSIC.match(expression)
    return INTRINSIC_RESULT.get(match.group(1)) if match else None


class Value:
    """One value of a request: where it is, what it is called, and whether it is known.

    :ivar node: the value's node (for ``"Key.$"`` the node of that member).
    :ivar name: the member name without ``.$`` (or the index, for array items).
    :ivar dynamic: the value is known only at run time.
    :ivar kind: the JSON type (``object``, ``array``, ``string``, ``integer``, ``number``,
        ``boolean``, ``null``) when known, also for dynamic values whose type an intrinsic
        function fixes; ``None`` when unknown.
    """

    __slots__ = ("dynamic", "jsonata", "kind", "name", "node")

    def __init__(self, node: Node, name: str | int, jsonata: bool) -> None:
        self.node = node
        self.name = name
        self.jsonata = jsonata
        path = node.path
        self.dynamic, self.kind = classify(path[-1] if path else None, node.value, jsonata)

    def __repr__(self) -> str:
        return f"Value({self.node.pointer}, dynamic={self.dynamic})"

    @property
    def value(self) -> Any:
        """The value as written (a path or expression when dynamic)."""
        return self.node.value

    @property
    def written_key(self) -> str | int:
        """The member name as written (``"Key.$"`` for a dynamic member)."""
        key = self.node.key
        return key if key is not None else ""

    def members(self) -> Iterator[Value]:
        """The members of a static object."""
        raw = self.node.value
        if self.dynamic or type(raw) is not dict:
            return
        document, path, jsonata = self.node.document, self.node.path, self.jsonata
        for key, child in raw.items():
            name = key[:-2] if not jsonata and key.endswith(".$") else key
            yield Value(Node(document, (*path, key), child), name, jsonata)

    def items(self) -> Iterator[Value]:
        """The items of a static array."""
        raw = self.node.value
        if self.dynamic or type(raw) is not list:
            return
        document, path, jsonata = self.node.document, self.node.path, self.jsonata
        for index, child in enumerate(raw):
            yield Value(Node(document, (*path, index), child), index, jsonata)

    def get(self, *names: str | int) -> Value | None:
        """The value at ``names`` below this one (``Key`` also finds ``Key.$``), or ``None``
        when a part is absent or a part on the way is dynamic."""
        if not names:
            return self
        if self.dynamic:
            return None
        # walk the raw JSON and make one Value at the end: rules call this a lot
        jsonata = self.jsonata
        raw = self.node.value
        path = self.node.path
        last = len(names) - 1
        for i, name in enumerate(names):
            key: str | int
            if type(name) is int:
                if type(raw) is not list or not 0 <= name < len(raw):
                    return None
                key = name
            else:
                if type(raw) is not dict:
                    return None  # absent, or a string (dynamic or not) that has no members
                if name in raw:
                    key = name
                elif not jsonata and f"{name}.$" in raw and i == last:
                    key = f"{name}.$"
                else:
                    return None  # absent, or dynamic on the way
            raw = raw[key]
            path = (*path, key)
        return Value(Node(self.node.document, path, raw), names[-1], jsonata)

    def has(self, name: str) -> bool:
        """Whether the static object has member ``name`` (as ``name`` or ``name.$``)."""
        return self.get(name) is not None

    # Static facts; each is None unless the value is static and of that type.
    @property
    def string(self) -> str | None:
        value = self.node.value
        return value if not self.dynamic and isinstance(value, str) else None

    @property
    def number(self) -> int | float | None:
        value = self.node.value
        if self.dynamic or isinstance(value, bool) or not isinstance(value, (int, float)):
            return None
        return value

    @property
    def boolean(self) -> bool | None:
        value = self.node.value
        return value if not self.dynamic and isinstance(value, bool) else None

    @property
    def is_object(self) -> bool:
        return not self.dynamic and isinstance(self.node.value, dict)

    @property
    def is_array(self) -> bool:
        return not self.dynamic and isinstance(self.node.value, list)


def find_members(value: Value, wanted: Callable[[str, Any], bool]) -> Iterator[Value]:
    """Every static member at any depth below ``value`` for which ``wanted(name, raw value)``
    is true (not in document order).  Walks the raw JSON and makes a :class:`Value` only for
    the members it yields: rules that look for a few names anywhere in a request stay cheap."""
    if value.dynamic:
        return
    document = value.node.document
    jsonata = value.jsonata
    stack: list[tuple[Path, Any]] = [(value.node.path, value.node.value)]
    while stack:
        path, raw = stack.pop()
        if type(raw) is dict:
            for key, child in raw.items():
                if not jsonata and key.endswith(".$"):
                    continue  # a path or intrinsic: nothing below it is known
                if wanted(key, child):
                    yield Value(Node(document, (*path, key), child), key, jsonata)
                if type(child) is dict or type(child) is list:
                    stack.append(((*path, key), child))
        elif type(raw) is list:
            for index, child in enumerate(raw):
                if type(child) is dict or type(child) is list:
                    stack.append(((*path, index), child))


def static_string(value: Value | None) -> str | None:
    """The string ``value`` holds, if it is static (``None`` for absent or dynamic values)."""
    return value.string if value is not None else None


def static_number(value: Value | None) -> int | float | None:
    """The number ``value`` holds, if it is static."""
    return value.number if value is not None else None


def given(value: Value | None) -> TypeGuard[Value]:
    """Whether a member is certainly sent: present, static and not ``null``."""
    return value is not None and not value.dynamic and value.value is not None


def possibly_given(value: Value | None) -> TypeGuard[Value]:
    """Whether a member may be sent: present and either dynamic or not ``null``."""
    return value is not None and (value.dynamic or value.value is not None)


def is_true(value: Value | None) -> bool:
    """Whether ``value`` is the literal ``true``."""
    return value is not None and value.boolean is True


@dataclass(frozen=True)
class SageMakerTask:
    """A Task state that calls SageMaker, optimized (``arn:aws:states:::sagemaker:…``) or
    through the AWS SDK form (``arn:aws:states:::aws-sdk:sagemaker:…``)."""

    state: State
    resource: Resource
    #: the action as written in the Resource (``createTrainingJob``)
    action: str
    #: the optimized integration form, not ``aws-sdk``
    optimized: bool
    #: the API operation (``CreateTrainingJob``), ``None`` when the action names none
    operation: str | None
    #: the request object, ``None`` when it is not known statically (``Arguments`` is one
    #: expression, ``Parameters`` is absent and the state input is sent, or not an object)
    request: Value | None
    #: ``Parameters`` or ``Arguments``, as present
    request_field: Node | None

    @property
    def pattern(self) -> str:
        return self.resource.pattern

    @property
    def resource_node(self) -> Node:
        node = self.state.field("Resource")
        assert node is not None
        return node

    @property
    def jsonata(self) -> bool:
        return self.state.query_language == "JSONata"


def _task(state: State) -> SageMakerTask | None:
    resource = state.resource
    if resource is None or resource.service != "sagemaker" or resource.kind not in ("integration", "aws-sdk"):
        return None
    action = resource.action or ""
    optimized = resource.kind == "integration"
    if optimized:
        operation = OPTIMIZED[action][0] if action in OPTIMIZED else None
    else:
        operation = service_model().operation_for(action)
    jsonata = state.query_language == "JSONata"
    field = state.field("Arguments" if jsonata else "Parameters")
    request = None
    if field is not None:
        value = Value(field, field.key or "", jsonata)
        if value.is_object:
            request = value
    return SageMakerTask(state, resource, action, optimized, operation, request, field)


def sagemaker_tasks(machine: StateMachine) -> list[SageMakerTask]:
    """Every SageMaker Task state of ``machine``, in document order (computed once)."""
    cached: list[SageMakerTask] | None = machine.cache.get(__name__)
    if cached is None:
        cached = machine.cache[__name__] = [
            task for state in machine.states if state.type == "Task" for task in [_task(state)] if task is not None
        ]
    return cached


def requests(machine: StateMachine, *operations: str) -> Iterator[tuple[SageMakerTask, Value]]:
    """``(task, request)`` for each task calling one of ``operations`` with a static request."""
    for task in sagemaker_tasks(machine):
        if task.operation in operations and task.request is not None:
            yield task, task.request
