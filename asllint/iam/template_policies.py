"""The policy a template gives a state machine's role.

CloudFormation: the role its ``RoleArn`` names (``!GetAtt Role.Arn``) when that role is in the
same template: the role's inline ``Policies``, its customer managed policies
(``AWS::IAM::ManagedPolicy`` in the template) and every ``AWS::IAM::Policy`` or
``AWS::IAM::ManagedPolicy`` that names the role.  SAM: the same for ``Role``, else ``Policies``:
inline documents and SAM policy templates, expanded from SAM's own list
(``data/sam-policy-templates.json``).  An AWS managed policy is read when its text is bundled
(``data/managed-policies.json``); another one, a role from another stack or a policy template
asllint does not know makes the policy *incomplete*: a permission it does not
find may be granted there, so only explicit denials and broad grants are reported.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from asllint.document import Document, FixedLocator, Node, SourceText
from asllint.parse.json import load_json

if TYPE_CHECKING:
    from asllint.document import Path


@dataclass
class RolePolicy:
    """What the template grants the role: policy documents (nodes to read statements from)."""

    documents: list[Node] = field(default_factory=list)
    #: everything the role has is known (no AWS managed policy, no unknown SAM template)
    complete: bool = True
    #: what makes it incomplete, for messages
    unknown: list[str] = field(default_factory=list)


@cache
def managed_policies() -> dict[str, Any]:
    """The AWS managed policies whose text is bundled (``data/managed-policies.json``), by name."""
    text = resources.files("asllint.iam").joinpath("data/managed-policies.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(text)["policies"]
    return data


def _managed(value: Any) -> Node | None:
    """The bundled document of an AWS managed policy given by name or ARN (``!Sub`` with
    ``${AWS::Partition}`` included), or ``None``."""
    text = value
    if isinstance(value, dict) and len(value) == 1 and "Fn::Sub" in value and isinstance(value["Fn::Sub"], str):
        text = value["Fn::Sub"]
    if not isinstance(text, str):
        return None
    if text.startswith("arn:") and ":iam::aws:policy/" not in text:
        return None  # a customer managed policy from another stack
    name = text.rsplit("/", 1)[-1]
    found = managed_policies().get(name)
    if found is None:
        return None
    document = load_json(f"{found['arn']} ({found['version']})", SourceText(json.dumps(found["document"])))
    assert isinstance(document, Document)
    document.format = "inline"
    return document.root


@cache
def sam_templates() -> dict[str, Any]:
    text = resources.files("asllint.iam").joinpath("data/sam-policy-templates.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(text)["templates"]
    return data


def _reference(value: Any) -> str | None:
    """The logical id a ``!GetAtt X.Arn``, ``!Ref X`` or ``!Sub ${X.Arn}`` points at."""
    if isinstance(value, dict) and len(value) == 1:
        name, argument = next(iter(value.items()))
        if name == "Fn::GetAtt" and isinstance(argument, list) and argument:
            return str(argument[0])
        if name == "Ref" and isinstance(argument, str):
            return argument
        if name == "Fn::Sub" and isinstance(argument, str):
            match = re.fullmatch(r"\$\{([A-Za-z0-9]+)(?:\.Arn)?\}", argument)
            return match.group(1) if match else None
    return None


def for_cloudformation(template: Document, logical_id: str, sam: bool) -> RolePolicy | None:
    """The policy of the state machine ``logical_id``'s role, or ``None`` when the template does
    not say (a role from outside the template, a SAM state machine without ``Role`` or
    ``Policies``)."""
    resources_ = template.value.get("Resources", {})
    properties = resources_.get(logical_id, {}).get("Properties", {})
    base: Path = ("Resources", logical_id, "Properties")
    if (
        "Connectors" in properties
        or "Connectors" in resources_.get(logical_id, {})
        or any(isinstance(r, dict) and r.get("Type") == "AWS::Serverless::Connector" for r in resources_.values())
    ):
        # SAM connectors add policies of their own to the roles they connect
        unknown = RolePolicy(complete=False, unknown=["SAM connectors"])
    else:
        unknown = None
    role = properties.get("Role" if sam else "RoleArn")
    if role is not None:
        role_id = _reference(role)
        if role_id is None or resources_.get(role_id, {}).get("Type") != "AWS::IAM::Role":
            return None
        policy = _role(template, role_id)
    elif sam and "Policies" in properties:
        policy = RolePolicy()
        _sam_policies(template, (*base, "Policies"), properties["Policies"], policy)
    else:
        return None
    if unknown is not None:
        policy.complete = False
        policy.unknown.extend(unknown.unknown)
    return policy


def _role(template: Document, role_id: str) -> RolePolicy:
    resources_ = template.value["Resources"]
    policy = RolePolicy()
    role = resources_[role_id].get("Properties", {})
    for i, item in enumerate(role.get("Policies") or []):
        if isinstance(item, dict) and "PolicyDocument" in item:
            policy.documents.append(template.node("Resources", role_id, "Properties", "Policies", i, "PolicyDocument"))
    for arn in role.get("ManagedPolicyArns") or []:
        managed = _reference(arn)
        if managed is not None and resources_.get(managed, {}).get("Type") == "AWS::IAM::ManagedPolicy":
            continue  # read below with the policies that name the role
        bundled = _managed(arn)
        if bundled is not None:
            policy.documents.append(bundled)
            continue
        policy.complete = False
        policy.unknown.append(arn if isinstance(arn, str) else "a managed policy")
    for other_id, resource in resources_.items():
        if not isinstance(resource, dict) or resource.get("Type") not in (
            "AWS::IAM::Policy",
            "AWS::IAM::ManagedPolicy",
            "AWS::IAM::RolePolicy",
        ):
            continue
        properties = resource.get("Properties", {})
        named = [_reference(r) for r in properties.get("Roles") or []]
        named.append(_reference(properties.get("RoleName")))
        attached = [_reference(a) for a in role.get("ManagedPolicyArns") or []]
        if (role_id in named or other_id in attached) and "PolicyDocument" in properties:
            policy.documents.append(template.node("Resources", other_id, "Properties", "PolicyDocument"))
    if role.get("PermissionsBoundary") is not None:
        policy.unknown.append("a permissions boundary (not evaluated)")
    return policy


def _sam_policies(template: Document, path: Path, value: Any, policy: RolePolicy) -> None:
    items = value if isinstance(value, list) else [value]
    for i, item in enumerate(items):
        item_path = (*path, i) if isinstance(value, list) else path
        if isinstance(item, str) or (
            isinstance(item, dict) and len(item) == 1 and next(iter(item)) in ("Ref", "Fn::Sub")
        ):
            bundled = _managed(item)  # an AWS managed policy, by name or ARN
            if bundled is not None:
                policy.documents.append(bundled)
            else:
                policy.complete = False
                policy.unknown.append(str(item))
        elif isinstance(item, dict) and "Statement" in item:
            policy.documents.append(template.node(*item_path))
        elif isinstance(item, dict) and len(item) == 1:
            name, parameters = next(iter(item.items()))
            expanded = _expand(template, item_path, str(name), parameters)
            if expanded is None:
                policy.complete = False
                policy.unknown.append(f"the SAM policy template {name}")
            else:
                policy.documents.append(expanded)
        else:
            policy.complete = False
            policy.unknown.append("a policy asllint cannot read")


def _expand(template: Document, path: Path, name: str, parameters: Any) -> Node | None:
    """A SAM policy template's statements, its parameters filled in where they are literal (an
    unknown parameter stays ``${Name}``, which matches nothing for sure); the node points at the
    template's ``Policies`` entry."""
    found = sam_templates().get(name)
    if found is None:
        return None
    values = parameters if isinstance(parameters, dict) else {}
    text = json.dumps({"Statement": found["statements"]})

    def fill(match: re.Match[str]) -> str:
        key = match.group(1)
        value = values.get(key)
        return value if isinstance(value, str) and "${" not in value else "${" + key + "}"

    statements = json.loads(re.sub(r'\{"Ref": "([A-Za-z0-9]+)"\}', lambda m: json.dumps(fill(m)), text))
    span = template.span(path)
    anchor = FixedLocator(span.start.offset, span.end.offset)
    document = Document(template.name, template.source, statements, "sam-template", anchor)
    return document.root


