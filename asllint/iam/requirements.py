"""What each Task state needs from the role that runs it.

For an optimized integration, the statements of the Step Functions Developer Guide's policy
template for that API and pattern (``data/integrations.json``, transcribed from the guide): the
"static resources" template when every name the template uses is written in the definition,
the "dynamic resources" one otherwise.  For the AWS SDK form, the IAM action of the API on any
resource (the guide generates no policy for it), plus the ``iam:PassRole`` a SageMaker request
needs.  A Lambda function given by its ARN needs ``lambda:InvokeFunction`` on it.  A Task with
``Credentials`` runs with another role: the state machine's role needs ``sts:AssumeRole`` on it,
and what the call needs is that role's business.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from asllint.document import is_jsonata, is_placeholder
from asllint.partial import fixed_pieces

if TYPE_CHECKING:
    from asllint.statemachine import State, StateMachine

_PLACEHOLDER = re.compile(r"\[\[([A-Za-z0-9_]+)\]\]")
#: the IAM action of an integration API where its name differs
_PRIMARY = {
    "lambda:invoke": "InvokeFunction",
    "elasticmapreduce:createCluster": "RunJobFlow",
    "elasticmapreduce:addStep": "AddJobFlowSteps",
    "elasticmapreduce:cancelStep": "CancelSteps",
    "elasticmapreduce:terminateCluster": "TerminateJobFlows",
    "elasticmapreduce:setClusterTerminationProtection": "SetTerminationProtection",
    "elasticmapreduce:modifyInstanceFleetByName": "ModifyInstanceFleet",
    "elasticmapreduce:modifyInstanceGroupByName": "ModifyInstanceGroups",
    "dynamodb:getItem": "GetItem",
    "s3:listObjectsV2": "ListBucket",
}
#: supporting actions needed only in some runs: the cleanup of a failed multipart upload
_CLEANUP = frozenset({"s3:abortmultipartupload", "s3:listmultipartuploadparts", "s3:listbucketmultipartuploads"})
#: verbs of the actions Step Functions calls when an execution stops while a job runs
_STOP_VERBS = ("Stop", "Terminate", "Cancel", "BatchStop")
#: the IAM prefix of an AWS SDK service name, where they differ
_SDK_PREFIX = {"sfn": "states", "emr": "elasticmapreduce", "cloudwatchlogs": "logs", "emrcontainers": "emr-containers"}


@cache
def catalogue() -> dict[str, Any]:
    """The transcribed policy templates (``data/integrations.json``)."""
    text = resources.files("asllint.iam").joinpath("data/integrations.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


@dataclass(frozen=True)
class Need:
    """One action on one resource that a state needs.

    :param integration: what the state calls (``sagemaker:createTrainingJob.sync``,
        ``aws-sdk:s3:getObject``, ``lambda function``, ``credentials``).
    :param group: statements of one integration template (the generated policy's unit).
    :param resource: the ARN to grant, as the generated policy writes it.
    :param wanted: the ARN a policy must cover, ``*`` for each part known only later; ``None``
        when the resource cannot be known at all (the AWS SDK form).
    :param condition: the template's ``Condition`` for this action, if any.
    """

    state: State
    integration: str
    group: str
    action: str
    resource: str
    wanted: str | None
    condition: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = ()
    #: which statement of the template it comes from (the generated policy keeps that shape)
    statement: int = 0
    #: whether a policy must allow it (the guide's templates sometimes grant more than the call
    #: needs: every DynamoDB item action for each of them); the generated policy has them all
    checked: bool = True

    @property
    def supporting(self) -> bool:
        """Whether this is a permission the call itself does not depend on.

        What a state cannot work without: the integration's own action (``sns:Publish`` for
        ``sns:publish``, ``lambda:InvokeFunction`` for ``lambda:invoke``) and ``iam:PassRole``.
        Everything else a template grants supports the state: for ``.sync`` the Describe actions
        Step Functions polls the job with and the EventBridge actions on its managed rule (with
        either it learns of the end; without both it cannot), the Stop actions it calls when an
        execution is stopped, ``sagemaker:ListTags``, other services' permissions (Athena's Glue
        catalog and S3 results)."""
        if self.action == "iam:PassRole" or self.integration in ("lambda function", "credentials"):
            return False
        if self.integration == "map:distributed":  # its child executions are started by the map
            return self.action != "states:StartExecution"
        service, _, name = self.action.partition(":")
        head = self.integration.removeprefix("aws-sdk:")
        own_service, _, api = head.partition(":")
        api = api.partition(".")[0]
        if service.lower() != own_service.lower():
            return True
        return name.lower() != _PRIMARY.get(f"{own_service}:{api}", api).lower()

    @property
    def tier(self) -> str:
        """``"call"`` (the state cannot work without it), ``"supporting"`` (following the job:
        ``.sync`` polling and events, ``ListTags``, the S3 objects a Distributed Map reads and
        writes) or ``"occasional"``: what the guide's template grants for some runs only, the
        Stop, Terminate and Cancel actions used when an execution is stopped while the job
        runs, a Distributed Map's Describe/Stop of its child executions, the cleanup of a failed
        multipart upload, and the other services' permissions an Athena query may use (Glue
        catalog, Lake Formation, S3), which depend on the query."""
        if not self.supporting:
            return "call"
        service, _, name = self.action.partition(":")
        if (
            name.startswith(_STOP_VERBS)
            or self.action.lower() in _CLEANUP
            or (self.integration == "map:distributed" and self.action != "states:StartExecution")
            or (self.integration.startswith("athena:") and service != "athena")
        ):
            return "occasional"
        return "supporting"

    #: condition keys the request sets (lower case): their values, ``None`` when only known at
    #: run time; the keys listed in ``known_keys`` and absent here are absent from the request
    request_keys: tuple[tuple[str, tuple[str, ...] | None], ...] = ()
    known_keys: frozenset[str] = frozenset()
    #: where, below the state, a finding about this need goes (its ``Resource`` by default)
    at: tuple[str | int, ...] = ("Resource",)

    @property
    def context(self) -> dict[str, list[str] | None]:
        """The condition keys the request fixes: the template's condition, and for a SageMaker
        Create action what the request says (instance types, VPC, network isolation, tags)."""
        out: dict[str, list[str] | None] = {}
        for _, keys in self.condition:
            for key, value in keys:
                out[key.lower()] = [value]
        for key, values in self.request_keys:
            out[key] = list(values) if values is not None else None
        return out


def _parameters(state: State) -> dict[str, Any]:
    for name in ("Parameters", "Arguments"):
        value = state.body.get(name)
        if isinstance(value, dict):
            return value
    return {}


def _member(parameters: dict[str, Any], name: str) -> Any:
    """The value of a request member (``TrainingJobDefinition.RoleArn`` walks objects);
    ``_ABSENT`` when it is not there, ``_DYNAMIC`` when a ``.$`` key or an expression gives it."""
    value: Any = parameters
    for part in name.split("."):
        if not isinstance(value, dict):
            return _DYNAMIC if value is _DYNAMIC else _ABSENT
        if part in value:
            value = value[part]
        elif f"{part}.$" in value:
            return _DYNAMIC
        else:
            return _ABSENT
    return value


_ABSENT = object()
_DYNAMIC = object()


def _literal(parameters: dict[str, Any], name: str) -> str | None:
    """The literal string value of a request member, or ``None`` when it is dynamic or absent;
    ``Member#name`` is the last part of the value (``alerts`` of a topic ARN or a queue URL)."""
    member, _, part = name.partition("#")
    value = _member(parameters, member)
    if not isinstance(value, str) or is_jsonata(value) or is_placeholder(value):
        return None
    if part == "name":
        return re.split(r"[:/]", value.rstrip("/"))[-1] or None
    return value


