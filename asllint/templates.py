"""State machines where they really live: CloudFormation and SAM templates (JSON or YAML, CDK
output included) and Serverless Framework files.

:func:`find` takes a parsed file and, when it is a template, returns each state machine it
declares as an :class:`Embedded` definition (a document and the path of the definition in it)
together with :class:`Note` findings about the template itself (a definition kept in S3, a
``DefinitionUri`` file that does not exist).  A definition written as an object is checked in
place, so its positions are the template's.  A definition written as a string
(``DefinitionString``, ``Fn::Sub``, CDK's ``Fn::Join`` of string pieces) is parsed on its own and
every position inside it is mapped back to the line and column of the template, escapes
included.  A ``DefinitionUri`` file is checked as itself: its findings point into it.

Values filled in at deployment (``${Name}`` placeholders, ``{"Ref": ...}``, ``{"Fn::GetAtt": ...}``)
stay unknown: a placeholder written where JSON wants a value (``"TimeoutSeconds": ${Timeout}``) is
read as the string ``"${Timeout}"``, which every rule treats as unknown.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from asllint.document import Document, FixedLocator, Node, SourceText, format_pointer, is_function_name
from asllint.parse import LoadFailure

if TYPE_CHECKING:
    from collections.abc import Callable

    from asllint.document import Locator, Path
    from asllint.iam.template_policies import RolePolicy
    from asllint.sam import Problem as SamProblem

#: the resource types that declare a state machine
STATE_MACHINE_TYPES = ("AWS::StepFunctions::StateMachine", "AWS::Serverless::StateMachine")
#: what a file that declares a state machine contains somewhere
_SIGNS = (
    b"AWS::StepFunctions::StateMachine",
    b"AWS::Serverless::StateMachine",
    b"stateMachines",  # Serverless Framework
    b"aws_sfn_state_machine",  # Terraform
)
#: what a template says near its start (its sections), so that a large one is read in full
_TEMPLATE_HEAD = (b"AWSTemplateFormatVersion", b"Resources", b"Transform", b"resource", b"stepFunctions")
#: a Serverless Framework file reference: ``${file(path)}`` or ``${file(path):key.path}``
_FILE_REFERENCE = re.compile(r"\$\{file\(([^)]+)\)(?::([A-Za-z0-9_.-]+))?\}")
#: a ``DefinitionSubstitutions`` placeholder, ``${name}``
SUBSTITUTION = re.compile(r"\$\{([^}]*)\}")
#: bytes read first; a file that is no larger is decided on them alone
HEAD = 64 * 1024
#: the most read of a large file that looks like a template
LARGEST = 16 * 1024 * 1024


def holds_state_machine(path: str) -> bool:
    """Whether the file at ``path`` looks like a state machine definition or a file declaring
    one: cheap, for folder walks.  The first 64 KiB decide for most files; a larger file is read
    further (up to 16 MiB) only when its head looks like a template, so large data files cost
    one small read."""
    try:
        with open(path, "rb") as stream:
            head = stream.read(HEAD)
            if _looks_like(head):
                return True
            if len(head) < HEAD or not any(sign in head for sign in _TEMPLATE_HEAD):
                return False
            rest = stream.read(LARGEST)
    except OSError:
        return False
    return any(sign in head + rest for sign in _SIGNS)


def _looks_like(data: bytes) -> bool:
    if any(sign in data for sign in _SIGNS):
        return True
    # a definition: StartAt and States, as JSON keys or YAML keys
    return (b'"StartAt"' in data and b'"States"' in data) or (b"StartAt:" in data and b"States:" in data)


@dataclass
class Embedded:
    """One state machine of a template.

    :param document: the document the definition's values are in: the template itself, the
        definition string parsed with positions mapped to the template, or a ``DefinitionUri`` file.
    :param path: the definition object's path in ``document``.
    :param logical_id: the resource's logical id (the state machine's key for Serverless).
    :param resource_path: the path, in the template, of the property that holds the definition.
    :param machine_type: ``"STANDARD"``, ``"EXPRESS"``, or ``None`` when it is not a literal.
    :param role: the role the template gives the state machine, as written (``None`` if none).
    :param substitutions: the ``DefinitionSubstitutions`` names; ``None`` when the template gives
        none or they are not known (a function computes them, or ``Fn::Sub``/``Fn::Join`` builds
        the definition and resolves ``${...}`` itself).
    """

    document: Document
    path: Path
    logical_id: str
    resource_path: Path
    machine_type: str | None = "STANDARD"
    role: Any = None
    substitutions: frozenset[str] | None = None
    #: the template (for the pointer of the resource); the same as ``document`` for objects
    template: Document | None = None
    #: the resource type that declares it (``AWS::StepFunctions::StateMachine`` ...), or
    #: ``serverless``/``terraform``
    declared_as: str = ""

    @property
    def resource_pointer(self) -> str:
        return format_pointer(self.resource_path)

    def unsubstituted(self, text: str) -> list[str]:
        """The ``${name}`` placeholders of ``text`` that the template's known
        ``DefinitionSubstitutions`` do not define, in order, each once: CloudFormation leaves
        them as they are, so Step Functions reads that text.  Empty when the substitutions
        are not known.  ``${!Literal}`` is Fn::Sub's escape, not a placeholder."""
        if self.substitutions is None or "${" not in text:
            return []
        names = self.substitutions
        return list(dict.fromkeys(m for m in SUBSTITUTION.findall(text) if m not in names and not m.startswith("!")))

    def left_as_text(self, value: Any) -> bool:
        """Whether ``value`` is one whole ``${name}`` placeholder that the known substitutions do
        not define: Step Functions receives the text ``${name}`` itself."""
        return isinstance(value, str) and SUBSTITUTION.fullmatch(value) is not None and bool(self.unsubstituted(value))

    def role_policy(self) -> RolePolicy | None:
        """What the template grants this state machine's role (``None`` when it does not say)."""
        if self.template is not None and self.declared_as == "terraform":
            from asllint.iam.template_policies import for_terraform

            return for_terraform(self.template, self.logical_id.removeprefix("aws_sfn_state_machine."))
        if self.template is None or not self.declared_as.startswith("AWS::"):
            return None
        from asllint.iam.template_policies import for_cloudformation

        return for_cloudformation(self.template, self.logical_id, self.declared_as == "AWS::Serverless::StateMachine")