# -- Terraform ----------------------------------------------------------------------------------

_TF_REFERENCE = re.compile(r"\$\{([A-Za-z0-9_.-]+)\}")


def _tf_reference(value: Any) -> tuple[str, ...] | None:
    """The parts of a whole Terraform reference (``aws_iam_role.sfn.arn`` -> three parts)."""
    match = _TF_REFERENCE.fullmatch(value) if isinstance(value, str) else None
    return tuple(match.group(1).split(".")) if match else None


def _at(value: Any, *keys: str) -> Any:
    """``value[k1][k2]...`` through objects only; ``None`` where a part is missing or not an object."""
    for key in keys:
        value = value.get(key) if isinstance(value, dict) else None
    return value


def _blocks(value: Any) -> list[tuple[Any, dict[str, Any]]]:
    """A nested block as ``(key, body)`` pairs: one block is an object, repeated ones a list."""
    if isinstance(value, dict):
        return [((), value)]
    if isinstance(value, list):
        return [((i,), v) for i, v in enumerate(value) if isinstance(v, dict)]
    return []


def for_terraform(template: Document, name: str) -> RolePolicy | None:
    """The policy of ``aws_sfn_state_machine.<name>``'s role when its ``role_arn`` is
    ``aws_iam_role.<role>.arn`` of the same file: the role's ``inline_policy`` blocks and
    ``managed_policy_arns``, and the ``aws_iam_role_policy``, ``aws_iam_role_policy_attachment``
    and ``aws_iam_policy_attachment`` resources that name it.  A policy is read from
    ``jsonencode({...})``, a JSON string or heredoc, or a ``data "aws_iam_policy_document"``
    of the file; anything else (a variable, a module output, an AWS managed policy whose text is
    not bundled) makes the policy incomplete."""
    resources_ = _at(template.value, "resource")
    reference = _tf_reference(_at(resources_, "aws_sfn_state_machine", name, "role_arn"))
    if reference is None or len(reference) != 3 or reference[0] != "aws_iam_role" or reference[2] != "arn":
        return None
    role_name = reference[1]
    role = _at(resources_, "aws_iam_role", role_name)
    if not isinstance(role, dict):
        return None
    policy = RolePolicy()
    base: Path = ("resource", "aws_iam_role", role_name)
    for key, block in _blocks(role.get("inline_policy")):
        if "policy" in block:
            _tf_policy(template, (*base, "inline_policy", *key, "policy"), policy)
    arns = role.get("managed_policy_arns")
    for i, arn in enumerate(arns if isinstance(arns, list) else []):
        _tf_attached(template, (*base, "managed_policy_arns", i), arn, policy)
    if not isinstance(arns, (list, type(None))):
        policy.complete = False
        policy.unknown.append("managed_policy_arns")

    def names_role(value: Any) -> bool:
        found = _tf_reference(value)
        if found is not None:
            return found[:2] == ("aws_iam_role", role_name)
        return isinstance(value, str) and value == role.get("name")

    for kind in ("aws_iam_role_policy", "aws_iam_role_policy_attachment", "aws_iam_policy_attachment"):
        declared = _at(resources_, kind)
        for other, body in declared.items() if isinstance(declared, dict) else ():
            if not isinstance(body, dict):
                continue
            roles = body.get("roles") if kind == "aws_iam_policy_attachment" else [body.get("role")]
            if not any(names_role(r) for r in (roles if isinstance(roles, list) else [])):
                continue
            if kind == "aws_iam_role_policy" and "policy" in body:
                _tf_policy(template, ("resource", kind, other, "policy"), policy)
            elif kind == "aws_iam_role_policy":
                policy.complete = False
                policy.unknown.append(f"{kind}.{other} without a policy")
            else:
                _tf_attached(template, ("resource", kind, other, "policy_arn"), body.get("policy_arn"), policy)
    if role.get("permissions_boundary") is not None:
        policy.unknown.append("a permissions boundary (not evaluated)")
    return policy