def _prefix(state: State, parameters: dict[str, Any], name: str) -> str | None:
    """The fixed start of a request member built at run time, when it has one:
    ``States.Format('churn-{}', $$.Execution.Name)`` (or ``'churn-' & ...`` in JSONata) always
    starts with ``churn-``, so a job name ARN can be scoped to ``training-job/churn-*``."""
    member, _, part = name.partition("#")
    *parents, last = member.split(".")
    holder: Any = parameters
    for parent in parents:
        holder = holder.get(parent) if isinstance(holder, dict) else None
    if part or not isinstance(holder, dict):
        return None
    jsonata = state.query_language == "JSONata"
    text = holder.get(last) if jsonata else holder.get(f"{last}.$")
    if not isinstance(text, str) or is_placeholder(text) or (jsonata and not is_jsonata(text)):
        return None
    pieces = fixed_pieces(text, jsonata)
    if not pieces or len(pieces) < 2 or not isinstance(pieces[0], str):
        return None
    prefix = pieces[0]
    return prefix if not any(c in prefix for c in "*?$") else None  # IAM wildcards and variables


def _partition(state: State) -> tuple[str, str]:
    """The partition to write, and the one to require (``*`` when the template fills it in)."""
    resource = state.resource
    partition = resource.partition if resource is not None else None
    if partition and not partition.startswith("${"):
        return partition, partition
    return "aws", "*"


