"""POL: the organisation's own policy for SageMaker, from ``[tool.asllint.policy]``.

Each rule compares the static values of SageMaker requests with the limits the platform team
configured (``asllint/orgpolicy.py`` reads and validates them; ``docs/policy.md`` is the
reference).  With no policy configured, or no limit of the rule's kind, a rule checks nothing;
a value known only at run time is never judged.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, NamedTuple

from asllint import Rule, Severity, Violation
from asllint.orgpolicy import FAMILIES
from asllint_rules.sagemaker.request import plain, sagemaker_tasks

if TYPE_CHECKING:
    from collections.abc import Iterator

    from asllint import StateMachine
    from asllint.orgpolicy import Limit, OrgPolicy
    from asllint_rules.sagemaker.request import SageMakerTask, Value

_GOVERNANCE = "https://docs.aws.amazon.com/sagemaker/latest/dg/security-iam.html"
_API = "https://docs.aws.amazon.com/sagemaker/latest/APIReference/"

#: the family of each operation a policy judges
_FAMILY_OF: dict[str, str] = {operation: family for family, operations in FAMILIES.items() for operation in operations}
#: how a message names the requests of a family
_WHAT = {
    "training": "training jobs",
    "tuning": "tuning jobs",
    "processing": "processing jobs",
    "transform": "transform jobs",
    "hosting": "endpoints",
    "labeling": "labeling jobs",
}
#: stands for ``TrainingJobDefinition`` and each item of ``TrainingJobDefinitions`` in a path
_DEFINITIONS = "<definitions>"


class _Site(NamedTuple):
    """Where resources sit in the requests of one job family."""

    #: the job family whose requests hold it
    job: str
    #: the family whose limits apply
    family: str
    #: the path to the object (``*``: every item of an array; ``_DEFINITIONS``)
    path: tuple[str, ...]
    instance_type: str | None = "InstanceType"
    instance_count: str | None = "InstanceCount"
    volume_size: str | None = "VolumeSizeInGB"


# The instance groups of a heterogeneous cluster are counted together
# (``InstanceCountOverPolicy._cluster``).  Debugger and Profiler rules of a training job run as
# processing jobs on processing instance types, so the processing limits apply to them.
_SITES: tuple[_Site, ...] = (
    _Site("training", "training", ("ResourceConfig",)),
    _Site("training", "training", ("ResourceConfig", "InstanceGroups", "*"), instance_count=None, volume_size=None),
    _Site("training", "training", ("ResourceConfig", "InstancePreferences", "*"), volume_size=None),
    _Site("training", "processing", ("DebugRuleConfigurations", "*"), instance_count=None),
    _Site("training", "processing", ("ProfilerRuleConfigurations", "*"), instance_count=None),
    _Site("tuning", "tuning", (_DEFINITIONS, "ResourceConfig")),
    _Site("tuning", "tuning", (_DEFINITIONS, "ResourceConfig", "InstanceGroups", "*"), None, None, None),
    _Site("tuning", "tuning", (_DEFINITIONS, "HyperParameterTuningResourceConfig")),
    _Site("tuning", "tuning", (_DEFINITIONS, "HyperParameterTuningResourceConfig", "InstanceConfigs", "*")),
    _Site("processing", "processing", ("ProcessingResources", "ClusterConfig")),
    _Site(
        "processing",
        "processing",
        ("ProcessingResources", "ClusterConfig", "InstancePreferences", "*"),
        volume_size=None,
    ),
    _Site("transform", "transform", ("TransformResources",), volume_size=None),
    _Site("hosting", "hosting", ("ProductionVariants", "*"), instance_count="InitialInstanceCount"),
    _Site("hosting", "hosting", ("ShadowProductionVariants", "*"), instance_count="InitialInstanceCount"),
    _Site(
        "hosting", "hosting", ("ProductionVariants", "*", "InstancePools", "*"), instance_count=None, volume_size=None
    ),
    _Site(
        "hosting",
        "hosting",
        ("ShadowProductionVariants", "*", "InstancePools", "*"),
        instance_count=None,
        volume_size=None,
    ),
    _Site("hosting", "hosting", ("ProductionVariants", "*", "ManagedInstanceScaling"), None, "MaxInstanceCount", None),
    _Site(
        "hosting",
        "hosting",
        ("ShadowProductionVariants", "*", "ManagedInstanceScaling"),
        None,
        "MaxInstanceCount",
        None,
    ),
)

#: SageMaker stops a training job after one day unless ``MaxRuntimeInSeconds`` says otherwise
#: (SageMaker API Reference, StoppingCondition).
DEFAULT_TRAINING_RUNTIME = 86_400


def _policy(machine: StateMachine) -> OrgPolicy | None:
    return machine.settings.org_policy


def _jobs(machine: StateMachine) -> Iterator[tuple[str, SageMakerTask, Value]]:
    """``(family, task, request)`` for each SageMaker task a policy judges, with a static request."""
    for task in sagemaker_tasks(machine):
        family = _FAMILY_OF.get(task.operation or "")
        if family is not None and task.request is not None:
            yield family, task, task.request


def _each(value: Value | None, path: tuple[str, ...]) -> Iterator[Value]:
    """The values at ``path`` below ``value`` (``*``: every array item; see ``_DEFINITIONS``)."""
    if value is None:
        return
    if not path:
        yield value
        return
    head, rest = path[0], path[1:]
    if head == "*":
        for item in value.items():
            yield from _each(item, rest)
    elif head == _DEFINITIONS:
        yield from _each(value.get("TrainingJobDefinition"), rest)
        for item in _each(value.get("TrainingJobDefinitions"), ("*",)):
            yield from _each(item, rest)
    else:
        yield from _each(value.get(head), rest)


def _members(job: str, request: Value, kind: str) -> Iterator[tuple[str, Value]]:
    """``(family, member)`` for each member of ``kind`` (``instance_type``,
    ``instance_count`` or ``volume_size``, as in ``_Site``) in a request of ``job``."""
    for site in _SITES:
        name: str | None = getattr(site, kind)
        if site.job != job or name is None:
            continue
        for found in _each(request, site.path):
            member = found.get(name)
            if member is not None:
                yield site.family, member


def _over(member: Value, family: str, limit: Limit) -> Violation | None:
    number = member.number
    if number is None or number <= limit.value:
        return None
    return Violation(
        member.node,
        f"{member.name} {plain(number)} is over {limit.value}, the most the organisation policy allows for "
        f"{_WHAT[family]} ({limit.origin})",
    )


class InstanceTypeNotAllowed(Rule):
    """## What it does
    Flags a SageMaker instance type that the organisation policy does not allow: one that
    matches a pattern of ``denied-instance-types``, or, when ``allowed-instance-types`` is set,
    one that matches none of its patterns.  The patterns are shell globs (``ml.g5.*``); a
    table per API family (``[tool.asllint.policy.training]``, ``tuning``, ``processing``,
    ``transform``, ``hosting``) replaces the allow list and adds to the deny list for that
    family, and what a family table allows explicitly is exempt from the top-level deny list.

    Checked: training and tuning resource configurations (with instance groups, instance
    configs and preferences), processing clusters, Debugger and Profiler rules (as
    processing), transform resources, and the production variants and instance pools of an
    endpoint configuration.

    ## Why is this bad?
    The platform team restricts instance types to keep to budgets, quotas and reserved
    capacity; a job on another type is refused by a service control policy or IAM condition
    on ``sagemaker:InstanceTypes`` when it starts, or runs up the bill when nothing refuses it.

    ## Example
    With this policy in ``pyproject.toml``:
    ```toml
    [tool.asllint.policy]
    allowed-instance-types = ["ml.m5.*", "ml.g5.*"]
    denied-instance-types = ["ml.p4d.*", "ml.p5.*"]
    ```

    this training job is flagged:
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createTrainingJob.sync",
     "Parameters": {"TrainingJobName.$": "States.Format('train-{}', $$.Execution.Name)",
       "RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
       "AlgorithmSpecification": {"TrainingImage": "123456789012.dkr.ecr.us-east-1.amazonaws.com/train:1",
         "TrainingInputMode": "File"},
       "OutputDataConfig": {"S3OutputPath": "s3://example-ml-bucket/models/"},
       "ResourceConfig": {"InstanceType": "ml.p4d.24xlarge", "InstanceCount": 1, "VolumeSizeInGB": 50},
       "StoppingCondition": {"MaxRuntimeInSeconds": 3600}},
     "End": true}
    ```

    Use instead:
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createTrainingJob.sync",
     "Parameters": {"TrainingJobName.$": "States.Format('train-{}', $$.Execution.Name)",
       "RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
       "AlgorithmSpecification": {"TrainingImage": "123456789012.dkr.ecr.us-east-1.amazonaws.com/train:1",
         "TrainingInputMode": "File"},
       "OutputDataConfig": {"S3OutputPath": "s3://example-ml-bucket/models/"},
       "ResourceConfig": {"InstanceType": "ml.g5.2xlarge", "InstanceCount": 1, "VolumeSizeInGB": 50},
       "StoppingCondition": {"MaxRuntimeInSeconds": 3600}},
     "End": true}
    ```

    ## References
    - asllint documentation: docs/policy.md (organisation policy)
    - SageMaker Developer Guide: Identity-based policy examples (``sagemaker:InstanceTypes``)
    - SageMaker API Reference: ResourceConfig, ProcessingClusterConfig, TransformResources, ProductionVariant
    """

    id = "POL001"
    name = "instance-type-not-allowed"
    severity = Severity.ERROR
    source_url = "https://docs.aws.amazon.com/sagemaker/latest/dg/security_iam_id-based-policy-examples.html"
    example_config: ClassVar[str] = (
        '[policy]\nallowed-instance-types = ["ml.m5.*", "ml.g5.*"]\ndenied-instance-types = ["ml.p4d.*", "ml.p5.*"]\n'
    )

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        policy = _policy(machine)
        if policy is None:
            return
        for job, _task, request in _jobs(machine):
            for family, member in _members(job, request, "instance_type"):
                instance_type = member.string
                if instance_type is None:
                    continue
                problem = policy.instance_type_problem(family, instance_type)
                if problem is not None:
                    yield Violation(member.node, f"instance type {instance_type!r} {problem}")


class InstanceCountOverPolicy(Rule):
    """## What it does
    Flags an instance count above ``max-instance-count`` of the organisation policy: a
    job's ``InstanceCount`` (a heterogeneous training cluster counts the instances of all its
    ``InstanceGroups``), a tuning job's instances per training job, a production variant's
    ``InitialInstanceCount`` and the ``MaxInstanceCount`` its managed instance scaling may
    reach.

    ## Why is this bad?
    Instance counts are the first lever of cost and of the account's instance quotas; the
    platform team sets the most one job or variant may use, and a larger cluster either fails
    with ``ResourceLimitExceeded`` or spends what was not budgeted.

    ## Example
    With this policy in ``pyproject.toml``:
    ```toml
    [tool.asllint.policy]
    max-instance-count = 4
    ```

    this training job is flagged:
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createTrainingJob.sync",
     "Parameters": {"TrainingJobName.$": "States.Format('train-{}', $$.Execution.Name)",
       "RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
       "AlgorithmSpecification": {"TrainingImage": "123456789012.dkr.ecr.us-east-1.amazonaws.com/train:1",
         "TrainingInputMode": "File"},
       "OutputDataConfig": {"S3OutputPath": "s3://example-ml-bucket/models/"},
       "ResourceConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 8, "VolumeSizeInGB": 50},
       "StoppingCondition": {"MaxRuntimeInSeconds": 3600}},
     "End": true}
    ```

    Use instead:
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createTrainingJob.sync",
     "Parameters": {"TrainingJobName.$": "States.Format('train-{}', $$.Execution.Name)",
       "RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
       "AlgorithmSpecification": {"TrainingImage": "123456789012.dkr.ecr.us-east-1.amazonaws.com/train:1",
         "TrainingInputMode": "File"},
       "OutputDataConfig": {"S3OutputPath": "s3://example-ml-bucket/models/"},
       "ResourceConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 4, "VolumeSizeInGB": 50},
       "StoppingCondition": {"MaxRuntimeInSeconds": 3600}},
     "End": true}
    ```

    ## References
    - asllint documentation: docs/policy.md (organisation policy)
    - SageMaker API Reference: ResourceConfig, InstanceGroup, ProcessingClusterConfig, TransformResources, ProductionVariant
    """

    id = "POL002"
    name = "instance-count-over-policy"
    severity = Severity.ERROR
    source_url = _API + "API_ResourceConfig.html"
    example_config: ClassVar[str] = "[policy]\nmax-instance-count = 4\n"

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        policy = _policy(machine)
        if policy is None:
            return
        for job, _task, request in _jobs(machine):
            for family, member in _members(job, request, "instance_count"):
                limit = policy.limit(family, "max-instance-count")
                violation = _over(member, family, limit) if limit is not None else None
                if violation is not None:
                    yield violation
            if job in ("training", "tuning"):
                limit = policy.limit(job, "max-instance-count")
                if limit is not None:
                    path = ("ResourceConfig",) if job == "training" else (_DEFINITIONS, "ResourceConfig")
                    for config in _each(request, path):
                        yield from self._cluster(config, job, limit)

    @staticmethod
    def _cluster(config: Value, family: str, limit: Limit) -> Iterator[Violation]:
        """A heterogeneous cluster: each group over the limit, else the groups together."""
        groups = config.get("InstanceGroups")
        if groups is None:
            return
        counts: list[int | float] = []
        known, over = True, False
        for group in groups.items():
            count = group.get("InstanceCount")
            number = count.number if count is not None else None
            if count is None or number is None:
                known = False
                continue
            violation = _over(count, family, limit)
            if violation is not None:
                over = True
                yield violation
            counts.append(number)
        total = sum(counts)
        if known and not over and total > limit.value:
            yield Violation(
                groups.node,
                f"the instance groups have {plain(total)} instances together, over {limit.value}, the most the "
                f"organisation policy allows for {_WHAT[family]} ({limit.origin})",
            )


class VolumeSizeOverPolicy(Rule):
    """## What it does
    Flags a storage volume above ``max-volume-size-in-gb`` of the organisation policy: the
    ``VolumeSizeInGB`` of a training or tuning resource configuration, a processing cluster,
    a Debugger or Profiler rule, or a production variant.

    ## Why is this bad?
    Provisioned ML storage is billed per GB and month for as long as the instances run; the
    platform team caps it so that a typo (``5000`` for ``500``) does not multiply the bill.

    ## Example
    With this policy in ``pyproject.toml``:
    ```toml
    [tool.asllint.policy]
    max-volume-size-in-gb = 512
    ```

    this training job is flagged:
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createTrainingJob.sync",
     "Parameters": {"TrainingJobName.$": "States.Format('train-{}', $$.Execution.Name)",
       "RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
       "AlgorithmSpecification": {"TrainingImage": "123456789012.dkr.ecr.us-east-1.amazonaws.com/train:1",
         "TrainingInputMode": "File"},
       "OutputDataConfig": {"S3OutputPath": "s3://example-ml-bucket/models/"},
       "ResourceConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 2000},
       "StoppingCondition": {"MaxRuntimeInSeconds": 3600}},
     "End": true}
    ```

    Use instead:
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createTrainingJob.sync",
     "Parameters": {"TrainingJobName.$": "States.Format('train-{}', $$.Execution.Name)",
       "RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
       "AlgorithmSpecification": {"TrainingImage": "123456789012.dkr.ecr.us-east-1.amazonaws.com/train:1",
         "TrainingInputMode": "File"},
       "OutputDataConfig": {"S3OutputPath": "s3://example-ml-bucket/models/"},
       "ResourceConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 200},
       "StoppingCondition": {"MaxRuntimeInSeconds": 3600}},
     "End": true}
    ```

    ## References
    - asllint documentation: docs/policy.md (organisation policy)
    - SageMaker API Reference: ResourceConfig, ProcessingClusterConfig, ProductionVariant
    """

    id = "POL003"
    name = "volume-size-over-policy"
    severity = Severity.ERROR
    source_url = _API + "API_ResourceConfig.html"
    example_config: ClassVar[str] = "[policy]\nmax-volume-size-in-gb = 512\n"

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        policy = _policy(machine)
        if policy is None:
            return
        for job, _task, request in _jobs(machine):
            for family, member in _members(job, request, "volume_size"):
                limit = policy.limit(family, "max-volume-size-in-gb")
                violation = _over(member, family, limit) if limit is not None else None
                if violation is not None:
                    yield violation


class RuntimeOverPolicy(Rule):
    """## What it does
    Flags a runtime bound above ``max-runtime-in-seconds`` of the organisation policy: the
    ``StoppingCondition.MaxRuntimeInSeconds`` of a training job, of each training job of a
    tuning job and of a processing job, and a tuning job's
    ``ResourceLimits.MaxRuntimeInSeconds``.  A training job without ``MaxRuntimeInSeconds``
    is flagged when the policy allows less than SageMaker's default of one day.

    ## Why is this bad?
    A stuck or diverging job runs, and is billed, until its runtime bound; the platform team
    caps that bound so that no job can burn more than a known amount.

    ## Example
    With this policy in ``pyproject.toml``:
    ```toml
    [tool.asllint.policy]
    max-runtime-in-seconds = 86400
    ```

    this training job is flagged:
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createTrainingJob.sync",
     "Parameters": {"TrainingJobName.$": "States.Format('train-{}', $$.Execution.Name)",
       "RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
       "AlgorithmSpecification": {"TrainingImage": "123456789012.dkr.ecr.us-east-1.amazonaws.com/train:1",
         "TrainingInputMode": "File"},
       "OutputDataConfig": {"S3OutputPath": "s3://example-ml-bucket/models/"},
       "ResourceConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 50},
       "StoppingCondition": {"MaxRuntimeInSeconds": 432000}},
     "End": true}
    ```

    Use instead:
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createTrainingJob.sync",
     "Parameters": {"TrainingJobName.$": "States.Format('train-{}', $$.Execution.Name)",
       "RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
       "AlgorithmSpecification": {"TrainingImage": "123456789012.dkr.ecr.us-east-1.amazonaws.com/train:1",
         "TrainingInputMode": "File"},
       "OutputDataConfig": {"S3OutputPath": "s3://example-ml-bucket/models/"},
       "ResourceConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 50},
       "StoppingCondition": {"MaxRuntimeInSeconds": 86400}},
     "End": true}
    ```

    ## References
    - asllint documentation: docs/policy.md (organisation policy)
    - SageMaker API Reference: StoppingCondition, ProcessingStoppingCondition, ResourceLimits
    """

    id = "POL004"
    name = "runtime-over-policy"
    severity = Severity.ERROR
    source_url = _API + "API_StoppingCondition.html"
    example_config: ClassVar[str] = "[policy]\nmax-runtime-in-seconds = 86400\n"

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        policy = _policy(machine)
        if policy is None:
            return
        for job, task, request in _jobs(machine):
            limit = policy.limit(job, "max-runtime-in-seconds")
            if limit is None:
                continue
            paths: list[tuple[str, ...]] = [("StoppingCondition", "MaxRuntimeInSeconds")]
            if job == "tuning":
                paths = [
                    (_DEFINITIONS, "StoppingCondition", "MaxRuntimeInSeconds"),
                    ("HyperParameterTuningJobConfig", "ResourceLimits", "MaxRuntimeInSeconds"),
                ]
            for path in paths:
                for member in _each(request, path):
                    violation = _over(member, job, limit)
                    if violation is not None:
                        yield violation
            if job == "training" and limit.value < DEFAULT_TRAINING_RUNTIME:
                yield from self._default(task, request, limit)

    @staticmethod
    def _default(task: SageMakerTask, request: Value, limit: Limit) -> Iterator[Violation]:
        """A training job that leaves its runtime to SageMaker's default of one day."""
        stopping = request.get("StoppingCondition")
        if stopping is not None and (not stopping.is_object or stopping.has("MaxRuntimeInSeconds")):
            return
        node = stopping.node if stopping is not None else task.request_field
        if node is None:  # pragma: no cover - a static request has its field
            return
        yield Violation(
            node,
            f"without StoppingCondition.MaxRuntimeInSeconds the training job may run {DEFAULT_TRAINING_RUNTIME} "
            f"seconds (the default), over {limit.value}, the most the organisation policy allows ({limit.origin})",
            on_key=True,
        )


