"""SMX1xx: what a SageMaker training job needs beyond its request shape.

The rules read *training definitions*: the request of a ``createTrainingJob`` task and every
``TrainingJobDefinition``/``TrainingJobDefinitions[i]`` of a ``createHyperParameterTuningJob``
task, which carry the same blocks (``AlgorithmSpecification``, ``InputDataConfig``,
``ResourceConfig`` or ``HyperParameterTuningResourceConfig``, ``StoppingCondition``, spot
training, ``CheckpointConfig``; ``StaticHyperParameters`` in place of ``HyperParameters``).

Every check needs the values it compares to be static; a value known only at run time (``Key.$``,
``{% %}``, a template placeholder) silences the check, and only its presence is ever used.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from asllint import Rule, Severity, Violation
from asllint_rules.sagemaker.model import has_instance_store
from asllint_rules.sagemaker.request import is_true, plain, sagemaker_tasks, static_number, static_string

if TYPE_CHECKING:
    from collections.abc import Iterator

    from asllint import StateMachine
    from asllint_rules.sagemaker.request import SageMakerTask, Value

_API = "https://docs.aws.amazon.com/sagemaker/latest/APIReference/"
_DG = "https://docs.aws.amazon.com/sagemaker/latest/dg/"

#: StoppingCondition.MaxRuntimeInSeconds: "The maximum value is 28 days" and the default is one
#: day (botocore 1.44.8 member documentation; the model itself declares no maximum).
MAX_RUNTIME_SECONDS = 2_419_200
DEFAULT_MAX_RUNTIME_SECONDS = 86_400
#: Built-in algorithms without checkpoint support may not wait more than an hour for spot
#: capacity (SageMaker Developer Guide, "Checkpoints in Amazon SageMaker AI").
BUILTIN_SPOT_MAX_WAIT_SECONDS = 3_600
#: Warm pools: the developer guide ("SageMaker Managed Warm Pools") caps KeepAlivePeriodInSeconds
#: at 3,600 s; botocore 1.44.8 raised the model maximum to 21,600 (checked by SMS008).
WARM_POOL_DOCUMENTED_MAX_SECONDS = 3_600
#: HyperParameterValue: the model allows 2,500 characters (SMS006), the prose of
#: CreateTrainingJob.HyperParameters still says 256.
HYPERPARAMETER_PROSE_MAX = 256

#: CPU-only training families (c, m, r, t generations, ``-flex`` variants included); the
#: accelerated ones are the p, g, trn, inf and dl families.
_CPU_ONLY = re.compile(r"ml\.[cmrt]\d+[a-z]*(?:-flex)?\.")
#: ECR repositories of the built-in algorithms that do not write checkpoints (SageMaker Developer
#: Guide, "Docker Registry Paths and Example Code" and "Checkpoints in Amazon SageMaker AI": only
#: Image Classification, Object Detection, Semantic Segmentation and XGBoost 0.90-1 or later,
#: the ``sagemaker-xgboost`` repository, do).  ``xgboost`` is the legacy 0.72 repository.
NON_CHECKPOINTING_BUILTINS = frozenset(
    {
        "blazingtext",
        "factorization-machines",
        "forecasting-deepar",
        "ipinsights",
        "kmeans",
        "knn",
        "lda",
        "linear-learner",
        "ntm",
        "object2vec",
        "pca",
        "randomcutforest",
        "seq2seq",
        "xgboost",
    }
)
_ECR_IMAGE = re.compile(
    r"(?P<account>\d{12})\.dkr\.ecr\.[a-z0-9-]+\.amazonaws\.com(?:\.cn)?/(?P<repo>[a-z0-9._/-]+?)"
    r"(?::[\w.-]+|@sha256:[0-9a-f]{64})?"
)
_ROLE_ACCOUNT = re.compile(r"arn:aws[a-z-]*:iam::(\d{12}):role/")
_S3_EXPRESS_BUCKET = re.compile(r"s3://[a-z0-9.-]+--x-s3(?:/|$)")
_DATA_SOURCES = ("S3DataSource", "FileSystemDataSource", "DatasetSource")


# --------------------------------------------------------------------------------------------
# Training definitions


@dataclass(frozen=True)
class TrainingDefinition:
    """One set of training settings: a training job request or a tuning job definition."""

    task: SageMakerTask
    #: the static object holding the settings
    value: Value
    #: part of a CreateHyperParameterTuningJob request
    tuning: bool

    @property
    def label(self) -> str:
        """What to call it in a message."""
        return "the tuning job definition" if self.tuning else "the training job"

    def get(self, *names: str | int) -> Value | None:
        return self.value.get(*names)

    def block(self, name: str) -> Value | None:
        """Member ``name`` when it is a static object."""
        found = self.value.get(name)
        return found if found is not None and found.is_object else None

    @property
    def hyperparameters(self) -> Value | None:
        return self.get("StaticHyperParameters" if self.tuning else "HyperParameters")

    @property
    def spot(self) -> bool:
        """Managed spot training is on (``EnableManagedSpotTraining: true``)."""
        return is_true(self.get("EnableManagedSpotTraining"))

    @property
    def spot_off(self) -> bool:
        """Managed spot training is certainly off (the flag is absent or ``false``)."""
        flag = self.get("EnableManagedSpotTraining")
        return flag is None or flag.boolean is False

    def resources(self) -> list[Value]:
        """``ResourceConfig`` and ``HyperParameterTuningResourceConfig``, those that are static objects."""
        return [
            found
            for name in ("ResourceConfig", "HyperParameterTuningResourceConfig")
            for found in [self.block(name)]
            if found is not None
        ]

    def max_runtime(self) -> int | float | None:
        """MaxRuntimeInSeconds, with its default when absent; ``None`` when not known."""
        stopping = self.block("StoppingCondition")
        if stopping is None:
            return DEFAULT_MAX_RUNTIME_SECONDS if self.get("StoppingCondition") is None else None
        runtime = stopping.get("MaxRuntimeInSeconds")
        return DEFAULT_MAX_RUNTIME_SECONDS if runtime is None else runtime.number

    @cached_property
    def _channels(self) -> list[Value]:
        config = self.get("InputDataConfig")
        return [item for item in config.items() if item.is_object] if config is not None else []

    def channels(self) -> list[Value]:
        """The channels of ``InputDataConfig`` that are static objects."""
        return self._channels

    def input_mode(self, channel: Value) -> tuple[str, str] | None:
        """The channel's effective input mode and where it is set, when both are static."""
        own = channel.get("InputMode")
        if own is not None:
            return (own.string, "the channel's InputMode") if own.string else None
        job = self.get("AlgorithmSpecification", "TrainingInputMode")
        if job is not None and job.string:
            return job.string, "AlgorithmSpecification.TrainingInputMode"
        return None

    def total_instances(self, groups: set[str] | None = None) -> int | None:
        """How many instances the job runs on (only those of ``groups``, when given), if static."""
        resources = self.resources()
        if len(resources) != 1:
            return None
        resource = resources[0]
        instance_groups = resource.get("InstanceGroups")
        if instance_groups is not None:
            total = 0
            for group in instance_groups.items() if instance_groups.is_array else ():
                name = static_string(group.get("InstanceGroupName"))
                count = static_number(group.get("InstanceCount"))
                if name is None or count is None:
                    return None
                if groups is None or name in groups:
                    total += int(count)
            return total if instance_groups.is_array else None
        configs = resource.get("InstanceConfigs")
        if configs is not None:
            counts = {static_number(item.get("InstanceCount")) for item in configs.items()}
            only = counts.pop() if len(counts) == 1 else None
            return int(only) if only is not None else None  # every configuration runs on that many
        if resource.has("InstancePreferences"):
            return None
        count = static_number(resource.get("InstanceCount"))
        return int(count) if count is not None else None


def instance_types(resource: Value) -> list[Value]:
    """Every InstanceType of a resource block: its own, its instance groups', instance configs'
    and instance preferences'."""
    found: list[Value] = []
    own = resource.get("InstanceType")
    if own is not None:
        found.append(own)
    for member in ("InstanceGroups", "InstanceConfigs", "InstancePreferences"):
        listed = resource.get(member)
        for item in listed.items() if listed is not None else ():
            kind = item.get("InstanceType")
            if kind is not None:
                found.append(kind)
    return found


def training_definitions(machine: StateMachine) -> list[TrainingDefinition]:
    """Every static training definition of ``machine``: training job requests and the
    definitions of tuning jobs, in document order (computed once)."""
    cached: list[TrainingDefinition] | None = machine.cache.get(__name__)
    if cached is not None:
        return cached
    found: list[TrainingDefinition] = []
    for task in sagemaker_tasks(machine):
        request = task.request
        if request is None:
            continue
        if task.operation == "CreateTrainingJob":
            found.append(TrainingDefinition(task, request, tuning=False))
        elif task.operation == "CreateHyperParameterTuningJob":
            single = request.get("TrainingJobDefinition")
            if single is not None and single.is_object:
                found.append(TrainingDefinition(task, single, tuning=True))
            many = request.get("TrainingJobDefinitions")
            for item in many.items() if many is not None else ():
                if item.is_object:
                    found.append(TrainingDefinition(task, item, tuning=True))
    machine.cache[__name__] = found
    return found


def channel_name(channel: Value) -> str:
    """The channel's name for a message: ``'train'``, or ``#2`` when it is not static."""
    name = static_string(channel.get("ChannelName"))
    return repr(name) if name is not None else f"#{channel.name}"


def s3_source(channel: Value) -> Value | None:
    """The channel's ``DataSource.S3DataSource`` when it is a static object."""
    source = channel.get("DataSource", "S3DataSource")
    return source if source is not None and source.is_object else None