def needs(machine: StateMachine, region: str = "*", account: str = "*") -> list[Need]:
    """Every action each Task state of ``machine`` needs, in document order."""
    found: list[Need] = []
    for state in machine.states:
        if state.type == "Task":
            found.extend(_state_needs(state, region, account))
        elif state.type == "Map":
            found.extend(_distributed_map_needs(state, region, account, _own_name(machine)))
    return found


def _own_name(machine: StateMachine) -> str | None:
    """The state machine's name when its template writes it (``StateMachineName``, SAM's
    ``Name``, Terraform's ``name``)."""
    embedded = machine.template
    if embedded is not None and embedded.template is not None and embedded.declared_as == "terraform":
        kind, _, label = embedded.logical_id.partition(".")
        block = embedded.template.value.get("resource", {}).get(kind, {}).get(label, {})
        name = block.get("name") if isinstance(block, dict) else None
        return name if isinstance(name, str) and not is_placeholder(name) else None
    if embedded is None or embedded.template is None or not embedded.declared_as.startswith("AWS::"):
        return None
    resource = embedded.template.value.get("Resources", {}).get(embedded.logical_id, {})
    properties = resource.get("Properties", {}) if isinstance(resource, dict) else {}
    name = properties.get("Name" if embedded.declared_as == "AWS::Serverless::StateMachine" else "StateMachineName")
    return name if isinstance(name, str) and not is_placeholder(name) else None