def _tf_attached(template: Document, path: Path, arn: Any, policy: RolePolicy) -> None:
    """A policy attached by ARN: ``aws_iam_policy.<name>.arn`` of the file, or an AWS managed one."""
    reference = _tf_reference(arn)
    if reference is not None and len(reference) == 3 and reference[0] == "aws_iam_policy" and reference[2] == "arn":
        body = _at(template.value, "resource", "aws_iam_policy", reference[1])
        if isinstance(body, dict) and "policy" in body:
            _tf_policy(template, ("resource", "aws_iam_policy", reference[1], "policy"), policy)
            return
    bundled = _managed(arn) if isinstance(arn, str) and reference is None else None
    if bundled is not None:
        policy.documents.append(bundled)
        return
    policy.complete = False
    policy.unknown.append(arn if isinstance(arn, str) else "a managed policy")


def _tf_policy(template: Document, path: Path, policy: RolePolicy) -> None:
    node = template.node(*path)
    value = node.value
    found: Node | None = None
    if isinstance(value, dict) and len(value) == 1 and "Fn::jsonencode" in value:
        arguments = value["Fn::jsonencode"]
        if isinstance(arguments, list) and len(arguments) == 1 and isinstance(arguments[0], dict):
            found = template.node(*path, "Fn::jsonencode", 0)
    elif isinstance(value, str):
        reference = _tf_reference(value)
        if reference is not None:
            if len(reference) == 4 and reference[:2] == ("data", "aws_iam_policy_document") and reference[3] == "json":
                found = _policy_document(template, reference[2])
        elif template.format == "json" and value.startswith("${") and value.endswith("}"):
            from asllint.templates import json_expression  # "${jsonencode({...})}" in a .tf.json file

            expression = json_expression(template, node)
            found = expression.node("Fn::jsonencode", 0) if expression is not None else None
        else:
            from asllint.templates import from_string  # a JSON document in a string or heredoc

            parsed = from_string(template, node)
            found = parsed.root if isinstance(parsed, Document) else None
    if found is None:
        policy.complete = False
        policy.unknown.append(f"the policy at {'.'.join(map(str, path))}")
    else:
        policy.documents.append(found)