def _channels_in_mode(machine: StateMachine) -> list[tuple[TrainingDefinition, Value, str, str]]:
    """``(definition, channel, effective mode, where the mode is set)`` for each channel whose
    effective input mode is static (computed once; six rules read it)."""
    key = __name__ + ".channels"
    cached: list[tuple[TrainingDefinition, Value, str, str]] | None = machine.cache.get(key)
    if cached is None:
        cached = machine.cache[key] = [
            (definition, channel, *mode)
            for definition in training_definitions(machine)
            for channel in definition.channels()
            for mode in [definition.input_mode(channel)]
            if mode is not None
        ]
    return cached


# --------------------------------------------------------------------------------------------
# Cluster and resources


class ClusterDefinition(Rule):
    """## What it does
    Flags a ``ResourceConfig`` that does not describe its cluster in exactly one way:
    ``InstanceType`` with ``InstanceCount``, or ``InstanceGroups`` (a heterogeneous cluster), or
    ``InstancePreferences``.  ``InstanceGroups`` excludes ``InstanceType`` and ``InstanceCount``;
    ``InstancePreferences`` excludes ``InstanceType``, ``InstanceGroups``,
    ``InstancePlacementConfig`` and managed spot training.  A ``ResourceConfig`` with none of
    the three is flagged too.  Tuning job definitions are checked the same way.

    ## Why is this bad?
    SageMaker refuses the request with a ``ValidationException`` when the state runs: the
    settings are documented as mutually exclusive.

    ## Example
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createTrainingJob.sync",
     "Parameters": {"TrainingJobName.$": "States.Format('train-{}', $$.Execution.Name)",
       "RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
       "AlgorithmSpecification": {"TrainingImage": "123456789012.dkr.ecr.us-east-1.amazonaws.com/train:1",
         "TrainingInputMode": "File"},
       "OutputDataConfig": {"S3OutputPath": "s3://example-bucket/models/"},
       "ResourceConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 30,
         "InstanceGroups": [{"InstanceGroupName": "cpu", "InstanceType": "ml.m5.xlarge", "InstanceCount": 1}]},
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
       "OutputDataConfig": {"S3OutputPath": "s3://example-bucket/models/"},
       "ResourceConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 30},
       "StoppingCondition": {"MaxRuntimeInSeconds": 3600}},
     "End": true}
    ```

    ## References
    - SageMaker API Reference: ResourceConfig (InstanceGroups, InstancePreferences)
    - SageMaker Developer Guide: Train Using a Heterogeneous Cluster
    """

    id = "SMX102"
    name = "cluster-definition"
    severity = Severity.ERROR
    source_url = _API + "API_ResourceConfig.html"

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        for definition in training_definitions(machine):
            resource = definition.block("ResourceConfig")
            if resource is None:
                continue
            groups = resource.get("InstanceGroups")
            preferences = resource.get("InstancePreferences")
            if groups is not None:
                for member in ("InstanceType", "InstanceCount"):
                    found = resource.get(member)
                    if found is not None:
                        yield Violation(
                            found.node,
                            f"{member} cannot be combined with InstanceGroups; describe the cluster either with "
                            "InstanceType and InstanceCount or with InstanceGroups",
                            on_key=True,
                        )
            if preferences is not None:
                for member in ("InstanceType", "InstanceGroups", "InstancePlacementConfig"):
                    found = resource.get(member)
                    if found is not None:
                        yield Violation(
                            found.node,
                            f"{member} cannot be combined with InstancePreferences; remove one of them",
                            on_key=True,
                        )
                if definition.spot:
                    yield Violation(
                        preferences.node,
                        "InstancePreferences cannot be combined with EnableManagedSpotTraining; use InstanceType "
                        "and InstanceCount for a spot job, or turn spot training off",
                        on_key=True,
                    )
            if (
                groups is None
                and preferences is None
                and not resource.has("InstanceType")
                and not definition.value.has("ServerlessJobConfig")
            ):
                yield Violation(
                    resource.node,
                    "ResourceConfig defines no cluster; add InstanceType and InstanceCount, InstanceGroups or "
                    "InstancePreferences",
                    on_key=True,
                )


class VolumeKmsOnInstanceStore(Rule):
    """## What it does
    Flags ``VolumeKmsKeyId`` in a training or tuning ``ResourceConfig`` (or
    ``HyperParameterTuningResourceConfig``) whose instance type has local NVMe instance storage
    instead of an EBS volume: ``ml.p4d``, ``ml.p5``, ``ml.g5``, ``ml.g4dn``, ``ml.trn1`` and the
    other families with instance storage.  The list is curated from the EC2 instance
    specifications; families not yet confirmed (``p6``, ``g7``) are not flagged.

    ## Why is this bad?
    SageMaker refuses the request: "You can't request a VolumeKmsKeyId when using an instance
    type with local storage".  Local instance storage is encrypted by a hardware module on the
    instance; there is no volume for the key to encrypt.

    ## Example
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createTrainingJob.sync",
     "Parameters": {"TrainingJobName.$": "States.Format('train-{}', $$.Execution.Name)",
       "RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
       "AlgorithmSpecification": {"TrainingImage": "123456789012.dkr.ecr.us-east-1.amazonaws.com/train:1",
         "TrainingInputMode": "File"},
       "OutputDataConfig": {"S3OutputPath": "s3://example-bucket/models/"},
       "ResourceConfig": {"InstanceType": "ml.g5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 30,
         "VolumeKmsKeyId": "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"},
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
       "OutputDataConfig": {"S3OutputPath": "s3://example-bucket/models/"},
       "ResourceConfig": {"InstanceType": "ml.g5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 30},
       "StoppingCondition": {"MaxRuntimeInSeconds": 3600}},
     "End": true}
    ```

    ## References
    - SageMaker API Reference: ResourceConfig (VolumeKmsKeyId), HyperParameterTuningResourceConfig
    - Amazon EC2 User Guide: Instance store volumes
    """

    id = "SMX104"
    name = "volume-kms-on-instance-store"
    severity = Severity.ERROR
    source_url = _API + "API_ResourceConfig.html"

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        for definition in training_definitions(machine):
            for resource in definition.resources():
                key = resource.get("VolumeKmsKeyId")
                if key is None:
                    continue
                local = [kind.string for kind in instance_types(resource) if has_instance_store(kind.string)]
                if local:
                    yield Violation(
                        key.node,
                        f"VolumeKmsKeyId cannot be used with {local[0]}, which has local instance storage instead of "
                        "an EBS volume; remove VolumeKmsKeyId (instance storage is encrypted by the instance)",
                        on_key=True,
                    )


# --------------------------------------------------------------------------------------------
# Algorithm


class AlgorithmNameAndImage(Rule):
    """## What it does
    Flags an ``AlgorithmSpecification`` of a training job or tuning job definition that gives
    both ``AlgorithmName`` (an algorithm resource or Marketplace algorithm) and
    ``TrainingImage`` (a container image).

    ## Why is this bad?
    The two are mutually exclusive: "If you specify a value for the AlgorithmName parameter,
    you can't specify a value for TrainingImage, and vice versa".  SageMaker refuses the
    request when the state runs.

    ## Example
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createTrainingJob.sync",
     "Parameters": {"TrainingJobName.$": "States.Format('train-{}', $$.Execution.Name)",
       "RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
       "AlgorithmSpecification": {"AlgorithmName": "churn-algorithm",
         "TrainingImage": "123456789012.dkr.ecr.us-east-1.amazonaws.com/train:1",
         "TrainingInputMode": "File"},
       "OutputDataConfig": {"S3OutputPath": "s3://example-bucket/models/"},
       "ResourceConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 30},
       "StoppingCondition": {"MaxRuntimeInSeconds": 3600}},
     "End": true}
    ```

    Use instead:
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createTrainingJob.sync",
     "Parameters": {"TrainingJobName.$": "States.Format('train-{}', $$.Execution.Name)",
       "RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
       "AlgorithmSpecification": {"AlgorithmName": "churn-algorithm", "TrainingInputMode": "File"},
       "OutputDataConfig": {"S3OutputPath": "s3://example-bucket/models/"},
       "ResourceConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 30},
       "StoppingCondition": {"MaxRuntimeInSeconds": 3600}},
     "End": true}
    ```

    ## References
    - SageMaker API Reference: AlgorithmSpecification, HyperParameterAlgorithmSpecification
    """

    id = "SMX105"
    name = "algorithm-name-and-image"
    severity = Severity.ERROR
    source_url = _API + "API_AlgorithmSpecification.html"

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        for definition in training_definitions(machine):
            spec = definition.block("AlgorithmSpecification")
            if spec is None or not spec.has("AlgorithmName"):
                continue
            image = spec.get("TrainingImage")
            if image is not None:
                yield Violation(
                    image.node,
                    "AlgorithmSpecification gives both AlgorithmName and TrainingImage; keep AlgorithmName for an "
                    "algorithm resource or TrainingImage for a container image",
                    on_key=True,
                )


# --------------------------------------------------------------------------------------------
# Stopping condition and managed spot training