@dataclass
class Note:
    """A finding about the template rather than a definition: ``rule_id`` at ``node``."""

    rule_id: str
    node: Node
    message: str
    #: the finding is on the member's name rather than its value
    on_key: bool = False


@dataclass
class Found:
    """What :func:`find` read in a template."""

    kind: str  # "cloudformation" or "serverless"
    #: the logical id of every state machine the template declares, checkable or not
    declared: list[str] = field(default_factory=list)
    machines: list[Embedded] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    #: other files read (``DefinitionUri``), for reporters that quote their lines
    sources: dict[str, SourceText] = field(default_factory=dict)


def kind_of(value: Any) -> str | None:
    """``"cloudformation"``, ``"serverless"`` or ``"terraform"`` when ``value`` is a template
    declaring a state machine, else ``None`` (a plain definition, or anything else)."""
    if not isinstance(value, dict) or "States" in value:
        return None
    terraform = value.get("resource")
    if isinstance(terraform, dict) and isinstance(terraform.get("aws_sfn_state_machine"), dict):
        return "terraform"
    resources = value.get("Resources")
    if isinstance(resources, dict) and any(
        isinstance(r, dict) and r.get("Type") in STATE_MACHINE_TYPES for r in resources.values()
    ):
        return "cloudformation"
    functions = value.get("stepFunctions")
    if isinstance(functions, dict) and isinstance(functions.get("stateMachines"), dict):
        return "serverless"
    return None