class SpotRequired(Rule):
    """## What it does
    Flags a training job, or a training job definition of a tuning job, that does not set
    ``EnableManagedSpotTraining`` to ``true`` when the organisation policy says
    ``require-spot = true`` (a training or tuning table can set it for that family only, or
    set ``false`` to exempt it).

    ## Why is this bad?
    Managed spot training costs up to 90% less than on-demand capacity; a platform team that
    requires it has made the trade of interruptions (resumed from checkpoints) for cost.
    Spot training also needs ``StoppingCondition.MaxWaitTimeInSeconds`` (at least
    ``MaxRuntimeInSeconds``) and, to resume, a ``CheckpointConfig``.

    ## Example
    With this policy in ``pyproject.toml``:
    ```toml
    [tool.asllint.policy]
    require-spot = true
    ```

    this training job is flagged:
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createTrainingJob.sync",
     "Parameters": {"TrainingJobName.$": "States.Format('train-{}', $$.Execution.Name)",
       "RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
       "AlgorithmSpecification": {"TrainingImage": "123456789012.dkr.ecr.us-east-1.amazonaws.com/train:1",
         "TrainingInputMode": "File"},
       "OutputDataConfig": {"S3OutputPath": "s3://example-ml-bucket/models/"},
       "ResourceConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 50},
       "StoppingCondition": {"MaxRuntimeInSeconds": 3600}},
     "End": true}
    ```

    Use instead:
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createTrainingJob.sync",
     "Parameters": {"TrainingJobName.$": "States.Format('train-{}', $$.Execution.Name)",
       "RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
       "AlgorithmSpecification": {"TrainingImage": "123456789012.dkr.ecr.us-east-1.amazonaws.com/train:1",
         "TrainingInputMode": "File"},
       "OutputDataConfig": {"S3OutputPath": "s3://example-ml-bucket/models/"},
       "ResourceConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 50},
       "EnableManagedSpotTraining": true,
       "CheckpointConfig": {"S3Uri": "s3://example-ml-bucket/checkpoints/"},
       "StoppingCondition": {"MaxRuntimeInSeconds": 3600, "MaxWaitTimeInSeconds": 7200}},
     "End": true}
    ```

    ## References
    - asllint documentation: docs/policy.md (organisation policy)
    - SageMaker Developer Guide: Managed Spot Training in Amazon SageMaker AI
    - SageMaker API Reference: CreateTrainingJob, HyperParameterTrainingJobDefinition
    """

    id = "POL005"
    name = "spot-required"
    severity = Severity.ERROR
    source_url = "https://docs.aws.amazon.com/sagemaker/latest/dg/model-managed-spot-training.html"
    example_config: ClassVar[str] = "[policy]\nrequire-spot = true\n"

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        policy = _policy(machine)
        if policy is None:
            return
        for job, task, request in _jobs(machine):
            limit = policy.limit(job, "require-spot")
            if limit is None or limit.value is not True:
                continue
            what = "training job" if job == "training" else "training job definition"
            definitions = [request] if job == "training" else list(_each(request, (_DEFINITIONS,)))
            for definition in definitions:
                if not definition.is_object:
                    continue
                spot = definition.get("EnableManagedSpotTraining")
                if spot is None:
                    node = definition.node if job == "tuning" else task.request_field
                    if node is not None:
                        yield Violation(
                            node,
                            f"the {what} does not enable managed spot training, which the organisation policy "
                            f"requires ({limit.origin}); add EnableManagedSpotTraining: true and "
                            "StoppingCondition.MaxWaitTimeInSeconds",
                            on_key=job == "training",
                        )
                elif spot.boolean is False:
                    yield Violation(
                        spot.node,
                        f"EnableManagedSpotTraining is false; the organisation policy requires managed spot "
                        f"training for the {what} ({limit.origin})",
                    )