class MaxwaitWithoutSpot(Rule):
    """## What it does
    Flags ``StoppingCondition.MaxWaitTimeInSeconds`` in a training job or tuning job
    definition whose ``EnableManagedSpotTraining`` is absent or ``false``.

    ## Why is this bad?
    SageMaker refuses the request: "Invalid MaxWaitTimeInSeconds. It is only supported when
    EnableManagedSpotTraining is set to true".  The wait time is how long a spot job may wait
    for capacity; on-demand jobs have none.

    ## Example
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createTrainingJob.sync",
     "Parameters": {"TrainingJobName.$": "States.Format('train-{}', $$.Execution.Name)",
       "RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
       "AlgorithmSpecification": {"TrainingImage": "123456789012.dkr.ecr.us-east-1.amazonaws.com/train:1",
         "TrainingInputMode": "File"},
       "OutputDataConfig": {"S3OutputPath": "s3://example-bucket/models/"},
       "ResourceConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 30},
       "StoppingCondition": {"MaxRuntimeInSeconds": 3600, "MaxWaitTimeInSeconds": 7200}},
     "End": true}
    ```

    Use instead:
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createTrainingJob.sync",
     "Parameters": {"TrainingJobName.$": "States.Format('train-{}', $$.Execution.Name)",
       "RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
       "AlgorithmSpecification": {"TrainingImage": "123456789012.dkr.ecr.us-east-1.amazonaws.com/train:1",
         "TrainingInputMode": "File"},
       "OutputDataConfig": {"S3OutputPath": "s3://example-bucket/models/"},
       "ResourceConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 30},
       "EnableManagedSpotTraining": true,
       "CheckpointConfig": {"S3Uri": "s3://example-bucket/checkpoints/"},
       "StoppingCondition": {"MaxRuntimeInSeconds": 3600, "MaxWaitTimeInSeconds": 7200}},
     "End": true}
    ```

    ## References
    - SageMaker API Reference: StoppingCondition
    - SageMaker Developer Guide: Managed Spot Training in Amazon SageMaker AI
    """

    id = "SMX106"
    name = "maxwait-without-spot"
    severity = Severity.ERROR
    source_url = _API + "API_StoppingCondition.html"

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        for definition in training_definitions(machine):
            wait = definition.get("StoppingCondition", "MaxWaitTimeInSeconds")
            if wait is None or not definition.spot_off:
                continue
            yield Violation(
                wait.node,
                f"MaxWaitTimeInSeconds applies only to managed spot training, which {definition.label} does not "
                "enable; set EnableManagedSpotTraining to true or remove MaxWaitTimeInSeconds",
                on_key=True,
            )


class MaxwaitBelowMaxruntime(Rule):
    """## What it does
    Flags a spot training job (or tuning job definition) whose
    ``StoppingCondition.MaxWaitTimeInSeconds`` is lower than ``MaxRuntimeInSeconds``; when
    ``MaxRuntimeInSeconds`` is absent it is compared with the default of 86,400 seconds.

    ## Why is this bad?
    The wait time bounds the whole job, waiting for spot capacity plus training, so it "must be
    equal to or greater than MaxRuntimeInSeconds".  SageMaker refuses the request when the state
    runs.

    ## Example
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createTrainingJob.sync",
     "Parameters": {"TrainingJobName.$": "States.Format('train-{}', $$.Execution.Name)",
       "RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
       "AlgorithmSpecification": {"TrainingImage": "123456789012.dkr.ecr.us-east-1.amazonaws.com/train:1",
         "TrainingInputMode": "File"},
       "OutputDataConfig": {"S3OutputPath": "s3://example-bucket/models/"},
       "ResourceConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 30},
       "EnableManagedSpotTraining": true,
       "CheckpointConfig": {"S3Uri": "s3://example-bucket/checkpoints/"},
       "StoppingCondition": {"MaxRuntimeInSeconds": 7200, "MaxWaitTimeInSeconds": 3600}},
     "End": true}
    ```

    Use instead:
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createTrainingJob.sync",
     "Parameters": {"TrainingJobName.$": "States.Format('train-{}', $$.Execution.Name)",
       "RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
       "AlgorithmSpecification": {"TrainingImage": "123456789012.dkr.ecr.us-east-1.amazonaws.com/train:1",
         "TrainingInputMode": "File"},
       "OutputDataConfig": {"S3OutputPath": "s3://example-bucket/models/"},
       "ResourceConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 30},
       "EnableManagedSpotTraining": true,
       "CheckpointConfig": {"S3Uri": "s3://example-bucket/checkpoints/"},
       "StoppingCondition": {"MaxRuntimeInSeconds": 7200, "MaxWaitTimeInSeconds": 14400}},
     "End": true}
    ```

    ## References
    - SageMaker API Reference: StoppingCondition
    - SageMaker Developer Guide: Managed Spot Training in Amazon SageMaker AI
    """

    id = "SMX107"
    name = "maxwait-below-maxruntime"
    severity = Severity.ERROR
    source_url = _API + "API_StoppingCondition.html"

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        for definition in training_definitions(machine):
            if not definition.spot:
                continue
            wait = definition.get("StoppingCondition", "MaxWaitTimeInSeconds")
            seconds = static_number(wait)
            runtime = definition.max_runtime()
            if wait is None or seconds is None or runtime is None or seconds >= runtime:
                continue
            given = "" if definition.get("StoppingCondition", "MaxRuntimeInSeconds") is not None else ", the default"
            yield Violation(
                wait.node,
                f"MaxWaitTimeInSeconds ({plain(seconds)}) is below MaxRuntimeInSeconds ({plain(runtime)}{given}); the wait "
                f"time bounds waiting plus training, so raise it to at least {plain(runtime)}",
            )


class SpotWithoutMaxwait(Rule):
    """## What it does
    Flags a training job or tuning job definition with ``EnableManagedSpotTraining: true`` and
    no ``StoppingCondition.MaxWaitTimeInSeconds``.

    ## Why is this bad?
    The Managed Spot Training guide says to "set EnableManagedSpotTraining to True and specify
    the MaxWaitTimeInSeconds": it is the bound on how long the job waits for spot capacity and
    is interrupted.  Without it the job's total duration is not stated by the definition.

    ## Example
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createTrainingJob.sync",
     "Parameters": {"TrainingJobName.$": "States.Format('train-{}', $$.Execution.Name)",
       "RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
       "AlgorithmSpecification": {"TrainingImage": "123456789012.dkr.ecr.us-east-1.amazonaws.com/train:1",
         "TrainingInputMode": "File"},
       "OutputDataConfig": {"S3OutputPath": "s3://example-bucket/models/"},
       "ResourceConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 30},
       "EnableManagedSpotTraining": true,
       "CheckpointConfig": {"S3Uri": "s3://example-bucket/checkpoints/"},
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
       "OutputDataConfig": {"S3OutputPath": "s3://example-bucket/models/"},
       "ResourceConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 30},
       "EnableManagedSpotTraining": true,
       "CheckpointConfig": {"S3Uri": "s3://example-bucket/checkpoints/"},
       "StoppingCondition": {"MaxRuntimeInSeconds": 3600, "MaxWaitTimeInSeconds": 7200}},
     "End": true}
    ```

    ## References
    - SageMaker Developer Guide: Managed Spot Training in Amazon SageMaker AI
    - SageMaker API Reference: StoppingCondition
    """

    id = "SMX108"
    name = "spot-without-maxwait"
    severity = Severity.WARNING
    source_url = _DG + "model-managed-spot-training.html"

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        for definition in training_definitions(machine):
            if not definition.spot:
                continue
            stopping = definition.get("StoppingCondition")
            if stopping is not None and (not stopping.is_object or stopping.has("MaxWaitTimeInSeconds")):
                continue
            flag = definition.get("EnableManagedSpotTraining")
            assert flag is not None
            yield Violation(
                flag.node,
                f"{definition.label} uses managed spot training without "
                "StoppingCondition.MaxWaitTimeInSeconds; add it, at least MaxRuntimeInSeconds, to bound the wait "
                "for spot capacity",
            )


class SpotBuiltinNoCheckpointWait(Rule):
    """## What it does
    Flags a spot training job (or tuning job definition) that runs a built-in algorithm without
    checkpoint support and sets ``MaxWaitTimeInSeconds`` above 3,600 seconds.  The algorithm is
    recognised by the repository of a literal ``TrainingImage`` in another account than the
    role (``blazingtext``, ``kmeans``, ``linear-learner``, the legacy ``xgboost`` and the other
    built-ins except Image Classification, Object Detection, Semantic Segmentation and
    ``sagemaker-xgboost``).

    ## Why is this bad?
    "If you use built-in algorithms that do not support checkpointing", an interrupted job
    restarts from scratch, and SageMaker "does not allow a maximum wait time greater than an
    hour": the request is refused.

    ## Example
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createTrainingJob.sync",
     "Parameters": {"TrainingJobName.$": "States.Format('train-{}', $$.Execution.Name)",
       "RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
       "AlgorithmSpecification": {"TrainingImage": "382416733822.dkr.ecr.us-east-1.amazonaws.com/linear-learner:1",
         "TrainingInputMode": "File"},
       "HyperParameters": {"predictor_type": "binary_classifier"},
       "OutputDataConfig": {"S3OutputPath": "s3://example-bucket/models/"},
       "ResourceConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 30},
       "EnableManagedSpotTraining": true,
       "CheckpointConfig": {"S3Uri": "s3://example-bucket/checkpoints/"},
       "StoppingCondition": {"MaxRuntimeInSeconds": 1800, "MaxWaitTimeInSeconds": 7200}},
     "End": true}
    ```

    Use instead:
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createTrainingJob.sync",
     "Parameters": {"TrainingJobName.$": "States.Format('train-{}', $$.Execution.Name)",
       "RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
       "AlgorithmSpecification": {"TrainingImage": "382416733822.dkr.ecr.us-east-1.amazonaws.com/linear-learner:1",
         "TrainingInputMode": "File"},
       "HyperParameters": {"predictor_type": "binary_classifier"},
       "OutputDataConfig": {"S3OutputPath": "s3://example-bucket/models/"},
       "ResourceConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 30},
       "EnableManagedSpotTraining": true,
       "CheckpointConfig": {"S3Uri": "s3://example-bucket/checkpoints/"},
       "StoppingCondition": {"MaxRuntimeInSeconds": 1800, "MaxWaitTimeInSeconds": 3600}},
     "End": true}
    ```

    ## References
    - SageMaker Developer Guide: Checkpoints in Amazon SageMaker AI
    - SageMaker Developer Guide: Managed Spot Training in Amazon SageMaker AI
    - SageMaker Developer Guide: Docker Registry Paths and Example Code
    """

    id = "SMX109"
    name = "spot-builtin-no-checkpoint-wait"
    severity = Severity.ERROR
    source_url = _DG + "model-checkpoints.html"

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        for definition in training_definitions(machine):
            if not definition.spot:
                continue
            wait = definition.get("StoppingCondition", "MaxWaitTimeInSeconds")
            seconds = static_number(wait)
            if wait is None or seconds is None or seconds <= BUILTIN_SPOT_MAX_WAIT_SECONDS:
                continue
            image = static_string(definition.get("AlgorithmSpecification", "TrainingImage"))
            match = _ECR_IMAGE.fullmatch(image or "")
            if match is None or match["repo"] not in NON_CHECKPOINTING_BUILTINS:
                continue
            role = _ROLE_ACCOUNT.match(static_string(definition.get("RoleArn")) or "")
            if role is not None and role.group(1) == match["account"]:
                continue  # an image in the job's own account is a custom image of the same name
            yield Violation(
                wait.node,
                f"MaxWaitTimeInSeconds is {plain(seconds)}, but the built-in algorithm {match['repo']!r} does not "
                f"checkpoint and spot jobs running it may wait at most {BUILTIN_SPOT_MAX_WAIT_SECONDS}; lower it "
                "to 3600 or train on demand",
            )