def find(document: Document, read: Callable[[str], Document | LoadFailure]) -> Found | None:
    """The state machines of ``document`` when it is a template, else ``None``.

    :param read: loads another file (a ``DefinitionUri``), given its path as written.
    """
    kind = kind_of(document.value)
    if kind is None:
        return None
    found = Found(kind)
    if kind == "cloudformation":
        sam = False
        for logical_id, resource in document.value["Resources"].items():
            if isinstance(resource, dict) and resource.get("Type") in STATE_MACHINE_TYPES:
                found.declared.append(str(logical_id))
                _cloudformation(found, document, str(logical_id), resource, read)
                sam = sam or resource["Type"] == "AWS::Serverless::StateMachine"
        if sam:
            from asllint import sam as sam_checks

            _sam_notes(found, document, sam_checks.api_problems(document))
    elif kind == "terraform":
        for name, block in document.value["resource"]["aws_sfn_state_machine"].items():
            if isinstance(block, dict):
                found.declared.append(f"aws_sfn_state_machine.{name}")
                _terraform(found, document, str(name), block, read)
    else:
        machines = document.value["stepFunctions"]["stateMachines"]
        for name, machine in machines.items():
            if isinstance(machine, dict):
                found.declared.append(str(name))
                _serverless(found, document, str(name), machine, read)
    return found


def _cloudformation(
    found: Found, template: Document, logical_id: str, resource: dict[str, Any], read: Callable[[str], Any]
) -> None:
    sam = resource["Type"] == "AWS::Serverless::StateMachine"
    properties = resource.get("Properties")
    base: Path = ("Resources", logical_id, "Properties")
    if not isinstance(properties, dict):
        found.notes.append(
            Note("TPL002", template.node("Resources", logical_id), f"state machine {logical_id!r} has no Properties")
        )
        return
    kind = properties.get("Type" if sam else "StateMachineType", "STANDARD")
    machine_type = kind.upper() if isinstance(kind, str) and "${" not in kind else None
    role = properties.get("Role" if sam else "RoleArn")
    subs = properties.get("DefinitionSubstitutions")
    substitutions = None
    if isinstance(subs, dict) and not _is_function(subs):
        substitutions = frozenset(map(str, subs))
    elif "DefinitionSubstitutions" in properties and not _is_function(subs):
        found.notes.append(
            Note(
                "TPL002",
                template.node(*base, "DefinitionSubstitutions"),
                f"DefinitionSubstitutions of {logical_id!r} is {_kind(subs)}; it must be a map from "
                "placeholder names to values",
            )
        )
        substitutions = frozenset()  # nothing is substituted

    def add(document: Document, path: Path, prop: str) -> None:
        found.machines.append(
            Embedded(
                document, path, logical_id, (*base, prop), machine_type, role, substitutions, template, resource["Type"]
            )
        )

    if sam:
        from asllint import sam as sam_checks

        _sam_notes(found, template, sam_checks.problems(template, logical_id))
    if "Definition" in properties:
        value = properties["Definition"]
        node = template.node(*base, "Definition")
        if isinstance(value, dict) and not _is_function(value):
            add(template, node.path, "Definition")
        elif isinstance(value, dict):
            found.notes.append(Note("TPL001", node, _not_checkable("Definition", value)))
        else:
            found.notes.append(
                Note(
                    "TPL002",
                    node,
                    f"Definition of {logical_id!r} is {_kind(value)}; it must be an object "
                    "(a definition written as a JSON string goes in DefinitionString)",
                )
            )
    elif "DefinitionString" in properties:
        node = template.node(*base, "DefinitionString")
        embedded = from_string(template, node)
        if isinstance(embedded, Document):
            add(embedded, (), "DefinitionString")
            if not isinstance(node.value, str):  # Fn::Sub and Fn::Join resolve ${...} themselves
                found.machines[-1].substitutions = None
        elif isinstance(embedded, Note):
            found.notes.append(embedded)
    elif "DefinitionUri" in properties and sam:
        _definition_uri(found, template, template.node(*base, "DefinitionUri"), read, add)
    elif "DefinitionS3Location" in properties:
        node = template.node(*base, "DefinitionS3Location")
        found.notes.append(Note("TPL001", node, f"the definition of {logical_id!r} is in S3; asllint cannot check it"))
    else:
        wanted = "Definition or DefinitionUri" if sam else "Definition, DefinitionString or DefinitionS3Location"
        found.notes.append(
            Note("TPL002", template.node(*base), f"state machine {logical_id!r} has no definition; add {wanted}")
        )