def _distributed_map_needs(state: State, region: str, account: str, own: str | None = None) -> list[Need]:
    """A Distributed Map runs its items as child executions of the state machine itself (the
    role needs ``states:StartExecution`` on it, and Describe/Stop on their executions), reads
    its items from S3 (``ItemReader``) and writes its results there (``ResultWriter``); from
    the Developer Guide's "IAM policies for using Distributed Map states".  The machine's own
    name is known only when a template writes it."""
    processor = state.body.get("ItemProcessor")
    config = processor.get("ProcessorConfig") if isinstance(processor, dict) else None
    if not isinstance(config, dict) or config.get("Mode") != "DISTRIBUTED":
        return []
    partition = "aws"
    machine = f"arn:{partition}:states:{region}:{account}:stateMachine:{own or '*'}"
    # child executions are named after the machine and the map run ("name/label:id"): one
    # pattern covers every form
    executions = f"arn:{partition}:states:{region}:{account}:execution:{own or ''}*"
    started = f"arn:*:states:*:*:stateMachine:{own}" if own else None
    at = ("ItemProcessor", "ProcessorConfig", "Mode")
    found = [
        Need(state, "map:distributed", "DistributedMap", "states:StartExecution", machine, started, at=at),
        Need(
            state, "map:distributed", "DistributedMap", "states:DescribeExecution", executions, None, statement=1, at=at
        ),
        Need(state, "map:distributed", "DistributedMap", "states:StopExecution", executions, None, statement=1, at=at),
    ]
    for field, actions in (
        ("ItemReader", {"getObject": ("s3:GetObject",), "listObjectsV2": ("s3:ListBucket",)}),
        (
            "ResultWriter",
            {"putObject": ("s3:PutObject", "s3:GetObject", "s3:ListMultipartUploadParts", "s3:AbortMultipartUpload")},
        ),
    ):
        block = state.body.get(field)
        if not isinstance(block, dict) or not isinstance(block.get("Resource"), str):
            continue
        resource = block["Resource"]
        api = resource.rpartition(":")[2]
        wanted_actions = actions.get(api)
        if wanted_actions is None:
            continue
        parameters = block.get("Parameters") or block.get("Arguments")
        parameters = parameters if isinstance(parameters, dict) else {}
        bucket = _literal(parameters, "Bucket")
        key = _literal(parameters, "Key" if api == "getObject" else "Prefix")
        if api == "listObjectsV2":
            arn = f"arn:{partition}:s3:::{bucket or '*'}"
        else:
            arn = (
                f"arn:{partition}:s3:::{bucket or '*'}/{key or ''}*"
                if api == "putObject"
                else f"arn:{partition}:s3:::{bucket or '*'}/{key or '*'}"
            )
        # the result objects' names are chosen at run time (and may hold '/'): only the bucket
        # and key of a reader are exact
        wanted = arn if bucket and api != "putObject" and (api == "listObjectsV2" or key) else None
        group = "DistributedMap" + field
        for action in wanted_actions:
            found.append(Need(state, f"s3:{api}", group, action, arn, wanted, at=(field, "Resource")))
    return found


def _state_needs(state: State, region: str, account: str) -> list[Need]:
    resource = state.resource
    if resource is None:
        return []
    credentials = state.body.get("Credentials")
    if isinstance(credentials, dict):
        role = credentials.get("RoleArn")
        literal = role if isinstance(role, str) and not is_jsonata(role) and not is_placeholder(role) else None
        return [Need(state, "credentials", "AssumeRole", "sts:AssumeRole", literal or "*", literal)]
    if resource.kind == "lambda":
        arn = resource.arn
        return [Need(state, "lambda function", "LambdaFunction", "lambda:InvokeFunction", arn, arn)]
    if resource.kind == "aws-sdk":
        return _sdk_needs(state, region, account)
    if resource.kind != "integration" or is_placeholder(resource.arn):
        return []
    key = f"{resource.service}:{resource.action}"
    entry = catalogue()["integrations"].get(key)
    if entry is None:
        return []
    return _template_needs(state, key, entry, resource.pattern, region, account)