class MaxruntimeOver28Days(Rule):
    """## What it does
    Flags ``StoppingCondition.MaxRuntimeInSeconds`` above 2,419,200 seconds (28 days) in a
    training job or tuning job definition.  The model declares no maximum; the API
    documentation does (older documents said 5 days, which no longer holds).

    ## Why is this bad?
    SageMaker refuses the request: "The maximum value is 28 days".

    ## Example
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createTrainingJob.sync",
     "Parameters": {"TrainingJobName.$": "States.Format('train-{}', $$.Execution.Name)",
       "RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
       "AlgorithmSpecification": {"TrainingImage": "123456789012.dkr.ecr.us-east-1.amazonaws.com/train:1",
         "TrainingInputMode": "File"},
       "OutputDataConfig": {"S3OutputPath": "s3://example-bucket/models/"},
       "ResourceConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 30},
       "StoppingCondition": {"MaxRuntimeInSeconds": 3000000}},
     "End": true}
    ```

    Use instead:
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createTrainingJob.sync",
     "Parameters": {"TrainingJobName.$": "States.Format('train-{}', $$.Execution.Name)",
       "RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
       "AlgorithmSpecification": {"TrainingImage": "123456789012.dkr.ecr.us-east-1.amazonaws.com/train:1",
         "TrainingInputMode": "File"},
       "OutputDataConfig": {"S3OutputPath": "s3://example-bucket/models/"},
       "ResourceConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 30},
       "StoppingCondition": {"MaxRuntimeInSeconds": 2419200}},
     "End": true}
    ```

    ## References
    - SageMaker API Reference: StoppingCondition (MaxRuntimeInSeconds)
    """

    id = "SMX110"
    name = "maxruntime-over-28-days"
    severity = Severity.ERROR
    source_url = _API + "API_StoppingCondition.html"

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        for definition in training_definitions(machine):
            runtime = definition.get("StoppingCondition", "MaxRuntimeInSeconds")
            seconds = static_number(runtime)
            if runtime is not None and seconds is not None and seconds > MAX_RUNTIME_SECONDS:
                yield Violation(
                    runtime.node,
                    f"MaxRuntimeInSeconds is {plain(seconds)} ({seconds / 86_400:.1f} days); a training job may run at "
                    f"most 28 days, so lower it to {MAX_RUNTIME_SECONDS} or less",
                )


class MaxPendingCpuOnly(Rule):
    """## What it does
    Points out ``StoppingCondition.MaxPendingTimeInSeconds`` on a training job (or tuning job
    definition) whose instance types are all CPU-only (``ml.c*``, ``ml.m*``, ``ml.r*``,
    ``ml.t*``).

    ## Why is this bad?
    The setting "takes effect only for jobs that request accelerated computing instance types,
    such as instances in the ml.p, ml.g, and ml.trn families. It has no effect on jobs that
    request CPU-only instance types."  It does nothing here, and a reader may think the job's
    wait for capacity is bounded.

    ## Example
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createTrainingJob.sync",
     "Parameters": {"TrainingJobName.$": "States.Format('train-{}', $$.Execution.Name)",
       "RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
       "AlgorithmSpecification": {"TrainingImage": "123456789012.dkr.ecr.us-east-1.amazonaws.com/train:1",
         "TrainingInputMode": "File"},
       "OutputDataConfig": {"S3OutputPath": "s3://example-bucket/models/"},
       "ResourceConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 30},
       "StoppingCondition": {"MaxRuntimeInSeconds": 3600, "MaxPendingTimeInSeconds": 7200}},
     "End": true}
    ```

    Use instead:
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createTrainingJob.sync",
     "Parameters": {"TrainingJobName.$": "States.Format('train-{}', $$.Execution.Name)",
       "RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
       "AlgorithmSpecification": {"TrainingImage": "123456789012.dkr.ecr.us-east-1.amazonaws.com/train:1",
         "TrainingInputMode": "File"},
       "OutputDataConfig": {"S3OutputPath": "s3://example-bucket/models/"},
       "ResourceConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 30},
       "StoppingCondition": {"MaxRuntimeInSeconds": 3600}},
     "End": true}
    ```

    ## References
    - SageMaker API Reference: StoppingCondition (MaxPendingTimeInSeconds)
    """

    id = "SMX122"
    name = "max-pending-cpu-only"
    severity = Severity.INFO
    source_url = _API + "API_StoppingCondition.html"

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        for definition in training_definitions(machine):
            pending = definition.get("StoppingCondition", "MaxPendingTimeInSeconds")
            if pending is None:
                continue
            kinds = [kind for resource in definition.resources() for kind in instance_types(resource)]
            names = [kind.string for kind in kinds]
            if not names or not all(name and _CPU_ONLY.match(name) for name in names):
                continue
            yield Violation(
                pending.node,
                f"MaxPendingTimeInSeconds has no effect on CPU-only instance types such as {names[0]}; remove it "
                "or train on an accelerated (ml.p, ml.g, ml.trn) instance type",
                on_key=True,
            )


class SpotWithoutCheckpoint(Rule):
    """## What it does
    Flags a training job or tuning job definition with ``EnableManagedSpotTraining: true`` and
    no ``CheckpointConfig``.

    ## Why is this bad?
    Spot instances can be reclaimed at any time.  Without checkpoints in S3 an interrupted job
    starts again from the beginning, so a long job may never finish within its wait time: "Unless
    your training job will complete quickly, we recommend you use checkpointing with managed
    spot training".

    ## Example
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createTrainingJob.sync",
     "Parameters": {"TrainingJobName.$": "States.Format('train-{}', $$.Execution.Name)",
       "RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
       "AlgorithmSpecification": {"TrainingImage": "123456789012.dkr.ecr.us-east-1.amazonaws.com/train:1",
         "TrainingInputMode": "File"},
       "OutputDataConfig": {"S3OutputPath": "s3://example-bucket/models/"},
       "ResourceConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 30},
       "EnableManagedSpotTraining": true,
       "StoppingCondition": {"MaxRuntimeInSeconds": 3600, "MaxWaitTimeInSeconds": 7200}},
     "End": true}
    ```

    Use instead:
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createTrainingJob.sync",
     "Parameters": {"TrainingJobName.$": "States.Format('train-{}', $$.Execution.Name)",
       "RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
       "AlgorithmSpecification": {"TrainingImage": "123456789012.dkr.ecr.us-east-1.amazonaws.com/train:1",
         "TrainingInputMode": "File"},
       "OutputDataConfig": {"S3OutputPath": "s3://example-bucket/models/"},
       "ResourceConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 30},
       "EnableManagedSpotTraining": true,
       "CheckpointConfig": {"S3Uri": "s3://example-bucket/checkpoints/"},
       "StoppingCondition": {"MaxRuntimeInSeconds": 3600, "MaxWaitTimeInSeconds": 7200}},
     "End": true}
    ```

    ## References
    - SageMaker Developer Guide: Managed Spot Training in Amazon SageMaker AI
    - SageMaker Developer Guide: Checkpoints in Amazon SageMaker AI
    """

    id = "SMX125"
    name = "spot-without-checkpoint"
    severity = Severity.WARNING
    source_url = _DG + "model-managed-spot-training.html"

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        for definition in training_definitions(machine):
            if not definition.spot or definition.value.has("CheckpointConfig"):
                continue
            flag = definition.get("EnableManagedSpotTraining")
            assert flag is not None
            yield Violation(
                flag.node,
                f"{definition.label} uses managed spot training without CheckpointConfig; add "
                "CheckpointConfig.S3Uri so that an interrupted job resumes instead of starting over",
            )


# --------------------------------------------------------------------------------------------
# Channels and input modes


class GzipInFileMode(Rule):
    """## What it does
    Flags ``CompressionType: Gzip`` on a training channel whose effective input mode is
    ``File``: the channel's ``InputMode``, or ``AlgorithmSpecification.TrainingInputMode`` when
    the channel sets none.  Tuning job definitions are checked too.

    ## Why is this bad?
    Compressed input is decompressed only when it is streamed (Pipe mode).  SageMaker refuses
    the request: "Invalid compression type for channel train: File mode only supports NONE,
    got Gzip instead".

    ## Example
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createTrainingJob.sync",
     "Parameters": {"TrainingJobName.$": "States.Format('train-{}', $$.Execution.Name)",
       "RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
       "AlgorithmSpecification": {"TrainingImage": "123456789012.dkr.ecr.us-east-1.amazonaws.com/train:1",
         "TrainingInputMode": "File"},
       "InputDataConfig": [{"ChannelName": "train", "CompressionType": "Gzip",
         "DataSource": {"S3DataSource": {"S3DataType": "S3Prefix", "S3Uri": "s3://example-bucket/train/"}}}],
       "OutputDataConfig": {"S3OutputPath": "s3://example-bucket/models/"},
       "ResourceConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 30},
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
       "InputDataConfig": [{"ChannelName": "train", "CompressionType": "Gzip", "InputMode": "Pipe",
         "DataSource": {"S3DataSource": {"S3DataType": "S3Prefix", "S3Uri": "s3://example-bucket/train/"}}}],
       "OutputDataConfig": {"S3OutputPath": "s3://example-bucket/models/"},
       "ResourceConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 30},
       "StoppingCondition": {"MaxRuntimeInSeconds": 3600}},
     "End": true}
    ```

    ## References
    - SageMaker API Reference: Channel (CompressionType, InputMode)
    - SageMaker Developer Guide: Access Training Data
    """

    id = "SMX111"
    name = "gzip-in-file-mode"
    severity = Severity.ERROR
    source_url = _API + "API_Channel.html"

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        for _definition, channel, mode, where in _channels_in_mode(machine):
            compression = channel.get("CompressionType")
            if mode == "File" and static_string(compression) == "Gzip":
                assert compression is not None
                yield Violation(
                    compression.node,
                    f"channel {channel_name(channel)} is in File mode (from {where}), which reads only uncompressed "
                    "data; set the channel's InputMode to Pipe or store the data uncompressed and drop "
                    "CompressionType",
                )