class RequiredTagsMissing(Rule):
    """## What it does
    Flags a SageMaker ``Create*`` request whose ``Tags`` lack a key that ``required-tags`` of
    the organisation policy names: training, tuning, processing, transform and labeling jobs,
    and for hosting ``CreateModel``, ``CreateEndpointConfig`` and ``CreateEndpoint``.  A key is
    present when an item of ``Tags`` has it as its literal ``Key`` (case-sensitive, as AWS
    compares tag keys); when ``Tags``, an item or a ``Key`` is known only at run time, the
    request is not judged.

    ## Why is this bad?
    Cost allocation, ownership and clean-up run on tags: an untagged job or endpoint is billed
    to nobody, and a tag policy or an IAM condition on ``aws:RequestTag`` / ``aws:TagKeys`` may
    refuse it when the state runs.

    ## Example
    With this policy in ``pyproject.toml``:
    ```toml
    [tool.asllint.policy]
    required-tags = ["team", "cost-center"]
    ```

    this training job is flagged:
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createTrainingJob.sync",
     "Parameters": {"TrainingJobName.$": "States.Format('train-{}', $$.Execution.Name)",
       "RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
       "AlgorithmSpecification": {"TrainingImage": "123456789012.dkr.ecr.us-east-1.amazonaws.com/train:1",
         "TrainingInputMode": "File"},
       "OutputDataConfig": {"S3OutputPath": "s3://example-ml-bucket/models/"},
       "ResourceConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 50},
       "StoppingCondition": {"MaxRuntimeInSeconds": 3600},
       "Tags": [{"Key": "team", "Value": "churn"}]},
     "End": true}
    ```

    Use instead:
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createTrainingJob.sync",
     "Parameters": {"TrainingJobName.$": "States.Format('train-{}', $$.Execution.Name)",
       "RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
       "AlgorithmSpecification": {"TrainingImage": "123456789012.dkr.ecr.us-east-1.amazonaws.com/train:1",
         "TrainingInputMode": "File"},
       "OutputDataConfig": {"S3OutputPath": "s3://example-ml-bucket/models/"},
       "ResourceConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 50},
       "StoppingCondition": {"MaxRuntimeInSeconds": 3600},
       "Tags": [{"Key": "team", "Value": "churn"}, {"Key": "cost-center", "Value": "cc-1234"}]},
     "End": true}
    ```

    ## References
    - asllint documentation: docs/policy.md (organisation policy)
    - SageMaker Developer Guide: Tagging resources (cost allocation)
    - SageMaker API Reference: Tag
    """

    id = "POL006"
    name = "required-tags-missing"
    severity = Severity.ERROR
    source_url = _API + "API_Tag.html"
    example_config: ClassVar[str] = '[policy]\nrequired-tags = ["team", "cost-center"]\n'

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        policy = _policy(machine)
        if policy is None:
            return
        for job, task, request in _jobs(machine):
            limit = policy.limit(job, "required-tags")
            if limit is None or not limit.value:
                continue
            tags = request.get("Tags")
            if tags is None:
                if task.request_field is not None:
                    listed = ", ".join(limit.value)
                    yield Violation(
                        task.request_field,
                        f"the {task.operation} request has no Tags; the organisation policy requires the tag keys "
                        f"{listed} ({limit.origin})",
                        on_key=True,
                    )
                continue
            present = _tag_keys(tags)
            if present is None:
                continue
            missing = [key for key in limit.value if key not in present]
            if missing:
                names = ", ".join(repr(key) for key in missing)
                folded = {key.casefold(): key for key in present}
                near = [f"{folded[key.casefold()]!r}" for key in missing if key.casefold() in folded]
                hint = f"; tag keys are case-sensitive and Tags has {', '.join(near)}" if near else ""
                yield Violation(
                    tags.node,
                    f"Tags lack {names}, which the organisation policy requires ({limit.origin}){hint}",
                )


def _tag_keys(tags: Value) -> set[str] | None:
    """The literal keys of a static ``Tags`` array, or ``None`` when any of them is unknown."""
    if not tags.is_array:
        return None
    keys: set[str] = set()
    for item in tags.items():
        key = item.get("Key") if item.is_object else None
        if key is None or key.string is None:
            return None
        keys.add(key.string)
    return keys


RULES: list[type[Rule]] = [
    InstanceTypeNotAllowed,
    InstanceCountOverPolicy,
    VolumeSizeOverPolicy,
    RuntimeOverPolicy,
    SpotRequired,
    RequiredTagsMissing,
]