def _sam_notes(found: Found, template: Document, problems: list[SamProblem]) -> None:
    """What the SAM transform refuses (``asllint.sam``), as TPL005 notes at their places."""
    for problem in problems:
        found.notes.append(Note("TPL005", template.node(*problem.path), problem.message, on_key=problem.on_key))


def _serverless(
    found: Found, template: Document, name: str, machine: dict[str, Any], read: Callable[[str], Any]
) -> None:
    base: Path = ("stepFunctions", "stateMachines", name)
    kind = machine.get("type", "STANDARD")
    machine_type = kind.upper() if isinstance(kind, str) and "${" not in kind else None
    role = machine.get("role")
    if "definition" not in machine:
        found.notes.append(Note("TPL002", template.node(*base), f"state machine {name!r} has no definition"))
        return
    value = machine["definition"]
    node = template.node(*base, "definition")
    if isinstance(value, dict):
        found.machines.append(Embedded(template, node.path, name, node.path, machine_type, role, None, template))
        return
    file_reference = _FILE_REFERENCE.fullmatch(value) if isinstance(value, str) else None
    if file_reference is not None:
        target, key = file_reference.group(1).strip().strip("'\""), file_reference.group(2)
        keys: Path = tuple(key.split(".")) if key else ()

        def add(document: Document, path: Path, prop: str) -> None:
            # ${file(x.yml):a.b} is the value at a.b of that file
            inside = document.value
            for part in keys:
                inside = inside.get(part) if isinstance(inside, dict) else None
            if not isinstance(inside, dict):
                found.notes.append(Note("TPL003", node, f"{key!r} is not an object in {target!r}; check the key"))
                return
            found.machines.append(
                Embedded(document, (*path, *keys), name, node.path, machine_type, role, None, template)
            )

        _local_file(found, template, node, target, read, add)
        return
    found.notes.append(Note("TPL001", node, _not_checkable("definition", value)))


def _terraform(found: Found, template: Document, name: str, block: dict[str, Any], read: Callable[[str], Any]) -> None:
    base: Path = ("resource", "aws_sfn_state_machine", name)
    logical_id = f"aws_sfn_state_machine.{name}"
    kind = block.get("type", "STANDARD")
    machine_type = kind.upper() if isinstance(kind, str) and "${" not in kind else None
    role = block.get("role_arn")
    if "definition" not in block:
        found.notes.append(Note("TPL002", template.node(*base), f"{logical_id} has no definition"))
        return
    node = template.node(*base, "definition")
    value = node.value

    def add(document: Document, path: Path, prop: str) -> None:
        found.machines.append(
            Embedded(document, path, logical_id, node.path, machine_type, role, None, template, "terraform")
        )

    if isinstance(value, str) and template.format == "json" and value.startswith("${") and value.endswith("}"):
        # Terraform's JSON syntax (CDK for Terraform): "${jsonencode({...})}" holds an expression
        expression = json_expression(template, node)
        if expression is not None:
            add(expression, ("Fn::jsonencode", 0), "definition")
            return
    if isinstance(value, str) and not _whole_placeholder(value):
        embedded = from_string(template, node)
        if isinstance(embedded, Document):
            add(embedded, (), "definition")
        elif isinstance(embedded, Note):
            found.notes.append(embedded)
        return
    if _is_function(value):
        function, arguments = next(iter(value.items()))
        first = arguments[0] if isinstance(arguments, list) and arguments else None
        if function == "Fn::jsonencode" and isinstance(first, dict) and not _is_function(first):
            add(template, (*node.path, function, 0), "definition")
            return
        if function in ("Fn::templatefile", "Fn::file") and isinstance(first, str):
            folder = os.path.dirname(template.name) or "."
            target = first
            for variable in ("${path.module}", "${path.root}", "${path.cwd}"):
                target = target.replace(variable, folder)
            if "${" not in target:
                target = os.path.normpath(target)
                _template_file(found, template, template.node(*node.path, function, 0), target, read, add)
                return
    found.notes.append(Note("TPL001", node, _not_checkable("definition", value)))