class GzipInFastfileMode(Rule):
    """## What it does
    Flags ``CompressionType: Gzip`` on a training channel whose effective input mode is
    ``FastFile`` (set on the channel or inherited from ``AlgorithmSpecification``).

    ## Why is this bad?
    The API documents compression only for Pipe mode ("This setting is used only in Pipe input
    mode"); FastFile presents the S3 objects as files as they are, so the container would see
    the compressed bytes, if SageMaker accepts the request at all.

    ## Example
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createTrainingJob.sync",
     "Parameters": {"TrainingJobName.$": "States.Format('train-{}', $$.Execution.Name)",
       "RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
       "AlgorithmSpecification": {"TrainingImage": "123456789012.dkr.ecr.us-east-1.amazonaws.com/train:1",
         "TrainingInputMode": "FastFile"},
       "InputDataConfig": [{"ChannelName": "train", "CompressionType": "Gzip",
         "DataSource": {"S3DataSource": {"S3DataType": "S3Prefix", "S3Uri": "s3://example-bucket/train/"}}}],
       "OutputDataConfig": {"S3OutputPath": "s3://example-bucket/models/"},
       "ResourceConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 30},
       "StoppingCondition": {"MaxRuntimeInSeconds": 3600}},
     "End": true}
    ```

    Use instead:
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createTrainingJob.sync",
     "Parameters": {"TrainingJobName.$": "States.Format('train-{}', $$.Execution.Name)",
       "RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
       "AlgorithmSpecification": {"TrainingImage": "123456789012.dkr.ecr.us-east-1.amazonaws.com/train:1",
         "TrainingInputMode": "FastFile"},
       "InputDataConfig": [{"ChannelName": "train",
         "DataSource": {"S3DataSource": {"S3DataType": "S3Prefix", "S3Uri": "s3://example-bucket/train/"}}}],
       "OutputDataConfig": {"S3OutputPath": "s3://example-bucket/models/"},
       "ResourceConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 30},
       "StoppingCondition": {"MaxRuntimeInSeconds": 3600}},
     "End": true}
    ```

    ## References
    - SageMaker API Reference: Channel (CompressionType)
    - SageMaker Developer Guide: Access Training Data
    """

    id = "SMX126"
    name = "gzip-in-fastfile-mode"
    severity = Severity.WARNING
    source_url = _API + "API_Channel.html"

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        for _definition, channel, mode, where in _channels_in_mode(machine):
            compression = channel.get("CompressionType")
            if mode == "FastFile" and static_string(compression) == "Gzip":
                assert compression is not None
                yield Violation(
                    compression.node,
                    f"channel {channel_name(channel)} is in FastFile mode (from {where}), and compression is "
                    "documented only for Pipe mode; set the channel's InputMode to Pipe or store the data "
                    "uncompressed",
                )


class RecordioInFileMode(Rule):
    """## What it does
    Flags ``RecordWrapperType: RecordIO`` on a training channel whose effective input mode is
    ``File`` (set on the channel or inherited from ``AlgorithmSpecification``).

    ## Why is this bad?
    SageMaker wraps records in RecordIO only when it streams them: "In File mode, leave this
    field unset or set it to None".  Either the request is refused or the container gets data in
    a format it does not expect.

    ## Example
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createTrainingJob.sync",
     "Parameters": {"TrainingJobName.$": "States.Format('train-{}', $$.Execution.Name)",
       "RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
       "AlgorithmSpecification": {"TrainingImage": "123456789012.dkr.ecr.us-east-1.amazonaws.com/train:1",
         "TrainingInputMode": "File"},
       "InputDataConfig": [{"ChannelName": "train", "RecordWrapperType": "RecordIO",
         "DataSource": {"S3DataSource": {"S3DataType": "S3Prefix", "S3Uri": "s3://example-bucket/train/"}}}],
       "OutputDataConfig": {"S3OutputPath": "s3://example-bucket/models/"},
       "ResourceConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 30},
       "StoppingCondition": {"MaxRuntimeInSeconds": 3600}},
     "End": true}
    ```

    Use instead:
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createTrainingJob.sync",
     "Parameters": {"TrainingJobName.$": "States.Format('train-{}', $$.Execution.Name)",
       "RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
       "AlgorithmSpecification": {"TrainingImage": "123456789012.dkr.ecr.us-east-1.amazonaws.com/train:1",
         "TrainingInputMode": "Pipe"},
       "InputDataConfig": [{"ChannelName": "train", "RecordWrapperType": "RecordIO",
         "DataSource": {"S3DataSource": {"S3DataType": "S3Prefix", "S3Uri": "s3://example-bucket/train/"}}}],
       "OutputDataConfig": {"S3OutputPath": "s3://example-bucket/models/"},
       "ResourceConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 30},
       "StoppingCondition": {"MaxRuntimeInSeconds": 3600}},
     "End": true}
    ```

    ## References
    - SageMaker API Reference: Channel (RecordWrapperType)
    """

    id = "SMX112"
    name = "recordio-in-file-mode"
    severity = Severity.WARNING
    source_url = _API + "API_Channel.html"

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        for _definition, channel, mode, where in _channels_in_mode(machine):
            wrapper = channel.get("RecordWrapperType")
            if mode == "File" and static_string(wrapper) == "RecordIO":
                assert wrapper is not None
                yield Violation(
                    wrapper.node,
                    f"channel {channel_name(channel)} is in File mode (from {where}), where records are not "
                    "wrapped; set the channel's InputMode to Pipe or remove RecordWrapperType",
                )


class AugmentedManifestNeedsPipe(Rule):
    """## What it does
    Flags ``S3DataType: AugmentedManifestFile`` on a training channel whose effective input
    mode is ``File`` or ``FastFile`` (set on the channel or inherited from
    ``AlgorithmSpecification``).

    ## Why is this bad?
    The API Reference says "AugmentedManifestFile can only be used if the Channel's input mode
    is Pipe", and FastFile supports S3 prefixes only.  SageMaker refuses the request.  (One
    page of the developer guide lists augmented manifests for File mode too; if your account
    accepts it, ignore this rule for the file.)

    ## Example
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createTrainingJob.sync",
     "Parameters": {"TrainingJobName.$": "States.Format('train-{}', $$.Execution.Name)",
       "RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
       "AlgorithmSpecification": {"TrainingImage": "123456789012.dkr.ecr.us-east-1.amazonaws.com/train:1",
         "TrainingInputMode": "File"},
       "InputDataConfig": [{"ChannelName": "train", "RecordWrapperType": "RecordIO",
         "DataSource": {"S3DataSource": {"S3DataType": "AugmentedManifestFile",
           "S3Uri": "s3://example-bucket/train.manifest", "AttributeNames": ["source-ref", "label"]}}}],
       "OutputDataConfig": {"S3OutputPath": "s3://example-bucket/models/"},
       "ResourceConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 30},
       "StoppingCondition": {"MaxRuntimeInSeconds": 3600}},
     "End": true}
    ```

    Use instead:
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createTrainingJob.sync",
     "Parameters": {"TrainingJobName.$": "States.Format('train-{}', $$.Execution.Name)",
       "RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
       "AlgorithmSpecification": {"TrainingImage": "123456789012.dkr.ecr.us-east-1.amazonaws.com/train:1",
         "TrainingInputMode": "Pipe"},
       "InputDataConfig": [{"ChannelName": "train", "RecordWrapperType": "RecordIO",
         "DataSource": {"S3DataSource": {"S3DataType": "AugmentedManifestFile",
           "S3Uri": "s3://example-bucket/train.manifest", "AttributeNames": ["source-ref", "label"]}}}],
       "OutputDataConfig": {"S3OutputPath": "s3://example-bucket/models/"},
       "ResourceConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 30},
       "StoppingCondition": {"MaxRuntimeInSeconds": 3600}},
     "End": true}
    ```

    ## References
    - SageMaker API Reference: S3DataSource (S3DataType)
    - SageMaker Developer Guide: Provide Dataset Metadata to Training Jobs with an Augmented Manifest File
    """

    id = "SMX113"
    name = "augmented-manifest-needs-pipe"
    severity = Severity.ERROR
    source_url = _API + "API_S3DataSource.html"

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        for _definition, channel, mode, where in _channels_in_mode(machine):
            source = s3_source(channel)
            data_type = source.get("S3DataType") if source is not None else None
            if mode in ("File", "FastFile") and static_string(data_type) == "AugmentedManifestFile":
                assert data_type is not None
                yield Violation(
                    data_type.node,
                    f"channel {channel_name(channel)} reads an augmented manifest in {mode} mode (from {where}), "
                    "but augmented manifests need Pipe mode; set the channel's InputMode to Pipe",
                )