def _template_needs(
    state: State, key: str, entry: dict[str, Any], pattern: str, region: str, account: str
) -> list[Need]:
    parameters = _parameters(state)
    placeholders: dict[str, str | None] = entry.get("placeholders", {})
    values = {name: _literal(parameters, member) if member else None for name, member in placeholders.items()}
    variants = [v for v in entry["variants"] if pattern in v["patterns"]]
    if not variants and pattern == "sync:2":  # the guide's "Synchronous" template serves both
        variants = [v for v in entry["variants"] if "sync" in v["patterns"]]
    not_needed = entry.get("not_needed", {})
    checked: list[str] | None = entry.get("checked")
    static = [v for v in variants if v["resources"] in ("static", "any")]
    dynamic = [v for v in variants if v["resources"] in ("dynamic", "any")]

    def applies(statement: dict[str, Any]) -> bool:
        when = statement.get("When")
        if when is not None and _member(parameters, when) is _ABSENT:
            return False  # e.g. sagemaker:AddTags only when the request sends Tags
        return any(action not in not_needed for action in statement["Action"])

    # a name known by its start only counts where every use of it in the template ends in "*"
    resources = [r for v in static for s in v["statements"] if applies(s) for r in s["Resource"]]
    for name, member in placeholders.items():
        if (
            member
            and values.get(name) is None
            and all(
                raw[m.end() : m.end() + 1] == "*"
                for raw in resources
                for m in _PLACEHOLDER.finditer(raw)
                if m.group(1) == name
            )
        ):
            values[name] = _prefix(state, parameters, member)
    used = {m for r in resources for m in _PLACEHOLDER.findall(r)}
    known = all(values.get(name) is not None for name in used if name not in ("region", "accountId"))
    chosen = (static if known else dynamic) or static or dynamic
    if not chosen:
        return []
    write_partition, want_partition = _partition(state)
    integration = f"{key}.{pattern}" if pattern != "request-response" else key
    service, _, api = key.partition(":")
    suffix = "" if pattern == "request-response" else pattern[:1].upper() + pattern[1:].replace(":", "")
    group = service.title().replace("-", "") + api[:1].upper() + api[1:] + suffix
    found: list[Need] = []
    for index, statement in enumerate(chosen[0]["statements"]):
        if not applies(statement):
            continue
        condition = tuple(
            (operator, tuple((k, str(v)) for k, v in keys.items()))
            for operator, keys in (statement.get("Condition") or {}).items()
        )
        for raw in statement["Resource"]:
            written = _fill(raw, values, region, account, write_partition, unknown="*")
            wanted: str | None = _fill(raw, values, "*", "*", want_partition, unknown="*")
            if wanted == "*":  # the template's "Resource": "*": nothing of it is known
                wanted = None
            for action in statement["Action"]:
                if action not in not_needed:
                    must = checked is None or action in checked
                    keys, present = _request_keys(key, action, parameters)
                    found.append(
                        Need(state, integration, group, action, written, wanted, condition, index, must, keys, present)
                    )
    return found


def _fill(raw: str, values: dict[str, str | None], region: str, account: str, partition: str, unknown: str) -> str:
    for match in _PLACEHOLDER.finditer(raw):
        value = values.get(match.group(1))
        if value is not None and value.startswith("arn:"):  # a FunctionName given as an ARN
            return value + raw[match.end() :]

    def one(match: re.Match[str]) -> str:
        name = match.group(1)
        if name == "region":
            return region
        if name == "accountId":
            return account
        return values.get(name) or unknown

    text = _PLACEHOLDER.sub(one, raw)
    if text.startswith("arn:aws:"):
        text = f"arn:{partition}:" + text[len("arn:aws:") :]
    return text


def _sdk_needs(state: State, region: str, account: str) -> list[Need]:
    resource = state.resource
    assert resource is not None
    service = resource.service or ""
    action = resource.action or ""
    prefix = _SDK_PREFIX.get(service, service)
    iam_action = f"{prefix}:{action[:1].upper()}{action[1:]}"
    group = "Sdk" + re.sub(r"[^A-Za-z0-9]", "", prefix.title() + action[:1].upper() + action[1:])
    # an AWS SDK API's IAM action is usually its name, but not always (s3:listObjectsV2 needs
    # s3:ListBucket): only SageMaker's, which coincide, are checked
    found = [Need(state, f"aws-sdk:{service}:{action}", group, iam_action, "*", None, checked=service == "sagemaker")]
    # the dependent iam:PassRole of a SageMaker request, as in its optimized template
    entry = catalogue()["integrations"].get(f"sagemaker:{action}") if service == "sagemaker" else None
    if entry is not None:
        for need in _template_needs(state, f"sagemaker:{action}", entry, "request-response", region, account):
            if need.action == "iam:PassRole":
                found.append(
                    Need(state, found[0].integration, group, need.action, need.resource, need.wanted, need.condition, 1)
                )
    return found