class _ShiftedLocator:
    """Spans of an expression read from inside a JSON string, mapped to the file: offset ``i``
    of the expression is code point ``i + 2`` of the string (after ``${``)."""

    def __init__(self, inner: Any, offsets: list[int]) -> None:
        self.inner = inner
        self.offsets = offsets

    def locate(self, path: Path, *, key: bool = False, occurrence: int = -1) -> tuple[int, int]:
        start, end = self.inner.locate(path, key=key, occurrence=occurrence)
        offsets = self.offsets
        after = end + 2  # the code point just after the value: its escape sequence included
        return offsets[min(start + 2, len(offsets) - 1)], offsets[after] if after < len(offsets) else offsets[-1] + 1


def json_expression(template: Document, node: Node) -> Document | None:
    """The definition a Terraform JSON file gives as ``"${jsonencode({...})}"``: the object,
    read by the HCL reader, positions mapped back into the JSON string; ``None`` for any other
    expression."""
    from asllint.parse.hcl import read_expression

    text: str = node.value
    read = read_expression(text[2:-1])
    if read is None:
        return None
    value, locator = read
    arguments = value.get("Fn::jsonencode") if isinstance(value, dict) and len(value) == 1 else None
    if not (isinstance(arguments, list) and len(arguments) == 1 and isinstance(arguments[0], dict)):
        return None
    offsets = _string_offsets(template, node.path, text)
    return Document(template.name, template.source, value, "hcl", _ShiftedLocator(locator, offsets))


def _whole_placeholder(value: str) -> bool:
    """``"${local.definition}"``: an expression standing for the whole definition."""
    return value.startswith("${") and value.endswith("}") and value.count("${") == 1


def _template_file(
    found: Found,
    template: Document,
    node: Node,
    path: str,
    read: Callable[[str], Any],
    add: Callable[[Document, Path, str], None],
) -> None:
    """A definition in a file that Terraform renders (``templatefile``, ``file``): its
    ``${...}`` sequences are unknown values; positions are the file's own."""
    loaded = read(path)
    if isinstance(loaded, LoadFailure) and loaded.source is None:
        found.notes.append(Note("TPL003", node, f"the definition file {path} cannot be read; check the path"))
        return
    source = loaded.source
    found.sources[path] = source
    text = source.text
    document = _parse_mapped(path, source, "json", text, list(range(len(text))))
    if isinstance(document, Note):
        found.notes.append(document)
        return
    add(document, (), "definition")


def _definition_uri(
    found: Found,
    template: Document,
    node: Node,
    read: Callable[[str], Any],
    add: Callable[[Document, Path, str], None],
) -> None:
    value = node.value
    if isinstance(value, str):
        if value.startswith("s3://"):
            found.notes.append(Note("TPL001", node, f"the definition is in S3 ({value}); asllint cannot check it"))
            return
        _local_file(found, template, node, value, read, add)
        return
    if isinstance(value, dict) and not _is_function(value):
        missing = [k for k in ("Bucket", "Key") if k not in value]
        if missing:
            found.notes.append(
                Note(
                    "TPL002", node, f"DefinitionUri as an S3 location needs Bucket and Key; add {' and '.join(missing)}"
                )
            )
            return
        found.notes.append(Note("TPL001", node, "the definition is in S3; asllint cannot check it"))
        return
    found.notes.append(Note("TPL001", node, _not_checkable("DefinitionUri", value)))


def _local_file(
    found: Found,
    template: Document,
    node: Node,
    target: str,
    read: Callable[[str], Any],
    add: Callable[[Document, Path, str], None],
) -> None:
    folder = os.path.dirname(template.name)
    path = os.path.normpath(os.path.join(folder, target)) if not os.path.isabs(target) else target
    loaded = read(path)
    if isinstance(loaded, LoadFailure):
        if loaded.rule_id == "ASL005":
            found.notes.append(
                Note("TPL003", node, f"the definition file {target!r} ({path}) cannot be read; check the path")
            )
            return
        if loaded.source is not None:
            found.sources[path] = loaded.source
        failure = _failure_document(path, loaded)
        found.notes.append(Note(loaded.rule_id, failure, loaded.message))
        return
    found.sources[path] = loaded.source
    add(loaded, (), "DefinitionUri")