class ManifestInFastfileMode(Rule):
    """## What it does
    Flags ``S3DataType: ManifestFile`` on a training channel whose effective input mode is
    ``FastFile`` (set on the channel or inherited from ``AlgorithmSpecification``).  Augmented
    manifests in FastFile mode are errors, reported by ``augmented-manifest-needs-pipe``.

    ## Why is this bad?
    The developer guide says FastFile "supports S3 prefixes only (it does not support manifest
    and augmented manifest)".  The job may be refused or fail to find its data.

    ## Example
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createTrainingJob.sync",
     "Parameters": {"TrainingJobName.$": "States.Format('train-{}', $$.Execution.Name)",
       "RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
       "AlgorithmSpecification": {"TrainingImage": "123456789012.dkr.ecr.us-east-1.amazonaws.com/train:1",
         "TrainingInputMode": "FastFile"},
       "InputDataConfig": [{"ChannelName": "train",
         "DataSource": {"S3DataSource": {"S3DataType": "ManifestFile", "S3Uri": "s3://example-bucket/train.manifest"}}}],
       "OutputDataConfig": {"S3OutputPath": "s3://example-bucket/models/"},
       "ResourceConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 30},
       "StoppingCondition": {"MaxRuntimeInSeconds": 3600}},
     "End": true}
    ```

    Use instead:
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createTrainingJob.sync",
     "Parameters": {"TrainingJobName.$": "States.Format('train-{}', $$.Execution.Name)",
       "RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
       "AlgorithmSpecification": {"TrainingImage": "123456789012.dkr.ecr.us-east-1.amazonaws.com/train:1",
         "TrainingInputMode": "FastFile"},
       "InputDataConfig": [{"ChannelName": "train", "InputMode": "File",
         "DataSource": {"S3DataSource": {"S3DataType": "ManifestFile", "S3Uri": "s3://example-bucket/train.manifest"}}}],
       "OutputDataConfig": {"S3OutputPath": "s3://example-bucket/models/"},
       "ResourceConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 30},
       "StoppingCondition": {"MaxRuntimeInSeconds": 3600}},
     "End": true}
    ```

    ## References
    - SageMaker Developer Guide: Access Training Data
    - SageMaker API Reference: AlgorithmSpecification (TrainingInputMode)
    """

    id = "SMX114"
    name = "manifest-in-fastfile-mode"
    severity = Severity.WARNING
    source_url = _DG + "model-access-training-data.html"

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        for _definition, channel, mode, where in _channels_in_mode(machine):
            source = s3_source(channel)
            data_type = source.get("S3DataType") if source is not None else None
            if mode == "FastFile" and static_string(data_type) == "ManifestFile":
                assert data_type is not None
                yield Violation(
                    data_type.node,
                    f"channel {channel_name(channel)} reads a manifest file in FastFile mode (from {where}), which "
                    "supports S3 prefixes only; use S3Prefix or set the channel's InputMode to File or Pipe",
                )


class AttributeNamesMismatch(Rule):
    """## What it does
    Flags an ``S3DataSource`` of a training channel where ``AttributeNames`` and ``S3DataType``
    do not go together: an ``AugmentedManifestFile`` without ``AttributeNames``, or
    ``AttributeNames`` with another data type.

    ## Why is this bad?
    ``AttributeNames`` chooses which attributes of each augmented manifest line are sent to the
    algorithm, and only augmented manifests have attributes.  Without it the job does not get
    the fields it needs; with another data type it is ignored and the author probably meant an
    augmented manifest.

    ## Example
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createTrainingJob.sync",
     "Parameters": {"TrainingJobName.$": "States.Format('train-{}', $$.Execution.Name)",
       "RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
       "AlgorithmSpecification": {"TrainingImage": "123456789012.dkr.ecr.us-east-1.amazonaws.com/train:1",
         "TrainingInputMode": "Pipe"},
       "InputDataConfig": [{"ChannelName": "train", "RecordWrapperType": "RecordIO",
         "DataSource": {"S3DataSource": {"S3DataType": "AugmentedManifestFile",
           "S3Uri": "s3://example-bucket/train.manifest"}}}],
       "OutputDataConfig": {"S3OutputPath": "s3://example-bucket/models/"},
       "ResourceConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 30},
       "StoppingCondition": {"MaxRuntimeInSeconds": 3600}},
     "End": true}
    ```

    Use instead:
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createTrainingJob.sync",
     "Parameters": {"TrainingJobName.$": "States.Format('train-{}', $$.Execution.Name)",
       "RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
       "AlgorithmSpecification": {"TrainingImage": "123456789012.dkr.ecr.us-east-1.amazonaws.com/train:1",
         "TrainingInputMode": "Pipe"},
       "InputDataConfig": [{"ChannelName": "train", "RecordWrapperType": "RecordIO",
         "DataSource": {"S3DataSource": {"S3DataType": "AugmentedManifestFile",
           "S3Uri": "s3://example-bucket/train.manifest", "AttributeNames": ["source-ref", "label"]}}}],
       "OutputDataConfig": {"S3OutputPath": "s3://example-bucket/models/"},
       "ResourceConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 30},
       "StoppingCondition": {"MaxRuntimeInSeconds": 3600}},
     "End": true}
    ```

    ## References
    - SageMaker API Reference: S3DataSource (AttributeNames)
    - SageMaker Developer Guide: Provide Dataset Metadata to Training Jobs with an Augmented Manifest File
    """

    id = "SMX115"
    name = "attribute-names-mismatch"
    severity = Severity.WARNING
    source_url = _API + "API_S3DataSource.html"

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        for definition in training_definitions(machine):
            for channel in definition.channels():
                source = s3_source(channel)
                if source is None:
                    continue
                data_type = source.get("S3DataType")
                kind = static_string(data_type)
                attributes = source.get("AttributeNames")
                if kind == "AugmentedManifestFile" and attributes is None:
                    assert data_type is not None
                    yield Violation(
                        data_type.node,
                        f"channel {channel_name(channel)} reads an augmented manifest without AttributeNames; list "
                        "the attributes to send to the algorithm (for example source-ref and the label)",
                    )
                elif kind is not None and kind != "AugmentedManifestFile" and attributes is not None:
                    yield Violation(
                        attributes.node,
                        f"AttributeNames applies only to augmented manifests, but channel {channel_name(channel)} "
                        f"reads {kind}; remove AttributeNames or use S3DataType AugmentedManifestFile",
                        on_key=True,
                    )


class FileSystemNeedsVpc(Rule):
    """## What it does
    Flags a training channel with a ``FileSystemDataSource`` (Amazon EFS or FSx for Lustre) in
    a training job or tuning job definition without ``VpcConfig``.

    ## Why is this bad?
    The file system is reached through its mount targets in your VPC: "Your training job must
    connect to a VPC to access Amazon EFS" (FSx for Lustre likewise).  Without ``VpcConfig``
    the job cannot mount it and fails.

    ## Example
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createTrainingJob.sync",
     "Parameters": {"TrainingJobName.$": "States.Format('train-{}', $$.Execution.Name)",
       "RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
       "AlgorithmSpecification": {"TrainingImage": "123456789012.dkr.ecr.us-east-1.amazonaws.com/train:1",
         "TrainingInputMode": "File"},
       "InputDataConfig": [{"ChannelName": "train",
         "DataSource": {"FileSystemDataSource": {"FileSystemId": "fs-0123456789abcdef0",
           "FileSystemType": "EFS", "FileSystemAccessMode": "ro", "DirectoryPath": "/train"}}}],
       "OutputDataConfig": {"S3OutputPath": "s3://example-bucket/models/"},
       "ResourceConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 30},
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
       "InputDataConfig": [{"ChannelName": "train",
         "DataSource": {"FileSystemDataSource": {"FileSystemId": "fs-0123456789abcdef0",
           "FileSystemType": "EFS", "FileSystemAccessMode": "ro", "DirectoryPath": "/train"}}}],
       "OutputDataConfig": {"S3OutputPath": "s3://example-bucket/models/"},
       "ResourceConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 30},
       "VpcConfig": {"SecurityGroupIds": ["sg-0123456789abcdef0"], "Subnets": ["subnet-0123456789abcdef0"]},
       "StoppingCondition": {"MaxRuntimeInSeconds": 3600}},
     "End": true}
    ```

    ## References
    - SageMaker Developer Guide: Access Training Data (Amazon EFS, Amazon FSx for Lustre)
    - SageMaker API Reference: FileSystemDataSource
    """

    id = "SMX116"
    name = "file-system-needs-vpc"
    severity = Severity.ERROR
    source_url = _DG + "model-access-training-data.html"

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        for definition in training_definitions(machine):
            if definition.value.has("VpcConfig"):
                continue
            for channel in definition.channels():
                source = channel.get("DataSource", "FileSystemDataSource")
                if source is not None:
                    yield Violation(
                        source.node,
                        f"channel {channel_name(channel)} reads a file system, which {definition.label} can reach "
                        "only inside a VPC; add VpcConfig with subnets that reach the file system's mount targets",
                        on_key=True,
                    )


