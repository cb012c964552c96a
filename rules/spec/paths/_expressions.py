"""What the ASL3xx rules share: the paths and payload templates of the JSONPath states, parsed once.

Built by the first rule that needs it and kept in ``machine.cache`` under this module's name.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from asllint import Node
from asllint.document import is_placeholder
from asllint.jsonpath import Call, JsonPath, PathError, parse_expression, parse_intrinsic, parse_path

if TYPE_CHECKING:
    from collections.abc import Iterator

    from asllint import State, StateMachine

#: the 18 intrinsic functions, with (fewest, most) arguments; ``None``: no upper bound
INTRINSICS: dict[str, tuple[int, int | None]] = {
    "States.Format": (1, None),
    "States.StringToJson": (1, 1),
    "States.JsonToString": (1, 1),
    "States.Array": (0, None),
    "States.ArrayPartition": (2, 2),
    "States.ArrayContains": (2, 2),
    "States.ArrayRange": (3, 3),
    "States.ArrayGetItem": (2, 2),
    "States.ArrayLength": (1, 1),
    "States.ArrayUnique": (1, 1),
    "States.Base64Encode": (1, 1),
    "States.Base64Decode": (1, 1),
    "States.Hash": (2, 2),
    "States.JsonMerge": (3, 3),
    "States.MathRandom": (2, 3),
    "States.MathAdd": (2, 2),
    "States.StringSplit": (2, 2),
    "States.UUID": (0, 0),
}

#: state fields that hold a path and may hold a string-returning intrinsic call instead
INTRINSIC_FIELDS = frozenset({"ErrorPath", "CausePath"})
#: the intrinsic functions that return a string (ArrayGetItem may)
STRING_INTRINSICS = frozenset(
    {
        "States.ArrayGetItem",
        "States.Base64Encode",
        "States.Base64Decode",
        "States.Format",
        "States.JsonToString",
        "States.Hash",
        "States.UUID",
    }
)


def is_cloudformation_function(value: Any) -> bool:
    """Whether ``value`` is a CloudFormation intrinsic function object (``{"Ref": …}``,
    ``{"Fn::Sub": …}``), whose value is known only when the stack is deployed."""
    if not isinstance(value, dict) or len(value) != 1:
        return False
    key = next(iter(value))
    return isinstance(key, str) and (key == "Ref" or key.startswith("Fn::"))


@dataclass(frozen=True, slots=True)
class Expression:
    """A path field or a ``Key.$`` value of a JSONPath state, parsed.

    :param kind: ``"field"`` (``InputPath``, ``Variable``, ``SecondsPath`` …) or ``"template"``
        (a ``Key.$`` member of a payload template).
    :param name: the field name or the key as written.
    :param parsed: the path or call, ``None`` when it does not parse.
    :param error: why it does not parse.
    """

    state: State
    node: Node
    kind: str
    name: str
    parsed: JsonPath | Call | None
    error: PathError | None

    @property
    def text(self) -> str:
        return str(self.node.value)


def jsonpath_states(machine: StateMachine) -> Iterator[State]:
    """The states that use JSONPath (the default query language)."""
    for state in machine.states:
        if state.query_language == "JSONPath":
            yield state


def _choice_rules(node: Node) -> Iterator[Node]:
    """A Choice rule and every rule nested in its ``And``, ``Or`` and ``Not``."""
    if not isinstance(node.value, dict):
        return
    yield node
    for group in ("And", "Or"):
        items = node.child(group)
        if items is not None and isinstance(items.value, list):
            for item in items.children():
                yield from _choice_rules(item)
    inner = node.child("Not")
    if inner is not None:
        yield from _choice_rules(inner)


def path_fields(state: State) -> Iterator[Node]:
    """Every string-valued ASL field of ``state`` that holds a path: the ``…Path`` fields of the
    state, its ``ItemReader.ReaderConfig`` and ``ItemBatcher``, and the ``Variable`` and ``…Path``
    operators of Choice rules."""
    holders: list[Node] = [state.node]
    body = state.body
    if "ItemReader" in body or "ItemBatcher" in body:  # cheap test first: most states have neither
        for names in (("ItemReader", "ReaderConfig"), ("ItemBatcher",)):
            holder = state.field(*names)
            if holder is not None and isinstance(holder.value, dict):
                holders.append(holder)
    if state.type == "Choice":
        choices = state.field("Choices")
        if choices is not None and isinstance(choices.value, list):
            for choice in choices.children():
                holders.extend(_choice_rules(choice))
    for holder in holders:
        for key, value in holder.value.items():
            if isinstance(value, str) and (key.endswith("Path") or (key == "Variable" and holder is not holders[0])):
                yield Node(holder.document, (*holder.path, key), value)


def template_roots(state: State) -> Iterator[Node]:
    """The payload templates of ``state``: ``Parameters``, ``ResultSelector``, ``ItemSelector``,
    ``Assign`` (also of Choice rules and Catchers), ``Credentials``, ``ItemReader.Parameters``,
    ``ResultWriter.Parameters`` and ``ItemBatcher.BatchInput``."""
    body = state.body
    for names in (
        ("Parameters",),
        ("ResultSelector",),
        ("ItemSelector",),
        ("Assign",),
        ("Credentials",),
        ("ItemReader", "Parameters"),
        ("ResultWriter", "Parameters"),
        ("ItemBatcher", "BatchInput"),
    ):
        if names[0] not in body:  # cheap test first
            continue
        node = state.field(*names)
        if node is not None:
            yield node
    for group in ("Choices", "Catch"):
        if group not in body:
            continue
        items = state.field(group)
        if items is not None and isinstance(items.value, list):
            for item in items.children():
                assign = item.child("Assign")
                if assign is not None:
                    yield assign


def objects(node: Node) -> Iterator[Node]:
    """Every object in a template, the template itself included, outermost first; the values of
    ``Key.$`` members are not templates and are not entered.  Walks the raw JSON and makes a
    node for the objects only."""
    document = node.document
    stack: list[tuple[Any, Any]] = [(node.path, node.value)]
    while stack:
        path, value = stack.pop()
        if type(value) is dict:
            yield Node(document, path, value)
            children = [
                ((*path, k), v)
                for k, v in value.items()
                if (type(v) is dict or type(v) is list) and not (type(k) is str and k.endswith(".$"))
            ]
        elif type(value) is list:
            children = [((*path, i), v) for i, v in enumerate(value) if type(v) is dict or type(v) is list]
        else:
            continue
        stack.extend(reversed(children))


def template_objects(machine: StateMachine) -> list[tuple[State, Node]]:
    """``(state, object)`` for every object of every payload template of the JSONPath states
    (computed once per machine; several rules read it)."""
    key = __name__ + ".objects"
    cached: list[tuple[State, Node]] | None = machine.cache.get(key)
    if cached is None:
        cached = machine.cache[key] = [
            (state, obj)
            for state in jsonpath_states(machine)
            for root in template_roots(state)
            for obj in objects(root)
        ]
    return cached


def _parse(text: str, *, field: str | None) -> tuple[JsonPath | Call | None, PathError | None]:
    kind = "expression" if field is None else "intrinsic" if text.startswith("States.") else "path"
    return _parse_as(text, kind)


@functools.lru_cache(maxsize=8192)
def _parse_as(text: str, kind: str) -> tuple[JsonPath | Call | None, PathError | None]:
    """Parse once per distinct text: generated definitions repeat the same paths thousands of
    times (the results are immutable)."""
    try:
        if kind == "expression":
            return parse_expression(text), None
        if kind == "intrinsic":  # ASL309 says where a call may stand
            return parse_intrinsic(text), None
        return parse_path(text), None
    except PathError as error:
        return None, error


def expressions(machine: StateMachine) -> list[Expression]:
    """Every path field and ``Key.$`` string value of the JSONPath states, placeholders left out."""
    cached = machine.cache.get(__name__)
    if cached is None:
        cached = machine.cache[__name__] = list(_expressions(machine))
    return cached


def _expressions(machine: StateMachine) -> Iterator[Expression]:
    for state in jsonpath_states(machine):
        for node in path_fields(state):
            name = str(node.key)
            if is_placeholder(node.value):
                continue
            parsed, error = _parse(node.value, field=name)
            yield Expression(state, node, "field", name, parsed, error)
    for state, obj in template_objects(machine):
        for key, value in obj.value.items():
            if key.endswith(".$") and isinstance(value, str) and not is_placeholder(value):
                parsed, error = _parse(value, field=None)
                yield Expression(state, Node(obj.document, (*obj.path, key), value), "template", key, parsed, error)


def calls(machine: StateMachine) -> Iterator[tuple[Expression, Call]]:
    """Every intrinsic call that parses, nested ones included, with the expression it sits in."""
    for expression in expressions(machine):
        if isinstance(expression.parsed, Call):
            for call in expression.parsed.walk():
                yield expression, call