def _failure_document(name: str, failure: LoadFailure) -> Node:
    """A node at the place of a load failure in file ``name`` (for a note pointing into it)."""
    source = failure.source or SourceText("")
    offset = failure.offset or 0
    document = Document(name, source, None, "json", FixedLocator(offset, offset + 1 if source.text else offset))
    return document.root


def _is_function(value: Any) -> bool:
    return isinstance(value, dict) and len(value) == 1 and is_function_name(str(next(iter(value))))


def _kind(value: Any) -> str:
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    return "null" if value is None else f"the {type(value).__name__} {value!r}"


def _not_checkable(prop: str, value: Any) -> str:
    if _is_function(value):
        return f"{prop} is computed by {next(iter(value))} at deployment; asllint cannot check it"
    return f"{prop} is {_kind(value)}, which asllint cannot read as a definition"


# ----------------------------------------------------------------------------------------------
# definitions written as strings


@dataclass
class _Text:
    """Text with, for each code point, the template offset it came from."""

    text: list[str] = field(default_factory=list)
    offsets: list[int] = field(default_factory=list)

    def add(self, text: str, offsets: list[int]) -> None:
        self.text.append(text)
        self.offsets.extend(offsets)


def from_string(template: Document, node: Node) -> Document | Note | None:
    """The JSON document held by a template value: a string, ``Fn::Sub`` of one, or ``Fn::Join``
    of pieces (a ``DefinitionString``, a Terraform heredoc, a policy), its positions mapped back
    into the template; a ``Note`` when it cannot be read."""
    value = node.value
    pieces = _Text()
    if isinstance(value, str):
        pieces.add(value, _string_offsets(template, node.path, value))
    elif _is_function(value) and "Fn::Sub" in value:
        argument = value["Fn::Sub"]
        path = (*node.path, "Fn::Sub")
        if isinstance(argument, list) and argument and isinstance(argument[0], str):
            argument, path = argument[0], (*path, 0)
        if not isinstance(argument, str):
            return Note("TPL001", node, _not_checkable("DefinitionString", value))
        pieces.add(argument, _string_offsets(template, path, argument))
    elif _is_function(value) and "Fn::Join" in value:
        argument = value["Fn::Join"]
        if not (isinstance(argument, list) and len(argument) == 2 and isinstance(argument[1], list)):
            return Note("TPL001", node, _not_checkable("DefinitionString", value))
        separator = argument[0] if isinstance(argument[0], str) else ""
        for i, piece in enumerate(argument[1]):
            path = (*node.path, "Fn::Join", 1, i)
            if i and separator:
                anchor = template.span(path).start.offset
                pieces.add(separator, [anchor] * len(separator))
            if isinstance(piece, str):
                pieces.add(piece, _string_offsets(template, path, piece))
            else:
                text = "${" + _describe_function(piece) + "}"
                pieces.add(text, [template.span(path).start.offset] * len(text))
    else:
        return Note("TPL001", node, _not_checkable("DefinitionString", value))
    if not pieces.offsets:
        pieces.offsets.append(template.span(node.path).start.offset)
    return _parse_mapped(template.name, template.source, template.format, "".join(pieces.text), pieces.offsets)


def _parse_mapped(name: str, source: SourceText, fmt: str, text: str, offsets: list[int]) -> Document | Note:
    """Parse the JSON ``text`` (placeholders quoted) into a document whose positions are those of
    file ``name``: code point ``i`` of ``text`` is at ``offsets[i]`` of ``source``."""
    text, offsets = _quote_placeholders(text, offsets)
    from asllint.parse.json import load_json

    loaded = load_json(name, SourceText(text))
    if isinstance(loaded, LoadFailure):
        at = offsets[min(loaded.offset or 0, len(offsets) - 1)] if offsets else 0
        shown = Document(name, source, None, fmt, FixedLocator(at, at + 1))
        return Note("ASL001", shown.root, f"the definition is not valid JSON: {loaded.message}")
    locator = _Mapped(loaded.locator, offsets, len(source.text))
    return Document(name, source, loaded.value, fmt, locator, loaded.duplicates)