class InstanceGroupChannels(Rule):
    """## What it does
    Checks the channels of a heterogeneous cluster (``ResourceConfig.InstanceGroups``): each
    name in a channel's ``S3DataSource.InstanceGroupNames`` must be a group of the cluster, and
    when one channel names groups every S3 channel must; group names must be unique, and
    ``InstanceGroupNames`` needs ``InstanceGroups``.

    ## Why is this bad?
    SageMaker refuses the request, for example "Some channels have assigned instance groups:
    [train] while others not: [code]".

    ## Example
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createTrainingJob.sync",
     "Parameters": {"TrainingJobName.$": "States.Format('train-{}', $$.Execution.Name)",
       "RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
       "AlgorithmSpecification": {"TrainingImage": "123456789012.dkr.ecr.us-east-1.amazonaws.com/train:1",
         "TrainingInputMode": "File"},
       "InputDataConfig": [{"ChannelName": "train",
         "DataSource": {"S3DataSource": {"S3DataType": "S3Prefix", "S3Uri": "s3://example-bucket/train/",
           "InstanceGroupNames": ["gpu"]}}}],
       "OutputDataConfig": {"S3OutputPath": "s3://example-bucket/models/"},
       "ResourceConfig": {"VolumeSizeInGB": 30,
         "InstanceGroups": [{"InstanceGroupName": "cpu", "InstanceType": "ml.c5.xlarge", "InstanceCount": 1}]},
       "EnableInterContainerTrafficEncryption": true,
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
       "InputDataConfig": [{"ChannelName": "train",
         "DataSource": {"S3DataSource": {"S3DataType": "S3Prefix", "S3Uri": "s3://example-bucket/train/",
           "InstanceGroupNames": ["cpu"]}}}],
       "OutputDataConfig": {"S3OutputPath": "s3://example-bucket/models/"},
       "ResourceConfig": {"VolumeSizeInGB": 30,
         "InstanceGroups": [{"InstanceGroupName": "cpu", "InstanceType": "ml.c5.xlarge", "InstanceCount": 1}]},
       "EnableInterContainerTrafficEncryption": true,
       "StoppingCondition": {"MaxRuntimeInSeconds": 3600}},
     "End": true}
    ```

    ## References
    - SageMaker Developer Guide: Train Using a Heterogeneous Cluster
    - SageMaker API Reference: InstanceGroup, S3DataSource (InstanceGroupNames)
    """

    id = "SMX117"
    name = "instance-group-channels"
    severity = Severity.ERROR
    source_url = _DG + "train-heterogeneous-cluster.html"

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        for definition in training_definitions(machine):
            resource = definition.block("ResourceConfig")
            groups = resource.get("InstanceGroups") if resource is not None else None
            defined: set[str] | None = set()
            for group in groups.items() if groups is not None else ():
                name_value = group.get("InstanceGroupName")
                name = static_string(name_value)
                if name is None or defined is None:
                    defined = None
                    continue
                if name in defined:
                    assert name_value is not None
                    yield Violation(
                        name_value.node, f"instance group {name!r} is defined twice; give each group its own name"
                    )
                defined.add(name)
            if groups is not None and not groups.is_array:
                defined = None
            assigned: list[Value] = []
            unassigned: list[tuple[Value, Value]] = []
            for channel in definition.channels():
                source = s3_source(channel)
                if source is None:
                    continue
                names = source.get("InstanceGroupNames")
                if names is None:
                    unassigned.append((channel, source))
                    continue
                assigned.append(channel)
                if resource is not None and groups is None:
                    yield Violation(
                        names.node,
                        f"channel {channel_name(channel)} names instance groups, but ResourceConfig defines no "
                        "InstanceGroups; define the groups or remove InstanceGroupNames",
                        on_key=True,
                    )
                    continue
                for item in names.items():
                    if defined is not None and item.string is not None and item.string not in defined:
                        known = ", ".join(sorted(defined)) or "none"
                        yield Violation(
                            item.node,
                            f"channel {channel_name(channel)} names instance group {item.string!r}, which "
                            f"ResourceConfig.InstanceGroups does not define (groups: {known}); use one of them",
                        )
            if groups is None or not assigned:
                continue
            named = ", ".join(channel_name(channel) for channel in assigned)
            for channel, source in unassigned:
                yield Violation(
                    source.node,
                    f"channel {channel_name(channel)} names no instance group while {named} does; with instance "
                    "groups every channel must list InstanceGroupNames",
                    on_key=True,
                )


class DataSourceExactlyOne(Rule):
    """## What it does
    Flags a training channel whose ``DataSource`` does not hold exactly one of
    ``S3DataSource``, ``FileSystemDataSource`` and ``DatasetSource``.  The model marks all
    three optional, so the shape check cannot see it.

    ## Why is this bad?
    A channel reads from one place.  With none SageMaker has nothing to read and refuses the
    request; with two it is ambiguous which one is meant.

    ## Example
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createTrainingJob.sync",
     "Parameters": {"TrainingJobName.$": "States.Format('train-{}', $$.Execution.Name)",
       "RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
       "AlgorithmSpecification": {"TrainingImage": "123456789012.dkr.ecr.us-east-1.amazonaws.com/train:1",
         "TrainingInputMode": "File"},
       "InputDataConfig": [{"ChannelName": "train", "DataSource": {}}],
       "OutputDataConfig": {"S3OutputPath": "s3://example-bucket/models/"},
       "ResourceConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 30},
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
       "InputDataConfig": [{"ChannelName": "train",
         "DataSource": {"S3DataSource": {"S3DataType": "S3Prefix", "S3Uri": "s3://example-bucket/train/"}}}],
       "OutputDataConfig": {"S3OutputPath": "s3://example-bucket/models/"},
       "ResourceConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 30},
       "StoppingCondition": {"MaxRuntimeInSeconds": 3600}},
     "End": true}
    ```

    ## References
    - SageMaker API Reference: DataSource
    """

    id = "SMX120"
    name = "data-source-exactly-one"
    severity = Severity.ERROR
    source_url = _API + "API_DataSource.html"

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        for definition in training_definitions(machine):
            for channel in definition.channels():
                source = channel.get("DataSource")
                if source is None or not source.is_object:
                    continue
                given = [member for member in source.members() if member.name in _DATA_SOURCES]
                if not given and not any(True for _ in source.members()):
                    yield Violation(
                        source.node,
                        f"the DataSource of channel {channel_name(channel)} is empty; give S3DataSource, "
                        "FileSystemDataSource or DatasetSource",
                        on_key=True,
                    )
                for extra in given[1:]:
                    yield Violation(
                        extra.node,
                        f"the DataSource of channel {channel_name(channel)} gives both {given[0].name} and "
                        f"{extra.name}; a channel reads from one source, so keep one",
                        on_key=True,
                    )


class ShardedSingleInstance(Rule):
    """## What it does
    Points out ``S3DataDistributionType: ShardedByS3Key`` on a training channel when the job
    (or the instance groups the channel feeds) has a single instance.

    ## Why is this bad?
    Sharding splits the S3 objects between instances; with one instance it has no effect, and
    it usually means the instance count or the distribution type is not what the author
    intended.

    ## Example
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createTrainingJob.sync",
     "Parameters": {"TrainingJobName.$": "States.Format('train-{}', $$.Execution.Name)",
       "RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
       "AlgorithmSpecification": {"TrainingImage": "123456789012.dkr.ecr.us-east-1.amazonaws.com/train:1",
         "TrainingInputMode": "File"},
       "InputDataConfig": [{"ChannelName": "train",
         "DataSource": {"S3DataSource": {"S3DataType": "S3Prefix", "S3Uri": "s3://example-bucket/train/",
           "S3DataDistributionType": "ShardedByS3Key"}}}],
       "OutputDataConfig": {"S3OutputPath": "s3://example-bucket/models/"},
       "ResourceConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 30},
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
       "InputDataConfig": [{"ChannelName": "train",
         "DataSource": {"S3DataSource": {"S3DataType": "S3Prefix", "S3Uri": "s3://example-bucket/train/",
           "S3DataDistributionType": "FullyReplicated"}}}],
       "OutputDataConfig": {"S3OutputPath": "s3://example-bucket/models/"},
       "ResourceConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 30},
       "StoppingCondition": {"MaxRuntimeInSeconds": 3600}},
     "End": true}
    ```

    ## References
    - SageMaker API Reference: S3DataSource (S3DataDistributionType)
    """

    id = "SMX121"
    name = "sharded-single-instance"
    severity = Severity.INFO
    source_url = _API + "API_S3DataSource.html"

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        for definition in training_definitions(machine):
            for channel in definition.channels():
                source = s3_source(channel)
                if source is None:
                    continue
                distribution = source.get("S3DataDistributionType")
                if static_string(distribution) != "ShardedByS3Key":
                    continue
                names = source.get("InstanceGroupNames")
                groups: set[str] | None = None
                if names is not None:
                    listed = [item.string for item in names.items()]
                    if not names.is_array or None in listed:
                        continue
                    groups = {name for name in listed if name is not None}
                if definition.total_instances(groups) == 1:
                    assert distribution is not None
                    yield Violation(
                        distribution.node,
                        f"channel {channel_name(channel)} is sharded by S3 key, but only one instance reads it; use "
                        "FullyReplicated or train on more instances",
                    )


class DuplicateChannelName(Rule):
    """## What it does
    Flags a ``ChannelName`` used twice in the ``InputDataConfig`` of a training job or tuning
    job definition.

    ## Why is this bad?
    Each channel becomes the directory ``/opt/ml/input/data/<ChannelName>`` (or the pipe of that
    name) in the container; two channels of one name cannot both be delivered, so one data set
    is lost or the request is refused.

    ## Example
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createTrainingJob.sync",
     "Parameters": {"TrainingJobName.$": "States.Format('train-{}', $$.Execution.Name)",
       "RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
       "AlgorithmSpecification": {"TrainingImage": "123456789012.dkr.ecr.us-east-1.amazonaws.com/train:1",
         "TrainingInputMode": "File"},
       "InputDataConfig": [
         {"ChannelName": "train",
          "DataSource": {"S3DataSource": {"S3DataType": "S3Prefix", "S3Uri": "s3://example-bucket/train/"}}},
         {"ChannelName": "train",
          "DataSource": {"S3DataSource": {"S3DataType": "S3Prefix", "S3Uri": "s3://example-bucket/validation/"}}}],
       "OutputDataConfig": {"S3OutputPath": "s3://example-bucket/models/"},
       "ResourceConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 30},
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
       "InputDataConfig": [
         {"ChannelName": "train",
          "DataSource": {"S3DataSource": {"S3DataType": "S3Prefix", "S3Uri": "s3://example-bucket/train/"}}},
         {"ChannelName": "validation",
          "DataSource": {"S3DataSource": {"S3DataType": "S3Prefix", "S3Uri": "s3://example-bucket/validation/"}}}],
       "OutputDataConfig": {"S3OutputPath": "s3://example-bucket/models/"},
       "ResourceConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 30},
       "StoppingCondition": {"MaxRuntimeInSeconds": 3600}},
     "End": true}
    ```

    ## References
    - SageMaker API Reference: Channel (ChannelName)
    - SageMaker Developer Guide: How Amazon SageMaker AI Provides Training Information
    """

    id = "SMX123"
    name = "duplicate-channel-name"
    severity = Severity.WARNING
    source_url = _API + "API_Channel.html"

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        for definition in training_definitions(machine):
            seen: set[str] = set()
            for channel in definition.channels():
                value = channel.get("ChannelName")
                name = static_string(value)
                if name is None:
                    continue
                if name in seen:
                    assert value is not None
                    yield Violation(
                        value.node,
                        f"channel name {name!r} is used by an earlier channel too; give each channel its own name",
                    )
                seen.add(name)


