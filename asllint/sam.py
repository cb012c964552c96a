"""What the SAM transform refuses in an ``AWS::Serverless::StateMachine`` beyond its definition
(reported as ``TPL005``).

SAM turns a state machine's ``Events`` into EventBridge rules, schedules and API Gateway
methods, and its ``DeploymentPreference`` into a gradual deployment; it refuses the template
("Invalid Serverless Application Specification document") when these are inconsistent.  The
checks here are the ones the SAM translator makes for state machines, each judged only when
the values involved are written out (a function object is a value known at deployment):

- an event's ``DeadLetterConfig`` (``Schedule``, ``ScheduleV2``, ``CloudWatchEvent``,
  ``EventBridgeRule``) gives exactly one of ``Arn`` and ``Type``, ``Type`` is ``SQS``, and
  ``QueueLogicalId`` is a string;
- a ``Schedule`` event gives ``State`` or ``Enabled``, not both;
- an ``Api`` event's ``Auth.Authorizer`` names an authorizer of its API (``NONE`` only when the
  API has a ``DefaultAuthorizer``), its ``UnescapeMappingTemplate`` is a boolean, and the API's
  ``Auth`` has a string ``DefaultAuthorizer`` and a map ``ResourcePolicy`` (the implicit API
  takes its ``Auth`` from ``Globals.Api``);
- ``DeploymentPreference`` comes with ``AutoPublishAlias``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from asllint.document import is_function_name

if TYPE_CHECKING:
    from asllint.document import Document, Path

_DLQ_EVENTS = ("Schedule", "ScheduleV2", "CloudWatchEvent", "EventBridgeRule")


@dataclass(frozen=True)
class Problem:
    """What SAM refuses, at ``path`` in the template."""

    path: Path
    message: str
    on_key: bool = False


def _function(value: Any) -> bool:
    return isinstance(value, dict) and len(value) == 1 and is_function_name(str(next(iter(value))))


def _map(value: Any) -> dict[str, Any] | None:
    """``value`` when it is a written-out object, else ``None``."""
    return value if isinstance(value, dict) and not _function(value) else None


def problems(template: Document, logical_id: str) -> list[Problem]:
    """What SAM refuses in state machine ``logical_id`` of ``template`` (its definition aside)."""
    resources = template.value["Resources"]
    properties = _map(resources[logical_id].get("Properties"))
    if properties is None:
        return []
    base: Path = ("Resources", logical_id, "Properties")
    found: list[Problem] = []
    preference = properties.get("DeploymentPreference")
    if preference is not None and "AutoPublishAlias" not in properties:
        found.append(
            Problem(
                (*base, "DeploymentPreference"),
                "DeploymentPreference needs AutoPublishAlias: SAM shifts traffic between versions through "
                "that alias; add AutoPublishAlias (for example live)",
                on_key=True,
            )
        )
    events = _map(properties.get("Events"))
    for name, raw in (events or {}).items():
        event = _map(raw)
        if event is None:
            continue
        kind = event.get("Type")
        where: Path = (*base, "Events", name, "Properties")
        props = _map(event.get("Properties")) or {}
        if kind in _DLQ_EVENTS:
            found.extend(_dead_letter(props, where))
        if kind == "Schedule" and "State" in props and "Enabled" in props:
            found.append(
                Problem(
                    (*where, "Enabled"),
                    f"event {name!r} gives both State and Enabled; keep State (Enabled is its older form)",
                    on_key=True,
                )
            )
        if kind == "Api":
            found.extend(_api_event(template, name, props, where))
    return found


def _dead_letter(props: dict[str, Any], where: Path) -> list[Problem]:
    config = _map(props.get("DeadLetterConfig"))
    if config is None:
        return []
    at: Path = (*where, "DeadLetterConfig")
    if "Arn" in config and "Type" in config:
        message = "DeadLetterConfig gives both Arn and Type; give Arn for an existing queue, or Type: SQS for SAM to create one"
        return [Problem(at, message, on_key=True)]
    if "Arn" not in config and "Type" not in config:
        message = "DeadLetterConfig gives neither Arn nor Type; give Arn for an existing queue, or Type: SQS for SAM to create one"
        return [Problem(at, message, on_key=True)]
    kind = config.get("Type")
    if isinstance(kind, str) and kind != "SQS":
        return [Problem((*at, "Type"), f"DeadLetterConfig Type is {kind!r}; the only type SAM creates is SQS")]
    queue = config.get("QueueLogicalId")
    if "QueueLogicalId" in config and not isinstance(queue, str):
        return [
            Problem(
                (*at, "QueueLogicalId"),
                "QueueLogicalId must be a string: it becomes the logical id of the queue SAM creates, and SAM "
                "resolves no function there; write the id",
            )
        ]
    return []


def _api_event(template: Document, name: str, props: dict[str, Any], where: Path) -> list[Problem]:
    found: list[Problem] = []
    unescape = props.get("UnescapeMappingTemplate")
    if "UnescapeMappingTemplate" in props and not isinstance(unescape, bool):
        found.append(
            Problem(
                (*where, "UnescapeMappingTemplate"),
                "UnescapeMappingTemplate must be true or false; SAM resolves no function there",
            )
        )
    auth = _api_auth(template, props)
    if auth is None:
        return found
    event_auth = _map(props.get("Auth")) or {}
    chosen = event_auth.get("Authorizer")
    if not isinstance(chosen, str) or chosen == "AWS_IAM":
        return found
    at: Path = (*where, "Auth", "Authorizer")
    if chosen == "NONE":
        if "DefaultAuthorizer" not in auth:
            found.append(
                Problem(
                    at,
                    f"event {name!r} sets Authorizer NONE, which only turns off the API's DefaultAuthorizer, and the "
                    "API has none; remove it",
                )
            )
        return found
    authorizers = auth.get("Authorizers")
    if authorizers is None:
        found.append(
            Problem(
                at, f"event {name!r} uses authorizer {chosen!r}, but its API defines no Authorizers; define it there"
            )
        )
    elif _map(authorizers) is not None and chosen not in authorizers:
        known = ", ".join(map(str, authorizers)) or "none"
        found.append(
            Problem(
                at, f"authorizer {chosen!r} is not one of the API's Authorizers ({known}); define it or fix the name"
            )
        )
    return found


def api_problems(template: Document) -> list[Problem]:
    """What SAM refuses in the ``Auth`` of the APIs a template declares beside its state
    machines (each ``AWS::Serverless::Api``, and ``Globals.Api``, which every API takes)."""
    resources = template.value["Resources"]
    apis = [
        (name, resource)
        for name, resource in resources.items()
        if isinstance(resource, dict) and resource.get("Type") == "AWS::Serverless::Api"
    ]
    implicit = any(
        isinstance(event, dict)
        and event.get("Type") == "Api"
        and "RestApiId" not in (_map(event.get("Properties")) or {})
        for resource in resources.values()
        if isinstance(resource, dict) and resource.get("Type") == "AWS::Serverless::StateMachine"
        for event in (_map((_map(resource.get("Properties")) or {}).get("Events")) or {}).values()
    )
    found: list[Problem] = []
    globals_auth = _map((_map((_map(template.value.get("Globals")) or {}).get("Api")) or {}).get("Auth"))
    if globals_auth is not None and (apis or implicit):
        found.extend(_auth_problems(globals_auth, ("Globals", "Api", "Auth")))
    for name, resource in apis:
        auth = _map((_map(resource.get("Properties")) or {}).get("Auth"))
        if auth is not None:
            found.extend(_auth_problems(auth, ("Resources", name, "Properties", "Auth")))
    return found


def _auth_problems(auth: dict[str, Any], at: Path) -> list[Problem]:
    found: list[Problem] = []
    default = auth.get("DefaultAuthorizer")
    if "DefaultAuthorizer" in auth and not isinstance(default, str) and not _function(default):
        found.append(
            Problem((*at, "DefaultAuthorizer"), "DefaultAuthorizer must be the name of one of the Authorizers")
        )
    policy = auth.get("ResourcePolicy")
    if "ResourcePolicy" in auth and not isinstance(policy, dict):
        found.append(
            Problem(
                (*at, "ResourcePolicy"),
                "ResourcePolicy must be a map (AwsAccountWhitelist, IpRangeBlacklist, CustomStatements ...)",
            )
        )
    return found


def _api_auth(template: Document, props: dict[str, Any]) -> dict[str, Any] | None:
    """The ``Auth`` of the API an ``Api`` event adds a method to; ``None`` when it is not known
    from this template.  The implicit API (no ``RestApiId``) takes ``Globals.Api.Auth``; an
    ``AWS::Serverless::Api`` of the template its own ``Auth``, else the global one."""
    globals_api = _map((_map(template.value.get("Globals")) or {}).get("Api")) or {}
    inherited = _map(globals_api.get("Auth")) if "Auth" in globals_api else {}
    if "RestApiId" not in props:
        return inherited
    ref = props["RestApiId"]
    target = ref.get("Ref") if isinstance(ref, dict) else None
    resource = _map(template.value["Resources"].get(target)) if isinstance(target, str) else None
    if resource is None or resource.get("Type") != "AWS::Serverless::Api":
        return None
    own = _map(resource.get("Properties")) or {}
    return _map(own["Auth"]) if "Auth" in own else inherited