#: where each SageMaker Create action's request gives its instance types (the paths asllint
#: knows; an API not listed leaves sagemaker:InstanceTypes unknown)
_INSTANCE_TYPES = {
    "sagemaker:createTrainingJob": ("ResourceConfig.InstanceType", "ResourceConfig.InstanceGroups[].InstanceType"),
    "sagemaker:createProcessingJob": ("ProcessingResources.ClusterConfig.InstanceType",),
    "sagemaker:createTransformJob": ("TransformResources.InstanceType",),
    "sagemaker:createEndpointConfig": ("ProductionVariants[].InstanceType",),
}
#: the SageMaker Create actions whose requests carry a VPC and network isolation
_VPC = {
    "sagemaker:createTrainingJob": "VpcConfig",
    "sagemaker:createProcessingJob": "NetworkConfig.VpcConfig",
    "sagemaker:createModel": "VpcConfig",
}
_ISOLATION = {
    "sagemaker:createTrainingJob": "EnableNetworkIsolation",
    "sagemaker:createProcessingJob": "NetworkConfig.EnableNetworkIsolation",
    "sagemaker:createModel": "EnableNetworkIsolation",
}


def _values(parameters: dict[str, Any], path: str) -> list[Any] | None:
    """Every value at ``path`` (``[]`` walks a list); ``None`` when part of the way is dynamic."""
    current: list[Any] = [parameters]
    for part in path.split("."):
        each = part.endswith("[]")
        name = part.removesuffix("[]")
        following: list[Any] = []
        for item in current:
            value = _member(item, name) if isinstance(item, dict) else _ABSENT
            if value is _DYNAMIC or (isinstance(value, str) and (is_jsonata(value) or is_placeholder(value))):
                return None
            if value is _ABSENT:
                continue
            if each:
                if not isinstance(value, list):
                    return None
                following.extend(value)
            else:
                following.append(value)
        current = following
    return current


def _request_keys(
    key: str, action: str, parameters: dict[str, Any]
) -> tuple[tuple[tuple[str, tuple[str, ...] | None], ...], frozenset[str]]:
    """The condition keys a SageMaker Create request sets, and the keys asllint knows the
    presence of for it (see the Service Authorization Reference's SageMaker condition keys)."""
    if not key.startswith("sagemaker:") or action.lower() != f"sagemaker:{key.split(':')[1]}".lower():
        return (), frozenset()
    found: dict[str, tuple[str, ...] | None] = {}
    known: set[str] = set()
    paths = _INSTANCE_TYPES.get(key)
    if paths is not None:
        known.add("sagemaker:instancetypes")
        types: list[str] = []
        for path in paths:
            values = _values(parameters, path)
            if values is None or not all(isinstance(v, str) and not is_placeholder(v) for v in values):
                types = []
                found["sagemaker:instancetypes"] = None
                break
            types.extend(values)
        else:
            if types:
                found["sagemaker:instancetypes"] = tuple(types)
    vpc = _VPC.get(key)
    if vpc is not None:
        for member, condition in (
            ("Subnets", "sagemaker:vpcsubnets"),
            ("SecurityGroupIds", "sagemaker:vpcsecuritygroupids"),
        ):
            known.add(condition)
            values = _values(parameters, f"{vpc}.{member}[]")
            if values is None or not all(isinstance(v, str) and not is_placeholder(v) for v in values):
                found[condition] = None
            elif values:
                found[condition] = tuple(values)
    isolation = _ISOLATION.get(key)
    if isolation is not None:
        values = _values(parameters, isolation)
        # absent, the key's presence is unverified (false or missing): left unknown
        if values:
            known.add("sagemaker:networkisolation")
            found["sagemaker:networkisolation"] = (str(values[0]).lower(),) if isinstance(values[0], bool) else None
    tags = _values(parameters, "Tags[]")
    known.add("aws:tagkeys")
    if tags is None or not all(isinstance(t, dict) and isinstance(t.get("Key"), str) for t in tags):
        found["aws:tagkeys"] = None
    elif tags:
        found["aws:tagkeys"] = tuple(t["Key"] for t in tags)
        for tag in tags:
            value = tag.get("Value")
            found[f"aws:requesttag/{tag['Key'].lower()}"] = (
                (value,) if isinstance(value, str) and not is_placeholder(value) else None
            )
    return tuple(found.items()), frozenset(known)