# --------------------------------------------------------------------------------------------
# Warm pools, hyperparameters, output


class WarmPoolConstraints(Rule):
    """## What it does
    Flags a warm pool (``ResourceConfig.KeepAlivePeriodInSeconds`` above 0) that SageMaker's
    warm-pool guide rules out: together with managed spot training, together with
    ``InstanceGroups`` (heterogeneous clusters), or longer than 3,600 seconds, the documented
    maximum (the API model, checked elsewhere, allows up to 21,600).

    ## Why is this bad?
    "Warm pools cannot be used with heterogeneous cluster training" or "with spot instances";
    the job may be refused, or run without the pool you expect.  A pool kept longer than an
    hour is billed all that time, and the warm-pool guide documents one hour as the maximum.

    ## Example
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createTrainingJob.sync",
     "Parameters": {"TrainingJobName.$": "States.Format('train-{}', $$.Execution.Name)",
       "RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
       "AlgorithmSpecification": {"TrainingImage": "123456789012.dkr.ecr.us-east-1.amazonaws.com/train:1",
         "TrainingInputMode": "File"},
       "OutputDataConfig": {"S3OutputPath": "s3://example-bucket/models/"},
       "ResourceConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 30,
         "KeepAlivePeriodInSeconds": 1800},
       "EnableManagedSpotTraining": true,
       "CheckpointConfig": {"S3Uri": "s3://example-bucket/checkpoints/"},
       "StoppingCondition": {"MaxRuntimeInSeconds": 3600, "MaxWaitTimeInSeconds": 7200}},
     "End": true}
    ```

    Use instead:
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createTrainingJob.sync",
     "Parameters": {"TrainingJobName.$": "States.Format('train-{}', $$.Execution.Name)",
       "RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
       "AlgorithmSpecification": {"TrainingImage": "123456789012.dkr.ecr.us-east-1.amazonaws.com/train:1",
         "TrainingInputMode": "File"},
       "OutputDataConfig": {"S3OutputPath": "s3://example-bucket/models/"},
       "ResourceConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 30,
         "KeepAlivePeriodInSeconds": 1800},
       "StoppingCondition": {"MaxRuntimeInSeconds": 3600}},
     "End": true}
    ```

    ## References
    - SageMaker Developer Guide: SageMaker AI Managed Warm Pools
    - SageMaker API Reference: ResourceConfig (KeepAlivePeriodInSeconds)
    """

    id = "SMX118"
    name = "warm-pool-constraints"
    severity = Severity.WARNING
    source_url = _DG + "train-warm-pools.html"

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        for definition in training_definitions(machine):
            resource = definition.block("ResourceConfig")
            keep = resource.get("KeepAlivePeriodInSeconds") if resource is not None else None
            seconds = static_number(keep)
            if resource is None or keep is None or seconds is None or seconds <= 0:
                continue
            if definition.spot:
                yield Violation(
                    keep.node,
                    "warm pools cannot be used with managed spot training; remove KeepAlivePeriodInSeconds or "
                    "turn spot training off",
                )
            if resource.has("InstanceGroups"):
                yield Violation(
                    keep.node,
                    "warm pools cannot be used with a heterogeneous cluster (InstanceGroups); remove "
                    "KeepAlivePeriodInSeconds or use InstanceType and InstanceCount",
                )
            if seconds > WARM_POOL_DOCUMENTED_MAX_SECONDS:
                yield Violation(
                    keep.node,
                    f"KeepAlivePeriodInSeconds is {plain(seconds)}, above the {WARM_POOL_DOCUMENTED_MAX_SECONDS} seconds "
                    "the warm-pool guide allows, and the pool is billed all that time; lower it to 3600 or less",
                )


class LongHyperparameterValue(Rule):
    """## What it does
    Flags a hyperparameter value (``HyperParameters`` of a training job, ``StaticHyperParameters``
    of a tuning job definition) longer than 256 characters.  Values above 2,500 characters, the
    model's maximum, are errors of the shape check.

    ## Why is this bad?
    The API documentation still says "Each key and value is limited to 256 characters"; only
    the model allows 2,500.  Long values are usually whole configuration files or JSON
    documents, which belong in S3 (an input channel) rather than in the request.

    ## Example
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createTrainingJob.sync",
     "Parameters": {"TrainingJobName.$": "States.Format('train-{}', $$.Execution.Name)",
       "RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
       "AlgorithmSpecification": {"TrainingImage": "123456789012.dkr.ecr.us-east-1.amazonaws.com/train:1",
         "TrainingInputMode": "File"},
       "HyperParameters": {"features": "age,income,tenure,plan,region,device,channel,segment,visits_7d,visits_30d,visits_90d,spend_7d,spend_30d,spend_90d,tickets_7d,tickets_30d,tickets_90d,logins_7d,logins_30d,logins_90d,discount_7d,discount_30d,discount_90d,refunds_7d,refunds_30d,refunds_90d,nps"},
       "OutputDataConfig": {"S3OutputPath": "s3://example-bucket/models/"},
       "ResourceConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 30},
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
       "HyperParameters": {"feature_list": "/opt/ml/input/data/config/features.txt"},
       "InputDataConfig": [{"ChannelName": "config",
         "DataSource": {"S3DataSource": {"S3DataType": "S3Prefix", "S3Uri": "s3://example-bucket/config/"}}}],
       "OutputDataConfig": {"S3OutputPath": "s3://example-bucket/models/"},
       "ResourceConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 30},
       "StoppingCondition": {"MaxRuntimeInSeconds": 3600}},
     "End": true}
    ```

    ## References
    - SageMaker API Reference: CreateTrainingJob (HyperParameters)
    """

    id = "SMX119"
    name = "long-hyperparameter-value"
    severity = Severity.WARNING
    source_url = _API + "API_CreateTrainingJob.html"

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        model_max = 2_500  # HyperParameterValue.max (botocore 1.44.8); longer values are SMS006
        for definition in training_definitions(machine):
            hyperparameters = definition.hyperparameters
            for entry in hyperparameters.members() if hyperparameters is not None else ():
                text = entry.string
                if text is not None and HYPERPARAMETER_PROSE_MAX < len(text) <= model_max:
                    yield Violation(
                        entry.node,
                        f"hyperparameter {entry.name!r} is {len(text)} characters long, over the "
                        f"{HYPERPARAMETER_PROSE_MAX} the API documentation allows; pass long settings as a file in "
                        "an input channel",
                    )


class OutputKmsS3Express(Rule):
    """## What it does
    Flags ``OutputDataConfig.KmsKeyId`` when ``S3OutputPath`` is an S3 Express One Zone
    directory bucket (a bucket name ending in ``--x-s3``), in a training job or tuning job
    definition.

    ## Why is this bad?
    "KMS key is not supported for Amazon S3 Express One Zone": the request is refused or the
    key is not applied; directory buckets are encrypted with their own bucket settings.

    ## Example
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createTrainingJob.sync",
     "Parameters": {"TrainingJobName.$": "States.Format('train-{}', $$.Execution.Name)",
       "RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
       "AlgorithmSpecification": {"TrainingImage": "123456789012.dkr.ecr.us-east-1.amazonaws.com/train:1",
         "TrainingInputMode": "File"},
       "OutputDataConfig": {"S3OutputPath": "s3://models--use1-az4--x-s3/churn/",
         "KmsKeyId": "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"},
       "ResourceConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 30},
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
       "OutputDataConfig": {"S3OutputPath": "s3://models--use1-az4--x-s3/churn/"},
       "ResourceConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 30},
       "StoppingCondition": {"MaxRuntimeInSeconds": 3600}},
     "End": true}
    ```

    ## References
    - SageMaker API Reference: OutputDataConfig (KmsKeyId)
    - Amazon S3 User Guide: Directory bucket naming rules
    """

    id = "SMX124"
    name = "output-kms-s3-express"
    severity = Severity.WARNING
    source_url = _API + "API_OutputDataConfig.html"

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        for definition in training_definitions(machine):
            output = definition.block("OutputDataConfig")
            if output is None:
                continue
            key = output.get("KmsKeyId")
            path = static_string(output.get("S3OutputPath"))
            if key is None or key.string == "" or path is None or not _S3_EXPRESS_BUCKET.match(path):
                continue
            yield Violation(
                key.node,
                "KmsKeyId is not supported when S3OutputPath is an S3 Express One Zone directory bucket; remove it "
                "or write the output to a general purpose bucket",
                on_key=True,
            )


RULES: list[type[Rule]] = [
    ClusterDefinition,
    VolumeKmsOnInstanceStore,
    AlgorithmNameAndImage,
    MaxwaitWithoutSpot,
    MaxwaitBelowMaxruntime,
    SpotWithoutMaxwait,
    SpotBuiltinNoCheckpointWait,
    MaxruntimeOver28Days,
    GzipInFileMode,
    RecordioInFileMode,
    AugmentedManifestNeedsPipe,
    ManifestInFastfileMode,
    AttributeNamesMismatch,
    FileSystemNeedsVpc,
    InstanceGroupChannels,
    WarmPoolConstraints,
    LongHyperparameterValue,
    DataSourceExactlyOne,
    ShardedSingleInstance,
    MaxPendingCpuOnly,
    DuplicateChannelName,
    OutputKmsS3Express,
    SpotWithoutCheckpoint,
    GzipInFastfileMode,
]
