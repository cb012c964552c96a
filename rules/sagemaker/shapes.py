"""The request-shape check: every static value of a SageMaker request against botocore's model.

One walk per task yields problems tagged with the rule id that reports them (SMS001-SMS011);
each SMS rule filters the shared result, so the walk happens once per file.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from asllint import Node, Violation, is_placeholder
from asllint.partial import fixed_pieces
from asllint.suggest import closest
from asllint_rules.sagemaker.model import FAMILY_LABELS, INSTANCE_TYPE_ENUMS, INSTANCE_TYPE_FORM, service_model
from asllint_rules.sagemaker.partial import alphabet
from asllint_rules.sagemaker.request import classify, json_kind, sagemaker_tasks

if TYPE_CHECKING:
    from collections.abc import Iterator

    from asllint import Document, StateMachine
    from asllint.document import Path
    from asllint_rules.sagemaker.model import ServiceModel
    from asllint_rules.sagemaker.request import SageMakerTask

UNKNOWN_MEMBER = "SMS001"
MISSING_MEMBER = "SMS002"
WRONG_TYPE = "SMS003"
ENUM = "SMS004"
INSTANCE_TYPE = "SMS005"
LENGTH = "SMS006"
PATTERN = "SMS007"
RANGE = "SMS008"
SIZE = "SMS009"
READ_ONLY = "SMS010"
INSTANCE_TYPE_UNKNOWN = "SMS011"


@dataclass(frozen=True)
class Requirement:
    """A member the model no longer marks as required but the API still needs."""

    shape: str
    member: str
    #: not needed when any of these members is present
    unless: tuple[str, ...]
    why: str


#: Conditional requirements (the model's ``required`` lists have dropped them, the API has not).
REQUIREMENTS: tuple[Requirement, ...] = (
    *(
        Requirement(
            "CreateTrainingJobRequest",
            member,
            ("ServerlessJobConfig",),
            "a training job without ServerlessJobConfig needs it (required in the model until botocore 1.42)",
        )
        for member in ("AlgorithmSpecification", "ResourceConfig", "StoppingCondition")
    ),
    *(
        Requirement(
            shape,
            "TrainingImage",
            ("AlgorithmName",),
            "give TrainingImage or AlgorithmName; with neither the job fails",
        )
        for shape in ("AlgorithmSpecification", "HyperParameterAlgorithmSpecification")
    ),
    *(
        Requirement(
            "ProcessingClusterConfig",
            member,
            ("InstancePreferences",),
            "a processing cluster needs InstanceType and InstanceCount unless InstancePreferences is given",
        )
        for member in ("InstanceType", "InstanceCount")
    ),
    Requirement(
        "CreateModelInput",
        "PrimaryContainer",
        ("Containers",),
        "a model needs PrimaryContainer, or Containers for an inference pipeline",
    ),
    Requirement(
        "CreateHyperParameterTuningJobRequest",
        "TrainingJobDefinition",
        ("TrainingJobDefinitions",),
        "a tuning job needs TrainingJobDefinition or TrainingJobDefinitions",
    ),
    Requirement(
        "HyperParameterTrainingJobDefinition",
        "ResourceConfig",
        ("HyperParameterTuningResourceConfig",),
        "a tuning job definition needs ResourceConfig or HyperParameterTuningResourceConfig",
    ),
)
_REQUIRED_BY_SHAPE: dict[str, list[Requirement]] = {}
for _req in REQUIREMENTS:
    _REQUIRED_BY_SHAPE.setdefault(_req.shape, []).append(_req)

#: Members of responses that users copy into requests; the API refuses them.
READ_ONLY_MEMBERS = {("ResourceConfig", "SelectedInstanceType"), ("ResourceConfig", "SelectedInstanceCount")}
#: Members the optimized integration is known to send beyond the API's shape: the Step Functions
#: Data Science SDK (AWS's own library) adds ``Tags`` to updateEndpoint.  Not reported.
INTEGRATION_EXTRAS = {("UpdateEndpointInput", "Tags")}
#: Well-known misplacements: (shape, member) -> where it belongs.
MISPLACED = {
    ("CreateProcessingJobRequest", "VpcConfig"): "NetworkConfig.VpcConfig",
    ("CreateProcessingJobRequest", "EnableNetworkIsolation"): "NetworkConfig.EnableNetworkIsolation",
    ("CreateProcessingJobRequest", "EnableInterContainerTrafficEncryption"): (
        "NetworkConfig.EnableInterContainerTrafficEncryption"
    ),
    ("CreateTransformJobRequest", "InstanceType"): "TransformResources.InstanceType",
    ("CreateTrainingJobRequest", "InstanceType"): "ResourceConfig.InstanceType",
    ("CreateTrainingJobRequest", "TrainingImage"): "AlgorithmSpecification.TrainingImage",
    ("CreateTrainingJobRequest", "TrainingInputMode"): "AlgorithmSpecification.TrainingInputMode",
    ("CreateTrainingJobRequest", "MaxRuntimeInSeconds"): "StoppingCondition.MaxRuntimeInSeconds",
    ("CreateTrainingJobRequest", "MaxWaitTimeInSeconds"): "StoppingCondition.MaxWaitTimeInSeconds",
}
_INSTANCE_ENUM_FAMILY = {shape: family for family, shape in INSTANCE_TYPE_ENUMS.items()}
_TYPE_WORDS = {
    "structure": ("object", {"object"}),
    "list": ("array", {"array"}),
    "map": ("object", {"object"}),
    "string": ("string", {"string"}),
    "blob": ("string", {"string"}),
    "boolean": ("boolean", {"boolean"}),
    "integer": ("integer", {"integer"}),
    "long": ("integer", {"integer"}),
    "float": ("number", {"integer", "number"}),
    "double": ("number", {"integer", "number"}),
    "timestamp": ("timestamp", {"string", "integer", "number"}),
}


def _describe(value: Any) -> str:
    kind = json_kind(value)
    if kind in ("object", "array", "null"):
        return f"an {kind}" if kind in ("object", "array") else "null"
    text = repr(value) if not isinstance(value, str) else f'the string "{value}"'
    if isinstance(value, bool):
        text = "true" if value else "false"
    return f"{'an' if kind == 'integer' else 'a'} {kind} {text}" if kind != "string" else text


def _fix_hint(value: Any, expected: str) -> str:
    if isinstance(value, str) and expected in ("integer", "number"):
        try:
            number = int(value) if expected == "integer" else float(value)
        except ValueError:
            return ""
        return f"; write {number} without quotes"
    if isinstance(value, str) and expected == "boolean" and value.lower() in ("true", "false"):
        return f"; write {value.lower()} without quotes"
    if expected == "string" and isinstance(value, (bool, int, float)):
        text = ("true" if value else "false") if isinstance(value, bool) else repr(value)
        return f'; write "{text}" in quotes'
    return ""


class _Item:
    """One value met by the walk: like :class:`Value`, but its node is made only for a
    finding (the walk meets every value of every request, and most are fine)."""

    __slots__ = ("dynamic", "jsonata", "kind", "name", "path", "value", "written_key")

    def __init__(self, path: Path, written_key: str | int, value: Any, jsonata: bool) -> None:
        self.path = path
        self.written_key = written_key
        self.value = value
        self.jsonata = jsonata
        dollar = isinstance(written_key, str) and not jsonata and written_key.endswith(".$")
        self.name: str | int = written_key[:-2] if dollar and isinstance(written_key, str) else written_key
        self.dynamic, self.kind = classify(written_key, value, jsonata)


class _Walker:
    def __init__(self, model: ServiceModel, task: SageMakerTask, document: Document) -> None:
        self.model = model
        self.task = task
        self.document = document
        self.out: list[tuple[str, Violation]] = []

    def emit(self, rule_id: str, value: _Item, message: str, *, on_key: bool = False) -> None:
        node = Node(self.document, value.path, value.value)
        self.out.append((rule_id, Violation(node, message, on_key=on_key)))

    def where(self, value: _Item) -> str:
        return str(value.written_key)

    def walk(self, value: _Item, shape_name: str) -> None:
        shape = self.model.shape(shape_name)
        kind = shape["type"]
        expected, accepted = _TYPE_WORDS.get(kind, (kind, {kind}))
        if value.dynamic:
            # an intrinsic's "number" may well be whole: it satisfies an integer member
            loose = accepted | {"number"} if "integer" in accepted else accepted
            if value.kind is not None and value.kind not in loose and kind != "timestamp":
                self.emit(
                    WRONG_TYPE,
                    value,
                    f"{value.name} must be {'an' if expected[0] in 'aeiou' else 'a'} {expected}, but "
                    f"{value.value!r} always gives {'an' if value.kind[0] in 'aeiou' else 'a'} {value.kind}",
                )
            elif kind == "string" and type(value.value) is str and (value.jsonata or "States.Format(" in value.value):
                self.built_string(value, shape_name, shape)
            return
        actual = value.kind
        if actual == "null":
            return  # serializers drop nulls; a null member is treated as absent
        if actual not in accepted:
            article = "an" if expected[0] in "aeiou" else "a"
            self.emit(
                WRONG_TYPE,
                value,
                f"{value.name} must be {article} {expected}, not {_describe(value.value)}"
                f"{_fix_hint(value.value, expected)}",
            )
            return
        if kind == "structure":
            self.structure(value, shape_name, shape)
        elif kind == "list":
            self.size(value, shape, "items")
            member = shape["member"]
            path, jsonata = value.path, value.jsonata
            for index, item in enumerate(value.value):
                self.walk(_Item((*path, index), index, item, jsonata), member)
        elif kind == "map":
            self.size(value, shape, "entries")
            key_shape, value_shape = shape["key"], shape["value"]
            path, jsonata = value.path, value.jsonata
            for key, item in value.value.items():
                entry = _Item((*path, key), key, item, jsonata)
                self.map_key(entry, key_shape)
                self.walk(entry, value_shape)
        elif kind == "string":
            self.string(value, shape_name, shape)
        elif kind in ("integer", "long", "float", "double"):
            self.number(value, shape)

    def structure(self, value: _Item, shape_name: str, shape: dict[str, Any]) -> None:
        members: dict[str, str] = shape.get("members", {})
        present: set[str] = set()
        unknown: list[_Item] = []
        path, jsonata = value.path, value.jsonata
        for key, raw in value.value.items():
            member = _Item((*path, key), key, raw, jsonata)
            name = str(member.name)
            if name in members:
                present.add(name)
                if (shape_name, name) in READ_ONLY_MEMBERS:
                    self.emit(
                        READ_ONLY,
                        member,
                        f"{name} is read-only (it is part of the Describe response); remove it from the request",
                        on_key=True,
                    )
                    continue
                self.walk(member, members[name])
            elif (shape_name, name) not in INTEGRATION_EXTRAS:
                unknown.append(member)
        missing = [m for m in shape.get("required", ()) if m not in present]
        for req in _REQUIRED_BY_SHAPE.get(shape_name, ()):
            if req.member not in present and not any(u in present for u in req.unless):
                missing.append(req.member)
        typo_of: dict[str, _Item] = {}
        for member in unknown:
            written = str(member.written_key)
            name = str(member.name)
            guess = closest(name, [m for m in members if m not in present])
            if guess is not None and guess in missing:
                typo_of[guess] = member
            if self.task.jsonata and written.endswith(".$"):
                message = (
                    f"{written!r} is not a member of {shape_name}: in a JSONata state `.$` has no meaning; "
                    f"write {written[:-2]!r} with a {{% %}} expression as its value"
                )
            elif (shape_name, name) in MISPLACED:
                message = f"{name} is not a member of {shape_name}; it belongs in {MISPLACED[shape_name, name]}"
            elif guess is not None and guess.casefold() == name.casefold():
                message = f"{name!r} is not a member of {shape_name}; member names are case-sensitive: write {guess!r}"
            elif guess is not None:
                extra = " (a required member)" if guess in missing else ""
                message = f"{name!r} is not a member of {shape_name}; did you mean {guess!r}{extra}?"
            else:
                message = (
                    f"{name!r} is not a member of {shape_name} (botocore {self.model.botocore_version}); "
                    f"remove it or check the spelling against the API reference"
                )
            self.emit(UNKNOWN_MEMBER, member, message, on_key=True)
        for name in missing:
            if name in typo_of:
                continue
            self.emit(
                MISSING_MEMBER,
                value,
                f"{shape_name} needs {name}; add it to {self.where(value)}",
                on_key=True,
            )

    def size(self, value: _Item, shape: dict[str, Any], unit: str) -> None:
        count = len(value.value)
        low, high = shape.get("min"), shape.get("max")
        if low is not None and count < low:
            self.emit(SIZE, value, f"{value.name} has {count} {unit}; it needs at least {low}")
        elif high is not None and count > high:
            self.emit(SIZE, value, f"{value.name} has {count} {unit}; at most {high} are allowed")

    def map_key(self, entry: _Item, shape_name: str) -> None:
        shape = self.model.shape(shape_name)
        key = str(entry.written_key)
        if entry.dynamic and key.endswith(".$") and not entry.jsonata:
            key = key[:-2]
        high = shape.get("max")
        if high is not None and len(key) > high:
            self.emit(
                LENGTH, entry, f"the key {key[:40]!r}... is {len(key)} characters long; at most {high}", on_key=True
            )
        pattern = self.model.pattern(shape_name)
        if pattern is not None and not pattern.fullmatch(key):
            self.emit(PATTERN, entry, f"the key {key!r} does not match {shape['pattern']!r}", on_key=True)

    def string(self, value: _Item, shape_name: str, shape: dict[str, Any]) -> None:
        text: str = value.value
        family = _INSTANCE_ENUM_FAMILY.get(shape_name)
        if family is not None:
            self.instance_type(value, text, family)
            return
        enum = shape.get("enum")
        if enum is not None:
            if text not in enum:
                guess = closest(text, enum)
                if guess is not None and guess.casefold() == text.casefold():
                    hint = f"; enum values are case-sensitive: write {guess!r}"
                elif guess is not None:
                    hint = f"; did you mean {guess!r}?"
                else:
                    shown = ", ".join(enum[:12]) + (", ..." if len(enum) > 12 else "")
                    hint = f"; use one of {shown}"
                self.emit(ENUM, value, f"{value.name} is {text!r}, not a valid value{hint}")
            return
        low, high = shape.get("min"), shape.get("max")
        if low is not None and len(text) < low:
            what = "empty" if not text else f"{len(text)} characters long"
            self.emit(LENGTH, value, f"{value.name} is {what}; it needs at least {low} characters")
            return
        if high is not None and len(text) > high:
            self.emit(LENGTH, value, f"{value.name} is {len(text)} characters long; at most {high} are allowed")
            return
        pattern = self.model.pattern(shape_name)
        if pattern is not None and not pattern.fullmatch(text):
            self.emit(PATTERN, value, f"{value.name} {text!r} does not match the pattern {shape['pattern']!r}")

    def built_string(self, value: _Item, shape_name: str, shape: dict[str, Any]) -> None:
        """A string built at run time (``States.Format``, a JSONata ``&``): judged only on the
        fixed text every value it can take contains (rules/sagemaker/partial.py)."""
        high = shape.get("max")
        pattern = self.model.pattern(shape_name)
        if (high is None and pattern is None) or "enum" in shape or shape_name in _INSTANCE_ENUM_FAMILY:
            return
        if is_placeholder(value.value):  # ${Prefix} is filled in before Step Functions reads it
            return
        pieces = fixed_pieces(value.value, value.jsonata)
        fixed = [piece for piece in pieces or () if piece is not None]
        if not fixed:
            return
        length = sum(map(len, fixed))
        if high is not None and length > high:
            self.emit(
                LENGTH,
                value,
                f"{value.name} is built from {length} characters of fixed text and what the expression adds; "
                f"at most {high} are allowed: shorten the fixed text",
            )
            return
        allowed = alphabet(pattern.pattern, pattern.flags) if pattern is not None else None
        if allowed is None:
            return
        for piece in fixed:
            bad = next((char for char in piece if not allowed(char)), None)
            if bad is not None:
                hint = "write '-' instead" if allowed("-") else "remove it"
                self.emit(
                    PATTERN,
                    value,
                    f"{value.name} is built with the fixed text {piece!r}, and {bad!r} never appears in a valid "
                    f"{value.name} (pattern {shape['pattern']!r}), whatever the expression adds; {hint}",
                )
                return

    def instance_type(self, value: _Item, text: str, family: str) -> None:
        allowed = self.model.instance_types(family)
        if text in allowed:
            return
        version = self.model.botocore_version
        elsewhere = self.model.instance_families(text)
        if elsewhere:
            where = " and ".join(FAMILY_LABELS[f] for f in elsewhere)
            self.emit(
                INSTANCE_TYPE,
                value,
                f"{text} is not offered for {FAMILY_LABELS[family]}; it is valid only for {where}",
            )
        elif not INSTANCE_TYPE_FORM.fullmatch(text):
            guess = closest(text, allowed)
            hint = f"; did you mean {guess!r}?" if guess else "; instance types look like 'ml.m5.xlarge'"
            self.emit(INSTANCE_TYPE, value, f"{text!r} is not a SageMaker instance type{hint}")
        else:
            self.emit(
                INSTANCE_TYPE_UNKNOWN,
                value,
                f"{text} is not a {family} instance type in botocore {version}; "
                "check the spelling, or refresh the data if the type is newer",
            )

    def number(self, value: _Item, shape: dict[str, Any]) -> None:
        number = value.value
        low, high = shape.get("min"), shape.get("max")
        if low is not None and number < low:
            self.emit(RANGE, value, f"{value.name} is {number}; the minimum is {low}")
        elif high is not None and number > high:
            self.emit(RANGE, value, f"{value.name} is {number}; the maximum is {high}")


def shape_problems(machine: StateMachine) -> list[tuple[str, Violation]]:
    """Every request-shape problem of every SageMaker task, tagged with its rule id."""
    cached: list[tuple[str, Violation]] | None = machine.cache.get(__name__)
    if cached is not None:
        return cached
    out: list[tuple[str, Violation]] = []
    tasks = sagemaker_tasks(machine)
    if tasks:
        model = service_model()
        for task in tasks:
            if task.request is None or task.operation is None:
                continue
            shape = model.input_shape(task.operation)
            if shape is None:
                continue
            walker = _Walker(model, task, machine.document)
            request = task.request.node
            walker.walk(_Item(request.path, request.key or "", request.value, task.jsonata), shape)
            out.extend(walker.out)
    machine.cache[__name__] = out
    return out


def problems_of(machine: StateMachine, rule_id: str) -> Iterator[Violation]:
    """The violations of one SMS rule."""
    for rid, violation in shape_problems(machine):
        if rid == rule_id:
            yield violation
