"""The JSON Schema of a definition (``asllint/schemas/asl/state-machine.json``), a small validator for
the keywords it uses, and the translation of its errors into findings of the ASL1xx structure rules.

Why not the ``jsonschema`` package at run time: importing it costs about 60 ms, a third of the
linter's cold start on a small file, for a schema that uses a dozen keywords.  The tests check
that the schema is valid Draft 2020-12 and that this validator agrees with ``jsonschema`` on the
shared corpus.

The validator reports what a reader needs, not every failed branch: for ``anyOf`` it reports the
errors of the first alternative whose JSON type fits the value, or else one ``type`` error that
lists the alternatives (``an integer or a JSONata expression``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from asllint import Node, Rule, Violation
from asllint.statemachine import STATE_TYPES
from asllint.suggest import closest, did_you_mean

if TYPE_CHECKING:
    from collections.abc import Iterator

    from asllint import StateMachine
    from asllint.document import Path

SCHEMA_FILE = "state-machine.json"
#: the longest state name Step Functions accepts
MAX_NAME = 80
#: fields whose presence another rule reports on these state types (ASL112 terminal-state-transition)
_ELSEWHERE = frozenset((kind, field) for kind in ("Choice", "Succeed", "Fail") for field in ("Next", "End"))
_ORDER = ("Task", "Pass", "Choice", "Wait", "Succeed", "Fail", "Parallel", "Map")


@cache
def load_schema() -> dict[str, Any]:
    """The state-machine schema, read from the package (once)."""
    import json
    from pathlib import Path

    import asllint

    text = (Path(asllint.__file__).parent / "schemas" / "asl" / SCHEMA_FILE).read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


@dataclass(frozen=True, slots=True)
class SchemaError:
    """One failure: ``keyword`` at instance ``path`` (for ``additionalProperties`` and ``propertyNames``,
    the path of the offending member), with the schema object whose keyword failed."""

    keyword: str
    path: Path
    schema: dict[str, Any]
    detail: Any = None


_OBJECT_KEYWORDS = frozenset(
    {"properties", "additionalProperties", "propertyNames", "required", "minProperties", "maxProperties"}
)
_JSON_TYPES = {
    "object": "an object",
    "array": "an array",
    "string": "a string",
    "integer": "an integer",
    "number": "a number",
    "boolean": "true or false",
    "null": "null",
}


def _is_type(value: Any, kind: str) -> bool:
    if kind == "object":
        return isinstance(value, dict)
    if kind == "array":
        return isinstance(value, list)
    if kind == "string":
        return isinstance(value, str)
    if kind == "boolean":
        return isinstance(value, bool)
    if kind == "null":
        return value is None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return False
    return kind == "number" or float(value).is_integer()


def _fits(value: Any, kinds: str | list[str]) -> bool:
    """Whether ``value`` is of the JSON type ``kinds`` (a name or a list of names)."""
    if isinstance(kinds, str):
        return _is_type(value, kinds)
    return any(_is_type(value, k) for k in kinds)


@cache
def _pattern(text: str) -> re.Pattern[str]:
    return re.compile(text)


def _equal(a: Any, b: Any) -> bool:
    """JSON equality: ``1 == 1.0`` but ``True != 1``."""
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    return bool(a == b)


class Validator:
    """Validates instances against ``root`` for the keywords the ASL schemas use: ``$ref`` (local),
    ``type``, ``const``, ``enum``, ``pattern``, ``maxLength``, ``minimum``, ``maximum``, ``minProperties``, ``maxProperties``,
    ``required``, ``properties``, ``additionalProperties``, ``propertyNames``, ``items``, ``anyOf``,
    ``allOf`` and ``if``/``then``.  Annotations (``title``, ``description``, ``$comment``) are ignored."""

    KEYWORDS = frozenset(
        {
            "$ref",
            "type",
            "const",
            "enum",
            "pattern",
            "maxLength",
            "minimum",
            "maximum",
            "minProperties",
            "maxProperties",
            "required",
            "properties",
            "additionalProperties",
            "propertyNames",
            "items",
            "anyOf",
            "allOf",
            "if",
            "then",
        }
    )

    def __init__(self, root: dict[str, Any]) -> None:
        self.root = root
        self._refs: dict[str, dict[str, Any]] = {}
        self._discriminators: dict[int, tuple[str, Any] | None] = {}
        self._switches: dict[int, tuple[str, dict[str, Any]] | None] = {}
        #: the ids of the schemas that accept anything (only annotations: a description, a $comment)
        self._open = {id(sub) for sub in _schemas(root) if not set(sub) & self.KEYWORDS}

    def resolve(self, ref: str) -> dict[str, Any]:
        """The schema a local ``$ref`` (``#/$defs/name``) points at."""
        found = self._refs.get(ref)
        if found is None:
            found = self._refs[ref] = self._resolve(ref)
        return found

    def _resolve(self, ref: str) -> dict[str, Any]:
        if not ref.startswith("#"):
            raise ValueError(f"only local references are supported: {ref!r}")
        target: Any = self.root
        for part in ref[1:].split("/")[1:]:
            target = target[part.replace("~1", "/").replace("~0", "~")]
        return target

    def errors(self, instance: Any, schema: Any = None, path: Path = ()) -> list[SchemaError]:
        """Every failure of ``instance`` (at ``path``) against ``schema`` (the root by default)."""
        if schema is None:
            schema = self.root
        if schema is True or schema == {}:
            return []
        if schema is False:
            return [SchemaError("false", path, {})]
        while len(schema) == 1 and "$ref" in schema:  # a bare reference: go straight to its target
            schema = self.resolve(schema["$ref"])
        found: list[SchemaError] = []
        kinds = schema.get("type")
        if kinds is not None and not _fits(instance, kinds):
            if "$ref" in schema:
                found += self.errors(instance, self.resolve(schema["$ref"]), path)
            found.append(SchemaError("type", path, schema, [kinds] if isinstance(kinds, str) else kinds))
            return found
        # one pass over the keywords the schema has (most have one or two), in the schema's order
        members_checked = False
        for keyword, argument in schema.items():
            if keyword == "$ref":
                found += self.errors(instance, self.resolve(argument), path)
            elif keyword in _OBJECT_KEYWORDS:
                if not members_checked and isinstance(instance, dict):
                    members_checked = True
                    found += self._object(instance, schema, path)
            elif keyword == "anyOf":
                found += self._any_of(instance, schema, path)
            elif keyword == "allOf":
                found += self._all_of(instance, argument, path)
            elif keyword == "if":
                if self._holds(instance, argument, path):
                    found += self.errors(instance, schema.get("then", True), path)
            elif keyword == "items":
                if isinstance(instance, list):
                    for i, item in enumerate(instance):
                        found += self.errors(item, argument, (*path, i))
            elif keyword == "const":
                if not _equal(instance, argument):
                    found.append(SchemaError("const", path, schema, argument))
            elif keyword == "enum":
                if not any(_equal(instance, v) for v in argument):
                    found.append(SchemaError("enum", path, schema, argument))
            elif keyword == "pattern":
                if isinstance(instance, str) and not _pattern(argument).search(instance):
                    found.append(SchemaError("pattern", path, schema, argument))
            elif keyword == "maxLength" and isinstance(instance, str) and len(instance) > argument:
                found.append(SchemaError("maxLength", path, schema, argument))
            elif keyword == "minimum" and _is_type(instance, "number") and instance < argument:
                found.append(SchemaError("minimum", path, schema, argument))
            elif keyword == "maximum" and _is_type(instance, "number") and instance > argument:
                found.append(SchemaError("maximum", path, schema, argument))
        return found

    def _all_of(self, instance: Any, parts: list[Any], path: Path) -> list[SchemaError]:
        """Every part; when all parts are ``if``/``then`` on one discriminator (the state types), a look-up
        finds the one part that applies."""
        key = id(parts)
        if key not in self._switches:
            self._switches[key] = _switch(parts)
        switch = self._switches[key]
        if switch is None:
            found: list[SchemaError] = []
            for part in parts:
                found += self.errors(instance, part, path)
            return found
        name, cases = switch
        if not isinstance(instance, dict) or name not in instance:
            return []
        value = instance[name]
        then = cases.get(value) if isinstance(value, str) else None
        return self.errors(instance, then, path) if then is not None else []

    def _holds(self, instance: Any, condition: dict[str, Any], path: Path) -> bool:
        """Whether ``instance`` satisfies an ``if``; the usual discriminator, ``{"properties": {"Type":
        {"const": "Task"}}, "required": ["Type"]}``, without a full validation (once per state type)."""
        key = id(condition)
        if key not in self._discriminators:
            self._discriminators[key] = _discriminator(condition)
        known = self._discriminators[key]
        if known is None:
            return not self.errors(instance, condition, path)
        name, value = known
        return isinstance(instance, dict) and name in instance and _equal(instance[name], value)

    def _object(self, instance: dict[str, Any], schema: dict[str, Any], path: Path) -> list[SchemaError]:
        found: list[SchemaError] = []
        if "minProperties" in schema and len(instance) < schema["minProperties"]:
            found.append(SchemaError("minProperties", path, schema, schema["minProperties"]))
        if "maxProperties" in schema and len(instance) > schema["maxProperties"]:
            found.append(SchemaError("maxProperties", path, schema, schema["maxProperties"]))
        for name in schema.get("required", ()):
            if name not in instance:
                found.append(SchemaError("required", path, schema, name))
        properties = schema.get("properties", {})
        extra = schema.get("additionalProperties", True)
        names = schema.get("propertyNames")
        for key, value in instance.items():
            if names is not None:
                for error in self.errors(key, names, (*path, key)):
                    found.append(SchemaError("propertyNames", (*path, key), error.schema, error))
            if key in properties:
                sub = properties[key]
                if id(sub) not in self._open:
                    found += self.errors(value, sub, (*path, key))
            elif extra is False:
                found.append(SchemaError("additionalProperties", (*path, key), schema, key))
            elif extra is not True:
                found += self.errors(value, extra, (*path, key))
        return found

    def _any_of(self, instance: Any, schema: dict[str, Any], path: Path) -> list[SchemaError]:
        results = []
        for option in schema["anyOf"]:
            if len(option) == 1 and "type" in option and _fits(instance, option["type"]):
                return []  # the usual case, {"type": "string"}, without a call
            errors = self.errors(instance, option, path)
            if not errors:
                return []
            results.append(errors)
        # an alternative that fits the value itself and fails only below it: report inside the value
        for errors in results:
            if all(_below(e, path) for e in errors):
                return errors
        # the first (main) alternative fits the value's JSON type: its own complaint is the clearest
        if not any(e.keyword == "type" and e.path == path for e in results[0]):
            return results[0]
        return [SchemaError("anyOf", path, schema, [self.label(option) for option in schema["anyOf"]])]

    def label(self, schema: dict[str, Any]) -> str:
        """How a message names what ``schema`` accepts (``""`` for a template placeholder)."""
        if "$ref" in schema:
            if schema["$ref"] == "#/$defs/template":
                return ""
            return self.label(self.resolve(schema["$ref"]))
        if "title" in schema:
            return str(schema["title"])
        kinds = schema.get("type", ())
        kinds = [kinds] if isinstance(kinds, str) else kinds
        return " or ".join(_JSON_TYPES.get(k, k) for k in kinds)


def _schemas(schema: Any) -> Iterator[dict[str, Any]]:
    """``schema`` and every schema object inside it."""
    if not isinstance(schema, dict):
        return
    yield schema
    for keyword, argument in schema.items():
        if keyword in ("properties", "$defs"):
            for sub in argument.values():
                yield from _schemas(sub)
        elif keyword in ("anyOf", "allOf"):
            for sub in argument:
                yield from _schemas(sub)
        elif keyword in ("items", "additionalProperties", "propertyNames", "if", "then"):
            yield from _schemas(argument)


def _discriminator(condition: dict[str, Any]) -> tuple[str, Any] | None:
    """``(member, value)`` when ``condition`` only says that the object has ``member`` equal to ``value``."""
    properties = condition.get("properties")
    if set(condition) != {"properties", "required"} or not isinstance(properties, dict) or len(properties) != 1:
        return None
    name, sub = next(iter(properties.items()))
    if condition["required"] != [name] or not isinstance(sub, dict) or set(sub) != {"const"}:
        return None
    return name, sub["const"]


def _switch(parts: list[Any]) -> tuple[str, dict[str, Any]] | None:
    """``(member, {value: then})`` when every part is ``{"if": <member equals a string>, "then": ...}``
    on the same member with distinct values, else ``None``."""
    name = None
    cases: dict[str, Any] = {}
    for part in parts:
        if not isinstance(part, dict) or set(part) != {"if", "then"}:
            return None
        known = _discriminator(part["if"])
        if known is None or not isinstance(known[1], str) or known[1] in cases or name not in (None, known[0]):
            return None
        name = known[0]
        cases[known[1]] = part["then"]
    return (name, cases) if name is not None else None


def _below(error: SchemaError, path: Path) -> bool:
    """Whether ``error`` is about something inside the value at ``path`` (a member name is not)."""
    return len(error.path) > len(path) + (error.keyword == "propertyNames")


@cache
def validator() -> Validator:
    return Validator(load_schema())


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return str(value).lower()
    if value is None:
        return "null"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the string {value!r:.60}"
    return "an object" if isinstance(value, dict) else "an array"


def _field(path: Path) -> str:
    """``TimeoutSeconds``, ``Retry[0]`` or ``IntervalSeconds``: the last member name (with an index)."""
    if path and isinstance(path[-1], int):
        return f"{_field(path[:-1])}[{path[-1]}]"
    return str(path[-1]) if path else "the definition"


_OWNERS = {
    "branch": "a Parallel branch",
    "processor": "a Map ItemProcessor",
    "itemReader": "a Map's ItemReader",
    "itemBatcher": "a Map's ItemBatcher",
}


def _owner(schema: dict[str, Any]) -> str:
    """What object a schema describes, for messages: ``a Task state``, ``a Retrier``, ``the state machine``."""
    root = load_schema()
    if schema is root:
        return "the state machine"
    defs = root["$defs"]
    for name, sub in defs.items():
        if sub is schema:
            kind = name[0].upper() + name[1:]
            if kind in STATE_TYPES:
                return f"a {kind} state"
            return _OWNERS.get(name, f"a {kind}")
    return "this object"


def findings(machine: StateMachine) -> list[tuple[str, Violation]]:
    """``(rule id, violation)`` of every structure problem in ``machine``, computed once per machine."""
    cached: list[tuple[str, Violation]] | None = machine.cache.get(__name__)
    if cached is None:
        cached = machine.cache[__name__] = list(_translate(machine))
    return cached


def _translate(machine: StateMachine) -> Iterator[tuple[str, Violation]]:
    check = validator()
    document = machine.document
    base = machine.path
    errors = check.errors(machine.value)
    # a misspelt required member ("Resourse") is one finding, the unknown name with its
    # correction, not a second one saying the member is missing
    misspelt = {
        (e.path[:-1], closest(str(e.path[-1]), e.schema.get("properties", ())))
        for e in errors
        if e.keyword == "additionalProperties"
    }
    for error in errors:
        if error.keyword == "required" and (error.path, error.detail) in misspelt:
            continue
        path = (*base, *error.path)
        value: Any = machine.value
        for item in error.path:
            value = value[item]
        node = Node(document, path, value)
        found = _message(error, node)
        if found is not None:
            rule_id, message, on_key = found
            yield rule_id, Violation(node, message, on_key=on_key)


def _message(error: SchemaError, node: Node) -> tuple[str, str, bool] | None:
    keyword, path, value = error.keyword, error.path, node.value
    name = _field(path)
    if keyword == "additionalProperties":
        owner = _owner(error.schema)
        allowed = list(error.schema.get("properties", ()))
        kind = owner.split()[1] if owner.endswith(" state") else ""
        if (kind, name) in _ELSEWHERE:
            return None
        hint = did_you_mean(name, allowed)
        if owner in ("the state machine", "a Parallel branch", "a Map ItemProcessor"):
            return "ASL105", f"{name!r} is not a field of {owner} (it takes {', '.join(allowed)}){hint}", True
        return "ASL107", f"{name!r} is not a field of {owner}{hint}", True
    if keyword == "propertyNames" and error.detail.keyword == "maxLength":
        return (
            "ASL108",
            f"the state name is {len(name)} characters long; Step Functions allows at most {MAX_NAME}",
            True,
        )
    if keyword == "required" and error.detail == "Type":
        return "ASL106", f"state {name!r} has no Type; add one of {', '.join(_ORDER)}", True
    if path and path[-1] == "Type" and keyword == "enum":
        if isinstance(value, str):
            hint = did_you_mean(value, _ORDER) or f"; use one of {', '.join(_ORDER)}"
            return "ASL106", f"Type {value!r} is not a state type{hint}", False
        return (
            "ASL106",
            f"Type must be a string naming a state type ({', '.join(_ORDER)}), not {_describe(value)}",
            False,
        )
    if path == ("Version",) and keyword == "const":
        return "ASL114", f'Version is {_describe(value)}; the only Amazon States Language version is "1.0"', False
    if keyword in ("type", "anyOf"):
        if keyword == "type":
            expected = [_JSON_TYPES.get(k, k) for k in error.detail]
        else:
            expected = [label for label in error.detail if label]
        return "ASL113", f"{name} is {_describe(value)}; it must be {' or '.join(expected)}", False
    if keyword == "required":
        return "ASL113", f"{name} has no {error.detail}; Step Functions requires it", True
    if keyword == "minimum":
        return "ASL113", f"{name} is {_describe(value)}; it must be at least {error.detail}", False
    if keyword == "maximum":
        return "ASL113", f"{name} is {_describe(value)}; it must be at most {error.detail}", False
    if keyword == "pattern" and name == "Resource":
        return (
            "ASL113",
            "Resource is not a valid Lambda function ARN: what follows the function name must be "
            "$LATEST, a version number or an alias (letters, digits, - and _)",
            False,
        )
    # anything else the schema says (a const, an enum, a pattern) is a value of the wrong kind
    return "ASL113", f"{name} is {_describe(value)}, a value Step Functions does not accept here", False


class SchemaRule(Rule):
    """A rule whose findings come from the one schema validation of the machine (see :func:`findings`)."""

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        for rule_id, violation in findings(machine):
            if rule_id == self.id:
                yield violation
