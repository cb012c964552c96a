"""IAM policy documents and their evaluation for one request, with three answers.

The evaluation follows the IAM User Guide's identity-policy logic for one principal: an explicit
``Deny`` that applies wins; otherwise an ``Allow`` that applies grants; otherwise the request is
implicitly denied.  asllint cannot always decide whether a statement applies (a condition on a
key the definition does not fix, a policy variable, a Region left to the template), so every
test answers ``True``, ``False`` or ``None`` (unknown), and so does the decision: ``UNKNOWN``
never becomes a finding.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from asllint.iam.match import action_matches, covers, matches, overlaps

if TYPE_CHECKING:
    from asllint.document import Node

#: a three-valued truth: True, False, or None (unknown)
Truth = bool | None


class Decision(enum.Enum):
    ALLOWED = "allowed"
    DENIED = "explicitly denied"
    NOT_ALLOWED = "not allowed"  # implicitly denied: no statement grants it
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Request:
    """One call the state machine's role makes.

    :param action: ``service:Action``.
    :param resource: the ARN; ``*`` inside it stands for text asllint cannot know (a job name
        chosen at run time, the Region a template fills in); ``None`` when nothing of it is
        known (only ``"Resource": "*"`` is then known to cover it).
    :param context: condition keys (lower case) the request fixes, each with its values; a key
        mapped to ``None`` is one the request sets to a value asllint cannot know.  Keys not
        listed here are absent from the request when they are in ``known_keys``, unknown else.
    """

    action: str
    resource: str | None
    context: dict[str, list[str] | None] = field(default_factory=dict)
    known_keys: frozenset[str] = frozenset()


@dataclass
class Statement:
    """One statement of a policy document, with the node it was read from (for findings)."""

    effect: str
    actions: list[str] | None  # None: the statement uses NotAction
    not_actions: list[str] | None
    resources: list[str] | None
    not_resources: list[str] | None
    condition: dict[str, Any] = field(default_factory=dict)
    node: Node | None = None
    sid: str | None = None

    def applies(self, request: Request) -> Truth:
        """Whether this statement applies to ``request``."""
        if self.actions is not None:
            if not any(action_matches(a, request.action) for a in self.actions):
                return False
        elif self.not_actions is not None:
            if any(action_matches(a, request.action) for a in self.not_actions):
                return False
        else:
            return False
        resource = _resource_truth(self.resources, self.not_resources, request.resource)
        if resource is False:
            return False
        conditions = _conditions(self.condition, request)
        if conditions is False:
            return False
        return True if resource is True and conditions is True else None


def _resource_truth(resources: list[str] | None, not_resources: list[str] | None, wanted: str | None) -> Truth:
    if wanted is None:
        if resources is not None:
            return True if "*" in resources else None
        return False if not_resources is not None and "*" in not_resources else None
    if resources is not None:
        truths = [_pattern_truth(pattern, wanted) for pattern in resources]
        return True if True in truths else None if None in truths else False
    if not_resources is not None:
        truths = [_pattern_truth(pattern, wanted) for pattern in not_resources]
        return False if True in truths else None if None in truths else True
    return False  # an identity policy statement without Resource grants nothing


def _pattern_truth(pattern: str, wanted: str) -> Truth:
    if "${" in pattern:  # a policy variable (${aws:username}) or a template placeholder
        return None
    if covers(pattern, wanted):
        return True
    return None if "*" in wanted and overlaps(pattern, wanted) else False


# -- conditions -------------------------------------------------------------------------------

_STRING = {
    "StringEquals": (lambda p, v: p == v, False),
    "StringNotEquals": (lambda p, v: p == v, True),
    "StringEqualsIgnoreCase": (lambda p, v: p.lower() == v.lower(), False),
    "StringNotEqualsIgnoreCase": (lambda p, v: p.lower() == v.lower(), True),
    "StringLike": (matches, False),
    "StringNotLike": (matches, True),
    "ArnEquals": (lambda p, v: p == v, False),
    "ArnNotEquals": (lambda p, v: p == v, True),
    "ArnLike": (matches, False),
    "ArnNotLike": (matches, True),
    "Bool": (lambda p, v: p.lower() == v.lower(), False),
}


def _numeric(operator: str) -> Any:
    compare = {
        "NumericEquals": lambda v, p: v == p,
        "NumericNotEquals": lambda v, p: v != p,
        "NumericLessThan": lambda v, p: v < p,
        "NumericLessThanEquals": lambda v, p: v <= p,
        "NumericGreaterThan": lambda v, p: v > p,
        "NumericGreaterThanEquals": lambda v, p: v >= p,
    }.get(operator)
    if compare is None:
        return None

    def test(p: str, v: str) -> bool:
        return bool(compare(float(v), float(p)))

    return test


def _conditions(block: dict[str, Any], request: Request) -> Truth:
    """All operators of a ``Condition`` block, and all keys of each, must hold (AND)."""
    result: Truth = True
    for operator, keys in block.items():
        if not isinstance(keys, dict):
            return None
        for key, wanted in keys.items():
            truth = _condition(operator, str(key), wanted, request)
            if truth is False:
                return False
            if truth is None:
                result = None
    return result


def _condition(operator: str, key: str, wanted: Any, request: Request) -> Truth:
    values = wanted if isinstance(wanted, list) else [wanted]
    values = [str(v).lower() if isinstance(v, bool) else str(v) for v in values]
    qualifier, _, name = operator.rpartition(":")
    if_exists = name.endswith("IfExists")
    name = name.removesuffix("IfExists")
    lowered = key.lower()
    tags_known = "aws:tagkeys" in request.known_keys and request.context.get("aws:tagkeys", []) is not None
    if lowered.startswith("aws:requesttag/") and tags_known:
        pass  # every tag of the request is known: one it does not send is absent
    elif lowered not in request.context and lowered not in request.known_keys:
        return None  # a key asllint cannot know (aws:SourceIp, a principal tag...)
    present = request.context.get(lowered)
    if lowered in request.context and present is None:
        return None  # set by the request, to a value known only at run time
    if name == "Null":  # Null: true means "the key is absent"
        absent = lowered not in request.context
        return any((v.lower() == "true") == absent for v in values)
    if lowered not in request.context:  # absent from the request
        if if_exists or qualifier == "ForAllValues":
            return True
        if qualifier == "ForAnyValue":
            return False
        return name in {op for op, (_, negated) in _STRING.items() if negated} or name == "NumericNotEquals"
    assert present is not None
    if name in _STRING:
        test, negated = _STRING[name]
    else:
        test, negated = _numeric(name), False
        if test is None:
            return None  # an operator asllint does not evaluate (Date*, IpAddress, Binary)
    try:
        hits = [any(test(p, v) for p in values) for v in present]
    except ValueError:
        return None
    if negated:
        hits = [not h for h in hits]
        # a negated operator holds when no value matches any pattern
    if qualifier == "ForAllValues":
        return all(hits)
    if qualifier == "ForAnyValue" or len(present) == 1:
        return any(hits)
    return all(hits) if negated else any(hits)


# -- documents --------------------------------------------------------------------------------


#: pseudo parameters of a template: the stack's own Region, account and partition, which the
#: definition's ARNs leave open too
_PSEUDO = re.compile(r"\$\{AWS::(?:Region|AccountId|Partition|URLSuffix)\}")


def _text(value: Any) -> str:
    """A policy value as text: a CloudFormation function becomes what it yields where that is
    known (``Fn::Sub`` with literal variables, ``Fn::Join``), else a ``${...}`` placeholder,
    which matches nothing for sure."""
    if isinstance(value, str):
        return _PSEUDO.sub("*", value)
    if isinstance(value, dict) and len(value) == 1:
        name, argument = next(iter(value.items()))
        if name == "Fn::Sub":
            template, variables = (
                (argument[0], argument[1]) if isinstance(argument, list) and len(argument) == 2 else (argument, {})
            )
            if isinstance(template, str) and isinstance(variables, dict):
                known = {k: _text(v) for k, v in variables.items()}
                return re.sub(
                    r"\$\{([^}]*)\}",
                    lambda m: known.get(m.group(1), _PSEUDO.sub("*", m.group(0))),
                    template,
                )
        if name == "Fn::Join" and isinstance(argument, list) and len(argument) == 2 and isinstance(argument[1], list):
            return str(argument[0]).join(_text(v) for v in argument[1])
        if name == "Ref" and isinstance(argument, str):
            return _PSEUDO.sub("*", "${" + argument + "}")
        if name == "Fn::GetAtt" and isinstance(argument, list):
            return "${" + ".".join(map(str, argument)) + "}"
        return "${" + str(name) + "}"
    return str(value)


def _strings(value: Any) -> list[str] | None:
    if value is None:
        return None
    if isinstance(value, list):
        return [_text(v) for v in value]
    return [_text(value)]


def statements(node: Node) -> list[Statement]:
    """The statements of the policy document at ``node`` (an object with ``Statement``, a list
    of such documents, or a single statement)."""
    value = node.value
    found: list[Statement] = []
    if isinstance(value, list):
        for child in node.children():
            found.extend(statements(child))
        return found
    if not isinstance(value, dict):
        return found
    if "Statement" in value:
        inner = node.child("Statement")
        assert inner is not None
        items = list(inner.children()) if isinstance(inner.value, list) else [inner]
        for item in items:
            found.extend(statements(item))
        return found
    if "Effect" in value:
        condition = value.get("Condition")
        found.append(
            Statement(
                effect=str(value.get("Effect")),
                actions=_strings(value.get("Action")),
                not_actions=_strings(value.get("NotAction")),
                resources=_strings(value.get("Resource")),
                not_resources=_strings(value.get("NotResource")),
                condition=condition if isinstance(condition, dict) else {},
                node=node,
                sid=str(value["Sid"]) if "Sid" in value else None,
            )
        )
    return found


def decide(policy: list[Statement], request: Request) -> tuple[Decision, list[Statement]]:
    """The decision for ``request`` and the statements it rests on (the Deny that wins, or the
    Allows that grant)."""
    denies = [(s, s.applies(request)) for s in policy if s.effect == "Deny"]
    if any(t is True for _, t in denies):
        return Decision.DENIED, [s for s, t in denies if t is True]
    allows = [(s, s.applies(request)) for s in policy if s.effect == "Allow"]
    granted = [s for s, t in allows if t is True]
    if granted and not any(t is None for _, t in denies):
        return Decision.ALLOWED, granted
    if granted or any(t is None for _, t in allows) or any(t is None for _, t in denies):
        return Decision.UNKNOWN, granted
    return Decision.NOT_ALLOWED, []