def _describe_function(value: Any) -> str:
    if isinstance(value, dict) and len(value) == 1:
        name, argument = next(iter(value.items()))
        if name == "Ref" and isinstance(argument, str):
            return argument
        if name == "Fn::GetAtt" and isinstance(argument, list):
            return ".".join(map(str, argument))
        return str(name)
    return "value"


def _quote_placeholders(text: str, offsets: list[int]) -> tuple[str, list[int]]:
    """Quote each ``${...}`` written where JSON wants a value (outside strings), so that the text
    parses and the placeholder reads as a string that every rule treats as unknown."""
    if "${" not in text:
        return text, offsets
    out: list[str] = []
    mapped: list[int] = []
    in_string = False
    i = 0
    n = len(text)
    while i < n:
        c = text[i]
        if in_string:
            if c == "\\" and i + 1 < n:
                out.append(text[i : i + 2])
                mapped.extend(offsets[i : i + 2])
                i += 2
                continue
            if c == '"':
                in_string = False
        elif c == '"':
            in_string = True
        elif c == "$" and text.startswith("${", i):
            end = text.find("}", i)
            if end > 0:
                out.append('"' + text[i : end + 1] + '"')
                mapped.extend([offsets[i], *offsets[i : end + 1], offsets[end]])
                i = end + 1
                continue
        out.append(c)
        mapped.append(offsets[i])
        i += 1
    return "".join(out), mapped


def _string_offsets(template: Document, path: Path, value: str) -> list[int]:
    """For each code point of the string ``value`` at ``path``, its offset in the template."""
    chars = getattr(template.locator, "char_offsets", None)
    known = chars(path) if chars is not None else None
    if known is not None and len(known) == len(value):
        return known
    span = template.span(path)
    start, end = span.start.offset, span.end.offset
    raw = template.source.text
    if template.format == "json" and raw[start : start + 1] == '"':
        return _json_offsets(raw, start + 1, len(value))
    return _aligned_offsets(raw, start, end, value)


def _json_offsets(raw: str, i: int, length: int) -> list[int]:
    """Offsets of the decoded code points of a JSON string whose content starts at ``i``."""
    offsets: list[int] = []
    while len(offsets) < length and i < len(raw):
        offsets.append(i)
        if raw[i] != "\\":
            i += 1
            continue
        if raw[i + 1 : i + 2] == "u":
            high = int(raw[i + 2 : i + 6], 16) if len(raw) >= i + 6 else 0
            i += 6
            # a surrogate pair is one code point in the decoded text
            if 0xD800 <= high < 0xDC00 and raw[i : i + 2] == "\\u":
                i += 6
        else:
            i += 2
    offsets.extend([i] * (length - len(offsets)))
    return offsets


def _aligned_offsets(raw: str, start: int, end: int, value: str) -> list[int]:
    """Offsets of a YAML scalar's code points: each is matched to the next equal character of its
    source (skipping indentation, quotes and escapes); a folded line break matches a space."""
    offsets: list[int] = []
    p = start
    for c in value:
        q = p
        limit = min(end, p + 256)
        while q < limit and raw[q] != c and not (c == " " and raw[q] == "\n"):
            q += 1
        if q >= limit:
            q = min(p, max(end - 1, start))
        offsets.append(q)
        p = q + 1
    return offsets


class _Mapped:
    """A locator for a definition parsed from a string: offsets in the string become offsets in
    the template."""

    def __init__(self, inner: Locator, offsets: list[int], length: int) -> None:
        self.inner = inner
        self.offsets = offsets
        self.length = length

    def locate(self, path: Path, *, key: bool = False, occurrence: int = -1) -> tuple[int, int]:
        start, end = self.inner.locate(path, key=key, occurrence=occurrence)
        offsets = self.offsets
        if not offsets:
            return 0, 0
        first = offsets[min(start, len(offsets) - 1)]
        # the end is where the next code point starts: exact after an escape (\" is two characters)
        last = offsets[end] if start < end < len(offsets) else offsets[min(max(end - 1, start), len(offsets) - 1)] + 1
        return first, max(last, first)
