"""The least-privilege policy a state machine's role needs (``asllint policy FILE``).

The statements of the integration templates the definition uses, in the order of the
definition; states that use the same template share its statements, their resources merged.
Each ``Sid`` names the states a statement serves and what they call.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from asllint.iam.requirements import Need


def _words(text: str) -> str:
    return "".join(part[:1].upper() + part[1:] for part in re.split(r"[^A-Za-z0-9]+", text) if part)


def policy_document(needs: list[Need]) -> dict[str, Any]:
    """The IAM policy document that grants every need and nothing else."""
    groups: dict[tuple[Any, ...], dict[str, list[str]]] = {}
    conditions: dict[tuple[Any, ...], Any] = {}
    granted: dict[tuple[Any, ...], tuple[Any, ...]] = {}  # (action, resource, condition) -> its statement
    for need in needs:
        key = (need.group, need.statement, need.condition)
        grant = (need.action.lower(), need.resource, need.condition)
        owner = granted.setdefault(grant, key)
        if owner != key:
            # granted already by another template's statement (sagemaker:ListTags on *): the
            # states that need it are named there
            states = groups[owner]["states"]
            if need.state.name not in states:
                states.append(need.state.name)
            continue
        entry = groups.setdefault(key, {"Action": [], "Resource": [], "states": []})
        conditions[key] = need.condition
        for name, value in (("Action", need.action), ("Resource", need.resource), ("states", need.state.name)):
            if value not in entry[name]:
                entry[name].append(value)
    statements: list[dict[str, Any]] = []
    used: set[str] = set()
    for key, entry in groups.items():
        sid = (_words(" ".join(entry["states"])) + key[0])[:120] or "Statement"
        base, n = sid, 2
        while sid in used:
            sid, n = f"{base}{n}", n + 1
        used.add(sid)
        statement: dict[str, Any] = {
            "Sid": sid,
            "Effect": "Allow",
            "Action": entry["Action"],
            "Resource": entry["Resource"],
        }
        if conditions[key]:
            statement["Condition"] = {operator: dict(keys) for operator, keys in conditions[key]}
        statements.append(statement)
    return {"Version": "2012-10-17", "Statement": statements}
