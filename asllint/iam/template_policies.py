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