#: ``aws_iam_policy_document`` statement arguments -> IAM policy keys
_DOCUMENT_KEYS = {
    "sid": "Sid",
    "effect": "Effect",
    "actions": "Action",
    "not_actions": "NotAction",
    "resources": "Resource",
    "not_resources": "NotResource",
}


class _MappedLocator:
    """Locates the values of a policy built from a ``data "aws_iam_policy_document"`` block at
    the template's values they come from (``/Statement/0/Action/1`` -> ``statement/actions/1``)."""

    def __init__(self, template: Document, paths: dict[Path, Path]) -> None:
        self.template = template
        self.paths = paths

    def source_path(self, path: Path) -> Path:
        """The path, in the template, of the value at ``path`` of the policy (or of the nearest
        value above it that the block writes)."""
        for cut in range(len(path), -1, -1):
            mapped = self.paths.get(path[:cut])
            if mapped is not None:
                rest = path[cut:] if cut == len(path) or isinstance(path[cut], int) else ()
                return (*mapped, *rest)
        return ()

    def locate(self, path: Path, *, key: bool = False, occurrence: int = -1) -> tuple[int, int]:
        mapped = self.source_path(path)
        try:
            span = self.template.span(mapped, key=key and path in self.paths)
        except (KeyError, IndexError, LookupError):
            span = self.template.span(())
        return span.start.offset, span.end.offset


def _policy_document(template: Document, name: str) -> Node | None:
    """The IAM policy a ``data "aws_iam_policy_document"`` block of the file describes; ``None``
    when it builds on other documents (``source_policy_documents`` ...)."""
    body = _at(template.value, "data", "aws_iam_policy_document", name)
    if not isinstance(body, dict) or any(k.endswith("policy_documents") or k.endswith("_json") for k in body):
        return None
    base: Path = ("data", "aws_iam_policy_document", name)
    statements: list[dict[str, Any]] = []
    paths: dict[Path, Path] = {(): base}
    for key, block in _blocks(body.get("statement")):
        index = len(statements)
        at: Path = (*base, "statement", *key)
        paths["Statement", index] = at
        statement: dict[str, Any] = {"Effect": "Allow"}
        for argument, iam_key in _DOCUMENT_KEYS.items():
            if argument in block:
                statement[iam_key] = block[argument]
                paths["Statement", index, iam_key] = (*at, argument)
        conditions: dict[str, dict[str, Any]] = {}
        for ckey, condition in _blocks(block.get("condition")):
            test, variable, values = condition.get("test"), condition.get("variable"), condition.get("values")
            if isinstance(test, str) and isinstance(variable, str):
                conditions.setdefault(test, {})[variable] = values
                paths["Statement", index, "Condition", test, variable] = (*at, "condition", *ckey, "values")
        if conditions:
            statement["Condition"] = conditions
            paths["Statement", index, "Condition"] = (*at, "condition")
        statements.append(statement)
    value = {"Version": "2012-10-17", "Statement": statements}
    document = Document(template.name, template.source, value, template.format, _MappedLocator(template, paths))
    return document.root
